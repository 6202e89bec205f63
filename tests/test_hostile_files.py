"""Hostile outputs: a link to a device, a disk that fills up, two builds writing one deck.

The deck is a pair, the .apkg a learner imports and the .json that remembers what its notes
showed; the pair changes together or not at all, and nothing but a regular file is written.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from anki_helpers import import_package, new_collection
from conftest import REPO
from test_hostile_input import MAIN, one_line_error

from lernkarten.entries import Deck
from lernkarten.errors import LernkartenError
from lernkarten.exclusions import words_in_apkg
from lernkarten.fileio import output_lock
from lernkarten.packaging import read_package_notes, write_apkg
from lernkarten.packaging.fields import WORD_FIELDS

TEXT = ("Die Regierung hat den Ausnahmezustand verhängt. Die Opposition kritisiert die Verhaftungen "
        "scharf und fordert Neuwahlen.\n")
SEED_DECK = REPO / "decks" / "faz-2022-01-06-kasachstan-odkb.apkg"
OTHER_TEXT = ("Das Parlament billigte das Abkommen über die Zusammenarbeit der Streitkräfte. "
              "Die Abgeordneten stimmten mit großer Mehrheit zu.\n")


def _run(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", MAIN, *arguments], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def _built(tmp_path: Path, text: str = TEXT, name: str = "deck") -> Path:
    source = tmp_path / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    done = _run("build", str(source), "-o", "deck.apkg", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return tmp_path / "deck.apkg"


# --- outputs that are not regular files -------------------------------------------------------

@pytest.mark.parametrize("command", ["build", "package"])
def test_an_output_linked_to_a_device_is_refused_and_the_device_stays(tmp_path: Path, command: str) -> None:
    (tmp_path / "text.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "deck.json").write_text(Deck(name="x", sources=[], entries=[]).to_json(), encoding="utf-8")
    (tmp_path / "out.apkg").symlink_to("/dev/full")
    given = "text.txt" if command == "build" else "deck.json"
    started = time.monotonic()
    done = _run(command, given, "-o", "out.apkg", cwd=tmp_path)
    assert done.returncode == 1
    assert "/dev/full, which is not a regular file" in one_line_error(done.stderr)
    assert time.monotonic() - started < 5  # refused before any analysis
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert (tmp_path / "out.apkg").is_symlink()


def test_an_output_linked_to_a_regular_file_writes_that_file_and_keeps_the_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "kept"
    elsewhere.mkdir()
    (tmp_path / "deck.apkg").symlink_to(elsewhere / "real.apkg")
    (tmp_path / "text.txt").write_text(TEXT, encoding="utf-8")
    done = _run("build", "text.txt", "-o", "deck.apkg", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "deck.apkg").is_symlink()
    assert "Ausnahmezustand" in words_in_apkg(elsewhere / "real.apkg")


# --- a full disk: the pair changes together or not at all -------------------------------------

# A real full disk: a small tmpfs mounted in a private mount namespace (`unshare`), where the
# package is written. The script fills the disk so that a new package fits, its JSON does not,
# runs `lernkarten package`, and prints what the folder holds afterwards.
FULL_DISK = r"""
set -e
mount -t tmpfs -o size=2m tmpfs "$DISK"
cp deck.apkg deck.json "$DISK"/
cd "$DISK"
before=$(sha256sum deck.apkg deck.json)
free=$(( $(stat -f -c '%a*%S' . ) ))
room=$(( $(stat -c %s deck.apkg) + 64 * 1024 ))
head -c $(( free - room )) /dev/zero > filler 2>/dev/null || true
set +e
"$PYTHON" -c "$MAIN" package deck.json -o deck.apkg 2>err
echo "status $?"
echo "error $(cat err | tr '\n' ' ')"
[ "$before" = "$(sha256sum deck.apkg deck.json)" ] && echo "pair kept"
ls -A
"""


def test_a_package_on_a_full_disk_leaves_the_old_pair(tmp_path: Path) -> None:
    for suffix in (".apkg", ".json"):  # the committed seed deck: a JSON several times its package
        shutil.copy(SEED_DECK.with_suffix(suffix), tmp_path / f"deck{suffix}")
    deck_json = tmp_path / "deck.json"
    deck = json.loads(deck_json.read_text(encoding="utf-8"))
    deck["entries"][0]["glosses"][0]["text"] = "an edited gloss"  # an edit: package and JSON both change
    deck_json.write_text(json.dumps(deck, ensure_ascii=False, indent=2), encoding="utf-8")
    assert (tmp_path / "deck.apkg").stat().st_size + 64 * 1024 < deck_json.stat().st_size
    (tmp_path / "disk").mkdir()
    probe = subprocess.run(["unshare", "-rm", "mount", "-t", "tmpfs", "tmpfs", str(tmp_path / "disk")],
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip("no private mount namespace here (unshare -rm) to make a small disk in")
    done = subprocess.run(["unshare", "-rm", "sh", "-c", FULL_DISK], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "DISK": str(tmp_path / "disk"), "PYTHON": sys.executable,
                                            "MAIN": MAIN})
    report = done.stdout.splitlines()
    assert "status 1" in report, done.stdout + done.stderr
    error = next(line for line in report if line.startswith("error "))
    assert "No space left on device" in error and "kept as before" in error and "Traceback" not in error
    assert "pair kept" in report
    assert sorted(report[report.index("pair kept") + 1:]) == ["deck.apkg", "deck.json", "err", "filler"]


def test_a_build_that_cannot_write_its_json_leaves_the_old_pair(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from lernkarten.cli import cli

    apkg = _built(tmp_path)
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.is_file()}
    (tmp_path / "deck.txt").write_text(OTHER_TEXT, encoding="utf-8")

    def full_disk(deck: Deck, handle: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.chdir(tmp_path)
    # the JSON is written entry by entry into the temporary file beside the package
    monkeypatch.setattr("lernkarten.packaging.rebuild.dump_deck_json", full_disk)
    result = CliRunner().invoke(cli, ["build", "deck.txt", "-o", "deck.apkg"])
    assert result.exit_code == 1
    assert "No space left on device" in result.output and "kept as before" in result.output
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.is_file()
            and path.name != "deck.txt"} == {k: v for k, v in before.items() if k != "deck.txt"}
    assert apkg.exists()


# --- two writers of one deck ------------------------------------------------------------------

def test_a_build_waits_for_another_writer_of_its_deck(tmp_path: Path) -> None:
    apkg = _built(tmp_path)
    (tmp_path / "other.txt").write_text(OTHER_TEXT, encoding="utf-8")
    held = threading.Event()
    release = threading.Event()

    def other_writer() -> None:
        with output_lock(apkg):
            held.set()
            release.wait(60)

    holder = threading.Thread(target=other_writer)
    holder.start()
    held.wait(10)
    build = subprocess.Popen([sys.executable, "-c", MAIN, "build", "other.txt", "-o", "deck.apkg"], cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        written = apkg.read_bytes()
        time.sleep(8)  # long enough for the build to reach its write
        assert build.poll() is None, build.communicate()
        assert apkg.read_bytes() == written
    finally:
        release.set()
        holder.join()
    out, err = build.communicate(timeout=120)
    assert build.returncode == 0, err
    lemmas = {entry["lemma"] for entry in json.loads(apkg.with_suffix(".json").read_text("utf-8"))["entries"]}
    assert "Abkommen" in lemmas
    assert not list(tmp_path.glob(".*"))  # the lock file and temporaries are gone


def test_a_writer_refuses_when_another_holds_the_deck_too_long(tmp_path: Path) -> None:
    apkg = tmp_path / "deck.apkg"
    with output_lock(apkg):
        waiter = subprocess.run([sys.executable, "-c",
                                 "from lernkarten.fileio import output_lock\n"
                                 "from lernkarten.errors import LernkartenError\n"
                                 f"try:\n  output_lock({str(apkg)!r}, wait=0.5).__enter__()\n"
                                 "except LernkartenError as e:\n  print(e)\n"],
                                capture_output=True, text=True, timeout=30)
    assert "another lernkarten is still writing" in waiter.stdout
    with output_lock(apkg, wait=0):  # free again once the holder is done
        pass


def test_two_builds_at_once_leave_a_pair_from_one_of_them(tmp_path: Path) -> None:
    for name, text in (("a", TEXT), ("b", OTHER_TEXT)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    builds = [subprocess.Popen([sys.executable, "-c", MAIN, "build", f"{name}.txt", "-o", "deck.apkg"],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for name in ("a", "b")]
    for build in builds:
        _, err = build.communicate(timeout=120)
        assert build.returncode == 0, err
    deck = json.loads((tmp_path / "deck.json").read_text("utf-8"))
    notes = read_package_notes(tmp_path / "deck.apkg")
    # the package's words are the JSON's, each note with the time the JSON gives its entry
    times = {entry["lemma"]: entry["modified"] for entry in deck["entries"]}
    assert words_in_apkg(tmp_path / "deck.apkg") == set(times)
    word_notes = [note for note in notes.values() if len(note.fields) == len(WORD_FIELDS)]
    assert word_notes and all(note.modified == times[note.fields[1]] for note in word_notes)
    outcome = import_package(new_collection(tmp_path / "anki"), tmp_path / "deck.apkg")
    assert outcome.new == len(notes)


def test_the_library_writes_a_deck_in_three_lines(tmp_path: Path) -> None:
    import lernkarten

    (tmp_path / "text.txt").write_text(TEXT, encoding="utf-8")
    built = lernkarten.build_decks([str(tmp_path / "text.txt")], lernkarten.Options(level="B1"))
    written = lernkarten.write_deck(built.decks[0], tmp_path / "text.apkg")
    assert written.summary.notes > 0
    assert lernkarten.read_deck_json(tmp_path / "text.json") == written.deck
    again = lernkarten.write_deck(built.decks[0], tmp_path / "text.apkg")
    assert again.deck == written.deck  # nothing changed, so no note gets a new time


def test_write_apkg_alone_still_refuses_a_device(tmp_path: Path) -> None:
    (tmp_path / "out.apkg").symlink_to("/dev/full")
    with pytest.raises(LernkartenError, match="not a regular file"):
        write_apkg(Deck(name="x", sources=[], entries=[]), tmp_path / "out.apkg")
