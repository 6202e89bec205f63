"""Hostile conditions met as the learner's shell meets them: signals, damaged or shared files, odd inputs.

Every case ends quickly with one line on standard error and a non-zero status, never a traceback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC
from pathlib import Path

import pytest
from test_quiz_terminal import Learner, deck_folder, reviews  # noqa: F401  (deck_folder: a fixture)

#: The installed command's entry point, as `lernkarten` runs it: its exit status is the process's.
#: seconds before a command is taken to hang: a guard, not a speed test (a loaded machine
#: starts the analysis slowly)
HANG = 120
MAIN = "import sys; sys.argv[0] = 'lernkarten'; from lernkarten.cli import main; main()"


def one_line_error(stderr: str) -> str:
    """The single line a refused input leaves on standard error."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def _answer_one_card(deck_folder: Path, db: Path) -> Learner:
    learner = Learner(["quiz", str(deck_folder / "kasachstan.json"), "--mode", "recognise"], db, command=MAIN)
    learner.sees("show the answer")
    learner.press(" ")
    learner.sees("1-4: rate")
    learner.press("4")
    learner.sees("show the answer")
    return learner


def test_ctrl_c_ends_the_lernkarten_command_with_status_130(deck_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    learner = _answer_one_card(deck_folder, db)
    learner.interrupts()
    assert "Session stopped" in learner.sees("Progress saved")
    assert learner.finished() == 130
    assert reviews(db) == [("das Bündnis", "recognise", 4)]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_quiz_stopped_by_a_signal_keeps_the_answer_and_exits_128_plus_it(
        deck_folder: Path, tmp_path: Path, signum: int) -> None:
    db = tmp_path / "progress.sqlite3"
    learner = _answer_one_card(deck_folder, db)
    learner.child.kill(signum)
    assert learner.finished() == 128 + signum
    assert learner.child.signalstatus is None
    assert reviews(db) == [("das Bündnis", "recognise", 4)]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_while_an_answer_is_typed_ends_the_quiz_the_same_way(
        deck_folder: Path, tmp_path: Path, signum: int) -> None:
    import time

    db = tmp_path / "progress.sqlite3"
    learner = Learner(["quiz", str(deck_folder / "kasachstan.json"), "--mode", "produce"], db, command=MAIN)
    learner.sees("German: ")
    learner.types("das Bündnis")
    learner.sees("1-4: rate")
    learner.press("4")
    learner.sees("German: ")
    learner.child.send("Streitkr")
    learner.sees("Streitkr")
    time.sleep(0.2)
    started = time.monotonic()
    learner.child.kill(signum)
    assert learner.finished() == 128 + signum
    assert time.monotonic() - started < 5
    assert reviews(db) == [("das Bündnis", "produce", 4)]


# -- damaged rows in the progress database ----------------------------------------------------------

BUENDNIS = "lkwsy5lxc2zxiai7kq"       # note_guid("Bündnis|NOUN")
DAMAGES = {
    "due is no time": "UPDATE cards SET due = 'garbage'",
    "due is NULL": "UPDATE cards SET due = NULL",
    "state 99": "UPDATE cards SET state = 99",
}


def _answered_progress(tmp_path: Path, damage: str = "") -> Path:
    """A progress file with one answered card, its row broken by the statement `damage` as another
    program might break it.

    Its schema lets `due` be NULL (as a hand-made or foreign-tool copy may), so every damage fits.
    """
    import sqlite3
    from datetime import datetime

    from lernkarten.quiz import store as store_module
    from lernkarten.quiz.scheduler import Scheduler
    from lernkarten.quiz.store import Store

    path = tmp_path / "progress.sqlite3"
    connection = sqlite3.connect(path)
    connection.executescript(store_module._SCHEMA.replace("due TEXT NOT NULL", "due TEXT"))
    connection.execute(f"PRAGMA application_id = {store_module.APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {store_module.SCHEMA_VERSION}")
    connection.commit()
    connection.close()
    with Store.open(path) as store:
        after, review = Scheduler(fuzz=False).review(None, guid=BUENDNIS, mode="recognise", rating=3,
                                                     now=datetime(2024, 1, 8, 9, 0, tzinfo=UTC))
        store.record(after, review, label="das Bündnis", lemma="Bündnis")
    if damage:
        connection = sqlite3.connect(path)
        connection.execute(damage)
        connection.commit()
        connection.close()
    return path


def _review_log(db: Path) -> list[tuple[str, str, int]]:
    import sqlite3

    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT guid, mode, rating FROM reviews ORDER BY id").fetchall()
    finally:
        connection.close()


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_progress_row_counts_as_new_in_the_quiz_and_keeps_its_log(
        deck_folder: Path, tmp_path: Path, damage: str) -> None:
    db = _answered_progress(tmp_path, damage)
    learner = Learner(["quiz", str(deck_folder / "kasachstan.json"), "--mode", "recognise", "--new", "1"], db,
                      command=MAIN)
    front = learner.sees("show the answer")
    assert "das Bündnis" in front and "new card" in front
    learner.press(" ")
    learner.sees("1-4: rate")
    learner.press("4")
    learner.sees("Progress saved")
    warning = (learner.sees("counts as new") + "counts as new").replace("\n", "")
    assert learner.finished() == 0
    assert warning.strip().endswith(f"Warning: {db}: 1 progress row is damaged and was ignored; "
                                    "that card counts as new")
    # the old answer stays in the log; the new one rewrote the damaged row
    assert _review_log(db) == [(BUENDNIS, "recognise", 3), (BUENDNIS, "recognise", 4)]
    from lernkarten.quiz.store import Store

    with Store.open(db, readonly=True) as store:
        assert store.progress()[(BUENDNIS, "recognise")].reps == 1
        assert store.damaged_rows().cards == 0


@pytest.mark.parametrize("damage", [*DAMAGES.values(), "UPDATE reviews SET reviewed_at = 'garbage'"],
                         ids=[*DAMAGES.keys(), "review time is no time"])
def test_stats_leave_a_damaged_row_out_with_one_warning(tmp_path: Path, damage: str) -> None:
    import json

    db = _answered_progress(tmp_path, damage)
    done = subprocess.run([sys.executable, "-c", MAIN, "stats", "--json", "--db", str(db)],
                          capture_output=True, text=True, timeout=HANG)
    assert done.returncode == 0
    line = one_line_error(done.stderr)
    report = json.loads(done.stdout)
    if damage.startswith("UPDATE cards"):
        assert line == f"Warning: {db}: 1 progress row is damaged and was ignored; that card counts as new"
        assert report["cards"] == 0 and report["reviews_total"] == 1
    else:
        assert line == f"Warning: {db}: 1 review log row is damaged and was left out"
        assert report["cards"] == 1 and report["reviews_total"] == 0
    assert len(_review_log(db)) == 1


def test_a_damaged_row_is_not_a_mature_word_for_build(tmp_path: Path) -> None:
    from lernkarten.quiz.store import mature_lemmas

    (tmp_path / "damaged").mkdir()
    (tmp_path / "sound").mkdir()
    damaged = _answered_progress(tmp_path / "damaged", "UPDATE cards SET state = 2, due = 'garbage'")
    assert mature_lemmas(damaged) == set()
    sound = _answered_progress(tmp_path / "sound", "UPDATE cards SET state = 2, due = '2024-03-08T09:00:00.000000Z'")
    assert mature_lemmas(sound) == {"Bündnis"}


# -- a progress database the learner cannot write -----------------------------------------------------

#: Linux's prctl(PR_CAPBSET_DROP) and the capabilities that let root write a file whatever its mode.
_PR_CAPBSET_DROP, _CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 24, 1, 2


def _as_unprivileged() -> None:
    """In the child before exec: root gives up overriding file modes, as an ordinary user has none."""
    if os.geteuid() == 0:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
            libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0)


@pytest.fixture
def modes_bind(tmp_path: Path) -> None:
    """Skip where file modes do not bind the commands run with `_as_unprivileged` (root that keeps its power)."""
    probe = tmp_path / "read-only"
    probe.write_text("")
    probe.chmod(0o444)
    done = subprocess.run([sys.executable, "-c", f"open({str(probe)!r}, 'a')"], capture_output=True,
                          preexec_fn=_as_unprivileged, timeout=10)
    probe.unlink()
    if done.returncode == 0:
        pytest.skip("this user writes read-only files anyway (root), so the test cannot make one")


@pytest.mark.parametrize("read_only", ["file", "folder"])
def test_a_read_only_progress_database_is_refused_before_the_first_card(
        deck_folder: Path, tmp_path: Path, modes_bind: None, read_only: str) -> None:
    import time

    import pexpect

    from lernkarten.quiz.store import Store

    folder = tmp_path / "progress"
    folder.mkdir()
    db = folder / "progress.sqlite3"
    Store.open(db).close()
    deck = deck_folder / "kasachstan.json"
    if read_only == "file":
        db.chmod(0o444)
    else:
        folder.chmod(0o555)
    before = db.read_bytes()
    started = time.monotonic()
    child = pexpect.spawn(sys.executable, ["-c", MAIN, "quiz", str(deck), "--db", str(db)],
                          env=dict(os.environ, TERM="xterm-256color"), encoding="utf-8",
                          dimensions=(40, 200), timeout=10, preexec_fn=_as_unprivileged)
    output = child.read()
    child.close()
    assert time.monotonic() - started < 5
    assert child.exitstatus == 1
    reason = "the file is read-only" if read_only == "file" else f"its folder {folder} is read-only"
    assert one_line_error(output).startswith(f"Error: cannot write progress database {db}: {reason}")
    assert db.read_bytes() == before and not (folder / "progress.sqlite3-journal").exists()

    stats = subprocess.run([sys.executable, "-c", MAIN, "stats", "--json", "--db", str(db)], capture_output=True,
                           text=True, timeout=HANG, preexec_fn=_as_unprivileged)
    assert stats.returncode == 0 and stats.stderr == ""
    assert '"cards": 0' in stats.stdout
    folder.chmod(0o755)


# -- two quizzes on one progress database ---------------------------------------------------------------

def _second_quiz(deck: Path, db: Path):
    """Start a quiz beside a running one: its output, exit status and how long it took."""
    import time

    import pexpect

    started = time.monotonic()
    child = pexpect.spawn(sys.executable, ["-c", MAIN, "quiz", str(deck), "--mode", "recognise", "--db", str(db)],
                          env=dict(os.environ, TERM="xterm-256color"), encoding="utf-8", dimensions=(40, 200),
                          timeout=10)
    output = child.read()
    child.close()
    return output, child.exitstatus, time.monotonic() - started


@pytest.mark.parametrize("first_ends", ["q", "SIGKILL"])
def test_a_second_quiz_on_the_same_progress_is_refused_until_the_first_ends(
        deck_folder: Path, tmp_path: Path, first_ends: str) -> None:
    deck = deck_folder / "kasachstan.json"
    db = tmp_path / "progress.sqlite3"
    first = _answer_one_card(deck_folder, db)

    output, status, seconds = _second_quiz(deck, db)
    assert status == 1 and seconds < 5
    assert one_line_error(output) == f"Error: another quiz is using {db}; finish it first"
    assert reviews(db) == [("das Bündnis", "recognise", 4)]

    if first_ends == "q":
        first.press("q")
        first.sees("Progress saved")
        assert first.finished() == 0
    else:
        first.child.kill(signal.SIGKILL)
        first.finished()                 # the lock dies with the process
    again = Learner(["quiz", str(deck), "--mode", "recognise"], db, command=MAIN)
    assert "die Streitkräfte" in again.sees("show the answer")
    again.press("q")
    assert again.finished() == 0


# -- standard input that cannot be read ------------------------------------------------------------------

@pytest.mark.parametrize("redirect, reason", [
    ("0<&-", "standard input is closed: pipe the text in, or give a file instead of -"),
    ("0>written-only", "standard input: cannot read (Bad file descriptor)"),
], ids=["closed", "write-only"])
@pytest.mark.parametrize("command", [["build", "-", "-o", "deck.apkg"], ["extract", "-"]], ids=["build", "extract"])
def test_a_dash_without_a_readable_standard_input_is_one_line(
        tmp_path: Path, command: list[str], redirect: str, reason: str) -> None:
    import shlex

    line = " ".join(shlex.quote(part) for part in [sys.executable, "-c", MAIN, *command])
    done = subprocess.run(["sh", "-c", f"{line} {redirect}"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=HANG)
    assert done.returncode == 1
    assert one_line_error(done.stderr) == f"Error: {reason}"
    assert not (tmp_path / "deck.apkg").exists()


# -- standard output on a full device -------------------------------------------------------------------

@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("command", [["extract", "TEXT"], ["extract", "TEXT", "--json"], ["stats", "--json"],
                                     ["stats"], ["--help"]], ids=" ".join)
def test_standard_output_on_a_full_device_is_one_line(tmp_path: Path, command: list[str]) -> None:
    from conftest import SEED

    db = _answered_progress(tmp_path)
    arguments = [str(SEED) if part == "TEXT" else part for part in command]
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-c", MAIN, *arguments], stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=HANG, env=dict(os.environ, LERNKARTEN_DB=str(db)))
    assert done.returncode == 1
    assert one_line_error(done.stderr) == "Error: cannot write to standard output: No space left on device"


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path) -> None:
    from conftest import SEED

    reader = subprocess.Popen([sys.executable, "-c", MAIN, "extract", str(SEED), "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.close()      # `| head` that left before the first word came: every write is a broken pipe
    stderr = reader.stderr.read().decode()
    assert reader.wait(timeout=HANG) == 1
    assert stderr == ""


# -- texts that hold no German words, or hide them in UTF-32 ----------------------------------------------

SENTENCE = "Das Bündnis schickte Streitkräfte nach Kasachstan, um die Regierung zu unterstützen. 😀\n"
UTF32 = {"UTF-32LE": b"\xff\xfe\x00\x00" + SENTENCE.encode("utf-32-le"),
         "UTF-32BE": b"\x00\x00\xfe\xff" + SENTENCE.encode("utf-32-be")}


def _lernkarten(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", MAIN, *arguments], cwd=cwd, capture_output=True, text=True,
                          timeout=HANG)


@pytest.mark.parametrize("encoding", UTF32)
def test_a_text_in_utf32_is_read_as_utf32(tmp_path: Path, encoding: str) -> None:
    import json

    (tmp_path / "text.txt").write_bytes(UTF32[encoding])
    done = _lernkarten("extract", "text.txt", "--json", "--level", "A2", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lemmas = {entry["lemma"] for entry in json.loads(done.stdout)["entries"]}
    assert {"Bündnis", "Streitkräfte"} <= lemmas


HOLLOW = {
    "broken UTF-32": (b"\xff\xfe\x00\x00" + SENTENCE.encode("utf-32-le")[:-2],
                      "text.txt begins with the mark of UTF-32 text but is not UTF-32; save it again as UTF-8"),
    "UTF-32 digits": (b"\x00\x00\xfe\xff" + "2022 – 1992, 9/15".encode("utf-32-be"),
                      "text.txt: no German words found (is it a German text?)"),
    "digits and signs": ("1234 !!! 56,78 € – ### 2022\n".encode(), "text.txt: no German words found (is it a German text?)"),
    "another script": ("Κάτι άλλο εντελώς. 完全に別のもの。\n".encode(),
                       "text.txt: no German words found (is it a German text?)"),
}


@pytest.mark.parametrize("command", [["extract", "text.txt"], ["build", "text.txt", "-o", "deck.apkg"],
                                     ["build", "text.txt", "-o", "deck.apkg", "--force"]], ids=" ".join)
@pytest.mark.parametrize("case", HOLLOW)
def test_a_text_without_german_words_is_refused_like_an_empty_one(
        tmp_path: Path, case: str, command: list[str]) -> None:
    content, message = HOLLOW[case]
    (tmp_path / "text.txt").write_bytes(content)
    done = _lernkarten(*command, cwd=tmp_path)
    assert done.returncode == 1
    assert one_line_error(done.stderr) == f"Error: {message}"
    assert not (tmp_path / "deck.apkg").exists()

    (tmp_path / "text.txt").write_text(" \n\t\n")
    empty = _lernkarten(*command, cwd=tmp_path)
    assert empty.returncode == 1 and one_line_error(empty.stderr) == "Error: text.txt holds no text"


# -- a named pipe as the text ------------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_read_once_written_and_the_wait_is_announced(tmp_path: Path) -> None:
    import selectors
    import time

    from conftest import SEED

    fifo = tmp_path / "text.txt"
    os.mkfifo(fifo)
    build = subprocess.Popen([sys.executable, "-c", MAIN, "build", str(fifo), "-o", "deck.apkg"], cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        selector = selectors.DefaultSelector()
        selector.register(build.stderr, selectors.EVENT_READ)
        started = time.monotonic()
        assert selector.select(timeout=3), "nothing said while waiting for the pipe's writer"
        line = build.stderr.readline()
        assert time.monotonic() - started < 2.5
        assert line == f"lernkarten: waiting for input on FIFO {fifo}\n"
        assert build.poll() is None
        with open(fifo, "wb") as writer:
            writer.write(SEED.read_bytes())
        stdout, stderr = build.communicate(timeout=120)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
    assert build.returncode == 0, stderr
    assert "waiting" not in stderr                     # said once
    assert (tmp_path / "deck.apkg").stat().st_size > 0


def test_a_named_pipe_written_at_once_is_read_without_a_notice(tmp_path: Path) -> None:
    import threading

    from conftest import SEED

    fifo = tmp_path / "text.txt"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "wb") as writer:
            writer.write(SEED.read_bytes())

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    done = subprocess.run([sys.executable, "-c", MAIN, "extract", str(fifo), "--json"], capture_output=True,
                          text=True, timeout=60)
    writer.join(timeout=5)
    assert done.returncode == 0, done.stderr
    assert "waiting" not in done.stderr and '"lemma": "Bündnis"' in done.stdout


def test_two_names_for_one_progress_file_share_its_lock(tmp_path: Path) -> None:
    from lernkarten.quiz.store import Store, StoreError

    db = tmp_path / "progress.sqlite3"
    link = tmp_path / "elsewhere.sqlite3"
    with Store.open(db):
        link.symlink_to(db)
        with pytest.raises(StoreError, match="another quiz is using"):
            Store.open(link)
    Store.open(link).close()
