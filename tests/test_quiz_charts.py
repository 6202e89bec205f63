"""Progress as pictures: reviews per day, the due forecast and retention by week as bar charts."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from lernkarten.cli.quiz import stats
from lernkarten.quiz.charts import bar_rows, column_chart
from lernkarten.quiz.scheduler import REVIEW, Scheduler
from lernkarten.quiz.stats import progress_report
from lernkarten.quiz.store import Store

AGAIN, GOOD = 1, 3
#: A Wednesday, so that the weeks (Monday to Sunday) do not start on the day itself.
WEDNESDAY = datetime(2024, 3, 13, 18, 0, tzinfo=UTC)


def _learn(store: Store, words: int, *, start: datetime, until: datetime, forget_every: int = 4) -> None:
    """Study `words` cards from `start`, each answered whenever it is due until `until`; every
    `forget_every`-th answer is Again."""
    scheduler = Scheduler(fuzz=False)
    answers = 0
    for word in range(words):
        progress, moment = None, start + timedelta(hours=word)
        while moment <= until:
            answers += 1
            rating = AGAIN if answers % forget_every == 0 else GOOD
            progress, review = scheduler.review(progress, guid=f"lk{word}", mode="recognise", rating=rating,
                                                now=moment)
            store.record(progress, review, label=f"Wort {word}")
            moment = max(progress.due, moment + timedelta(hours=1))


def test_the_busiest_day_reaches_the_top_and_an_empty_day_stays_empty() -> None:
    days = [(f"2024-03-{d:02d}", n) for d, n in zip(range(1, 9), [0, 1, 8, 4, 0, 2, 0, 8])]
    lines = column_chart(days, height=4)
    columns = [line.split("│", 1)[1].ljust(16) if "│" in line else None for line in lines[:4]]
    heights = []
    for index in range(len(days)):
        cells = [row[index * 2] for row in columns]
        heights.append(sum(8 if c == "█" else " ▁▂▃▄▅▆▇".index(c) for c in cells))
    assert heights == [0, 4, 32, 16, 0, 8, 0, 32]  # eighths of a line; one review still shows
    assert lines[0].startswith("8 │") and lines[4].startswith("0 └")
    assert lines[5].split() == ["01", "Mar", "08", "Mar"]


def test_a_chart_of_nothing_says_so() -> None:
    assert column_chart([("2024-03-01", 0), ("2024-03-02", 0)]) == ["(none)"]


def test_retention_bars_are_as_long_as_the_share() -> None:
    lines = bar_rows([("a", 1.0, "4 answers"), ("b", 0.5, ""), ("c", None, "")], width=10)
    assert lines == ["a ██████████ 100%  4 answers",
                     "b █████       50%",
                     "c ·             –"]


def test_report_covers_the_last_and_next_thirty_days_and_the_weeks() -> None:
    scheduler = Scheduler(fuzz=False)
    progress, log = {}, []
    for word in range(3):  # learned 20 days ago, reviewed until today
        card, moment = None, WEDNESDAY - timedelta(days=20, hours=word)
        while moment <= WEDNESDAY:
            card, review = scheduler.review(card, guid=f"lk{word}", mode="recognise",
                                            rating=AGAIN if len(log) % 5 == 4 else GOOD, now=moment)
            log.append(review)
            moment = max(card.due, moment + timedelta(hours=1))
        progress[card.guid] = card
    report = progress_report(progress.values(), log, now=WEDNESDAY, zone=UTC)

    assert len(report.reviews_per_day) == 30 and report.reviews_per_day[-1][0] == "2024-03-13"
    assert sum(n for _d, n, _c in report.reviews_per_day) == len(log)
    assert [d for d, _n in report.forecast][:2] == ["2024-03-13", "2024-03-14"] and len(report.forecast) == 30
    horizon = datetime(2024, 4, 12, tzinfo=UTC)  # the end of the 30th day
    assert sum(n for _d, n in report.forecast) == sum(1 for card in progress.values() if card.due < horizon)
    weeks = report.retention_by_week
    assert len(weeks) == 12 and weeks[-1][0] == "2024-03-11" and weeks[0][0] == "2023-12-25"
    graduated = [r for r in log if r.state_before == REVIEW]
    assert sum(n for _w, n, _s in weeks) == len(graduated) > 0
    for week, n, share in weeks:
        in_week = [r for r in graduated if week <= r.reviewed_at.date().isoformat() <= _sunday(week)]
        assert n == len(in_week)
        assert share == (sum(r.rating > AGAIN for r in in_week) / n if n else None)
    assert report.to_dict()["retention_by_week"][-1] == {"week": weeks[-1][0], "reviews": weeks[-1][1],
                                                         "retention": weeks[-1][2]}


def _sunday(monday: str) -> str:
    return (datetime.fromisoformat(monday) + timedelta(days=6)).date().isoformat()


def test_stats_draw_the_charts_and_json_holds_their_series(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    now = datetime.now(UTC)
    with Store.open(db) as store:
        _learn(store, 4, start=now - timedelta(days=25), until=now - timedelta(minutes=1))

    result = CliRunner().invoke(stats, ["--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert len(figures["reviews_per_day"]) == 30 and len(figures["forecast"]) == 30
    assert sum(day["reviews"] for day in figures["reviews_per_day"]) == figures["reviews_total"]
    assert sum(week["reviews"] for week in figures["retention_by_week"]) > 0

    shown = CliRunner().invoke(stats, ["--db", str(db)], env={"COLUMNS": "100"})
    assert shown.exit_code == 0, shown.output
    text = shown.output
    assert f"Reviews per day, last 30 days ({figures['reviews_total']} in all)" in text
    due = sum(day["due"] for day in figures["forecast"])
    assert due > 0 and f"Due per day, next 30 days ({due} in all" in text
    assert "Retention by week" in text and "answers" in text
    assert "█" in text
    busiest = max(day["reviews"] for day in figures["reviews_per_day"])
    assert any(line.startswith(f"{busiest} │") for line in text.splitlines())
