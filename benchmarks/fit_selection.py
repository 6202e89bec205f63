"""Fit the ranking's weights (`vocabulary.Weights`) on the tuning half of news-de.

    python benchmarks/fit_selection.py [--l2 1.0] [--listwise] [--split 12]

Each tuning article (00-29 with a key-vocabulary list in `benchmarks/keyvocab/`) is analysed
and its candidate words (every word the vocabulary stage lets through, with the features it
ranks by) glossed once; words Ding cannot gloss are left out as a deck leaves them out. A word
counts as listed as `key_vocabulary.py` counts it: by its lemma, or as a verb whose card shows
the listed preposition ("rechnen mit"). A
logistic regression of "the expert lists it" on the features (or, with `--listwise`, a
softmax over each article's candidates, which fits the order within an article) gives the
weights, printed as `Weights(...)` to put into `lernkarten/vocabulary.py` by hand. The recall in the first 40 is
shown for the weights in use, for the fitted ones on the articles they were fitted on, and
leaving each article out of the fit in turn (the honest figure on this half), and, with
`--split N`, fitted on the first N listed articles and measured on the rest (for the weights in
use too, on the same rest). The report half
(`key_vocabulary.py --half report`) is never read here.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from key_vocabulary import HALVES, LISTS, NEWS, normalise, taught_names  # noqa: E402

POS = ("NOUN", "VERB", "ADJ", "ADV", "EXPR")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--l2", type=float, default=1.0, help="ridge penalty of the regression")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--split", type=int, default=0,
                        help="also fit on the first N listed articles and measure on the others")
    parser.add_argument("--listwise", action="store_true",
                        help="fit the order within each article (a softmax per article) instead of a logistic regression")
    args = parser.parse_args()
    if not NEWS.is_dir():
        print(f"skipped: {NEWS} is absent")
        return 0
    import numpy as np

    from lernkarten.glossing import gloss_entries
    from lernkarten.pipeline import analyse_texts, dictionary_hints, read_sources
    from lernkarten.vocabulary import FEATURES, WEIGHTS, Weights, collect_entries, scored_entries

    verb_of, in_news = dictionary_hints()
    articles = []  # per article: (size of its list, [(features vector, is listed)] in today's order)
    for number in HALVES["tune"]:
        gold_file = LISTS / f"{number:02d}.txt"
        if not gold_file.exists():
            continue
        gold = {normalise(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()}
        analysed, _ = analyse_texts(read_sources([str(NEWS / f"{number:02d}.txt")], force=True))
        scored = scored_entries(collect_entries(analysed), verb_of=verb_of, in_news=in_news)
        # listed as the deck's card teaches it: a verb also with the preposition its card shows
        glossed = {e.key: taught_names(e) for e in gloss_entries([entry for _, entry in scored]).entries}
        rows = [(np.array([float(entry.pos == p) for p in POS] + [features[name] for name in FEATURES]),
                 any(name in gold for name in glossed[entry.key]))
                for features, entry in scored if entry.key in glossed]
        articles.append((len(gold), rows))
    print(f"{len(articles)} tuning articles, {sum(len(rows) for _, rows in articles)} candidate words")

    def fit(chosen: list) -> np.ndarray:
        return fit_listwise(chosen) if args.listwise else fit_pointwise(chosen)

    def fit_listwise(chosen: list) -> np.ndarray:
        # per article, a softmax over its candidates; the loss is the listed words' mean negative
        # log share: what counts is the order within an article, as in the first 40
        blocks = [(np.array([v for v, _ in rows]), np.array([float(listed) for _, listed in rows]))
                  for _, rows in chosen if any(listed for _, listed in rows)]
        w = np.zeros(blocks[0][0].shape[1])
        for _ in range(4000):
            grad = args.l2 * w / 100
            for x, y in blocks:
                s = x @ w
                p = np.exp(s - s.max())
                p /= p.sum()
                grad += (x.T @ p - x.T @ y / y.sum()) / len(blocks)
            w -= 0.5 * grad
        return w

    def fit_pointwise(chosen: list) -> np.ndarray:
        x = np.array([v for _, rows in chosen for v, _ in rows])
        y = np.array([float(listed) for _, rows in chosen for _, listed in rows])
        x = np.hstack([np.ones((len(x), 1)), x])
        w = np.zeros(x.shape[1])
        for _ in range(4000):  # gradient descent on the log loss with a ridge penalty (not on the bias)
            p = 1 / (1 + np.exp(-x @ w))
            grad = x.T @ (p - y) / len(y) + args.l2 * np.r_[0.0, w[1:]] / len(y)
            w -= 0.5 * grad
        return w[1:]

    def recall(w: np.ndarray, chosen: list) -> float:
        scores = []
        for size, rows in chosen:
            top = sorted(rows, key=lambda row: -float(w @ row[0]))[: args.top]
            scores.append(sum(listed for _, listed in top) / size)
        return statistics.mean(scores)

    def as_vector(weights: Weights) -> np.ndarray:
        return np.array([weights.pos_prior(p) for p in POS] + [getattr(weights, name) for name in FEATURES])

    print(f"weights in use: recall in the first {args.top} {recall(as_vector(WEIGHTS), articles):.3f}")
    left_out = [recall(fit(articles[:i] + articles[i + 1:]), [articles[i]]) for i in range(len(articles))]
    print(f"fitted, each article left out of its fit: {statistics.mean(left_out):.3f}")
    if 0 < args.split < len(articles):
        first, rest = articles[: args.split], articles[args.split:]
        print(f"on the {len(rest)} articles after the first {args.split}: weights in use "
              f"{recall(as_vector(WEIGHTS), rest):.3f}, fitted on the first {args.split} "
              f"{recall(fit(first), rest):.3f} (on those {recall(fit(first), first):.3f})")
    w = fit(articles)
    print(f"fitted on all of them: {recall(w, articles):.3f}")
    priors = tuple((p, round(float(v), 2)) for p, v in zip(POS, w[: len(POS)])) + (("PROPN", 0.0),)
    named = {name: round(float(v), 2) for name, v in zip(FEATURES, w[len(POS):])}
    print(f"Weights(pos={priors}, " + ", ".join(f"{k}={v}" for k, v in named.items()) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
