"""Typographic quotes and dashes, replaced by their plain forms before tagging.

HanTa was trained on text with straight quotes and hyphens: it tags „ “ as foreign words (FM)
and – as XY, which costs about a point of POS accuracy and confuses the words around them.
The replacement is one character for one character, so offsets into the original text stay
valid: spans and sentences always point into the text as the learner wrote it.
"""

from __future__ import annotations

#: typographic character -> its plain form, each exactly one character long
PLAIN_FORMS = {
    "\u201e": '"',  # „ German opening quote
    "\u201c": '"',  # “ German closing / English opening quote
    "\u201d": '"',  # ” English closing quote
    "\u201f": '"',  # ‟
    "\u00bb": '"',  # » guillemets, used both ways round in German
    "\u00ab": '"',  # «
    "\u2033": '"',  # ″ double prime typed as a quote
    "\u201a": "'",  # ‚ German single opening quote
    "\u2018": "'",  # ‘
    "\u2019": "'",  # ’ also the apostrophe in "geht’s"
    "\u201b": "'",  # ‛
    "\u203a": "'",  # ›
    "\u2039": "'",  # ‹
    "\u2032": "'",  # ′
    "\u00b4": "'",  # ´ acute accent typed as an apostrophe
    "\u2013": "-",  # – en dash: the German Gedankenstrich
    "\u2014": "-",  # — em dash
    "\u2012": "-",  # ‒ figure dash
    "\u2015": "-",  # ― horizontal bar
    "\u2212": "-",  # − minus sign
    "\u2010": "-",  # ‐ hyphen
    "\u2011": "-",  # ‑ non-breaking hyphen
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space (French-style quotes, "5 %")
}

_TABLE = str.maketrans(PLAIN_FORMS)


def plain_punctuation(text: str) -> str:
    """`text` with typographic quotes and dashes replaced by plain ones, character for character."""
    return text.translate(_TABLE)
