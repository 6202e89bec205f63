"""Words the learner already has: read from earlier lernkarten decks and from an Anki collection.

The packages are real ones (`write_apkg` on words of the seed article) and the collection is
made by Anki's own backend, so what is read here is what a learner's files hold.
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
import uuid
import zipfile
from pathlib import Path

import pytest
from anki.collection import Collection, ExportAnkiPackageOptions
from anki_helpers import import_package, new_collection
from seed_text import SEED_TEXT, seed_sentence, word_spans

from lernkarten.entries import Deck, Entry, Example, Gloss, Source, VerbParts
from lernkarten.errors import LernkartenError
from lernkarten.exclusions import words_in_apkg, words_in_collection
from lernkarten.packaging import write_apkg

SOURCE = Source(id="faz-2022-01-06-kasachstan-odkb", title=SEED_TEXT.splitlines()[0], date="2022-01-06")
BUILT = 1_700_000_000


def example(text: str, *words: str) -> Example:
    return Example(text, word_spans(text, *words), source=SOURCE.id)


def kasachstan_deck() -> Deck:
    """Words of the seed article as the earlier stages would hand them over (no "Bündnis")."""
    return Deck("Kasachstan", [SOURCE], [
        Entry("mitteilen", "VERB", forms=["teilte ... mit"], count=1, level="B1", sources=[SOURCE.id],
              examples=[example(seed_sentence("Wenige Stunden später teilte"), "teilte", "mit")],
              glosses=[Gloss("to communicate"), Gloss("to impart")],
              verb=VerbParts("teilt mit", "teilte mit", "mitgeteilt", "haben", separable_prefix="mit"),
              modified=BUILT),
        Entry("sich beteiligen", "VERB", forms=["beteiligt sich"], count=1, level="B1", sources=[SOURCE.id],
              examples=[example(seed_sentence("Die Organisation, die offiziell"), "beteiligt", "sich")],
              glosses=[Gloss("to take part")],
              verb=VerbParts("beteiligt sich", "beteiligte sich", "beteiligt", "haben", reflexive=True),
              modified=BUILT),
        Entry("Streitkräfte", "NOUN", forms=["Streitkräfte"], count=2, level="B2", plural_only=True,
              sources=[SOURCE.id], examples=[example(seed_sentence("Doch Russland half auch"), "Streitkräfte")],
              glosses=[Gloss("armed forces", label="mil.")], modified=BUILT),
        Entry("den Ausschlag geben", "EXPR", forms=["den Ausschlag ... gab"], count=1, level="C1",
              sources=[SOURCE.id],
              examples=[example(seed_sentence("Was tatsächlich den Ausschlag"), "den Ausschlag", "gab")],
              glosses=[Gloss("to tip the balance", source="ding:phrase")], modified=BUILT),
        Entry("vergeblich", "ADV", forms=["vergeblich"], count=1, level="B2", sources=[SOURCE.id],
              glosses=[Gloss("in vain")], modified=BUILT),
        Entry("Hilfsbitte", "NOUN", forms=["Hilfsbitte"], count=1, gender=["f"], sources=[SOURCE.id],
              examples=[example(seed_sentence("Wenige Stunden vor der Hilfsbitte"), "Hilfsbitte")],
              modified=BUILT),  # no gloss: never a card, so never "already learned"
    ])


def carded_lemmas(deck: Deck) -> set[str]:
    return {e.lemma for e in deck.entries if any(g.text.strip() for g in e.glosses)}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> tuple[Deck, Path]:
    deck = kasachstan_deck()
    path = tmp_path_factory.mktemp("decks") / "kasachstan.apkg"
    write_apkg(deck, path, reverse=True)
    return deck, path


@pytest.fixture(scope="module")
def learners_collection(package, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed Anki collection: one note typed by the learner, one lernkarten deck imported."""
    _, apkg = package
    col = new_collection(tmp_path_factory.mktemp("anki"))
    note = col.new_note(col.models.by_name("Basic"))
    note["Front"], note["Back"] = "das <b>Bündnis</b>", "alliance"
    col.add_note(note, col.decks.id_for_name("Default"))
    outcome = import_package(col, apkg)
    assert outcome.new > 0
    path = Path(col.path)
    col.close()
    return path


def refusal(call, path) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(LernkartenError) as caught:
        call(path)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    return message


# --- earlier lernkarten decks --------------------------------------------------------------------

def test_words_of_an_earlier_deck_come_back_as_lemmas(package):
    deck, apkg = package
    assert words_in_apkg(apkg) == carded_lemmas(deck)


def test_a_word_that_never_became_a_card_is_not_counted_as_learned(package):
    _, apkg = package
    assert "Hilfsbitte" not in words_in_apkg(apkg)


def test_reading_a_deck_leaves_it_untouched(package):
    _, apkg = package
    before = hashlib.sha256(apkg.read_bytes()).hexdigest()
    words_in_apkg(str(apkg))
    assert hashlib.sha256(apkg.read_bytes()).hexdigest() == before


def test_a_deck_exported_by_anki_for_older_versions_is_read(learners_collection, tmp_path: Path, package):
    deck, _ = package
    col = Collection(str(learners_collection))
    try:
        out = tmp_path / "export.apkg"
        col.export_anki_package(out_path=str(out), limit=None, options=ExportAnkiPackageOptions(
            with_scheduling=False, with_deck_configs=False, with_media=False, legacy=True))
    finally:
        col.close()
    assert words_in_apkg(out) == carded_lemmas(deck) | {"Bündnis"}


def test_a_deck_in_the_newest_anki_format_is_refused_not_misread(learners_collection, tmp_path: Path):
    # Its collection.anki2 is only a stub telling old Anki versions to update.
    col = Collection(str(learners_collection))
    try:
        out = tmp_path / "export.apkg"
        col.export_anki_package(out_path=str(out), limit=None, options=ExportAnkiPackageOptions(
            with_scheduling=False, with_deck_configs=False, with_media=False, legacy=False))
    finally:
        col.close()
    assert "collection.anki21b" in zipfile.ZipFile(out).namelist()
    refusal(words_in_apkg, out)


# --- an Anki collection --------------------------------------------------------------------------

def test_collection_gives_typed_notes_without_article_or_markup_and_lernkarten_lemmas(learners_collection,
                                                                                     package):
    deck, _ = package
    assert words_in_collection(learners_collection) == carded_lemmas(deck) | {"Bündnis"}


def test_reading_a_collection_never_changes_it(learners_collection):
    before = hashlib.sha256(learners_collection.read_bytes()).hexdigest()
    neighbours = sorted(p.name for p in learners_collection.parent.iterdir())
    words_in_collection(str(learners_collection))
    assert hashlib.sha256(learners_collection.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in learners_collection.parent.iterdir()) == neighbours


def test_a_highlighted_separable_prefix_stays_part_of_the_word(tmp_path: Path):
    col = new_collection(tmp_path / "anki")
    note = col.new_note(col.models.by_name("Basic"))
    note["Front"], note["Back"] = "<b>ab</b>holen", "to pick up"
    col.add_note(note, col.decks.id_for_name("Default"))
    path = Path(col.path)
    col.close()
    assert words_in_collection(path) == {"abholen"}


def test_a_word_added_while_anki_is_open_is_read_or_the_learner_is_told(tmp_path: Path):
    col = new_collection(tmp_path / "anki")
    basic = col.models.by_name("Basic")
    first = col.new_note(basic)
    first["Front"], first["Back"] = "das Bündnis", "alliance"
    col.add_note(first, col.decks.id_for_name("Default"))
    path = col.path
    col.close()
    col = Collection(path)  # Anki running: the profile is open
    try:
        later = col.new_note(basic)
        later["Front"], later["Back"] = "die Streitkräfte", "armed forces"
        col.add_note(later, col.decks.id_for_name("Default"))
        try:
            words = words_in_collection(path)
        except LernkartenError:
            return  # refusing ("close Anki first") is an honest answer too
        assert "Streitkräfte" in words
    finally:
        col.close()


# --- files that are not what they claim ----------------------------------------------------------

def test_a_missing_deck_or_collection_is_refused_in_one_line(tmp_path: Path):
    assert "no such" in refusal(words_in_apkg, tmp_path / "fehlt.apkg")
    assert "no such" in refusal(words_in_collection, tmp_path / "collection.anki2")


def test_a_folder_is_not_a_deck_or_a_collection(tmp_path: Path):
    refusal(words_in_apkg, tmp_path)
    refusal(words_in_collection, tmp_path)


def test_a_text_file_named_apkg_is_refused_in_one_line(tmp_path: Path):
    path = tmp_path / "kasachstan.apkg"
    path.write_text(SEED_TEXT, encoding="utf-8")
    assert "zip" in refusal(words_in_apkg, path)


def test_a_zip_without_a_collection_is_refused_in_one_line(tmp_path: Path):
    path = tmp_path / "fotos.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("media", "{}")
        archive.writestr("0", b"\x89PNG\r\n")
    refusal(words_in_apkg, path)


@pytest.mark.parametrize("content", ["text", "empty sqlite", "other sqlite"])
def test_a_collection_that_is_not_anki_is_refused_in_one_line(tmp_path: Path, content: str):
    path = tmp_path / "collection.anki2"
    if content == "text":
        path.write_text(SEED_TEXT, encoding="utf-8")
    else:
        db = sqlite3.connect(path)
        if content == "other sqlite":
            db.execute("CREATE TABLE woerter (lemma TEXT)")
            db.execute("INSERT INTO woerter VALUES ('Bündnis')")
            db.commit()
        db.close()
    refusal(words_in_collection, path)

    apkg = tmp_path / "deck.apkg"
    with zipfile.ZipFile(apkg, "w") as archive:
        archive.write(path, "collection.anki2")
    refusal(words_in_apkg, apkg)


def test_member_names_that_climb_out_are_never_written_anywhere(tmp_path: Path, package,
                                                                 monkeypatch: pytest.MonkeyPatch):
    _, good = package
    work = tmp_path / "work" / "deeper"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    marker = f"lernkarten-escape-{uuid.uuid4().hex}"
    names = [f"../{marker}", f"../../{marker}", f"../../../../../../{marker}",
             f"{tempfile.gettempdir()}/{marker}", f"/{marker}"]

    with_collection = tmp_path / "with-collection.apkg"
    without_collection = tmp_path / "without-collection.apkg"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(with_collection, "w") as archive:
        for name in names:
            archive.writestr(name, b"escaped")
        for member in source.namelist():
            archive.writestr(member, source.read(member))
    with zipfile.ZipFile(without_collection, "w") as archive:
        for name in names:
            archive.writestr(name, b"escaped")
    assert set(zipfile.ZipFile(with_collection).namelist()) >= set(names)

    # refused as the quiz refuses it: every reader of a package opens it the same way
    assert "outside its folder" in refusal(words_in_apkg, with_collection)
    refusal(words_in_apkg, without_collection)

    places = {Path(tempfile.gettempdir()), tmp_path, work, *work.parents}
    assert not [p / marker for p in places if (p / marker).exists()]
