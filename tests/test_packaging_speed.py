"""The shortcuts packaging takes for speed give what the long way gives.

A deck JSON is type-checked by one function per type made once (`deckjson._valid`); a
build renders each entry once and hands the notes to stamping and writing. Both must
decide exactly as the plain checks and renders do.
"""

from __future__ import annotations

import dataclasses
import io
import json

import pytest
from test_packaging import seed_deck

from lernkarten.entries import Deck, Entry, Example, Gloss, Source, VerbParts
from lernkarten.packaging import deckjson, stamp_from_package, stamp_modified, write_apkg
from lernkarten.packaging.stamps import render_deck

#: Values of the wrong type (or out of range, or unencodable) for the kinds of fields a deck has.
WRONG = [None, 1, 1.5, True, "x", "\ud800", [], [1], ["x"], {}, 2 ** 70, ("a", 1)]


def _variants(record: object):
    """`record` with one field at a time replaced by each wrong value, and the same one level down."""
    for field in dataclasses.fields(record):  # type: ignore[arg-type]
        for value in WRONG:
            yield dataclasses.replace(record, **{field.name: value})  # type: ignore[type-var]


@pytest.mark.parametrize("part", ["entry", "example", "gloss", "verb"])
def test_the_fast_type_check_agrees_with_the_message(part: str) -> None:
    deck = seed_deck()
    entry = next(e for e in deck.entries if e.examples and e.glosses)
    records = {"entry": entry, "example": entry.examples[0], "gloss": entry.glosses[0],
               "verb": VerbParts("wendet ab", "wandte ab", "abgewandt", "haben", "ab", government=["von + Dat"])}
    disagreements, failures = [], 0
    for variant in _variants(records[part]):
        if part == "entry":
            changed = variant
        elif part == "example":
            changed = dataclasses.replace(entry, examples=[variant])  # type: ignore[list-item]
        elif part == "gloss":
            changed = dataclasses.replace(entry, glosses=[variant])  # type: ignore[list-item]
        else:
            changed = dataclasses.replace(entry, verb=variant)  # type: ignore[arg-type]
        candidate = Deck(deck.name, deck.sources, [changed])
        fast = deckjson._valid(Deck)(candidate)
        problem = deckjson._type_problem(candidate, "deck")
        failures += not fast
        if fast != (problem == ""):
            disagreements.append((variant, problem))
    assert not disagreements
    assert failures > 10  # the wrong values are seen as wrong


def test_a_wrong_type_in_a_deck_json_is_still_named(tmp_path) -> None:
    data = json.loads(seed_deck().to_json())
    data["entries"][1]["count"] = "three"
    path = tmp_path / "deck.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(Exception, match=r"deck\.entries\[1\]\.count should be a whole number"):
        deckjson.read_deck_json(path)


@pytest.mark.parametrize("reverse", [False, True])
def test_stamping_with_notes_rendered_once_is_stamping_without(tmp_path, reverse: bool) -> None:
    first = stamp_modified(seed_deck(), None, now=1_000)
    write_apkg(first, tmp_path / "deck.apkg", reverse=reverse)
    changed = [dataclasses.replace(e) for e in first.entries]
    changed[0] = dataclasses.replace(changed[0], glosses=[Gloss("something else")])
    changed.append(Entry("abwenden", "VERB", sources=[first.sources[0].id], glosses=[Gloss("to avert")],
                         examples=[Example("Sie wollen es abwenden.", [(13, 21)], first.sources[0].id)]))
    second = Deck(first.name, first.sources, changed)
    plain = render_deck(second)
    written = render_deck(second, reverse=reverse)
    assert stamp_modified(second, first, 2_000, rendered=plain) == stamp_modified(second, first, 2_000)
    assert (stamp_from_package(second, tmp_path / "deck.apkg", 3_000, reverse=reverse, rendered=written, plain=plain)
            == stamp_from_package(second, tmp_path / "deck.apkg", 3_000, reverse=reverse))
    stamped = stamp_from_package(second, tmp_path / "deck.apkg", 3_000, reverse=reverse)
    times = {e.lemma: e.modified for e in stamped.entries}
    assert times[changed[0].lemma] == 3_000 and times["abwenden"] == 3_000
    assert sum(t == 1_000 for t in times.values()) == len(first.entries) - 1


@pytest.mark.parametrize("name", ["Kasachstan", "a [] b\nc", "[]"])
@pytest.mark.parametrize("entries", [0, 1, 3])
def test_the_deck_json_written_entry_by_entry_is_to_json(name: str, entries: int) -> None:
    deck = seed_deck()
    entry = dataclasses.replace(deck.entries[0], lemma="Zeile\nzwei []", notes=["x\n  y", "[]"])
    deck = Deck(name, deck.sources, [entry, *deck.entries][:entries])
    handle = io.StringIO()
    deckjson.dump_deck_json(deck, handle)
    assert handle.getvalue() == deck.to_json()


def test_a_new_text_in_the_deck_keeps_the_old_entries_times_without_rendering_them(monkeypatch) -> None:
    first = stamp_modified(seed_deck(), None, now=1_000)
    more = Deck(first.name, [*first.sources, Source("zweiter-text", title="Zweiter Text")], first.entries)
    from lernkarten.packaging import stamps

    def no_old_rendering(*_args):
        raise AssertionError("an old entry with its hash was rendered again")

    monkeypatch.setattr(stamps, "card_content", no_old_rendering)
    stamped = stamp_modified(more, first, 2_000)
    assert all(e.modified == 1_000 for e in stamped.entries)


def test_an_old_entry_whose_cards_showed_something_else_gets_a_new_time() -> None:
    # the hash is what the learner's cards showed: when the same entry renders differently now
    # (another version's layout), the notes must update, though the entry itself is unchanged
    first = stamp_modified(seed_deck(), None, now=1_000)
    shown_before = [dataclasses.replace(e, content_hash="0" * 16) if i == 0 else e for i, e in enumerate(first.entries)]
    stamped = stamp_modified(first, Deck(first.name, first.sources, shown_before), 2_000)
    times = [e.modified for e in stamped.entries]
    assert times[0] == 2_000 and set(times[1:]) == {1_000}
