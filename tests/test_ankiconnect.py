"""Straight into Anki: packages handed to a running Anki through AnkiConnect's protocol.

The server below speaks AnkiConnect's version 6 protocol on 127.0.0.1 and imports with the real
`anki` package into a real collection, as the add-on does inside Anki, so the tests check what
the learner's Anki would hold.
"""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from anki.collection import Collection
from anki_helpers import import_package, new_collection
from click.testing import CliRunner
from conftest import SEED
from local_server import closed_port, serving

from lernkarten.ankiconnect import AnkiConnectError, send_package
from lernkarten.cli import cli


class AnkiConnect(BaseHTTPRequestHandler):
    """AnkiConnect over one collection file; `refuse` makes an action answer with an error,
    `ignore` makes it answer success and do nothing."""

    collection: Path
    version = 6
    refuse: dict[str, str] = {}
    ignore: set[str] = set()
    calls: list[tuple[str, dict]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        action, params = request["action"], request.get("params", {})
        type(self).calls.append((action, params))
        result: object = None
        error = type(self).refuse.get(action)
        if action in type(self).ignore:
            result = True
        elif error is None:
            col = Collection(str(type(self).collection))
            try:
                if action == "version":
                    result = type(self).version
                elif action == "importPackage":
                    import_package(col, Path(params["path"]))
                    result = True
                elif action == "deckNames":
                    result = [deck.name for deck in col.decks.all_names_and_ids()]
                else:
                    error = "unsupported action"
            finally:
                col.close()
        body = json.dumps({"result": result, "error": error}).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def anki(tmp_path: Path):
    """A running "Anki": its AnkiConnect address; the collection it holds is `AnkiConnect.collection`."""
    new_collection(tmp_path / "anki").close()
    AnkiConnect.collection = tmp_path / "anki" / "collection.anki2"
    AnkiConnect.version = 6
    AnkiConnect.refuse = {}
    AnkiConnect.ignore = set()
    AnkiConnect.calls = []
    with serving(AnkiConnect) as address:
        yield address


def _notes(collection: Path) -> dict[str, dict[str, str]]:
    """The word notes Anki holds, by lemma: their fields."""
    col = Collection(str(collection))
    try:
        notes = {}
        for note_id in col.find_notes(""):
            fields = dict(col.get_note(note_id).items())
            if "Lemma" in fields:
                notes[fields["Lemma"]] = fields
        return notes
    finally:
        col.close()


def test_build_to_anki_imports_the_deck_and_a_change_updates_it(anki: str, tmp_path: Path) -> None:
    deck = tmp_path / "kasachstan.apkg"
    result = CliRunner().invoke(cli, ["build", str(SEED), "-o", str(deck), "--limit", "5", "--to-anki",
                                      "--anki-connect", anki], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"Imported {deck} into Anki (AnkiConnect 6): deck Lernkarten" in result.stdout
    assert [action for action, _ in AnkiConnect.calls] == ["version", "importPackage", "deckNames"]
    assert AnkiConnect.calls[1][1] == {"path": str(deck.resolve())}
    written = json.loads(deck.with_suffix(".json").read_text(encoding="utf-8"))
    held = _notes(AnkiConnect.collection)
    assert sorted(held) == sorted(entry["lemma"] for entry in written["entries"])
    first = written["entries"][0]
    assert held[first["lemma"]]["English"].startswith(first["glosses"][0]["text"])
    col = Collection(str(AnkiConnect.collection))
    note_count = col.note_count()
    col.close()

    first["glosses"][0]["text"] = "an edited gloss"
    deck.with_suffix(".json").write_text(json.dumps(written, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["package", str(deck.with_suffix(".json")), "--to-anki"],
                                env={"LERNKARTEN_ANKICONNECT": anki}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Imported" in result.stdout
    held = _notes(AnkiConnect.collection)
    assert held[first["lemma"]]["English"].startswith("an edited gloss")
    col = Collection(str(AnkiConnect.collection))
    assert col.note_count() == note_count  # updated, not added again
    col.close()


def test_anki_not_running_warns_in_one_line_and_keeps_the_package(tmp_path: Path) -> None:
    deck = tmp_path / "kasachstan.apkg"
    address = f"http://127.0.0.1:{closed_port()}"
    result = CliRunner().invoke(cli, ["build", str(SEED), "-o", str(deck), "--limit", "5", "--to-anki"],
                                env={"LERNKARTEN_ANKICONNECT": address})
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines()[-1] == (
        f"Warning: {deck} was not imported into Anki: no AnkiConnect at {address} (is Anki running, with the "
        "AnkiConnect add-on?); it is on disk for File > Import")
    col = new_collection(tmp_path / "anki")
    assert import_package(col, deck).new > 0
    col.close()


def test_a_refused_import_is_reported_with_anki_s_reason(anki: str, tmp_path: Path) -> None:
    deck = tmp_path / "kasachstan.apkg"
    CliRunner().invoke(cli, ["build", str(SEED), "-o", str(deck), "--limit", "3"], catch_exceptions=False)
    AnkiConnect.refuse = {"importPackage": "collection is not available"}
    result = CliRunner().invoke(cli, ["package", str(deck.with_suffix(".json")), "--to-anki",
                                      "--anki-connect", anki])
    assert result.exit_code == 0
    assert "Anki refused importPackage: collection is not available" in result.stderr
    assert deck.is_file()
    assert _notes(AnkiConnect.collection) == {}


def test_an_import_that_leaves_no_deck_is_not_called_a_success(anki: str, tmp_path: Path) -> None:
    deck = tmp_path / "kasachstan.apkg"
    CliRunner().invoke(cli, ["build", str(SEED), "-o", str(deck), "--limit", "3"], catch_exceptions=False)
    AnkiConnect.ignore = {"importPackage"}
    with pytest.raises(AnkiConnectError, match="Anki took the package but shows no deck 'Lernkarten'"):
        send_package(deck, "Lernkarten", url=anki)


def test_an_old_ankiconnect_is_named_and_nothing_is_sent(anki: str, tmp_path: Path) -> None:
    AnkiConnect.version = 5
    with pytest.raises(AnkiConnectError, match="speaks version 5; lernkarten needs 6"):
        send_package(tmp_path / "any.apkg", "Lernkarten", url=anki)
    assert [action for action, _ in AnkiConnect.calls] == ["version"]


def test_something_else_on_the_port_is_not_taken_for_anki(tmp_path: Path) -> None:
    class NotAnki(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Length", "5")
            self.end_headers()
            self.wfile.write(b"hello")

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serving(NotAnki) as address:
        with pytest.raises(AnkiConnectError, match="does not answer as AnkiConnect does"):
            send_package(tmp_path / "any.apkg", "Lernkarten", url=address)
