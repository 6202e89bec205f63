"""Real Anki in tests: import a package as File > Import does, study it, look at its cards.

Uses the `anki` package from PyPI (the desktop app's own backend), so what these functions
see is what a learner's Anki does: the import presets of the import dialog, the v3
scheduler, the card rendering. See `docs/ANKI.md` for what was measured with it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anki.collection import Collection, ImportAnkiPackageRequest
from anki.scheduler.v3 import CardAnswer

_STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)
_BREAK = re.compile(r"<(?:br|hr|/div|/p|/li)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")

RATINGS = {"again": CardAnswer.AGAIN, "hard": CardAnswer.HARD, "good": CardAnswer.GOOD, "easy": CardAnswer.EASY}


@dataclass(frozen=True)
class ImportOutcome:
    """How many notes an import added, updated, or left alone (Anki's import log)."""

    new: int
    updated: int
    duplicate: int
    conflicting: int
    first_field_match: int


@dataclass(frozen=True)
class SeenCard:
    """One card as a learner meets it: the HTML Anki renders and the text a reader sees."""

    card_id: int
    note_id: int
    guid: str
    note_type: str
    template: str
    deck: str
    question_html: str
    answer_html: str
    question: str     # visible text, tags removed, entities decoded
    answer: str
    fields: dict[str, str]


@dataclass(frozen=True)
class Schedule:
    """A card's scheduling state: what a re-import must leave alone."""

    type: int
    queue: int
    due: int
    interval: int
    ease: int
    reps: int
    lapses: int
    reviews_logged: int


def new_collection(folder: Path) -> Collection:
    """A fresh, empty collection like a new Anki profile's."""
    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def import_package(col: Collection, package: Path) -> ImportOutcome:
    """Import an .apkg with the presets of Anki's import dialog (update notes if newer)."""
    options = col._backend.get_import_anki_package_presets()
    log = col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=options)).log
    return ImportOutcome(
        new=len(log.new),
        updated=len(log.updated),
        duplicate=len(log.duplicate),
        conflicting=len(log.conflicting),
        first_field_match=len(log.first_field_match),
    )


def visible_text(markup: str) -> str:
    """What a reader sees of card HTML: no CSS, no tags, entities decoded, spaces collapsed."""
    text = _STYLE.sub("", markup)
    text = _BREAK.sub(" ", text)
    text = _TAG.sub("", text)
    return " ".join(html.unescape(text).split())


def seen_cards(col: Collection, search: str = "") -> list[SeenCard]:
    """Every card matching an Anki search, rendered as the reviewer shows it."""
    cards = []
    for card_id in sorted(col.find_cards(search)):
        card = col.get_card(card_id)
        note = card.note()
        question_html, answer_html = card.question(), card.answer()
        cards.append(
            SeenCard(
                card_id=card.id,
                note_id=note.id,
                guid=note.guid,
                note_type=card.note_type()["name"],
                template=card.template()["name"],
                deck=col.decks.name(card.did),
                question_html=question_html,
                answer_html=answer_html,
                question=visible_text(question_html),
                answer=visible_text(answer_html),
                fields=dict(note.items()),
            )
        )
    return cards


def answer_cards(col: Collection, deck: str, count: int, rating: str = "good") -> list[int]:
    """Study `count` cards of a deck (and its subdecks) with the v3 scheduler; return their ids."""
    deck_id = col.decks.id_for_name(deck)
    if deck_id is None:
        raise LookupError(f"no deck named {deck!r}")
    col.decks.select(deck_id)
    answered = []
    for _ in range(count):
        queued = col.sched.get_queued_cards(fetch_limit=1)
        if not queued.cards:
            break
        top = queued.cards[0]
        card = col.get_card(top.card.id)
        card.start_timer()
        col.sched.answer_card(col.sched.build_answer(card=card, states=top.states, rating=RATINGS[rating]))
        answered.append(card.id)
    return answered


def schedule_of(col: Collection, card_id: int) -> Schedule:
    """The scheduling state of one card, and how many reviews its log holds."""
    card = col.get_card(card_id)
    reviews = col.db.scalar("select count() from revlog where cid = ?", card_id)
    return Schedule(card.type, card.queue, card.due, card.ivl, card.factor, card.reps, card.lapses, reviews)


def empty_card_count(col: Collection) -> int:
    """Cards Anki's Tools > Empty Cards would offer to delete."""
    report: Any = col.get_empty_cards()
    return sum(len(note.card_ids) for note in report.notes)


def guid_counts(col: Collection) -> dict[str, int]:
    """How many notes share each GUID (a duplicate shows as a count above one)."""
    return dict(col.db.all("select guid, count() from notes group by guid"))


def first_field_counts(col: Collection) -> dict[tuple[int, str], int]:
    """How many notes of each note type share a first field (Anki's duplicate check)."""
    rows = col.db.all("select mid, sfld, count() from notes group by mid, sfld")
    return {(mid, str(sfld)): count for mid, sfld, count in rows}
