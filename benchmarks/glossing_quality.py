"""How well entries are glossed: coverage, and a judged sample, on the seed and on unseen texts.

    python benchmarks/glossing_quality.py                    # the seed article: figures
    python benchmarks/glossing_quality.py --corpus gsd       # three texts made of UD German GSD sentences
    python benchmarks/glossing_quality.py --corpus gsd-all   # all GSD sentences as 45 texts, 240 entries judged
    python benchmarks/glossing_quality.py --corpus news      # the report half of news-de (30-59), 160 judged
    python benchmarks/glossing_quality.py --corpus news-tune # the tuning half (00-29), 160 judged
    python benchmarks/glossing_quality.py --write-sample     # a fresh sample to judge (overwrites!)
    python benchmarks/glossing_quality.py --show             # the sample with its sentences, for judging
    python benchmarks/glossing_quality.py --corpus news --write-sample --out FILE  # a sample for a judge, elsewhere

Coverage is the share of the B1 entries (vocabulary stage, default settings) that get at
least one gloss. The judged sample is every fifth entry of the seed, 50 in all
(`benchmarks/glossing_judgement.tsv`), and about 40 evenly spread entries of the GSD texts
(`benchmarks/glossing_judgement_gsd.tsv`), and 240 glossed entries drawn at random from all
GSD sentences cut into texts of 40 (`benchmarks/glossing_judgement_gsd_all.tsv`, judged
strictly by a second reader who did not write the glossing; unglossed entries are counted by
the coverage figure, not there): entry, glosses given (with the notes a card shows
beside them), does the sense fit the text, are gender and plural right, why. A person fills
in the judgement columns; this script counts them and names the rows whose glosses changed
since they were judged, so a stale judgement is never counted silently.

A sense fits when the first gloss fits the sentence; or when the glosses are close senses
the text cannot tell apart, marked uncertain, and one of them fits; or when the sentence uses
a phrase and the card's note gives it while the gloss is the word's own plain sense. A
phrase's gloss given as the meaning of the bare word does not fit.

The news sample is 160 glossed entries drawn at random from the report half of
`../shared/data/news-de/` (articles 30-59, never tuned on; see its README); `news-tune` is
160 more from the tuning half (00-29), the one sense and selection rules are tuned on. Both are judged strictly by
a reader who did not write the code, with the sentence the card shows and a lemma column:
is the lemma the word's dictionary form. A wrong gloss is "unmarked" when the card does not
mark it uncertain.

The GSD texts are runs of consecutive sentences of the treebank (news and web reviews the
glossing was never tuned on), written to a temporary folder: `GSD_TEXTS` says which.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lernkarten.entries import Entry

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "source_texts" / "faz-2022-01-06-kasachstan-odkb.txt"
SHARED = ROOT.parent / "shared"
GSD = SHARED / "data" / "ud-german-gsd"
#: (file, first sentence (0-based), how many): news from dev and test, web reviews from dev.
GSD_TEXTS = [("de_gsd-ud-dev.conllu", 600, 40), ("de_gsd-ud-test.conllu", 600, 40), ("de_gsd-ud-dev.conllu", 400, 30)]
NEWS = SHARED / "data" / "news-de"
REPORT_HALF = range(30, 60)
TUNE_HALF = range(0, 30)
HALVES = {"news": REPORT_HALF, "news-tune": TUNE_HALF}
JUDGEMENTS = {"seed": HERE / "glossing_judgement.tsv", "gsd": HERE / "glossing_judgement_gsd.tsv",
              "gsd-all": HERE / "glossing_judgement_gsd_all.tsv", "news": HERE / "glossing_judgement_news.tsv",
              "news-tune": HERE / "glossing_judgement_news_tune.tsv"}
SAMPLE_SIZES = {"seed": 50, "gsd": 40, "gsd-all": 240, "news": 160, "news-tune": 160}
RANDOM_SAMPLES = {"gsd-all": 7, "news": 11, "news-tune": 13}  # the seed of each random sample
#: sentences per text when all of GSD is cut into texts
ALL_TEXT_SIZE = 40
COLUMNS = ["lemma", "pos", "glosses", "grammar", "sense_fits", "grammar_correct", "reason"]
#: the news sample also names the article of the card's sentence (the sentences themselves stay
#: out of this repository: their licence forbids copying; `--show` prints them) and asks
#: whether the lemma is right
NEWS_COLUMNS = ["lemma", "pos", "glosses", "grammar", "article", "sense_fits", "lemma_correct", "grammar_correct",
                "reason"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=sorted(JUDGEMENTS), default="seed")
    parser.add_argument("--write-sample", action="store_true", help="write a new sample to judge (overwrites)")
    parser.add_argument("--show", action="store_true", help="print the sample with a sentence of each entry")
    parser.add_argument("--level", default="B1")
    parser.add_argument("--out", type=Path, help="with --write-sample: write the sample here, not over the judgement")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from lernkarten.glossing import gloss_entries
    from lernkarten.pipeline import Options, extract_entries

    judgement = JUDGEMENTS[args.corpus]
    if args.corpus in HALVES and not NEWS.is_dir():
        print(f"skipped: {NEWS} is absent")
        return 0
    with tempfile.TemporaryDirectory(prefix="lernkarten-gsd-") as folder:
        paths = ([str(SEED)] if args.corpus == "seed" else gsd_texts(Path(folder)) if args.corpus == "gsd"
                 else [str(NEWS / f"{n:02d}.txt") for n in HALVES[args.corpus]] if args.corpus in HALVES
                 else all_gsd_texts(Path(folder)))
        started = time.perf_counter()
        extraction = extract_entries(paths, Options(level=args.level))
        extracted = time.perf_counter() - started
    entries = extraction.entries
    started = time.perf_counter()
    result = gloss_entries(entries)
    glossed_in = time.perf_counter() - started
    by_key = {e.key: e for e in result.entries + result.unglossed}
    total = len(entries)
    with_gloss = len(result.entries)
    print(f"{args.corpus} entries at {args.level}: {total} (extracted in {extracted:.1f} s, glossed in {glossed_in:.2f} s)")
    print(f"with at least one gloss: {with_gloss}/{total} = {100 * with_gloss / max(total, 1):.1f}%")
    sources: dict[str, int] = {}
    for entry in result.entries:
        sources[entry.glosses[0].source] = sources.get(entry.glosses[0].source, 0) + 1
    print("first gloss from: " + ", ".join(f"{k} {v}" for k, v in sorted(sources.items(), key=lambda kv: -kv[1])))
    print("unglossed: " + ", ".join(f"{e.lemma} ({e.pos})" for e in result.unglossed))

    size = SAMPLE_SIZES[args.corpus]
    if args.corpus in RANDOM_SAMPLES:
        sample = [by_key[e.key] for e in random.Random(RANDOM_SAMPLES[args.corpus]).sample(list(result.entries), size)]
    else:
        step = max(1, len(entries) // size)
        sample = [by_key[e.key] for e in entries[::step][:size]]
    if args.show:
        for entry in sample:
            example = entry.examples[0].text if entry.examples else ""
            print(f"{entry.lemma} ({entry.pos}) => {_glosses(entry)} | {_grammar(entry)}\n    {example}")
    if args.write_sample:
        judgement = args.out or judgement
        with open(judgement, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            news = args.corpus in HALVES
            writer.writerow(NEWS_COLUMNS if news else COLUMNS)
            for entry in sample:
                sentence = [entry.examples[0].source] if news else []
                writer.writerow([entry.lemma, entry.pos, _glosses(entry), _grammar(entry), *sentence, "", "", "",
                                 *([""] if news else [])])
        print(f"wrote {len(sample)} rows to {judgement}; fill in sense_fits, grammar_correct (yes/no/n/a), reason")
        return 0
    if not judgement.exists():
        print(f"no judgement yet: run with --write-sample and fill in {judgement.name}")
        return 0
    _report_judgement(by_key, judgement)
    return 0


def gsd_texts(folder: Path) -> list[str]:
    """Write the GSD runs of `GSD_TEXTS` as plain texts into `folder`; their paths."""
    paths = []
    for name, first, count in GSD_TEXTS:
        lines = (GSD / name).read_text(encoding="utf-8").splitlines()
        sentences = [line.removeprefix("# text = ") for line in lines if line.startswith("# text = ")]
        path = folder / f"gsd-{name.split('-')[-1].removesuffix('.conllu')}-{first}.txt"
        path.write_text("\n".join(sentences[first:first + count]) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def all_gsd_texts(folder: Path) -> list[str]:
    """Every sentence of GSD's dev and test splits, in texts of `ALL_TEXT_SIZE` sentences."""
    paths = []
    for name in ("de_gsd-ud-dev.conllu", "de_gsd-ud-test.conllu"):
        lines = (GSD / name).read_text(encoding="utf-8").splitlines()
        sentences = [line.removeprefix("# text = ") for line in lines if line.startswith("# text = ")]
        for first in range(0, len(sentences), ALL_TEXT_SIZE):
            path = folder / f"{name.split('-')[-1].removesuffix('.conllu')}-{first:04d}.txt"
            path.write_text("\n".join(sentences[first:first + ALL_TEXT_SIZE]) + "\n", encoding="utf-8")
            paths.append(str(path))
    return paths


def _report_judgement(by_key: dict[str, Entry], judgement: Path) -> None:
    with open(judgement, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    # an entry that is no card any more (a name now, or not chosen) is no figure either
    gone = [r["lemma"] for r in rows if f"{r['lemma']}|{r['pos']}" not in by_key]
    rows = [r for r in rows if r["lemma"] not in gone]
    fits = [r for r in rows if r["sense_fits"] in {"yes", "no"}]
    grammar = [r for r in rows if r["grammar_correct"] in {"yes", "no"}]
    stale = []
    for row in rows:
        entry = by_key[f"{row['lemma']}|{row['pos']}"]
        if _glosses(entry) != row["glosses"] or _grammar(entry) != row["grammar"]:
            stale.append(row["lemma"])
    sense_ok = sum(r["sense_fits"] == "yes" for r in fits)
    grammar_ok = sum(r["grammar_correct"] == "yes" for r in grammar)
    print(f"judged sample: {len(rows)} entries ({judgement.name})")
    print(f"sense fits the text: {sense_ok}/{len(fits)} = {100 * sense_ok / max(len(fits), 1):.1f}%")
    unmarked = sum(r["sense_fits"] == "no" and "(?" not in r["glosses"] for r in fits)
    print(f"wrong and not marked uncertain: {unmarked}/{len(fits)} = {100 * unmarked / max(len(fits), 1):.1f}%")
    lemmas = [r for r in rows if r.get("lemma_correct") in {"yes", "no"}]
    if lemmas:
        lemma_ok = sum(r["lemma_correct"] == "yes" for r in lemmas)
        print(f"lemma right: {lemma_ok}/{len(lemmas)} = {100 * lemma_ok / len(lemmas):.1f}%")
    print(f"gender and plural correct: {grammar_ok}/{len(grammar)} = {100 * grammar_ok / max(len(grammar), 1):.1f}%"
          " (nouns; n/a rows left out)")
    for row in rows:
        if row["sense_fits"] == "no" or row["grammar_correct"] == "no" or row.get("lemma_correct") == "no":
            print(f"  miss: {row['lemma']} ({row['pos']}): {row['glosses']} - {row['reason']}")
    if gone:
        print(f"no longer entries, left out ({len(gone)}): {', '.join(gone)}")
    if stale:
        print(f"changed since judged ({len(stale)}): {', '.join(stale)} - judge them again:")
        for row in rows:
            if row["lemma"] in stale:
                entry = by_key[f"{row['lemma']}|{row['pos']}"]
                example = entry.examples[0].text if entry.examples else ""
                print(f"  now: {entry.lemma} ({entry.pos}) => {_glosses(entry)} | {_grammar(entry)}\n"
                      f"    was: {row['glosses']} | {row['grammar']}\n    {example}")


def _glosses(entry: Entry) -> str:
    """The glosses with their source, and the notes a card shows beside them."""
    glosses = "; ".join(g.text + (f" [{g.source}]" if g.source != "ding" else "") + (" (?)" if g.uncertain else "")
                        for g in entry.glosses) or "-"
    if "glosses" in entry.uncertain and not all(g.uncertain for g in entry.glosses):
        glosses += " (?: close senses, the card asks to check)"  # the card's "Please check: glosses"
    return glosses + (" || notes: " + " / ".join(entry.notes) if entry.notes else "")


def _grammar(entry: Entry) -> str:
    if entry.pos != "NOUN":
        return ""
    if entry.plural_only:
        from lernkarten.entries import plural_note

        return f"die ({plural_note(entry.singular)})"
    # the card shows no plural when none is known: a "-" would read as a plural like the singular
    parts = [entry.article or "?", f"pl. {entry.plural or '(none shown)'}"]
    doubts = [u for u in entry.uncertain if u in {"gender", "plural"}]
    if doubts:
        parts.append("uncertain: " + ",".join(doubts))
    return ", ".join(parts)


if __name__ == "__main__":
    sys.exit(main())
