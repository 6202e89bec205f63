"""What a study session asks next, and what it adds up to: pure logic, time passed in.

The order follows Anki's habits, which learners already trust:
- cards due now come first (most overdue first), then up to `new_limit` new ones, in deck order;
- a card still in its learning steps (rated a minute or ten minutes ahead) comes back in the
  same session when its time comes, or early when nothing else is left (the learn-ahead window);
- a note is asked in one mode per session (Anki buries siblings), so the answer to one card
  never gives away another;
- in `mixed` mode a new word is first met as recognition; writing it, its gender and its
  sentence gap come only once the learner recognises it (its recognise card has graduated).
`limit` caps the number of answers in the session.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from lernkarten.quiz.cards import QuizCard
from lernkarten.quiz.scheduler import LEARNING, RELEARNING, REVIEW, Progress, utc

MODES = ("recognise", "produce", "gender", "cloze")
SESSION_MODES = ("mixed", *MODES)
#: The order in which mixed mode introduces a word's cards: from knowing it to producing it.
MIXED_ORDER = ("recognise", "gender", "cloze", "produce")
LEARN_AHEAD = timedelta(minutes=20)


def applicable_modes(card: QuizCard) -> tuple[str, ...]:
    """The modes a note can be asked in: gender only for nouns of one sure gender, cloze only with a sentence."""
    modes = []
    if card.german and card.english:
        modes += ["recognise", "produce"]
    if card.pos == "NOUN" and len(card.genders) == 1 and not card.is_uncertain("gender"):
        modes.append("gender")
    if card.english and card.targets and card.example:
        modes.append("cloze")
    return tuple(m for m in MODES if m in modes)


@dataclass(frozen=True)
class Question:
    """One card of the session: a note asked in one mode."""

    card: QuizCard
    mode: str
    progress: Progress | None     # None: a new card

    @property
    def key(self) -> tuple[str, str]:
        return (self.card.guid, self.mode)

    @property
    def is_new(self) -> bool:
        return self.progress is None

    @property
    def studied(self) -> Progress:
        """The card's progress; asked only of a card studied before."""
        if self.progress is None:
            raise ValueError(f"{self.key} is a new card: it has no progress yet")
        return self.progress


@dataclass
class Tally:
    """What the session added up to, for the summary at its end."""

    answers: int = 0
    correct: int = 0              # answers not rated Again
    new_seen: int = 0             # new cards met for the first time
    cards: set[tuple[str, str]] = field(default_factory=set)


class Session:
    """The queue of one study session over some cards and their stored progress."""

    def __init__(self, cards: Sequence[QuizCard], progress: Mapping[tuple[str, str], Progress], *,
                 now: datetime, mode: str = "mixed", new_limit: int = 20, limit: int | None = None,
                 learn_ahead: timedelta = LEARN_AHEAD) -> None:
        if mode not in SESSION_MODES:
            raise ValueError(f"unknown mode {mode!r}")
        now = utc(now)
        self.mode = mode
        self.limit = limit
        self.learn_ahead = learn_ahead
        self.tally = Tally()
        self._progress = dict(progress)
        self._learning: list[Question] = []      # cards in their learning steps, answered this session
        self._queue = self._plan(cards, now, new_limit)
        self._total_planned = len(self._queue) + len(self._learning)

    # -- planning -------------------------------------------------------------------------------

    def _plan(self, cards: Sequence[QuizCard], now: datetime, new_limit: int) -> list[Question]:
        modes_of = {card.guid: self._modes(card) for card in cards}
        due: list[Question] = []
        for card in cards:
            candidates = [Question(card, m, self._progress[(card.guid, m)])
                          for m in modes_of[card.guid] if (card.guid, m) in self._progress]
            due_now = [q for q in candidates if q.studied.due <= now]
            # A card left in its learning steps by the last session comes back in this one.
            soon = [q for q in candidates if q.studied.state in (LEARNING, RELEARNING)
                    and q.studied.due <= now + self.learn_ahead]
            if due_now:
                due.append(min(due_now, key=lambda q: q.studied.due))
            elif soon:
                self._learning.append(min(soon, key=lambda q: q.studied.due))
        due.sort(key=lambda q: q.studied.due)

        asked = {q.card.guid for q in due} | {q.card.guid for q in self._learning}
        new: list[Question] = []
        for card in cards:
            if len(new) >= new_limit:
                break
            if card.guid in asked:
                continue
            mode = self._new_mode(card, modes_of[card.guid])
            if mode is not None:
                new.append(Question(card, mode, None))
                asked.add(card.guid)
        return due + new

    def _modes(self, card: QuizCard) -> tuple[str, ...]:
        modes = applicable_modes(card)
        if self.mode == "mixed":
            return modes
        return (self.mode,) if self.mode in modes else ()

    def _new_mode(self, card: QuizCard, modes: tuple[str, ...]) -> str | None:
        unseen = [m for m in modes if (card.guid, m) not in self._progress]
        if self.mode != "mixed":
            return unseen[0] if unseen else None
        recognised = self._progress.get((card.guid, "recognise"))
        for mode in MIXED_ORDER:
            if mode not in unseen:
                continue
            if mode == "recognise" or (recognised is not None and recognised.state == REVIEW):
                return mode
        return None

    # -- running --------------------------------------------------------------------------------

    @property
    def remaining(self) -> int:
        """Cards still waiting (not counting learning cards that may come back)."""
        return len(self._queue)

    @property
    def planned(self) -> int:
        return self._total_planned

    def next(self, now: datetime) -> Question | None:
        """The card to ask at `now`, or None when the session is over."""
        now = utc(now)
        if self.limit is not None and self.tally.answers >= self.limit:
            return None
        self._learning.sort(key=lambda q: q.studied.due)
        if self._learning and self._learning[0].studied.due <= now:
            return self._learning[0]
        if self._queue:
            return self._queue[0]
        if self._learning and self._learning[0].studied.due <= now + self.learn_ahead:
            return self._learning[0]
        return None

    def answered(self, question: Question, after: Progress, rating: int) -> None:
        """Record that `question` was answered with `rating`, leaving the card at `after`."""
        if self._queue and self._queue[0] is question:
            self._queue.pop(0)
        else:
            self._learning = [q for q in self._learning if q is not question]
        if question.is_new and question.key not in self.tally.cards:
            self.tally.new_seen += 1
        self.tally.answers += 1
        self.tally.correct += rating > 1
        self.tally.cards.add(question.key)
        self._progress[question.key] = after
        if after.state in (LEARNING, RELEARNING):
            self._learning.append(Question(question.card, question.mode, after))

    def progress(self) -> dict[tuple[str, str], Progress]:
        """The progress of every card as the session leaves it."""
        return dict(self._progress)


# ---------------------------------------------------------------------------------------------
# After the session


def next_due(progress: Iterable[Progress]) -> datetime | None:
    """When the earliest card comes due."""
    dues = [p.due for p in progress]
    return min(dues) if dues else None


def forecast(progress: Iterable[Progress], now: datetime, *, days: int = 7,
             zone: tzinfo | None = None) -> list[tuple[date, int]]:
    """Cards due on each of the next `days` days (local dates in `zone`); today counts the overdue ones too."""
    now = utc(now)
    today = now.astimezone(zone).date()
    counts = {today + timedelta(days=d): 0 for d in range(days)}
    for p in progress:
        day = max(utc(p.due).astimezone(zone).date(), today)
        if day in counts:
            counts[day] += 1
    return sorted(counts.items())


def progress_for(cards: Iterable[QuizCard], progress: Mapping[tuple[str, str], Progress]) -> list[Progress]:
    """The stored progress of the given notes' cards."""
    guids = {card.guid for card in cards}
    return [p for (guid, _mode), p in progress.items() if guid in guids]
