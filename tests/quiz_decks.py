"""Small real decks for the quiz tests: words of the seed text with its own sentences."""

from __future__ import annotations

from pathlib import Path

from seed_text import word_spans

from lernkarten.entries import Deck, Entry, Example, Gloss, Source, VerbParts

SOURCE_ID = "faz-2022-01-06-kasachstan-odkb"


def _example(sentence: str, *words: str) -> Example:
    """An example with spans on `words`, found left to right in the sentence."""
    return Example(text=sentence, spans=word_spans(sentence, *words), source=SOURCE_ID)


def seed_entries() -> list[Entry]:
    """Five words of the seed text, glossed and with their grammar, as the pipeline would give them."""
    return [
        Entry(lemma="Bündnis", pos="NOUN", forms=["Bündnis", "Bündnisses"], count=4, level="B2",
              gender=["n"], plural="Bündnisse", genitive="des Bündnisses",
              glosses=[Gloss("alliance", label="pol."), Gloss("pact")],
              examples=[_example("Grundlage für das Bündnis war der 1992 unterschriebene „Vertrag über "
                                 "kollektive Sicherheit“, dem ursprünglich 9 der 15 Nachfolgestaaten "
                                 "der Sowjetunion angehörten.", "Bündnis")],
              sources=[SOURCE_ID], modified=1_700_000_000),
        Entry(lemma="Streitkräfte", pos="NOUN", forms=["Streitkräften"], count=2, level="B2",
              plural_only=True, glosses=[Gloss("armed forces", label="mil.")],
              examples=[_example("Er sprach von „Terroristen“, die im Land wüteten und sich heftige "
                                 "Kämpfe mit den Streitkräften lieferten.", "Streitkräften")],
              sources=[SOURCE_ID], modified=1_700_000_000),
        Entry(lemma="mitteilen", pos="VERB", forms=["teilte ... mit"], count=1, level="B1",
              verb=VerbParts(present="teilt mit", past="teilte mit", participle="mitgeteilt",
                             auxiliary="haben", separable_prefix="mit"),
              glosses=[Gloss("to inform"), Gloss("to announce")],
              examples=[_example("Wenige Stunden später teilte das von Russland geführte Militärbündnis "
                                 "offiziell mit, dass russische, belarussische, armenische, kirgisische "
                                 "und tadschikische „Friedenstruppen“ auf dem Weg nach Kasachstan seien.",
                                 "teilte", "mit")],
              sources=[SOURCE_ID], modified=1_700_000_000),
        Entry(lemma="Unterstützung", pos="NOUN", forms=["Unterstützung"], count=1, level="B1",
              gender=["f"], plural="Unterstützungen", genitive="der Unterstützung",
              glosses=[Gloss("support")],
              examples=[_example("Im Klartext bedeutete das: Er bat um militärische Unterstützung.",
                                 "Unterstützung")],
              sources=[SOURCE_ID], modified=1_700_000_000),
        # Einmischung is missing from the noun table: its gender came from the compound head,
        # so the deck marks it uncertain and the gender drill must leave it out.
        Entry(lemma="Einmischung", pos="NOUN", forms=["Einmischung"], count=1, level="C1",
              gender=["f"], plural="Einmischungen", genitive="der Einmischung",
              glosses=[Gloss("interference")], uncertain=["gender"],
              examples=[_example("Es sei wichtig, dass es nun keine Einmischung von außen gebe.",
                                 "Einmischung")],
              sources=[SOURCE_ID], modified=1_700_000_000),
    ]


def seed_deck(name: str = "Kasachstan") -> Deck:
    source = Source(id=SOURCE_ID, title="Kasachstan bittet um militärische Hilfe", date="2022-01-06",
                    attribution="Frankfurter Allgemeine Zeitung, 6. Januar 2022",
                    path="source_texts/faz-2022-01-06-kasachstan-odkb.txt")
    return Deck(name=name, sources=[source], entries=seed_entries())


def write_json_deck(folder: Path, deck: Deck | None = None, name: str = "kasachstan") -> Path:
    path = folder / f"{name}.json"
    path.write_text((deck or seed_deck()).to_json(), encoding="utf-8")
    return path


def write_apkg_deck(folder: Path, deck: Deck | None = None, name: str = "kasachstan") -> Path:
    from lernkarten.packaging import write_apkg

    path = folder / f"{name}.apkg"
    write_apkg(deck or seed_deck(), path)
    return path
