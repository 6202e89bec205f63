"""Text from decks and texts made inert: markup stripped in one pass, control characters removed.

A deck from elsewhere can hold anything in a field. Two things must never happen with it:
work that grows faster than the field (the pattern `<[^>]*>` starts a match at every `<` and
runs each to the end, so 600,000 `<` take hours), and bytes that drive the terminal (ESC
sequences clear the screen, paint a fake one, set the window title; bidi overrides turn the
text around). Every reader of fields goes through `strip_tags`, and everything shown or
written into a deck goes through `without_controls`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

#: Characters of a field's HTML read at most; a card has no use for more, and it bounds the work.
MAX_FIELD_CHARS = 65_536
#: What ends a field cut at MAX_FIELD_CHARS, so the cut shows.
CUT_MARK = "…"

# C0 controls but tab and line feed, DEL, C1 controls (ESC and CSI among them), and the
# bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069).
_CONTROLS = dict.fromkeys(
    [*(c for c in range(0x20) if c not in (0x09, 0x0A)), *range(0x7F, 0xA0),
     *range(0x202A, 0x202F), *range(0x2066, 0x206A)],
    None,
)
_TAG_NAME = re.compile(r"<(/?[A-Za-z][A-Za-z0-9]*)")


#: the same characters as a pattern: searching for one is far quicker than translating each character
_CONTROL_CHARS = re.compile("[" + "".join(re.escape(chr(code)) for code in _CONTROLS) + "]")


def without_controls(text: str) -> str:
    """`text` without the characters that control a terminal or the direction of text."""
    return text.translate(_CONTROLS) if _CONTROL_CHARS.search(text) else text


def split_tags(markup: str) -> list[tuple[str, str]]:
    """The field as (text, tag) pairs in order; the last pair's tag is empty.

    A tag is a `<` up to the first `>` after it, as `<[^>]*>` finds it; a `<` with no `>`
    after it is text. One pass: each character is looked at a bounded number of times. A field
    longer than MAX_FIELD_CHARS is cut there and ends in CUT_MARK.
    """
    if len(markup) > MAX_FIELD_CHARS:
        markup = markup[:MAX_FIELD_CHARS] + CUT_MARK
    pieces: list[tuple[str, str]] = []
    position = 0
    close = -1
    while True:
        start = markup.find("<", position)
        if start >= 0 and close < start:
            close = markup.find(">", start)   # the next ">" serves every "<" before it
        if start < 0 or close < 0:
            pieces.append((markup[position:], ""))
            return pieces
        pieces.append((markup[position:start], markup[start:close + 1]))
        position = close + 1


def tag_name(tag: str) -> str:
    """"br" for `<br/>`, "/div" for `</div>`, "" for what has no name (`<>`, `< b>`)."""
    match = _TAG_NAME.match(tag)
    return match.group(1).lower() if match else ""


def strip_tags(markup: str, *, breaks: Mapping[str, str] | None = None) -> str:
    """A field's text: tags dropped (those named in `breaks` replaced), entities decoded, controls removed."""
    parts = []
    for text, tag in split_tags(markup):
        parts.append(text)
        if tag and breaks:
            parts.append(breaks.get(tag_name(tag), ""))
    return without_controls(html.unescape("".join(parts)))
