"""What the analysis makes of real German: the units a learner learns, from the seed article and
from sentences written for each rule."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SEED, SHARED, treebank_sentences

from lernkarten.errors import LernkartenError

GSD = SHARED / "data" / "ud-german-gsd"
_SESSION_CACHE = Path(os.environ.get("LERNKARTEN_TEST_CACHE", "/tmp/lernkarten-test-cache"))


@pytest.fixture(scope="module")
def nlp():
    # the pipeline and its tables live for the whole module: set the test cache before they are built
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LERNKARTEN_CACHE_DIR", str(_SESSION_CACHE))
        from lernkarten.analysis import load_nlp

        pipeline = load_nlp()
        pipeline("Ein erster Satz baut die Tabellen.")
        yield pipeline


@pytest.fixture(scope="module")
def seed(nlp):
    return nlp(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_units(seed):
    from lernkarten.analysis import occurrences

    return occurrences(seed)


def learned(doc) -> dict[str, str]:
    """Each word as written -> what a learner learns from it (its first occurrence)."""
    words: dict[str, str] = {}
    for token in doc:
        words.setdefault(token.text, token._.entry_lemma or token.lemma_)
    return words


def expressions(doc) -> list[str]:
    return [expression.lemma for expression in doc._.expressions]


def units_by_form(units) -> dict[str, object]:
    return {unit.form: unit for unit in units}


# --- the pipeline ------------------------------------------------------------------------------

def test_the_pipeline_is_built_once_and_shared(nlp) -> None:
    from lernkarten.analysis import load_nlp

    assert load_nlp() is nlp
    assert load_nlp("hanta") is nlp


def test_a_model_that_is_not_installed_is_refused_in_one_clear_line() -> None:
    from lernkarten.analysis import load_nlp

    with pytest.raises(LernkartenError) as caught:
        load_nlp("de_core_news_xl_not_here")
    message = str(caught.value)
    assert "spaCy model 'de_core_news_xl_not_here' is not installed" in message
    assert "\n" not in message


def test_another_installed_spacy_pipeline_takes_the_taggers_place(tmp_path, nlp) -> None:
    import spacy

    from lernkarten.analysis import load_nlp
    from lernkarten.analysis.spacy_pipeline import LEARNER_COMPONENTS

    spacy.blank("de").to_disk(tmp_path / "pipeline")
    other = load_nlp(str(tmp_path / "pipeline"))
    assert other is not nlp
    assert "lernkarten_hanta" not in other.pipe_names
    assert other.pipe_names[-len(LEARNER_COMPONENTS):] == list(LEARNER_COMPONENTS)
    doc = other("Die Regierung lehnte den Vorschlag ab.")
    assert doc._.expressions == []


def test_tags_are_standard_stts_and_universal_pos(nlp) -> None:
    doc = nlp("Die russische Führung hatte freilich noch ganz anders gesprochen.")
    tags = {token.text: (token.tag_, token.pos_) for token in doc}
    assert tags["russische"] == ("ADJA", "ADJ")
    assert tags["hatte"] == ("VAFIN", "AUX")
    assert tags["gesprochen"] == ("VVPP", "VERB")
    assert tags["Führung"] == ("NN", "NOUN")
    assert not any("(" in token.tag_ for token in doc)
    assert "X" not in {token.pos_ for token in doc}


def test_typographic_quotes_and_dashes_are_punctuation_and_offsets_stay(nlp) -> None:
    text = "Er sprach von „Terroristen“ – und zwar nicht nur einmal."
    doc = nlp(text)
    assert doc.text == text
    for mark in ("„", "“", "–"):
        token = next(t for t in doc if t.text == mark)
        assert token.pos_ == "PUNCT"
        assert token.tag_ == "$("
        assert text[token.idx] == mark
    assert next(t for t in doc if t.text == "Terroristen").lemma_ == "Terrorist"


def test_a_headline_without_full_stop_is_its_own_sentence(seed) -> None:
    sentences = [s.text.strip() for s in seed.sents if s.text.strip()]
    assert sentences[0] == "Kasachstan bittet um militärische Hilfe"
    assert sentences[1].startswith("Kasachstans Präsident ruft")


def test_haben_without_a_participle_is_a_full_verb(nlp) -> None:
    doc = nlp("Kasachstan hatte gute Beziehungen zu China. Sie hat den Einsatz abgelehnt.")
    hatte = next(t for t in doc if t.text == "hatte")
    hat = next(t for t in doc if t.text == "hat")
    assert (hatte.pos_, hat.pos_) == ("VERB", "AUX")


# --- the word-caching tagger -------------------------------------------------------------------

def test_the_caching_tagger_tags_treebank_sentences_exactly_like_plain_hanta() -> None:
    from HanTa import HanoverTagger as ht

    from lernkarten.analysis.hanta_tagger import GERMAN_MODEL, MemoizingHanoverTagger

    sentences = treebank_sentences(GSD / "de_gsd-ud-test.conllu", 300)
    plain = ht.HanoverTagger(GERMAN_MODEL)
    cached = MemoizingHanoverTagger(GERMAN_MODEL)
    for sentence in sentences:
        assert cached.tag_sent(sentence) == plain.tag_sent(sentence), " ".join(sentence)
    # and again from its caches, with the richer analyses too
    for sentence in sentences[:100]:
        assert cached.tag_sent(sentence) == plain.tag_sent(sentence)
        assert cached.tag_sent(sentence, taglevel=3) == plain.tag_sent(sentence, taglevel=3)


def test_word_analyses_kept_on_disk_tag_exactly_like_plain_hanta(tmp_path) -> None:
    from HanTa import HanoverTagger as ht

    from lernkarten.analysis.hanta_tagger import GERMAN_MODEL, MemoizingHanoverTagger
    from lernkarten.analysis.word_analyses import WordAnalysisStore

    sentences = treebank_sentences(GSD / "de_gsd-ud-dev.conllu", 200)
    first = MemoizingHanoverTagger(GERMAN_MODEL)
    first.use_store(WordAnalysisStore(tmp_path / "words.sqlite"))
    for sentence in sentences:
        first.prefetch(sentence)
        first.tag_sent(sentence)
    first.flush()

    # a new process: nothing in memory, everything on disk; it must not analyse a word again
    second = MemoizingHanoverTagger(GERMAN_MODEL)
    second.use_store(WordAnalysisStore(tmp_path / "words.sqlite"))
    second.prefetch(word for sentence in sentences for word in sentence)
    second._analyze_forward = None  # a search would fail here: every result must come from the store
    plain = ht.HanoverTagger(GERMAN_MODEL)
    for sentence in sentences:
        assert second.tag_sent(sentence) == plain.tag_sent(sentence), " ".join(sentence)


def test_a_damaged_word_store_only_costs_time(tmp_path) -> None:
    from lernkarten.analysis.hanta_tagger import GERMAN_MODEL, MemoizingHanoverTagger
    from lernkarten.analysis.word_analyses import WordAnalysisStore

    damaged = tmp_path / "words.sqlite"
    damaged.write_bytes(b"this is no database" * 100)
    tagger = MemoizingHanoverTagger(GERMAN_MODEL)
    tagger.use_store(WordAnalysisStore(damaged))
    sentence = ["Die", "Regierung", "lehnte", "den", "Vorschlag", "ab", "."]
    tagger.prefetch(sentence)
    assert [lemma for _, lemma, _ in tagger.tag_sent(sentence)][:3] == ["der", "Regierung", "lehnen"]
    tagger.flush()
    assert damaged.read_bytes().startswith(b"this is no database")


# --- separable verbs ---------------------------------------------------------------------------

def test_separable_verb_is_learned_as_infinitive(seed, seed_units) -> None:
    verbs = {t.text: t._.entry_lemma for t in seed if t._.particle is not None}
    assert verbs["teilte"] == "mitteilen"
    assert verbs["hoben"] == "hervorheben"
    assert verbs["lehnte"] == "ablehnen"
    forms = units_by_form(seed_units)
    assert forms["teilte ... mit"].lemma == "mitteilen"
    assert forms["hoben ... hervor"].lemma == "hervorheben"
    assert forms["lehnte ... ab"].lemma == "ablehnen"


def test_the_treebank_lemma_stays_the_bare_verb_and_the_particle_its_own_token(seed) -> None:
    teilte = next(t for t in seed if t.text == "teilte")
    particle = seed[teilte._.particle]
    assert teilte.lemma_ == "teilen"
    assert (particle.text, particle.tag_, particle._.particle_verb) == ("mit", "PTKVZ", teilte.i)


def test_verbs_written_joined_keep_their_prefix(seed) -> None:
    words = learned(seed)
    assert words["abschlug"] == "abschlagen"
    assert words["ausrufen"] == "ausrufen"
    assert words["mitwirkt"] == "mitwirken"


def test_a_particle_has_no_card_of_its_own(seed, seed_units) -> None:
    particles = [t for t in seed if t._.particle_verb is not None]
    assert len(particles) >= 4
    single_words = {u.form for u in seed_units if len(u.spans) == 1}
    lemmas = {u.lemma for u in seed_units if len(u.spans) == 1}
    assert "hervor" not in single_words and "hervor" not in lemmas


@pytest.mark.parametrize(("sentence", "verb", "infinitive"), [
    ("Die Regierung lehnte den Vorschlag gestern ab.", "lehnte", "ablehnen"),
    ("Er ruft morgen seine Mutter an.", "ruft", "anrufen"),
    ("Der Minister lehnte, wie erwartet, den Plan der Opposition ab.", "lehnte", "ablehnen"),
    ("Nach dem Treffen teilte die Polizei mit, dass niemand verletzt wurde.", "teilte", "mitteilen"),
    ("Sie hat den Brief abgeschickt, aber er kam nie an.", "kam", "ankommen"),
])
def test_particle_finds_its_verb_across_the_middle_of_the_clause(nlp, sentence, verb, infinitive) -> None:
    doc = nlp(sentence)
    assert next(t for t in doc if t.text == verb)._.entry_lemma == infinitive


def test_a_preposition_with_its_noun_is_no_particle(nlp) -> None:
    doc = nlp("Er fährt mit dem Zug nach Berlin und bleibt dort bis zum Abend.")
    assert not any(token._.particle is not None for token in doc)
    assert learned(doc)["fährt"] == "fahren"


def test_nach_wie_vor_is_no_particle(seed) -> None:
    nach = next(t for t in seed if t.text == "nach" and t.nbor(1).text == "wie")
    assert nach._.particle_verb is None


@pytest.mark.parametrize(("sentence", "adverb"), [
    ("Der Sprecher der Stadt sagte dazu am Montag nichts.", "dazu"),
    ("Den schwierigen Trick hat sie inzwischen gut drauf.", "drauf"),
    ("Beim Konzert am Samstag war leider kein Techniker da.", "da"),
])
def test_a_pronominal_adverb_at_the_end_of_a_clause_is_no_particle(nlp, sentence, adverb) -> None:
    doc = nlp(sentence)
    assert next(t for t in doc if t.text == adverb)._.particle_verb is None
    assert not any(t._.particle is not None for t in doc)


def test_an_adjective_written_apart_by_the_dictionary_is_no_particle(nlp) -> None:
    # `sich bereit erklären` is two words in the dictionary: no verb "bereiterklären"
    doc = nlp("Die Gewerkschaft erklärte sich am Abend zu neuen Gesprächen bereit.")
    assert learned(doc)["erklärte"] == "erklären"
    assert "sich bereit erklären" in expressions(doc)


@pytest.mark.parametrize(("sentence", "participle", "expression"), [
    ("Das Gepäck ging auf dem langen Flug nach Lima verloren.", "verloren", "verloren gehen"),
    ("Die Rebellen nahmen in der Nacht drei Soldaten gefangen.", "gefangen", "gefangen nehmen"),
])
def test_a_participle_beside_its_verb_is_no_particle(nlp, sentence, participle, expression) -> None:
    doc = nlp(sentence)
    assert next(t for t in doc if t.text == participle)._.particle_verb is None
    assert expression in expressions(doc)


def test_a_word_before_the_clauses_last_verb_is_no_particle(nlp) -> None:
    # "hatte ... bezeichnet": the clause goes on to its participle, so `zurück` is an adverb
    doc = nlp('Der Minister hatte den Plan als "Schritt zurück" bezeichnet.')
    assert not any(t._.particle is not None for t in doc)


def test_of_two_particle_like_words_the_last_one_is_the_particle(nlp) -> None:
    doc = nlp('Die Stadt lädt alle Bürger zu "Musik und Tanz" ein.')
    verb = next(t for t in doc if t.text == "lädt")
    assert verb._.entry_lemma == "einladen"
    assert doc[verb._.particle].text == "ein"


@pytest.mark.parametrize(("sentence", "particle", "infinitive"), [
    ("Hinzu kommt, dass die Mieten in der Stadt weiter steigen.", "Hinzu", "hinzukommen"),
    ("Fest steht, dass die Schule im Herbst schließt.", "Fest", "feststehen"),
])
def test_a_particle_put_first_joins_the_verb_after_it(nlp, sentence, particle, infinitive) -> None:
    doc = nlp(sentence)
    assert next(t for t in doc if t.text == particle)._.entry_lemma == infinitive


@pytest.mark.parametrize(("sentence", "verb", "infinitive"), [
    ("Am Wochenende kochte sie das Rezept aus dem Urlaub nach.", "kochte", "nachkochen"),
    ("Der Torwart drückte den Ball mit der Faust weg.", "drückte", "wegdrücken"),
])
def test_a_particle_verb_the_dictionary_lacks_is_believed_when_in_use(nlp, sentence, verb, infinitive) -> None:
    assert learned(nlp(sentence))[verb] == infinitive


def test_an_adverb_written_apart_from_its_verb_stays_an_adverb(nlp) -> None:
    # "zusammen spielen" (play together) is not "zusammenspielen" (interact)
    doc = nlp("Die Kinder sollen am Nachmittag draußen zusammen spielen.")
    assert learned(doc)["spielen"] == "spielen"


def test_the_dictionary_lists_particle_verbs_but_not_adverbs_with_verbs() -> None:
    from lernkarten.lexicon.headwords import dictionary_verbs, one_word_verbs

    verbs = dictionary_verbs()
    assert {"mitteilen", "ablehnen", "bekanntgeben", "wiedersehen", "einfühlen"} <= verbs
    assert not {"bereiterklären", "zustandebringen", "draufhaben"} & verbs
    assert one_word_verbs("etw. amtlich bekannt geben/bekanntgeben") == ["bekanntgeben"]
    assert one_word_verbs("sich in jdn. einfühlen") == ["einfühlen"]
    assert one_word_verbs("etw. zustande bringen") == []
    assert one_word_verbs("zustandebringen [Ös.] [adm.]") == []


# --- reflexive verbs ---------------------------------------------------------------------------

def test_reflexive_verb_is_learned_with_sich(seed, seed_units) -> None:
    assert learned(seed)["beteiligt"] == "sich beteiligen"
    assert learned(seed)["befasste"] == "sich befassen"
    unit = units_by_form(seed_units)["beteiligt sich"]
    assert (unit.lemma, unit.pos) == ("sich beteiligen", "VERB")


def test_sich_with_a_further_object_is_not_taken_for_a_reflexive_verb(seed, nlp) -> None:
    # "sich heftige Kämpfe liefern": sich is a dative; there is no verb "sich liefern"
    assert learned(seed)["lieferten"] == "liefern"
    doc = nlp("Sie stellt sich die Frage, ob das reicht.")
    assert learned(doc)["stellt"] == "stellen"
    assert "sich die Frage stellen" in expressions(doc)


@pytest.mark.parametrize(("sentence", "verb", "lemma"), [
    ("Ich freue mich auf den Sommer.", "freue", "sich freuen"),
    ("Er hat sich sehr über das Geschenk gefreut.", "gefreut", "sich freuen"),
    ("Wir haben uns im November für ein neues Auto entschieden.", "entschieden", "sich entscheiden"),
    ("Die Firma setzt sich auf dem Markt durch.", "setzt", "sich durchsetzen"),
])
def test_reflexive_pronoun_agreeing_with_the_subject_makes_a_reflexive_verb(nlp, sentence, verb, lemma) -> None:
    assert learned(nlp(sentence))[verb] == lemma


def test_an_object_pronoun_is_not_a_reflexive(nlp) -> None:
    doc = nlp("Er sieht mich nicht, aber sie grüßt uns.")
    assert learned(doc)["sieht"] == "sehen"
    assert learned(doc)["grüßt"] == "grüßen"


# --- expressions -------------------------------------------------------------------------------

def test_expressions_of_the_seed_are_found_with_their_inflected_verb(seed, seed_units) -> None:
    found = expressions(seed)
    for expression in ("den Ausschlag geben", "im Klartext", "in der Lage sein", "nach wie vor", "vor allem",
                       "unter anderem", "im Dunkeln sein", "eine Rolle spielen", "die Runde machen",
                       "sowohl ... als auch"):
        assert expression in found, expression
    unit = next(u for u in seed_units if u.lemma == "den Ausschlag geben")
    assert unit.pos == "EXPR"
    assert unit.form == "den Ausschlag ... gab"
    assert [unit.sentence[a:b] for a, b in unit.spans] == ["den", "Ausschlag", "gab"]


def test_the_nouns_of_an_expression_keep_their_own_cards_and_its_verbs_are_learned_with_it(seed_units, nlp) -> None:
    from lernkarten.analysis import occurrences

    lemmas = {unit.lemma for unit in seed_units}
    assert {"den Ausschlag geben", "Ausschlag"} <= lemmas
    # "Ausschlag" is a word of its own in "den Ausschlag gab"; "gab" is only the phrase's
    gave = [u for u in seed_units if u.lemma == "geben" and "den Ausschlag" in u.sentence]
    assert gave == []
    units = occurrences(nlp("Er habe versucht, die Wache zu rammen, hieß es. Die Parteien wollen eine Koalition "
                            "bilden. Es handelt sich um einen Irrtum. Das hieß damals Ostmark."))
    found = [(u.lemma, u.pos) for u in units]
    assert ("es heißt", "EXPR") in found and ("eine Koalition bilden", "EXPR") in found
    assert ("Koalition", "NOUN") in found and ("bilden", "VERB") not in found
    assert not any(lemma in ("handeln", "sich handeln") for lemma, _pos in found)
    # the verb outside the expression is a word as ever: "hieß damals" is "was called"
    assert [u.sentence for u in units if u.lemma == "heißen"] == ["Das hieß damals Ostmark."]
    # an expression a learner knows early (je ... desto, B1) leaves its words their cards
    known_early = [(u.lemma, u.pos) for u in occurrences(nlp("Je mehr Text, desto präziser die Analyse."))]
    assert ("je ... desto", "EXPR") in known_early and ("desto", "ADV") in known_early


def test_a_particle_verb_is_no_form_of_its_base_verb_in_an_expression(nlp) -> None:
    from lernkarten.analysis import occurrences

    # "finden ... statt" is stattfinden: "Ende der kommenden Woche" is no "ein Ende finden"
    doc = nlp("Die Konferenzen finden Mitte beziehungsweise Ende der kommenden Woche statt.")
    assert "ein Ende finden" not in expressions(doc)
    assert "ein Ende finden" in expressions(nlp("Der lange Streit fand ein Ende."))
    # the expression takes the verb that is its own, and the particle verb beside it stays a word
    units = occurrences(nlp("Er nahm die Einladung an und nahm Stellung. Die Gewerkschaft stellt Forderungen auf."))
    lemmas = [(u.lemma, u.pos) for u in units]
    assert ("Stellung nehmen", "EXPR") in lemmas and ("annehmen", "VERB") in lemmas
    assert ("aufstellen", "VERB") in lemmas
    # a particle that is the expression's own word leaves the verb the expression's
    assert "bekannt geben" in expressions(nlp("Die Organisation gab 2014 das Ende des Kampfes bekannt."))
    assert "offen lassen" in expressions(nlp("Die Partei lässt die Frage vorerst offen."))


@pytest.mark.parametrize(("sentence", "expression"), [
    ("Das spielt für uns keine große Rolle.", "eine Rolle spielen"),
    ("Die Nachricht machte schnell die Runde.", "die Runde machen"),
    ("Die neuen Regeln kommen erst im Sommer zum Tragen.", "zum Tragen kommen"),
    ("Sie ist nicht in der Lage, das allein zu tun.", "in der Lage sein"),
    ("Die Ermittler tappen noch im Dunkeln.", "im Dunkeln tappen"),
    ("Die Partei stellte den Plan am Montag in Frage.", "in Frage stellen"),
    # the verb as the participle before its noun
    ("Die vom Minister erhobene Forderung stößt auf Kritik.", "eine Forderung erheben"),
    # the noun as the head of a compound
    ("Auf das Kulturzentrum wurde ein Bombenanschlag verübt.", "einen Anschlag verüben"),
    # the verb in the main clause, across a relative clause put in between
    ("Fleiß stellte er, der in Graz studierte, auch in Kanada unter Beweis.", "unter Beweis stellen"),
    # a verb in ge- whose participle the lemmatiser reads as another verb's
    ("Die Mandatare haben vorerst Treue gelobt.", "Treue geloben"),
    # an adjective with an umlaut the lemma has not
    ("Er forderte den Präsidenten zu einer härteren Gangart auf.", "eine härtere Gangart"),
    # a possessive for the indefinite article
    ("Die Kinder lernen, ihre Konflikte ohne Gewalt auszutragen.", "einen Konflikt austragen"),
    # news idioms: a particle verb with its pronominal adverb, an impersonal verb, a reflexive one
    ("Er gehe davon aus, dass das Land die Quote bald erfülle.", "davon ausgehen"),
    ("Es hakt noch an Details, etwa bei der Abgabe der Waffen.", "es hakt"),
    ("Die Ministerin macht sich für eine höhere Quote stark.", "sich stark machen"),
    ("Sie stellt sich im Herbst erneut zur Wahl.", "sich zur Wahl stellen"),
    ("Der Minister erklärte am Montag seinen Rücktritt.", "seinen Rücktritt erklären"),
    ("Die Partei ließ die Koalition platzen.", "platzen lassen"),
])
def test_an_expression_is_found_in_the_forms_german_builds_it(nlp, sentence, expression) -> None:
    assert expression in expressions(nlp(sentence))


def test_the_freedoms_of_an_expression_do_not_let_in_other_phrases(nlp) -> None:
    # a definite article that is part of the idiom is not replaced by a possessive
    assert "die Rede sein von" not in expressions(nlp("Seine Rede war von Pathos geprägt."))
    # a compound whose head is the noun, without the verb, is no expression
    assert "einen Anschlag verüben" not in expressions(nlp("Der Bombenanschlag wurde verurteilt."))
    # the verb is sought across a clause put in between only when the words have none of their own
    assert "unter Beweis stellen" not in expressions(nlp("Er stellte Fragen, die Frau stand unter Beweis."))


def test_an_expression_needs_all_its_words(nlp) -> None:
    found = expressions(nlp("Die Rolle des Präsidenten war klein, er machte eine Runde."))
    assert "eine Rolle spielen" not in found
    assert "die Runde machen" not in found


def test_the_expression_list_holds_hundreds_of_expressions() -> None:
    from lernkarten.analysis.expression_matcher import compile_pattern
    from lernkarten.lexicon.expressions import expression_lines

    lines = expression_lines()
    assert len(lines) >= 300
    assert all(compile_pattern(line) is not None for line in lines)


# --- names -------------------------------------------------------------------------------------

def test_proper_names_are_kept_apart_from_common_nouns(seed, seed_units) -> None:
    names = {unit.lemma for unit in seed_units if unit.is_name}
    assert {"Tokajew", "Almaty", "ODKB", "Russland", "Belarus", "Kasachstan", "Kassym-Jomart", "Nasarbajew"} <= names
    for unit in seed_units:
        if unit.lemma in ("Russland", "Belarus", "Kasachstan", "Almaty", "Tokajew"):
            assert unit.pos == "PROPN", unit
    common = {unit.lemma for unit in seed_units if unit.pos == "NOUN"}
    assert not common & names
    assert {"Präsident", "Bündnis", "Papiertiger", "Hilfsbitte"} <= common


def test_adjectives_made_from_names_stay_adjectives(seed) -> None:
    adjectives = {t.lemma_ for t in seed if t.pos_ == "ADJ"}
    assert {"kasachisch", "russisch", "armenisch"} <= adjectives


def test_names_nobody_knows_as_words_are_names_in_new_text(nlp) -> None:
    doc = nlp("Die Kanzlerin reiste nach Usbekistan und traf Schawkat Mirsijojew in Taschkent.")
    names = names_of(doc)
    assert {"Usbekistan", "Schawkat", "Mirsijojew", "Taschkent"} <= names
    assert not next(t for t in doc if t.text == "Kanzlerin")._.is_name


def test_a_common_noun_tagged_as_name_is_a_noun_again(nlp) -> None:
    doc = nlp("Das Essen schmeckt gut, und der Prozeß dauert lange.")
    assert next(t for t in doc if t.text == "Essen").pos_ == "NOUN"
    assert next(t for t in doc if t.text == "Prozeß").pos_ == "NOUN"


# --- lemmas ------------------------------------------------------------------------------------

def test_a_first_name_that_is_also_a_word_stays_a_name_before_a_surname(nlp) -> None:
    for sentence, first_name in (("Der Trainer Mate Kovačević lobte seine Mannschaft.", "Mate"),
                                 ("Die Richterin Ellen Brandhuber verkündete am Freitag das Urteil.", "Ellen")):
        assert {t.text: t.pos_ for t in nlp(sentence)}[first_name] == "PROPN"


def test_a_word_after_the_particle_of_a_foreign_surname_is_a_name(nlp) -> None:
    doc = nlp("Präsident Alexander Van der Bellen traf Thomas de Maizière und Luigi di Maio in Wien.")
    words = {t.text: (t.pos_, t._.is_name) for t in doc}
    for name in ("Van", "Bellen", "Maizière", "Maio"):
        assert words[name] == ("PROPN", True), name
    assert not words["der"][1]
    # "von der" is German: the noun after it stays one
    noun = next(t for t in nlp("Der Sprecher von der Polizei bestätigte den Einsatz.") if t.text == "Polizei")
    assert (noun.pos_, noun._.is_name) == ("NOUN", False)


def test_the_word_after_a_first_name_is_a_surname_throughout_the_text(nlp) -> None:
    doc = nlp("Die frühere Richterin Irmgard Griss liegt vorn. Dazu passt das Griss Wahlprogramm. "
              "Peter Pilz sammelte im Wald Pilze, auch Ernst Mut hatte er.")
    tagged = [(t.text, t.pos_, t._.is_name) for t in doc]
    assert ("Griss", "PROPN", True) in tagged and ("Griss", "NOUN", False) not in tagged  # das Griss: a noun too
    assert ("Pilz", "PROPN", True) in tagged
    assert ("Pilze", "NOUN", False) in tagged  # the common noun elsewhere stays one
    assert ("Mut", "NOUN", False) in tagged  # Ernst is a common noun as well: no first name to go by


def test_the_words_of_a_credit_line_are_names_throughout_the_text(nlp) -> None:
    doc = nlp("Reuters zufolge schloss die Regierung die Grenze. Die Lage bleibt angespannt. (Reuters, 25.5.2016) "
              "Ein zweiter Text folgt. (APA, red, 25.7.2015) Ein dritter. "
              "(Birgit Baumann aus Garmisch-Partenkirchen, 6.6.2015)")
    assert {"Reuters", "red", "Birgit", "Baumann", "Garmisch-Partenkirchen"} <= names_of(doc)
    assert [t.pos_ for t in doc if t.text == "Reuters"] == ["PROPN", "PROPN"]  # not Reuter, a hay rack
    assert {"Regierung", "Grenze", "Lage"}.isdisjoint(names_of(doc))


def test_a_bracketed_aside_without_a_date_or_with_a_phrase_or_a_label_is_no_credit_line(nlp) -> None:
    doc = nlp("Die Grenze (Sicherheit, Ordnung) bleibt zu. Der Plan (seit dem 25.5.2016) gilt. "
              "Die Regierung (die Koalition, 5.5.2016) tagte. (Pressemitteilung, 25.5.2016) Die Pressemitteilung "
              "kam spät. (Bericht aus Berlin, 3.4.2016) Der Bericht ist lang.")
    assert {"Sicherheit", "Ordnung", "Koalition", "Pressemitteilung", "Bericht"}.isdisjoint(names_of(doc))


def test_a_news_site_named_with_online_is_a_name_and_a_noun_read_online_is_not(nlp) -> None:
    doc = nlp("Nach einem Bericht von Spiegel online gab es mehr Angriffe. "
              "Das sagte Münch dazu Spiegel online. Laut Zeit Online ist die Lage ernst. "
              "Das geht aus einem Bericht von Focus online hervor. Man kann die Zeitung online lesen. "
              "In der Woche waren 500 Personen online. Wir erreichen Menschen online, sagte sie. "
              "Die Petition ist seit Montag online. Die Plattform geht Ende Mai online. "
              "Die Schüler haben Unterricht online. Laut Polizei online ist alles ruhig.")
    assert {"Spiegel", "Zeit", "Focus"} <= names_of(doc)
    assert [t.pos_ for t in doc if t.text == "Spiegel"] == ["PROPN", "PROPN"]  # the first too: not a mirror
    assert {"Zeitung", "Personen", "Menschen", "Lage", "Montag", "Mai", "Unterricht", "Polizei"}.isdisjoint(names_of(doc))


def test_the_words_of_an_english_name_joined_by_and_or_of_are_names_and_german_nouns_beside_it_are_not(nlp) -> None:
    doc = nlp("Die Türkei hatte sich für ein Angebot der China Precision Machinery Import and Export "
              "Corporation ausgesprochen. Die Firma Bank of America meldete Verluste. "
              "Das Council on Foreign Relations veröffentlichte eine Studie. "
              "Der Export und der Import von Waffen sind verboten. Das Land führt Waren nach China aus.")
    assert {"Precision", "Machinery", "Import", "Export", "Corporation", "Bank", "America", "Council",
            "Foreign", "Relations"} <= names_of(doc)
    # "China" after the name's article "der" is the name's first word, not a noun of German
    assert [t.pos_ for t in doc if t.text == "China"] == ["PROPN", "PROPN"]
    # the word before the name, German nouns with "und", and the article that starts a sentence stay
    assert {"Firma", "Angebot", "Das", "Waffen", "Waren"}.isdisjoint(names_of(doc))
    assert [t.pos_ for t in doc if t.text in ("Export", "Import")][2:] == ["NOUN", "NOUN"]
    # German writes "&" too; a German noun before an English name (also a surname: Sommer) is no
    # part of it; a compound of a name with a hyphen is a German noun
    german = nlp("Die Abteilung Forschung & Entwicklung wächst. Jeden Sommer Rock and Roll im Park. "
                 "Der Bank of America-Chef trat zurück. Die Prüfer von Ernst & Young bestätigten das.")
    assert {"Forschung", "Entwicklung", "Sommer", "America-Chef"}.isdisjoint(names_of(german))
    assert {"Rock", "Roll", "Young"} <= names_of(german)


def test_an_abbreviated_title_is_no_name(nlp) -> None:
    doc = nlp("Morgen gehe ich zu Dr. Brandhuber in die Praxis.")
    words = {t.text: t.pos_ for t in doc}
    assert (words["Dr."], words["Brandhuber"]) == ("NOUN", "PROPN")


def test_an_unknown_word_after_an_article_is_a_common_noun(nlp) -> None:
    doc = nlp("Der Betreiber der Rheinfähre hat die Preise erhöht.")
    faehre = next(t for t in doc if t.text == "Rheinfähre")
    assert (faehre.pos_, faehre.lemma_, faehre._.is_name) == ("NOUN", "Rheinfähre", False)
    # after an adjective alone a place's name stays a name
    place = next(t for t in nlp("Das Wasser im dicht besiedelten Ferganatal wird knapp.") if t.text == "Ferganatal")
    assert place._.is_name


def test_a_short_name_in_brackets_names_the_words_before_it_throughout(nlp) -> None:
    doc = nlp("Unterstützt wird es vom Betreiber Kinder in Wien (Kiwi), sagt Kiwi-Chefin Monika Riha. "
              "Bei Kiwi sieht man das so. Er isst eine Kiwi (Frucht).")
    assert [t._.is_name for t in doc if t.text == "Kiwi"] == [True, True, True]
    # a word in brackets that is not spelt from the words before it stays what it is
    assert not next(t for t in doc if t.text == "Frucht")._.is_name


def test_a_plain_word_after_a_name_nobody_knows_is_a_surname(nlp) -> None:
    doc = nlp("Das bescheinigte Harold Bornstein vom Spital. Laut Bornstein ist er gesund.")
    assert [t._.is_name for t in doc if t.text == "Bornstein"] == [True, True]
    # a genitive is no first name: what follows is the thing it owns
    doc = nlp("Clintons Wahlkampfteam stand in ihrem Haus.")
    assert not next(t for t in doc if t.text == "Wahlkampfteam")._.is_name


def test_a_noun_made_the_subject_twice_without_an_article_is_a_name(nlp) -> None:
    doc = nlp("Ein Vertreter sagte, Xi wolle am Freitag kommen. Xi sagte dazu nichts. "
              "Regierung tritt zurück. Die Regierung sagte nichts.")
    assert [t._.is_name for t in doc if t.text == "Xi"] == [True, True]
    # once without its article (a headline's way) is not enough
    assert not any(t._.is_name for t in doc if t.text == "Regierung")


def names_of(doc) -> set[str]:
    """The words of `doc` the name finder marks."""
    return {t.text for t in doc if t._.is_name}


def test_parties_named_by_their_colour_are_names(nlp) -> None:
    doc = nlp("Die Roten brauchen die Stimmen der Blauen. Eine rot-blaue Koalition und Schwarz-Rot-Grün "
              "sind möglich. Der Schiedsrichter zeigte die rote Karte.")
    names = names_of(doc)
    assert {"Roten", "Blauen", "rot-blaue", "Schwarz-Rot-Grün"} <= names
    assert "rote" not in names


def test_a_capitalised_adjective_inside_a_sentence_begins_a_name(nlp) -> None:
    doc = nlp("Sie bestritt, in die Mordpläne des Nationalsozialistischen Untergrunds (NSU) eingeweiht zu sein, "
              "sagte er im Gespräch mit den Oberösterreichischen Nachrichten. Die Arbeiterpartei Kurdistans (PKK) "
              "bekannte sich dazu. Die Wiener Polizei ermittelt seit dem Zweiten Weltkrieg in Wiener Neustadt.")
    names = names_of(doc)
    assert {"Nationalsozialistischen", "Untergrunds", "Oberösterreichischen", "Nachrichten", "Arbeiterpartei",
            "Neustadt"} <= names
    # a place's adjective in -er is written with a capital everywhere, and an ordinal names an event
    assert not names & {"Polizei", "Weltkrieg"}
    doc = nlp("Im November traf Xi seinen US-amerikanischen Amtskollegen Barack Obama.")
    assert not any(t._.is_name for t in doc if t.text in ("US-amerikanischen", "Amtskollegen"))


def test_a_fixed_phrase_with_a_capitalised_adjective_is_no_name(nlp) -> None:
    # a plain adjective with a capital makes a fixed phrase of words, not a body's name
    doc = nlp("Im Kalten Krieg war das anders. Wir feiern den Heiligen Abend, und am Schwarzen Brett "
              "hängt ein Zettel. Das Ende des Kriegs kam 1989.")
    assert not names_of(doc) & {"Kalten", "Krieg", "Kriegs", "Heiligen", "Abend", "Schwarzen", "Brett"}


def test_a_compound_of_a_place_without_article_is_a_place(nlp) -> None:
    doc = nlp("Der Landtag beschloss die Auflösung von Wien-Umgebung. Im Syrien-Konflikt starben viele, "
              "der Syrien-Konflikt dauert an.")
    assert [t._.is_name for t in doc if t.text == "Wien-Umgebung"] == [True]
    assert not any(t._.is_name for t in doc if t.text == "Syrien-Konflikt")


def test_the_genitive_of_a_name_in_the_text_is_that_name(nlp) -> None:
    doc = nlp("Im Dezember zieht Tarik Mete in den Landtag ein. Der Beschluss habe Metes Karriere betroffen.")
    assert [t._.is_name for t in doc if t.text.startswith("Mete")] == [True, True]
    # a word that only spells a name's genitive is no genitive: an adverb, a sentence's first word
    doc = nlp("Herr Link sagte das. Links neben dem Haus steht ein Baum.")
    assert [t._.is_name for t in doc if t.text.startswith("Link")] == [True, False]


def test_the_words_for_a_partys_members_are_names(nlp) -> None:
    doc = nlp("Die Demokratin Hillary Clinton liegt vor den Republikanern, der republikanische Kandidat "
              "tobt. In Wien kritisierten die Freiheitlichen die Regierung, die Sozialdemokraten und die "
              "Volkspartei schwiegen.")
    names = names_of(doc)
    assert {"Demokratin", "Republikanern", "republikanische", "Freiheitlichen", "Sozialdemokraten",
            "Volkspartei"} <= names
    # without the Republicans a democrat is anyone for democracy
    assert not any(t._.is_name for t in nlp("Auf jede Stimme kommt es an, das weiß der gelernte Demokrat."))
    # a democrat by conviction, and a party's adjective where the text names no member of it
    doc = nlp("Der Republikaner sagte, er sei ein überzeugter Demokrat. Frankreich verteidigt "
              "republikanische Werte, und die freiheitliche Grundordnung gilt.")
    assert names_of(doc) & {"Demokrat", "republikanische", "freiheitliche"} == {"republikanische"}
    doc = nlp("Frankreich verteidigt republikanische Werte, und die freiheitliche Grundordnung gilt.")
    assert [t.text for t in doc if t._.is_name] == ["Frankreich"]


def test_a_building_named_with_its_article_is_a_name(nlp) -> None:
    doc = nlp("Die Wähler machten das Rennen um die Hofburg spannend. Die Kinder bauten eine Wasserburg.")
    assert [t._.is_name for t in doc if t.text.endswith("burg")] == [True, False]


def test_abbreviations_are_kept_as_written(seed, nlp) -> None:
    assert {t.lemma_ for t in seed if t.text == "ODKB"} == {"ODKB"}
    doc = nlp("Die NATO und die OSZE berieten, die FDP stimmte zu.")
    assert [t.lemma_ for t in doc if t.text.isupper()] == ["NATO", "OSZE", "FDP"]


def test_hyphenated_compounds_inflect_only_their_last_part(seed, nlp) -> None:
    words = learned(seed)
    assert words["ODKB-Friedenstruppe"] == "ODKB-Friedenstruppe"
    assert words["Karabach-Kriegs"] == "Karabach-Krieg"
    assert learned(nlp("Die UNO-Friedenstruppen zogen ab."))["UNO-Friedenstruppen"] == "UNO-Friedenstruppe"


def test_the_taggers_weak_spots_in_the_seed_are_fixed(seed) -> None:
    lemmas = {t.text: t.lemma_ for t in seed}
    assert lemmas["Hilfsbitte"] == "Hilfsbitte"
    assert lemmas["Einfluss"] == "Einfluss"
    assert lemmas["Dunkeln"] != "Dunkelne"
    assert lemmas["Dunkeln"] == "Dunkle"
    assert {t.pos_ for t in seed if t.text in ("Russland", "Belarus")} == {"PROPN"}


def test_a_noun_used_in_the_plural_is_learned_in_the_plural(seed, seed_units) -> None:
    streitkraefte = next(t for t in seed if t.text == "Streitkräften")
    assert streitkraefte.lemma_ == "Streitkraft"  # the treebank's lemma
    assert streitkraefte._.entry_lemma == "Streitkräfte"
    assert "Number=Plur" in str(streitkraefte.morph)
    assert "Streitkräfte" in {u.lemma for u in seed_units}


def test_a_rare_compound_the_word_list_knows_only_in_the_plural_is_learned_in_the_singular(nlp) -> None:
    # UD German GSD: wordfreq lists "Schmiergeldzahlungen" and not the singular; Zahlung is no plural-only word
    doc = nlp("Leider gibt es in der Tat eine Reihe von Unternehmen, die mit Schmiergeldzahlungen an "
              "öffentliche Aufträge gelangt sind.")
    assert learned(doc)["Schmiergeldzahlungen"] == "Schmiergeldzahlung"
    # but a head whose plural is a noun of its own keeps it: Daten (data), not Datum
    lemmas = learned(nlp("Die Wirtschaftsdaten überraschten die Finanzriesen."))
    assert (lemmas["Wirtschaftsdaten"], lemmas["Finanzriesen"]) == ("Wirtschaftsdaten", "Finanzriese")


def test_noun_gender_and_number_come_from_the_noun_table(seed) -> None:
    morph = {t.text: str(t.morph) for t in seed}
    assert "Gender=Fem" in morph["Hilfsbitte"] and "Number=Sing" in morph["Hilfsbitte"]
    assert "Gender=Neut" in morph["Militärbündnis"]
    assert "Gender=Masc" in morph["Einfluss"]


@pytest.mark.parametrize(("sentence", "word", "lemma"), [
    ("Die Beanstandungen der Kunden wurden geprüft.", "Beanstandungen", "Beanstandung"),
    ("Die Angeklagten und die Verbündeten schwiegen.", "Angeklagten", "Angeklagte"),
    ("Die Angeklagten und die Verbündeten schwiegen.", "Verbündeten", "Verbündete"),
    ("Das energische Eingreifen der Polizei half.", "Eingreifen", "Eingreifen"),
    ("Wir trafen uns am Kölner Dom.", "Kölner", "Kölner"),
    ("Die REDE des Präsidenten war LANG.", "REDE", "Rede"),
    # nouns nothing knows: an ending that marks a plural goes, a singular's own -e stays,
    # and a tagger's rewrite of a misspelt word is not taken
    ("Die Copyshops in der Altstadt schließen früh.", "Copyshops", "Copyshop"),
    ("Die Rheinfähre fährt heute nicht.", "Rheinfähre", "Rheinfähre"),
    ("Er sprach mit seiner Kolegin über den Plan.", "Kolegin", "Kolegin"),
])
def test_noun_lemmas_in_new_text(nlp, sentence, word, lemma) -> None:
    assert next(t for t in nlp(sentence) if t.text == word).lemma_ == lemma


def test_old_spelling_is_learned_in_todays(nlp) -> None:
    prozess = next(t for t in nlp("Der Prozeß begann im Mai.") if t.text == "Prozeß")
    assert (prozess.lemma_, prozess._.entry_lemma) == ("Prozeß", "Prozess")
    # compounds too, where the part with the ß is a noun known in today's spelling
    lemmas = learned(nlp("Der Schubladen-Ausschuß tagte, der Demokratisierungsprozeß stockte, der Spaßvogel lachte."))
    assert lemmas["Schubladen-Ausschuß"] == "Schubladen-Ausschuss"
    assert lemmas["Demokratisierungsprozeß"] == "Demokratisierungsprozess"
    assert lemmas["Spaßvogel"] == "Spaßvogel"     # a ß before a consonant after a long vowel stays
    # the part with the ß known as written stays; one known only with ss is respelled
    lemmas = learned(nlp("Das Mindestmaß an Fahrspaß fehlte, der Mißerfolg am Flußufer nicht."))
    assert (lemmas["Mindestmaß"], lemmas["Fahrspaß"]) == ("Mindestmaß", "Fahrspaß")
    assert (lemmas["Mißerfolg"], lemmas["Flußufer"]) == ("Misserfolg", "Flussufer")


def test_ss_written_for_sz_is_learned_with_sz(nlp) -> None:
    doc = nlp("Das Konzert hat allen grossen Spass gemacht, draussen im Park an der Seestrasse.")
    lemmas = learned(doc)
    assert (lemmas["Spass"], lemmas["draussen"], lemmas["Seestrasse"]) == ("Spaß", "draußen", "Seestraße")
    assert next(t for t in doc if t.text == "draussen").pos_ == "ADV"
    # today's ss stays, and so does a form of another word
    later = learned(nlp("Zum Schluss fuhren die Busse in die Messe."))
    assert (later["Schluss"], later["Busse"], later["Messe"]) == ("Schluss", "Bus", "Messe")


def test_a_name_in_capitals_is_learned_as_it_is_written_elsewhere(nlp) -> None:
    doc = nlp("HAMBURG (dpa) - Der Hafen meldet einen neuen Rekord.")
    hamburg = doc[0]
    assert (hamburg.pos_, hamburg.lemma_) == ("PROPN", "Hamburg")


def test_an_abbreviation_without_vowels_is_kept_as_written(nlp) -> None:
    assert learned(nlp("Der LKW stand stundenlang vor dem Haus."))["LKW"] == "LKW"


def test_an_irregular_superlative_has_its_positive_as_lemma(nlp) -> None:
    doc = nlp("In der nächsten Woche beginnt das Fest im höchsten Turm der Stadt.")
    naechsten = next(t for t in doc if t.text == "nächsten")
    assert naechsten.lemma_ == "nah"                 # as a treebank has it (besten: gut)
    assert naechsten._.entry_lemma == "nächste"      # the learner learns "next" as the dictionary lists it
    assert next(t for t in doc if t.text == "höchsten").lemma_ == "hoch"


def test_an_adjective_the_tagger_does_not_know_is_no_noun(nlp) -> None:
    doc = nlp("Die Suppe im Gasthof war wirklich lecker, der Nachtisch einfach klasse.")
    for word in ("lecker", "klasse"):
        token = next(t for t in doc if t.text == word)
        assert (token.pos_, token.lemma_) == ("ADJ", word)


def test_an_abbreviation_is_no_function_word(nlp) -> None:
    euro = next(t for t in nlp("Das Ticket kostet 20 EUR pro Person.") if t.text == "EUR")
    assert (euro.pos_, euro.lemma_) == ("PROPN", "EUR")


def test_the_first_part_of_a_compound_before_a_hyphen(nlp) -> None:
    from spacy.tokens import Doc

    words = ["Die", "Wohnungs", "-", "und", "Stellensuche", "dauert", "lange", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, False, True, True, True, True, False, False])
    for _name, component in nlp.pipeline:
        doc = component(doc)
    part = doc[1]
    assert (part.tag_, part.pos_, part.lemma_) == ("TRUNC", "NOUN", "Wohnungs")
    assert part._.entry_lemma == "Wohnung"
    # a noun in -s of its own before a dash is no compound part
    assert nlp("Der Preis - und das ist neu - sinkt.")[1].tag_ == "NN"


def test_foreign_words_keep_their_written_form(nlp) -> None:
    doc = nlp("Das Café am Hafen war einfach tiptop und sehr cosy.")
    assert {t.text: t.lemma_ for t in doc if t.tag_ == "FM"} == {"tiptop": "tiptop", "cosy": "cosy"}


def test_a_misspelt_verb_keeps_its_form_instead_of_an_invented_infinitive(nlp) -> None:
    assert learned(nlp("Der Torwart hat den Ball gut verteitigt."))["verteitigt"] == "verteitigt"
    # an infinitive the tagger guesses for a real compound verb is kept
    assert learned(nlp("Die Flut hat den Sand hochgespült."))["hochgespült"] == "hochspülen"


def test_apostrophe_plurals_and_genitives_lose_their_apostrophe(nlp) -> None:
    assert learned(nlp("Die CD's lagen im Regal."))["CD's"] == "CD"


@pytest.mark.parametrize(("sentence", "participle", "verb"), [
    ("Das Hotel am See hat uns sehr gut gefallen.", "gefallen", "gefallen"),
    ("Die Entscheidung über den Neubau ist gestern gefallen.", "gefallen", "fallen"),
    ("Das Dorf hat früher direkt am Meer gelegen.", "gelegen", "liegen"),
])
def test_a_participle_is_learned_with_the_verb_it_belongs_to(nlp, sentence, participle, verb) -> None:
    assert learned(nlp(sentence))[participle] == verb


def test_headwords_give_verbs_adjectives_comparison_and_spellings() -> None:
    from lernkarten.lexicon.headwords import (
        comparison_forms,
        headwords,
        standard_spelling,
    )

    words = headwords()
    assert {"lecker", "klasse", "deutsch"} <= words.adjectives
    assert words.comparison["nächst"] == "nah" and words.comparison["höher"] == "hoch"
    assert "lockerer" not in words.comparison  # the comparative of locker, not of its synonym lose
    assert comparison_forms(["nahe", "nah"], "näher", "am nächsten; nächst") == {"näher": "nah", "nächst": "nah"}
    assert standard_spelling("Aussenminister") == "Außenminister"
    assert standard_spelling("Kreissparkasse") == "Kreissparkasse"


# --- occurrences -------------------------------------------------------------------------------

def test_every_occurrence_points_at_its_words_in_its_sentence(seed, seed_units) -> None:
    body = SEED.read_text(encoding="utf-8")
    for unit in seed_units:
        assert unit.sentence in body
        for start, end in unit.spans:
            assert unit.sentence[start:end].strip() == unit.sentence[start:end]
            assert unit.sentence[start:end] in unit.form


def test_punctuation_and_numbers_are_no_units(seed_units) -> None:
    assert not any(unit.pos in ("PUNCT", "NUM", "SPACE") for unit in seed_units)
    assert not any(unit.lemma in ("2014", "2000", ",", "„") for unit in seed_units)


def test_the_article_in_the_text_decides_between_homonyms(nlp) -> None:
    from lernkarten.analysis import occurrences

    units = occurrences(nlp("Das Teil ist kaputt. Der größte Teil der Stadt ist im Dunkeln."))
    articles = [(u.lemma, u.article) for u in units if u.lemma in ("Teil", "Dunkle")]
    assert articles == [("Teil", "das"), ("Teil", "der"), ("Dunkle", "dem")]


def test_function_words_are_marked(seed_units) -> None:
    by_lemma = {u.lemma: u for u in seed_units}
    assert by_lemma["der"].is_function_word
    assert by_lemma["um"].is_function_word
    assert not by_lemma["Präsident"].is_function_word
    assert not by_lemma["mitteilen"].is_function_word


def test_analysing_the_library_entry_point_does_not_import_spacy_until_needed() -> None:
    import subprocess
    import sys

    code = "import sys, lernkarten.analysis; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_an_occurrence_as_the_analysis_cache_keeps_it_is_what_asdict_gives(seed_units) -> None:
    import dataclasses
    import json

    assert len(seed_units) > 300
    assert [o.to_dict() for o in seed_units] == [dataclasses.asdict(o) for o in seed_units]
    assert json.dumps([o.to_dict() for o in seed_units]) == json.dumps([dataclasses.asdict(o) for o in seed_units])
