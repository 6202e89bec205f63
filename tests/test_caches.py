"""The cache registry and `lernkarten cache`: every rebuildable file named once, shown, cleared."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lernkarten import caches
from lernkarten.caches import CACHES


def cli_run(*args: str) -> subprocess.CompletedProcess[str]:
    """`lernkarten ARGS` in its own process, as a learner runs it (the places come from the environment)."""
    return subprocess.run([sys.executable, "-m", "lernkarten", *args], capture_output=True, text=True, timeout=60)


def test_every_cache_has_a_name_of_its_own_and_today_s_inputs() -> None:
    names = [entry.file_name() for entry in CACHES.values()]
    assert len(set(names)) == len(names)
    stems = [entry.stem for entry in CACHES.values()]
    # no cache's files can be taken for another's: no stem is another's followed by "-"
    assert not [(a, b) for a in stems for b in stems if a != b and b.startswith(f"{a}-")]
    for entry in CACHES.values():
        assert entry.file_name().startswith(entry.stem)
        assert len(entry.fingerprint()) == 64       # every module and data file it names exists


def test_a_changed_input_names_a_new_file(tmp_path: Path) -> None:
    source = tmp_path / "list.txt.gz"
    source.write_bytes(gzip.compress(b"Bund {m} :: federation\n"))
    first = CACHES["ding"].file_name((source,))
    assert CACHES["ding"].file_name((source,)) == first
    source.write_bytes(gzip.compress(b"Bund {m} :: federation; union\n"))
    assert CACHES["ding"].file_name((source,)) != first
    assert CACHES["ding"].file_name() not in (first, CACHES["ding"].file_name((source,)))


def _fill(folder: Path) -> dict[str, Path]:
    """Today's file of three caches, stale ones of two, and older names of the same caches."""
    made = {
        "glosses": folder / CACHES["glosses"].file_name(),
        "old glosses": folder / "glosses-v1-0123456789abcdef.sqlite",
        "older glosses": folder / "glosses-0b6d8b11d085c6c7.sqlite",
        "analysis": folder / CACHES["analysis"].file_name(),
        "old analysis": folder / "analysis",
        "translations": folder / CACHES["translations"].file_name(),
        "speech": folder / CACHES["speech"].file_name(),
    }
    for name, path in made.items():
        if "analysis" in name or name == "speech":
            path.mkdir(parents=True)
            (path / "a.json").write_text("{}", encoding="utf-8")
        else:
            path.write_bytes(b"x" * 2000)
    return made


def test_cache_shows_every_cache_its_size_and_what_is_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("LERNKARTEN_CACHE_DIR", str(folder))
    _fill(folder)
    result = cli_run("cache")
    assert result.returncode == 0, result.stdout
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.split()}
    assert set(CACHES) <= set(lines)
    assert "2 stale" in lines["glosses"] and "today's" in lines["glosses"]
    assert "1 stale" in lines["analysis"]
    assert "stale" not in lines["translations"]
    assert f"Cache folder: {folder}" in result.stdout


def test_cache_clear_stale_keeps_today_s_files_and_the_learner_s_data(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("LERNKARTEN_CACHE_DIR", str(folder))
    made = _fill(folder)
    progress = Path(os.environ["LERNKARTEN_DATA_DIR"]) / "progress.sqlite"
    progress.parent.mkdir(parents=True, exist_ok=True)
    progress.write_bytes(b"reviews")
    result = cli_run("cache", "clear", "--stale")
    assert result.returncode == 0, result.stdout
    assert result.stdout == "Freed 4.0 kB.\n"                 # two old gloss files and the old analysis folder
    kept = {name for name, path in made.items() if path.exists()}
    assert kept == {"glosses", "analysis", "translations", "speech"}
    result = cli_run("cache", "clear", "glosses", "speech")
    assert result.returncode == 0, result.stdout
    assert not made["glosses"].exists() and not made["speech"].exists()
    assert made["analysis"].exists() and made["translations"].exists()
    assert cli_run("cache", "clear").returncode == 0
    assert list(folder.iterdir()) == []
    assert progress.read_bytes() == b"reviews"


def test_cache_clear_of_an_unknown_cache_says_so_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LERNKARTEN_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    kept = tmp_path / "cache" / CACHES["glosses"].file_name()
    kept.write_bytes(b"x")
    result = cli_run("cache", "clear", "gloses")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: no cache is called 'gloses'; the caches are {', '.join(CACHES)}"]
    assert kept.exists()


def test_a_shipped_index_is_read_in_place_and_nothing_is_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lernkarten.glossing import dictionary

    built = dictionary.open_dictionary().path           # the session's (or the installation's) index
    shipped = tmp_path / "indexes"
    shipped.mkdir()
    (shipped / CACHES["ding"].file_name()).symlink_to(built)
    empty = tmp_path / "cache"
    empty.mkdir()
    monkeypatch.setattr(caches, "SHIPPED", shipped)
    monkeypatch.setenv("LERNKARTEN_CACHE_DIR", str(empty))
    dictionary._open.cache_clear()
    try:
        opened = dictionary.open_dictionary()
        assert opened.path == shipped / CACHES["ding"].file_name()
        assert opened.lookup("Bündnis")
        assert list(empty.iterdir()) == []
    finally:
        dictionary._open.cache_clear()


_INSTALLED = """
import json
from lernkarten.caches import CACHES, PACKAGE, SHIPPED
print(json.dumps({"package": str(PACKAGE), "shipped": {c.name: str(c.find()) for c in CACHES.values() if c.shipped},
                  "carried": sorted(p.name for p in SHIPPED.iterdir()) if SHIPPED.is_dir() else []}))
"""


def test_an_installed_wheel_carries_today_s_indexes(tmp_path: Path) -> None:
    # run from elsewhere, so that the installed lernkarten is imported, not this source tree
    done = subprocess.run([sys.executable, "-c", _INSTALLED], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "LERNKARTEN_CACHE_DIR": str(tmp_path / "cache")}, timeout=60, check=True)
    found = json.loads(done.stdout)
    if Path(found["package"]) == caches.PACKAGE:
        pytest.skip("lernkarten is installed from this source tree (editable): no wheel, so no shipped indexes")
    # the names are fingerprints: a wheel built with other data, rules or package versions
    # than this installation's would carry names nobody asks for
    shipped = Path(found["package"]) / "indexes"
    assert {name: Path(path).parent for name, path in found["shipped"].items()} == {
        name: shipped for name in found["shipped"]}, found["carried"]
