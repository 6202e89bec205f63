"""The spaCy component that tags German with HanTa: `tag_` (STTS), `pos_` (UPOS), `lemma_`, `morph`.

Lemmas are a treebank's (`teilte` -> `teilen`, the particle its own token); what the learner
learns (`mitteilen`) is added by the later components on extensions. A trained spaCy pipeline
can take this component's place without the later stages noticing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import minibatch

from lernkarten.analysis import extensions
from lernkarten.analysis.hanta_tagger import MemoizingHanoverTagger, german_tagger
from lernkarten.analysis.normalize import plain_punctuation
from lernkarten.analysis.stts import standard_tag, upos
from lernkarten.lexicon.morphology import FEMININE_ENDINGS

#: pronoun forms -> morphological features a later rule may need (reflexives agree in person)
_PRONOUN_FEATURES = {
    "ich": "Case=Nom|Number=Sing|Person=1", "mich": "Case=Acc|Number=Sing|Person=1",
    "mir": "Case=Dat|Number=Sing|Person=1", "du": "Case=Nom|Number=Sing|Person=2",
    "dich": "Case=Acc|Number=Sing|Person=2", "dir": "Case=Dat|Number=Sing|Person=2",
    "er": "Case=Nom|Gender=Masc|Number=Sing|Person=3", "ihn": "Case=Acc|Gender=Masc|Number=Sing|Person=3",
    "es": "Gender=Neut|Number=Sing|Person=3", "wir": "Case=Nom|Number=Plur|Person=1",
    "uns": "Number=Plur|Person=1", "ihr": "Person=2", "euch": "Number=Plur|Person=2",
    "sich": "Person=3", "man": "Case=Nom|Number=Sing|Person=3",
}

#: HanTa's tags for adjectives and infinitives used as nouns
_NOMINALISED = {"NNA": "ADJ", "NNI": "VERB"}

_VERB_FORMS = {
    "FIN": "VerbForm=Fin", "INF": "VerbForm=Inf", "IZU": "VerbForm=Inf", "PP": "VerbForm=Part",
    "IMP": "Mood=Imp|VerbForm=Fin",
}


def make_hanta_tagger(nlp: Language, name: str) -> HantaTagger:
    """spaCy's hook: `nlp.add_pipe("lernkarten_hanta")`."""
    extensions.register()
    return HantaTagger()


class HantaTagger:
    """Tags each sentence of a Doc with HanTa; sentences must be set (a sentencizer before it).

    The tagger's word analyses for a Doc (or a batch of them, through `nlp.pipe`) are read
    from its store on disk in one go before tagging, and what was new is written after.
    """

    def __init__(self) -> None:
        self._tagger: MemoizingHanoverTagger | None = None

    @property
    def tagger(self) -> MemoizingHanoverTagger:
        """The tagger this component tags with, loaded at its first Doc (building a pipeline stays quick)."""
        if self._tagger is None:
            self._tagger = german_tagger()
        return self._tagger

    def __call__(self, doc: Doc) -> Doc:
        tagger = self.tagger
        sentences = _sentences(doc)
        tagger.prefetch(word for _, words in sentences for word in words)
        self._tag(tagger, doc, sentences)
        tagger.flush()
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        tagger = self.tagger
        for batch in minibatch(docs, size=batch_size):
            sentences = [_sentences(doc) for doc in batch]
            tagger.prefetch(word for doc_sentences in sentences for _, words in doc_sentences for word in words)
            for doc, doc_sentences in zip(batch, sentences):
                self._tag(tagger, doc, doc_sentences)
            tagger.flush()
            yield from batch

    def _tag(self, tagger, doc: Doc, sentences: list[tuple[list[Token], list[str]]]) -> Doc:
        for tokens, words in sentences:
            for token, word, (_, lemma, hanta_tag) in zip(tokens, words, tagger.tag_sent(words)):
                tag = standard_tag(hanta_tag)
                if tag in ("XY", "FM") and word and not any(c.isalnum() for c in word):
                    tag = "$("  # "--", "....": punctuation HanTa has not seen
                token.tag_ = tag
                token.pos_ = upos(tag, word, lemma)
                # punctuation keeps its own character as lemma, not HanTa's plain replacement
                token.lemma_ = token.text if tag.startswith("$") else lemma
                if hanta_tag in _NOMINALISED:
                    token._.nominalised = _NOMINALISED[hanta_tag]
                features = _features(tag, word)
                if features:
                    token.set_morph(features)  # type: ignore[attr-defined]  # spaCy has it; its stubs do not
            settle_unknown_words(tokens)
            settle_compound_parts(tokens)
            settle_full_verbs(tokens)
        for token in doc:
            if token.is_space:
                token.tag_ = "_SP"
                token.pos_ = "SPACE"
                token.lemma_ = token.text
        return doc


def _sentences(doc: Doc) -> list[tuple[list[Token], list[str]]]:
    """Each sentence's tokens (spaces left out) and the words HanTa is to see for them."""
    found = []
    for sentence in doc.sents if doc.has_annotation("SENT_START") else [doc[:]]:
        tokens = [token for token in sentence if not token.is_space]
        if tokens:
            found.append((tokens, [_as_tagged(token.text) for token in tokens]))
    return found


def _as_tagged(text: str) -> str:
    """The form HanTa should see: plain quotes and dashes; a shouted word ("SUPER") in its normal case;
    ß where the writer wrote ss for it and the tagger knows only the ß form ("draussen")."""
    word = plain_punctuation(text)
    if "ss" in word:
        # deferred: read only when this runs (start-up time)
        from lernkarten.analysis.lemmas import sz_spelling

        word = sz_spelling(word)
    if len(word) > 1 and word.isupper() and word.isalpha():
        # deferred: read only when this runs (start-up time)
        from lernkarten.analysis.lemmas import is_shouted, normal_case

        if is_shouted(word):
            return normal_case(word)
    return word


def _features(tag: str, word: str) -> str:
    if tag.startswith("V"):
        return _VERB_FORMS.get(tag[2:], "")
    if tag == "PRF":
        person = _PRONOUN_FEATURES.get(word.lower(), "")
        return f"{person}|PronType=Prs|Reflex=Yes" if person else "PronType=Prs|Reflex=Yes"
    if tag == "PPER":
        person = _PRONOUN_FEATURES.get(word.lower() if word != "Sie" else "sie", "")
        return f"{person}|PronType=Prs" if person else "PronType=Prs"
    if tag == "ART":
        return "Definite=Def|PronType=Art" if word.lower().startswith("d") else "Definite=Ind|PronType=Art"
    return ""


#: closed word classes: an abbreviation tagged as one of them was mistaken for a function word
_CLOSED_TAGS = frozenset({
    "ART", "PPOSAT", "PPER", "PRF", "PDAT", "PDS", "PIAT", "PIS", "PRELS", "PRELAT", "PWS", "PWAT",
    "PWAV", "APPR", "APPRART", "APPO", "APZR", "KON", "KOUS", "KOUI", "KOKOM", "PTKZU", "PTKNEG", "PTKA",
})

#: endings of an attributive adjective: leckere, leckeren, leckerer, leckeres, leckerem
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


def settle_unknown_words(tokens: list[Token]) -> None:
    """Correct what the tagger guesses for words its lexicon lacks.

    - A lower-case word tagged as a noun or name (`lecker`, `klasse`: unknown to the tagger,
      guessed from their ending) is an adjective when the dictionary lists it as one, in a sentence
      whose writer capitalises nouns (in an all lower-case text a noun may be written small).
    - An abbreviation tagged as a function word (`EUR` read as a form of `euer`) is a name.
    """
    # deferred: read only when this runs (start-up time)
    from lernkarten.analysis.lemmas import is_abbreviation
    from lernkarten.lexicon.headwords import headwords

    adjectives = None
    for index, token in enumerate(tokens):
        text = token.text
        if token.tag_ in ("NN", "NE") and index > 0 and text[:1].islower() and text.isalpha():
            if adjectives is None:
                if not _capitalises_nouns(tokens, index):
                    return
                adjectives = headwords().adjectives
            lemma, inflected = _adjective_reading(text.lower(), adjectives)
            if lemma:
                token.tag_ = "ADJA" if inflected else "ADJD"
                token.pos_ = "ADJ"
                token.lemma_ = lemma
                token._.nominalised = None
        elif token.tag_ in _CLOSED_TAGS and text.isupper() and is_abbreviation(text):
            token.tag_ = "NE"
            token.pos_ = "PROPN"
            token.lemma_ = text


def _capitalises_nouns(tokens: list[Token], besides: int) -> bool:
    return any(t.tag_ in ("NN", "NE") and t.text[:1].isupper() for i, t in enumerate(tokens) if i not in (0, besides))


def _adjective_reading(word: str, adjectives: frozenset[str]) -> tuple[str, bool]:
    """(the adjective `word` is a form of, whether it carries an ending), or ("", False)."""
    if word in adjectives:
        return word, False
    for ending in _ADJECTIVE_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and stem in adjectives:
            return stem, True
    return "", False




def settle_compound_parts(tokens: list[Token]) -> None:
    """Mark the first part of a compound written with a hyphen as such (STTS `TRUNC`).

    `Zeitungs- und Illustriertenseiten`, `Preis - Leistungs - Verhältnis`: a word in -s before a
    hyphen whose stem is a feminine noun cannot be a noun of its own (feminine nouns take no
    -s); like any truncated part it keeps its form as lemma.
    """
    for index, token in enumerate(tokens[:-1]):
        text = token.text
        if tokens[index + 1].text not in ("-", "\u2010") or not text.endswith("s") or not text[:1].isupper():
            continue
        stem = text[:-1]
        if len(stem) >= 4 and stem.isalpha() and (stem.endswith(FEMININE_ENDINGS) or _is_feminine_noun(stem)) \
                and not _is_noun_form(text):
            token.tag_ = "TRUNC"
            token.pos_ = "NOUN"
            token.lemma_ = text
            token._.nominalised = None


def _is_noun_form(word: str) -> bool:
    # deferred: read only when this runs (start-up time)
    from lernkarten.analysis.lemmas import _table

    return bool(_table().lookup(word))  # "Preis -": a noun ending in s of its own


def _is_feminine_noun(word: str) -> bool:
    # deferred: read only when this runs (start-up time)
    from lernkarten.analysis.lemmas import _table

    rows = _table().lemma(word)
    return bool(rows) and all(row.gender == "f" for row in rows)


def settle_full_verbs(tokens: list[Token]) -> None:
    """Mark `haben` and modals used as full verbs VERB ("Sie hat Zeit", "Ich will das").

    An auxiliary governs a participle or infinitive in its clause; without one in the clause,
    haben and the modals are main verbs in Universal Dependencies (sein and werden stay AUX:
    the copula is AUX there).
    """
    # deferred: read only when this runs (start-up time)
    from lernkarten.analysis.clauses import clause_of

    for index, token in enumerate(tokens):
        tag = token.tag_
        if token.pos_ != "AUX" or not (tag.startswith("VM") or (tag.startswith("VA") and token.lemma_ == "haben")):
            continue
        clause = clause_of(tokens, index, commas_only=True)
        if not any(_may_be_governed(other) for other in clause if other is not token):
            token.pos_ = "VERB"


#: verb forms an auxiliary or modal governs; a finite full verb too, since HanTa sometimes
#: tags a clause-final infinitive or participle as finite
_GOVERNED_FORMS = frozenset({"VVPP", "VAPP", "VMPP", "VVINF", "VAINF", "VMINF", "VVIZU", "VVFIN"})


def _may_be_governed(token: Token) -> bool:
    # a participle tagged as an adjective: "hat ... freigesprochen" (ADJD)
    return token.tag_ in _GOVERNED_FORMS or (token.tag_ == "ADJD" and "ge" in token.text.lower()[:6])
