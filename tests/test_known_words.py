"""The learner's known words: the list `lernkarten known` keeps and `--known FILE` adds to.

Each test has its own data folder (conftest), so the learner's real list is never touched.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED

from lernkarten.cli import cli
from lernkarten.errors import LernkartenError
from lernkarten.known import (
    add_known_words,
    known_words_path,
    learner_known_words,
    read_known_words,
    remove_known_words,
)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def one_line_error(result) -> str:
    """The error a learner sees: a non-zero exit, no traceback, one line on standard error."""
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


def files_beside_the_list() -> list[str]:
    return sorted(p.name for p in known_words_path().parent.iterdir())


# --- the learner's own list through `lernkarten known` ----------------------------------------

def test_words_added_are_listed_and_removed_words_are_gone():
    added = run("known", "add", "Bündnis", "mitteilen", "sich beteiligen")
    assert added.exit_code == 0, added.output
    assert "Added 3" in added.stdout
    assert run("known", "list").stdout.splitlines() == ["Bündnis", "mitteilen", "sich beteiligen"]

    removed = run("known", "remove", "mitteilen")
    assert removed.exit_code == 0 and "Removed 1" in removed.stdout
    assert run("known", "list").stdout.splitlines() == ["Bündnis", "sich beteiligen"]
    assert learner_known_words() == ["Bündnis", "sich beteiligen"]


def test_a_word_known_in_another_case_is_not_added_twice():
    run("known", "add", "Bündnis")
    again = run("known", "add", "bündnis", "BÜNDNIS", "Streitkräfte", "streitkräfte")
    assert again.exit_code == 0
    assert "Added 1" in again.stdout and "Already known: 3" in again.stdout
    assert run("known", "list").stdout.splitlines() == ["Bündnis", "Streitkräfte"]


def test_removing_ignores_case_and_keeps_the_learners_spelling_of_the_rest():
    add_known_words(["Bündnis", "Streitkräfte", "mitteilen"])
    assert remove_known_words(["STREITKRÄFTE", "  bündnis  "]) == ["Bündnis", "Streitkräfte"]
    assert learner_known_words() == ["mitteilen"]


def test_removing_a_word_never_known_changes_nothing():
    add_known_words(["Bündnis"])
    before = known_words_path().read_bytes()
    result = run("known", "remove", "Hilfsbitte")
    assert result.exit_code == 0 and "Removed 0" in result.stdout
    assert known_words_path().read_bytes() == before


def test_an_empty_list_says_where_it_would_live():
    result = run("known", "list")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert str(known_words_path()) in result.stderr
    assert not known_words_path().exists()


def test_blank_words_are_not_added():
    assert add_known_words(["  ", "", "Bündnis "]) == ["Bündnis"]
    assert learner_known_words() == ["Bündnis"]


def test_adding_and_removing_leave_no_temporary_files_behind():
    run("known", "add", "Bündnis", "mitteilen")
    run("known", "add", "Streitkräfte")
    run("known", "remove", "mitteilen")
    assert files_beside_the_list() == [known_words_path().name]


def test_a_failed_write_keeps_the_old_list_and_leaves_no_temporary_file(monkeypatch: pytest.MonkeyPatch):
    add_known_words(["Bündnis"])
    before = known_words_path().read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("lernkarten.fileio.os.fsync", disk_full)
    with pytest.raises(LernkartenError, match="No space left on device; the files there are kept as before"):
        add_known_words(["Streitkräfte"])
    assert known_words_path().read_bytes() == before
    assert files_beside_the_list() == [known_words_path().name]


def test_knowing_masse_does_not_make_masse_with_eszett_known():
    # Masse (mass) and Maße (measures) are different words; ß is not a capital of ss.
    add_known_words(["Masse"])
    assert add_known_words(["Maße"]) == ["Maße"]


def test_adding_a_word_keeps_the_learners_comments():
    known_words_path().write_text("# Kapitel 1\nBündnis  # alliance\n\nmitteilen\n", encoding="utf-8")
    add_known_words(["Streitkräfte"])
    text = known_words_path().read_text(encoding="utf-8")
    assert "# Kapitel 1" in text and "# alliance" in text
    assert learner_known_words() == ["Bündnis", "mitteilen", "Streitkräfte"]


# --- reading a list a teacher or the learner wrote ---------------------------------------------

def test_comments_and_blank_lines_are_not_words(tmp_path: Path):
    file = tmp_path / "kapitel1.txt"
    file.write_text(
        "# Wörter aus Kapitel 1\n"
        "\n"
        "Bündnis   # alliance\n"
        "   mitteilen\t\n"
        "#Streitkräfte (noch nicht gelernt)\n"
        "sich beteiligen\n"
        "   \n",
        encoding="utf-8",
    )
    assert read_known_words(file) == ["Bündnis", "mitteilen", "sich beteiligen"]


@pytest.mark.parametrize(
    "encoding, newline",
    [("utf-8", "\n"), ("utf-8-sig", "\r\n"), ("cp1252", "\r\n")],
    ids=["utf-8", "utf-8 with BOM from Windows", "Windows-1252"],
)
def test_a_list_saved_by_any_editor_reads_the_same(tmp_path: Path, encoding: str, newline: str):
    file = tmp_path / "woerter.txt"
    file.write_bytes(newline.join(["Bündnis", "Streitkräfte", "Maße", ""]).encode(encoding))
    assert read_known_words(file) == ["Bündnis", "Streitkräfte", "Maße"]


@pytest.mark.parametrize("kind", ["missing", "directory", "binary"])
def test_a_list_that_is_not_a_text_file_is_refused_in_one_line(tmp_path: Path, kind: str):
    path = tmp_path / "known.txt"
    if kind == "directory":
        path.mkdir()
    elif kind == "binary":
        path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)))
    with pytest.raises(LernkartenError) as caught:
        read_known_words(path)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message


@pytest.mark.parametrize("kind", ["missing", "binary"])
def test_extract_with_an_unreadable_known_list_stops_with_one_line(tmp_path: Path, kind: str):
    path = tmp_path / "missing.txt"
    if kind == "binary":
        path = tmp_path / "woerter.txt"
        path.write_bytes(b"\x00\x01\x02" + "Bündnis".encode() + b"\x00")
    line = one_line_error(run("extract", str(SEED), "--known", str(path)))
    assert str(path) in line


def test_extract_with_a_folder_as_known_list_names_the_folder(tmp_path: Path):
    result = run("extract", str(SEED), "--known", str(tmp_path))
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ") and str(tmp_path) in last and "directory" in last
