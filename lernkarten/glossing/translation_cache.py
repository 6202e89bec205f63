"""Translations already made, kept on this machine so that no text is sent to a service twice.

One SQLite file in the cache folder (`lernkarten.places.cache_dir()`), keyed by service,
languages and text. It only saves time and requests: deleting it loses nothing else.
Schema version 1 (`PRAGMA user_version`):

    translations(service, source, target, text, translation, created)
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from lernkarten.caches import CACHES

SCHEMA_VERSION = 1


class TranslationCache:
    """Look up and store translations: `cache.get("google", "Bündnis")`."""

    def __init__(self, path: Path | None = None, *, source: str = "de", target: str = "en") -> None:
        if path is None:
            path = CACHES["translations"].path()
        self.path = path
        self.source, self.target = source, target
        # the deadline thread of the online stage may touch it too; one lock keeps it simple
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, timeout=10, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode = WAL")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            self._db.executescript(
                f"""
                DROP TABLE IF EXISTS translations;
                CREATE TABLE translations (service TEXT, source TEXT, target TEXT, text TEXT,
                                           translation TEXT, created REAL,
                                           PRIMARY KEY (service, source, target, text));
                PRAGMA user_version = {SCHEMA_VERSION};
                """
            )

    def get(self, service: str, text: str) -> str | None:
        """The stored translation of `text` by `service`, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT translation FROM translations WHERE service = ? AND source = ? AND target = ? AND text = ?",
                (service, self.source, self.target, text),
            ).fetchone()
        return row[0] if row else None

    def put(self, service: str, text: str, translation: str) -> None:
        """Store one translation; committed at once, so an interrupted run keeps what it got."""
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?, ?)",
                (service, self.source, self.target, text, translation, time.time()),
            )

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM translations").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()
