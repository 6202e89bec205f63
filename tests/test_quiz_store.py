"""The progress database: every answer survives, and a bad file is refused, never rewritten."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lernkarten.quiz import store as store_module
from lernkarten.quiz.scheduler import Scheduler
from lernkarten.quiz.store import APPLICATION_ID, SCHEMA_VERSION, Store, StoreError, default_path, mature_lemmas

MONDAY = datetime(2024, 1, 8, 9, 0, tzinfo=UTC)
GUID = "lkwsy5lxc2zxiai7kq"       # note_guid("Bündnis|NOUN")


def answer(store: Store, guid: str = GUID, mode: str = "recognise", rating: int = 3,
           now: datetime = MONDAY) -> None:
    scheduler = Scheduler(fuzz=False)
    before = store.progress([guid]).get((guid, mode))
    after, review = scheduler.review(before, guid=guid, mode=mode, rating=rating, now=now)
    store.record(after, review, label="das Bündnis", lemma="Bündnis")


def test_an_answer_is_there_when_the_database_is_opened_again(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with Store.open(path) as store:
        answer(store, rating=3)
        answer(store, rating=4, now=MONDAY + timedelta(minutes=15))
    with Store.open(path) as store:
        progress = store.progress()[(GUID, "recognise")]
        reviews = store.reviews()
    assert progress.reps == 2 and progress.due > MONDAY + timedelta(days=1)
    assert [r.rating for r in reviews] == [3, 4]
    assert reviews[0].state_before is None and reviews[1].state_before == 1
    assert reviews[1].reviewed_at == MONDAY + timedelta(minutes=15)


def test_schema_is_versioned_and_written_down_in_one_place(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    Store.open(path).close()
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    documented = store_module.__doc__
    for table in ("cards", "reviews"):
        assert f"\n    {table} " in documented
        for column in connection.execute(f"PRAGMA table_info({table})"):
            assert column[1] in documented, f"{table}.{column[1]} is not described in store.py"
    connection.close()


def test_progress_moves_with_the_environment_variable(tmp_path: Path, monkeypatch) -> None:
    assert default_path() == Path(os.environ["LERNKARTEN_DATA_DIR"]) / "progress.sqlite3"
    monkeypatch.setenv("LERNKARTEN_DB", str(tmp_path / "elsewhere.sqlite3"))
    assert default_path() == tmp_path / "elsewhere.sqlite3"


def _filled(tmp_path: Path) -> Path:
    path = tmp_path / "progress.sqlite3"
    with Store.open(path) as store:
        for minute in range(40):
            answer(store, guid=f"lk{minute:04d}", now=MONDAY + timedelta(minutes=minute))
    return path


def test_a_damaged_database_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    damaged = bytearray(path.read_bytes())
    page = 4096
    damaged[page: page + 300] = b"\xff" * 300                # scribble over a b-tree page
    path.write_bytes(bytes(damaged))
    with pytest.raises(StoreError, match="damaged"):
        Store.open(path)
    assert path.read_bytes() == bytes(damaged)


def test_a_truncated_database_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    cut = path.read_bytes()[: path.stat().st_size // 2 + 17]
    path.write_bytes(cut)
    with pytest.raises(StoreError):
        Store.open(path)
    assert path.read_bytes() == cut


def test_a_file_that_is_not_a_database_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Bündnis: alliance\n", encoding="utf-8")
    with pytest.raises(StoreError, match="not a lernkarten progress database"):
        Store.open(path)
    assert path.read_text(encoding="utf-8") == "Bündnis: alliance\n"


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "collection.anki2"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, flds TEXT)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a lernkarten progress database"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_database_from_a_newer_lernkarten_is_refused(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="newer lernkarten"):
        Store.open(path)


def test_a_locked_database_is_reported_in_one_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 0.1)
    path = _filled(tmp_path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked") as caught:
            Store.open(path)
        assert "\n" not in str(caught.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_an_answer_that_cannot_be_written_is_lost_whole_not_half(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 0.1)
    path = tmp_path / "progress.sqlite3"
    store = Store.open(path)
    answer(store)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    with pytest.raises(StoreError, match="locked"):
        answer(store, now=MONDAY + timedelta(minutes=20))
    holder.execute("ROLLBACK")
    holder.close()
    assert store.progress()[(GUID, "recognise")].reps == 1
    assert len(store.reviews()) == 1
    answer(store, now=MONDAY + timedelta(minutes=21))
    assert len(store.reviews()) == 2
    store.close()


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nowhere" / "progress.sqlite3")


_WRITER = textwrap.dedent("""
    import sys
    from datetime import datetime, timedelta, timezone
    from lernkarten.quiz.scheduler import Scheduler
    from lernkarten.quiz.store import Store

    store = Store.open(sys.argv[1])
    scheduler = Scheduler(fuzz=False)
    start = datetime(2024, 1, 8, 9, 0, tzinfo=timezone.utc)
    for n in range(100000):
        guid = f"lk{n:06d}"
        after, review = scheduler.review(None, guid=guid, mode="produce", rating=3,
                                         now=start + timedelta(seconds=n))
        store.record(after, review, label=guid, lemma=guid)
        print(n, flush=True)
""")


@pytest.mark.parametrize("answers_before_kill", [1, 25, 120])
def test_a_killed_process_loses_no_answer_it_had_saved(tmp_path: Path, answers_before_kill: int) -> None:
    path = tmp_path / "progress.sqlite3"
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE,
                              text=True)
    acknowledged = -1
    try:
        for line in writer.stdout:
            acknowledged = int(line)
            if acknowledged + 1 >= answers_before_kill:
                break
        writer.send_signal(signal.SIGKILL)   # mid-way through the next answer's write, most likely
    finally:
        writer.wait(timeout=30)
        writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL
    with Store.open(path) as store:               # a hot journal, if any, is rolled back here
        reviews = store.reviews()
        progress = store.progress()
    saved = {r.guid for r in reviews}
    assert {f"lk{n:06d}" for n in range(acknowledged + 1)} <= saved
    # The answer being written when the kill came is there whole or not at all.
    assert len(reviews) in (acknowledged + 1, acknowledged + 2)
    assert set(progress) == {(guid, "produce") for guid in saved}


def test_words_known_for_weeks_are_mature_and_new_ones_are_not(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    scheduler = Scheduler(fuzz=False)
    with Store.open(path) as store:
        progress, now = None, MONDAY
        for _ in range(4):                  # Bündnis: recognised every time it came due
            progress, review = scheduler.review(progress, guid=GUID, mode="recognise", rating=4, now=now)
            store.record(progress, review, label="das Bündnis", lemma="Bündnis")
            now = progress.due
        young, review = scheduler.review(None, guid="lkakjxme3c7tra3szx", mode="recognise", rating=3, now=MONDAY)
        store.record(young, review, label="die Unterstützung", lemma="Unterstützung")
    assert progress.due - progress.last_review >= timedelta(days=21)
    assert mature_lemmas(path) == {"Bündnis"}


def test_asking_for_mature_words_without_progress_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    assert mature_lemmas(path) == set()
    assert not path.exists()
