"""Shared test setup: every test gets its own cache and data folders, never the learner's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "source_texts" / "faz-2022-01-06-kasachstan-odkb.txt"

def treebank_sentences(path: Path, limit: int | None = None) -> list[list[str]]:
    """The word forms of each sentence of a CoNLL-U file (the first `limit` sentences)."""
    sentences: list[list[str]] = []
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line:
            if words:
                sentences.append(words)
                words = []
            if len(sentences) == limit:
                break
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" not in cols[0] and "." not in cols[0]:
                words.append(cols[1])
    return sentences


# One cache for the whole run: the dictionary and noun indexes take seconds to build,
# and building them once per test would only test the same thing again.
_SESSION_CACHE = Path(os.environ.get("LERNKARTEN_TEST_CACHE", "/tmp/lernkarten-test-cache"))


@pytest.fixture(autouse=True)
def _isolated_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LERNKARTEN_CACHE_DIR", str(_SESSION_CACHE))
    monkeypatch.setenv("LERNKARTEN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LERNKARTEN_DB", raising=False)
