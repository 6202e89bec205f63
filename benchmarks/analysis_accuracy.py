"""How well the analysis tags and lemmatises German: UD German GSD (dev and test) and the seed text.

    python benchmarks/analysis_accuracy.py [--split dev|test|both] [--errors N] [--tagger-only] [--model NAME]

Each treebank sentence is given to the pipeline as its own tokens (`Doc(words=..., spaces=...)`),
so that every token lines up with the gold one; the pipeline's components then run on it as
on any text. A contraction written as one word ("zum" = "zu dem") stays one word, as in real
text, and is scored against its first part (ADP "zu"); its second part is left out of every
figure. Figures:
- UPOS accuracy over all scored tokens;
- lemma accuracy over content words (gold UPOS NOUN, PROPN, VERB, ADJ, ADV), comparing the
  treebank-style `lemma_` (`teilte` -> `teilen`), not the learner's lemma;
- precision and recall of separable particles attached to their verbs against `compound:prt`
  (the strict figure, the one to report), and again counting also the particles the treebank
  tags PTKVZ but attaches with another relation (`gab bekannt`: `mark`), with the list of
  those disputed verbs (`bekanntgeben`, `wiedersehen`, `untertauchen`: separable verbs that a
  dictionary lists as one word);
- the time to analyse the seed article.
The gold lemmas were made by TreeTagger and are sometimes wrong (the treebank's README):
read the disagreements (`--errors`) before changing anything toward them.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
GSD = SHARED / "data" / "ud-german-gsd"
SEED = ROOT / "source_texts" / "faz-2022-01-06-kasachstan-odkb.txt"
CONTENT = {"NOUN", "PROPN", "VERB", "ADJ", "ADV"}


@dataclass
class GoldWord:
    form: str            # the surface token (a contraction's whole form)
    upos: str
    lemma: str
    head: int            # gold head as an index into the sentence's surface tokens (-1: root)
    deprel: str
    xpos: str
    scored: bool = True  # False for the second part of a contraction


def read_conllu(path: Path) -> list[tuple[list[GoldWord], list[bool]]]:
    """Sentences as (gold words aligned to surface tokens, space-after flags)."""
    sentences = []
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line:
            if rows:
                sentences.append(_sentence(rows))
                rows = []
        elif not line.startswith("#"):
            rows.append(line.split("\t"))
    return sentences


def _sentence(rows: list[list[str]]) -> tuple[list[GoldWord], list[bool]]:
    words: list[GoldWord] = []
    spaces: list[bool] = []
    token_of_word: dict[int, int] = {}
    pending = []
    skip_until = 0
    for cols in rows:
        ident = cols[0]
        if "." in ident:
            continue
        if "-" in ident:
            start, end = (int(x) for x in ident.split("-"))
            for word_id in range(start, end + 1):
                token_of_word[word_id] = len(spaces)
            spaces.append("SpaceAfter=No" not in cols[9])
            pending.append((cols[1], start, end))
            skip_until = end
            continue
        word_id = int(ident)
        if word_id <= skip_until:
            continue
        token_of_word[word_id] = len(spaces)
        spaces.append("SpaceAfter=No" not in cols[9])
        pending.append((cols[1], word_id, word_id))
    by_id = {int(c[0]): c for c in rows if c[0].isdigit()}
    for form, start, _ in pending:
        cols = by_id[start]
        head = int(cols[6])
        words.append(GoldWord(form, cols[3], cols[2], token_of_word[head] if head else -1, cols[7], cols[4]))
    return words, spaces


def analyse(nlp, words: list[GoldWord], spaces: list[bool]):
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=[w.form for w in words], spaces=spaces,
              sent_starts=[True] + [False] * (len(words) - 1))
    for name, component in nlp.pipeline:
        if name in ("sentencizer", "senter", "lernkarten_line_breaks"):
            continue
        doc = component(doc)
    return doc


def evaluate(nlp, sentences, errors: int, label: str) -> dict[str, float]:
    upos_right = upos_all = lemma_right = lemma_all = 0
    prt_gold = prt_found = prt_right = 0
    wide_gold = wide_right = 0
    upos_errors: list[str] = []
    lemma_errors: list[str] = []
    prt_errors: list[str] = []
    disputed: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    tokens = 0
    for words, spaces in sentences:
        doc = analyse(nlp, words, spaces)
        tokens += len(doc)
        text = doc.text
        for token, gold in zip(doc, words):
            upos_all += 1
            if token.pos_ == gold.upos:
                upos_right += 1
            else:
                confusion[(gold.upos, token.pos_)] += 1
                upos_errors.append(f"{gold.form}: gold {gold.upos}, ours {token.pos_} ({token.tag_})  | {text}")
            if gold.upos in CONTENT:
                lemma_all += 1
                if token.lemma_ == gold.lemma:
                    lemma_right += 1
                else:
                    lemma_errors.append(f"{gold.form}: gold {gold.lemma}, ours {token.lemma_} ({gold.upos}/{token.pos_})")
        gold_pairs = {(i, w.head) for i, w in enumerate(words) if w.deprel == "compound:prt"}
        found_pairs = {(t.i, t._.particle_verb) for t in doc if t._.particle_verb is not None}
        prt_gold += len(gold_pairs)
        prt_found += len(found_pairs)
        prt_right += len(gold_pairs & found_pairs)
        # the treebank also tags particles PTKVZ that it attaches as `mark` or `advmod` ("gab bekannt")
        wide_pairs = gold_pairs | {(i, w.head) for i, w in enumerate(words)
                                   if w.xpos == "PTKVZ" and w.head >= 0 and words[w.head].upos in ("VERB", "AUX")}
        wide_gold += len(wide_pairs)
        wide_right += len(wide_pairs & found_pairs)
        for i, _head in sorted(found_pairs - gold_pairs):
            if words[i].xpos == "PTKVZ":
                disputed[doc[i]._.entry_lemma] += 1
        for i, head in sorted(gold_pairs ^ found_pairs):
            kind = "missed" if (i, head) in gold_pairs else "wrong"
            prt_errors.append(f"{kind}: {doc[i].text} -> {doc[head].text if head >= 0 else 'ROOT'}  | {text}")
    figures = {
        "tokens": tokens,
        "upos": upos_right / upos_all,
        "content_lemma": lemma_right / lemma_all,
        "prt_precision": prt_right / prt_found if prt_found else 0.0,
        "prt_recall": prt_right / prt_gold if prt_gold else 0.0,
        "prt_gold": prt_gold,
        "prt_found": prt_found,
        "prt_precision_wide": wide_right / prt_found if prt_found else 0.0,
        "prt_recall_wide": wide_right / wide_gold if wide_gold else 0.0,
    }
    print(f"{label}: {len(sentences)} sentences, {tokens} tokens")
    print(f"  UPOS accuracy                 {figures['upos']:.2%}")
    print(f"  content-word lemma accuracy   {figures['content_lemma']:.2%}  ({lemma_all} words)")
    print(f"  separable particles           precision {figures['prt_precision']:.2%}, recall {figures['prt_recall']:.2%}"
          f"  ({prt_found} found, {prt_gold} in gold)")
    print(f"    counting gold PTKVZ too      precision {figures['prt_precision_wide']:.2%},"
          f" recall {figures['prt_recall_wide']:.2%}  ({wide_gold} in gold)")
    print(f"    disputed: {sum(disputed.values())} of the particles counted wrong are tagged PTKVZ by the treebank"
          f" itself, attached as mark/advmod/case or to a noun: {', '.join(sorted(disputed.elements()))}")
    if errors:
        rng = random.Random(7)
        print("  most frequent UPOS confusions (gold -> ours):",
              ", ".join(f"{g}->{o} {n}" for (g, o), n in confusion.most_common(12)))
        for title, items in (("UPOS", upos_errors), ("lemma", lemma_errors), ("particle", prt_errors)):
            print(f"  -- {title} disagreements ({len(items)}), a sample:")
            for line in (items if errors < 0 else rng.sample(items, min(errors, len(items)))):
                print("    " + line[:220])
    return figures


def seed_time(model: str | None) -> None:
    from lernkarten.analysis import load_nlp, occurrences
    from lernkarten.analysis.hanta_tagger import german_tagger

    started = time.perf_counter()
    nlp = load_nlp(model)
    loaded = time.perf_counter() - started
    german_tagger.cache_clear()  # cold word caches, as in a fresh process on a new machine:
    german_tagger().use_store(None)  # not even the analyses kept on disk
    text = SEED.read_text(encoding="utf-8")
    started = time.perf_counter()
    doc = nlp(text)
    units = occurrences(doc)
    elapsed = time.perf_counter() - started
    print(f"seed article: {len(doc)} tokens analysed in {elapsed:.2f} s ({len(units)} occurrences), cold;"
          f" building the pipeline took {loaded:.2f} s")
    german_tagger.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="show N disagreements of each kind")
    parser.add_argument("--tagger-only", action="store_true", help="score the tagger alone, without the learner's components")
    parser.add_argument("--model", default=None, help="a trained spaCy pipeline instead of HanTa")
    args = parser.parse_args()

    from lernkarten.analysis import load_nlp

    seed_time(args.model)
    nlp = load_nlp(args.model)
    if args.tagger_only:
        nlp = _tagger_only(nlp)
    splits = ["dev", "test"] if args.split == "both" else [args.split]
    for split in splits:
        evaluate(nlp, read_conllu(GSD / f"de_gsd-ud-{split}.conllu"), args.errors, f"UD German GSD {split}")


def _tagger_only(nlp):
    from types import SimpleNamespace

    from lernkarten.analysis.spacy_pipeline import LEARNER_COMPONENTS

    return SimpleNamespace(vocab=nlp.vocab,
                           pipeline=[(n, c) for n, c in nlp.pipeline if n not in LEARNER_COMPONENTS])


if __name__ == "__main__":
    main()
