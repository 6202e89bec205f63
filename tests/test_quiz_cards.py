"""Reading decks for the quiz: the decks lernkarten writes, and nothing else, safely."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import pytest
from quiz_decks import seed_deck, write_apkg_deck, write_json_deck

from lernkarten.entries import Example, Gloss
from lernkarten.quiz.cards import DeckError, read_deck, read_decks, select_cards


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("decks")
    return {"json": write_json_deck(folder), "apkg": write_apkg_deck(folder), "folder": folder}


def test_package_and_json_of_a_deck_give_the_same_cards(decks) -> None:
    from_apkg = [dataclasses.replace(c, origin="") for c in read_deck(decks["apkg"])]
    from_json = [dataclasses.replace(c, origin="") for c in read_deck(decks["json"])]
    assert from_apkg == from_json
    assert [c.german for c in from_apkg] == ["das Bündnis", "die Streitkräfte", "mitteilen",
                                             "die Unterstützung", "die Einmischung"]


def test_a_card_reads_as_the_learner_sees_it(decks) -> None:
    verb = next(c for c in read_deck(decks["apkg"]) if c.lemma == "mitteilen")
    assert verb.english == "to inform; to announce"
    assert verb.grammar == "teilt mit · teilte mit · hat mitgeteilt"
    assert verb.target_text == "teilte mit"
    assert verb.source == "Kasachstan bittet um militärische Hilfe (2022-01-06)"
    noun = next(c for c in read_deck(decks["apkg"]) if c.lemma == "Streitkräfte")
    assert noun.plural_only and noun.genders == ()
    assert noun.example[slice(*noun.targets[0])] == "Streitkräften"


def test_the_same_deck_given_twice_asks_each_word_once(decks) -> None:
    assert len(read_decks([decks["apkg"], decks["json"]])) == len(read_deck(decks["apkg"]))


def test_deck_and_tag_filters_pick_cards_across_decks(decks) -> None:
    cards = read_decks([decks["apkg"]])
    assert len(select_cards(cards, decks=["kasachstan"])) == 5               # the deck, by name
    assert len(select_cards(cards, decks=["FAZ 2022-01-06 Kasachstan"])) == 5  # its subdeck
    assert select_cards(cards, decks=["Spanisch"]) == []
    verbs = select_cards(cards, tags=["verb"])
    assert [c.lemma for c in verbs] == ["mitteilen"]
    assert {c.lemma for c in select_cards(cards, tags=["lernkarten::level::B1"])} == {"mitteilen", "Unterstützung"}


def test_text_from_the_source_stays_text(tmp_path: Path) -> None:
    deck = seed_deck()
    sentence = 'Er schrieb <script>alert("x")</script> und {{c1::Bündnis}} [bold]laut[/bold] & mehr.'
    entry = deck.entries[0]
    entry.glosses = [Gloss('<img src=x onerror="alert(1)">')]
    entry.examples = [Example(text=sentence, spans=[(sentence.index("Bündnis"), sentence.index("Bündnis") + 7)],
                              source=deck.sources[0].id)]
    card = read_deck(write_apkg_deck(tmp_path, deck))[0]
    assert card.english == '<img src=x onerror="alert(1)">'
    assert card.example == sentence
    assert card.target_text == "Bündnis"

    from rich.console import Console

    from lernkarten.quiz.terminal import card_panel
    console = Console(record=True, width=200, color_system=None)
    console.print(card_panel(card))
    shown = console.export_text()
    assert "[bold]laut[/bold]" in shown and '<script>alert("x")</script>' in shown


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def _collection(apkg: Path) -> bytes:
    with zipfile.ZipFile(apkg) as archive:
        return archive.read("collection.anki2")


def test_a_member_name_escaping_the_folder_is_refused(decks, tmp_path: Path) -> None:
    target = tmp_path / "inner" / "deck.apkg"
    target.parent.mkdir()
    _zip(target, {"collection.anki2": _collection(decks["apkg"]), "../../evil.txt": b"owned",
                  "media": b"{}"})
    with pytest.raises(DeckError, match="outside"):
        read_deck(target)
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path.parent / "evil.txt").exists()
    absolute = _zip(tmp_path / "absolute.apkg", {"collection.anki2": _collection(decks["apkg"]),
                                                 "/tmp/evil.txt": b"owned"})
    with pytest.raises(DeckError, match="outside"):
        read_deck(absolute)


def test_a_truncated_package_is_refused(decks, tmp_path: Path) -> None:
    whole = decks["apkg"].read_bytes()
    for size in (len(whole) // 3, len(whole) - 30):
        broken = tmp_path / f"cut-{size}.apkg"
        broken.write_bytes(whole[:size])
        with pytest.raises(DeckError, match="damaged|truncated"):
            read_deck(broken)


def test_a_corrupt_collection_is_refused(tmp_path: Path) -> None:
    bad = _zip(tmp_path / "bad.apkg", {"collection.anki2": b"SQLite format 3\x00" + b"\x13" * 4000})
    with pytest.raises(DeckError, match="damaged"):
        read_deck(bad)


def test_a_package_of_other_notes_is_not_a_lernkarten_deck(tmp_path: Path) -> None:
    import genanki

    other = genanki.Deck(2059400110, "Spanisch")
    other.add_note(genanki.Note(model=genanki.BASIC_MODEL, fields=["la alianza", "alliance"]))
    path = tmp_path / "spanisch.apkg"
    genanki.Package(other).write_to_file(str(path))
    with pytest.raises(DeckError, match="not a lernkarten deck"):
        read_deck(path)


def test_a_package_from_a_newer_anki_is_refused_clearly(tmp_path: Path) -> None:
    newer = _zip(tmp_path / "newer.apkg", {"collection.anki21b": b"\x28\xb5\x2f\xfd", "meta": b"\x08\x03"})
    with pytest.raises(DeckError, match="newer Anki"):
        read_deck(newer)


def test_files_that_are_no_decks_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "deck.apkg"
    text.write_text("Kasachstan bittet um militärische Hilfe", encoding="utf-8")
    with pytest.raises(DeckError):
        read_deck(text)
    other_json = tmp_path / "deck.json"
    other_json.write_text('{"schema": "lernkarten-deck", "version": 99, "name": "x"}', encoding="utf-8")
    with pytest.raises(DeckError, match="version"):
        read_deck(other_json)
    seed = tmp_path / "seed.txt"
    seed.write_text("Das ist eine Premiere.", encoding="utf-8")
    with pytest.raises(DeckError, match="not a deck"):
        read_deck(seed)
    with pytest.raises(DeckError, match="folder"):
        read_deck(tmp_path)


def test_reading_a_package_writes_nothing_beside_it(decks) -> None:
    before = sorted(p.name for p in decks["folder"].iterdir())
    read_deck(decks["apkg"])
    assert sorted(p.name for p in decks["folder"].iterdir()) == before


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"text": "alliance"', '"text": 5'),
        ('"lemma": "Bündnis"', '"lemma": null'),
        ('"spans": [', '"spans": 7, "x": ['),
    ],
)
def test_a_hand_broken_deck_json_is_one_clear_line(decks, tmp_path: Path, old: str, new: str) -> None:
    text = decks["json"].read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "broken.json"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DeckError, match="broken.json"):
        read_deck(broken)


def test_a_package_with_a_damaged_deck_list_is_refused(decks, tmp_path: Path) -> None:
    import shutil
    import sqlite3

    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(decks["apkg"]) as archive:
        archive.extractall(folder)
    db = sqlite3.connect(folder / "collection.anki2")
    db.execute("UPDATE col SET decks = '[]'")
    db.commit()
    db.close()
    damaged = tmp_path / "damaged.apkg"
    with zipfile.ZipFile(damaged, "w") as archive:
        for member in folder.iterdir():
            archive.write(member, member.name)
    shutil.rmtree(folder)
    with pytest.raises(DeckError, match="damaged"):
        read_deck(damaged)
