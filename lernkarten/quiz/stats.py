"""The learner's progress in figures: cards by state, reviews per day, due forecast, retention by week.

Pure over what the store holds (progress and review log), with `now` and the local time zone
passed in, so `lernkarten stats` and a script get the same numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from lernkarten.quiz.scheduler import REVIEW, STATE_NAMES, Progress, Review, utc
from lernkarten.quiz.session import MODES, forecast


@dataclass
class ProgressReport:
    """What `lernkarten stats` shows."""

    cards: int = 0
    by_state: dict[str, int] = field(default_factory=dict)              # learning / review / relearning
    by_mode: dict[str, dict[str, int]] = field(default_factory=dict)    # mode -> state -> count
    due_now: int = 0
    next_due: str | None = None                                         # ISO time, UTC
    reviews_total: int = 0
    reviews_per_day: list[tuple[str, int, int]] = field(default_factory=list)  # (date, reviews, correct)
    retention_30_days: float | None = None   # share of review-state answers not rated Again
    retention_all: float | None = None
    forecast: list[tuple[str, int]] = field(default_factory=list)      # (date, cards due)
    # (Monday of the week, answers to graduated cards, share not rated Again or None without any)
    retention_by_week: list[tuple[str, int, float | None]] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["reviews_per_day"] = [{"date": d, "reviews": n, "correct": c}
                                   for d, n, c in self.reviews_per_day]
        data["forecast"] = [{"date": d, "due": n} for d, n in self.forecast]
        data["retention_by_week"] = [{"week": w, "reviews": n, "retention": share}
                                     for w, n, share in self.retention_by_week]
        return data


def progress_report(progress: Iterable[Progress], reviews: Iterable[Review], *, now: datetime,
                    zone: tzinfo | None = None, days: int = 30, weeks: int = 12) -> ProgressReport:
    """Figures over all stored cards and reviews: per day on the last and next `days` local days,
    retention on the last `weeks` weeks (Monday to Sunday, the current one included)."""
    now = utc(now)
    progress = list(progress)
    reviews = list(reviews)
    report = ProgressReport(cards=len(progress), reviews_total=len(reviews))

    states = Counter(STATE_NAMES[p.state] for p in progress)
    report.by_state = {name: states.get(name, 0) for name in STATE_NAMES.values()}
    for mode in MODES:
        in_mode = Counter(STATE_NAMES[p.state] for p in progress if p.mode == mode)
        if in_mode:
            report.by_mode[mode] = {name: in_mode.get(name, 0) for name in STATE_NAMES.values()}
    report.due_now = sum(1 for p in progress if p.due <= now)
    if progress:
        report.next_due = min(p.due for p in progress).isoformat()

    today = now.astimezone(zone).date()
    first_day = today - timedelta(days=days - 1)
    per_day: dict[date, list[int]] = {first_day + timedelta(days=d): [0, 0] for d in range(days)}
    for review in reviews:
        day = review.reviewed_at.astimezone(zone).date()
        if day in per_day:
            per_day[day][0] += 1
            per_day[day][1] += review.rating > 1
    report.reviews_per_day = [(d.isoformat(), n, c) for d, (n, c) in sorted(per_day.items())]

    # Retention as Anki's "true retention": answers to cards that had graduated, not rated Again.
    graduated = [r for r in reviews if r.state_before == REVIEW]
    recent = [r for r in graduated if r.reviewed_at >= now - timedelta(days=30)]
    report.retention_all = _share(graduated)
    report.retention_30_days = _share(recent)
    report.forecast = [(d.isoformat(), n) for d, n in forecast(progress, now, days=days, zone=zone)]

    this_monday = today - timedelta(days=today.weekday())
    per_week: dict[date, list[Review]] = {this_monday - timedelta(weeks=w): [] for w in range(weeks)}
    for review in graduated:
        day = review.reviewed_at.astimezone(zone).date()
        monday = day - timedelta(days=day.weekday())
        if monday in per_week:
            per_week[monday].append(review)
    report.retention_by_week = [(monday.isoformat(), len(answers), _share(answers))
                                for monday, answers in sorted(per_week.items())]
    return report


def _share(reviews: list[Review]) -> float | None:
    if not reviews:
        return None
    return sum(1 for r in reviews if r.rating > 1) / len(reviews)
