"""German nouns: gender, plural, genitive and every inflected form, from german-nouns (Wiktionary).

german-nouns ships a CSV of ~100,000 nouns; loading it with its own lookup class takes about
a second and 240 MB, too much for every run. So the CSV is turned once into an SQLite table
in the cache folder (a few seconds), keyed by every inflected form, and each later run opens
it in milliseconds. The file name carries the format version and german-nouns' version, so
an upgrade builds a fresh table. Data: CC BY-SA 4.0, Wiktionary contributors via german-nouns.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from lernkarten.caches import CACHES
from lernkarten.fileio import atomic_path

_GENUS_COLUMNS = ("genus", "genus 1", "genus 2", "genus 3", "genus 4")
_NAME_KINDS = {"Toponym", "Vorname", "Nachname", "Eigenname"}


@dataclass(frozen=True)
class NounInfo:
    """One noun of the table: what a card needs to show about its grammar."""

    lemma: str
    gender: str                  # "m", "f", "n", or "" (plural-only nouns, names)
    plural: str                  # nominative plural, "" when there is none
    genitive: str                # genitive singular ("Bündnisses"; "Teils" for Teil)
    plural_only: bool            # Eltern, Leute: no singular at all
    adjectival: bool             # Verbündete, Angestellte: declined like an adjective
    kinds: tuple[str, ...]       # Wiktionary's word kinds: "Substantiv", "Toponym", "Vorname", "Abkürzung", ...
    slots: tuple[str, ...] = ()  # for a lookup: the case/number slots the looked-up form fills

    @property
    def is_name(self) -> bool:
        """True for place names, first names, surnames and other proper names."""
        return bool(_NAME_KINDS.intersection(self.kinds))

    @property
    def form_is_plural(self) -> bool:
        """True when the looked-up form is only ever a plural form of this noun."""
        return bool(self.slots) and all("plural" in slot for slot in self.slots)


class NounTable:
    """Look up nouns by any inflected form: `table.lookup("Bündnissen")`."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one table per process, lives as long
    def lookup(self, form: str) -> tuple[NounInfo, ...]:
        """Every noun one of whose forms is `form` (case-sensitive), most regular first."""
        rows = self._db.execute(
            "SELECT n.lemma, n.gender, n.plural, n.genitive, n.plural_only, n.adjectival, n.kinds, f.slots"
            " FROM forms f JOIN nouns n ON n.id = f.noun_id WHERE f.form = ? ORDER BY n.id",
            (form,),
        ).fetchall()
        return tuple(
            NounInfo(lemma, gender, plural, genitive, bool(po), bool(adj),
                     tuple(kinds.split(",")) if kinds else (), tuple(slots.split(",")) if slots else ())
            for lemma, gender, plural, genitive, po, adj, kinds, slots in rows
        )

    def knows(self, form: str) -> bool:
        """True when `form` is a form of some noun in the table."""
        return bool(self.lookup(form))

    def lemma(self, lemma: str) -> tuple[NounInfo, ...]:
        """The table's rows whose dictionary form is `lemma` (several for der/das Teil)."""
        return tuple(info for info in self.lookup(lemma) if info.lemma == lemma)


@functools.lru_cache(maxsize=1)
def noun_table(progress: Callable[[str], None] | None = None) -> NounTable:
    """The process's noun table, building the SQLite index first if this machine has none yet."""
    path = CACHES["nouns"].find()
    if not path.exists():
        if progress:
            progress("Indexing the German noun table (once per installation)")
        build_noun_index(_german_nouns_csv(), path)
        CACHES["nouns"].prune(keep=path)
    return NounTable(path)


def build_noun_index(csv_path: Path, path: Path) -> None:
    """Build the SQLite index from german-nouns' CSV; written to a temporary file, then renamed."""
    with atomic_path(path) as tmp:
        db = sqlite3.connect(tmp)
        db.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE nouns (id INTEGER PRIMARY KEY, lemma TEXT, gender TEXT, plural TEXT,
                                genitive TEXT, plural_only INTEGER, adjectival INTEGER, kinds TEXT);
            CREATE TABLE forms (form TEXT, noun_id INTEGER, slots TEXT);
            """
        )
        nouns, forms = _rows(csv_path)
        db.executemany("INSERT INTO nouns VALUES (?, ?, ?, ?, ?, ?, ?, ?)", nouns)
        db.executemany("INSERT INTO forms VALUES (?, ?, ?)", forms)
        db.execute("CREATE INDEX forms_by_form ON forms (form)")
        db.commit()
        db.close()


def _rows(csv_path: Path) -> tuple[list[tuple], list[tuple]]:
    """The rows of both tables, read from the CSV in one pass."""
    nouns: list[tuple] = []
    forms: list[tuple] = []
    with open(csv_path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        genus_idx = [header.index(c) for c in _GENUS_COLUMNS]
        slot_columns = [(i, name) for i, name in enumerate(header) if name.split(" ")[0] in
                        {"nominativ", "genitiv", "dativ", "akkusativ"}]
        for row in reader:
            lemma, kinds = row[0], row[1]
            if not lemma or lemma.startswith("-"):
                continue
            genders = [row[i] for i in genus_idx if row[i] in ("m", "f", "n")]
            adjectival = "adjektivische Deklination" in kinds
            slot_of: dict[str, list[str]] = {}
            for i, name in slot_columns:
                value = row[i].strip()
                if value and value != "—":
                    slot_of.setdefault(value, []).append(_slot_name(name))
            plural = _first(row, header, "nominativ plural", adjectival)
            genitive = _first(row, header, "genitiv singular", adjectival)
            singular = _first(row, header, "nominativ singular", adjectival)
            plural_only = bool(plural) and not singular and not genders
            # one row per gender keeps der/das Teil apart; the forms are the same
            for gender in genders or [""]:
                nouns.append((len(nouns) + 1, lemma, gender, plural, genitive,
                              int(plural_only), int(adjectival), kinds.replace(", ", ",")))
                rowid = len(nouns)
                forms.append((lemma, rowid, ",".join(dict.fromkeys(slot_of.get(lemma, [])))))
                forms.extend((form, rowid, ",".join(dict.fromkeys(slots)))
                             for form, slots in slot_of.items() if form != lemma)
    return nouns, forms


def _slot_name(column: str) -> str:
    """'genitiv singular 1' -> 'genitiv singular'; adjectival columns keep their declension."""
    parts = column.replace("*", "").split(" ")
    return " ".join(p for p in parts if not p.isdigit())


def _first(row: list[str], header: list[str], slot: str, adjectival: bool) -> str:
    """The first non-empty value of a slot (the weak/definite form for adjectival nouns)."""
    if adjectival:
        candidates = [f"{slot} schwach"]
    else:
        candidates = [slot, f"{slot}*", f"{slot} 1", f"{slot} 2", f"{slot} 3", f"{slot} 4"]
    for column in candidates:
        with contextlib.suppress(ValueError):
            value = row[header.index(column)].strip()
            if value and value != "—":
                return value
    return ""


def _german_nouns_csv() -> Path:
    """The CSV german-nouns ships (found without importing its slow lookup module)."""
    files = metadata.files("german-nouns") or []
    for file in files:
        if file.name == "nouns.csv":
            return Path(str(file.locate()))
    raise FileNotFoundError("german-nouns is installed without its nouns.csv")

