"""What each Anki field of a lernkarten note holds: an Entry rendered as escaped text.

A source text can say anything (`<script>`, `{{c1::`, `[sound:x.mp3]`), and Anki reads
some of it as markup in the *raw* field text, so every value here is built from escaped
pieces and the only markup is the little we add on purpose.

How the fields are filled (the field names are in `fields.py`; readers such as the quiz
can rely on this):

* Escaping: every piece of text from an Entry or Source goes through `escape_text`:
  control characters dropped (`\x1f` separates Anki's fields; `plaintext.without_controls`),
  `html.escape(quote=True)`,
  then `{` `}` `[` `]` written `&#123;` `&#125;` `&#91;` `&#93;` (cloze markers, sound, LaTeX
  and TTS tags). `html.unescape` gives the text back.
* Our markup, and nothing else:
  - word `Example`: the sentence with each span of the word wrapped in
    `<span class="lk-target">...</span>` (a separable verb has two: `teilte` ... `mit`);
  - word `Notes`: one note a line, lines joined by `<br>`;
  - cloze `Text`: the sentence with each span as `{{c1::word}}`, the first one carrying the
    hint, `{{c1::teilte::to communicate}} ... {{c1::mit}}`; inside a deletion `:` is also
    written `&#58;` so that a word or hint never splits the marker.
* Plain joins (no markup):
  - `German`: the word as learned, article included: "das Bündnis", "die Streitkräfte",
    "der/das Teil", "mitteilen", "sich beteiligen", "den Ausschlag geben";
  - `Gender`: "m", "f", "n", "pl" (plural only), genders joined by a space when the text cannot
    decide ("m n"), empty for anything but a noun;
  - `English`: glosses joined by "; "; a label follows in parentheses ("alliance (pol.)"),
    an uncertain gloss ends in " (?)";
  - `Grammar`: parts joined by " · ": "die Bündnisse · des Bündnisses",
    "teilt mit · teilte mit · hat mitgeteilt", "plural only", "plural of die Sicherheitskraft";
  - `Uncertain`: the names of the facts to check, joined by ", " ("gender, glosses");
  - `Source`: "title (date)", or the source id when it has no title;
  - `Reverse`: "y" when the English -> German card is wanted, else empty;
  - `Lemma`, `PartOfSpeech`, `Level`, `ExampleTranslation`, `Attribution`: the Entry's or
    Source's text as it is;
  - `Extra1`: example sentences from the entry's other texts (at most two), each marked as
    `Example` is and followed by " (source)", joined by "<br>"; empty for a word of one text;
  - `Extra2` (word note): `[sound:FILE]` of the word spoken, when the deck is built with audio;
  - `Extra3` (word note): `[sound:FILE]` of the example sentence spoken, with sentence audio;
  - cloze `Extra2`: the sentence's sound when there is one, else the word's;
  - `Extra1` (cloze): always empty (room to grow without changing the note type).
  FILE is a name lernkarten makes (`audio/clips.py`: letters, digits, `-`, `.`), never source text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lernkarten.entries import EXPRESSION_LIST, GENDERS, Deck, Entry, Example, Source, plural_note
from lernkarten.packaging.fields import CLOZE_FIELDS, WORD_FIELDS, note_guid
from lernkarten.packaging.subdecks import parent_name, subdeck_name
from lernkarten.plaintext import without_controls

if TYPE_CHECKING:
    from lernkarten.audio.note_audio import NoteAudio

#: What the Reverse field holds when the English -> German card is wanted.
REVERSE_ON = "y"

_ANKI_SYNTAX = str.maketrans({"{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;"})
_ANKI_BRACKETS = re.compile(r"[{}\[\]]")
_AUXILIARY_3SG = {"haben": "hat", "sein": "ist"}
_TAG_UNSAFE = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class RenderedNote:
    """One Anki note as it goes into the package: identity, field values in order, tags, deck."""

    kind: str                     # "word" or "cloze"
    guid: str
    fields: tuple[str, ...]       # in the order of WORD_FIELDS or CLOZE_FIELDS
    tags: tuple[str, ...]
    deck: str                     # full deck name, "Kasachstan::FAZ 2022-01-06 Kasachstan"


def escape_text(text: str) -> str:
    """Text safe in a raw Anki field: shown literally, never read as HTML, cloze or media."""
    escaped = html.escape(without_controls(text), quote=True)
    # most text has none of Anki's brackets: looking for them is quicker than translating
    return escaped.translate(_ANKI_SYNTAX) if _ANKI_BRACKETS.search(escaped) else escaped


def _escape_in_cloze(text: str) -> str:
    # "::" inside a deletion would start the hint early; a lone ":" is harmless but simpler
    # to escape everywhere than to find its neighbours.
    return escape_text(text).replace(":", "&#58;")


def usable_glosses(entry: Entry) -> list[str]:
    """The gloss texts a card can show; an entry without any never becomes a card."""
    return [g.text.strip() for g in entry.glosses if g.text.strip()]


def headword(entry: Entry) -> str:
    """The word as a learner says it, unescaped: "das Bündnis", "sich beteiligen"."""
    lemma = entry.lemma.strip()
    if entry.pos == "NOUN" and entry.article:
        return f"{entry.article} {lemma}"
    if entry.verb and entry.verb.reflexive and not lemma.startswith("sich "):
        return f"sich {lemma}"
    return lemma


def gender_code(entry: Entry) -> str:
    """The Gender field: what the card's colour follows."""
    if entry.pos != "NOUN":
        return ""
    if entry.plural_only:
        return "pl"
    known = [g for g in GENDERS if g in entry.gender]
    return " ".join(known)


def grammar_line(entry: Entry) -> str:
    """Plural and genitive of a noun, principal parts of a verb, irregular comparison."""
    parts: list[str] = []
    if entry.pos == "NOUN":
        if entry.plural_only:
            parts.append(plural_note(entry.singular.strip()))
        elif entry.plural.strip():
            plural = entry.plural.strip()
            parts.append(plural if plural.startswith("die ") else f"die {plural}")
        if entry.genitive.strip():
            parts.append(entry.genitive.strip())
    if entry.verb:
        verb = entry.verb
        auxiliary = _AUXILIARY_3SG.get(verb.auxiliary, verb.auxiliary)
        participle = verb.participle.strip()
        if verb.reflexive and "sich" not in participle.split():
            participle = f"sich {participle}"  # "hat sich beteiligt", never "hat beteiligt"
        parts += [verb.present, verb.past, f"{auxiliary} {participle}".strip()]
        parts += verb.government
    if entry.comparative.strip():
        parts.append(entry.comparative.strip())
    if entry.superlative.strip():
        parts.append(entry.superlative.strip())
    return " · ".join(escape_text(p.strip()) for p in parts if p.strip())


def english_line(entry: Entry) -> str:
    """The glosses as the card shows them, labels and doubts included."""
    shown = []
    for gloss in entry.glosses:
        if not gloss.text.strip():
            continue
        text = gloss.text.strip()
        if gloss.label.strip():
            text += f" ({gloss.label.strip()})"
        if gloss.uncertain:
            text += " (?)"
        shown.append(escape_text(text))
    return "; ".join(shown)


def notes_lines(entry: Entry, example: Example | None = None) -> str:
    """Grammar notes, then where a gloss or translation that is not a plain dictionary hit came from."""
    lines = [n.strip() for n in entry.notes if n.strip()]
    if entry.adjectival_noun:
        lines.append("declined like an adjective")
    for gloss in entry.glosses:
        if not gloss.text.strip() or gloss.source in ("ding", "ding:phrase", EXPRESSION_LIST):
            continue
        how = f"made from {gloss.via}" if gloss.via.strip() else f"from {gloss.source}"
        lines.append(f"“{gloss.text.strip()}”: {how}")
    if example is not None and example.translation.strip() and example.translation_source.strip():
        lines.append(f"sentence translated by {example.translation_source.strip()}")
    return "<br>".join(escape_text(line) for line in lines)


def valid_spans(example: Example) -> bool:
    """Whether the spans mark words of the sentence (a hand-edited JSON may break them)."""
    end = 0
    for start, stop in example.spans:
        if not (end <= start < stop <= len(example.text)) or not example.text[start:stop].strip():
            return False
        end = stop
    return bool(example.spans)


def card_example(entry: Entry) -> Example | None:
    """The example the card shows: the first whose spans mark the word, else the first at all."""
    with_text = [e for e in entry.examples if e.text.strip()]
    for example in with_text:
        if valid_spans(example):
            return example
    return with_text[0] if with_text else None


def marked_sentence(example: Example) -> str:
    """The sentence with the word marked by our one <span>; every other piece escaped."""
    if not valid_spans(example):
        return escape_text(example.text)
    pieces, end = [], 0
    for start, stop in example.spans:
        pieces.append(escape_text(example.text[end:start]))
        pieces.append(f'<span class="lk-target">{escape_text(example.text[start:stop])}</span>')
        end = stop
    pieces.append(escape_text(example.text[end:]))
    return "".join(pieces)


def cloze_sentence(example: Example, hint: str) -> str:
    """The sentence with the word as deletion c1 (one card even for `teilte ... mit`)."""
    pieces, end = [], 0
    for index, (start, stop) in enumerate(example.spans):
        pieces.append(escape_text(example.text[end:start]))
        word = _escape_in_cloze(example.text[start:stop])
        tail = f"::{_escape_in_cloze(hint)}" if index == 0 and hint else ""
        pieces.append(f"{{{{c1::{word}{tail}}}}}")
        end = stop
    pieces.append(escape_text(example.text[end:]))
    return "".join(pieces)


def entry_source(entry: Entry, deck: Deck) -> Source | None:
    """The text the card credits: that of its example, else the first the entry occurs in."""
    example = card_example(entry)
    wanted = (example.source if example and example.source else "") or (entry.sources[0] if entry.sources else "")
    if not wanted:
        return None
    for source in deck.sources:
        if source.id == wanted:
            return source
    return Source(id=wanted)


def source_line(source: Source | None) -> str:
    if source is None:
        return ""
    title = source.title.strip() or source.id
    return escape_text(f"{title} ({source.date})" if source.date.strip() else title)


def note_tags(entry: Entry, source: Source | None) -> tuple[str, ...]:
    """Tags for Anki's browser: every text the word occurs in, part of speech, level; never a space inside one."""
    tags = ["lernkarten", f"lernkarten::pos::{entry.pos.lower()}"]
    source_ids = list(entry.sources) or ([source.id] if source is not None else [])
    tags.extend(f"lernkarten::source::{source_id}" for source_id in source_ids)
    if entry.level.strip():
        tags.append(f"lernkarten::level::{entry.level.strip()}")
    if entry.uncertain:
        tags.append("lernkarten::uncertain")
    return tuple(_safe_tag(t) for t in tags)


def _safe_tag(tag: str) -> str:
    return "::".join(_TAG_UNSAFE.sub("-", part).strip("-") or "-" for part in tag.split("::"))


_MEDIA_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def sound_tag(media_name: str) -> str:
    """The field text that makes Anki play a media file: empty for no file."""
    if not media_name:
        return ""
    if not _MEDIA_NAME.fullmatch(media_name):
        # the name goes into the field unescaped: only names of our own making may
        raise ValueError(f"not a media name lernkarten makes: {media_name!r}")
    return f"[sound:{media_name}]"


def word_fields(entry: Entry, deck: Deck, *, reverse: bool = False, audio: NoteAudio | None = None) -> tuple[str, ...]:
    """The word note's field values, in the order of WORD_FIELDS."""
    example = card_example(entry)
    source = entry_source(entry, deck)
    values = {
        "German": escape_text(headword(entry)),
        "Lemma": escape_text(entry.lemma.strip()),
        "PartOfSpeech": escape_text(entry.pos),
        "Gender": gender_code(entry),
        "Grammar": grammar_line(entry),
        "English": english_line(entry),
        "Notes": notes_lines(entry, example),
        "Example": marked_sentence(example) if example else "",
        "ExampleTranslation": escape_text(example.translation.strip()) if example else "",
        "Source": source_line(source),
        "Attribution": escape_text(source.attribution.strip()) if source else "",
        "Uncertain": escape_text(", ".join(u.strip() for u in entry.uncertain if u.strip())),
        "Level": escape_text(entry.level.strip()),
        "Reverse": REVERSE_ON if reverse else "",
        "Extra1": more_examples(entry, deck, example),
        "Extra2": sound_tag(audio.word) if audio else "",
        "Extra3": sound_tag(audio.sentence) if audio else "",
    }
    return tuple(values.get(name, "") for name in WORD_FIELDS)


def more_examples(entry: Entry, deck: Deck, shown: Example | None, most: int = 2) -> str:
    """Sentences from the entry's other texts, one per text, each with its source: a word met in
    several articles is learned from all of them."""
    sources = {source.id: source for source in deck.sources}
    seen = {shown.source} if shown else set()
    lines: list[str] = []
    for example in entry.examples:
        if len(lines) >= most:
            break
        if example.source in seen or not valid_spans(example):
            continue
        seen.add(example.source)
        source = sources.get(example.source)
        where = f" ({source_line(source)})" if source else ""
        lines.append(marked_sentence(example) + where)
    return "<br>".join(lines)


def cloze_hint(entry: Entry) -> str:
    """The first gloss as the hint on the cloze's front, with its doubt: the front must not look surer than the back."""
    first = next((g for g in entry.glosses if g.text.strip()), None)
    if first is None:
        return ""
    doubtful = first.uncertain or "glosses" in entry.uncertain
    return first.text.strip() + (" (?)" if doubtful else "")


def cloze_fields(entry: Entry, deck: Deck, audio: NoteAudio | None = None) -> tuple[str, ...] | None:
    """The cloze note's field values, or None when no example marks the word."""
    example = card_example(entry)
    if example is None or not valid_spans(example):
        return None
    source = entry_source(entry, deck)
    values = {
        "Text": cloze_sentence(example, cloze_hint(entry)),
        "German": escape_text(headword(entry)),
        "English": english_line(entry),
        "Source": source_line(source),
        "Attribution": escape_text(source.attribution.strip()) if source else "",
        "Extra2": sound_tag(audio.sentence or audio.word) if audio else "",
    }
    return tuple(values.get(name, "") for name in CLOZE_FIELDS)


def entry_deck_name(entry: Entry, deck: Deck) -> str:
    """The Anki deck of the entry's notes: a subdeck per source text under the deck's name."""
    source = entry_source(entry, deck)
    parent = parent_name(deck)
    return f"{parent}::{subdeck_name(source)}" if source else parent


def render_entry(entry: Entry, deck: Deck, *, reverse: bool = False,
                 audio: NoteAudio | None = None) -> list[RenderedNote]:
    """The notes an entry becomes: none without a gloss, a word note, a cloze note with an example;
    with `audio`, the [sound:] fields of its pronunciations."""
    if not usable_glosses(entry):
        return []
    tags = note_tags(entry, entry_source(entry, deck))
    deck_name = entry_deck_name(entry, deck)
    notes = [RenderedNote("word", note_guid(entry.key), word_fields(entry, deck, reverse=reverse, audio=audio),
                          tags, deck_name)]
    cloze = cloze_fields(entry, deck, audio)
    if cloze is not None:
        notes.append(RenderedNote("cloze", note_guid(entry.key, "cloze"), cloze, tags, deck_name))
    return notes
