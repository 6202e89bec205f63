"""What the quiz knows of a note, read back from a deck lernkarten wrote (`.apkg` or `.json`).

A `QuizCard` is one word note as plain text: the quiz asks it in several modes, and its
progress is kept under the note's GUID, so the `.apkg` and the `.json` of the same deck, and a
regenerated deck, share one history.

Reading an `.apkg` executes and renders nothing from it: the collection is taken out through
`packaging/unpack.py` (size limits, a temporary file of our naming, read-only sqlite3), and every field is reduced to text (tags stripped, entities unescaped). Only zipfile,
sqlite3 and json are used, so the quiz starts without genanki or anki.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lernkarten.entries import ARTICLES, Deck
from lernkarten.errors import LernkartenError
from lernkarten.packaging.fields import CLOZE_MODEL_ID, WORD_FIELDS, WORD_MODEL_ID
from lernkarten.plaintext import split_tags, strip_tags, without_controls

if TYPE_CHECKING:
    from lernkarten.packaging.unpack import NoteRow

# The word's mark in the Example field (`render.py` writes `<span class="lk-target">`).
_TARGET_OPEN = '<span class="'
_TARGET_CLASS = re.compile(r"\btarget\b")
_TARGET_CLOSE = "</span>"


class DeckError(LernkartenError):
    """A deck file the quiz cannot read: not a lernkarten deck, damaged, or suspicious."""


@dataclass(frozen=True)
class QuizCard:
    """One word note as text, with what each quiz mode needs from it.

    `targets` are character spans of the learned word inside `example` (two for a separable
    verb: `teilte ... mit`); the cloze mode blanks them.
    """

    guid: str
    german: str                   # as learned: "das Bündnis", "mitteilen", "die Streitkräfte"
    lemma: str                    # "Bündnis"
    pos: str                      # NOUN, VERB, ADJ, ... EXPR
    gender: str = ""              # "m", "f", "n", "m n" (undecided), "pl" (plural only), ""
    grammar: str = ""             # "die Bündnisse · des Bündnisses"
    english: str = ""             # "alliance; pact"
    notes: str = ""
    example: str = ""
    targets: tuple[tuple[int, int], ...] = ()
    example_translation: str = ""
    source: str = ""
    attribution: str = ""
    uncertain: str = ""           # facts to double-check: "gender, glosses"
    level: str = ""
    tags: tuple[str, ...] = ()
    deck: str = ""                # the deck the note sits in ("Lernkarten::FAZ 2022-01-06 Kasachstan")
    origin: str = ""              # the file it was read from

    @property
    def genders(self) -> tuple[str, ...]:
        """The noun's genders as "m"/"f"/"n"; empty for plural-only nouns and non-nouns."""
        return tuple(g for g in self.gender.split() if g in ARTICLES)

    @property
    def plural_only(self) -> bool:
        return self.gender.strip() == "pl"

    @property
    def target_text(self) -> str:
        """The word as it stands in the example sentence: "Streitkräften", "teilte mit"."""
        return " ".join(self.example[a:b] for a, b in self.targets)

    def is_uncertain(self, fact: str) -> bool:
        """Whether the deck marked `fact` ("gender", "glosses", ...) as not sure."""
        return fact.lower() in re.split(r"[\s,;/]+", self.uncertain.lower())


# ---------------------------------------------------------------------------------------------
# Reading decks


def read_decks(paths: Iterable[str | Path]) -> list[QuizCard]:
    """Read every deck in `paths`, keeping the first of notes that appear in several files.

    The `.apkg` and `.json` of one deck hold the same notes; given both, a note is asked once.
    """
    cards: list[QuizCard] = []
    seen: set[str] = set()
    for path in paths:
        for card in read_deck(path):
            if card.guid not in seen:
                seen.add(card.guid)
                cards.append(card)
    return cards


def read_deck(path: str | Path) -> list[QuizCard]:
    """Read one deck file: an Anki package lernkarten wrote, or the deck's JSON beside it."""
    path = Path(path)
    if path.is_dir():
        raise DeckError(f"{path} is a folder, not a deck (give the .apkg or .json file)")
    if not path.is_file():
        raise DeckError(f"{path}: no such deck file")
    suffix = path.suffix.lower()
    if suffix == ".apkg":
        return read_apkg(path)
    if suffix == ".json":
        return read_deck_json(path)
    raise DeckError(f"{path}: not a deck (lernkarten reads .apkg packages and their .json)")


def read_deck_json(path: str | Path) -> list[QuizCard]:
    """Cards of a deck JSON (`Deck.to_json()`), with the fields the `.apkg` would carry."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.packaging.deckjson import read_deck_json as read_checked

    path = Path(path)
    try:
        deck = read_checked(path)  # every field of the declared type, or one clear line
    except LernkartenError as exc:
        raise DeckError(str(exc)) from None
    return cards_from_deck(deck, origin=str(path))


def cards_from_deck(deck: Deck, origin: str = "") -> list[QuizCard]:
    """The cards the deck's `.apkg` would hold, read through the same field rendering.

    Rendering an entry as the package does, then reading the fields back as from a package,
    gives the same text, tags and deck names from the `.json` as from the `.apkg`.
    """
    # deferred: read only when this runs (start-up time)
    from lernkarten.packaging.render import render_entry

    cards = []
    for entry in deck.entries:
        for note in render_entry(entry, deck):
            if note.kind == "word":
                cards.append(_card_from_fields(note.guid, dict(zip(WORD_FIELDS, note.fields, strict=True)),
                                               " ".join(note.tags), note.deck, origin))
    return cards


# ---------------------------------------------------------------------------------------------
# Anki packages


def read_apkg(path: str | Path) -> list[QuizCard]:
    """Cards of the word notes in an Anki package lernkarten wrote.

    A package whose notes use neither lernkarten note type is refused, as is a damaged zip,
    a member name that tries to leave the folder, a collection in another format, or one
    that unpacks to too much (`packaging/unpack.py`, the same door as every `.apkg` reader).
    """
    # deferred: read only when this runs (start-up time)
    from lernkarten.packaging.unpack import note_rows, open_package

    path = Path(path)
    try:
        with open_package(path) as connection:
            try:
                models_json, decks_json = connection.execute("SELECT models, decks FROM col").fetchone()
                note_decks = dict(connection.execute(
                    "SELECT nid, did FROM cards WHERE ord = 0 GROUP BY nid").fetchall())
            except (sqlite3.Error, TypeError) as exc:
                raise DeckError(f"{path}: damaged Anki collection or not an Anki package ({exc})") from None
            notes = note_rows(connection, str(path))
    except DeckError:
        raise
    except LernkartenError as exc:
        raise DeckError(str(exc)) from None
    return _cards_of_collection(path, models_json, decks_json, notes, note_decks)


def _cards_of_collection(package: Path, models_json: object, decks_json: object, notes: list[NoteRow],
                         note_decks: dict[int, int]) -> list[QuizCard]:
    try:
        models = json.loads(models_json)  # type: ignore[arg-type]
        decks = json.loads(decks_json)  # type: ignore[arg-type]
    except (TypeError, ValueError, RecursionError):
        raise DeckError(f"{package}: damaged Anki collection (note types unreadable)") from None

    ours = [n for n in notes if n.model_id in (WORD_MODEL_ID, CLOZE_MODEL_ID)]
    if not ours:
        raise DeckError(f"{package}: not a lernkarten deck (its notes use other note types)")
    names = _field_names(package, models)
    if not isinstance(decks, dict):
        raise DeckError(f"{package}: damaged Anki collection (deck list unreadable)")
    deck_names = {int(i): str(d.get("name", "")) for i, d in decks.items()
                  if isinstance(d, dict) and str(i).lstrip("-").isdigit()}

    cards = []
    for note in ours:
        if note.model_id != WORD_MODEL_ID:
            continue      # cloze notes repeat their word note's sentence; the cloze mode uses that
        # A field list longer or shorter than the values leaves the extra ones out, as Anki does.
        values = dict(zip(names, note.fields, strict=False))
        cards.append(_card_from_fields(note.guid, values, note.tags,
                                       deck_names.get(note_decks.get(note.id, -1), ""), str(package)))
    return cards


def _field_names(package: Path, models: object) -> Sequence[str]:
    model = models.get(str(WORD_MODEL_ID)) if isinstance(models, dict) else None
    if model is None:
        return WORD_FIELDS
    try:
        names = [f["name"] for f in model["flds"]]
    except (KeyError, TypeError):
        raise DeckError(f"{package}: damaged Anki collection (word note type unreadable)") from None
    if not {"German", "English"} <= set(names):
        raise DeckError(f"{package}: not a lernkarten deck (its word note type lacks German/English fields)")
    return names


def _card_from_fields(guid: str, values: dict[str, str], tags: str, deck: str, origin: str) -> QuizCard:
    example, targets = example_with_targets(values.get("Example", ""))
    return QuizCard(
        guid=guid,
        german=field_text(values.get("German", "")),
        lemma=field_text(values.get("Lemma", "")),
        pos=field_text(values.get("PartOfSpeech", "")).upper(),
        gender=field_text(values.get("Gender", "")),
        grammar=field_text(values.get("Grammar", "")),
        english=field_text(values.get("English", "")),
        notes=field_text(values.get("Notes", "")),
        example=example,
        targets=targets,
        example_translation=field_text(values.get("ExampleTranslation", "")),
        source=field_text(values.get("Source", "")),
        attribution=field_text(values.get("Attribution", "")),
        uncertain=field_text(values.get("Uncertain", "")),
        level=field_text(values.get("Level", "")),
        tags=tuple(without_controls(html.unescape(t)) for t in tags.split()),
        deck=without_controls(deck),
        origin=origin,
    )


def field_text(value: str) -> str:
    """A field's text as the learner reads it: line breaks kept, every other tag dropped, entities decoded."""
    return strip_tags(value, breaks={"br": "\n"}).strip()


def example_with_targets(value: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The example sentence as text, and where the marked (`<span class="lk-target">`) words stand in it.

    A mark is its opening tag up to the next `</span>`; an opening tag with none after it marks
    nothing. Read from the field's tags in one pass, like `field_text`.
    """
    pieces = split_tags(value)
    closings = [i for i, (_text, tag) in enumerate(pieces) if tag == _TARGET_CLOSE]
    text_parts: list[str] = []
    targets: list[tuple[int, int]] = []
    length = 0
    outside: list[str] = []            # markup between the marks
    index = next_closing = 0
    while index < len(pieces):
        text, tag = pieces[index]
        while next_closing < len(closings) and closings[next_closing] <= index:
            next_closing += 1
        if not (_is_target(tag) and next_closing < len(closings)):
            outside.append(text + tag)
            index += 1
            continue
        end = closings[next_closing]
        inside = "".join(t + g for t, g in pieces[index + 1:end]) + pieces[end][0]
        before = _plain("".join(outside) + text)
        word = _plain(inside)
        text_parts += [before, word]
        length += len(before)
        if word:
            targets.append((length, length + len(word)))
        length += len(word)
        outside = []
        index = end + 1
    text_parts.append(_plain("".join(outside)))
    text = "".join(text_parts)
    # Trim as field_text does, moving the spans with the text.
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    targets = [(a - lead, b - lead) for a, b in targets]
    return text, tuple(targets)


def _is_target(tag: str) -> bool:
    if not (tag.startswith(_TARGET_OPEN) and tag.endswith('">')):
        return False
    classes = tag[len(_TARGET_OPEN):-2]
    return '"' not in classes and _TARGET_CLASS.search(classes) is not None


def _plain(fragment: str) -> str:
    return strip_tags(fragment, breaks={"br": " "})


# ---------------------------------------------------------------------------------------------
# Choosing what to study


def select_cards(cards: Iterable[QuizCard], *, decks: Sequence[str] = (),
                 tags: Sequence[str] = ()) -> list[QuizCard]:
    """The cards in any of the named decks (a deck includes its subdecks) and with any of the tags.

    Names and tags compare as Anki compares them: without regard to case. A deck is also
    named by its file's stem, so `--deck kasachstan` picks `decks/kasachstan.apkg`.
    """
    chosen = []
    for card in cards:
        if decks and not any(_in_deck(card, name) for name in decks):
            continue
        if tags and not any(_has_tag(card, tag) for tag in tags):
            continue
        chosen.append(card)
    return chosen


def _in_deck(card: QuizCard, name: str) -> bool:
    wanted = name.strip().casefold()
    if _names(card.deck.casefold(), wanted):
        return True
    return bool(card.origin) and Path(card.origin).stem.casefold() == wanted


def _has_tag(card: QuizCard, tag: str) -> bool:
    wanted = tag.strip().casefold()
    return any(_names(t.casefold(), wanted) for t in card.tags)


def _names(path: str, wanted: str) -> bool:
    """Whether `wanted` names the `::` path or its head or tail: `kasachstan`, `pos::noun`, `noun`."""
    return path == wanted or path.startswith(wanted + "::") or path.endswith("::" + wanted)
