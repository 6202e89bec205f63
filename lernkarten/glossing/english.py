"""What a gloss is like as English: how common its words are, whether it is plural, how cluttered.

A card's first gloss is what a learner remembers, so it should be a plain, common English
word in the number of the German headword: "ally", not "confederate"; "terrorist" for
`der Terrorist`, not Ding's "terrorists"; "event", before "event (thing that happens)".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from lernkarten.lexicon.frequency import zipf_en

#: Words a gloss's commonness is not judged by.
_STOPWORDS = frozenset(
    ["to", "the", "a", "an", "of", "sb", "sth", "one's", "oneself", "be", "in", "on", "at", "for", "with", "by", "from", "do", "your", "his", "her", "its", "my", "make", "get", "have", "it", "up", "out", "off", "over", "into", "about", "as", "or", "and"]
)
#: Words too light to say what a sense is about ("to take place", "to take hold").
LIGHT_WORDS = frozenset(["take", "make", "get", "put", "set", "give", "keep", "hold", "bring", "come", "go", "let",
                         "run", "turn", "part", "thing", "way", "state", "place", "one", "sth.", "sb."])
#: Above this an English word is common enough; more frequency does not make a better gloss
#: ("past" is commoner than "former" and a worse gloss of `ehemalig`).
COMMON_ENOUGH = 4.0
#: A synonym rarer than this is left off when a commoner one is there ("massy" after "massive").
RARE = 2.0
#: A verb's participles are rarer than the verb ("taking" 5.4, "take" 5.9, "certifying" 2.8,
#: "certify" 3.1): a verb gloss is rated no commoner than its commoner participle and this much.
ING_FORM_GAP = 0.7
_PARENTHESES = re.compile(r"\(([^)]*)\)")
_PLACEHOLDERS = re.compile(r"\b(?:sb|sth)\.")
#: Words English nouns end in that only look plural.
_NOT_PLURAL = ("ss", "us", "is", "ews")


ENGLISH_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_HEAD_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


class EnglishWords:
    """How common English words are, read from one source of figures, remembered per source.

    A `Dictionary` holds one (`dictionary.english`) reading the figures its index keeps for
    every English word Ding uses, so that wordfreq's own list, a second to load, is read only
    for a word made here ("protester"). Each object remembers its own answers: two
    dictionaries never see each other's figures, whichever was opened first.
    """

    def __init__(self, known_zipf: Callable[[str], float | None] | None = None) -> None:
        #: word -> wordfreq's Zipf figure, None when the source has none (then wordfreq is asked)
        self.known_zipf = known_zipf
        self.word_zipf = functools.lru_cache(maxsize=65536)(self._word_zipf)
        self.zipf = functools.lru_cache(maxsize=65536)(self._zipf)
        self.known_form_zipf = functools.lru_cache(maxsize=65536)(self._known_form_zipf)

    def _word_zipf(self, word: str) -> float:
        """wordfreq's Zipf frequency of an English word."""
        if self.known_zipf is not None:
            known = self.known_zipf(word)
            if known is not None:
                return known
        return zipf_en(word)

    def _zipf(self, text: str) -> float:
        """How common a gloss is: the rarest of its content words on wordfreq's Zipf scale (0 for none)."""
        # hyphenated words stay whole: wordfreq rates "set-piece" as rarer than "set" and "piece"
        words = [w for w in ENGLISH_WORD.findall(_PARENTHESES.sub(" ", text))
                 if w.lower() not in _STOPWORDS and len(w) > 1]
        if not words:
            return 0.0
        # above 5 an English word is so common it has many senses ("lead"): no more credit for that
        return min(5.0, min(self.word_zipf(w) for w in words))

    def verb_zipf(self, text: str, participles: tuple[str, ...] = ()) -> float:
        """How common a verb gloss is as a verb, given the participles Ding writes beside it.

        A word rated by its commonness as a noun may be a rare verb: "to symbol sth."
        ("symbolling", "symbolled"), "to certificate sth." ("certificating"), beside "to
        symbolize" and "to certify"; its commoner participle says how often the word is the verb.
        Only the figures the source keeps count (wordfreq's own list is never loaded for them).
        """
        zipf = self.zipf(text)
        known = [figure for form in participles if (figure := self.known_form_zipf(form)) is not None]
        if not known:
            return zipf
        return min(zipf, max(known) + ING_FORM_GAP)

    def _known_form_zipf(self, text: str) -> float | None:
        """`zipf` of a text from the source's own figures alone; None when it lacks one of its words."""
        if self.known_zipf is None:
            return None
        words = [w for w in ENGLISH_WORD.findall(_PARENTHESES.sub(" ", text)) if w.lower() not in _STOPWORDS and len(w) > 1]
        figures = [self.known_zipf(w) for w in words]
        if not figures or any(f is None for f in figures):
            return None
        return min(5.0, min(f for f in figures if f is not None))

    def looks_plural(self, text: str) -> bool:
        """True when a noun gloss ends in a regular plural whose singular is a known English word."""
        word = head_word(text)
        one = singular(word)
        if not one:
            return False
        return self.word_zipf(one) >= 2.5 and self.word_zipf(one) >= self.word_zipf(word) - 1.0

    def cache_clear(self) -> None:
        """Forget the figures read so far."""
        self.word_zipf.cache_clear()
        self.zipf.cache_clear()
        self.known_form_zipf.cache_clear()


@functools.lru_cache(maxsize=65536)
def clutter(text: str, *, verb: bool = False) -> float:
    """How much a gloss carries besides the translation: explanations in brackets, "sb./sth.".

    A verb's object ("to reject sth.") tells how it is used and costs little; "the" before a
    noun ("the neighbours") and explanations ("event (thing that happens)") cost more.
    """
    cost = 0.0
    for comment in _PARENTHESES.findall(text):
        words = comment.split()
        # "(against)", "(of sth.)": the preposition it takes; anything longer explains
        cost += 0.5 if len(words) <= 2 and not any(len(w) > 6 for w in words) else 1.5
    placeholders = len(_PLACEHOLDERS.findall(_PARENTHESES.sub(" ", text)))
    cost += (0.25 if verb else 0.75) * placeholders
    if text.startswith("the ") and not verb:
        cost += 1.0
    if "/" in re.sub(r"(?:sb|sth)\./(?:sb|sth)\.", " ", _PARENTHESES.sub(" ", text)):
        cost += 0.5  # "to claim / profess to be/do sth.", but not "sb./sth."
    return cost


@functools.lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """The words of a gloss that say what it is about, outside brackets: "to take place" -> {"place"}
    minus the light ones, so {}; "survey report" -> {"survey", "report"}."""
    return frozenset(w for w in (m.casefold() for m in ENGLISH_WORD.findall(_PARENTHESES.sub(" ", text)))
                     if len(w) > 2 and w not in _STOPWORDS and w not in LIGHT_WORDS)


def head_word(text: str) -> str:
    """The last word outside brackets: the noun of "armed forces", "terrorists"."""
    words = _HEAD_WORD.findall(_PARENTHESES.sub(" ", text))
    return words[-1] if words else ""


def singular(word: str) -> str:
    """The singular of a regular English plural ("terrorists" -> "terrorist"), or "" when unsure."""
    lower = word.lower()
    if len(lower) < 4 or not lower.endswith("s") or lower.endswith(_NOT_PLURAL):
        return ""
    if lower.endswith("ies"):
        return word[:-3] + "y"
    if lower.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    return word[:-1]


def make_singular(text: str) -> str:
    """The gloss with its head word in the singular: "the neighbours" -> "neighbour"."""
    word = head_word(text)
    one = singular(word)
    if not one:
        return text
    at = text.rfind(word)
    result = text[:at] + one + text[at + len(word):]
    return result.removeprefix("the ")


#: Words a bracketed comment starts with when it says what the word takes, not what it means.
_GOVERNING = frozenset(["to", "with", "from", "against", "at", "for", "in", "on", "about", "by", "over", "into", "upon", "towards", "toward"])


@functools.lru_cache(maxsize=65536)
def without_explanations(text: str) -> str:
    """The gloss without comments that explain it: "event (thing that happens)" -> "event".

    What the word takes stays ("protest (against)", "interference (with/in sth.)").
    """
    def keep(match: re.Match[str]) -> str:
        words = match.group(1).split()
        if len(words) < 2 or _PLACEHOLDERS.search(match.group(1)) or words[0].lower() in _GOVERNING:
            return match.group(0)
        return " "

    cleaned = re.sub(r"\s+", " ", _PARENTHESES.sub(keep, text)).strip(" ,;")
    return cleaned if re.search("[A-Za-z]", _PARENTHESES.sub(" ", cleaned)) else text


def words_to_rate(english: str) -> set[str]:
    """The words of an English text whose frequency glossing may ask for: its words, its head
    words and their singulars (what `zipf` and `looks_plural` read), and the agent nouns of
    its verbs ("to protest": "protester", "protestor"; see `fallbacks.agent_fallback`)."""
    words = set(ENGLISH_WORD.findall(english)) | set(_HEAD_WORD.findall(english))
    words |= {one for word in words if (one := singular(word))}
    words |= {verb.removesuffix("e") + ending for verb in _VERB.findall(english) for ending in ("er", "or")}
    return words


_VERB = re.compile(r"\bto ([A-Za-z]+)")
