"""Remembered glosses: an entry seen in the same sentences before is not glossed again.

Glossing looks at the lemma, its part of speech, its forms and its example sentences (the
sense a sentence uses, the article before a noun). When all of those are the same as in an
earlier build, so is the result; a daily rebuild over a growing pile of articles then glosses
only the words of the new one. The key also holds a fingerprint of the glossing code and its
data, so any change there starts afresh. Online glosses are never remembered here (they
have their own cache).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lernkarten.caches import CACHES
from lernkarten.entries import Entry

#: The fields the glossing stage fills; everything else of an entry is the vocabulary stage's.
GLOSSED_FIELDS = ("glosses", "gender", "plural", "genitive", "plural_only", "singular", "adjectival_noun", "verb",
                  "comparative", "superlative", "notes", "uncertain")
#: The vocabulary stage's fields that hold lists (a big deck's example sentences and source ids)
SHARED_FIELDS = ("forms", "examples", "sources")


def gloss_remembered(entries: list[Entry], *, progress: bool | Callable[[int, int], None] = False,
                     glosser: Callable[[list[Entry]], Any] | None = None):  # type: ignore[no-untyped-def]
    """Like `glossing.gloss_entries` offline, glossing only the entries not seen before
    (with `glosser`, which takes entries and gives a GlossResult, when given: in workers)."""
    # deferred: the glossing stage loads only when a build glosses (start-up time)
    from lernkarten.glossing import GlossResult, gloss_entries

    keys = [_key(entry) for entry in entries]
    remembered = _read(keys)
    todo = [entry for entry, key in zip(entries, keys) if key not in remembered]
    if not todo:
        fresh = GlossResult()
    else:
        fresh = glosser(todo) if glosser is not None else gloss_entries(todo, progress=progress)
    fresh_by_key = {_key(e): e for e in fresh.entries + fresh.unglossed}
    _write({key: _glossed_part(e) for key, e in fresh_by_key.items()})
    result = GlossResult(warnings=list(fresh.warnings))
    for entry, key in zip(entries, keys):
        if key in fresh_by_key:
            glossed = fresh_by_key[key]
        else:
            glossed = sharing_lists(Entry.from_dict({**entry.to_dict(), **remembered[key]}), entry)
        (result.entries if glossed.glosses else result.unglossed).append(glossed)
    return result


def sharing_lists(glossed: Entry, entry: Entry) -> Entry:
    """`glossed` holding the lists of `entry`, the entry it was glossed from, where they are
    equal: a copy made by glossing (from the remembered fields, or sent back by a worker) would
    otherwise keep a second copy of every example sentence beside the entry's own."""
    for name in SHARED_FIELDS:
        if getattr(glossed, name) == getattr(entry, name):
            setattr(glossed, name, getattr(entry, name))
    return glossed


def _key(entry: Entry) -> str:
    examples = [(e.text, [list(s) for s in e.spans], e.article) for e in entry.examples]
    raw = json.dumps([_fingerprint(), entry.lemma, entry.pos, entry.forms, examples], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _glossed_part(entry: Entry) -> dict:
    data = entry.to_dict()
    return {name: data[name] for name in GLOSSED_FIELDS}


def _fingerprint() -> str:
    """The glossing code, the lexicon (its code and the expression list), the shipped data and
    the versions of the data packages, as `caches.CACHES["glosses"]` names them: a change to
    any is a new cache."""
    return CACHES["glosses"].fingerprint()[:16]


def _path() -> Path:
    return CACHES["glosses"].path()


def _connect() -> sqlite3.Connection:
    db = sqlite3.connect(_path(), timeout=10)
    db.execute("CREATE TABLE IF NOT EXISTS glossed (key TEXT PRIMARY KEY, fields TEXT NOT NULL)")
    return db


def _read(keys: list[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    with contextlib.suppress(sqlite3.Error, ValueError):
        db = _connect()
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                rows = db.execute(f"SELECT key, fields FROM glossed WHERE key IN ({','.join('?' * len(chunk))})",
                                  chunk).fetchall()
                found.update((key, json.loads(fields)) for key, fields in rows)
        finally:
            db.close()
    return found


def _write(rows: dict[str, dict]) -> None:
    if not rows:
        return
    with contextlib.suppress(sqlite3.Error):  # a cache that cannot be written only costs time
        db = _connect()
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO glossed VALUES (?, ?)",
                               [(key, json.dumps(fields, ensure_ascii=False)) for key, fields in rows.items()])
        finally:
            db.close()
