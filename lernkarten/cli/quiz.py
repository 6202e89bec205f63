"""`lernkarten quiz` and `lernkarten stats`: options over `lernkarten.quiz`.

Only click is imported here at module level: the quiz's first card must come fast, so
nothing on this path imports spaCy, genanki or anki.
"""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path

import click

from lernkarten.errors import LernkartenError

_DB_HELP = "Progress database (default: progress.sqlite3 in lernkarten's data folder)."


@click.command()
@click.argument("decks", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--mode", type=click.Choice(["mixed", "recognise", "produce", "gender", "cloze"]),
              default="mixed", show_default=True,
              help="recognise: German -> English; produce: English -> German, typed; gender: der/die/das; "
                   "cloze: fill the gap in the example sentence; mixed: each word as far as you know it.")
@click.option("--new", "new_limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="New cards to introduce in this session.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Stop after this many answers.")
@click.option("--deck", "deck_names", multiple=True, metavar="NAME",
              help="Only cards of this deck (and its subdecks) or deck file; repeatable.")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Only cards with this tag; repeatable.")
@click.option("--strict-articles", is_flag=True, help="In produce mode, count a missing or wrong article as wrong.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), envvar="LERNKARTEN_DB",
              show_envvar=True, help=_DB_HELP)
@click.pass_context
def quiz(ctx: click.Context, decks: tuple[Path, ...], mode: str, new_limit: int, limit: int | None,
         deck_names: tuple[str, ...], tags: tuple[str, ...], strict_articles: bool,
         db_path: Path | None) -> None:
    """Study DECK(s) in the terminal, scheduled by FSRS; progress is saved after every answer.

    DECK is an .apkg lernkarten wrote or the .json beside it. Keys: Space or Enter shows the
    answer and accepts the proposed rating, 1-4 rate (Again, Hard, Good, Easy), q stops.
    """
    # deferred: read only when this runs (start-up time)
    from lernkarten.quiz.cards import read_decks, select_cards
    from lernkarten.quiz.store import Store
    from lernkarten.quiz.terminal import Quiz, require_terminal

    try:
        cards = read_decks(decks)
        if deck_names or tags:
            chosen = select_cards(cards, decks=deck_names, tags=tags)
            if not chosen:
                raise LernkartenError("no card matches " + " and ".join(
                    part for part in (_listed("deck", deck_names), _listed("tag", tags)) if part))
            cards = chosen
        require_terminal()
        with Store.open(db_path) as store:
            damaged = store.damaged_rows().warning(store.path)
            result = Quiz(cards, store, mode=mode, new_limit=new_limit, limit=limit,
                          strict_articles=strict_articles).run()
    except LernkartenError as exc:
        raise click.ClickException(str(exc)) from None
    if damaged:  # after the session: its screens would have cleared it away
        click.echo(f"Warning: {damaged}", err=True)
    if result.hung_up:
        ctx.exit(128 + result.hung_up)
    if result.interrupted:
        ctx.exit(130)


@click.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), envvar="LERNKARTEN_DB",
              show_envvar=True, help=_DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(db_path: Path | None, as_json: bool) -> None:
    """Show your quiz progress: cards by state, reviews per day, the due forecast, retention by week."""
    from datetime import datetime

    # deferred: read only when this runs (start-up time)
    from lernkarten.quiz.stats import progress_report
    from lernkarten.quiz.store import Store, default_path

    path = db_path if db_path is not None else default_path()
    try:
        if not path.exists():
            raise LernkartenError(f"no progress yet: {path} does not exist (run `lernkarten quiz` first)")
        with Store.open(path, readonly=True) as store:
            damaged = store.damaged_rows().warning(path)
            report = progress_report(store.progress().values(), store.reviews(),
                                     now=datetime.now(UTC))
    except LernkartenError as exc:
        raise click.ClickException(str(exc)) from None
    if damaged:
        click.echo(f"Warning: {damaged}", err=True)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=1))
        return
    _print_report(report, path)


def _print_report(report, path: Path) -> None:
    from datetime import datetime

    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    cards = Table(title="Cards", title_style="bold", title_justify="left")
    cards.add_column("mode")
    states = list(report.by_state)
    for state in states:
        cards.add_column(state, justify="right")
    cards.add_column("total", justify="right")
    for mode, counts in report.by_mode.items():
        cards.add_row(mode, *(str(counts[s]) for s in states), str(sum(counts.values())))
    cards.add_row("all", *(str(report.by_state[s]) for s in states), str(report.cards), style="bold")
    console.print(cards)

    due = Table(show_header=False, box=None)
    due.add_column(style="bold")
    due.add_column()
    due.add_row("Due now", str(report.due_now))
    if report.next_due:
        due.add_row("Next due", datetime.fromisoformat(report.next_due).astimezone().strftime("%a %d %b %Y, %H:%M"))
    due.add_row("Retention, 30 days", _percent(report.retention_30_days))
    due.add_row("Retention, all time", _percent(report.retention_all))
    due.add_row("Reviews, all time", str(report.reviews_total))
    console.print(due)

    # deferred: read only when this runs (start-up time)
    from lernkarten.quiz.charts import bar_rows, column_chart

    reviewed = sum(n for _day, n, _correct in report.reviews_per_day)
    _print_chart(console, f"Reviews per day, last {len(report.reviews_per_day)} days ({reviewed} in all)",
                 column_chart([(day, n) for day, n, _correct in report.reviews_per_day]))
    due_soon = sum(n for _day, n in report.forecast)
    _print_chart(console, f"Due per day, next {len(report.forecast)} days ({due_soon} in all; today with the "
                          "overdue)", column_chart(report.forecast))
    weeks = report.retention_by_week
    while weeks and not weeks[0][1]:  # weeks before the first answer to a learned card say nothing
        weeks = weeks[1:]
    _print_chart(console, "Retention by week (answers to cards already learned, not rated Again)",
                 bar_rows([(f"week of {week}", share, f"{n} answers" if n else "") for week, n, share in weeks])
                 if weeks else ["(none yet)"])
    console.print(f"Progress database: {path}", style="dim", markup=False)


def _print_chart(console, title: str, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    console.print(title, style="bold", markup=False)
    for line in lines:
        console.print(line, markup=False, no_wrap=True, overflow="ignore", crop=False)


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


def _listed(kind: str, names: tuple[str, ...]) -> str:
    if not names:
        return ""
    return f"{kind} " + " or ".join(repr(n) for n in names)
