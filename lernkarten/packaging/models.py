"""The two Anki note types of a lernkarten deck: templates, CSS, and their revision time.

Field and template *names* come from `fields.py` and never change. Template text and CSS
may change: Anki then replaces them in the learner's collection, but only when the note
type's mod time is newer than the one it has. So whoever edits TEMPLATES or CSS here also
sets `REVISED` to the current Unix time and `REVISION` to `template_fingerprint()` (a test
fails until both are done), and bumps the "(vN)" in the names.

A deck built with audio carries the same note types (same ids, fields and template names)
with templates that also play the spare fields' `[sound:...]`: a newer revision
(`AUDIO_REVISED`, `AUDIO_REVISION`) that shows nothing more for a note without sound. So a
learner who once imported a deck with audio keeps those templates when a later deck without
audio arrives (its note types are older), and a deck without audio stays as it always was.
"""

from __future__ import annotations

import hashlib
from typing import Any

from lernkarten.packaging.fields import (
    CLOZE_FIELDS,
    CLOZE_MODEL_ID,
    CLOZE_TEMPLATES,
    WORD_FIELDS,
    WORD_MODEL_ID,
    WORD_TEMPLATES,
)

WORD_MODEL_NAME = "Lernkarten Word (v2)"
CLOZE_MODEL_NAME = "Lernkarten Cloze (v2)"

#: Unix time of the last change to the templates or CSS: the note types' mod time.
REVISED = 1_795_576_928  # 2026-11-25, more examples
#: `template_fingerprint()` at that revision.
REVISION = "3dcd6ae53df5"

WORD_AUDIO_MODEL_NAME = "Lernkarten Word (v3)"
CLOZE_AUDIO_MODEL_NAME = "Lernkarten Cloze (v3)"
#: The revision of the templates with sound: always newer than `REVISED`.
AUDIO_REVISED = 1_796_536_800  # 2026-12-06, pronunciations
#: `audio_template_fingerprint()` at that revision.
AUDIO_REVISION = "4777569d6c82"

#: Shown in small print on every card back; the deck description carries the full credits.
CREDITS_LINE = (
    "Glosses: Ding (Frank Richter, TU Chemnitz, GPL) · "
    "Noun grammar: Wiktionary via german-nouns (CC BY-SA 4.0)"
)

_SOURCE_BLOCK = """\
<div class="lk-source">{{#Source}}{{Source}}{{/Source}}{{#Attribution}}<br>{{Attribution}}{{/Attribution}}</div>
<div class="lk-credits">""" + CREDITS_LINE + "</div>"

WORD_FRONT = """\
<div class="lk-word" data-gender="{{Gender}}">{{German}}</div>
{{#Grammar}}<div class="lk-grammar">{{Grammar}}</div>{{/Grammar}}"""

WORD_BACK = """\
{{FrontSide}}
<hr id="answer">
<div class="lk-english">{{English}}</div>
{{#Notes}}<div class="lk-notes">{{Notes}}</div>{{/Notes}}
{{#Example}}<div class="lk-example">{{Example}}</div>{{/Example}}
{{#ExampleTranslation}}<div class="lk-translation">{{ExampleTranslation}}</div>{{/ExampleTranslation}}
{{#Extra1}}<div class="lk-more-examples">{{Extra1}}</div>{{/Extra1}}
{{#Uncertain}}<div class="lk-uncertain">Please check: {{Uncertain}}</div>{{/Uncertain}}
""" + _SOURCE_BLOCK

REVERSE_FRONT = """\
{{#Reverse}}
<div class="lk-english">{{English}}</div>
<div class="lk-pos">{{PartOfSpeech}}</div>
{{/Reverse}}"""

REVERSE_BACK = """\
{{#Reverse}}
{{FrontSide}}
<hr id="answer">
<div class="lk-word" data-gender="{{Gender}}">{{German}}</div>
{{#Grammar}}<div class="lk-grammar">{{Grammar}}</div>{{/Grammar}}
{{#Example}}<div class="lk-example">{{Example}}</div>{{/Example}}
{{#Uncertain}}<div class="lk-uncertain">Please check: {{Uncertain}}</div>{{/Uncertain}}
""" + _SOURCE_BLOCK + "\n{{/Reverse}}"

CLOZE_FRONT = """\
<div class="lk-example">{{cloze:Text}}</div>"""

CLOZE_BACK = """\
<div class="lk-example">{{cloze:Text}}</div>
<hr id="answer">
<div class="lk-cloze-word">{{German}}</div>
<div class="lk-english">{{English}}</div>
""" + _SOURCE_BLOCK

# Pronunciations: the word's on the side that shows the word, the sentence's beside the sentence.
_WORD_SOUND = "{{#Extra2}}<div class=\"lk-sound\">{{Extra2}}</div>{{/Extra2}}"
_SENTENCE_SOUND = "{{#Extra3}}<div class=\"lk-sound\">{{Extra3}}</div>{{/Extra3}}"
_EXAMPLE_LINE = "{{#Example}}<div class=\"lk-example\">{{Example}}</div>{{/Example}}\n"
_GRAMMAR_LINE = "{{#Grammar}}<div class=\"lk-grammar\">{{Grammar}}</div>{{/Grammar}}\n"


def _with_sounds(template: str, *, word_after: str = "", sentence: bool = True) -> str:
    """`template` with the word's sound after `word_after` and the sentence's after the example."""
    if word_after:
        template = template.replace(word_after, word_after + _WORD_SOUND + "\n", 1)
    if sentence:
        template = template.replace(_EXAMPLE_LINE, _EXAMPLE_LINE + _SENTENCE_SOUND + "\n", 1)
    return template


WORD_AUDIO_TEMPLATE_TEXT = (
    (WORD_FRONT + "\n" + _WORD_SOUND, _with_sounds(WORD_BACK)),
    (REVERSE_FRONT, _with_sounds(REVERSE_BACK, word_after=_GRAMMAR_LINE)),
)
_CLOZE_SOUND = _WORD_SOUND  # cloze Extra2: the sentence's sound, else the word's
CLOZE_AUDIO_TEMPLATE_TEXT = ((CLOZE_FRONT, CLOZE_BACK.replace(_SOURCE_BLOCK, _CLOZE_SOUND + "\n" + _SOURCE_BLOCK, 1)),)

# No background colours: Anki's own light and night themes stay in charge, and every
# colour has a night variant. Gender is also in the written article, so colour only helps.
CSS = """\
.card {
  font-family: "Noto Sans", "Segoe UI", Helvetica, Arial, sans-serif;
  font-size: 20px;
  line-height: 1.45;
  text-align: center;
}
.lk-word { font-size: 1.6em; font-weight: 600; }
.lk-word[data-gender="m"] { color: #1a56b0; }
.lk-word[data-gender="f"] { color: #b0241b; }
.lk-word[data-gender="n"] { color: #22712a; }
.lk-word[data-gender="pl"] { color: #8a4f00; }
.nightMode .lk-word[data-gender="m"], .night_mode .lk-word[data-gender="m"] { color: #8ab4f8; }
.nightMode .lk-word[data-gender="f"], .night_mode .lk-word[data-gender="f"] { color: #f28b82; }
.nightMode .lk-word[data-gender="n"], .night_mode .lk-word[data-gender="n"] { color: #81c995; }
.nightMode .lk-word[data-gender="pl"], .night_mode .lk-word[data-gender="pl"] { color: #fdd663; }
.lk-grammar, .lk-pos { font-size: 0.85em; opacity: 0.75; }
.lk-pos { text-transform: lowercase; }
.lk-english { font-size: 1.15em; margin: 0.4em 0; }
.lk-notes { font-size: 0.85em; font-style: italic; }
.lk-example { margin-top: 0.8em; }
.lk-more-examples { margin-top: 0.6em; font-size: 0.9em; opacity: 0.85; }
.lk-target { font-weight: 700; text-decoration: underline; text-underline-offset: 0.15em; }
.lk-translation { font-size: 0.9em; opacity: 0.8; }
.lk-uncertain { font-size: 0.85em; margin-top: 0.6em; border: 1px dashed currentColor; display: inline-block; padding: 0 0.4em; }
.lk-cloze-word { font-size: 1.2em; font-weight: 600; }
.cloze { font-weight: 700; color: #1a56b0; }
.nightMode .cloze, .night_mode .cloze { color: #8ab4f8; }
.lk-source { font-size: 0.7em; opacity: 0.7; margin-top: 1.2em; }
.lk-credits { font-size: 0.6em; opacity: 0.55; margin-top: 0.3em; }
"""

WORD_TEMPLATE_TEXT = ((WORD_FRONT, WORD_BACK), (REVERSE_FRONT, REVERSE_BACK))
CLOZE_TEMPLATE_TEXT = ((CLOZE_FRONT, CLOZE_BACK),)


def template_fingerprint() -> str:
    """A short hash of everything a note type's revision covers: names, templates, CSS."""
    return _fingerprint(WORD_MODEL_NAME, CLOZE_MODEL_NAME, WORD_TEMPLATE_TEXT, CLOZE_TEMPLATE_TEXT)


def audio_template_fingerprint() -> str:
    """`template_fingerprint` of the note types with sound."""
    return _fingerprint(WORD_AUDIO_MODEL_NAME, CLOZE_AUDIO_MODEL_NAME, WORD_AUDIO_TEMPLATE_TEXT,
                        CLOZE_AUDIO_TEMPLATE_TEXT)


def _fingerprint(word_name: str, cloze_name: str, word_texts: tuple[tuple[str, str], ...],
                 cloze_texts: tuple[tuple[str, str], ...]) -> str:
    parts = [word_name, cloze_name, CSS, *WORD_FIELDS, *CLOZE_FIELDS]
    for names, texts in ((WORD_TEMPLATES, word_texts), (CLOZE_TEMPLATES, cloze_texts)):
        for name, (front, back) in zip(names, texts, strict=True):
            parts += [name, front, back]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12]


def _templates(names: tuple[str, ...], texts: tuple[tuple[str, str], ...]) -> list[dict[str, Any]]:
    return [{"name": n, "qfmt": q, "afmt": a} for n, (q, a) in zip(names, texts, strict=True)]


def word_model(*, audio: bool = False) -> Any:
    """The word note type: German -> English, and English -> German when Reverse is filled."""
    if audio:
        return _model(WORD_MODEL_ID, WORD_AUDIO_MODEL_NAME, WORD_FIELDS,
                      _templates(WORD_TEMPLATES, WORD_AUDIO_TEMPLATE_TEXT), cloze=False, revised=AUDIO_REVISED)
    return _model(WORD_MODEL_ID, WORD_MODEL_NAME, WORD_FIELDS, _templates(WORD_TEMPLATES, WORD_TEMPLATE_TEXT),
                  cloze=False)


def cloze_model(*, audio: bool = False) -> Any:
    """The cloze note type: the example sentence with the word hidden, the gloss as hint."""
    if audio:
        return _model(CLOZE_MODEL_ID, CLOZE_AUDIO_MODEL_NAME, CLOZE_FIELDS,
                      _templates(CLOZE_TEMPLATES, CLOZE_AUDIO_TEMPLATE_TEXT), cloze=True, revised=AUDIO_REVISED)
    return _model(CLOZE_MODEL_ID, CLOZE_MODEL_NAME, CLOZE_FIELDS, _templates(CLOZE_TEMPLATES, CLOZE_TEMPLATE_TEXT),
                  cloze=True)


def _model(model_id: int, name: str, fields: tuple[str, ...], templates: list[dict[str, Any]], *, cloze: bool,
           revised: int = REVISED) -> Any:
    # deferred: read only when this runs (start-up time)
    from lernkarten.packaging.anki_records import RevisedModel

    return RevisedModel(
        revised,
        model_id,
        name,
        fields=[{"name": field} for field in fields],
        templates=templates,
        css=CSS,
        model_type=RevisedModel.CLOZE if cloze else RevisedModel.FRONT_BACK,
    )

