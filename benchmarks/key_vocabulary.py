"""Key-vocabulary recall: how many of an expert's key words of an article are in its deck's first 40.

The lists in `benchmarks/keyvocab/NN.txt` were written by a German teacher from the articles
of `../shared/data/news-de/` alone (see its README): 25-35 items per article, in dictionary
form. Articles 00-29 are for tuning, 30-59 for reporting; the articles themselves are not in
this repository (their licence forbids it), so the script skips when the folder is absent.

    python benchmarks/key_vocabulary.py [--half tune|report] [--top 40] [--show]

An item counts as found when an entry of the deck has the same lemma (case, a leading
"sich" and Ding's placeholders aside). The deck is the one `lernkarten build ARTICLE
--level B1` writes: selected, then glossed (words without a gloss are left out of a deck).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LISTS = REPO / "benchmarks" / "keyvocab"
NEWS = REPO.parent / "shared" / "data" / "news-de"
HALVES = {"tune": range(0, 30), "report": range(30, 60)}


def normalise(item: str) -> str:
    """One spelling for comparing: no case, no "sich", no jdn./etw. placeholders, single spaces."""
    words = [w for w in item.casefold().split() if w not in {"sich", "jdn.", "jdm.", "etw.", "jds."}]
    return re.sub(r"\s+", " ", " ".join(words)).strip()


def deck_lemmas(article: Path, level: str) -> list[str]:
    """The lemmas of the article's deck, in the deck's order."""
    from lernkarten.pipeline import Options, build_decks

    build = build_decks([str(article)], Options(level=level, force=True))
    return [entry.lemma for entry in build.decks[0].entries]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=sorted(HALVES), default="report")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--level", default="B1")
    parser.add_argument("--show", action="store_true", help="list the missed items (tuning half only)")
    args = parser.parse_args()
    if not NEWS.is_dir():
        print(f"skipped: {NEWS} is absent")
        return
    if args.show and args.half == "report":
        sys.exit("--show is for the tuning half: the report half's misses are read after the figures")
    recalls, anywhere = [], []
    for number in HALVES[args.half]:
        gold_file = LISTS / f"{number:02d}.txt"
        if not gold_file.exists():
            continue
        gold = [normalise(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()]
        lemmas = [normalise(lemma) for lemma in deck_lemmas(NEWS / f"{number:02d}.txt", args.level)]
        top = set(lemmas[: args.top])
        found = [item for item in gold if item in top]
        recalls.append(len(found) / len(gold))
        anywhere.append(sum(item in set(lemmas) for item in gold) / len(gold))
        print(f"{number:02d}: {len(found):2d}/{len(gold)} in the first {args.top} "
              f"({recalls[-1]:.2f}), {anywhere[-1]:.2f} anywhere in the deck of {len(lemmas)}")
        if args.show:
            print("   missed:", ", ".join(item for item in gold if item not in top))
            print("   extra: ", ", ".join(lemma for lemma in lemmas[: args.top] if lemma not in gold))
    if recalls:
        print(f"{args.half} half, {len(recalls)} articles: recall in the first {args.top} "
              f"{statistics.mean(recalls):.3f} (mean), anywhere {statistics.mean(anywhere):.3f}")


if __name__ == "__main__":
    main()
