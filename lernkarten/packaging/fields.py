"""The Anki note types' identity and field lists: fixed from the first release.

Anki updates a re-imported note only while GUID, note type id, and the field and template
names stay the same (`ANKI.md`). So these names never change; spare fields leave room to
grow. Template text and CSS may change (bump the model's name suffix, never its id).
The quiz reads decks through these same names.
"""

from __future__ import annotations

import base64
import hashlib

WORD_MODEL_ID = 1_607_392_319_001
CLOZE_MODEL_ID = 1_607_392_319_002

WORD_FIELDS = (
    "German",            # the word as learned: "das Bündnis", "mitteilen", "den Ausschlag geben"
    "Lemma",             # bare lemma: "Bündnis"
    "PartOfSpeech",      # NOUN, VERB, ADJ, ADV, EXPR, PROPN
    "Gender",            # "m", "f", "n", "m n" (text decides nothing), "pl" (plural only), "" otherwise
    "Grammar",           # one line: "die Bündnisse · des Bündnisses" or "teilt mit · teilte mit · hat mitgeteilt"
    "English",           # glosses joined by "; "
    "Notes",             # grammar notes and gloss provenance
    "Example",           # the example sentence, the word wrapped in <span class="target">
    "ExampleTranslation",
    "Source",            # title and date of the text
    "Attribution",       # the text's credit line
    "Uncertain",         # what the learner should double-check ("gender", "glosses", ...)
    "Level",             # A2..C1
    "Reverse",           # non-empty: also make the English -> German card
    "Extra1",
    "Extra2",
    "Extra3",
)
WORD_TEMPLATES = ("German -> English", "English -> German")

CLOZE_FIELDS = (
    "Text",              # the example sentence with {{c1::word::hint}}
    "German",
    "English",
    "Source",
    "Attribution",
    "Extra1",
    "Extra2",
)
CLOZE_TEMPLATES = ("Cloze",)


def note_guid(entry_key: str, note_type: str = "word") -> str:
    """The Anki GUID of an entry's note: the same word keeps the same note across builds."""
    digest = hashlib.sha256(f"lernkarten|{note_type}|{entry_key}".encode()).digest()
    return "lk" + base64.b32encode(digest[:10]).decode("ascii").lower()
