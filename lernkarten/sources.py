"""Reading texts to learn from: plain text, Markdown, web pages (saved or by address), standard input.

A source becomes a `SourceText`: the body to analyse plus a `Source` record (title, date,
attribution) that travels to the cards. The attribution line ("Dieser Beitrag ist ... erschienen
in ...", "© ...") is credit, not German to learn, so it is kept apart from the body. Anything
that is not a German article (empty, binary, undecodable, another language, far too long) is
refused with one clear line.
"""

from __future__ import annotations

import hashlib
import re
import stat
import sys
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lernkarten.entries import Source
from lernkarten.errors import SourceError
from lernkarten.plaintext import without_controls

#: An article is a few thousand words; a book is not an article. Characters of extracted text.
MAX_CHARS = 300_000
#: Bytes read from a file before giving up on it (a saved web page carries a lot of markup).
MAX_BYTES = 5_000_000
#: How long opening a named pipe may wait for its writer before the user is told what is waited for.
FIFO_NOTICE_SECONDS = 1.0
TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

_LANGUAGE_NAMES = {
    "de": "German", "en": "English", "fr": "French", "nl": "Dutch", "es": "Spanish",
    "it": "Italian", "pl": "Polish", "pt": "Portuguese", "ru": "Russian", "tr": "Turkish",
    "da": "Danish", "sv": "Swedish", "cs": "Czech",
}

#: Words common in every German text and found in none of the other languages above (not
#: die, den, des, mit, es, im, wie: Dutch, Danish, French, Spanish or Polish have them too).
_GERMAN_ONLY_WORDS = frozenset(
    "der und ist nicht sich auf für dem ein eine einer auch dass wird werden wurde sind zum zur über von aus"
    " bei nach hat haben sie noch".split())
#: The share of a text's words they make up in German: 8% or more in every run of ten UD German
#: GSD sentences (18% in news); 0.3% in English prose.
GERMAN_SHARE = 0.08

_ATTRIBUTION = re.compile(
    r"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|:|\d{4})|quelle\s*:|dieser (?:beitrag|artikel|text) (?:ist|wurde|erschien)"
    r"|alle rechte vorbehalten|zur verfügung gestellt|mit freundlicher genehmigung"
    r"|source\s*:|lizenz\s*:|license\s*:)",
    re.IGNORECASE,
)
#: Byte order marks of UTF-32 and UTF-16; UTF-32's first, as UTF-32LE's begins with UTF-16LE's.
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: A word a German text cannot do without: two letters or more of the German alphabet.
_GERMAN_WORD = re.compile(r"[A-Za-zÄÖÜäöüßẞ]{2,}")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)


@dataclass
class SourceText:
    """A text ready for analysis: its body and the record that credits it."""

    source: Source
    body: str


def read_source(path: str, *, force: bool = False) -> SourceText:
    """Read a text file, Markdown file, saved web page, web address, or `-` (standard input) into a SourceText."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.webfetch import is_web_address

    if is_web_address(path):
        return read_web_page(path, force=force)
    if path == "-":
        return parse_source(_read_stdin(), name="stdin", suffix=".txt", display="standard input", force=force)
    file = Path(path)
    if not file.exists():
        raise SourceError(f"{path}: no such file")
    if file.is_dir():
        raise SourceError(f"{path} is a directory; give the text files in it (e.g. {path}/*.txt)")
    try:
        with _open_text_file(file, path) as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_source(raw, name=file.stem, suffix=file.suffix.lower(), display=path, force=force)


def _read_stdin() -> bytes:
    """The bytes of standard input; a closed or unreadable one is a clear line, not a traceback."""
    # Python makes sys.stdin None when the shell closed it (`0<&-`)
    if sys.stdin is None:
        raise SourceError("standard input is closed: pipe the text in, or give a file instead of -")
    try:
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise SourceError(f"standard input: cannot read ({reason})") from None


def _open_text_file(file: Path, display: str):  # type: ignore[no-untyped-def]
    """Open a text to read; a named pipe waits for its writer, and after a second says so once.

    Without the notice a pipe nobody writes to looks like lernkarten hanging.
    """
    if not stat.S_ISFIFO(file.stat().st_mode):
        return open(file, "rb")
    notice = threading.Timer(FIFO_NOTICE_SECONDS, lambda: print(
        f"lernkarten: waiting for input on FIFO {display}", file=sys.stderr, flush=True))
    notice.daemon = True
    notice.start()
    try:
        return open(file, "rb")
    finally:
        notice.cancel()


def read_web_page(url: str, *, force: bool = False, timeout: float | None = None) -> SourceText:
    """Fetch the page at `url` and read it as a saved page of that address would be read."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.webfetch import fetch_page

    page = fetch_page(url, max_bytes=MAX_BYTES, timeout=timeout)
    raw = page.body
    if page.charset:
        # the server's charset outranks guessing; one that does not fit the bytes is ignored
        try:
            raw = raw.decode(page.charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            pass
    return parse_source(raw, name=source_stem(page.url), suffix=".html" if page.is_html else ".txt",
                        display=url, force=force, url=page.url)


def source_stem(path: str) -> str:
    """The name a source's deck and id are made from: the file's stem, or the last part of an address."""
    from urllib.parse import urlsplit

    # deferred: read only when this runs (start-up time)
    from lernkarten.webfetch import is_web_address

    if not is_web_address(path):
        return Path(path).stem
    parts = urlsplit(path)
    segments = [s for s in parts.path.split("/") if s]
    stem = Path(segments[-1]).stem if segments else ""
    return _slug(stem) if stem and _slug(stem) != "text" else _slug(parts.hostname or "page")


def parse_source(raw: bytes, *, name: str, suffix: str, display: str, force: bool = False,
                 url: str = "") -> SourceText:
    """Turn the bytes of a source into a SourceText, refusing what is not a German article.

    `url` is the address a fetched page came from: it is the source's address, and its host the
    site to credit when the page names none.
    """
    if len(raw) > MAX_BYTES:
        raise SourceError(f"{display} is larger than {MAX_BYTES // 1_000_000} MB; lernkarten reads articles, not books")
    if _looks_binary(raw):
        raise SourceError(f"{display} looks like binary data, not text")
    text = clean_text(decode(raw, display))
    fetched_from = url
    title = date = site = ""
    if suffix in HTML_SUFFIXES or (suffix in TEXT_SUFFIXES and _looks_like_html(text)):
        text, title, date, page_url, site = _extract_html(text, display, url)
        url = url or page_url
    elif suffix in MARKDOWN_SUFFIXES:
        text = _strip_markdown(text)
    if not text.strip():
        raise SourceError(f"{display} holds no text")
    if not _GERMAN_WORD.search(text):
        raise SourceError(f"{display}: no German words found (is it a German text?)")
    if len(text) > MAX_CHARS:
        raise SourceError(
            f"{display} has {len(text):,} characters; the limit is {MAX_CHARS:,} (about 40,000 words)"
        )
    body, attribution = split_attribution(text)
    if not body.strip():
        raise SourceError(f"{display} holds only a credit line, no text to learn from")
    if not force:
        check_german(body, display)
    if not title:
        title = _first_line(body)
    if fetched_from and not site:
        from urllib.parse import urlsplit

        site = (urlsplit(fetched_from).hostname or "").removeprefix("www.")
    if not attribution and site:
        attribution = f"Quelle: {site}"
    source = Source(
        id=_slug(name),
        title=title,
        attribution=attribution,
        date=date or _date_from_name(name) or _date_from_attribution(attribution),
        path="" if display == "standard input" or fetched_from else _portable_path(display),
        url=url,
        sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
    )
    return SourceText(source=source, body=body)


def decode(raw: bytes, display: str) -> str:
    """Bytes to text: strict UTF-8 first, then Windows-1252 (German Latin-1 texts), then detection.

    charset-normalizer alone misreads short Latin-1 German (RESOURCES.md), so it comes last.
    """
    if raw.startswith(_UTF32_BOMS):
        try:
            return raw.decode("utf-32")
        except UnicodeDecodeError:
            raise SourceError(f"{display} begins with the mark of UTF-32 text but is not UTF-32; "
                              "save it again as UTF-8") from None
    if raw.startswith(_UTF16_BOMS):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    # UTF-8 with a few broken bytes would come out of Windows-1252 as "wÃ¤re" on every card
    lenient = raw.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd")
    well_formed = sum(1 for c in lenient if ord(c) > 127) - broken
    if well_formed > 2 * broken:
        raise SourceError(f"{display} is UTF-8 with {broken} broken byte(s) (the first at byte {first_bad}); "
                          "repair it or save it again as UTF-8")
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        pass  # one of the five bytes Windows-1252 leaves undefined
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise SourceError(f"{display}: cannot decode its bytes as text (not UTF-8, not Windows-1252)")
    return str(best)


def clean_text(text: str) -> str:
    """NFC-normalise, unify line ends, drop soft hyphens and zero-width characters, spaces for NBSP.

    Control characters go too (ESC, bidi overrides): they would reach the deck's titles and
    sentences, and from there Anki and the terminal.
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u202f", " ")
    return without_controls(text.replace("\f", "\n").replace("\v", "\n"))


def split_attribution(text: str) -> tuple[str, str]:
    """The text without its credit lines, and those lines joined (empty when there are none).

    Only lines at the very end or the very start count: a sentence in the middle that
    mentions a source is part of the article.
    """
    lines = text.strip().split("\n")
    credit: list[str] = []
    while lines and (_ATTRIBUTION.search(lines[-1].strip()) or not lines[-1].strip()):
        line = lines.pop().strip()
        if line:
            credit.insert(0, line)
    while lines and _ATTRIBUTION.search(lines[0].strip()):
        credit.append(lines.pop(0).strip())
    return "\n".join(lines).strip(), " ".join(credit)


def check_german(text: str, display: str) -> None:
    """Refuse a text whose language is clearly not German, naming the language it looks like."""
    sample = text[:5000]
    words = re.findall(r"\w+", sample.lower())
    if len(words) < 3:
        return  # too short to tell; a headline-only text is still German to learn
    if len(words) >= 50 and sum(word in _GERMAN_ONLY_WORDS for word in words) >= GERMAN_SHARE * len(words):
        return  # plainly German: loading the language model costs most of a second
    # deferred: the model is loaded only for a text the words above leave in doubt (start-up time)
    import py3langid.langid as langid

    langid.set_languages(list(_LANGUAGE_NAMES))
    language, _score = langid.classify(sample)
    if language != "de":
        name = _LANGUAGE_NAMES.get(language, language)
        raise SourceError(f"{display} looks like {name}, not German (use --force to go on anyway)")


def _looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    if head.startswith(_UTF32_BOMS + _UTF16_BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def _looks_like_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


def _extract_html(html: str, display: str, url: str = "") -> tuple[str, str, str, str, str]:
    """Main text, title, date, URL and site name of a web page (`url`: where it was fetched, if it was)."""
    import json

    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # its timer uses signals: not in worker threads
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "50")
    result = trafilatura.extract(html, url=url or None, output_format="json", with_metadata=True, config=config,
                                 include_comments=False, include_tables=False)
    if not result:
        raise SourceError(f"{display}: found no article text in this web page")
    data = json.loads(result)
    text = clean_text(data.get("text") or "")
    return (text, clean_text(data.get("title") or ""), data.get("date") or "",
            data.get("source") or data.get("url") or "", data.get("source-hostname") or data.get("hostname") or "")


def _strip_markdown(text: str) -> str:
    """Markdown to plain sentences: keep the words, drop the markup."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1", r"\2", text)
    text = re.sub(r"^\s*([-*_]\s*){3,}$", "", text, flags=re.M)
    return text


def _portable_path(path: str) -> str:
    """The path as the deck records it: relative to the current folder when inside it, else the file's name.

    A deck shared with others (or rebuilt in another clone) should not carry one machine's folders.
    """
    file = Path(path)
    if not file.is_absolute():
        return file.as_posix()
    try:
        return file.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return file.name


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0].strip()
    return line if len(line) <= 160 else line[:157].rstrip() + "..."


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9äöüß]+", "-", name.lower()).strip("-")
    return slug or "text"


def _date_from_name(name: str) -> str:
    match = re.search(r"(19|20)\d\d-[01]\d-[0-3]\d", name)
    return match.group(0) if match else ""


def _date_from_attribution(attribution: str) -> str:
    match = re.search(r"\b([0-3]?\d)\.([01]?\d)\.((?:19|20)\d\d)\b", attribution)
    if not match:
        return ""
    day, month, year = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def read_text_list(list_path: str) -> list[str]:
    """The texts a list file names, one a line: web addresses as written, paths relative to the list's folder.

    Blank lines and lines starting with # are skipped. A path that does not exist is refused
    with its line number, before any long work starts.
    """
    # deferred: read only when this runs (start-up time)
    from lernkarten.fileio import read_input
    from lernkarten.webfetch import is_web_address

    raw = read_input(list_path, "list of texts", missing="file")
    try:
        lines = raw.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise SourceError(f"{list_path}: not UTF-8 text, so not a list of texts") from None
    folder = Path(list_path).parent
    texts: list[str] = []
    for number, line in enumerate(lines, start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if is_web_address(entry):
            texts.append(entry)
            continue
        path = Path(entry).expanduser()
        if not path.is_absolute():
            path = folder / path
        if not path.exists():
            raise SourceError(f"{list_path}, line {number}: {entry}: no such file")
        texts.append(str(path))
    if not texts:
        raise SourceError(f"{list_path} names no text (one path or address a line)")
    return texts
