"""Hostile conditions met as the learner's shell meets them: signals, damaged or shared files, odd inputs.

Every case ends quickly with one line on standard error and a non-zero status, never a traceback.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from test_quiz_terminal import Learner, deck_folder, reviews  # noqa: F401  (deck_folder: a fixture)

#: The installed command's entry point, as `lernkarten` runs it: its exit status is the process's.
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
