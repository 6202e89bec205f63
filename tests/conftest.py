"""Shared test setup: every test gets its own cache and data folders, never the learner's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "source_texts" / "faz-2022-01-06-kasachstan-odkb.txt"

# One cache for the whole run: the dictionary and noun indexes take seconds to build,
# and building them once per test would only test the same thing again.
_SESSION_CACHE = Path(os.environ.get("LERNKARTEN_TEST_CACHE", "/tmp/lernkarten-test-cache"))


@pytest.fixture(autouse=True)
def _isolated_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LERNKARTEN_CACHE_DIR", str(_SESSION_CACHE))
    monkeypatch.setenv("LERNKARTEN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LERNKARTEN_DB", raising=False)
