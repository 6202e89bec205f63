"""The quiz driven as a learner drives it: a real terminal (a pty), real keys, real signals."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from click.testing import CliRunner
from quiz_decks import write_apkg_deck, write_json_deck

from lernkarten.cli.quiz import quiz, stats

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>78]")
COMMAND = "from lernkarten.cli.quiz import quiz; quiz(prog_name='lernkarten quiz')"


@pytest.fixture(scope="module")
def deck_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("decks")
    write_json_deck(folder)
    write_apkg_deck(folder)
    return folder


class Learner:
    """A person at a terminal: reads the screen, presses keys, types answers."""

    def __init__(self, args: list[str], db: Path, *, command: str = COMMAND, **env_vars: str) -> None:
        env = dict(os.environ, TERM="xterm-256color", LERNKARTEN_DB=str(db), **env_vars)
        env.pop("NO_COLOR", None)
        self.child = pexpect.spawn(sys.executable, ["-c", command, *args], env=env,
                                   encoding="utf-8", dimensions=(40, 120), timeout=30)
        self.raw = ""
        self.position = 0

    def screen(self) -> str:
        return ANSI.sub("", self.raw).replace("\r", "")

    def sees(self, text: str, timeout: float = 30) -> str:
        """Wait until `text` appears after what was already read; return what came before it."""
        import time

        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            found = screen.find(text, self.position)
            if found >= 0:
                before = screen[self.position:found]
                self.position = found + len(text)
                return before
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {text!r}; the screen showed:\n{screen[self.position:]}")
            try:
                self.raw += self.child.read_nonblocking(4096, timeout=max(0.05, deadline - time.monotonic()))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                screen = self.screen()
                if text in screen[self.position:]:
                    continue
                raise AssertionError(
                    f"the quiz ended before showing {text!r}:\n{screen[self.position:]}") from None

    def interrupts(self) -> None:
        """Ctrl-C, after the moment a person needs to reach for it.

        (A SIGINT landing in the microseconds before readline starts waiting is only seen at
        the next key; no hand is that fast, a test is.)
        """
        import time

        time.sleep(0.2)
        self.child.sendintr()

    def press(self, key: str) -> None:
        self.child.send(key)

    def types(self, answer: str) -> None:
        self.child.sendline(answer)

    def finished(self) -> int | None:
        """Wait for the quiz to end; its exit status (None when a signal ended it)."""
        try:
            while True:
                self.raw += self.child.read_nonblocking(4096, timeout=30)
        except pexpect.EOF:
            pass
        self.child.close()
        return self.child.exitstatus


def reviews(db: Path) -> list[tuple[str, str, int]]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(
            "SELECT cards.label, reviews.mode, reviews.rating FROM reviews "
            "JOIN cards USING (guid, mode) ORDER BY reviews.id").fetchall()
    finally:
        connection.close()


def test_recognise_session_reveals_then_rates(deck_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    learner = Learner([str(deck_folder / "kasachstan.json"), "--mode", "recognise", "--new", "2"], db)
    front = learner.sees("Space or Enter: show the answer")
    assert "das Bündnis" in front and "die Bündnisse · des Bündnisses" in front
    assert "alliance" not in front
    learner.press(" ")
    back = learner.sees("1-4: rate")
    assert "alliance (pol.); pact" in back and "Grundlage für das Bündnis war" in back
    assert "Frankfurter Allgemeine Zeitung" in back
    learner.press("4")
    assert "die Streitkräfte" in learner.sees("show the answer")
    learner.press("\r")
    assert "armed forces" in learner.sees("1-4: rate")
    learner.press(" ")                           # Good: ten minutes, so it comes back at the end
    assert "die Streitkräfte" in learner.sees("show the answer")
    learner.press(" ")
    learner.sees("1-4: rate")
    learner.press("4")
    summary = learner.sees("Progress saved")
    assert "Session done" in summary and "3 answers, 2 cards" in summary
    assert "New cards learned" in summary
    assert learner.finished() == 0
    assert reviews(db) == [("das Bündnis", "recognise", 4), ("die Streitkräfte", "recognise", 3),
                           ("die Streitkräfte", "recognise", 4)]


def test_produce_session_with_strict_articles_shows_the_difference(deck_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    learner = Learner([str(deck_folder / "kasachstan.apkg"), "--mode", "produce", "--new", "2",
                       "--strict-articles"], db)
    prompt = learner.sees("German: ")
    assert "alliance (pol.); pact" in prompt and "with its article" in prompt
    learner.types("der Bündnis")
    verdict = learner.sees("1-4: rate")
    assert "not quite" in verdict and "the article is das" in verdict
    assert "Space or Enter: Again (proposed)" in verdict
    learner.press("\r")
    assert "armed forces" in learner.sees("German: ")
    learner.types("die Streitkraefte")
    verdict = learner.sees("1-4: rate")
    assert "right" in verdict and "Good (proposed)" in verdict
    learner.press("4")
    assert "alliance" in learner.sees("German: ")    # forgotten a minute ago: asked again
    learner.types("das Bundnis")
    verdict = learner.sees("1-4: rate")
    assert "nearly" in verdict and "expected:  das Bündnis" in verdict and "Hard (proposed)" in verdict
    learner.press("3")
    learner.sees("German: ")                          # still learning: once more
    learner.types("das Bündnis")
    learner.sees("1-4: rate")
    learner.press("4")
    assert "Session done" in learner.sees("Progress saved")
    assert learner.finished() == 0
    assert [r[2] for r in reviews(db)] == [1, 4, 3, 4]


def test_gender_drill_takes_one_key_per_answer(deck_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    learner = Learner([str(deck_folder / "kasachstan.json"), "--mode", "gender"], db)
    prompt = learner.sees("1 or r: der")
    assert "Bündnis" in prompt and "das Bündnis" not in prompt
    learner.press("e")
    verdict = learner.sees("1-4: rate")
    assert "not quite" in verdict and "expected:  das" in verdict
    learner.press(" ")
    assert "Unterstützung" in learner.sees("1 or r: der")
    learner.press("2")
    assert "right" in learner.sees("1-4: rate")
    learner.press("4")
    assert "Bündnis" in learner.sees("1 or r: der")
    learner.press("s")
    learner.sees("1-4: rate")
    learner.press("4")
    summary = learner.sees("Progress saved")
    assert learner.finished() == 0
    assert "Einmischung" not in learner.screen() and "Streitkräfte" not in learner.screen()
    assert "3 answers, 2 cards" in summary


def test_cloze_blanks_both_parts_of_a_separable_verb(deck_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    learner = Learner([str(deck_folder / "kasachstan.apkg"), "--mode", "cloze", "--tag", "verb"], db)
    prompt = learner.sees("Word: ")
    assert "Wenige Stunden später ______ das von Russland geführte Militärbündnis offiziell _____, dass" in prompt
    assert "to inform; to announce" in prompt and "2 parts" in prompt
    learner.types("teilte mit")
    back = learner.sees("1-4: rate")
    assert "right" in back and "teilt mit · teilte mit · hat mitgeteilt" in back
    learner.press("4")
    learner.sees("Progress saved")
    assert learner.finished() == 0
    assert reviews(db) == [("mitteilen", "cloze", 4)]


def test_mixed_session_from_a_package_keeps_to_the_limit(deck_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    learner = Learner([str(deck_folder / "kasachstan.apkg"), "--limit", "2"], db)
    for _ in range(2):
        learner.sees("show the answer")
        learner.press(" ")
        learner.sees("1-4: rate")
        learner.press("4")
    summary = learner.sees("Progress saved")
    assert "2 answers, 2 cards" in summary and "Next due" in summary and "Next 7 days" in summary
    assert learner.finished() == 0
    assert [r[1] for r in reviews(db)] == ["recognise", "recognise"]


def test_ctrl_c_keeps_every_answer_and_shows_the_summary(deck_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    learner = Learner([str(deck_folder / "kasachstan.json"), "--mode", "produce"], db)
    learner.sees("German: ")
    learner.types("das Bündnis")
    learner.sees("1-4: rate")
    learner.press("4")
    learner.sees("German: ")
    learner.child.send("Streitkr")               # half typed when the learner gives up
    learner.sees("Streitkr")
    learner.interrupts()
    summary = learner.sees("Progress saved")
    assert "Session stopped" in summary and "1 answers, 1 cards" in summary
    assert learner.finished() == 130
    assert reviews(db) == [("das Bündnis", "produce", 4)]


def test_a_killed_quiz_loses_only_the_answer_being_typed_and_resumes(deck_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    deck = str(deck_folder / "kasachstan.json")
    learner = Learner([deck, "--mode", "produce"], db)
    for answer in ("das Bündnis", "die Streitkräfte"):
        learner.sees("German: ")
        learner.types(answer)
        learner.sees("1-4: rate")
        learner.press("4")
    assert "to inform" in learner.sees("German: ")
    learner.child.send("mitte")
    learner.child.kill(signal.SIGKILL)
    learner.finished()
    assert learner.child.signalstatus == signal.SIGKILL
    assert [r[0] for r in reviews(db)] == ["das Bündnis", "die Streitkräfte"]

    again = Learner([deck, "--mode", "produce"], db)
    assert "to inform" in again.sees("German: ")       # the two answered words are not due
    again.types("mitteilen")
    again.sees("1-4: rate")
    again.press("4")
    again.sees("German: ")
    again.interrupts()
    again.sees("Progress saved")
    assert again.finished() == 130
    assert [r[0] for r in reviews(db)] == ["das Bündnis", "die Streitkräfte", "mitteilen"]


def test_a_closed_terminal_keeps_every_answer(deck_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    learner = Learner([str(deck_folder / "kasachstan.json"), "--mode", "recognise"], db)
    learner.sees("show the answer")
    learner.press(" ")
    learner.sees("1-4: rate")
    learner.press("4")
    learner.sees("show the answer")
    learner.child.kill(signal.SIGHUP)
    status = learner.finished()
    assert status == 128 + signal.SIGHUP or learner.child.signalstatus == signal.SIGHUP
    assert reviews(db) == [("das Bündnis", "recognise", 4)]


def test_without_a_terminal_the_quiz_says_so_and_stops(deck_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    finished = subprocess.run([sys.executable, "-c", COMMAND, str(deck_folder / "kasachstan.json"),
                               "--db", str(db)], stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=60)
    assert finished.returncode == 1
    assert "standard input is not" in finished.stderr
    assert len(finished.stderr.strip().splitlines()) == 1
    assert not db.exists()


def test_a_broken_deck_is_one_line_and_nothing_written(tmp_path: Path) -> None:
    broken = tmp_path / "kasachstan.apkg"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    db = tmp_path / "progress.sqlite3"
    result = CliRunner().invoke(quiz, [str(broken), "--db", str(db)])
    assert result.exit_code == 1
    assert "kasachstan.apkg" in result.output and len(result.output.strip().splitlines()) == 1
    assert not db.exists()


def test_a_filter_matching_nothing_says_so(deck_folder: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(quiz, [str(deck_folder / "kasachstan.json"), "--tag", "adjective",
                                       "--db", str(tmp_path / "p.sqlite3")])
    assert result.exit_code == 1 and "no card matches tag 'adjective'" in result.output


def test_stats_show_progress_as_table_and_json(deck_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    learner = Learner([str(deck_folder / "kasachstan.json"), "--mode", "recognise", "--new", "2"], db)
    for rating in ("4", "1"):
        learner.sees("show the answer")
        learner.press(" ")
        learner.sees("1-4: rate")
        learner.press(rating)
    learner.sees("show the answer")
    learner.press("q")
    learner.sees("Progress saved")
    assert learner.finished() == 0

    result = CliRunner().invoke(stats, ["--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["cards"] == 2 and figures["reviews_total"] == 2
    assert figures["by_state"] == {"learning": 1, "review": 1, "relearning": 0}
    assert figures["reviews_per_day"][-1]["reviews"] == 2 and figures["reviews_per_day"][-1]["correct"] == 1

    table = CliRunner().invoke(stats, ["--db", str(db)], env={"COLUMNS": "100"})
    assert table.exit_code == 0
    assert "Cards" in table.output and "recognise" in table.output and "Retention" in table.output


def test_stats_without_progress_say_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(stats, ["--db", str(tmp_path / "none.sqlite3")])
    assert result.exit_code == 1 and "no progress yet" in result.output


def test_with_nothing_due_the_quiz_says_when_to_come_back(deck_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    learner = Learner([str(deck_folder / "kasachstan.json"), "--mode", "gender"], db)
    for key in ("s", "2"):                          # das Bündnis, die Unterstützung: both Easy
        learner.sees("1 or r: der")
        learner.press(key)
        learner.sees("1-4: rate")
        learner.press("4")
    learner.sees("Progress saved")
    assert learner.finished() == 0
    again = Learner([str(deck_folder / "kasachstan.json"), "--mode", "gender"], db)
    again.sees("Nothing due now. Next card due ")
    assert again.finished() == 0
    assert len(reviews(db)) == 2


NO_SOUND = "No sound on this machine"


def test_p_says_once_that_this_machine_has_no_sound(deck_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    empty = tmp_path / "bin"
    empty.mkdir()
    learner = Learner([str(deck_folder / "kasachstan.json"), "--mode", "recognise", "--new", "2"], db,
                      PATH=str(empty))
    learner.sees("show the answer   p: hear it")
    learner.press("p")
    learner.sees(NO_SOUND)
    learner.press("p")                           # asked again: nothing more is said
    learner.press(" ")
    learner.sees("1-4: rate")
    learner.press("p")
    learner.press("4")
    learner.sees("show the answer")
    learner.press("p")
    learner.press(" ")
    learner.sees("1-4: rate")
    learner.press("4")
    learner.sees("Progress saved")
    assert learner.finished() == 0
    assert learner.screen().count(NO_SOUND) == 1
    assert [label for label, _, _ in reviews(db)] == ["das Bündnis", "die Streitkräfte"]


def test_p_plays_the_word_through_the_systems_player(deck_folder: Path, tmp_path: Path) -> None:
    import wave

    from lernkarten.audio.espeak import speak

    heard = tmp_path / "heard"
    heard.mkdir()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    player = bin_dir / "aplay"
    # a player that keeps what it was given to play (the last argument is the file)
    player.write_text(f'#!/bin/sh\nfor a; do last="$a"; done\ncp "$last" "{heard}/$(ls {heard} | wc -l).wav"\n')
    player.chmod(0o755)
    db = tmp_path / "progress.sqlite3"
    learner = Learner([str(deck_folder / "kasachstan.apkg"), "--mode", "recognise", "--new", "1"], db,
                      PATH=f"{bin_dir}:/usr/bin:/bin")
    learner.sees("show the answer")
    learner.press("p")
    learner.press(" ")
    learner.sees("1-4: rate")
    learner.press("p")
    learner.press("4")
    learner.sees("Progress saved")
    assert learner.finished() == 0
    assert NO_SOUND not in learner.screen()
    played = sorted(heard.iterdir())
    assert [p.name for p in played] == ["0.wav", "1.wav"]
    expected = speak("das Bündnis")
    with wave.open(str(played[0])) as sound:
        assert (sound.getnchannels(), sound.getsampwidth(), sound.getframerate()) == (1, 2, expected.rate)
        seconds = sound.getnframes() / sound.getframerate()
    assert abs(seconds - expected.seconds) < 0.05 * expected.seconds
