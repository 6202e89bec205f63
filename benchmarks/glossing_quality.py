"""How well the seed text's entries are glossed: coverage, and a judged sample of 50.

    python benchmarks/glossing_quality.py                 # figures
    python benchmarks/glossing_quality.py --write-sample  # a fresh sample to judge (overwrites!)

Coverage is the share of the seed's B1 entries (vocabulary stage, default settings) that get
at least one gloss. The judged sample is every fifth entry, 50 in all; its judgement lives
in `benchmarks/glossing_judgement.tsv` (entry, glosses given, does the sense fit the text,
are gender and plural right, why). A person fills in the judgement columns; this script
counts them and names the rows whose glosses changed since they were judged, so a stale
judgement is never counted silently.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lernkarten.entries import Entry

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "source_texts" / "faz-2022-01-06-kasachstan-odkb.txt"
JUDGEMENT = HERE / "glossing_judgement.tsv"
SAMPLE_SIZE = 50
STEP = 5
COLUMNS = ["lemma", "pos", "glosses", "grammar", "sense_fits", "grammar_correct", "reason"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-sample", action="store_true", help="write a new sample to judge (overwrites)")
    parser.add_argument("--level", default="B1")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from lernkarten.glossing import gloss_entries
    from lernkarten.pipeline import extract_entries

    started = time.perf_counter()
    extraction = extract_entries([str(SEED)], level=args.level)
    extracted = time.perf_counter() - started
    entries = extraction.entries
    started = time.perf_counter()
    result = gloss_entries(entries)
    glossed_in = time.perf_counter() - started
    by_key = {e.key: e for e in result.entries + result.unglossed}
    total = len(entries)
    with_gloss = len(result.entries)
    print(f"seed entries at {args.level}: {total} (extracted in {extracted:.1f} s, glossed in {glossed_in:.2f} s)")
    print(f"with at least one gloss: {with_gloss}/{total} = {100 * with_gloss / max(total, 1):.1f}%")
    sources: dict[str, int] = {}
    for entry in result.entries:
        sources[entry.glosses[0].source] = sources.get(entry.glosses[0].source, 0) + 1
    print("first gloss from: " + ", ".join(f"{k} {v}" for k, v in sorted(sources.items(), key=lambda kv: -kv[1])))
    print("unglossed: " + ", ".join(f"{e.lemma} ({e.pos})" for e in result.unglossed))

    sample = [by_key[e.key] for e in entries[::STEP][:SAMPLE_SIZE]]
    if args.write_sample:
        with open(JUDGEMENT, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(COLUMNS)
            for entry in sample:
                writer.writerow([entry.lemma, entry.pos, _glosses(entry), _grammar(entry), "", "", ""])
        print(f"wrote {len(sample)} rows to {JUDGEMENT}; fill in sense_fits, grammar_correct (yes/no/n/a), reason")
        return 0
    if not JUDGEMENT.exists():
        print(f"no judgement yet: run with --write-sample and fill in {JUDGEMENT.name}")
        return 0
    _report_judgement(by_key)
    return 0


def _report_judgement(by_key: dict[str, Entry]) -> None:
    with open(JUDGEMENT, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    fits = [r for r in rows if r["sense_fits"] in {"yes", "no"}]
    grammar = [r for r in rows if r["grammar_correct"] in {"yes", "no"}]
    stale = []
    for row in rows:
        entry = by_key.get(f"{row['lemma']}|{row['pos']}")
        if entry is None or _glosses(entry) != row["glosses"] or _grammar(entry) != row["grammar"]:
            stale.append(row["lemma"])
    sense_ok = sum(r["sense_fits"] == "yes" for r in fits)
    grammar_ok = sum(r["grammar_correct"] == "yes" for r in grammar)
    print(f"judged sample: {len(rows)} entries ({JUDGEMENT.name})")
    print(f"sense fits the text: {sense_ok}/{len(fits)} = {100 * sense_ok / max(len(fits), 1):.1f}%")
    print(f"gender and plural correct: {grammar_ok}/{len(grammar)} = {100 * grammar_ok / max(len(grammar), 1):.1f}%"
          " (nouns; n/a rows left out)")
    for row in rows:
        if row["sense_fits"] == "no" or row["grammar_correct"] == "no":
            print(f"  miss: {row['lemma']} ({row['pos']}): {row['glosses']} - {row['reason']}")
    if stale:
        print(f"changed since judged ({len(stale)}): {', '.join(stale)} - judge them again")


def _glosses(entry: Entry) -> str:
    return "; ".join(g.text + (f" [{g.source}]" if g.source != "ding" else "") for g in entry.glosses) or "-"


def _grammar(entry: Entry) -> str:
    if entry.pos != "NOUN":
        return ""
    if entry.plural_only:
        return "die (plural only)"
    parts = [entry.article or "?", f"pl. {entry.plural or '-'}"]
    doubts = [u for u in entry.uncertain if u in {"gender", "plural"}]
    if doubts:
        parts.append("uncertain: " + ",".join(doubts))
    return ", ".join(parts)


if __name__ == "__main__":
    sys.exit(main())
