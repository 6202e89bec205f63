"""Gender and plural of nouns whose grammar depends on more than their own row (issue 11)."""

from __future__ import annotations

from lernkarten.entries import Entry, Example
from lernkarten.glossing import gloss_entries


def _gloss(lemma: str, sentence: str, form: str) -> Entry:
    start = sentence.index(form)
    entry = Entry(lemma=lemma, pos="NOUN", forms=[form], count=1,
                  examples=[Example(text=sentence, spans=[(start, start + len(form))])])
    result = gloss_entries([entry])
    return (result.entries + result.unglossed)[0]


def test_an_adjectival_noun_with_a_feminine_in_in_of_its_own_is_masculine_only() -> None:
    # der Polizeibeamte, die Polizeibeamtin: "die Polizeibeamte" is no German
    entry = _gloss("Polizeibeamte", "Noch untersuchen Polizeibeamte den Anschlagsort.", "Polizeibeamte")
    assert entry.adjectival_noun
    assert entry.gender == ["m"] and entry.article == "der"


def test_an_adjectival_noun_without_such_a_feminine_stays_of_either_sex() -> None:
    entry = _gloss("Verbündete", "Russland hilft seinen Verbündeten.", "Verbündeten")
    assert entry.gender == ["m", "f"] and entry.article == "der/die"
