"""FSRS scheduling of quiz cards, with the time always passed in.

A quiz card is a note asked in one mode (`recognise`, `produce`, `gender`, `cloze`): like
Anki's forward and reverse cards, knowing that `das Bündnis` means "alliance" and being able
to write `das Bündnis` for "alliance" are remembered separately, so each (note GUID, mode)
has its own FSRS card. `Progress` is that card's state as the store keeps it; this module
turns it into the `fsrs` package's `Card` and back, and does no I/O.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

LEARNING, REVIEW, RELEARNING = 1, 2, 3
STATE_NAMES = {LEARNING: "learning", REVIEW: "review", RELEARNING: "relearning"}


@dataclass(frozen=True)
class Progress:
    """Where one quiz card stands: its FSRS memory state and when it is due."""

    guid: str
    mode: str
    state: int                    # LEARNING, REVIEW, RELEARNING (fsrs.State values)
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime                 # UTC
    last_review: datetime | None
    reps: int = 0
    lapses: int = 0               # times a card in review was forgotten (rated Again)
    first_review: datetime | None = None


@dataclass(frozen=True)
class Review:
    """One answer as the review log keeps it."""

    guid: str
    mode: str
    rating: int                   # 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed_at: datetime         # UTC
    state_before: int | None      # None: the card was new
    due_after: datetime
    duration_ms: int | None = None


def utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive datetime is a bug (its zone is unknowable), so it is refused."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware one (datetime.now(timezone.utc))")
    return moment.astimezone(UTC)


def card_id(guid: str, mode: str) -> int:
    """A stable integer id for the FSRS card of a note in a mode (fsrs wants one; its default reads the clock)."""
    return int.from_bytes(hashlib.sha256(f"{guid}|{mode}".encode()).digest()[:6], "big")


class Scheduler:
    """The FSRS scheduler the quiz uses: reviews a card at a given time, previews the intervals."""

    def __init__(self, *, desired_retention: float = 0.9, fuzz: bool = True) -> None:
        from fsrs import Scheduler as FsrsScheduler

        # Fuzz spreads cards learned together over neighbouring days; tests turn it off.
        self._fsrs = FsrsScheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)
        self._exact = FsrsScheduler(desired_retention=desired_retention, enable_fuzzing=False)

    def review(self, progress: Progress | None, *, guid: str, mode: str, rating: int,
               now: datetime, duration_ms: int | None = None) -> tuple[Progress, Review]:
        """The card's progress after answering it with `rating` at `now`, and the review to log."""
        now = utc(now)
        after = self._review(self._fsrs, progress, guid, mode, rating, now)
        lapses = (progress.lapses if progress else 0) + (
            1 if progress is not None and progress.state == REVIEW and rating == 1 else 0)
        after = replace(after, reps=(progress.reps if progress else 0) + 1, lapses=lapses,
                        first_review=progress.first_review if progress and progress.first_review else now)
        review = Review(guid=guid, mode=mode, rating=rating, reviewed_at=now,
                        state_before=progress.state if progress else None,
                        due_after=after.due, duration_ms=duration_ms)
        return after, review

    def preview(self, progress: Progress | None, *, guid: str, mode: str,
                now: datetime) -> dict[int, timedelta]:
        """How long until the card comes back for each rating (shown beside the rating keys)."""
        now = utc(now)
        return {rating: self._review(self._exact, progress, guid, mode, rating, now).due - now
                for rating in (1, 2, 3, 4)}

    def retrievability(self, progress: Progress, now: datetime) -> float:
        """The predicted chance of recalling the card at `now`."""
        return float(self._exact.get_card_retrievability(_to_fsrs(progress), utc(now)))

    @staticmethod
    def _review(scheduler, progress: Progress | None, guid: str, mode: str, rating: int,
                now: datetime) -> Progress:
        from fsrs import Card, Rating

        card = _to_fsrs(progress) if progress else Card(card_id=card_id(guid, mode), due=now)
        card, _log = scheduler.review_card(card, Rating(rating), review_datetime=now)
        return Progress(
            guid=guid, mode=mode, state=int(card.state), step=card.step,
            stability=card.stability, difficulty=card.difficulty,
            due=utc(card.due), last_review=utc(card.last_review) if card.last_review else None,
            reps=progress.reps if progress else 0, lapses=progress.lapses if progress else 0,
            first_review=progress.first_review if progress else None,
        )


def _to_fsrs(progress: Progress):
    from fsrs import Card, State

    return Card(card_id=card_id(progress.guid, progress.mode), state=State(progress.state),
                step=progress.step, stability=progress.stability, difficulty=progress.difficulty,
                due=utc(progress.due),
                last_review=utc(progress.last_review) if progress.last_review else None)


def format_interval(delta: timedelta) -> str:
    """A short human interval as Anki shows it on its buttons: 1m, 10m, 3h, 4d, 2.5mo, 1.2y."""
    seconds = max(delta.total_seconds(), 0)
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")
