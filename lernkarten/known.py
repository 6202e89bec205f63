"""The words a learner already knows: a plain text file, one lemma a line.

The learner's own list lives in the data folder (`lernkarten known add/remove/list` edits it)
and is applied to every extraction; `--known FILE` adds more lists. Lines starting with `#`
are comments, so a teacher can annotate a shared list.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lernkarten.errors import LernkartenError
from lernkarten.fileio import read_input, write_atomic


def known_words_path() -> Path:
    """The learner's own known-words file."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.places import data_dir

    return data_dir() / "known-words.txt"


def read_known_words(path: str | Path) -> list[str]:
    """The lemmas of a known-words file (blank lines and # comments skipped)."""
    raw = read_input(path, "known-words file")
    if b"\x00" in raw[:4096]:
        raise LernkartenError(f"{path} is binary data, not a list of words")
    text = _decode(raw)
    words = []
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word)
    return words


def learner_known_words() -> list[str]:
    """The learner's own list; empty when there is none yet."""
    path = known_words_path()
    return read_known_words(path) if path.exists() else []


def add_known_words(words: Iterable[str]) -> list[str]:
    """Add lemmas to the learner's list (comments and order kept); returns those that were new."""
    present = {w.lower() for w in learner_known_words()}
    added = []
    for word in (w.strip() for w in words):
        if word and word.lower() not in present:
            present.add(word.lower())
            added.append(word)
    if added:
        lines = _lines()
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        _write(lines + [f"{w}\n" for w in added])
    return added


def remove_known_words(words: Iterable[str]) -> list[str]:
    """Remove lemmas from the learner's list (other lines untouched); returns those that were there."""
    drop = {w.strip().lower() for w in words}
    kept, removed = [], []
    for line in _lines():
        word = line.split("#", 1)[0].strip()
        if word and word.lower() in drop:
            removed.append(word)
        else:
            kept.append(line)
    if removed:
        _write(kept)
    return removed


def _lines() -> list[str]:
    path = known_words_path()
    if not path.exists():
        return []
    read_known_words(path)  # refuses a binary or unreadable file with a clear message
    return _decode(path.read_bytes()).splitlines(keepends=True)


def _decode(raw: bytes) -> str:
    """UTF-8, or Windows-1252 for a list saved by an older editor (it is written back as UTF-8)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _write(lines: list[str]) -> None:
    write_atomic(known_words_path(), "".join(lines))
