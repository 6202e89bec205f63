"""Every rebuildable file lernkarten keeps on disk: named, versioned and fingerprinted once.

Each cache is one `Cache` of `CACHES`: what it holds, its format version (bumped by hand when
its layout changes) and what its content is made from: data files and source modules (paths
inside the package; a folder means every file under it) and the installed distributions whose
versions matter. Its fingerprint is one hash of all of those, made the same way for every
cache, and its file name carries version and fingerprint, so a change to anything it depends
on starts a new file and the old one is stale (`prune` removes it, `lernkarten cache` shows
it). Deleting any of them loses nothing but time. The learner's own data (quiz progress, known
words) is not a cache and is not here: it lives in `places.data_dir()`.

The indexes that cost the most to build or to load (Ding, the noun table, Ding's headwords and
reflexive verbs, wordfreq's German list) are also built when a wheel is built (`prebuilt.py`, run by setup.py) and shipped in
`lernkarten/indexes/`; `Cache.find` reads a shipped file whose name,
and so whose fingerprint, is today's, and otherwise the cache folder's.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lernkarten.places import cache_dir
from lernkarten.version import __version__

#: the package's folder: the paths of `Cache.data` and `Cache.modules` are inside it
PACKAGE = Path(__file__).resolve().parent
#: where a wheel carries the indexes built with it
SHIPPED = PACKAGE / "indexes"

#: how a cache's name is made: with version and fingerprint, with the version only, or fixed
FINGERPRINTED, VERSIONED, FIXED = "fingerprinted", "versioned", "fixed"


@dataclass(frozen=True)
class Cache:
    """One rebuildable file or folder of the cache folder."""

    name: str                          # as `lernkarten cache` shows it
    holds: str                         # one line for a learner
    version: int                       # of the layout: bump it when what the file holds changes shape
    stem: str                          # the file name's start
    suffix: str = ""                   # ".sqlite", ".json"; "" for a folder
    naming: str = FINGERPRINTED
    data: tuple[str, ...] = ()         # data files inside the package
    modules: tuple[str, ...] = ()      # source files or folders inside the package that shape the content
    packages: tuple[str, ...] = ()     # distributions whose versions shape it ("lernkarten": this one)
    shipped: bool = False              # built with a wheel (`ship`)

    def fingerprint(self, data: tuple[Path, ...] | None = None) -> str:
        """One hash of the version, packages, modules and data files (or the `data` given instead)."""
        if data is None:
            return _fingerprint(self)
        return _hash(self, data)

    def file_name(self, data: tuple[Path, ...] | None = None) -> str:
        if self.naming == FINGERPRINTED:
            return f"{self.stem}-v{self.version}-{self.fingerprint(data)[:16]}{self.suffix}"
        if self.naming == VERSIONED:
            return f"{self.stem}-v{self.version}{self.suffix}"
        return f"{self.stem}{self.suffix}"

    def path(self, data: tuple[Path, ...] | None = None) -> Path:
        """Where this cache is kept in the cache folder (made from other data files than the shipped ones: `data`)."""
        return cache_dir() / self.file_name(data)

    def find(self) -> Path:
        """The shipped file when it is today's, else the cache folder's (which may not exist yet)."""
        if self.shipped:
            shipped = SHIPPED / self.file_name()
            if shipped.exists():
                return shipped
        return self.path()

    def files(self, folder: Path | None = None) -> list[Path]:
        """Every file or folder of this cache in the cache folder, today's or stale, with side files (-wal)."""
        if folder is None:
            folder = cache_dir()
        if self.naming == FIXED:
            return sorted(folder.glob(f"{self.stem}{self.suffix}*"))
        # today's names and the older ones ("analysis", "glosses-<hash>.sqlite")
        return sorted(p for p in folder.glob(f"{self.stem}*")
                      if p.name == self.stem or p.name.startswith(f"{self.stem}-"))

    def prune(self, keep: Path) -> None:
        """Remove this cache's other versions (best effort): all but `keep` and its side files."""
        for old in self.files(keep.parent):
            if not old.name.startswith(keep.name):
                remove(old)

    def clear(self) -> int:
        """Remove every file of this cache; the bytes freed."""
        freed = 0
        for path in self.files():
            freed += size_of(path)
            remove(path)
        return freed


_DING = ("data/ding-de-en.txt.gz",)
_DING_READERS = ("lexicon/ding_format.py", "lexicon/prepositions.py")

CACHES: dict[str, Cache] = {cache.name: cache for cache in (
    Cache("ding", "the Ding dictionary's index, its word families and English word frequencies", 9,
          "ding", ".sqlite", data=_DING,
          modules=("glossing/ding_index.py", "glossing/ding.py", "glossing/family_index.py", *_DING_READERS),
          packages=("wordfreq",), shipped=True),
    Cache("nouns", "german-nouns' table of genders, plurals and forms", 1,
          "nouns", ".sqlite", modules=("lexicon/nouns.py",), packages=("german-nouns",), shipped=True),
    Cache("headwords", "Ding's one-word verbs and adjectives and their comparison forms", 1,
          "headwords", ".json", data=_DING, modules=("lexicon/headwords.py", *_DING_READERS), shipped=True),
    Cache("reflexive-verbs", "Ding's reflexive verbs", 1,
          "reflexive-verbs", ".txt", data=_DING, modules=("lexicon/reflexive_verbs.py", *_DING_READERS),
          shipped=True),
    Cache("german-frequencies", "wordfreq's German word frequencies, read without loading its whole list", 1,
          "german-frequencies", ".sqlite", modules=("lexicon/frequency.py",), packages=("wordfreq",), shipped=True),
    Cache("hanta-words", "HanTa's analyses of the word forms already met", 1,
          "hanta-words", ".sqlite", modules=("analysis/hanta_tagger.py", "analysis/word_analyses.py"),
          packages=("HanTa",)),
    Cache("common-words", "the words HanTa's lexicon knows as other than names", 1,
          "common-words", ".txt", modules=("analysis/common_words.py",), packages=("HanTa",)),
    Cache("analysis", "the analysis of each text already read", 2,
          "analysis", data=("data",), modules=("analysis", "lexicon"),
          packages=("lernkarten", "spacy", "HanTa", "german-nouns", "wordfreq")),
    Cache("glosses", "the glosses of entries already glossed in the same sentences", 2,
          "glosses", ".sqlite", data=("data",), modules=("glossing", "lexicon", "entries.py"),
          packages=("lernkarten", "german-nouns", "wordfreq", "ablaut")),
    Cache("translations", "translations asked of online services", 1,
          "translations", ".sqlite", naming=FIXED),
    Cache("speech", "spoken words and sentences (MP3), one per voice and text", 1,
          "speech", naming=VERSIONED),
)}


def size_of(path: Path) -> int:
    """A file's bytes, or all the files' under a folder."""
    try:
        if path.is_dir():
            return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        return path.stat().st_size
    except OSError:
        return 0


@dataclass(frozen=True)
class Held:
    """What `lernkarten cache` shows of one cache: its files, and which of them is today's."""

    cache: Cache
    files: tuple[Path, ...]
    current: Path | None               # today's file, when it exists (in the cache folder or shipped)
    size: int                          # bytes of all its files in the cache folder

    @property
    def stale(self) -> tuple[Path, ...]:
        return tuple(f for f in self.files if self.current is None or not f.name.startswith(self.current.name))


def held() -> Iterator[Held]:
    """Every cache with its files, in the registry's order."""
    for entry in CACHES.values():
        files = tuple(entry.files())
        try:
            today = entry.find()
        except OSError:
            today = None
        current = today if today is not None and today.exists() else None
        yield Held(entry, files, current, sum(size_of(f) for f in files))


def prune_stale() -> int:
    """Remove every cache's files that are not today's; the bytes freed."""
    freed = 0
    for item in held():
        if item.cache.naming == FIXED:
            continue
        for path in item.stale:
            freed += size_of(path)
            remove(path)
    return freed


@functools.cache
def _fingerprint(entry: Cache) -> str:
    """The fingerprint over the shipped data files, which do not change while a process runs."""
    return _hash(entry, tuple(file for d in entry.data for file in _files(PACKAGE / d)))


def _hash(entry: Cache, data: tuple[Path, ...]) -> str:
    digest = hashlib.sha256(f"{entry.name}|{entry.version}".encode())
    for package in entry.packages:
        digest.update(f"|{package}={_version(package)}".encode())
    modules = [file for m in entry.modules for file in _files(PACKAGE / m)]
    for file in [*modules, *data]:
        digest.update(f"|{_relative(file)}|".encode())
        digest.update(_content_hash(file, *_stamp(file)).encode())
    return digest.hexdigest()


def _files(path: Path) -> list[Path]:
    """The file, or every file under the folder but compiled byte code; a missing path is an
    error, so that a moved module cannot silently drop out of a fingerprint."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise FileNotFoundError(f"a cache depends on {path}, which does not exist")
    return sorted(p for p in path.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".pyo"})


def _relative(file: Path) -> str:
    try:
        return file.resolve().relative_to(PACKAGE).as_posix()
    except ValueError:
        return file.name       # a data file given from elsewhere: its content decides


def _stamp(file: Path) -> tuple[int, int]:
    stat = file.stat()
    return stat.st_size, stat.st_mtime_ns


@functools.lru_cache(maxsize=512)
def _content_hash(file: Path, size: int, mtime_ns: int) -> str:
    """sha256 of a file's bytes, remembered while its size and time stay the same."""
    digest = hashlib.sha256()
    with open(file, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def content_hash(file: Path) -> str:
    """sha256 of a file's bytes (remembered for the process while the file is unchanged)."""
    return _content_hash(file, *_stamp(file))


def _version(package: str) -> str:
    if package == "lernkarten":
        return __version__
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def remove(path: Path) -> None:
    """Delete a cache's file or folder (best effort: a cache that cannot be removed costs only space)."""
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
