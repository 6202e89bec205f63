"""The packaging stage, checked the way a learner meets it: imported into a real Anki.

The decks are made by hand from words of the seed article (real sentences, real glosses
from Ding), so these tests depend on no other stage.
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
import time
import zipfile
from pathlib import Path

import pytest
from anki_helpers import (
    answer_cards,
    empty_card_count,
    first_field_counts,
    guid_counts,
    import_package,
    new_collection,
    schedule_of,
    seen_cards,
    visible_text,
)
from click.testing import CliRunner
from seed_text import seed_sentence, word_spans

from lernkarten.cli.package import package
from lernkarten.entries import Deck, Entry, Example, Gloss, Source, VerbParts
from lernkarten.errors import LernkartenError
from lernkarten.packaging import apkg as apkg_module
from lernkarten.packaging import (
    models,
    read_deck_json,
    read_package_notes,
    stamp_edits,
    stamp_modified,
    subdeck_name,
    write_apkg,
    write_deck_json,
)
from lernkarten.packaging.fields import CLOZE_FIELDS, WORD_FIELDS, WORD_TEMPLATES, note_guid
from lernkarten.packaging.render import escape_text, headword, render_entry

REPO = Path(__file__).resolve().parents[1]
SEED_PATH = REPO / "source_texts" / "faz-2022-01-06-kasachstan-odkb.txt"
SEED_TEXT = SEED_PATH.read_text(encoding="utf-8")
BUILT = 1_700_000_000  # the first build's time; later builds are later

SEED = Source(
    id="faz-2022-01-06-kasachstan-odkb",
    title=SEED_TEXT.splitlines()[0],
    attribution=SEED_TEXT.strip().splitlines()[-1].split(" / ")[-1],
    date="2022-01-06",
    path="source_texts/faz-2022-01-06-kasachstan-odkb.txt",
)


def example(sentence: str, *words: str, translation: str = "", translation_source: str = "") -> Example:
    """An example with the spans of `words`, found left to right in the sentence."""
    return Example(sentence, word_spans(sentence, *words), source=SEED.id, translation=translation,
                   translation_source=translation_source)


def seed_entries() -> list[Entry]:
    """Words a learner meets in the seed article, glossed as the glossing stage would."""
    return [
        Entry(
            "Bündnis", "NOUN", forms=["Bündnis"], count=3, level="B2", gender=["n"],
            plural="Bündnisse", genitive="des Bündnisses", sources=[SEED.id],
            examples=[example(seed_sentence("Denn Russland ist zwar"), "Bündnis")],
            glosses=[Gloss("alliance"), Gloss("confederation")], modified=BUILT,
        ),
        Entry(
            "mitteilen", "VERB", forms=["teilte ... mit"], count=1, level="B1", sources=[SEED.id],
            examples=[example(seed_sentence("Wenige Stunden später teilte"), "teilte", "mit",
                              translation="A few hours later the military alliance announced officially ...",
                              translation_source="mymemory")],
            glosses=[Gloss("to communicate"), Gloss("to impart")],
            verb=VerbParts("teilt mit", "teilte mit", "mitgeteilt", "haben", separable_prefix="mit"),
            modified=BUILT,
        ),
        Entry(
            "Streitkräfte", "NOUN", forms=["Streitkräfte"], count=2, level="B2", plural_only=True,
            singular="die Streitkraft", sources=[SEED.id],
            examples=[example(seed_sentence("Doch Russland half auch"), "Streitkräfte")],
            glosses=[Gloss("armed forces", label="mil.")], modified=BUILT,
        ),
        Entry(
            "den Ausschlag geben", "EXPR", forms=["den Ausschlag ... gab"], count=1, level="C1",
            sources=[SEED.id],
            examples=[example(seed_sentence("Was tatsächlich den Ausschlag"), "den Ausschlag", "gab")],
            glosses=[Gloss("to tip the balance", source="ding:phrase"), Gloss("to make the critical difference")],
            modified=BUILT,
        ),
        Entry(
            "sich beteiligen", "VERB", forms=["beteiligt sich"], count=1, level="B1", sources=[SEED.id],
            examples=[example(seed_sentence("Die Organisation, die offiziell"), "beteiligt", "sich")],
            glosses=[Gloss("to take part"), Gloss("to participate")],
            verb=VerbParts("beteiligt sich", "beteiligte sich", "beteiligt", "haben", reflexive=True,
                           government=["an + Dat"]),
            modified=BUILT,
        ),
        Entry(
            "Beistandsverpflichtung", "NOUN", forms=["Beistandsverpflichtung"], count=1, level="C1",
            gender=["f"], plural="Beistandsverpflichtungen", sources=[SEED.id], uncertain=["glosses"],
            examples=[example(seed_sentence("Im zwanzigsten Jahr"), "Beistandsverpflichtung")],
            glosses=[Gloss("obligation of assistance", source="ding:compound", uncertain=True,
                           via="Beistand + Verpflichtung")],
            modified=BUILT,
        ),
        Entry(  # seen only in a heading: a word card, but no sentence to make a cloze of
            "vergeblich", "ADV", forms=["vergeblich"], count=1, level="B2", sources=[SEED.id],
            glosses=[Gloss("in vain")], modified=BUILT,
        ),
        Entry(  # the glossing stage found nothing: no card at all
            "Hilfsbitte", "NOUN", forms=["Hilfsbitte"], count=1, gender=["f"], sources=[SEED.id],
            examples=[example(seed_sentence("Wenige Stunden vor der Hilfsbitte"), "Hilfsbitte")],
            modified=BUILT,
        ),
    ]


def seed_deck() -> Deck:
    return Deck("Kasachstan", [SEED], seed_entries())


def entry_of(deck: Deck, lemma: str) -> Entry:
    return next(e for e in deck.entries if e.lemma == lemma)


def expected_counts(deck: Deck, *, reverse: bool = False) -> tuple[int, int]:
    """Notes and cards the deck should give: glossed entries, one more note for a sentence."""
    glossed = [e for e in deck.entries if any(g.text.strip() for g in e.glosses)]
    cloze_notes = sum(1 for e in glossed if e.examples)
    notes = len(glossed) + cloze_notes
    return notes, notes + (len(glossed) if reverse else 0)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):
    """The seed deck (with reverse cards) imported once into a fresh collection."""
    folder = tmp_path_factory.mktemp("imported")
    deck = seed_deck()
    summary = write_apkg(deck, folder / "kasachstan.apkg", reverse=True)
    col = new_collection(folder / "anki")
    outcome = import_package(col, folder / "kasachstan.apkg")
    yield deck, summary, outcome, col, seen_cards(col)
    col.close()


def cards_of(cards, german: str, template: str | None = None):
    found = [c for c in cards if html.unescape(c.fields.get("German", "")) == german]
    return [c for c in found if template is None or c.template == template]


# --- the deck as Anki imports it ---------------------------------------------------------------

def test_every_glossed_word_arrives_as_notes_and_cards(imported):
    deck, summary, outcome, col, cards = imported
    notes, card_total = expected_counts(deck, reverse=True)
    assert (summary.notes, summary.cards) == (notes, card_total)
    assert outcome.new == notes and outcome.duplicate == outcome.conflicting == 0
    assert (col.note_count(), col.card_count()) == (notes, card_total)


def test_no_card_has_an_empty_front_or_back(imported):
    _, _, _, col, cards = imported
    assert empty_card_count(col) == 0
    for card in cards:
        assert card.question, card.template
        assert len(card.answer) > len(card.question), card.template


def test_no_word_arrives_twice(imported):
    _, _, _, col, _ = imported
    assert max(guid_counts(col).values()) == 1
    assert max(first_field_counts(col).values()) == 1


def test_word_without_gloss_never_becomes_a_card(imported):
    deck, summary, _, _, cards = imported
    assert summary.skipped == (entry_of(deck, "Hilfsbitte").key,)
    assert not any("Hilfsbitte" in c.fields.get("Lemma", "") for c in cards)
    assert not any("Hilfsbitte" in html.unescape(c.fields.get("German", "")) for c in cards)


def test_word_seen_without_a_sentence_gets_no_cloze(imported):
    _, _, _, _, cards = imported
    assert {c.template for c in cards_of(cards, "vergeblich")} == set(WORD_TEMPLATES)


def test_noun_is_learned_with_its_article_plural_and_gloss(imported):
    _, _, _, _, cards = imported
    (card,) = cards_of(cards, "das Bündnis", "German -> English")
    assert card.question.startswith("das Bündnis")
    assert "die Bündnisse" in card.question and "des Bündnisses" in card.question
    assert 'data-gender="n"' in card.question_html
    assert "alliance; confederation" in card.answer
    assert "alliance" not in card.question
    assert '<span class="lk-target">Bündnis</span>' in card.answer_html


def test_a_noun_learned_in_the_plural_says_so_and_names_its_singular(imported):
    _, _, _, _, cards = imported
    (card,) = cards_of(cards, "die Streitkräfte", "German -> English")
    assert "plural of die Streitkraft" in card.question and "plural only" not in card.question
    assert 'data-gender="pl"' in card.question_html
    assert "armed forces (mil.)" in card.answer


def test_separable_verb_is_learned_as_infinitive_with_both_parts_marked(imported):
    _, _, _, _, cards = imported
    (card,) = cards_of(cards, "mitteilen", "German -> English")
    assert "teilt mit · teilte mit · hat mitgeteilt" in card.question
    marked = card.fields["Example"]
    assert marked.count('<span class="lk-target">') == 2
    assert '<span class="lk-target">teilte</span>' in marked and '<span class="lk-target">mit</span>' in marked
    assert "A few hours later" in card.answer and "sentence translated by mymemory" in card.answer


def test_reflexive_verb_is_learned_with_sich_and_its_preposition(imported):
    _, _, _, _, cards = imported
    (card,) = cards_of(cards, "sich beteiligen", "German -> English")
    assert "beteiligt sich · beteiligte sich · hat sich beteiligt · an + Dat" in card.question


def test_back_credits_the_text_and_the_dictionaries(imported):
    _, _, _, col, cards = imported
    (card,) = cards_of(cards, "das Bündnis", "German -> English")
    assert SEED.title in card.answer and SEED.attribution in card.answer
    assert "Ding" in card.answer and "Wiktionary" in card.answer
    parent = col.decks.by_name("Kasachstan")
    assert "Frank Richter" in parent["desc"] and "CC BY-SA" in parent["desc"]


def test_uncertain_gloss_is_marked_and_explained(imported):
    _, _, _, _, cards = imported
    (card,) = cards_of(cards, "die Beistandsverpflichtung", "German -> English")
    assert "obligation of assistance (?)" in card.answer
    assert "Please check: glosses" in card.answer
    assert "made from Beistand + Verpflichtung" in card.answer


def test_cloze_hides_the_whole_separable_verb_and_hints_the_gloss(imported):
    _, _, _, _, cards = imported
    (card,) = cards_of(cards, "mitteilen", "Cloze")
    sentence = seed_sentence("Wenige Stunden später teilte")
    assert "[to communicate]" in card.question and "teilte" not in card.question
    assert card.question_html.count('class="cloze"') == 2
    assert visible_text(card.fields["Text"]) != sentence
    assert sentence in card.answer


def test_cloze_of_an_expression_hides_all_its_words(imported):
    _, _, _, _, cards = imported
    (card,) = cards_of(cards, "den Ausschlag geben", "Cloze")
    assert "Ausschlag" not in card.question and " gab" not in card.question
    assert seed_sentence("Was tatsächlich den Ausschlag") in card.answer


def test_reverse_card_asks_for_the_german(imported):
    deck, _, _, _, cards = imported
    reverse = [c for c in cards if c.template == "English -> German"]
    assert len(reverse) == sum(1 for e in deck.entries if e.glosses)
    (card,) = cards_of(cards, "das Bündnis", "English -> German")
    assert card.question.startswith("alliance") and "Bündnis" not in card.question
    assert "das Bündnis" in card.answer


def test_reverse_cards_only_when_asked(tmp_path):
    write_apkg(seed_deck(), tmp_path / "plain.apkg")
    col = new_collection(tmp_path / "anki")
    try:
        import_package(col, tmp_path / "plain.apkg")
        assert not [c for c in seen_cards(col) if c.template == "English -> German"]
        assert col.card_count() == expected_counts(seed_deck())[1]
    finally:
        col.close()


def test_new_words_are_met_in_the_decks_order_best_first(tmp_path):
    deck = seed_deck()
    deck.entries.reverse()  # not the order of ids or of the alphabet
    write_apkg(deck, tmp_path / "deck.apkg")
    col = new_collection(tmp_path / "anki")
    try:
        import_package(col, tmp_path / "deck.apkg")
        col.decks.select(col.decks.id_for_name(deck.name))
        queue = col.sched.get_queued_cards(fetch_limit=100).cards
        met = list(dict.fromkeys(html.unescape(col.get_card(q.card.id).note()["German"]) for q in queue))
        glossed = [e for e in deck.entries if e.glosses]
        assert met == [headword(e) for e in glossed]
    finally:
        col.close()


def test_cards_go_to_a_subdeck_named_after_the_text(imported):
    _, summary, _, _, cards = imported
    assert {c.deck for c in cards} == {f"Kasachstan::{subdeck_name(SEED)}"}
    assert summary.decks == ("Kasachstan", f"Kasachstan::{subdeck_name(SEED)}")


def test_notes_are_tagged_with_text_part_of_speech_and_level(imported):
    _, _, _, col, _ = imported
    (note_id,) = col.find_notes(f'"German:das Bündnis" note:"{models.WORD_MODEL_NAME}"')
    tags = col.get_note(note_id).tags
    assert f"lernkarten::source::{SEED.id}" in tags
    assert "lernkarten::pos::noun" in tags and "lernkarten::level::B2" in tags
    assert not any(" " in tag for tag in tags)


def test_two_decks_built_in_the_same_second_import_side_by_side(tmp_path):
    first = seed_deck()
    second = Deck("Zweites", first.sources, [dataclasses.replace(e, lemma=f"{e.lemma}chen") for e in first.entries])
    write_apkg(first, tmp_path / "first.apkg")
    write_apkg(second, tmp_path / "second.apkg")  # same mod times, so the same note ids
    col = new_collection(tmp_path / "anki")
    try:
        assert import_package(col, tmp_path / "first.apkg").new == expected_counts(first)[0]
        assert import_package(col, tmp_path / "second.apkg").new == expected_counts(second)[0]
        assert len(seen_cards(col, 'deck:"Zweites"')) == expected_counts(second)[1]
        assert len(seen_cards(col, f'deck:"{first.name}"')) == expected_counts(first)[1]
    finally:
        col.close()


# --- what a source can smuggle in --------------------------------------------------------------

HOSTILE_SENTENCE = (
    'Die Lage <script>alert("x")</script> bleibt {{c2::unklar}} <img src=x onerror=alert(1)> '
    "und [sound:alarm.mp3] gefährlich."
)


def hostile_deck() -> Deck:
    entry = Entry(
        "Lage", "NOUN", gender=["f"], plural="Lagen", sources=["web-2024-01-01-test"],
        examples=[Example(HOSTILE_SENTENCE, [(4, 8)], source="web-2024-01-01-test",
                          translation="The situation <b>remains</b> {{c3::unclear}}")],
        glosses=[Gloss('situation <img src=y onerror="alert(2)">'), Gloss("{{c1::position}}::x")],
        notes=["<script>steal()</script>"], modified=BUILT,
    )
    source = Source("web-2024-01-01-test", title="Die <b>Lage</b> {{c1::x}}", attribution="<i>Quelle</i>")
    return Deck("Hostile", [source], [entry])


def test_markup_and_cloze_syntax_from_a_source_show_as_text(tmp_path):
    write_apkg(hostile_deck(), tmp_path / "hostile.apkg")
    col = new_collection(tmp_path / "anki")
    try:
        outcome = import_package(col, tmp_path / "hostile.apkg")
        cards = seen_cards(col)
        assert outcome.new == 2 and len(cards) == 2  # one word card, exactly one cloze card
        for card in cards:
            for markup in (card.question_html, card.answer_html):
                assert "<script" not in markup and "<img" not in markup and "<b>" not in markup
            assert not col.get_card(card.card_id).question_av_tags()
            assert not col.get_card(card.card_id).answer_av_tags()
        word = next(c for c in cards if c.template == "German -> English")
        assert '<script>alert("x")</script>' in word.answer
        assert "{{c2::unklar}}" in word.answer and "[sound:alarm.mp3]" in word.answer
        assert 'situation <img src=y onerror="alert(2)">; {{c1::position}}::x' in word.answer
        assert "<script>steal()</script>" in word.answer and "Die <b>Lage</b> {{c1::x}}" in word.answer
        cloze = next(c for c in cards if c.template == "Cloze")
        assert "[situation <img" in cloze.question  # the hint, shown literally
        assert "{{c2::unklar}}" in cloze.question and "Lage" not in cloze.question.split("[")[0]
        assert not col.media.check().missing
    finally:
        col.close()


def test_field_text_unescapes_to_the_source_exactly():
    assert html.unescape(escape_text(HOSTILE_SENTENCE)) == HOSTILE_SENTENCE
    assert not set("<>{}[]\"") & set(escape_text(HOSTILE_SENTENCE))


def test_broken_span_from_a_hand_edit_leaves_the_sentence_unmarked_and_makes_no_cloze():
    deck = seed_deck()
    entry = entry_of(deck, "Bündnis")
    sentence = entry.examples[0].text
    entry.examples[0].spans = [(len(sentence) - 3, len(sentence) + 40)]
    notes = render_entry(entry, deck)
    assert [note.kind for note in notes] == ["word"]
    assert html.unescape(notes[0].fields[WORD_FIELDS.index("Example")]) == sentence


# --- updating a deck the learner studies -------------------------------------------------------

def regenerated(deck: Deck) -> Deck:
    """The next build: one gloss changed, one word gone, one word new."""
    entries = [dataclasses.replace(e) for e in deck.entries if e.lemma != "Streitkräfte"]
    bund = entry_of(Deck("", [], entries), "Bündnis")
    bund.glosses = [Gloss("alliance", label="pol."), Gloss("confederation")]
    entries.append(Entry(
        "abwenden", "VERB", forms=["abzuwenden"], count=1, level="B2", sources=[SEED.id],
        examples=[example(seed_sentence("Offiziell sind die Truppen"), "abzuwenden")],
        glosses=[Gloss("to avert"), Gloss("to ward off")],
        verb=VerbParts("wendet ab", "wandte ab", "abgewandt", "haben", separable_prefix="ab"),
    ))
    return Deck(deck.name, deck.sources, entries)


def test_regenerated_deck_updates_notes_and_keeps_review_history(tmp_path):
    first = seed_deck()
    write_apkg(first, tmp_path / "v1.apkg")
    col = new_collection(tmp_path / "anki")
    try:
        import_package(col, tmp_path / "v1.apkg")
        answered = answer_cards(col, first.name, 4, "good") + answer_cards(col, first.name, 2, "again")
        assert len(answered) == 6
        before = {card_id: schedule_of(col, card_id) for card_id in answered}
        assert all(s.reps > 0 for s in before.values())

        second = stamp_modified(regenerated(first), first, now=BUILT + 86_400)
        write_apkg(second, tmp_path / "v2.apkg")
        outcome = import_package(col, tmp_path / "v2.apkg")

        changed = [note for e in second.entries if e.modified > BUILT for note in render_entry(e, second)]
        new_keys = {e.key for e in second.entries} - {e.key for e in first.entries}
        new_notes = sum(1 for e in second.entries if e.key in new_keys for _ in render_entry(e, second))
        assert outcome.new == new_notes
        assert outcome.updated == len(changed) - new_notes
        assert outcome.conflicting == 0
        assert max(guid_counts(col).values()) == 1
        assert col.note_count() == expected_counts(first)[0] + new_notes  # the removed word stays
        assert {card_id: schedule_of(col, card_id) for card_id in answered} == before
        (card,) = cards_of(seen_cards(col), "das Bündnis", "German -> English")
        assert "alliance (pol.); confederation" in card.answer
    finally:
        col.close()


def edit_json(path: Path, lemma: str, first_gloss: str) -> None:
    """Change a gloss in a deck JSON as a teacher would, in a text editor."""
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = next(e for e in data["entries"] if e["lemma"] == lemma)
    entry["glosses"][0]["text"] = first_gloss
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def test_hand_edited_gloss_reaches_the_learner_through_package(tmp_path):
    deck = seed_deck()
    write_deck_json(deck, tmp_path / "kasachstan.json")
    runner = CliRunner()
    assert runner.invoke(package, [str(tmp_path / "kasachstan.json")]).exit_code == 0
    col = new_collection(tmp_path / "anki")
    try:
        assert import_package(col, tmp_path / "kasachstan.apkg").new == expected_counts(deck)[0]
        answered = answer_cards(col, deck.name, 3)
        before = {card_id: schedule_of(col, card_id) for card_id in answered}
        edit_json(tmp_path / "kasachstan.json", "mitteilen", "to announce")

        result = runner.invoke(package, [str(tmp_path / "kasachstan.json")])
        assert result.exit_code == 0, result.output
        assert f"{expected_counts(deck)[0]} notes" in result.output
        outcome = import_package(col, tmp_path / "kasachstan.apkg")
        assert (outcome.new, outcome.updated) == (0, len(render_entry(entry_of(deck, "mitteilen"), deck)))
        (card,) = cards_of(seen_cards(col), "mitteilen", "Cloze")
        assert "[to announce]" in card.question
        (card,) = cards_of(seen_cards(col), "mitteilen", "German -> English")
        assert "to announce; to impart" in card.answer
        assert {card_id: schedule_of(col, card_id) for card_id in answered} == before
    finally:
        col.close()


def test_hand_edit_packaged_to_a_new_file_still_updates_the_learners_notes(tmp_path):
    """With no earlier package at the output path, the JSON's own record shows what was edited."""
    deck = stamp_modified(seed_deck(), None, now=BUILT)
    write_deck_json(deck, tmp_path / "kasachstan.json")
    write_apkg(deck, tmp_path / "imported.apkg")
    col = new_collection(tmp_path / "anki")
    try:
        import_package(col, tmp_path / "imported.apkg")
        edit_json(tmp_path / "kasachstan.json", "mitteilen", "to announce")
        result = CliRunner().invoke(package, [str(tmp_path / "kasachstan.json"), "-o", str(tmp_path / "edited.apkg")])
        assert result.exit_code == 0, result.output
        outcome = import_package(col, tmp_path / "edited.apkg")
        # only the edited word's notes are newer; the others keep the time Anki has
        assert (outcome.new, outcome.updated) == (0, len(render_entry(entry_of(deck, "mitteilen"), deck)))
        (card,) = cards_of(seen_cards(col), "mitteilen", "German -> English")
        assert "to announce" in card.answer
    finally:
        col.close()


def test_the_json_records_when_each_entrys_cards_changed():
    built = stamp_modified(seed_deck(), None, now=BUILT)
    # nothing edited: every entry keeps its time, whatever the clock says
    assert stamp_edits(built, now=BUILT + 900) == built
    edited = dataclasses.replace(built, entries=[dataclasses.replace(e) for e in built.entries])
    entry_of(edited, "mitteilen").glosses = [Gloss("to announce")]
    stamped = stamp_edits(edited, now=BUILT - 3600)          # a clock behind still moves it forward
    assert entry_of(stamped, "mitteilen").modified == BUILT + 1
    assert {e.modified for e in stamped.entries if e.lemma != "mitteilen"} == {BUILT}
    assert stamp_edits(stamped, now=BUILT + 900) == stamped  # recorded: not stamped again
    # a JSON from before the record: its times stand; one without a time gets the clock's
    old = dataclasses.replace(edited, entries=[dataclasses.replace(e, content_hash="") for e in edited.entries])
    assert entry_of(stamp_edits(old, now=BUILT + 900), "mitteilen").modified == BUILT
    new = dataclasses.replace(old, entries=[dataclasses.replace(e, modified=0) for e in old.entries])
    assert {e.modified for e in stamp_edits(new, now=BUILT + 900).entries} == {BUILT + 900}


def test_package_writes_the_new_times_back_so_an_edit_counts_once(tmp_path):
    write_deck_json(stamp_modified(seed_deck(), None, now=BUILT), tmp_path / "deck.json")
    edit_json(tmp_path / "deck.json", "mitteilen", "to announce")
    runner = CliRunner()
    assert runner.invoke(package, [str(tmp_path / "deck.json"), "-o", str(tmp_path / "a.apkg")]).exit_code == 0
    recorded = json.loads((tmp_path / "deck.json").read_text(encoding="utf-8"))
    moved = next(e for e in recorded["entries"] if e["lemma"] == "mitteilen")["modified"]
    assert moved > BUILT
    assert runner.invoke(package, [str(tmp_path / "deck.json"), "-o", str(tmp_path / "b.apkg")]).exit_code == 0
    assert read_package_notes(tmp_path / "a.apkg") == read_package_notes(tmp_path / "b.apkg")


def test_package_warns_that_an_old_json_cannot_show_its_edits(tmp_path):
    data = json.loads(seed_deck().to_json())
    for entry in data["entries"]:
        entry.pop("content_hash", None)
        entry["modified"] = BUILT
    (tmp_path / "old.json").write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(package, [str(tmp_path / "old.json"), "-o", str(tmp_path / "new.apkg")])
    assert result.exit_code == 0
    assert "written by an older lernkarten" in result.output and "-o" in result.output


def test_reverse_cards_asked_for_later_join_the_learners_notes(tmp_path):
    deck = seed_deck()
    write_deck_json(deck, tmp_path / "kasachstan.json")
    runner = CliRunner()
    assert runner.invoke(package, [str(tmp_path / "kasachstan.json")]).exit_code == 0
    col = new_collection(tmp_path / "anki")
    try:
        import_package(col, tmp_path / "kasachstan.apkg")
        result = runner.invoke(package, [str(tmp_path / "kasachstan.json"), "--reverse"])
        assert result.exit_code == 0, result.output
        outcome = import_package(col, tmp_path / "kasachstan.apkg")
        # a changed word note carries its cloze note along: both have the entry's mod time
        assert (outcome.new, outcome.updated) == (0, expected_counts(deck)[0])
        assert col.card_count() == expected_counts(deck, reverse=True)[1]
        assert max(guid_counts(col).values()) == 1
    finally:
        col.close()


def test_packaging_an_unchanged_json_again_gives_the_same_file(tmp_path):
    write_deck_json(seed_deck(), tmp_path / "deck.json")
    runner = CliRunner()
    assert runner.invoke(package, [str(tmp_path / "deck.json")]).exit_code == 0
    first = (tmp_path / "deck.apkg").read_bytes()
    assert runner.invoke(package, [str(tmp_path / "deck.json")]).exit_code == 0
    assert (tmp_path / "deck.apkg").read_bytes() == first


# --- mod times and reproducible packages -------------------------------------------------------

def test_unchanged_word_keeps_its_time_and_a_changed_one_moves():
    first = seed_deck()
    second = regenerated(first)
    entry_of(second, "mitteilen").count = 7  # counts and frequencies are not on any card
    stamped = stamp_modified(second, first, now=BUILT + 60)
    times = {e.lemma: e.modified for e in stamped.entries}
    assert times["Bündnis"] == BUILT + 60 and times["abwenden"] == BUILT + 60
    assert times["mitteilen"] == times["sich beteiligen"] == BUILT
    assert all(e.modified == 0 for e in second.entries if e.lemma == "abwenden")  # input untouched


def test_changed_word_is_newer_even_when_the_clock_is_behind():
    first = seed_deck()
    stamped = stamp_modified(regenerated(first), first, now=BUILT - 3600)
    assert entry_of(stamped, "Bündnis").modified == BUILT + 1


def test_first_build_stamps_every_word_now():
    stamped = stamp_modified(seed_deck(), None, now=BUILT + 5)
    assert {e.modified for e in stamped.entries} == {BUILT + 5}


def test_each_note_carries_its_own_mod_time(tmp_path):
    deck = stamp_modified(regenerated(seed_deck()), seed_deck(), now=BUILT + 500)
    write_apkg(deck, tmp_path / "deck.apkg")
    packaged = read_package_notes(tmp_path / "deck.apkg")
    for entry in deck.entries:
        for note in render_entry(entry, deck):
            assert packaged[note.guid].modified == entry.modified
            assert packaged[note.guid].fields == note.fields


def test_rebuild_from_the_same_input_is_byte_for_byte_identical(tmp_path, monkeypatch):
    deck = seed_deck()
    write_apkg(deck, tmp_path / "first.apkg")
    later = time.time() + 3 * 86_400
    monkeypatch.setattr(time, "time", lambda: later)
    write_apkg(deck, tmp_path / "second.apkg")
    assert (tmp_path / "first.apkg").read_bytes() == (tmp_path / "second.apkg").read_bytes()


def test_note_types_keep_their_ids_and_field_names(tmp_path):
    write_apkg(seed_deck(), tmp_path / "deck.apkg")
    col = new_collection(tmp_path / "anki")
    try:
        import_package(col, tmp_path / "deck.apkg")
        word = col.models.get(models.WORD_MODEL_ID)
        cloze = col.models.get(models.CLOZE_MODEL_ID)
        assert [f["name"] for f in word["flds"]] == list(WORD_FIELDS)
        assert [f["name"] for f in cloze["flds"]] == list(CLOZE_FIELDS)
        assert [t["name"] for t in word["tmpls"]] == list(WORD_TEMPLATES)
        assert word["mod"] == cloze["mod"] == models.REVISED
    finally:
        col.close()


def test_template_changes_come_with_a_new_revision_time():
    # Anki replaces templates and CSS only for a newer note type mod time: an edit to them
    # without a new REVISED would never reach a learner who already has the deck.
    assert models.template_fingerprint() == models.REVISION, (
        "templates or CSS changed: set models.REVISED to now and models.REVISION to "
        f"{models.template_fingerprint()!r}"
    )


def test_note_guids_come_from_the_word_not_the_build():
    deck = seed_deck()
    entry = entry_of(deck, "Bündnis")
    guids = [note.guid for note in render_entry(entry, deck)]
    assert guids == [note_guid(entry.key), note_guid(entry.key, "cloze")]
    entry.glosses = [Gloss("pact")]
    assert [note.guid for note in render_entry(entry, deck)] == guids


def test_the_same_word_twice_is_refused(tmp_path):
    deck = seed_deck()
    deck.entries.append(dataclasses.replace(deck.entries[0]))
    with pytest.raises(LernkartenError, match="twice"):
        write_apkg(deck, tmp_path / "deck.apkg")
    assert not (tmp_path / "deck.apkg").exists()


def test_failed_write_leaves_the_old_deck(tmp_path, monkeypatch):
    write_apkg(seed_deck(), tmp_path / "deck.apkg")
    old = (tmp_path / "deck.apkg").read_bytes()

    def broken_zip(path: Path, collection: bytes, media: dict[str, bytes]) -> None:
        path.write_bytes(collection[:100])
        raise OSError("disk full")

    monkeypatch.setattr(apkg_module, "_write_zip", broken_zip)
    with pytest.raises(LernkartenError, match="disk full; the files there are kept as before"):
        write_apkg(regenerated(seed_deck()), tmp_path / "deck.apkg")
    assert (tmp_path / "deck.apkg").read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg"]


def test_package_is_a_plain_zip_without_media(tmp_path):
    write_apkg(seed_deck(), tmp_path / "deck.apkg")
    with zipfile.ZipFile(tmp_path / "deck.apkg") as archive:
        assert archive.namelist() == ["collection.anki2", "media"]
        assert json.loads(archive.read("media")) == {}


# --- subdeck names -----------------------------------------------------------------------------

def test_subdeck_name_is_short_and_readable():
    assert subdeck_name(SEED) == "FAZ 2022-01-06 Kasachstan"


def test_subdeck_name_never_nests_or_goes_empty():
    assert "::" not in subdeck_name(Source("x", title="Krieg::Frieden"))
    assert subdeck_name(Source("notizen")) == "notizen"
    assert subdeck_name(Source("zeit-2021-05-03-wahl")) == "ZEIT 2021-05-03 Wahl"


# --- deck JSON ---------------------------------------------------------------------------------

def test_deck_json_round_trips(tmp_path):
    deck = seed_deck()
    write_deck_json(deck, tmp_path / "deck.json")
    assert read_deck_json(tmp_path / "deck.json") == deck
    assert (tmp_path / "deck.json").read_text(encoding="utf-8") == deck.to_json()


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ('{"schema": "lernkarten-deck", "version": 1, "name": "x", "entries": [', "broken JSON"),
        ('{"schema": "lernkarten-deck", "version": 99, "name": "x"}', "version 99"),
        ('{"notes": []}', "not a lernkarten deck"),
        ('{"schema": "lernkarten-deck", "version": 1, "name": "x", "entries": '
         '[{"lemma": "Lage", "pos": "NOUN", "modified": "gestern"}]}', "modified"),
    ],
)
def test_broken_deck_json_is_one_clear_line(tmp_path, broken, message):
    (tmp_path / "deck.json").write_text(broken, encoding="utf-8")
    with pytest.raises(LernkartenError, match=message) as caught:
        read_deck_json(tmp_path / "deck.json")
    assert "\n" not in str(caught.value) and str(tmp_path / "deck.json") in str(caught.value)


# --- `lernkarten package` with bad input -------------------------------------------------------

@pytest.fixture()
def packaged(tmp_path):
    """A deck JSON and the package made from it: the deck a bad run must not damage."""
    write_deck_json(seed_deck(), tmp_path / "deck.json")
    write_apkg(seed_deck(), tmp_path / "deck.apkg")
    return tmp_path, (tmp_path / "deck.apkg").read_bytes()


def run_package(*args: str):
    result = CliRunner().invoke(package, list(args))
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)  # a clean exit, not a traceback
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error:")
    return lines[0]


@pytest.mark.parametrize(
    "content",
    [
        '{"schema": "lernkarten-deck", "version": 2, "name": "x", "sources": [], "entries": []}',
        '{"schema": "lernkarten-deck", "version": 1, "name": "x", "entries": [{"lemma": "Lage", ',
        '{"schema": "lernkarten-deck", "version": 1, "name": "x", "entries": [{"lemma": "Lage"}]}',
        "Kasachstan bittet um militärische Hilfe",
    ],
    ids=["other-version", "truncated", "missing-field", "not-json"],
)
def test_package_refuses_bad_json_and_keeps_the_old_deck(packaged, content):
    folder, old = packaged
    (folder / "deck.json").write_text(content, encoding="utf-8")
    line = run_package(str(folder / "deck.json"))
    assert "deck.json" in line
    assert (folder / "deck.apkg").read_bytes() == old


def test_package_refuses_a_deck_without_any_gloss(packaged):
    folder, old = packaged
    deck = seed_deck()
    for entry in deck.entries:
        entry.glosses = []
    write_deck_json(deck, folder / "deck.json")
    assert "no entry has a gloss" in run_package(str(folder / "deck.json"))
    assert (folder / "deck.apkg").read_bytes() == old


def test_package_writes_only_apkg_files(packaged):
    folder, _ = packaged
    assert ".apkg" in run_package(str(folder / "deck.json"), "-o", str(folder / "deck.json"))
    assert read_deck_json(folder / "deck.json") == seed_deck()


def test_package_refuses_an_output_that_is_a_directory(packaged):
    folder, old = packaged
    (folder / "out.apkg").mkdir()
    assert "directory" in run_package(str(folder / "deck.json"), "-o", str(folder / "out.apkg"))
    assert (folder / "deck.apkg").read_bytes() == old


def test_package_refuses_an_output_in_a_missing_folder(packaged):
    folder, _ = packaged
    line = run_package(str(folder / "deck.json"), "-o", str(folder / "deck.apkg" / "x.apkg"))
    assert "cannot write" in line


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write anywhere")
def test_package_refuses_an_unwritable_folder(packaged):
    folder, _ = packaged
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert "cannot write" in run_package(str(folder / "deck.json"), "-o", str(locked / "deck.apkg"))
    finally:
        locked.chmod(0o700)


def test_package_does_not_overwrite_a_file_that_is_no_anki_package(packaged):
    folder, _ = packaged
    (folder / "notes.apkg").write_text("meine Notizen", encoding="utf-8")
    line = run_package(str(folder / "deck.json"), "-o", str(folder / "notes.apkg"))
    assert "not overwriting" in line
    assert (folder / "notes.apkg").read_text(encoding="utf-8") == "meine Notizen"


def test_cloze_hint_carries_the_doubt_of_its_gloss() -> None:
    from lernkarten.entries import Entry, Gloss
    from lernkarten.packaging.render import cloze_hint

    sure = Entry(lemma="Bündnis", pos="NOUN", glosses=[Gloss("alliance")])
    unsure = Entry(lemma="Truppe", pos="NOUN", glosses=[Gloss("troops"), Gloss("forces")], uncertain=["glosses"])
    assert cloze_hint(sure) == "alliance"
    assert cloze_hint(unsure) == "troops (?)"


def test_studied_lemmas_are_those_of_the_deck_being_replaced_and_none_of_what_is_no_deck(tmp_path):
    from lernkarten.packaging.rebuild import studied_lemmas

    deck = seed_deck()
    write_deck_json(deck, tmp_path / "deck.json")
    (tmp_path / "broken.json").write_text('{"schema": "lernkarten-deck", "version": 1, "entries": [', encoding="utf-8")
    (tmp_path / "other.json").write_text('{"entries": [{"lemma": "Haus"}]}', encoding="utf-8")
    newer = json.loads((tmp_path / "deck.json").read_text(encoding="utf-8")) | {"version": 99}
    (tmp_path / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    assert studied_lemmas([tmp_path / "deck.json"]) == {entry.lemma for entry in deck.entries}
    assert "Bündnis" in studied_lemmas([tmp_path / "deck.json"])
    for name in ("broken.json", "other.json", "newer.json", "missing.json"):
        assert studied_lemmas([tmp_path / name]) == set(), name


def test_a_deck_read_ahead_stamps_as_the_file_would_and_a_file_replaced_since_is_read_again(tmp_path, monkeypatch):
    from lernkarten.packaging import rebuild
    from lernkarten.packaging.rebuild import ReadAhead, write_deck

    first = seed_deck()
    for name in ("plain", "ahead", "replaced"):
        write_deck(first, tmp_path / f"{name}.apkg", now=BUILT)
    reads: list[Path] = []
    real_read = rebuild.read_deck_json
    monkeypatch.setattr(rebuild, "read_deck_json", lambda path: reads.append(Path(path)) or real_read(path))
    second = regenerated(first)

    write_deck(second, tmp_path / "plain.apkg", now=BUILT + 86_400)
    ahead = ReadAhead(tmp_path / "ahead.apkg")
    ahead.read()
    write_deck(second, tmp_path / "ahead.apkg", now=BUILT + 86_400, read_ahead=ahead)
    assert reads == [tmp_path / "plain.json", tmp_path / "ahead.json"]  # read once each, ahead or not
    assert (tmp_path / "ahead.json").read_text(encoding="utf-8") == (tmp_path / "plain.json").read_text(encoding="utf-8")

    # another build replaces the JSON after the read: the deck read ahead is not the one there
    stale = ReadAhead(tmp_path / "replaced.apkg")
    stale.read()
    write_deck(second, tmp_path / "replaced.apkg", now=BUILT + 86_400)
    reads.clear()
    third = dataclasses.replace(second, entries=[e for e in second.entries if e.lemma != "abwenden"])
    written = write_deck(third, tmp_path / "replaced.apkg", now=BUILT + 2 * 86_400, read_ahead=stale)
    assert reads == [tmp_path / "replaced.json"]  # read again under the lock
    # stamped against the second build's times (read again), not the first's (read ahead)
    times = {e.lemma: e.modified for e in written.deck.entries}
    assert times["Bündnis"] == BUILT + 86_400  # its gloss changed in the second build: the first's time would be older


def test_the_grammar_line_of_a_plural_noun_says_plural_only_only_when_no_singular_is_known() -> None:
    from lernkarten.packaging.render import grammar_line

    parents = Entry("Eltern", "NOUN", plural_only=True)
    assert grammar_line(parents) == "plural only"
    firefighters = Entry("Feuerwehrleute", "NOUN", plural_only=True, singular="der Feuerwehrmann")
    assert grammar_line(firefighters) == "plural of der Feuerwehrmann"
