"""Ding's line format, read into terms and glosses a program can use.

A Ding line is `German part :: English part`. Both parts have the same number of
` | `-separated slots that correspond one to one: the headword, then its plural or verb
forms, then compounds, phrases and examples. Inside a slot `; ` separates synonyms. A
German synonym carries its markup: `{n}` gender, `{vt}` part of speech, `[pol.]` subject or
register labels, `(bei etw.)` comments, `jdn./jdm./etw.` placeholders for objects, `/z. T./`
abbreviations. This module turns one line into `Slot`s of `Term`s (German) and `Sense`s
(English) and nothing else: no files, no index (that is `dictionary.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lernkarten.lexicon.ding_format import PLACEHOLDER_CASES, PLACEHOLDER_STEMS, SPELLED_PLACEHOLDERS

# the glossing modules read the prepositions from here, beside the line format they are found in
from lernkarten.lexicon.prepositions import PREPOSITION_CASES as PREPOSITION_CASES
from lernkarten.lexicon.prepositions import PREPOSITIONS as PREPOSITIONS
from lernkarten.lexicon.prepositions import TWO_WAY_PREPOSITIONS as TWO_WAY_PREPOSITIONS

# a token that is a placeholder, also with its full stop left out, in brackets or before a comma
_PLACEHOLDER = re.compile(rf"^\(?(?:{PLACEHOLDER_STEMS})\.?(?:/(?:{PLACEHOLDER_STEMS})\.?)*\)?[,:]?$")


GENDER_MARKERS = frozenset({"m", "f", "n"})
_NOUN_MARKERS = frozenset({"m", "f", "n", "pl"})
_ARTICLE_GENDERS = {"der": "m", "die": "f", "das": "n"}
_ARTICLES = frozenset(_ARTICLE_GENDERS)
#: Ding's part-of-speech markers as UPOS.
MARKER_POS = {
    "m": "NOUN", "f": "NOUN", "n": "NOUN", "pl": "NOUN",
    "vt": "VERB", "vi": "VERB", "vr": "VERB", "v": "VERB",
    "adj": "ADJ", "adv": "ADV", "prp": "ADP", "conj": "CCONJ", "pron": "PRON", "ppron": "PRON",
    "interj": "INTJ", "num": "NUM", "art": "DET",
}

#: German-side register labels, in the English words a learner reads on the card.
GERMAN_REGISTER = {
    "ugs.": "coll.", "geh.": "formal", "übtr.": "fig.", "pej.": "pej.", "vulg.": "vulg.", "slang": "slang",
    "veraltet": "dated", "veraltend": "dated", "alt": "old spelling", "selten": "rare", "humor.": "humor.",
    "altertümlich": "archaic", "iron.": "iron.", "euphem.": "euphem.", "poet.": "poet.",
    "Ös.": "Austrian", "Schw.": "Swiss", "Süddt.": "South German", "Norddt.": "North German",
    "Bayr.": "Bavarian",
}
#: English-side register labels worth showing with a gloss.
ENGLISH_REGISTER = frozenset({
    "coll.", "formal", "slang", "pej.", "vulg.", "fig.", "humor.", "iron.", "euphem.", "rare", "dated",
    "archaic", "obs.", "poet.", "literary", "Br.", "Am.",
})

_BRACED = re.compile(r"\{([^{}]*)\}")
_BRACKETED = re.compile(r"\[([^\[\]]*)\]")
_ANGLED = re.compile(r"<[^<>]*>")
_ABBREVIATION = re.compile(r"(?:^|(?<=\s))/[^/\s][^/]*/(?=\s|$|[;,])")
_SPACES = re.compile(r"\s+")
# anything that needs the slow path: brackets, abbreviations, placeholders
_MARKUP = re.compile(rf"[{{\[(<…/]|\b(?:{PLACEHOLDER_STEMS})\.")  # "einer Sache" is rewritten before
# "Eigen…", "inner…": the first part of compounds, not a word to look up
_PREFIX_FORM = re.compile(r"\w…")
_SPELLED_PLACEHOLDER = re.compile(r"\b(" + "|".join(SPELLED_PLACEHOLDERS) + r")\b")
_EXAMPLE_END = re.compile(r"[.!?…]$")
_MARKER_SEPARATOR = re.compile(r"[,;]")
_COMMENT = re.compile(r"\(([^()]*)\)")
_LONG_COMMENT = re.compile(r"\(([^()]{28,})\)")
# what parse_sense takes apart: braces, brackets, angle notes, abbreviations, comments
_SENSE_MARKUP = re.compile(r"[{\[</(]")


@dataclass(frozen=True)
class Term:
    """One German synonym of a slot, its markup taken apart."""

    text: str                        # as Ding writes it
    words: tuple[str, ...]           # the words without markup, placeholders and governed prepositions
    markers: tuple[str, ...]         # {m} {pl} {vt} {adj} ..., without braces
    labels: tuple[str, ...]          # [pol.] [ugs.] ..., without brackets
    government: tuple[tuple[str, str], ...]   # (preposition, placeholder) pairs: ("um", "etw."), ("an", "jdm.")
    comment: str = ""                # the text of its round brackets

    @property
    def key(self) -> str:
        """What the term is looked up by: "Bündnis", "sich beteiligen", "den Ausschlag geben"."""
        return " ".join(self.words)

    @property
    def is_phrase(self) -> bool:
        """More than one word that is not just a reflexive verb ("sich beteiligen")."""
        return len(self.words) > 1 and not (len(self.words) == 2 and self.words[0] == "sich")

    @property
    def is_example(self) -> bool:
        """A whole sentence given as an example: never a sense of its own."""
        return bool(_EXAMPLE_END.search(self.text.rstrip())) and len(self.words) > 2 or len(self.words) > 6

    @property
    def genders(self) -> tuple[str, ...]:
        return tuple(m for m in self.markers if m in GENDER_MARKERS)

    @property
    def pos(self) -> str:
        """UPOS from the term's markers ("" when it has none)."""
        for marker in self.markers:
            if marker in MARKER_POS:
                return MARKER_POS[marker]
        return ""


@dataclass(frozen=True)
class Sense:
    """One English synonym of a slot: clean text and the labels that go with it."""

    text: str
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Slot:
    """One slot of a line: its German terms and English senses, each read when first asked for
    (a sense is chosen from a few slots of the many lines looked at)."""

    german: str                      # the slot as Ding writes it
    english: str
    _terms: tuple[Term, ...] | None = field(default=None, compare=False, repr=False)
    _senses: tuple[Sense, ...] | None = field(default=None, compare=False, repr=False)
    _markers: tuple[str, ...] | None = field(default=None, compare=False, repr=False)
    _labels: tuple[str, ...] | None = field(default=None, compare=False, repr=False)

    @property
    def terms(self) -> tuple[Term, ...]:
        if self._terms is None:
            object.__setattr__(self, "_terms",
                               tuple(parse_term(t) for t in split_synonyms(self.german) if t.strip()))
        return self._terms  # type: ignore[return-value]

    @property
    def senses(self) -> tuple[Sense, ...]:
        if self._senses is None:
            object.__setattr__(self, "_senses",
                               tuple(s for s in (parse_sense(e) for e in split_synonyms(self.english)) if s.text))
        return self._senses  # type: ignore[return-value]

    @property
    def markers(self) -> tuple[str, ...]:
        """Every marker of the slot: Ding often writes `{vt}` once for all synonyms."""
        if self._markers is None:
            object.__setattr__(self, "_markers", tuple(dict.fromkeys(m for t in self.terms for m in t.markers)))
        return self._markers  # type: ignore[return-value]

    @property
    def labels(self) -> tuple[str, ...]:
        if self._labels is None:
            # labels are written in brackets ([pol.]): a slot without one has none, and its
            # terms are not read for it (asked of every word a build ranks)
            labels = tuple(dict.fromkeys(label for t in self.terms for label in t.labels)) if "[" in self.german else ()
            object.__setattr__(self, "_labels", labels)
        return self._labels  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class DingLine:
    number: int                      # position in the file: Ding lists common senses first
    slots: tuple[Slot, ...]
    _folded: str | None = field(default=None, compare=False, repr=False)
    _words: frozenset[str] | None = field(default=None, compare=False, repr=False)

    @property
    def head(self) -> Slot:
        return self.slots[0]

    def term_pos(self, slot: int, index: int) -> str:
        """The part of speech of a term, falling back on its slot's markers."""
        return term_pos(self.slots[slot].terms, index)

    @property
    def folded_german(self) -> str:
        """The line's German as Ding writes it, case-folded: for quick tests of what it may hold."""
        if self._folded is None:
            object.__setattr__(self, "_folded", " | ".join(slot.german for slot in self.slots).casefold())
        return self._folded  # type: ignore[return-value]

    @property
    def german_words(self) -> frozenset[str]:
        """Every word of the line's German terms, as written."""
        if self._words is None:
            object.__setattr__(self, "_words",
                               frozenset(w for slot in self.slots for term in slot.terms for w in term.words))
        return self._words  # type: ignore[return-value]


def term_pos(terms: tuple[Term, ...] | list[Term], index: int) -> str:
    """The part of speech of the slot's term `index`, falling back on the slot's markers."""
    term = terms[index]
    if term.pos:
        return term.pos
    markers = dict.fromkeys(m for t in terms for m in t.markers)
    for marker in markers:
        if marker in MARKER_POS and marker != "pl":
            return MARKER_POS[marker]
    if "pl" in markers:
        return "NOUN"
    return ""


#: Ding's "see also" pointers: "Landesschulrat {m} [Ös.] ~Bildungsdirektion :: Education
#: Authority", "glaciologist ~glaciology". A German one is one word; an English one runs to
#: the end of its synonym or to the comment that explains the synonym ("bad ~worse (of a low
#: standard)": "bad (of a low standard)").
_GERMAN_SEE_ALSO = re.compile(r"\s~\s?[^\s;|\[{<(]+")
_ENGLISH_SEE_ALSO = re.compile(r"\s~[^;|(]*?(?=\s\||;|\s\(|$)")


def without_see_also(text: str) -> str:
    """A Ding line without its "see also" pointers, which name other words, not this one's forms or senses."""
    if "~" not in text:
        return text
    german, separator, english = text.partition(" :: ")
    return _GERMAN_SEE_ALSO.sub("", german) + separator + _ENGLISH_SEE_ALSO.sub("", english)


def german_slots(text: str) -> list[list[Term]]:
    """Only the German side of a line, as terms per slot: all an index needs."""
    german = without_see_also(text.partition(" :: ")[0])
    return [[parse_term(t) for t in split_synonyms(g)] for g in german.split(" | ")]


def parse_line(text: str, number: int = 0) -> DingLine:
    """Read one line of the Ding list (not a `#` comment) into slots."""
    german, _, english = without_see_also(text.rstrip("\n")).partition(" :: ")
    german_parts = german.split(" | ")
    english_parts = english.split(" | ")
    if len(english_parts) != len(german_parts):  # not in the shipped list; be lenient with edits
        english_parts = (english_parts + [""] * len(german_parts))[: len(german_parts)]
    slots = tuple(Slot(german=g, english=en) for g, en in zip(german_parts, english_parts, strict=True))
    return DingLine(number=number, slots=slots)


def split_synonyms(slot: str) -> list[str]:
    """Split a slot at `; ` outside brackets (`{prp; +Dat.}` is one marker, not two synonyms)."""
    if "(" not in slot and "[" not in slot and "{" not in slot and "<" not in slot:
        return [p.strip() for p in slot.split(";") if p.strip()]
    parts: list[str] = []
    depth = 0
    start = 0
    for i, char in enumerate(slot):
        if char in "([{<":
            depth += 1
        elif char in ")]}>":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            parts.append(slot[start:i])
            start = i + 1
    parts.append(slot[start:])
    return [p.strip() for p in parts if p.strip()]


def parse_term(text: str) -> Term:
    """Take one German synonym apart: markers, labels, comment, placeholders, governed prepositions."""
    # Ding writes some objects out: "einer Sache angehören" is "etw. angehören" with the case shown
    if "Sache" in text or "Person" in text:
        text_for_words = _SPELLED_PLACEHOLDER.sub(lambda m: SPELLED_PLACEHOLDERS[m.group(1)], text)
    else:
        text_for_words = text
    if not _MARKUP.search(text_for_words):
        plain = [w.strip(",:") for w in text.split() if w not in {"…", "...", "-", "–", "/"}]
        bare = _without_article([w for w in plain if w], ())
        return Term(text=text, words=bare, markers=_article_gender(plain, bare), labels=(), government=())
    markers: list[str] = []
    original, text = text, text_for_words
    for group in _BRACED.findall(text):
        markers.extend(m.strip() for m in _MARKER_SEPARATOR.split(group) if m.strip())
    labels = _BRACKETED.findall(text)
    rest = _BRACED.sub(" ", text)
    rest = _BRACKETED.sub(" ", rest)
    rest = _ANGLED.sub(" ", rest)
    rest = _ABBREVIATION.sub(" ", rest)
    comments = _COMMENT.findall(rest)
    government: list[tuple[str, str]] = []
    kept_comments: list[str] = []
    for comment in comments:
        # "(bei etw.)", "(um)", "(für jdn.)": the object the word takes, written as a comment
        governed = _government_comment(comment)
        if governed:
            government.append(governed)
        else:
            kept_comments.append(comment)
    rest = _COMMENT.sub(" ", rest)
    if _PREFIX_FORM.search(rest):
        return Term(text=original, words=(), markers=tuple(markers), labels=tuple(labels), government=())
    tokens = [t for t in _SPACES.split(rest.replace("…", " … ")) if t]
    words: list[str] = []
    for token in tokens:
        if _PLACEHOLDER.match(token):
            if words and words[-1] in PREPOSITIONS:
                government.append((words.pop(), _placeholder_case_word(token)))
            continue
        if token in {"…", "...", "-", "–", "/"}:
            continue
        words.append(token.strip(",:"))
    bare = _without_article([w for w in words if w], markers)
    if not markers:
        markers = list(_article_gender(words, bare))
    return Term(text=original, words=bare, markers=tuple(markers), labels=tuple(labels),
                government=tuple(government), comment="; ".join(kept_comments))


def _without_article(words: list[str], markers: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """"der Kreml {m}", "das Dunkle": a noun given with its article is looked up without it."""
    if len(words) == 2 and words[0] in _ARTICLES and words[1][:1].isupper() and (
            not markers or set(markers) & _NOUN_MARKERS):
        return (words[1],)
    return tuple(words)


def _article_gender(words: list[str], bare: tuple[str, ...]) -> tuple[str, ...]:
    """"das Dunkle" without a marker: the article Ding wrote is the gender."""
    words = [w for w in words if w]
    if len(words) == 2 and len(bare) == 1 and words[0] in _ARTICLE_GENDERS:
        return (_ARTICLE_GENDERS[words[0]],)
    return ()


def _government_comment(comment: str) -> tuple[str, str] | None:
    parts = comment.split()
    if not parts or parts[0] not in PREPOSITIONS or len(parts) > 2:
        return None
    if len(parts) == 2 and not _PLACEHOLDER.match(parts[1]):
        return None
    return (parts[0], _placeholder_case_word(parts[1]) if len(parts) == 2 else "")


def _placeholder_case_word(token: str) -> str:
    """"jdn./etw." -> "jdn."; the first placeholder tells the case when any does."""
    token = token.strip("(),:")
    for part in token.split("/"):
        part = part if part.endswith(".") else part + "."
        if PLACEHOLDER_CASES.get(part):
            return part
    return "etw."


def parse_sense(text: str) -> Sense:
    """Clean one English synonym: no braces, abbreviations or angle notes; labels kept apart."""
    if not _SENSE_MARKUP.search(text):
        # nothing to take apart (most synonyms): only the spaces to tidy
        rest = _SPACES.sub(" ", text).strip(" ,;")
        return Sense(text=rest.replace(" ,", ",").replace("( ", "(").replace(" )", ")"), labels=())
    labels = tuple(label for label in _BRACKETED.findall(text))
    rest = _BRACED.sub(" ", text)
    rest = _BRACKETED.sub(" ", rest)
    rest = _ANGLED.sub(" ", rest)
    rest = _ABBREVIATION.sub(" ", rest)
    # long comments explain rather than translate; short ones ("of a whole", "to sb.") help
    rest = _LONG_COMMENT.sub(" ", rest)
    rest = _SPACES.sub(" ", rest).strip(" ,;")
    rest = rest.replace(" ,", ",").replace("( ", "(").replace(" )", ")")
    return Sense(text=rest, labels=labels)


def plain_german(text: str) -> str:
    """A German term as a learner reads it: no braces, labels, notes or abbreviations ("nach Angaben von jdm.")."""
    rest = _BRACED.sub(" ", text)
    rest = _BRACKETED.sub(" ", rest)
    rest = _ANGLED.sub(" ", rest)
    rest = _ABBREVIATION.sub(" ", rest)
    rest = re.sub(r"\([^()]{12,}\)", " ", rest)   # long comments explain; "(sich)" and "(um)" stay
    return _SPACES.sub(" ", rest).strip(" ,;")
