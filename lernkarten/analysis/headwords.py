"""The German verbs a dictionary lists as one word (`mitteilen`, `bekanntgeben`), from Ding's headwords.

A separable particle and the verb it stands apart from make a verb only if German has that
verb: `teilte ... mit` is `mitteilen`, but `sagte ... dazu`, `hat ... drauf` or
`erklärte sich ... bereit` are a verb with an adverb or a predicative adjective (`sich bereit
erklären` is written apart). Word frequencies cannot tell these apart (they count old and
Austrian spellings like `zustandebringen` too); a dictionary's verb headwords can. Only
headwords Ding marks as verbs count, without the synonyms it labels regional or outdated.

The set is read once from the Ding file shipped with lernkarten (about a second) and kept in
the cache folder as a small text file, rebuilt when the Ding file changes.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path

from lernkarten.analysis.reflexive_verbs import DING_FILE

FORMAT_VERSION = 1

#: labels of synonyms that are not today's standard German: regional, Austrian, Swiss, outdated
_NOT_STANDARD = re.compile(
    r"\[(Ös|Schw|Süddt|Norddt|Bayr|Mitteldt|Westdt|Ostdt|Südwestdt|Nordostdt|Nordwestdt|Mittelostdt|"
    r"Mittelwestdt|BW|Südtirol|Westös|Ostös|Sachsen|Lie|Berlin|Lux|Tirol|Franken|Wien|alt|veraltet|"
    r"veraltend|altertümlich|obs|archaic|dated)\.?\]"
)
_VERB_MARK = re.compile(r"\{(vr|vi|vt|v)\}")
_BRACKETS = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>")
#: Ding's placeholders for objects and the reflexive pronoun: etw., jdn., jdm./etw., sich
_PLACEHOLDER = re.compile(r"^((etw|jdn|jdm|jds|jd)\.(/(etw|jdn|jdm|jds|jd)\.)*|sich|einer|Sache)$")
_PREPOSITIONS = frozenset(
    [
        "an", "auf", "aus", "bei", "durch", "für", "gegen", "gegenüber", "hinter", "in", "mit", "nach",
        "neben", "über", "um", "unter", "von", "vor", "wegen", "zu", "zwischen"
    ]
)
_INFINITIVE = re.compile(r"^[a-zäöüß]+(en|ern|eln|n)$")


def dictionary_verbs() -> frozenset[str]:
    """The one-word verb infinitives Ding lists as headwords, read from the cache folder's copy or Ding."""
    return _load()


@lru_cache(maxsize=1)
def _load() -> frozenset[str]:
    from lernkarten.fileio import write_atomic
    from lernkarten.places import cache_dir

    stat = DING_FILE.stat()
    path = cache_dir() / f"dictionary-verbs-v{FORMAT_VERSION}-{stat.st_size}.txt"
    if path.exists():
        return frozenset(path.read_text(encoding="utf-8").split())
    verbs = read_ding(DING_FILE)
    write_atomic(path, "\n".join(sorted(verbs)) + "\n")
    return verbs


def read_ding(path: Path) -> frozenset[str]:
    """The one-word verbs among the headwords (first slot) of a Ding file."""
    verbs: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if "{v" not in line or " :: " not in line:
                continue
            headwords = line.split(" :: ", 1)[0].split(" | ", 1)[0]
            if not _VERB_MARK.search(headwords):
                continue
            for synonym in headwords.split(";"):
                verbs.update(one_word_verbs(synonym))
    return frozenset(verbs)


def one_word_verbs(synonym: str) -> list[str]:
    """The one-word infinitives a Ding synonym names, without objects and the reflexive pronoun.

    "sich in jdn. einfühlen" -> ["einfühlen"]; "etw. amtlich bekannt geben/bekanntgeben" ->
    ["bekanntgeben"]; "etw. zustande bringen" -> []; a synonym labelled regional or outdated -> [].
    """
    if _NOT_STANDARD.search(synonym):
        return []
    words = _BRACKETS.sub(" ", synonym).split()
    kept = []
    for index, word in enumerate(words):
        if _PLACEHOLDER.match(word):
            continue
        if word in _PREPOSITIONS and index + 1 < len(words) and _PLACEHOLDER.match(words[index + 1]):
            continue  # "für etw. geradestehen": the preposition goes with the object
        kept.append(word)
    if not kept:
        return []
    found = []
    for alternative in kept[-1].split("/"):
        # the word alone, or a slash alternative that joins the word before it: "bekannt geben/bekanntgeben"
        alone = len(kept) == 1 or (alternative.startswith(kept[-2]) and alternative != kept[-2])
        if alone and _INFINITIVE.match(alternative):
            found.append(alternative)
    return found
