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


# -- choosing the sense by evidence (glossing/sense_scorer.py) ---------------------------------

def _entry(lemma: str, pos: str, sentence: str, form: str) -> Entry:
    start = sentence.index(form)
    return Entry(lemma=lemma, pos=pos, forms=[form], count=1,
                 examples=[Example(text=sentence, spans=[(start, start + len(form))])])


def _texts(entry: Entry) -> list[str]:
    return [g.text for g in entry.glosses]


def test_a_person_pronoun_as_the_object_counts_for_the_line_that_takes_a_person() -> None:
    from lernkarten.glossing.dictionary import open_dictionary
    from lernkarten.glossing.sense_scorer import WEIGHTS
    from lernkarten.glossing.senses import choose_senses

    dictionary = open_dictionary()

    def person_line(sentence: str) -> float:
        choices = choose_senses(_entry("erziehen", "VERB", sentence, "erzogen"), dictionary)
        return max(c.score for c in choices if "jdn." in c.hit.term.text)

    # "ihn erzogen": a person brought up (jdn. erziehen); "das Kind": no pronoun tells
    assert person_line("Seine Eltern haben ihn streng erzogen.") - person_line(
        "Seine Eltern haben das Kind streng erzogen.") == WEIGHTS.object_fits
    result = gloss_entries([_entry("erziehen", "VERB", "Seine Eltern haben ihn streng erzogen.", "erzogen")])
    assert "to parent sb." in _texts(result.entries[0])


def test_a_pronoun_after_a_preposition_or_in_another_clause_is_no_object_of_the_verb() -> None:
    from lernkarten.glossing.senses import _person_objects

    def objects(sentence: str, form: str) -> frozenset[str]:
        return _person_objects(_entry("verlangen", "VERB", sentence, form).examples)

    assert objects("Sie verlangten es von ihm.", "verlangten") == frozenset()
    assert objects("Er hatte die Ablöse verlangt, soll ihm aber vertrauen.", "verlangt") == frozenset()
    assert objects("Die Nachricht hat ihn überrascht.", "überrascht") == {"jdn."}
    assert objects("Wir haben uns geeinigt.", "geeinigt") == frozenset()   # reflexive, not an object


def test_a_compound_s_last_part_has_the_sense_ding_s_compounds_ending_in_it_give() -> None:
    # Stadtrat, Gemeinderat, Sicherheitsrat: the "Rat" of a compound is a council, not advice
    result = gloss_entries([_entry("Zentralrat", "NOUN", "Der Zentralrat kritisierte das Urteil.", "Zentralrat")])
    texts = _texts(result.entries[0])
    assert texts[0].endswith("council") and not any("advice" in t for t in texts)


def test_news_labels_of_a_line_s_compounds_count_for_its_sense() -> None:
    # "Auflage; Bedingung | Bauauflagen [adm.]": the condition, not the ladder's rest, is a candidate shown
    result = gloss_entries([_entry("Auflage", "NOUN", "Das Camp darf mit einigen Auflagen errichtet werden.", "Auflagen")])
    entry = result.entries[0]
    assert "condition" in _texts(entry) and "glosses" in entry.uncertain


def test_senses_in_doubt_leave_room_for_the_best_sense_s_next_synonym() -> None:
    # two lines close in score: the first gloss of each, then the best line's "assurance"
    sentence = "Bei allen Versicherungen der Treue herrschte auch Argwohn."
    entry = gloss_entries([_entry("Versicherung", "NOUN", sentence, "Versicherungen")]).entries[0]
    assert "glosses" in entry.uncertain and len(entry.glosses) == 3 and "assurance" in _texts(entry)


def test_a_question_word_s_sense_needs_a_question_and_the_relative_sense_stands_for_the_pronoun() -> None:
    # "Berichte, wonach ...": according to which; "Wonach suchst du?": what ... for
    relative = gloss_entries([_entry("wonach", "ADV", "Die Polizei bestätigte Berichte, wonach Unbekannte eine "
                                     "Handgranate geworfen hatten.", "wonach")])
    assert _texts(relative.entries[0])[0] == "according to which"
    question = gloss_entries([_entry("wonach", "ADV", "Wonach suchst du denn hier?", "Wonach")])
    assert _texts(question.entries[0])[0] == "what … for"


def test_a_verb_gloss_is_rated_by_how_common_the_word_is_as_a_verb() -> None:
    # "to symbol sth." ("symbolling", "symbolled") is a noun made a verb; "to symbolize" is the verb
    result = gloss_entries([_entry("symbolisieren", "VERB", "Lech Walesa, der den friedlichen Systemwandel "
                                   "symbolisiert, muss weichen.", "symbolisiert")])
    assert _texts(result.entries[0])[0] == "to symbolize"
    from lernkarten.glossing.dictionary import open_dictionary

    english = open_dictionary().english
    assert english.verb_zipf("to symbol sth.", ("symbolling", "symbolled")) < english.zipf("to symbol sth.") - 2
    assert english.verb_zipf("to take sth.", ("taking", "taken")) == english.zipf("to take sth.")


def test_a_verb_the_text_writes_with_a_capital_mid_sentence_is_marked_for_checking() -> None:
    # "Google" in "den Google Maps Eintrag" is a name the tagger took for the verb googeln
    name = gloss_entries([_entry("googeln", "VERB", "Über den Google Maps Eintrag bin ich auf die Website "
                                 "aufmerksam geworden.", "Google")])
    assert "glosses" in name.entries[0].uncertain
    verb = gloss_entries([_entry("googeln", "VERB", "Ich habe die Adresse gestern gegoogelt.", "gegoogelt")])
    assert "glosses" not in verb.entries[0].uncertain
    first = gloss_entries([_entry("googeln", "VERB", "Googeln Sie die Adresse!", "Googeln")])
    assert "glosses" not in first.entries[0].uncertain   # a capital at the start of a sentence says nothing


def test_a_noun_only_in_a_genitive_nothing_declines_is_read_as_a_name_and_marked_for_checking() -> None:
    # "Metes Karriere": the genitive of the name Mete, not of der Met (mead)
    name = gloss_entries([_entry("Met", "NOUN", "Dieser habe Metes Karriere betroffen.", "Metes")])
    assert "glosses" in name.entries[0].uncertain
    common = gloss_entries([_entry("Lehrer", "NOUN", "Die Person des Lehrers zieht viele an.", "Lehrers")])
    assert "glosses" not in common.entries[0].uncertain
    from lernkarten.glossing.stage import used_as_a_name
    from lernkarten.lexicon.nouns import noun_table

    declined = _entry("Drängen", "NOUN", "Er hatte sich trotz hartnäckigen Drängens geziert.", "Drängens")
    assert not used_as_a_name(declined, noun_table())
    assert used_as_a_name(_entry("Teufel", "NOUN", "Er war Minister in Teufels großer Koalition.", "Teufels"),
                          noun_table())


def test_close_senses_that_say_the_same_in_english_are_shown_without_asking_to_check() -> None:
    # "to happen; to take place" and "to happen; to occur": whichever line, the learner learns the same
    same = gloss_entries([_entry("sich ereignen", "VERB", "Der Vorfall ereignete sich am Montag in Wien.",
                                 "ereignete")]).entries[0]
    assert _texts(same)[0] == "to happen" and "glosses" not in same.uncertain
    # "attitude" and "posture" are two senses the sentence does not tell apart: the card asks
    other = gloss_entries([_entry("Haltung", "NOUN", "Die Haltung der Regierung in der Asylfrage ist klar.",
                                  "Haltung")]).entries[0]
    assert "glosses" in other.uncertain and len(other.glosses) >= 2


def test_a_compound_s_first_part_may_be_an_adjectival_noun_ding_lists_in_its_er_form() -> None:
    # "Gefangene|n|austausch": der Gefangene, which Ding writes "Gefangener {m}": prisoner, not "gefangen" (captive)
    entry = gloss_entries([_entry("Gefangenenaustausch", "NOUN", "Die Regierung hat einen Gefangenenaustausch "
                                  "angeregt.", "Gefangenenaustausch")]).entries[0]
    assert _texts(entry)[0] == "prisoner exchange"


def test_a_verb_s_participles_are_rated_from_the_index_s_own_figures_only() -> None:
    from lernkarten.glossing.english import EnglishWords

    # a form the index has no figure for says nothing (wordfreq's own list, a second to load, is not asked)
    english = EnglishWords({"symbol": 4.3, "symbolled": 0.5}.get)
    assert english.known_form_zipf("symbolling") is None
    assert english.verb_zipf("to symbol sth.", ("symbolling",)) == english.zipf("to symbol sth.")
    assert english.verb_zipf("to symbol sth.", ("symbolling", "symbolled")) < 2


def test_a_feminine_in_in_is_read_through_its_masculine_with_the_umlaut_undone_a_capital_one_too() -> None:
    from lernkarten.lexicon.morphology import masculine_stems, without_last_umlaut

    assert masculine_stems("Ärztin") == ("Ärzt", "Arzt", "Ärzte")
    assert masculine_stems("Kollegin") == ("Kolleg", "Kollege")
    assert without_last_umlaut("Häus") == "Haus" and without_last_umlaut("Äpfel") == "Apfel"
    assert without_last_umlaut("Wort") == "Wort"
