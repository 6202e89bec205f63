"""The records that carry a word through every stage, and their JSON form.

An `Entry` is born in the vocabulary stage (lemma, part of speech, examples, counts), gains
glosses and grammar in the glossing stage, and is written by the packaging stage into the
deck and into `decks/NAME.json`. The JSON form is the one on-disk format of the glossed
vocabulary; `SCHEMA_VERSION` changes whenever a field changes meaning or disappears.

Deck JSON, version 1:

    {"schema": "lernkarten-deck", "version": 1, "name": "...",
     "sources": [Source...], "entries": [Entry...]}

Every record serialises with `to_dict` and comes back with `from_dict`; unknown keys are an
error (a hand-edited typo should not silently vanish).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from lernkarten.errors import LernkartenError

SCHEMA_NAME = "lernkarten-deck"
SCHEMA_VERSION = 1

#: Parts of speech an entry can have: UPOS, plus EXPR for a multi-word expression.
POS_VALUES = ("NOUN", "VERB", "ADJ", "ADV", "PROPN", "EXPR", "ADP", "CCONJ", "SCONJ",
              "PRON", "DET", "NUM", "PART", "INTJ", "AUX", "X")

#: Genders as the deck writes them; a plural-only noun has `plural_only` set instead.
GENDERS = ("m", "f", "n")
ARTICLES = {"m": "der", "f": "die", "n": "das"}


class SchemaError(LernkartenError):
    """The JSON is not a lernkarten deck of a version this code reads."""


@dataclass
class Source:
    """One text the deck was made from: where it came from and how to credit it."""

    id: str                       # stable slug, e.g. "faz-2022-01-06-kasachstan-odkb"
    title: str = ""
    attribution: str = ""         # the credit line kept from the text, shown on every card
    date: str = ""                # ISO date when known
    path: str = ""                # where it was read from, relative when possible
    url: str = ""
    sha256: str = ""              # of the body text, for incremental rebuilds

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        return _build(cls, data)


@dataclass
class Example:
    """A sentence of a source in which the entry occurs, with the word's place in it.

    `spans` are character offsets into `text`; a separable verb has two (`teilte ... mit`).
    """

    text: str
    spans: list[tuple[int, int]]
    source: str = ""              # Source.id
    article: str = ""             # determiner seen before a noun ("der", "den", ...), if any
    translation: str = ""         # English translation of the sentence, when one was made
    translation_source: str = ""  # "google", "deepl", ... (empty when none)

    def to_dict(self) -> dict[str, Any]:
        # every field but the spans is text: a plain copy is what asdict gives, at a tenth of the cost
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["spans"] = [list(span) for span in self.spans]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Example:
        example = _build(cls, data)
        example.spans = [(int(a), int(b)) for a, b in example.spans]
        return example


#: Gloss.source of the English the expression list gives its expressions.
EXPRESSION_LIST = "expressions"


@dataclass
class Gloss:
    """One English gloss and where it came from.

    `source` is "ding" for Ding's own gloss of the word (`via` names the form Ding lists it
    in, when another: "Beamter" for "Beamte", "resultieren aus"), "ding:phrase" for a phrase
    of the entry found in the sentence, "ding:compound" / "ding:participle" / "ding:base" for
    glosses made from other words, `EXPRESSION_LIST` for the English of the expression list,
    or the online service's name. Fallbacks and online glosses are `uncertain`.
    """

    text: str
    source: str = "ding"
    label: str = ""               # register or subject label a learner should see: "coll.", "pol."
    uncertain: bool = False
    via: str = ""                 # how a fallback was made: "Beistand + Verpflichtung"

    def to_dict(self) -> dict[str, Any]:
        # every field is text or a flag: a plain copy is what asdict gives, at a tenth of the cost
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Gloss:
        return _build(cls, data)


@dataclass
class VerbParts:
    """Principal parts of a verb as a learner recites them: teilt mit - teilte mit - hat mitgeteilt."""

    present: str                  # 3rd person singular: "teilt mit"
    past: str                     # "teilte mit"
    participle: str               # "mitgeteilt"
    auxiliary: str                # "haben" or "sein"
    separable_prefix: str = ""    # "mit"
    reflexive: bool = False       # learned with "sich"
    government: list[str] = field(default_factory=list)  # ["um + Akk"], ["an + Dat"]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VerbParts:
        return _build(cls, data)


@dataclass
class Entry:
    """A word or expression worth learning, with everything a card shows about it.

    Identity is `lemma` + `pos` (`key`): it names the Anki note, so it must not change
    between builds of the same word.
    `uncertain` names the facts we are not sure of ("gender", "plural", "glosses", "verb",
    "lemma"); the card marks them, and the learner checks them before trusting them.
    """

    lemma: str                    # learner's dictionary form: "mitteilen", "sich beteiligen", "Streitkräfte"
    pos: str                      # a POS_VALUES member
    forms: list[str] = field(default_factory=list)      # surface forms seen, in order of first sight
    count: int = 0                # occurrences over all sources
    zipf: float = 0.0             # general frequency in German (wordfreq Zipf)
    level: str = ""               # CEFR band the word's frequency suggests: A2, B1, B2, C1
    examples: list[Example] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)    # Source.id of every text it occurs in
    # glossing stage
    glosses: list[Gloss] = field(default_factory=list)
    gender: list[str] = field(default_factory=list)     # ["m"]; ["m", "n"] when the text cannot decide
    plural: str = ""              # "Bündnisse"; empty when unknown or none
    genitive: str = ""            # "des Bündnisses"
    plural_only: bool = False     # Streitkräfte: taught in the plural
    singular: str = ""            # the singular, with its article, of a noun taught in the plural: "die Sicherheitskraft"
    adjectival_noun: bool = False  # der/die Verbündete: declined like an adjective
    verb: VerbParts | None = None
    comparative: str = ""         # only when irregular: "besser"
    superlative: str = ""         # "am besten"
    notes: list[str] = field(default_factory=list)      # short grammar notes in English
    uncertain: list[str] = field(default_factory=list)
    # packaging stage
    modified: int = 0             # Unix time the card content last changed (Anki's note mod time)
    content_hash: str = ""        # what the cards showed at `modified`: a hand edit since is seen

    @property
    def key(self) -> str:
        """The entry's identity: the same word keeps the same Anki note across builds."""
        return f"{self.lemma}|{self.pos}"

    @property
    def article(self) -> str:
        """The definite article(s) a learner says with the noun: "der", "der/das", "die (Pl.)"."""
        if self.plural_only:
            return "die"
        return "/".join(ARTICLES[g] for g in self.gender if g in ARTICLES)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "examples":
                value = [e.to_dict() for e in value]
            elif f.name == "glosses":
                value = [g.to_dict() for g in value]
            elif f.name == "verb":
                value = value.to_dict() if value else None
            else:
                value = list(value) if isinstance(value, list) else value
            data[f.name] = value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        entry = _build(cls, data)
        entry.examples = [Example.from_dict(e) for e in entry.examples]
        entry.glosses = [Gloss.from_dict(g) for g in entry.glosses]
        entry.verb = VerbParts.from_dict(entry.verb) if entry.verb else None
        if not isinstance(entry.lemma, str) or not entry.lemma.strip():
            raise SchemaError("an entry has an empty lemma")
        if entry.pos not in POS_VALUES:
            raise SchemaError(f"entry {entry.lemma!r}: unknown part of speech {entry.pos!r}")
        return entry


def plural_note(singular: str) -> str:
    """What a card says of a noun learned in the plural: whose plural it is, or that German has no singular."""
    return f"plural of {singular}" if singular else "plural only"


#: The name of a deck in Anki when its maker gives none.
DEFAULT_DECK_NAME = "Lernkarten"


@dataclass
class Deck:
    """The glossed vocabulary of one deck: what `decks/NAME.json` holds."""

    name: str
    sources: list[Source] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_NAME,
            "version": SCHEMA_VERSION,
            "name": self.name,
            "sources": [s.to_dict() for s in self.sources],
            "entries": [e.to_dict() for e in self.entries],
        }

    @staticmethod
    def check_header(data: Any) -> None:
        """A SchemaError unless parsed JSON names itself a deck of the version this code reads."""
        if not isinstance(data, dict) or data.get("schema") != SCHEMA_NAME:
            raise SchemaError("not a lernkarten deck (no \"schema\": \"lernkarten-deck\")")
        version = data.get("version")
        if version != SCHEMA_VERSION:
            raise SchemaError(
                f"deck JSON has schema version {version!r}; this lernkarten reads version {SCHEMA_VERSION}"
            )

    @classmethod
    def from_dict(cls, data: Any) -> Deck:
        cls.check_header(data)
        try:
            return cls(
                name=str(data["name"]),
                sources=[Source.from_dict(s) for s in data.get("sources", [])],
                entries=[Entry.from_dict(e) for e in data.get("entries", [])],
            )
        except KeyError as exc:
            raise SchemaError(f"deck JSON misses the field {exc.args[0]!r}") from None

    def to_json(self) -> str:
        """Stable, diffable text: sorted entries keep their order, keys keep theirs, one field a line."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Deck:
        return cls.from_dict(parse_json(text))


def parse_json(text: str) -> Any:
    """A deck JSON's text parsed (what `Deck.from_dict` takes), or a SchemaError saying why not."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(f"broken JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        # no deck nests more than a few levels; a JSON nested thousands deep is not one
        raise SchemaError("not a lernkarten deck: its JSON is nested too deeply to read") from None


def _build(cls: type, data: Any) -> Any:
    """Make a dataclass from a dict, refusing unknown or missing required keys with a clear message."""
    if not isinstance(data, dict):
        raise SchemaError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    names = {f.name for f in fields(cls)}
    unknown = set(data) - names
    if unknown:
        raise SchemaError(f"{cls.__name__}: unknown field(s) {', '.join(sorted(unknown))}")
    try:
        return cls(**data)
    except TypeError as exc:
        raise SchemaError(f"{cls.__name__}: {exc}") from None
