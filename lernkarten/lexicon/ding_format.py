"""The Ding dictionary as both stages read it: where the list is, and the pieces of its line format
that more than one reader needs (object placeholders and their cases, verb markers, headwords).

A Ding line is `German part :: English part`, each part ` | `-separated slots, the first the
headwords; `glossing/ding.py` takes a whole line apart, the analysis reads only headwords.
"""

from __future__ import annotations

import re
from pathlib import Path

#: the Ding word list shipped inside the package (GPL-2.0-or-later, see data/DING-README.md)
DING_FILE = Path(__file__).resolve().parents[1] / "data" / "ding-de-en.txt.gz"

#: placeholders Ding writes for objects; the case they stand for, when they tell it
PLACEHOLDER_CASES = {"jdn.": "Akk", "jdm.": "Dat", "jds.": "Gen", "jd.": "Nom", "etw.": ""}
#: the placeholders without their full stop, as a regular-expression alternation: jdn|jdm|...
PLACEHOLDER_STEMS = "|".join(placeholder.removesuffix(".") for placeholder in PLACEHOLDER_CASES)
#: one placeholder word as Ding writes it, alone or with alternatives: "jdn.", "jdm./etw."
PLACEHOLDER = rf"(?:{PLACEHOLDER_STEMS})\.(?:/(?:{PLACEHOLDER_STEMS})\.)*"
#: placeholders Ding spells out, and the one they stand for: "einer Sache" is a dative
SPELLED_PLACEHOLDERS = {"einer Sache": "jdm.", "einer Person": "jdm.", "eine Sache": "jdn.", "eine Person": "jdn."}

#: Ding's part-of-speech markers for verbs: {vt} transitive, {vi} intransitive, {vr} reflexive
VERB_MARKERS = frozenset({"vt", "vi", "vr", "v"})
#: a verb marker in a slot's text
VERB_MARK = re.compile(r"\{(?:" + "|".join(sorted(VERB_MARKERS)) + r")\}")

#: a headword word that looks like a verb infinitive
INFINITIVE = re.compile(r"^[a-zäöüß]+(en|ern|eln|n)$")


#: Ding's bracketed notes within a slot: {markers}, [labels], (notes), <variants>, /abbreviations/
BRACKETS = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>|/[^/\s][^/]*/")


def german_part(line: str) -> str:
    """The German side of a Ding line (before ` :: `)."""
    return line.partition(" :: ")[0]


def headword_slot(line: str) -> str:
    """A line's first German slot, its headwords ("Bündnis {n}; Allianz {f}")."""
    return german_part(line).split(" | ", 1)[0]
