"""Which German verbs are reflexive, from the Ding dictionary's headwords ("sich beteiligen").

A learner should learn `sich beteiligen`, not `beteiligen`, but a false `sich` teaches an
error: `sich` is also a plain dative ("Sie stellt sich die Frage": not `sich stellen`). So a
verb counts as reflexive only when Ding lists it as "sich VERB", and as reflexive with a
further object only when Ding lists it as "sich etw. VERB" / "sich jdm. VERB".

The sets are read once from the Ding file shipped with lernkarten (about a second) and kept
in the cache folder as a small text file, rebuilt when the Ding file changes.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lernkarten.lexicon.ding_format import (
    BRACKETS,
    DING_FILE,
    INFINITIVE,
    PLACEHOLDER,
    VERB_MARK,
    headword_slot,
)
from lernkarten.lexicon.prepositions import VERB_PREPOSITIONS

#: an object after `sich`: a placeholder, or the words of a spelled one ("einer Sache")
_PLACEHOLDER = re.compile(rf"^(?:{PLACEHOLDER}|einer|eine|einen|Sache)$")
_MODALS = frozenset({"können", "lassen", "wollen", "müssen", "dürfen"})


@dataclass(frozen=True)
class ReflexiveVerbs:
    """Verb lemmas (with separable prefix joined: "einbringen") that Ding lists with "sich"."""

    plain: frozenset[str]              # sich beteiligen, sich befassen (mit), sich entzünden
    with_accusative: frozenset[str]    # sich etw. vorstellen: `sich` is dative, the object accusative
    with_dative: frozenset[str]        # sich jdm. anschließen: a dative object besides `sich`


def reflexive_verbs() -> ReflexiveVerbs:
    """The reflexive verbs, read from the cache folder's copy or from Ding on first use."""
    return _load()


@lru_cache(maxsize=1)
def _load() -> ReflexiveVerbs:
    # deferred: read only when this runs (start-up time)
    from lernkarten.caches import CACHES
    from lernkarten.fileio import write_atomic

    path = CACHES["reflexive-verbs"].find()
    if path.exists():
        kinds: dict[str, set[str]] = {"plain": set(), "accusative": set(), "dative": set()}
        for line in path.read_text(encoding="utf-8").splitlines():
            kind, _, verb = line.partition(" ")
            kinds.setdefault(kind, set()).add(verb)
        return ReflexiveVerbs(frozenset(kinds["plain"]), frozenset(kinds["accusative"]), frozenset(kinds["dative"]))
    verbs = read_ding(DING_FILE)
    lines = ([f"plain {v}" for v in sorted(verbs.plain)] + [f"accusative {v}" for v in sorted(verbs.with_accusative)]
             + [f"dative {v}" for v in sorted(verbs.with_dative)])
    write_atomic(path, "\n".join(lines) + "\n")
    CACHES["reflexive-verbs"].prune(keep=path)
    return verbs


def read_ding(path: Path) -> ReflexiveVerbs:
    """The reflexive verbs among the headwords (first slot) of a Ding file."""
    kinds: dict[str, set[str]] = {"": set(), "accusative": set(), "dative": set()}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if "sich " not in line or " :: " not in line:
                continue
            headwords = headword_slot(line)
            if not VERB_MARK.search(headwords):
                continue
            for synonym in headwords.split(";"):
                parsed = parse_headword(synonym)
                if parsed is not None:
                    verb, object_case = parsed
                    kinds[object_case].add(verb)
    return ReflexiveVerbs(frozenset(kinds[""]), frozenset(kinds["accusative"]), frozenset(kinds["dative"]))


def parse_headword(text: str) -> tuple[str, str] | None:
    """(verb, case of a further object or "") for a reflexive headword, else None.

    "sich beteiligen an etw. {vr}" -> ("beteiligen", ""); "sich etw. vorstellen" ->
    ("vorstellen", "accusative"); "sich jdm. anschließen" -> ("anschließen", "dative").

    Idioms with a noun ("sich in Bewegung setzen") are not reflexive verbs: only prepositions
    and object placeholders may stand between `sich` and the verb, or after it.
    """
    words = BRACKETS.sub(" ", text).split()
    if len(words) < 2 or words[0] != "sich":
        return None
    verb = None
    object_case = ""
    previous = "sich"
    for word in words[1:]:
        if verb is None and INFINITIVE.match(word) and word not in VERB_PREPOSITIONS and word not in {"einen", "einer"}:
            verb = word
        elif word in VERB_PREPOSITIONS or word == "/":
            pass
        elif _PLACEHOLDER.match(word):
            if verb is None and previous not in VERB_PREPOSITIONS and word != "jds.":
                dative = word.startswith("jdm.") or word.endswith("jdm.") or word in ("einer", "Sache")
                if not object_case or not dative:
                    object_case = "dative" if dative else "accusative"
        elif verb is not None and word in _MODALS:
            pass
        else:
            return None
        previous = word
    if verb is None:
        return None
    return verb, object_case
