"""Days and months: words every learner meets in the first weeks, and no article's key vocabulary."""

from __future__ import annotations

WEEKDAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag")
#: with the Austrian Jänner and Feber
MONTHS = ("januar", "jänner", "februar", "feber", "märz", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "dezember")
PARTS_OF_DAY = ("morgen", "vormittag", "mittag", "nachmittag", "abend", "nacht", "früh")


def is_calendar_word(lemma: str) -> bool:
    """A weekday or month, alone or with a part of the day (Freitagnachmittag, Sonntagabend)."""
    word = lemma.casefold()
    for day in WEEKDAYS:
        if word == day or (word.startswith(day) and word[len(day):] in PARTS_OF_DAY):
            return True
    return word in MONTHS
