"""Judging typed answers: forgiving where a keyboard is to blame, strict where German is."""

from __future__ import annotations

import pytest

from lernkarten.quiz.answers import AGAIN, GOOD, HARD, check_article, check_form, check_german, fold, split_article


@pytest.mark.parametrize("typed", ["das Bündnis", "Bündnis", "  bündnis ", "BÜNDNIS", "Buendnis",
                                   "das buendnis"])
def test_case_spaces_and_umlaut_spellings_count_as_right(typed: str) -> None:
    verdict = check_german(typed, "das Bündnis")
    assert verdict.correct and not verdict.near_miss
    assert verdict.proposed == GOOD


def test_eszett_may_be_typed_as_ss() -> None:
    assert fold("Außenministerium") == fold("Aussenministerium")
    assert check_german("Aussenministerium", "das Außenministerium").correct


def test_the_article_is_not_held_against_an_answer_unless_asked() -> None:
    verdict = check_german("der Bündnis", "das Bündnis")
    assert verdict.correct and verdict.proposed == GOOD
    assert "das" in verdict.remark


def test_strict_articles_want_the_right_article() -> None:
    wrong = check_german("der Bündnis", "das Bündnis", strict_articles=True)
    missing = check_german("Bündnis", "das Bündnis", strict_articles=True)
    right = check_german("das Bündnis", "das Bündnis", strict_articles=True)
    assert not wrong.correct and wrong.proposed == AGAIN
    assert not missing.correct and missing.proposed == AGAIN
    assert right.correct and right.proposed == GOOD
    assert ("wrong", "der") in wrong.given_marks


def test_plural_only_noun_takes_die_in_strict_mode() -> None:
    assert check_german("die Streitkräfte", "die Streitkräfte", strict_articles=True).correct
    assert not check_german("Streitkräfte", "die Streitkräfte", strict_articles=True).correct
    assert check_german("Streitkraefte", "die Streitkräfte").correct


def test_a_noun_of_two_genders_accepts_either_article() -> None:
    assert split_article("der/das Teil") == (("der", "das"), "Teil")
    assert check_german("das Teil", "der/das Teil", strict_articles=True).correct
    assert check_german("der Teil", "der/das Teil", strict_articles=True).correct
    assert not check_german("die Teil", "der/das Teil", strict_articles=True).correct


def test_a_missing_umlaut_is_a_near_miss_that_shows_the_difference() -> None:
    verdict = check_german("Bundnis", "das Bündnis")
    assert verdict.near_miss and verdict.correct
    assert verdict.proposed == HARD
    assert ("missing", "ü") in verdict.expected_marks
    assert ("wrong", "u") in verdict.given_marks


def test_a_typo_in_a_long_compound_is_a_near_miss() -> None:
    verdict = check_german("Beistandsverpflichtug", "die Beistandsverpflichtung")
    assert verdict.near_miss and verdict.proposed == HARD


def test_another_word_is_wrong() -> None:
    verdict = check_german("teilen", "mitteilen")
    assert not verdict.correct and not verdict.near_miss
    assert verdict.proposed == AGAIN


def test_an_empty_answer_is_i_dont_know() -> None:
    verdict = check_german("", "das Bündnis")
    assert not verdict.correct and verdict.proposed == AGAIN


def test_a_reflexive_verb_without_sich_is_right_but_reminded() -> None:
    verdict = check_german("beteiligen", "sich beteiligen")
    assert verdict.correct and verdict.proposed == HARD
    assert "sich beteiligen" in verdict.remark
    assert check_german("sich beteiligen", "sich beteiligen").proposed == GOOD


def test_cloze_wants_the_form_the_sentence_has() -> None:
    assert check_form("Streitkräften", "Streitkräften").correct
    assert check_form("streitkraeften", "Streitkräften").proposed == GOOD
    near = check_form("Streitkräfte", "Streitkräften", lemma="Streitkräfte")
    assert near.correct and near.proposed == HARD and "Streitkräften" in near.remark


def test_cloze_of_a_separable_verb_takes_both_parts() -> None:
    assert check_form("teilte mit", "teilte mit").correct
    assert check_form("teilte ... mit", "teilte mit").correct
    lemma = check_form("mitteilen", "teilte mit", lemma="mitteilen")
    assert lemma.proposed == HARD
    assert not check_form("sagte", "teilte mit").correct


def test_gender_drill_checks_the_article() -> None:
    assert check_article("das", ("n",)).correct
    wrong = check_article("die", ("n",))
    assert not wrong.correct and wrong.expected == "das" and wrong.proposed == AGAIN
