"""Decks made to hurt: every reader of a deck stays fast, small and quiet, and shows text as text.

The hostile files are made here from a real lernkarten deck, damaged afterwards: a field of
600,000 `<`, a zip that unpacks to 3 GB, escape sequences in fields, NULL fields, JSON nested
10,000 deep. Each is given to the commands that read decks, as a learner would give it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from quiz_decks import seed_deck, write_apkg_deck, write_json_deck
from test_quiz_terminal import Learner

from lernkarten.entries import Source
from lernkarten.errors import LernkartenError
from lernkarten.packaging.fields import WORD_FIELDS, WORD_MODEL_ID

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "source_texts" / "faz-2022-01-06-kasachstan-odkb.txt"
#: Address space a command may take (the Python runtime and its libraries included).
MEMORY_CEILING = 3 << 30


@dataclass(frozen=True)
class Finished:
    """How a command ended: exit status, what it printed, how long it took, its peak memory."""

    status: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


# Starts the command from a small process: a child forked from the test run itself would count
# the test run's own memory (spaCy and all) as its peak. Writes "STATUS PEAK_KB" when it ends.
_LAUNCHER = """
import os, resource, sys
ceiling, report = int(sys.argv[1]), sys.argv[2]
pid = os.fork()
if pid == 0:
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    os.execv(sys.executable, [sys.executable, "-m", "lernkarten", *sys.argv[3:]])
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as out:
    out.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def lernkarten(*args: str | Path, cwd: Path, timeout: float = 20) -> Finished:
    """Run `lernkarten ARGS` without a terminal; killed after `timeout` seconds.

    The command may take MEMORY_CEILING of address space: a reader that would take gigabytes
    fails there instead of crowding the machine. Its peak memory is its own (`wait4`).
    """
    out, err, report = cwd / "stdout.txt", cwd / "stderr.txt", cwd / "finished.txt"
    report.unlink(missing_ok=True)
    started = time.monotonic()
    with open(out, "w") as stdout, open(err, "w") as stderr:
        child = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(MEMORY_CEILING), str(report),
                                  *map(str, args)], cwd=cwd, stdin=subprocess.DEVNULL, stdout=stdout,
                                 stderr=stderr, start_new_session=True)
    try:
        child.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    seconds = time.monotonic() - started
    status, peak_kb = map(int, report.read_text().split()) if report.exists() else (-9, 0)
    return Finished(status, out.read_text(), err.read_text(), seconds, peak_kb / 1024)


def assert_one_line_error(finished: Finished, *words: str, within: float = 5) -> None:
    assert finished.status not in (0, -9), finished          # -9: killed at the timeout
    lines = finished.stderr.strip().splitlines()
    assert len(lines) == 1, finished.stderr
    assert "Traceback" not in finished.stderr
    for word in words:
        assert word in lines[0], lines[0]
    assert finished.seconds < within, f"took {finished.seconds:.1f} s"
    assert finished.peak_mb < 300, f"peaked at {finished.peak_mb:.0f} MB"


# -- damaging real decks -----------------------------------------------------------------------


def damaged_apkg(folder: Path, sql: str, name: str = "hostile") -> Path:
    """A deck lernkarten wrote, its collection changed by `sql`, zipped again.

    The notes table loses its NOT NULL constraints first, as a collection from elsewhere may lack them.
    """
    package = write_apkg_deck(folder, name=name)
    work = folder / f"{name}-collection"
    work.mkdir()
    with zipfile.ZipFile(package) as archive:
        archive.extractall(work)
    connection = sqlite3.connect(work / "collection.anki2")
    connection.executescript("CREATE TABLE loose AS SELECT * FROM notes; DROP TABLE notes; "
                             f"ALTER TABLE loose RENAME TO notes; {sql};")
    connection.commit()
    connection.close()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in sorted(work.iterdir()):
            archive.write(member, member.name)
    shutil.rmtree(work)
    return package


def with_fields(folder: Path, name: str = "hostile", notes: int = 5, **values: str) -> Path:
    """A deck whose first `notes` word notes have `values` in the named fields."""
    fields = list(WORD_FIELDS)
    package = write_apkg_deck(folder, name=name)
    work = folder / f"{name}-collection"
    work.mkdir()
    with zipfile.ZipFile(package) as archive:
        archive.extractall(work)
    connection = sqlite3.connect(work / "collection.anki2")
    rows = connection.execute("SELECT id, flds FROM notes WHERE mid = ? ORDER BY id LIMIT ?",
                              (WORD_MODEL_ID, notes)).fetchall()
    for note_id, flds in rows:
        parts = flds.split("\x1f")
        for field, value in values.items():
            parts[fields.index(field)] = value
        connection.execute("UPDATE notes SET flds = ? WHERE id = ?", ("\x1f".join(parts), note_id))
    connection.commit()
    connection.close()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in sorted(work.iterdir()):
            archive.write(member, member.name)
    shutil.rmtree(work)
    return package


def zip_bomb(path: Path, *, unpacked: int, declared: int | None = None) -> Path:
    """An .apkg whose collection.anki2 is `unpacked` zero bytes, deflated to about a thousandth.

    `declared` is the size its headers claim (they may lie). The CRC is not that of the data:
    a reader is to refuse long before it could check it.
    """
    block = bytes(1 << 20)
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    # after a full flush the compressor starts afresh: each megabyte of zeros deflates alike
    deflated_block = squeeze.compress(block) + squeeze.flush(zlib.Z_FULL_FLUSH)
    blocks, rest = divmod(unpacked, len(block))
    data = deflated_block * blocks + squeeze.compress(bytes(rest)) + squeeze.flush()
    size = unpacked if declared is None else declared
    name = b"collection.anki2"
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, 0, len(data), size, len(name), 0)
    central = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, 0, len(data), size,
                          len(name), 0, 0, 0, 0, 0o644 << 16, 0)
    directory_at = len(local) + len(name) + len(data)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central) + len(name), directory_at, 0)
    path.write_bytes(local + name + data + central + name + end)
    return path


# -- 1. a field of 600,000 `<` --------------------------------------------------------------------

ANGLES = "<" * 600_000


@pytest.fixture()
def angle_deck(tmp_path: Path) -> Path:
    deck = with_fields(tmp_path, notes=1, Lemma=ANGLES, English=ANGLES, Notes="<br" * 200_000,
                       Example='<span class="lk-target">' * 30_000)
    assert deck.stat().st_size < 120_000
    return deck


def test_the_quiz_reads_a_field_of_angle_brackets_at_once(angle_deck: Path, tmp_path: Path) -> None:
    finished = lernkarten("quiz", angle_deck, "--db", tmp_path / "progress.sqlite3", cwd=tmp_path)
    assert_one_line_error(finished, "needs a terminal")        # the deck was read, all of it


def test_exclude_deck_reads_a_field_of_angle_brackets_at_once(angle_deck: Path, tmp_path: Path) -> None:
    # the second deck is missing: the build stops there, after the first was read in full
    finished = lernkarten("build", SEED, "-o", tmp_path / "out.apkg", "--exclude-deck", angle_deck,
                          "--exclude-deck", tmp_path / "missing.apkg", cwd=tmp_path)
    assert_one_line_error(finished, "missing.apkg", "no such deck")


def test_a_field_is_cut_at_its_limit_and_says_so(angle_deck: Path) -> None:
    from lernkarten.exclusions import words_in_apkg
    from lernkarten.plaintext import MAX_FIELD_CHARS
    from lernkarten.quiz.cards import read_deck

    card = read_deck(angle_deck)[0]
    assert card.english == "<" * MAX_FIELD_CHARS + "…"
    assert card.notes.startswith("<br<br") and card.notes.endswith("…")    # no ">": no tag
    assert len(card.notes) == MAX_FIELD_CHARS + 1
    assert "<" * MAX_FIELD_CHARS + "…" in words_in_apkg(angle_deck)


def test_tags_are_stripped_as_before() -> None:
    from lernkarten.plaintext import strip_tags
    from lernkarten.quiz.cards import example_with_targets, field_text

    assert field_text("der <b>Bund</b><br>die Bünde &amp; mehr") == "der Bund\ndie Bünde & mehr"
    assert field_text("a < b, c > d") == "a  d"                 # as the pattern <[^>]*> did
    assert field_text("1 < 2") == "1 < 2"
    assert strip_tags("<b>ab</b>holen<div>x</div>", breaks={"div": " ", "/div": " "}) == "abholen x "
    text, spans = example_with_targets('Er <span class="lk-target">teilte</span> es '
                                       '<span class="lk-target">mit</span>.<br>')
    assert text == "Er teilte es mit." and [text[a:b] for a, b in spans] == ["teilte", "mit"]
    assert example_with_targets('<span class="lk-target">offen') == ("offen", ())


# -- 2. a zip that unpacks to 3 GB ----------------------------------------------------------------


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    return {
        "honest": zip_bomb(folder / "honest.apkg", unpacked=3_000_000_000),
        # headers that claim 10 MB for the 3 GB stream
        "lying": zip_bomb(folder / "lying.apkg", unpacked=3_000_000_000, declared=10_000_000),
        # under the size limit, but a thousand times smaller packed than unpacked
        "squeezed": zip_bomb(folder / "squeezed.apkg", unpacked=200_000_000),
    }


@pytest.mark.parametrize("kind", ["honest", "lying", "squeezed"])
def test_the_quiz_refuses_a_zip_bomb(bombs: dict[str, Path], kind: str, tmp_path: Path) -> None:
    assert bombs[kind].stat().st_size < 4_000_000
    finished = lernkarten("quiz", bombs[kind], "--db", tmp_path / "progress.sqlite3", cwd=tmp_path)
    assert_one_line_error(finished, bombs[kind].name)
    assert not (tmp_path / "progress.sqlite3").exists()


@pytest.mark.parametrize("kind", ["honest", "lying", "squeezed"])
def test_exclude_deck_refuses_a_zip_bomb(bombs: dict[str, Path], kind: str, tmp_path: Path) -> None:
    finished = lernkarten("build", SEED, "-o", tmp_path / "out.apkg", "--exclude-deck", bombs[kind], cwd=tmp_path)
    assert_one_line_error(finished, bombs[kind].name)
    assert not (tmp_path / "out.apkg").exists()


@pytest.mark.parametrize("kind", ["honest", "lying", "squeezed"])
def test_package_refuses_a_zip_bomb_as_the_previous_package(bombs: dict[str, Path], kind: str,
                                                            tmp_path: Path) -> None:
    deck_json = write_json_deck(tmp_path)
    target = tmp_path / "previous.apkg"
    shutil.copy(bombs[kind], target)
    finished = lernkarten("package", deck_json, "-o", target, cwd=tmp_path)
    assert_one_line_error(finished, "previous.apkg", "not overwriting it")
    assert target.read_bytes() == bombs[kind].read_bytes()


def test_every_reader_takes_a_real_deck_through_the_same_door(tmp_path: Path) -> None:
    from lernkarten.exclusions import words_in_apkg
    from lernkarten.packaging import read_package_notes
    from lernkarten.quiz.cards import read_deck

    package = write_apkg_deck(tmp_path)
    assert len(read_deck(package)) == 5
    assert {"Bündnis", "Streitkräfte", "mitteilen"} <= words_in_apkg(package)
    assert len(read_package_notes(package)) == 10              # word and cloze notes


# -- 3. a deck that tries to drive the terminal ---------------------------------------------------

ESCAPES = "\x1b]0;PWNED\x07\x1b[2J\x1b[H\x1b[31mFAKE SCREEN\x9b2J\u202egnirts\u2066x\u2069\x7f"


def test_escape_sequences_in_a_deck_reach_the_screen_as_text(tmp_path: Path) -> None:
    deck = with_fields(tmp_path, English="alliance " + ESCAPES, German="das Bündnis" + ESCAPES)
    learner = Learner([str(deck), "--mode", "recognise", "--new", "1"], tmp_path / "progress.sqlite3")
    front = learner.sees("Space or Enter: show the answer")
    assert "das Bündnis" in front and "PWNED" in front and "FAKE SCREEN" in front
    learner.press(" ")
    assert "alliance" in learner.sees("1-4: rate")
    learner.press("4")                            # Easy: the card is done for today
    learner.sees("Progress saved")
    assert learner.finished() == 0
    raw = learner.raw
    for sequence in ("\x1b]0;", "\x07", "\x1b[31mFAKE", "\x1b[H\x1b[31m", "\x9b", "\u202e", "\u2066", "\x7f"):
        assert sequence not in raw, repr(sequence)


def test_a_deck_read_for_the_quiz_holds_no_control_characters(tmp_path: Path) -> None:
    from lernkarten.quiz.cards import read_deck

    package = with_fields(tmp_path, English="alliance " + ESCAPES, Notes="eins\tzwei<br>drei")
    card = read_deck(package)[0]
    assert card.english == "alliance ]0;PWNED[2J[H[31mFAKE SCREEN2Jgnirtsx"
    assert card.notes == "eins\tzwei\ndrei"                    # tab and line break mean something


def test_deck_names_and_titles_carry_no_control_characters_into_the_package(tmp_path: Path) -> None:
    from anki_helpers import import_package, new_collection

    from lernkarten.packaging import write_apkg

    deck = seed_deck(name="Kasachstan\x1b]0;PWNED\x07\u202e")
    source = deck.sources[0]
    deck.sources[0] = Source(id=source.id, title="Kasachstan\x1b[2J bittet\x9b um Hilfe\u2066",
                             date=source.date, attribution="FAZ\x1b[31m", path=source.path)
    package = tmp_path / "deck.apkg"
    write_apkg(deck, package)
    collection = new_collection(tmp_path / "anki")
    try:
        import_package(collection, package)
        names = [d.name for d in collection.decks.all_names_and_ids()]
        descriptions = [collection.decks.get(d.id)["desc"] for d in collection.decks.all_names_and_ids()]
        sources = [collection.get_note(n)["Source"] for n in collection.find_notes("")]
    finally:
        collection.close()
    assert "Kasachstan]0;PWNED" in names
    assert "Kasachstan]0;PWNED::FAZ 2022-01-06 Kasachstan[2J" in names
    for text in names + descriptions + sources:
        assert not any(c in text for c in "\x1b\x07\x9b\u202e\u2066"), repr(text)


def test_a_text_with_control_characters_gives_a_clean_title(tmp_path: Path) -> None:
    from lernkarten.sources import parse_source

    raw = SEED.read_bytes()
    parsed = parse_source(b"Kasachstan\x1b]0;PWNED\x07 bittet\xc2\x9b um \xe2\x80\xaeHilfe\n\n" + raw,
                          name="faz-2022-01-06-test.txt", suffix=".txt", display="test.txt")
    assert parsed.source.title == "Kasachstan]0;PWNED bittet um Hilfe"
    assert "\x1b" not in parsed.body


# -- 4. damaged JSON and NULL fields: one line, no traceback -----------------------------------------


def deep_json(tmp_path: Path) -> Path:
    path = tmp_path / "deep.json"
    path.write_text('{"schema": "lernkarten-deck", "version": 1, "name": ' + "[" * 10_000 + "]" * 10_000 + "}")
    return path


def edited_json(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    path = write_json_deck(tmp_path)
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))
    return path


def test_json_nested_ten_thousand_deep_is_one_line_everywhere(tmp_path: Path) -> None:
    deep = deep_json(tmp_path)
    assert_one_line_error(lernkarten("package", deep, cwd=tmp_path), "deep.json", "nested")
    assert_one_line_error(lernkarten("quiz", deep, cwd=tmp_path), "deep.json", "nested")
    assert_one_line_error(lernkarten("build", SEED, "-o", tmp_path / "out.apkg", "--exclude-deck", deep,
                                     cwd=tmp_path), "deep.json", "nested")


def test_a_time_too_large_for_anki_is_one_line(tmp_path: Path) -> None:
    def huge(data):  # type: ignore[no-untyped-def]
        data["entries"][0]["modified"] = 2 ** 63

    finished = lernkarten("package", edited_json(tmp_path, huge), cwd=tmp_path)
    assert_one_line_error(finished, "kasachstan.json", "modified")
    assert not (tmp_path / "kasachstan.apkg").exists()


def test_a_lone_surrogate_in_a_lemma_is_one_line(tmp_path: Path) -> None:
    def surrogate(data):  # type: ignore[no-untyped-def]
        data["entries"][0]["lemma"] = "B\ud800ndnis"

    finished = lernkarten("package", edited_json(tmp_path, surrogate), cwd=tmp_path)
    assert_one_line_error(finished, "kasachstan.json", "lemma")
    assert not (tmp_path / "kasachstan.apkg").exists()


def test_null_fields_in_a_package_are_one_line(tmp_path: Path) -> None:
    package = damaged_apkg(tmp_path, "UPDATE notes SET flds = NULL WHERE id = (SELECT min(id) FROM notes)")
    assert_one_line_error(lernkarten("quiz", package, cwd=tmp_path), "hostile.apkg", "damaged")
    assert_one_line_error(lernkarten("build", SEED, "-o", tmp_path / "out.apkg", "--exclude-deck", package,
                                     cwd=tmp_path), "hostile.apkg", "damaged")
    deck_json = write_json_deck(tmp_path)
    assert_one_line_error(lernkarten("package", deck_json, "-o", package, cwd=tmp_path), "hostile.apkg",
                          "not overwriting it")


def test_null_tags_and_foreign_notes_are_read_as_empty(tmp_path: Path) -> None:
    from lernkarten.quiz.cards import read_deck

    package = damaged_apkg(tmp_path, "UPDATE notes SET tags = NULL")
    assert all(card.tags == () for card in read_deck(package))
    with pytest.raises(LernkartenError):
        read_deck(damaged_apkg(tmp_path, "UPDATE notes SET guid = NULL", name="no-guid"))
