"""Names and ids of the Anki decks a lernkarten package fills.

Anki matches decks by name on import, so a name must come out the same from the same
Source every time; ids only have to be stable, so they are a hash of the name.
"""

from __future__ import annotations

import hashlib
import re

from lernkarten.entries import DEFAULT_DECK_NAME, Deck, Source
from lernkarten.plaintext import without_controls

#: Longest title part of a subdeck name; longer titles are cut at a word boundary.
TITLE_CHARS = 16

_ID_WITH_DATE = re.compile(r"^(?P<publisher>[a-z0-9]+)-(?P<date>\d{4}-\d{2}-\d{2})(?:-(?P<slug>.+))?$")


def subdeck_name(source: Source) -> str:
    """A short readable deck name for one text: "FAZ 2022-01-06 Kasachstan".

    Made of the publisher abbreviation and date an id like `faz-2022-01-06-...` carries, the
    Source's own date, and the first words of the title; the id itself when nothing else is known.
    """
    match = _ID_WITH_DATE.match(source.id.strip().lower())
    parts = []
    if match:
        publisher = match["publisher"]
        parts.append(publisher.upper() if len(publisher) <= 4 else publisher.capitalize())
    date = source.date.strip() or (match["date"] if match else "")
    if date:
        parts.append(date)
    title = _short_title(source.title)
    if not title and match and match["slug"]:
        title = _short_title(" ".join(w.capitalize() for w in match["slug"].split("-")))
    if title:
        parts.append(title)
    name = " ".join(parts) if (title or match) else (source.id.strip() or "Text")
    return _clean_deck_part(name)


def _short_title(title: str) -> str:
    words = title.split()
    kept: list[str] = []
    for word in words:
        if kept and len(" ".join([*kept, word])) > TITLE_CHARS:
            break
        kept.append(word)
    return " ".join(kept).rstrip(",.:;–-")


def parent_name(deck: Deck) -> str:
    """The name of the deck that holds a package's subdecks: the Deck's own, or the default name if it has none."""
    return without_controls(deck.name).strip() or DEFAULT_DECK_NAME


def _clean_deck_part(name: str) -> str:
    # "::" would nest a deck; Anki also trims and collapses the parts of a name. Control
    # characters would reach Anki's deck list and every terminal that prints the name.
    return " ".join(without_controls(name).replace("::", ":").split()) or "Text"


def deck_id(name: str) -> int:
    """A stable Anki deck id for a deck name, in the range Anki and genanki use for ids."""
    digest = hashlib.sha256(f"lernkarten|deck|{name}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)
