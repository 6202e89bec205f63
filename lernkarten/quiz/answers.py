"""Checking a learner's answer: what counts as right, what is a near miss, and what to propose.

A learner typing on an English keyboard writes `Buendnis` or `Strasse`: that is right.
Case and surrounding spaces never matter. The article matters only when asked for
(`strict_articles`); otherwise a wrong one is pointed out but not held against the answer.
The proposed rating is only a proposal: the learner may change it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from lernkarten.entries import ARTICLES

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}

_ARTICLE_WORDS = ("der", "die", "das")
_ARTICLE_GROUP = re.compile(r"^(der|die|das)(/(der|die|das))*$")
_TRAILING_NOTE = re.compile(r"\s*\([^)]*\)\s*$")        # "die Streitkräfte (Pl.)"
_ELLIPSIS = re.compile(r"\s*(\.\.\.|…)\s*")


@dataclass(frozen=True)
class Verdict:
    """The outcome of one answer, as the learner is shown it.

    `given_marks` and `expected_marks` are the two texts cut into (text, kind) pieces, kind
    being "same", "wrong" (typed but not expected) or "missing" (expected but not typed).
    """

    correct: bool
    proposed: int                 # 1 Again .. 4 Easy
    given: str
    expected: str
    near_miss: bool = False
    remark: str = ""              # "the article is das", "right word; the sentence has the form Streitkräften"
    given_marks: tuple[tuple[str, str], ...] = ()
    expected_marks: tuple[tuple[str, str], ...] = field(default=())


def fold(text: str) -> str:
    """The spelling a comparison sees: lower case, umlauts and ß as ae/oe/ue/ss, spaces collapsed."""
    text = text.strip().casefold()          # casefold also turns ß into ss
    text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = _ELLIPSIS.sub(" ", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .,;:!?\"'„“”‚‘’")


def split_article(german: str) -> tuple[tuple[str, ...], str]:
    """("das",), "Bündnis" from "das Bündnis"; ("der", "das"), "Teil" from "der/das Teil"."""
    german = _TRAILING_NOTE.sub("", german.strip())
    head, _, rest = german.partition(" ")
    if rest and _ARTICLE_GROUP.match(head.lower()):
        return tuple(head.lower().split("/")), rest.strip()
    return (), german


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: how many letters to add, drop or change to turn a into b."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def is_near(given: str, expected: str) -> bool:
    """A slip rather than another word: one letter off, two in a long word."""
    allowed = 1 if len(expected) <= 7 else 2
    return 0 < edit_distance(given, expected) <= allowed


def check_german(answer: str, german: str, *, strict_articles: bool = False) -> Verdict:
    """Judge a typed German answer against the card's German ("das Bündnis", "sich beteiligen")."""
    articles, word = split_article(german)
    given_articles, given_word = split_article(answer)
    if not given_articles and answer.strip().lower() in _ARTICLE_WORDS:
        given_word = ""
    reflexive = word.lower().startswith("sich ")
    bare = word[5:] if reflexive else word
    given_bare = given_word[5:] if given_word.lower().startswith("sich ") else given_word

    expected_text = f"{'/'.join(articles)} {word}".strip() if articles else word
    if not fold(given_word):
        return Verdict(False, AGAIN, answer.strip(), expected_text,
                       expected_marks=(("missing", expected_text),))

    word_right = fold(given_word) == fold(word) or fold(given_bare) == fold(bare)
    near = not word_right and (is_near(fold(given_word), fold(word)) or is_near(fold(given_bare), fold(bare)))
    article_right = not articles or bool(given_articles) and set(given_articles) <= set(articles)
    remarks = []
    if articles and not article_right and (given_articles or strict_articles):
        remarks.append(f"the article is {'/'.join(articles)}")
    missing_sich = reflexive and word_right and not given_word.lower().startswith("sich ")
    if missing_sich:
        remarks.append(f"learn it with sich: {word}")

    if word_right:
        if strict_articles and not article_right:
            correct, proposed = False, AGAIN
        else:
            correct, proposed = True, HARD if missing_sich else GOOD
    elif near:
        correct = not (strict_articles and not article_right)
        proposed = HARD if correct else AGAIN
    else:
        correct, proposed = False, AGAIN

    # The article is one choice, not letters: mark it whole, and the word letter by letter.
    given_marks, expected_marks = mark_difference(given_word.strip(), word)
    if given_articles:
        given_article = "/".join(given_articles)
        given_marks = (("same" if article_right else "wrong", given_article), ("same", " ")) + given_marks
    if articles and (given_articles or strict_articles):
        expected_article = "/".join(articles)
        kind = "same" if article_right else "missing"
        expected_marks = ((kind, expected_article), ("same", " ")) + expected_marks
    shown_given = answer.strip()
    return Verdict(correct, proposed, shown_given, expected_text, near_miss=near,
                   remark="; ".join(remarks), given_marks=given_marks, expected_marks=expected_marks)


def check_form(answer: str, form: str, lemma: str = "") -> Verdict:
    """Judge the word typed into a cloze gap against the form the sentence has ("teilte mit")."""
    given = answer.strip()
    if fold(given) == fold(form):
        return Verdict(True, GOOD, given, form, given_marks=((("same", given),) if given else ()),
                       expected_marks=(("same", form),))
    given_marks, expected_marks = mark_difference(given, form)
    if given and fold(given) in {fold(lemma), fold(split_article(lemma)[1])} and lemma:
        return Verdict(True, HARD, given, form, remark=f"right word; the sentence has the form {form}",
                       given_marks=given_marks, expected_marks=expected_marks)
    near = bool(given) and is_near(fold(given), fold(form))
    return Verdict(near, HARD if near else AGAIN, given, form, near_miss=near,
                   given_marks=given_marks, expected_marks=expected_marks)


def check_article(article: str, genders: tuple[str, ...]) -> Verdict:
    """Judge a der/die/das key against the noun's gender(s)."""
    expected = "/".join(ARTICLES[g] for g in genders)
    right = article in {ARTICLES[g] for g in genders}
    kind = "same" if right else "wrong"
    return Verdict(right, GOOD if right else AGAIN, article, expected,
                   given_marks=((kind, article),), expected_marks=(("same", expected),))


def mark_difference(given: str, expected: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """Cut both texts into same/wrong/missing pieces, letter by letter, ignoring case."""
    matcher = difflib.SequenceMatcher(None, given.lower(), expected.lower(), autojunk=False)
    given_marks: list[tuple[str, str]] = []
    expected_marks: list[tuple[str, str]] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            given_marks.append(("same", given[a1:a2]))
            expected_marks.append(("same", expected[b1:b2]))
            continue
        if a2 > a1:
            given_marks.append(("wrong", given[a1:a2]))
        if b2 > b1:
            expected_marks.append(("missing", expected[b1:b2]))
    return tuple(given_marks), tuple(expected_marks)
