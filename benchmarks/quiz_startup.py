"""Start-up of `lernkarten quiz` to its first card, on the seed deck. Target: under 0.3 s.

1. The seed deck is built once (`python -m lernkarten build SEED -o TMP/seed.apkg`, not timed),
   unless `--deck X.apkg` names one (its `.json` must lie beside it).
2. End to end: the quiz is started in a pseudo-terminal, as a learner starts it, and timed from
   spawn until its first card is on the screen; for the `.apkg` and the `.json`, with a fresh
   progress database and with one holding a history (every card of the deck in two modes,
   three reviews each). Median, min and max of `--runs` starts.
3. In one process, where the time goes: imports, reading the deck, opening the store,
   planning the session, drawing the first card; and which modules got imported: none of
   spaCy, genanki, anki, HanTa, german_nouns, wordfreq may be on this path
   (`python -X importtime` gives the same list, slower).

    python benchmarks/quiz_startup.py
    python benchmarks/quiz_startup.py --deck decks/kasachstan.apkg --runs 15
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import UTC
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "source_texts" / "faz-2022-01-06-kasachstan-odkb.txt"
HEAVY = ("spacy", "genanki", "anki", "HanTa", "german_nouns", "wordfreq", "torch", "numpy")
#: What each mode shows with its first card (mixed mode starts a new word with recognition).
FIRST_CARD = ["show the answer", "German: ", "Word: ", "or r: der"]


def build_seed(folder: Path) -> Path:
    target = folder / "seed.apkg"
    subprocess.run([sys.executable, "-m", "lernkarten", "build", str(SEED), "-o", str(target)],
                   check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    return target


def quiz_command() -> list[str]:
    """`python -m lernkarten quiz` once the command is registered; the command object until then."""
    from lernkarten.cli import COMMANDS

    if "quiz" in COMMANDS:
        return ["-m", "lernkarten", "quiz"]
    return ["-c", "from lernkarten.cli.quiz import quiz; quiz(prog_name='lernkarten quiz')"]


def history_db(deck: Path, path: Path) -> Path:
    """A progress database with a history for every card of the deck (two modes, three reviews each)."""
    from datetime import datetime, timedelta

    from lernkarten.quiz.cards import read_deck
    from lernkarten.quiz.scheduler import Scheduler
    from lernkarten.quiz.store import Store

    scheduler = Scheduler(fuzz=False)
    start = datetime.now(UTC) - timedelta(days=90)
    with Store.open(path) as store:
        for card in read_deck(deck):
            for mode in ("recognise", "produce"):
                progress, now = None, start
                for rating in (3, 3, 4):
                    progress, review = scheduler.review(progress, guid=card.guid, mode=mode,
                                                        rating=rating, now=now)
                    store.record(progress, review, label=card.german, lemma=card.lemma)
                    now = progress.due
    return path


def time_to_first_card(deck: Path, db: Path, runs: int) -> list[float]:
    import pexpect

    env = dict(os.environ, TERM="xterm-256color")
    times = []
    for _ in range(runs):
        fresh = db.exists() and db.name.startswith("fresh")
        if fresh:
            db.unlink()
        started = time.perf_counter()
        child = pexpect.spawn(sys.executable, [*quiz_command(), str(deck), "--db", str(db)],
                              env=env, encoding="utf-8", dimensions=(40, 120), timeout=30)
        child.expect(FIRST_CARD)
        times.append(time.perf_counter() - started)
        child.send("\x04")             # Ctrl-D: ends the session at a key and at a typed answer
        child.expect(pexpect.EOF)
        child.close()
    return times


_BREAKDOWN = textwrap.dedent("""
    import io, json, sys, time
    from datetime import datetime, timezone
    marks = [("start", time.perf_counter())]
    import click
    from lernkarten.cli import quiz as command
    from lernkarten.quiz.cards import read_decks
    from lernkarten.quiz.store import Store
    from lernkarten.quiz.session import Session
    from lernkarten.quiz import terminal
    from rich.console import Console
    marks.append(("imports", time.perf_counter()))
    cards = read_decks([sys.argv[1]])
    marks.append(("read deck", time.perf_counter()))
    store = Store.open(sys.argv[2])
    progress = store.progress(c.guid for c in cards)
    marks.append(("open store", time.perf_counter()))
    session = Session(cards, progress, now=datetime.now(timezone.utc))
    question = session.next(datetime.now(timezone.utc))
    marks.append(("plan session", time.perf_counter()))
    console = Console(file=io.StringIO(), width=120, force_terminal=True)
    console.print(terminal.german_text(question.card))
    console.print(terminal.card_panel(question.card))
    marks.append(("draw card", time.perf_counter()))
    steps = {name: round((t - marks[i][1]) * 1000, 1) for i, (name, t) in enumerate(marks[1:])}
    print(json.dumps({"steps_ms": steps, "cards": len(cards), "stored": len(progress),
                      "modules": sorted(sys.modules)}))
""")


def breakdown(deck: Path, db: Path) -> dict:
    import json

    finished = subprocess.run([sys.executable, "-c", _BREAKDOWN, str(deck), str(db)],
                              capture_output=True, text=True, check=True)
    return json.loads(finished.stdout)


def import_time_total(deck: Path, db: Path) -> float:
    """Cumulative import time (s) of the quiz path, from `python -X importtime`."""
    finished = subprocess.run([sys.executable, "-X", "importtime", "-c", _BREAKDOWN, str(deck), str(db)],
                              capture_output=True, text=True, check=True)
    total = 0
    for line in finished.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and not parts[2].startswith("  ") and parts[1].strip().isdigit():
            total += int(parts[1])          # top-level imports only: their cumulative time
    return total / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deck", type=Path, help="an .apkg lernkarten wrote (default: build the seed deck)")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="quiz-startup-") as folder:
        folder = Path(folder)
        os.environ.setdefault("LERNKARTEN_DATA_DIR", str(folder / "data"))
        if args.deck:
            apkg = args.deck
        else:
            print("building the seed deck (not timed) ...", flush=True)
            apkg = build_seed(folder)
        deck_json = apkg.with_suffix(".json")
        history = history_db(apkg, folder / "history.sqlite3")

        print(f"\ndeck: {apkg.name}, python {sys.version.split()[0]}, {os.cpu_count()} cores")
        print(f"start to first card, {args.runs} runs each (s):  median    min    max")
        for deck in (apkg, deck_json):
            if not deck.exists():
                continue
            for label, db in (("fresh progress", folder / "fresh.sqlite3"), ("with history", history)):
                times = time_to_first_card(deck, db, args.runs)
                print(f"  {deck.suffix:6} {label:16}                {statistics.median(times):6.3f} "
                      f"{min(times):6.3f} {max(times):6.3f}")

        for deck in (apkg, deck_json):
            if not deck.exists():
                continue
            figures = breakdown(deck, history)
            steps = ", ".join(f"{name} {ms} ms" for name, ms in figures["steps_ms"].items())
            print(f"\nin one process, {deck.suffix} ({figures['cards']} cards, {figures['stored']} stored): {steps}")
        heavy = [m for m in figures["modules"] if m.split(".")[0] in HEAVY]
        print(f"heavy modules imported on the quiz path: {', '.join(heavy) if heavy else 'none'}")
        print(f"python -X importtime, top-level imports: {import_time_total(apkg, history):.3f} s")


if __name__ == "__main__":
    main()
