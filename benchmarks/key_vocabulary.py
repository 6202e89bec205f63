"""Key-vocabulary recall: how many of an expert's key words of an article are in its deck's first 40.

The lists in `benchmarks/keyvocab/NN.txt` were written by a German teacher from the articles
of `../shared/data/news-de/` alone (see its README): 25-35 items per article, in dictionary
form. Articles 00-29 are for tuning, 30-59 for reporting; the articles themselves are not in
this repository (their licence forbids it), so the script skips when the folder is absent.

    python benchmarks/key_vocabulary.py [--half tune|report] [--top 40] [--show]

An item counts as found when an entry of the deck has the same lemma (case, a leading
"sich" and Ding's placeholders aside), or is the item's verb and its card names the item's
preposition ("rechnen mit": the card of rechnen shows "mit + Dat"); `--lemma-only` counts
the lemma alone. The deck is the one `lernkarten build ARTICLE
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


def deck_lemmas(article: Path, level: str, *, government: bool = True) -> list[tuple[str, ...]]:
    """What each entry of the article's deck teaches, in the deck's order: its lemma, and a
    verb's lemma with each preposition its card shows (normalised)."""
    from lernkarten.pipeline import Options, build_decks

    build = build_decks([str(article)], Options(level=level, force=True))
    return [taught_names(entry, government=government) for entry in build.decks[0].entries]


def taught_names(entry, *, government: bool = True) -> tuple[str, ...]:
    """What a glossed entry teaches, normalised: its lemma, the singular its card names for a
    noun learned in the plural ("Einsatzkräfte: plural of die Einsatzkraft"), and a verb's
    lemma with each preposition its card shows ("rechnen mit")."""
    lemma = normalise(entry.lemma)
    governed = entry.verb.government if entry.verb and government else []
    singular = [normalise(entry.singular.partition(" ")[2])] if entry.singular else []
    return (lemma, *singular, *(f"{lemma} {rule.split()[0].casefold()}" for rule in governed))


def why_missed(article: Path, gold: list[str], deck: list[str], top: int,
               taught: list[tuple[str, ...]] | None = None) -> dict[str, str]:
    """For each listed item not in the first `top`: the selection's reason (ranked lower, left
    out as known or as a name, folded into another entry, never found by the analysis); for a
    verb with its preposition whose verb is in the deck, where it is and what its card shows."""
    from lernkarten.pipeline import analyse_texts, dictionary_hints, read_sources
    from lernkarten.vocabulary import collect_entries, scored_entries

    verb_of, in_news = dictionary_hints()
    analysed, _ = analyse_texts(read_sources([str(article)], force=True))
    raw = collect_entries(analysed)
    left_out: dict[str, str] = {}
    scored = [entry for _, entry in scored_entries(raw, verb_of=verb_of, in_news=in_news, left_out=left_out)]
    by_lemma: dict[str, list[str]] = {}
    for entry in raw:
        by_lemma.setdefault(normalise(entry.lemma), []).append(entry.key)
    candidates = {normalise(entry.lemma): entry.key for entry in scored}
    form_of = {normalise(form): entry.lemma for entry in raw for form in entry.forms}
    reasons: dict[str, str] = {}
    for item in gold:
        if item in deck[:top]:
            continue
        if item in deck:
            reasons[item] = f"ranked {deck.index(item) + 1}"
        elif item in candidates:
            reasons[item] = "not glossed"
        elif item in by_lemma:
            keys = by_lemma[item]
            why = [left_out[key] for key in keys if key in left_out]
            if why:
                reasons[item] = "; ".join(why)
            elif len(keys) == 1 and keys[0].endswith("|ADJ") and verb_of(keys[0].split("|")[0]):
                reasons[item] = f"learnt as the verb {verb_of(keys[0].split('|')[0])}"
            else:
                reasons[item] = "folded into another entry"
        elif item in form_of:
            reasons[item] = f"lemmatised as {form_of[item]}"
        elif len(item.split()) == 2 and item.split()[0] in deck:
            verb = item.split()[0]
            place = deck.index(verb)
            shown = ", ".join(name.split()[-1] for name in (taught or [])[place][1:]) if taught else ""
            reasons[item] = f"verb ranked {place + 1}, its card shows {shown or 'no preposition'}"
        else:
            parts = item.split()
            near = [p for p in parts if p in candidates or p in by_lemma]
            reasons[item] = (f"expression not found ({', '.join(near)} seen)" if len(parts) > 1
                             else "not found by the analysis")
    return reasons


def cause(reason: str) -> str:
    """The group a reason falls in, for the summary."""
    for prefix in ("ranked", "verb ranked", "known at", "inside the", "lemmatised", "learnt as the verb", "expression not found"):
        if reason.startswith(prefix):
            return prefix
    return reason


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=sorted(HALVES), default="report")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--level", default="B1")
    parser.add_argument("--lemma-only", action="store_true", help="match lemmas only, not a verb's preposition")
    parser.add_argument("--show", action="store_true", help="list the missed items (tuning half only)")
    args = parser.parse_args()
    if not NEWS.is_dir():
        print(f"skipped: {NEWS} is absent")
        return
    if args.show and args.half == "report":
        sys.exit("--show is for the tuning half: the report half's misses are read after the figures")
    recalls, anywhere = [], []
    causes: dict[str, list[str]] = {}
    for number in HALVES[args.half]:
        gold_file = LISTS / f"{number:02d}.txt"
        if not gold_file.exists():
            continue
        gold = [normalise(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()]
        taught = deck_lemmas(NEWS / f"{number:02d}.txt", args.level, government=not args.lemma_only)
        lemmas = [names[0] for names in taught]
        top = {name for names in taught[: args.top] for name in names}
        everywhere = {name for names in taught for name in names}
        found = [item for item in gold if item in top]
        recalls.append(len(found) / len(gold))
        anywhere.append(sum(item in everywhere for item in gold) / len(gold))
        print(f"{number:02d}: {len(found):2d}/{len(gold)} in the first {args.top} "
              f"({recalls[-1]:.2f}), {anywhere[-1]:.2f} anywhere in the deck of {len(lemmas)}")
        if args.show:
            reasons = why_missed(NEWS / f"{number:02d}.txt", [item for item in gold if item not in top],
                                 lemmas, args.top, taught)
            print("   missed:", "; ".join(f"{item} ({why})" for item, why in reasons.items()))
            print("   extra: ", ", ".join(lemma for lemma in lemmas[: args.top] if lemma not in gold))
            for item, why in reasons.items():
                causes.setdefault(cause(why), []).append(item)
    if causes:
        print("missed, by cause:")
        for why, items in sorted(causes.items(), key=lambda kv: -len(kv[1])):
            print(f"  {len(items):3d} {why}: {', '.join(items)}")
    if recalls:
        print(f"{args.half} half, {len(recalls)} articles: recall in the first {args.top} "
              f"{statistics.mean(recalls):.3f} (mean), anywhere {statistics.mean(anywhere):.3f}")


if __name__ == "__main__":
    main()
