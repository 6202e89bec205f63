"""The glossing stage on real German: the seed article's sentences and UD German GSD's.

Entries are built by hand from real sentences, the way the vocabulary stage builds them, so
that these tests do not depend on the analysis stage's choices.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from seed_text import word_spans

from lernkarten.entries import Entry, Example
from lernkarten.glossing import gloss_entries, lookup_word

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = Path(__file__).resolve().parents[1] / "source_texts" / "faz-2022-01-06-kasachstan-odkb.txt"
UD_FILES = sorted((SHARED / "data" / "ud-german-gsd").glob("*.conllu"))


def _seed_sentence(containing: str) -> str:
    text = SEED.read_text(encoding="utf-8")
    for line in text.splitlines():
        for sentence in line.replace("? ", "?\n").replace(". ", ".\n").split("\n"):
            if containing in sentence:
                return sentence.strip()
    raise AssertionError(f"the seed has no sentence with {containing!r}")


def _ud_sentence(containing: str) -> str:
    for path in UD_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = ") and containing in line:
                return line.removeprefix("# text = ")
    raise AssertionError(f"UD German GSD has no sentence with {containing!r}")


def _entry(lemma: str, pos: str, sentence: str, *words: str, article: str = "") -> Entry:
    """An entry seen once, its words (one, or a verb and its particle) marked in the sentence."""
    spans = word_spans(sentence, *words)
    form = " ... ".join(words)
    return Entry(lemma=lemma, pos=pos, forms=[form], count=1,
                 examples=[Example(text=sentence, spans=spans, article=article)])


def _gloss(entry: Entry) -> Entry:
    result = gloss_entries([entry])
    assert not result.warnings
    glossed = result.entries + result.unglossed
    assert len(glossed) == 1
    return glossed[0]


def _texts(entry: Entry) -> list[str]:
    return [g.text for g in entry.glosses]


# -- nouns ------------------------------------------------------------------------------------

def test_bündnis_is_a_neuter_alliance_with_its_plural_and_genitive() -> None:
    sentence = _seed_sentence("Grundlage für das Bündnis")
    entry = _gloss(_entry("Bündnis", "NOUN", sentence, "Bündnis", article="das"))
    assert "alliance" in _texts(entry)
    assert entry.glosses[0].source == "ding" and not entry.glosses[0].uncertain
    assert entry.gender == ["n"] and entry.article == "das"
    assert entry.plural == "Bündnisse"
    assert entry.genitive == "des Bündnisses"
    assert "gender" not in entry.uncertain


def test_a_plural_ding_lists_for_the_word_itself_stands_when_the_table_gives_the_singular_again() -> None:
    # Ding: "Bonus; Prämie; Provision | Boni; Bonusse; Prämien; Provisionen" (four plurals, three terms)
    bonus = _gloss(_entry("Bonus", "NOUN", _ud_sentence("Der Bonus für die Aktionäre"), "Bonus", article="Der"))
    assert bonus.plural == "Boni / Bonusse"
    # a zero plural is German's own after -er, -el, -en: the table's "Lehrer" stands
    assert _gloss(Entry(lemma="Lehrer", pos="NOUN")).plural == "Lehrer"
    # a plural Ding gives for a synonym of the line is not the word's ("Zustand; Status")
    assert _gloss(Entry(lemma="Status", pos="NOUN")).plural == "Status"


def test_streitkräfte_are_learned_as_plural_only_armed_forces() -> None:
    sentence = _seed_sentence("Kämpfe mit den Streitkräften")
    entry = _gloss(_entry("Streitkräfte", "NOUN", sentence, "Streitkräften", article="den"))
    assert entry.plural_only
    assert entry.article == "die"
    assert entry.gender == [] and entry.plural == ""
    assert "armed forces" in _texts(entry)
    # German has the singular, rarely used: the card says whose plural it is, not "plural only"
    assert entry.singular == "die Streitkraft"
    assert entry.notes == ["plural of die Streitkraft"]


def test_a_noun_learned_in_the_plural_names_its_singular_and_only_a_true_plural_is_plural_only() -> None:
    forces = _gloss(_entry("Sicherheitskräfte", "NOUN", _ud_sentence("für die Sicherheitskräfte vorverlegt"),
                           "Sicherheitskräfte", article="die"))
    assert forces.plural_only and forces.singular == "die Sicherheitskraft"
    assert "security forces" in _texts(forces)
    # -mann makes its plural in -leute: Ding pairs Feuerwehrleute with Feuerwehrmann
    assert _gloss(Entry(lemma="Feuerwehrleute", pos="NOUN")).singular == "der Feuerwehrmann"
    assert _gloss(Entry(lemma="Kaufleute", pos="NOUN")).singular == "der Kaufmann"
    # Eltern, Leute, Kosten have no singular a learner uses (Elter, Leut; Elternteil is another word)
    parents = _gloss(_entry("Eltern", "NOUN", _ud_sentence("Eltern dürfen ihren Neugeborenen"), "Eltern"))
    assert parents.plural_only and parents.singular == "" and "plural only" in parents.notes
    for word in ("Leute", "Kosten", "Ferien"):
        entry = _gloss(Entry(lemma=word, pos="NOUN"))
        assert entry.plural_only and entry.singular == "", word
    # Daten in the sense of data has no singular ("Datum" is a date); Medien has das Medium
    for word in ("Daten", "Kommunikationsdaten"):
        entry = _gloss(Entry(lemma=word, pos="NOUN"))
        assert entry.plural_only and entry.singular == "" and "data" in " ".join(_texts(entry)), word
    assert _gloss(Entry(lemma="Medien", pos="NOUN")).singular == "das Medium"
    # a plural whose own sense is not its singular's: Diäten (parliamentary allowance) are no diets,
    # Devisen (foreign currency) no mottos; a singular of one region only is none (Baute, Swiss)
    for word in ("Diäten", "Devisen", "Bauten", "Abgeordnetendiäten"):
        assert _gloss(Entry(lemma=word, pos="NOUN")).singular == "", word
    # Ding's "Tausend {f} | Tausende": the table's die Tausend has the plural Tausenden, so no singular is claimed
    assert _gloss(Entry(lemma="Tausende", pos="NOUN")).singular == ""
    # a compound made from its head: the head's singular becomes the compound's
    police = _gloss(Entry(lemma="Landessicherheitskräfte", pos="NOUN"))
    assert police.singular == "die Landessicherheitskraft" and "plural of die Landessicherheitskraft" in police.notes


def test_a_see_also_pointer_of_ding_is_no_part_of_a_term_or_a_gloss() -> None:
    # "Landesschulrat {m} [Ös.] [adm.] [veraltet] ~Bildungsdirektion :: Education Authority"
    board = _gloss(Entry(lemma="Landesschulrat", pos="NOUN"))
    assert _texts(board)[0] == "Education Authority"
    # "Armenrecht {n} [jur.] ~Prozesskostenhilfe :: in forma pauperis /IFP/ ~legal aid"
    poor = _texts(_gloss(Entry(lemma="Armenrecht", pos="NOUN")))
    assert poor and all("~" not in text and "legal aid" not in text for text in poor)
    assert any("in forma pauperis" in text for text in poor)
    # an English pointer ends before the comment that explains the gloss
    from lernkarten.glossing.ding import without_see_also
    assert without_see_also("schlecht {adj} :: bad ~worse (of a low standard) | worst") == \
        "schlecht {adj} :: bad (of a low standard) | worst"


def test_adjectival_noun_is_shown_with_both_articles_and_declined_like_an_adjective() -> None:
    sentence = _seed_sentence("loyalsten Verbündeten")
    entry = _gloss(_entry("Verbündete", "NOUN", sentence, "Verbündeten"))
    assert entry.adjectival_noun
    assert entry.gender == ["m", "f"] and entry.article == "der/die"
    assert any("ein Verbündeter" in note for note in entry.notes)


def test_the_article_in_the_text_decides_between_homonyms() -> None:
    # "am Steuer" is dem Steuer: das Steuer (the wheel), never die Steuer (the tax)
    wheel = _gloss(_entry("Steuer", "NOUN", _ud_sentence("am Steuer"), "Steuer", article="am"))
    assert wheel.gender == ["n"] and "gender" not in wheel.uncertain
    assert not any("tax" in text for text in _texts(wheel))
    # "der Abschaffung der Mark": der is feminine here (das Mark, the marrow, has no such form)
    currency = _gloss(_entry("Mark", "NOUN", _ud_sentence("Abschaffung der Mark"), "Mark", article="der"))
    assert currency.gender == ["f"]
    assert "mark" in _texts(currency)


def test_an_article_that_decides_nothing_leaves_both_genders_marked_uncertain() -> None:
    entry = _gloss(_entry("Teil", "NOUN", _ud_sentence("je ein Teil gekostet"), "Teil", article="ein"))
    assert entry.gender == ["m", "n"]
    assert entry.article == "der/das"
    assert "gender" in entry.uncertain


def test_compound_missing_from_the_dictionary_is_glossed_through_its_parts() -> None:
    sentence = _seed_sentence("Beistandsverpflichtung")
    entry = _gloss(_entry("Beistandsverpflichtung", "NOUN", sentence, "Beistandsverpflichtung", article="der"))
    assert entry.glosses
    assert all(g.source == "ding:compound" and g.uncertain for g in entry.glosses)
    assert entry.glosses[0].via == "Beistand + Verpflichtung"  # the linking s is not part of Beistand
    assert "glosses" in entry.uncertain
    assert entry.gender == ["f"]  # from its last part, Verpflichtung
    assert entry.plural == "Beistandsverpflichtungen"


def test_compound_listed_inside_its_base_words_line_is_found_directly() -> None:
    sentence = _seed_sentence("ein Verteidigungsbündnis gegen")
    entry = _gloss(_entry("Verteidigungsbündnis", "NOUN", sentence, "Verteidigungsbündnis", article="ein"))
    assert entry.glosses[0].source == "ding"
    assert any("alliance" in text for text in _texts(entry))


# -- senses -----------------------------------------------------------------------------------

def test_den_ausschlag_geben_in_the_sentence_tips_the_balance_in_a_note_beside_the_word() -> None:
    sentence = _seed_sentence("den Ausschlag für die Wende gab")
    entry = _gloss(_entry("Ausschlag", "NOUN", sentence, "Ausschlag", article="den"))
    # the card teaches the word; the phrase the sentence uses is a note beside it
    assert any(note.startswith("den Ausschlag geben:") and "to tip the balance" in note for note in entry.notes)
    assert entry.glosses and all(g.source == "ding" for g in entry.glosses)
    assert not any("balance" in text for text in _texts(entry))


def test_an_idiom_is_found_without_the_object_ding_gives_it_as_an_example() -> None:
    # Ding: "einen Streit vom Zaun brechen"; the text starts a reshuffle, not a quarrel
    sentence = "Es war die Regierungsrochade, die der Landeshauptmann vom Zaun gebrochen hat."
    entry = _gloss(_entry("Zaun", "NOUN", sentence, "Zaun", article="vom"))
    assert any(note.startswith("einen Streit vom Zaun brechen:") for note in entry.notes)
    assert _texts(entry)[0].startswith("fence")
    # the rest of the idiom must be there: a fence alone is a fence
    plain = _gloss(_entry("Zaun", "NOUN", "Der Zaun wurde gebrochen.", "Zaun", article="der"))
    assert not any("Streit" in note for note in plain.notes)


def test_the_noun_an_adjective_goes_with_gives_its_sense_in_a_note() -> None:
    # "hinter verschlossenen Türen": closed doors, whatever sense the adjective's own lines lead with
    sentence = _ud_sentence("hinter verschlossenen Türen")
    entry = _gloss(_entry("verschlossen", "ADJ", sentence, "verschlossenen"))
    assert any(note.startswith("hinter verschlossenen Türen: behind closed doors") for note in entry.notes)
    # a phrase that says what the gloss says is no note: "kollektive Sicherheit" for "collective"
    collective = _gloss(_entry("kollektiv", "ADJ", _seed_sentence("über kollektive Sicherheit"), "kollektive"))
    assert _texts(collective)[0] == "collective" and not collective.notes


def test_expression_entry_is_looked_up_whole() -> None:
    entry = _gloss(Entry(lemma="den Ausschlag geben", pos="EXPR"))
    assert "to tip the balance" in _texts(entry)


def test_a_political_sense_wins_over_older_ones_for_news() -> None:
    sentence = _seed_sentence("formell ist sie ein Bündnis")
    entry = _gloss(_entry("Bündnis", "NOUN", sentence, "Bündnis", article="ein"))
    assert entry.glosses[0].text == "alliance"
    assert "covenant" not in _texts(entry)


def test_a_verb_whose_particle_the_lemma_lost_is_glossed_as_the_particle_verb() -> None:
    sentence = _seed_sentence("lehnte einen solchen Einsatz ab")
    entry = _gloss(_entry("lehnen", "VERB", sentence, "lehnte"))
    assert entry.glosses[0].via == "ablehnen"
    assert any("reject" in text for text in _texts(entry))
    assert "lemma" in entry.uncertain


# -- verbs ------------------------------------------------------------------------------------

def test_separable_verb_recites_teilt_mit_teilte_mit_hat_mitgeteilt() -> None:
    sentence = _seed_sentence("teilte das von Russland")
    entry = _gloss(_entry("mitteilen", "VERB", sentence, "teilte", "mit"))
    assert entry.verb is not None
    assert (entry.verb.present, entry.verb.past, entry.verb.participle) == ("teilt mit", "teilte mit", "mitgeteilt")
    assert entry.verb.auxiliary == "haben"
    assert entry.verb.separable_prefix == "mit"
    assert "separable: mit" in entry.notes


def test_ablehnen_rejects_with_its_principal_parts() -> None:
    sentence = _seed_sentence("lehnte einen solchen Einsatz ab")
    entry = _gloss(_entry("ablehnen", "VERB", sentence, "lehnte", "ab"))
    assert any("reject" in text or "turn down" in text for text in _texts(entry))
    assert entry.verb is not None
    assert (entry.verb.present, entry.verb.past, entry.verb.participle) == ("lehnt ab", "lehnte ab", "abgelehnt")


def test_reflexive_verb_governs_an_with_the_dative() -> None:
    sentence = _seed_sentence("beteiligt sich damit an der Niederschlagung")
    entry = _gloss(_entry("sich beteiligen", "VERB", sentence, "beteiligt"))
    assert entry.verb is not None and entry.verb.reflexive
    assert entry.verb.present == "beteiligt sich"
    assert entry.verb.government == ["an + Dat"]
    assert any("part" in text or "participate" in text for text in _texts(entry))


def test_bitten_governs_um_with_the_accusative() -> None:
    entry = _gloss(_entry("bitten", "VERB", _seed_sentence("Kasachstan bittet um"), "bittet"))
    assert entry.verb is not None
    assert entry.verb.government == ["um + Akk"]
    assert (entry.verb.past, entry.verb.participle) == ("bat", "gebeten")


def test_two_way_prefix_reading_follows_the_text() -> None:
    # "überschritten" without ge-: the inseparable reading of überschreiten
    sentence = _seed_sentence("mehrmals die Grenze zu Armenien überschritten")
    entry = _gloss(_entry("überschreiten", "VERB", sentence, "überschritten"))
    entry.forms = ["überschritten"]
    entry = _gloss(entry)
    assert entry.verb is not None
    assert entry.verb.separable_prefix == ""
    assert entry.verb.participle == "überschritten"


def test_zu_before_a_two_way_prefix_verb_shows_it_is_inseparable() -> None:
    sentence = _seed_sentence("in festere Strukturen zu überführen")
    entry = _gloss(_entry("überführen", "VERB", sentence, "überführen"))
    assert entry.verb is not None
    assert (entry.verb.present, entry.verb.participle) == ("überführt", "überführt")
    assert "verb" not in entry.uncertain


# -- adjectives and fallbacks -----------------------------------------------------------------

def test_participle_used_as_adjective_is_glossed_through_its_verb() -> None:
    sentence = _seed_sentence("mit uns befreundeten Land")
    entry = _gloss(_entry("befreundet", "ADJ", sentence, "befreundeten"))
    assert entry.glosses
    assert all(g.source == "ding:participle" and g.uncertain for g in entry.glosses)
    assert "befreunden" in entry.glosses[0].via


def test_comparative_is_glossed_through_its_base() -> None:
    sentence = _seed_sentence("festere Strukturen")
    entry = _gloss(_entry("fester", "ADJ", sentence, "festere"))
    assert entry.glosses
    assert all(g.source == "ding:base" and g.via == "fest" for g in entry.glosses)


def test_adjective_compounds_are_glossed_through_their_parts() -> None:
    speaking = _gloss(_entry("russischsprachig", "ADJ", _seed_sentence("russischsprachigen"), "russischsprachigen"))
    assert [(g.text, g.source, g.via) for g in speaking.glosses] == [
        ("Russian-speaking", "ding:compound", "russisch + -sprachig")]
    hyphenated = _gloss(Entry(lemma="armenisch-aserbaidschanisch", pos="ADJ"))
    assert hyphenated.glosses[0].text.startswith("Armenian-")
    assert hyphenated.glosses[0].uncertain


def test_irregular_comparison_is_given_and_regular_is_not() -> None:
    good = _gloss(Entry(lemma="gut", pos="ADJ"))
    assert (good.comparative, good.superlative) == ("besser", "am besten")
    dramatic = _gloss(Entry(lemma="dramatisch", pos="ADJ"))
    assert dramatic.comparative == "" and dramatic.superlative == ""


def test_word_nothing_is_known_of_is_reported_not_dropped_and_has_no_empty_card() -> None:
    sentence = _seed_sentence("Multivektoralität")
    known = _entry("Bündnis", "NOUN", _seed_sentence("Grundlage für das Bündnis"), "Bündnis", article="das")
    unknown = _entry("Multivektoralität", "NOUN", sentence, "Multivektoralität")
    result = gloss_entries([unknown, known])
    assert [e.lemma for e in result.unglossed] == ["Multivektoralität"]
    assert [e.lemma for e in result.entries] == ["Bündnis"]
    assert all(e.glosses for e in result.entries)


def test_glossing_leaves_the_callers_entries_as_they_were() -> None:
    entry = _entry("Bündnis", "NOUN", _seed_sentence("Grundlage für das Bündnis"), "Bündnis", article="das")
    before = entry.to_dict()
    result = gloss_entries([entry])
    assert entry.to_dict() == before
    assert result.entries[0].glosses and result.entries[0] is not entry


def test_glossed_entry_survives_the_deck_json_round_trip() -> None:
    entry = _gloss(_entry("mitteilen", "VERB", _seed_sentence("teilte das von Russland"), "teilte", "mit"))
    again = Entry.from_dict(json.loads(json.dumps(entry.to_dict(), ensure_ascii=False)))
    assert again == entry


# -- the dictionary index ---------------------------------------------------------------------

def test_every_headword_slot_is_indexed_not_only_the_first_of_a_line() -> None:
    from lernkarten.glossing.dictionary import open_dictionary

    dictionary = open_dictionary()
    hits = dictionary.lookup("Militärbündnis")
    assert any(hit.slot > 0 and hit.line.head.terms[0].key == "Bündnis" for hit in hits)


def _tiny_list(path: Path, lines: list[str]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("# tiny Ding list for a test\n")
        handle.write("\n".join(lines) + "\n")


def test_index_is_rebuilt_when_the_dictionary_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lernkarten.glossing import dictionary as ding_index

    monkeypatch.setenv("LERNKARTEN_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "de-en.txt.gz"
    _tiny_list(source, ["Bündnis {n} [pol.] | Bündnisse {pl} :: alliance | alliances"])
    first = ding_index.open_dictionary(source)
    assert first.lookup("Bündnis")[0].line.head.senses[0].text == "alliance"
    _tiny_list(source, ["Bündnis {n} [pol.] | Bündnisse {pl} :: alliance; league | alliances"])
    second = ding_index.open_dictionary(source)
    assert second.path != first.path
    assert [s.text for s in second.lookup("Bündnis")[0].line.head.senses] == ["alliance", "league"]
    assert not first.path.exists()  # the stale index is removed


def test_two_dictionaries_each_rate_english_by_their_own_figures_whichever_opens_first(tmp_path: Path) -> None:
    import sqlite3

    from lernkarten.glossing.dictionary import Dictionary, build_index

    paths = {}
    for name, figure in (("rare", 1.25), ("common", 4.75)):
        source = tmp_path / f"{name}.txt.gz"
        _tiny_list(source, ["Bündnis {n} [pol.] | Bündnisse {pl} :: alliance | alliances"])
        paths[name] = tmp_path / f"{name}.sqlite"
        build_index(source, paths[name])
        with sqlite3.connect(paths[name]) as db:   # each index says something else of "alliance"
            db.execute("UPDATE english_zipf SET zipf = ? WHERE word = 'alliance'", (figure,))
    for order in (("rare", "common"), ("common", "rare")):
        opened = {name: Dictionary(paths[name]) for name in order}
        for name in reversed(order):
            assert opened[name].english.word_zipf("alliance") == {"rare": 1.25, "common": 4.75}[name]
        assert opened["rare"].english.zipf("the alliance") == 1.25
        assert opened["common"].english.zipf("the alliance") == 4.75


def test_two_processes_building_the_index_at_once_both_get_a_complete_one(tmp_path: Path) -> None:
    source = tmp_path / "de-en.txt.gz"
    _tiny_list(source, [f"Wort{i} {{n}} | Wörter{i} {{pl}} :: word {i} | words {i}" for i in range(3000)])
    script = (
        "import sys; from pathlib import Path; from lernkarten.glossing.dictionary import open_dictionary; "
        "d = open_dictionary(Path(sys.argv[1])); "
        "print(len(d.lookup('Wort2999')))"
    )
    env = {**os.environ, "LERNKARTEN_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.Popen([sys.executable, "-c", script, str(source)], env=env, stdout=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=120)[0].strip() for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert outputs == ["1", "1"]
    assert len(list((tmp_path / "cache").glob("ding-*.sqlite"))) == 1
    assert not list((tmp_path / "cache").glob(".ding.*"))  # no temporary file left behind


# -- lookup -----------------------------------------------------------------------------------

def test_lookup_finds_the_noun_behind_an_inflected_form() -> None:
    info = lookup_word("Bündnisse")
    assert info.found
    reading = info.readings[0]
    assert (reading.lemma, reading.article, reading.plural) == ("Bündnis", "das", "Bündnisse")


def test_lookup_command_prints_json_with_glosses_and_their_source() -> None:
    from lernkarten.cli.lookup import lookup

    result = CliRunner().invoke(lookup, ["mitteilen", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    reading = data["readings"][0]
    assert reading["lemma"] == "mitteilen"
    assert reading["verb"]["present"] == "teilt mit"
    assert all(g["source"] == "ding" for g in reading["glosses"])


def test_lookup_command_says_so_when_nothing_is_known() -> None:
    from lernkarten.cli.lookup import lookup

    result = CliRunner().invoke(lookup, ["Xqzvbrm"])
    assert result.exit_code == 1
    assert "Nothing is known" in result.output


# -- choosing the sense a learner should learn --------------------------------------------------

def test_the_sense_a_words_compounds_agree_on_beats_a_commoner_english_word() -> None:
    # Ding lists `ehemalig` as "past" once and as "former" in a dozen lines of its family
    for sentence in (_seed_sentence("ehemaligen Sowjetrepubliken"), _ud_sentence("dem ehemaligen Baulöwen")):
        entry = _gloss(_entry("ehemalig", "ADJ", sentence, "ehemaligen"))
        assert entry.glosses[0].text == "former"
    rise = _gloss(_entry("Erhöhung", "NOUN", _seed_sentence("an der Erhöhung von"), "Erhöhung", article="der"))
    assert rise.glosses[0].text.startswith("increase")


def test_a_word_known_mostly_from_a_false_friend_gets_its_plain_english_first() -> None:
    # "manifestation" is not what a rally is called in English; "minutiae" is not a detail
    rally = _gloss(_entry("Kundgebung", "NOUN", _ud_sentence("an der Kundgebung teilnehmen"), "Kundgebung",
                          article="der"))
    assert rally.glosses[0].text == "rally"
    detail = _gloss(_entry("Detail", "NOUN", _ud_sentence("Statt Details zu nennen"), "Details"))
    assert detail.glosses[0].text == "detail"


def test_sentence_words_in_a_dictionary_example_point_to_its_sense() -> None:
    # "der turnusmäßige Wechsel des Vorsitzes": the rotating chair of the sentence
    sentence = _seed_sentence("turnusmäßiger ODKB-Ratsvorsitzender")
    entry = _gloss(_entry("turnusmäßig", "ADJ", sentence, "turnusmäßiger"))
    assert entry.glosses[0].text in {"rotational", "rotating", "in rotation"}


def test_a_singular_noun_is_never_glossed_by_a_plural_or_collective_line() -> None:
    # "dem Nachbarn" is singular: not Ding's "die Nachbarn: the neighbours" of the Nachbarschaft line
    neighbour = _gloss(_entry("Nachbar", "NOUN", _seed_sentence("gegenüber dem Nachbarn"), "Nachbarn",
                              article="dem"))
    assert neighbour.glosses[0].text == "neighbour"
    assert not any(text.startswith("the ") for text in _texts(neighbour))


def test_english_plural_paired_with_a_singular_german_noun_is_made_singular() -> None:
    # Ding: "Terrorist | Terroristen :: terrorists | terroristses" (the English slipped a slot)
    terrorist = _gloss(_entry("Terrorist", "NOUN", _seed_sentence("von „Terroristen“"), "Terroristen"))
    assert _texts(terrorist)[0] == "terrorist"
    # only a plural line is known: its English made singular, and marked uncertain
    kazakh = _gloss(_entry("Kasache", "NOUN", _seed_sentence("ethnischer Kasachen"), "Kasachen"))
    assert kazakh.glosses[0].text == "Kazakh" and kazakh.glosses[0].uncertain


def test_a_plural_the_text_uses_for_its_own_sense_keeps_that_sense() -> None:
    entry = _gloss(_entry("Unruhe", "NOUN", _ud_sentence("die Unruhen nicht eindämmen"), "Unruhen", article="die"))
    assert "unrest" in _texts(entry)
    assert "glosses" not in entry.uncertain


def test_a_phrase_gloss_is_a_note_and_never_the_meaning_of_the_bare_noun() -> None:
    south = _gloss(_entry("Süden", "NOUN", _seed_sentence("im Süden des Lands"), "Süden", article="im"))
    assert south.glosses[0].text == "south"
    assert any(note.startswith("im Süden") for note in south.notes)
    stuck = _gloss(_entry("stecken", "VERB", _ud_sentence("im Halse stecken geblieben"), "stecken"))
    assert not any("throat" in text for text in _texts(stuck))
    assert any("throat" in note for note in stuck.notes)


def test_first_gloss_is_plain_english_without_explanations_or_rare_synonyms() -> None:
    event = _gloss(Entry(lemma="Ereignis", pos="NOUN"))
    assert event.glosses[0].text == "event"
    decade = _gloss(Entry(lemma="Jahrzehnt", pos="NOUN"))
    assert decade.glosses[0].text == "decade" and "decennium" not in _texts(decade)
    massive = _gloss(Entry(lemma="massiv", pos="ADJ"))
    assert "massy" not in _texts(massive)


def test_an_object_pronoun_is_not_taken_for_a_reflexive_one() -> None:
    # "Es ärgert uns": it annoys us; "wir ärgern uns" would be the reflexive "to be annoyed"
    entry = _gloss(_entry("ärgern", "VERB", _ud_sentence("Es ärgert uns"), "ärgert"))
    assert not entry.glosses[0].text.startswith("to be")
    assert any("annoy" in text or "bother" in text for text in _texts(entry))


def test_the_plural_the_text_uses_decides_between_two_plurals() -> None:
    # der Gast: Gäste (guests), Gasten (sailors); "ihre Gäste" shows which
    entry = _gloss(_entry("Gast", "NOUN", _ud_sentence("für ihre Gäste"), "Gäste", article="ihre"))
    assert entry.plural == "Gäste"
    assert "plural" not in entry.uncertain


def test_a_compounds_gender_follows_the_article_before_it() -> None:
    # der Fall (case) or das Fall (halyard): "den Bündnisfall" can only be masculine
    entry = _gloss(_entry("Bündnisfall", "NOUN", _seed_sentence("um den Bündnisfall"), "Bündnisfall", article="den"))
    assert entry.gender == ["m"] and entry.plural == "Bündnisfälle"
    assert "gender" not in entry.uncertain


# -- expressions and words Ding lacks ---------------------------------------------------------

def test_every_expression_the_analysis_finds_has_english_of_its_own() -> None:
    from lernkarten.analysis.expression_matcher import compile_pattern
    from lernkarten.lexicon.expressions import expression_glosses, expression_lines

    glosses = expression_glosses()
    assert list(glosses) == expression_lines()
    for german, english in glosses.items():
        assert 1 <= len(english) <= 3, german
        assert all(text and not set(text) & set("<>&{}|=\t\"") for text in english), german
        pattern = compile_pattern(german)
        assert pattern is not None
        if pattern.verb:
            assert all(text.startswith("to ") for text in english), german


def test_an_expression_is_taught_with_the_lists_english_not_a_dictionarys_guess() -> None:
    # Ding's first sense with no sentence to choose by: "much", "pace", "to chill"
    for expression, guess, english in [("im Großen und Ganzen", "much", "by and large"),
                                       ("im Gegensatz zu", "pace", "unlike"),
                                       ("zur Ruhe kommen", "to chill", "to calm down")]:
        entry = _gloss(Entry(lemma=expression, pos="EXPR"))
        assert guess not in _texts(entry) and _texts(entry)[0] == english
        assert all(g.source == "expressions" and not g.uncertain for g in entry.glosses)
        assert not entry.uncertain


def test_expressions_ding_lacks_are_glossed_from_the_list() -> None:
    home = _gloss(Entry(lemma="zu Hause", pos="EXPR"))
    assert _texts(home) == ["at home"]
    dark = _gloss(_entry("im Dunkeln sein", "EXPR", _seed_sentence("im Dunkeln"), "ist", "im Dunkeln"))
    assert _texts(dark)[0] == "to be in the dark"
    both = _gloss(Entry(lemma="sowohl ... als auch", pos="EXPR"))
    assert _texts(both) == ["both ... and"]


def test_lookup_knows_an_expression_of_the_list() -> None:
    info = lookup_word("Stellung  nehmen")
    assert info.readings[0].pos == "EXPR" and info.readings[0].lemma == "Stellung nehmen"
    assert _texts(info.readings[0])[0] == "to comment (on)"


def test_expressions_ding_lists_in_another_form_or_german_builds_by_rule_are_glossed_and_marked() -> None:
    """Expressions not on the list (a lookup, a hand-edited deck) still get Ding's, marked uncertain."""
    from lernkarten.glossing.dictionary import open_dictionary
    from lernkarten.glossing.fallbacks import expression_fallback

    violent = _gloss(Entry(lemma="auf brutale Weise", pos="EXPR"))
    assert violent.glosses[0].text == "in a brutal way" and violent.glosses[0].uncertain
    become = _gloss(Entry(lemma="nervös werden", pos="EXPR"))              # a copula and its predicate
    assert become.glosses[0].text == "to become nervous"
    support = _gloss(Entry(lemma="um Unterstützung bitten", pos="EXPR"))   # bitten um + its noun
    assert support.glosses and "support" in support.glosses[0].text and support.glosses[0].uncertain
    # Ding lists "Grenzen überschreiten": the singular with an article is found through it
    border = expression_fallback(Entry(lemma="eine Grenze überschreiten", pos="EXPR"), open_dictionary())
    assert border is not None and border.glosses and all(g.uncertain for g in border.glosses)


# -- words German makes by rule -----------------------------------------------------------------

def test_a_place_adjective_and_a_compass_adjective_are_glossed_through_the_place() -> None:
    munich = _gloss(_entry("Münchner", "ADJ", _ud_sentence("die Münchner Zeitung"), "Münchner"))
    # the place the noun table knows (München), named as Ding names it in English
    assert _texts(munich)[0] == "of Munich" and munich.glosses[0].uncertain and munich.glosses[0].via == "München"
    # Ding's people of the place give its English name; its sausages and doughnuts are no adjective
    assert _texts(_gloss(Entry(lemma="Kölner", pos="ADJ")))[0] == "of Cologne"
    assert _texts(_gloss(Entry(lemma="Frankfurter", pos="ADJ")))[0] == "of Frankfurt"
    assert _texts(_gloss(Entry(lemma="Pariser", pos="ADJ"))) == ["Parisian"]
    california = _gloss(_entry("kalifornisch", "ADJ", _ud_sentence("der kalifornischen ICN"), "kalifornischen"))
    assert _texts(california)[0] == "of California"
    assert _texts(_gloss(Entry(lemma="Göttinger", pos="ADJ")))[0] == "of Göttingen"   # Ding lacks it: German
    # "South American" where the region is a place of its own (Südamerika), else "northern Bavarian"
    north = _gloss(_entry("nordbayerisch", "ADJ", _ud_sentence("des nordbayerischen Unternehmens"), "nordbayerischen"))
    assert _texts(north) == ["northern Bavarian"]
    south = _gloss(_entry("südamerikanisch", "ADJ", _ud_sentence("südamerikanischer Emigranten"), "südamerikanischer"))
    assert _texts(south) == ["South American"]


def test_an_adjectival_noun_is_found_in_dings_strong_form_or_made_from_its_adjective() -> None:
    # a noun in -e whose -r form Ding lists is not that word unless Ding declines it so
    assert "refugee situation" in _texts(_gloss(Entry(lemma="Flüchtlingslage", pos="NOUN")))
    official = _gloss(_entry("Beamte", "NOUN", _ud_sentence("venezolanischen Beamten"), "Beamten"))
    assert official.glosses and not official.glosses[0].uncertain and official.glosses[0].via == "Beamter"
    assert any("civil servant" in text for text in _texts(official)) and official.adjectival_noun
    assert official.notes == ["adjectival noun: der Beamte, ein Beamter"]
    interested = _gloss(_entry("Interessierte", "NOUN", _ud_sentence("alle NLP Interessierten"), "Interessierten"))
    assert _texts(interested) == ["interested person"] and interested.glosses[0].uncertain
    assert interested.gender == ["m", "f"] and interested.adjectival_noun
    # a colour written without an adjective's ending is not "a sky-blue person"
    colour = _gloss(_entry("Himmelblaue", "NOUN", _ud_sentence("auf Gold und Himmelblau"), "Himmelblau"))
    assert not any("person" in text for text in _texts(colour))


def test_a_verb_as_a_noun_and_a_diminutive_are_glossed_through_their_words() -> None:
    crackdown = _gloss(_entry("Durchgreifen", "NOUN", _ud_sentence("ein härteres Durchgreifen"), "Durchgreifen"))
    assert _texts(crackdown)[0].startswith("taking ") and crackdown.glosses[0].via == "durchgreifen"
    assert crackdown.gender == ["n"] and crackdown.genitive == "des Durchgreifens"
    creatures = _gloss(_entry("Tierchen", "NOUN", _ud_sentence("die lästigen Tierchen"), "Tierchen"))
    assert _texts(creatures) == ["little animal"] and creatures.gender == ["n"] and creatures.plural == "Tierchen"
    assert _texts(_gloss(Entry(lemma="Tischlein", pos="NOUN"))) == ["little table"]   # not Tisch + Lein (flax)


def test_an_adjective_of_a_noun_and_a_german_suffixoid_is_glossed_and_marked() -> None:
    peaceful = _gloss(_entry("gewaltfrei", "ADJ", _ud_sentence("ein gewaltfreies, demokratisches"), "gewaltfreies"))
    assert _texts(peaceful) == ["violence-free"] and peaceful.glosses[0].via == "Gewalt + -frei"
    data = _gloss(Entry(lemma="datenbasiert", pos="ADJ"))     # Ding's Daten (data) as written, not Date + n
    assert _texts(data) == ["data-based"]
    assert "glosses" in peaceful.uncertain


def test_compounds_with_a_bound_first_part_a_plural_first_part_or_a_short_head() -> None:
    quota = _gloss(_entry("Mindestquote", "NOUN", _ud_sentence("einer Mindestquote"), "Mindestquote"))
    assert "minimum quota" in _texts(quota)
    size = _gloss(_entry("Firmengröße", "NOUN", _ud_sentence("an die Firmengröße"), "Firmengröße"))
    assert _texts(size)[0] == "company size" and size.glosses[0].via == "Firma + Größe" and size.gender == ["f"]
    deed = _gloss(_entry("Bluttat", "NOUN", _ud_sentence("für Bluttaten"), "Bluttaten"))
    assert deed.glosses and deed.glosses[0].via == "Blut + Tat" and deed.plural == "Bluttaten"
    # a bound first part means what it means in compounds, unless a longer first part is a word
    artist = _gloss(Entry(lemma="Spitzenkünstler", pos="NOUN"))
    assert _texts(artist)[0] == "top artist"
    # a first part whose English before a noun is an adjective: not "finances relationship"
    assert _texts(_gloss(Entry(lemma="Finanzbeziehung", pos="NOUN")))[0] == "financial relationship"
    circle = _gloss(Entry(lemma="Regierungskreis", pos="NOUN"))     # Ding's "government /Gov.": no abbreviation
    assert circle.glosses and not any("/" in text for text in _texts(circle))
    retail = _gloss(Entry(lemma="Einzelhandelskonzern", pos="NOUN"))
    assert retail.glosses[0].via == "Einzelhandel + Konzern"
    # a first part that is a word as written before one that needs a letter back: not Schmiere + Geldzahlung
    sentence = _ud_sentence("mit Schmiergeldzahlungen")
    bribes = _gloss(_entry("Schmiergeldzahlung", "NOUN", sentence, "Schmiergeldzahlungen"))
    assert bribes.glosses[0].via == "Schmiergeld + Zahlung"


def test_a_compound_splits_where_a_known_compound_ends_in_its_joints_s() -> None:
    # Menschenrecht|s|Lage, not Menschen|Rechtslage ("people legal situation")
    situation = _gloss(Entry(lemma="Menschenrechtslage", pos="NOUN"))
    assert situation.glosses[0].via == "Menschenrecht + Lage" and "human right" in _texts(situation)[0]
    assert situation.gender == ["f"]
    # Landwirtschaft|s|Ministerium, not Land|Wirtschaftsministerium ("country ministry of economics")
    ministry = _gloss(Entry(lemma="Landwirtschaftsministerium", pos="NOUN"))
    assert ministry.glosses[0].via == "Landwirtschaft + Ministerium" and "country" not in _texts(ministry)[0]
    # no linking element, but a first part Ding lists whole: Wehrdienst|zeit, not Wehr (weir) + Dienstzeit
    service = _gloss(Entry(lemma="Wehrdienstzeit", pos="NOUN"))
    assert service.glosses[0].via == "Wehrdienst + Zeit"
    # a bare adjective's stem is the adjective, not the adjectival noun Ding lists ("Junge": young one)
    politician = _gloss(Entry(lemma="Jungpolitiker", pos="NOUN"))
    assert politician.glosses[0].via == "jung + Politiker" and _texts(politician)[0] == "young politician"


def test_a_hyphenated_compounds_first_part_means_what_it_means_in_compounds() -> None:
    # Landes- is "state" in Ding's compounds (Landesregierung), the part before the hyphen goes first
    councillor = _gloss(Entry(lemma="Grün-Landesrat", pos="NOUN"))
    assert _texts(councillor)[0].startswith("green state ") and "country" not in _texts(councillor)[0]
    # a first part before the hyphen that is no word but a compound of words is glossed, not left in German
    deputy = _gloss(Entry(lemma="Landesschulrats-Vizepräsident", pos="NOUN"))
    assert deputy.glosses and not any("Landesschulrat" in text for text in _texts(deputy))
    assert all(text.endswith("president") for text in _texts(deputy))
    # a title before a name is a person: Ding's person compounds of Rat (Stadtrat (Person)) say councillor
    title = _gloss(_entry("Landesrat", "NOUN", "Auch Landesrat Mayr hat seine Partei verlassen.", "Landesrat"))
    assert _texts(title)[0] == "state councillor"
    body = _gloss(_entry("Landesrat", "NOUN", "Der Landesrat tagte am Montag.", "Landesrat", article="Der"))
    assert _texts(body)[0] == "state council"
    # a woman in -in is a person too: the person sense of the word, or of its head
    assert _texts(_gloss(Entry(lemma="Landesrätin", pos="NOUN")))[0] == "state councillor"
    assert _texts(_gloss(Entry(lemma="Gemeinderätin", pos="NOUN")))[0] == "member of the local council"
    # a word Ding lists both ways takes its person line before a name ("Gemeinderat (Person)")
    member = _gloss(_entry("Gemeinderat", "NOUN", "Gemeinderat Huber stimmte dagegen.", "Gemeinderat"))
    body = _gloss(_entry("Gemeinderat", "NOUN", "Alle im Gemeinderat vertretenen Fraktionen stimmten zu.",
                         "Gemeinderat", article="im"))
    assert "councillor" in " ".join(_texts(member)[:2]) and _texts(body)[0] == "local council"
    # names and phrases before a hyphen stay as written
    assert _texts(_gloss(Entry(lemma="ÖVP-Landesrat", pos="NOUN")))[0].startswith("ÖVP state ")


def test_a_womans_word_in_a_line_shared_with_the_mans_is_glossed_by_the_womans_english() -> None:
    # Ding: "Sprecher; Sprecherin (einer Gruppe/Institution) :: spokesman; spokeswoman; spokesperson"
    sentence = "Eine Sprecherin des Ministeriums bestätigte den Bericht."
    speaker = _gloss(_entry("Sprecherin", "NOUN", sentence, "Sprecherin", article="Eine"))
    assert _texts(speaker)[0] == "spokeswoman" and "spokesman" not in _texts(speaker)[:2]
    # the man's word keeps the man's English
    assert _texts(_gloss(_entry("Sprecher", "NOUN", "Ein Sprecher des Ministeriums bestätigte den Bericht.",
                                "Sprecher", article="Ein")))[0] == "spokesman"


def test_a_woman_named_by_a_masculine_noun_and_in_is_glossed_through_it() -> None:
    # not Innen|ministerin, whose first part alone is the river Inn
    minister = _gloss(Entry(lemma="Innenministerin", pos="NOUN"))
    assert _texts(minister)[0] == "minister of the interior" and minister.glosses[0].via == "Innenminister + -in"
    assert minister.gender == ["f"] and minister.plural == "Innenministerinnen"
    assert minister.genitive == "der Innenministerin" and "glosses" in minister.uncertain
    # a masculine noun Ding lacks is a compound
    family = _gloss(Entry(lemma="Bundesfamilienministerin", pos="NOUN"))
    assert _texts(family)[0] == "federal family minister" and family.gender == ["f"]


def test_a_compounds_first_part_means_what_dings_compounds_with_it_say() -> None:
    # Land's own first gloss is "country"; Landesregierung, Landesgrenze, ... say "state"
    audit = _gloss(Entry(lemma="Landes-Rechnungshof", pos="NOUN"))
    assert _texts(audit)[0] == "state Court of Audit"
    # "sb.'s age" is no first part: "age limit"
    assert _texts(_gloss(Entry(lemma="Alterslimit", pos="NOUN")))[0] == "age limit"
    # Hilfs- is "auxiliary" in more compounds, but "aid" is its own gloss and used in many
    assert _texts(_gloss(Entry(lemma="Hilfsbitte", pos="NOUN")))[0] == "aid request"


def test_a_noun_written_as_a_common_english_word_with_only_odd_glosses_has_that_word_first() -> None:
    limit = _gloss(Entry(lemma="Limit", pos="NOUN"))      # Ding: "bourn; bourne [obs.]"
    assert (limit.glosses[0].text, limit.glosses[0].via, limit.glosses[0].uncertain) == ("limit", "English", True)
    # a false friend with a common gloss keeps it
    assert _texts(_gloss(Entry(lemma="Gift", pos="NOUN")))[0] == "poison"


def test_a_word_in_the_spelling_before_1996_is_glossed_in_todays() -> None:
    process = _gloss(_entry("Prozeß", "NOUN", _ud_sentence("einen Demokratisierungsprozeß"), "Demokratisierungsprozeß"))
    assert process.glosses and "spelled Prozess since 1996" in process.notes
    assert process.lemma == "Prozeß" and process.gender == ["m"]


def test_a_verb_ding_lists_only_with_its_preposition_or_clause() -> None:
    result = _gloss(_entry("resultieren", "VERB", _ud_sentence("die daraus resultieren"), "resultieren"))
    assert _texts(result) == ["to result from"] and result.verb is not None
    assert result.verb.government == ["aus + Dat"] and not result.glosses[0].uncertain
    argue = _gloss(_entry("argumentieren", "VERB", _ud_sentence("argumentiert SPD-Experte"), "argumentiert"))
    assert _texts(argue)[0].startswith("to argue")


def test_a_particle_verb_ding_lacks_is_glossed_when_its_particle_is_an_english_adverb() -> None:
    sentence = _ud_sentence("an der Armee vorbeischleichen")
    sneak = _gloss(_entry("vorbeischleichen", "VERB", sentence, "vorbeischleichen"))
    assert _texts(sneak) == ["to sneak past"] and sneak.glosses[0].via == "vorbei + schleichen"
    assert sneak.verb is not None and sneak.verb.separable_prefix == "vorbei"
    look = _gloss(_entry("hinausschauen", "VERB", _ud_sentence("kaum hinausschauen kann"), "hinausschauen"))
    assert _texts(look) == ["to look out"]
    # a verb whose English takes more than one word gets no adverb stuck inside it
    assert not _gloss(Entry(lemma="runterwirtschaften", pos="VERB")).glosses


def test_the_seeds_coinage_and_a_verb_ding_lists_only_as_participle_with_sein() -> None:
    making = _gloss(_entry("Kasachifizierung", "NOUN", _seed_sentence("Kasachifizierung"), "Kasachifizierung"))
    assert _texts(making) == ["Kazakhification"] and making.glosses[0].uncertain
    assert (making.gender, making.plural) == (["f"], "Kasachifizierungen")   # every -ung noun
    intended = _gloss(_entry("zudenken", "VERB", _seed_sentence("ihr zugedacht hatte"), "zugedacht"))
    assert _texts(intended)[0] == "to be intended" and intended.glosses[0].via == "zugedacht sein"


def test_a_word_in_the_old_spelling_is_glossed_in_todays_only_when_that_is_a_word() -> None:
    failure = _gloss(Entry(lemma="Mißerfolg", pos="NOUN"))
    assert _texts(failure) and "spelled Misserfolg since 1996" in failure.notes
    # "Groß" was never "Gross": no respelling, and no English "gross" made of it
    big = _gloss(Entry(lemma="Groß", pos="NOUN"))
    assert "gross" not in _texts(big) and not any("since 1996" in note for note in big.notes)


def test_english_of_one_country_gives_way_to_english_of_all() -> None:
    deputy = _gloss(_entry("Abgeordnete", "NOUN", _ud_sentence("Die Mehrheit der Abgeordneten"), "Abgeordneten",
                           article="der"))
    assert deputy.glosses and not any("Dáil" in text for text in _texts(deputy))   # [Ir.]
    assert "lawmaker" in _texts(deputy)


def test_an_english_loanword_ding_lacks_is_glossed_as_english_and_marked() -> None:
    hotline = _gloss(_entry("Hotline", "NOUN", _ud_sentence("eine Hotline kostet"), "Hotline"))
    assert [(g.text, g.via, g.uncertain) for g in hotline.glosses] == [("hotline", "English", True)]


def test_words_no_rule_can_check_stay_unglossed() -> None:
    # a typo, a surname, a name English knows, a typo a short word ends ("Handykap": Handy + Kap),
    # English that does not exist ("Turkishization")
    lemmas = ["Kikker", "Gebauer", "Hamas", "Handykap", "Türkisierung", "schnurbelig"]
    result = gloss_entries([Entry(lemma=lemma, pos="ADJ" if lemma.islower() else "NOUN") for lemma in lemmas])
    assert [e.lemma for e in result.unglossed] == lemmas


def test_english_ing_forms() -> None:
    from lernkarten.glossing.derived import gerund

    assert [gerund(v) for v in ("take", "stop", "die", "visit", "see", "enter", "run")] == \
        ["taking", "stopping", "dying", "visiting", "seeing", "entering", "running"]


def test_an_agent_noun_ding_lacks_is_glossed_through_its_verb() -> None:
    protester = _gloss(_entry("Protestierer", "NOUN", _seed_sentence("zu den Protestierern"), "Protestierern"))
    assert [(g.text, g.via, g.uncertain) for g in protester.glosses] == [("protester", "protestieren", True)]
    demonstrator = _gloss(Entry(lemma="Demonstrierer", pos="NOUN"))
    assert demonstrator.glosses[0].text == "demonstrator"


def test_the_index_finds_a_words_compounds_by_a_fragment() -> None:
    from lernkarten.glossing.dictionary import open_dictionary

    dictionary = open_dictionary()
    slots = dictionary.slots_containing("vermittlung")
    german = {dictionary.line_text(line).partition(" :: ")[0].split(" | ")[slot] for line, slot in slots}
    assert any("Friedensvermittlung" in text for text in german)
    assert any(text.startswith("Vermittlungsausschuss") for text in german)


def test_an_adjective_before_another_adjective_is_glossed_as_an_adverb() -> None:
    densely = _gloss(_entry("dicht", "ADJ", _seed_sentence("im dicht besiedelten"), "dicht"))
    assert densely.glosses[0].text == "closely"
    assert any(note.startswith("dicht besiedelt") for note in densely.notes)
    # before a verb it stays an adjective
    plain = _gloss(_entry("augenfällig", "ADJ", _seed_sentence("Besonders augenfällig wurde"), "augenfällig"))
    assert not plain.glosses[0].text.endswith("ly")


def test_a_perfect_with_sein_the_verb_parts_do_not_show_is_marked_uncertain() -> None:
    # "ist ... eskaliert": ablaut says "hat eskaliert"; the text says otherwise, so the card says it is unsure
    escalated = _gloss(_entry("eskalieren", "VERB", _seed_sentence("Konflikt eskaliert"), "eskaliert"))
    assert escalated.verb is not None and "verb" in escalated.uncertain
    # a transitive verb's participle after sein is a state: "Sie war gegen Armenien gerichtet"
    aimed = _gloss(_entry("richten", "VERB", _seed_sentence("gegen Armenien gerichtet"), "gerichtet"))
    assert aimed.verb is not None and aimed.verb.auxiliary == "haben" and "verb" not in aimed.uncertain


# -- speed without another result -----------------------------------------------------------------

def _sentence_entries() -> list[Entry]:
    """Entries of a handful of real sentences: nouns, a compound, verbs with a particle and a
    phrase, adjectives, a participle and a word Ding lacks."""
    return [
        _entry("Bündnis", "NOUN", _seed_sentence("Bündnis"), "Bündnis"),
        _entry("Beistandsverpflichtung", "NOUN", _seed_sentence("Beistandsverpflichtung"), "Beistandsverpflichtung"),
        _entry("Ausschlag", "NOUN", _seed_sentence("den Ausschlag"), "Ausschlag", article="den"),
        _entry("ablehnen", "VERB", _seed_sentence("lehnte"), "lehnte", "ab"),
        _entry("ehemalig", "ADJ", _seed_sentence("ehemaligen Sowjetrepubliken"), "ehemaligen"),
        _entry("dicht", "ADJ", _seed_sentence("im dicht besiedelten"), "dicht"),
        _entry("Erhöhung", "NOUN", _seed_sentence("an der Erhöhung von"), "Erhöhung", article="der"),
        _entry("Kundgebung", "NOUN", _ud_sentence("an der Kundgebung teilnehmen"), "Kundgebung", article="der"),
        _entry("stecken", "VERB", _ud_sentence("im Halse stecken geblieben"), "stecken"),
        _entry("Unruhe", "NOUN", _ud_sentence("die Unruhen nicht eindämmen"), "Unruhen", article="die"),
        _entry("Protestierer", "NOUN", _seed_sentence("zu den Protestierern"), "Protestierern"),
        Entry(lemma="Haft", pos="NOUN"),
    ]


def _forget_everything_remembered() -> None:
    """Clear every memo of the glossing stage: the functions' caches and the dictionary's."""
    import functools
    import importlib
    import pkgutil

    import lernkarten.glossing as package
    from lernkarten.glossing.dictionary import Dictionary

    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()
    for value in vars(Dictionary).values():
        if isinstance(value, functools._lru_cache_wrapper):
            value.cache_clear()


def test_glossing_again_with_nothing_remembered_gives_the_same_cards() -> None:
    from lernkarten.glossing.dictionary import open_dictionary
    from lernkarten.glossing.english import EnglishWords

    entries = _sentence_entries()
    first = gloss_entries(entries)
    again = gloss_entries(entries)              # everything it read and counted is remembered now
    _forget_everything_remembered()
    fresh = gloss_entries(entries)              # nothing is
    _forget_everything_remembered()
    dictionary = open_dictionary()
    known = dictionary.english
    dictionary.english = EnglishWords()         # word frequencies from wordfreq, not the index
    try:
        from_wordfreq = gloss_entries(entries)
    finally:
        dictionary.english = known
        _forget_everything_remembered()
    cards = [[e.to_dict() for e in result.entries + result.unglossed] for result in (first, again, fresh, from_wordfreq)]
    assert len(cards[0]) == len(entries) and any(card["glosses"] for card in cards[0])
    assert cards[1] == cards[0] and cards[2] == cards[0] and cards[3] == cards[0]


def _support_by_search(dictionary: object, family: object) -> dict[str, int]:
    """A family's support as family.py defines it, by a search of every slot for the word's fragments."""
    from collections import Counter

    from lernkarten.glossing.family_index import FIELD_LABEL, GERMAN_WORD, content_stems

    by_line: dict[int, set[str]] = {}
    for fragment in dict.fromkeys(family.stems + (family.lemma,)):  # type: ignore[attr-defined]
        for line, slot in dictionary.slots_containing(fragment):  # type: ignore[attr-defined]
            german_part, _, english_part = dictionary.line_text(line).partition(" :: ")  # type: ignore[attr-defined]
            german, english = german_part.split(" | "), english_part.split(" | ")
            if slot >= len(english) or FIELD_LABEL.search(german[0]) or FIELD_LABEL.search(german[slot]):
                continue
            if any(family.has(word) for word in GERMAN_WORD.findall(german[slot])):  # type: ignore[attr-defined]
                by_line.setdefault(line, set()).update(content_stems(english[slot]))
    counts: Counter[str] = Counter()
    for words in by_line.values():
        counts.update(words)
    return dict(counts)


def test_a_words_family_read_from_the_word_tables_is_the_one_a_search_of_every_slot_finds() -> None:
    import re

    from lernkarten.glossing.dictionary import open_dictionary
    from lernkarten.glossing.family import _support, family_of

    dictionary = open_dictionary()
    text = " ".join([_seed_sentence("Beistandsverpflichtung"), _seed_sentence("ehemaligen Sowjetrepubliken"),
                     _ud_sentence("an der Kundgebung teilnehmen"), _ud_sentence("die Unruhen nicht eindämmen")])
    words = set(re.findall(r"[^\W\d_]+", text))
    # "Haft", "Teil", "unter", "stellen": fragments so common that a search reads only its first slots
    words |= {"Haft", "Teil", "unter", "stellen", "Vermittlung", "vermitteln", "dicht"}
    compared = 0
    for word in sorted(words):
        for pos in ("NOUN", "VERB", "ADJ"):
            family = family_of(word, pos)
            if family is None:
                continue
            assert dict(_support.__wrapped__(dictionary, family)) == _support_by_search(dictionary, family), word
            compared += 1
    assert compared > 50


def test_a_phrase_word_is_found_where_the_sentence_has_a_form_of_it() -> None:
    from lernkarten.glossing.phrase_match import Sentence, _same_word

    for example_text in (_seed_sentence("den Ausschlag"), _ud_sentence("im Halse stecken geblieben")):
        sentence = Sentence.of(Example(text=example_text, spans=[(0, 1)]))
        wanted = set(sentence.words) | {"geben", "kampf", "hals", "stecken", "ausschlag", "bleiben", "land"}
        for word in sorted(wanted):
            for is_verb in (False, True):
                expected = {at for at, seen in enumerate(sentence.words) if _same_word(word, seen, is_verb, sentence)}
                assert sentence.forms_at(word, is_verb) == expected, (word, is_verb)


def test_glossing_leaves_the_cycle_collector_as_it_found_it() -> None:
    import gc

    entries = _sentence_entries()[:2]
    assert gc.isenabled()
    gloss_entries(entries)
    assert gc.isenabled()
    gc.disable()
    try:
        gloss_entries(entries)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_first_gloss_in_rare_english_asks_to_check_but_a_nationality_or_a_common_gloss_does_not() -> None:
    # "vicarious agent" is the legal term; a text's Erfüllungsgehilfe is mostly a henchman
    agent = _gloss(Entry(lemma="Erfüllungsgehilfe", pos="NOUN"))
    assert _texts(agent)[0] == "vicarious agent" and "glosses" in agent.uncertain
    kyrgyz = _gloss(_entry("kirgisisch", "ADJ", _seed_sentence("kirgisische"), "kirgisische"))
    assert _texts(kyrgyz)[0] == "Kyrgyz" and "glosses" not in kyrgyz.uncertain
    alliance = _gloss(_entry("Bündnis", "NOUN", _seed_sentence("Denn Russland ist zwar"), "Bündnis"))
    assert "glosses" not in alliance.uncertain
