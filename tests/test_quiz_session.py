"""The session's order and the scheduling across days, with the clock in the test's hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from quiz_decks import seed_deck

from lernkarten.entries import Gloss
from lernkarten.quiz.answers import AGAIN, EASY, GOOD
from lernkarten.quiz.cards import cards_from_deck
from lernkarten.quiz.scheduler import LEARNING, REVIEW, Progress, Review, Scheduler
from lernkarten.quiz.session import Session, applicable_modes, forecast
from lernkarten.quiz.stats import progress_report

MONDAY = datetime(2024, 1, 8, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def cards():
    return cards_from_deck(seed_deck())


@pytest.fixture(scope="module")
def scheduler():
    return Scheduler(fuzz=False)


def by_lemma(cards, lemma):
    return next(c for c in cards if c.lemma == lemma)


def study(session: Session, scheduler: Scheduler, now: datetime, rate=lambda q: GOOD,
          progress: dict | None = None, log: list | None = None) -> list[tuple[str, str]]:
    """Answer every card the session asks at `now`; return (lemma, mode) in the order asked."""
    asked = []
    while (question := session.next(now)) is not None:
        rating = rate(question)
        after, review = scheduler.review(question.progress, guid=question.card.guid,
                                         mode=question.mode, rating=rating, now=now)
        session.answered(question, after, rating)
        asked.append((question.card.lemma, question.mode))
        if progress is not None:
            progress[question.key] = after
        if log is not None:
            log.append(review)
    return asked


def test_first_session_meets_new_words_in_deck_order_as_recognition(cards, scheduler) -> None:
    session = Session(cards, {}, now=MONDAY, new_limit=3)
    asked = study(session, scheduler, MONDAY, rate=lambda q: EASY)
    assert asked == [("Bündnis", "recognise"), ("Streitkräfte", "recognise"), ("mitteilen", "recognise")]
    assert session.tally.new_seen == 3 and session.tally.correct == 3


def test_session_limit_caps_the_answers(cards, scheduler) -> None:
    session = Session(cards, {}, now=MONDAY, new_limit=20, limit=2)
    assert len(study(session, scheduler, MONDAY)) == 2


def test_a_word_answered_again_comes_back_in_the_same_session(cards, scheduler) -> None:
    session = Session(cards, {}, now=MONDAY, new_limit=2)
    first = session.next(MONDAY)
    after, _ = scheduler.review(None, guid=first.card.guid, mode=first.mode, rating=AGAIN, now=MONDAY)
    session.answered(first, after, AGAIN)
    assert after.state == LEARNING and after.due == MONDAY + timedelta(minutes=1)
    # Not due yet: the next new word comes first ...
    assert session.next(MONDAY).card.lemma == "Streitkräfte"
    # ... but once its minute is up it comes before anything else.
    assert session.next(MONDAY + timedelta(minutes=2)).card.lemma == "Bündnis"


def test_when_nothing_else_is_left_learning_cards_come_early(cards, scheduler) -> None:
    session = Session(cards, {}, now=MONDAY, new_limit=1)
    asked = study(session, scheduler, MONDAY, rate=lambda q: AGAIN if q.is_new else EASY)
    assert asked == [("Bündnis", "recognise"), ("Bündnis", "recognise")]
    assert session.tally.answers == 2 and session.tally.new_seen == 1


def test_easy_words_wait_for_days_and_then_come_back(cards, scheduler) -> None:
    progress: dict = {}
    study(Session(cards, {}, now=MONDAY, new_limit=2), scheduler, MONDAY, rate=lambda q: EASY,
          progress=progress)
    tomorrow = MONDAY + timedelta(days=1)
    assert study(Session(cards, progress, now=tomorrow, new_limit=0), scheduler, tomorrow) == []
    interval = min(p.due for p in progress.values()) - MONDAY
    later = MONDAY + interval + timedelta(hours=1)
    asked = study(Session(cards, progress, now=later, new_limit=0), scheduler, later)
    assert asked == [("Bündnis", "recognise"), ("Streitkräfte", "recognise")]


def test_due_reviews_come_before_new_words(cards, scheduler) -> None:
    verb = by_lemma(cards, "mitteilen")
    reviewed, _ = scheduler.review(None, guid=verb.guid, mode="recognise", rating=EASY,
                                   now=MONDAY - timedelta(days=30))
    session = Session(cards, {(verb.guid, "recognise"): reviewed}, now=MONDAY, new_limit=5)
    first = session.next(MONDAY)
    assert first.card.lemma == "mitteilen" and not first.is_new


def test_mixed_mode_asks_for_more_only_once_a_word_is_recognised(cards, scheduler) -> None:
    noun = by_lemma(cards, "Bündnis")
    learning, _ = scheduler.review(None, guid=noun.guid, mode="recognise", rating=GOOD, now=MONDAY)
    later = MONDAY + timedelta(hours=3)
    session = Session([noun], {(noun.guid, "recognise"): learning}, now=later)
    assert [q.mode for q in iter(lambda: _take(session, scheduler, later), None)] == ["recognise"]

    graduated = replace(learning, state=REVIEW, due=later + timedelta(days=3))
    session = Session([noun], {(noun.guid, "recognise"): graduated}, now=later)
    assert study(session, scheduler, later, rate=lambda q: EASY) == [("Bündnis", "gender")]


def _take(session, scheduler, now):
    question = session.next(now)
    if question is None:
        return None
    after, _ = scheduler.review(question.progress, guid=question.card.guid, mode=question.mode,
                                rating=EASY, now=now)
    session.answered(question, after, EASY)
    return question


def test_a_word_is_asked_in_one_mode_per_session(cards, scheduler) -> None:
    noun = by_lemma(cards, "Bündnis")
    old = MONDAY - timedelta(days=60)
    progress = {}
    for mode in ("recognise", "produce", "cloze"):
        progress[(noun.guid, mode)], _ = scheduler.review(None, guid=noun.guid, mode=mode,
                                                          rating=EASY, now=old)
    asked = study(Session([noun], progress, now=MONDAY), scheduler, MONDAY, rate=lambda q: EASY)
    assert len(asked) == 1


def test_gender_drill_leaves_out_unsure_and_plural_only_nouns(cards, scheduler) -> None:
    session = Session(cards, {}, now=MONDAY, mode="gender")
    asked = study(session, scheduler, MONDAY, rate=lambda q: EASY)
    assert asked == [("Bündnis", "gender"), ("Unterstützung", "gender")]


def test_every_mode_of_a_noun_with_a_sentence_is_open(cards) -> None:
    assert applicable_modes(by_lemma(cards, "Bündnis")) == ("recognise", "produce", "gender", "cloze")
    assert applicable_modes(by_lemma(cards, "mitteilen")) == ("recognise", "produce", "cloze")
    bare = replace(by_lemma(cards, "mitteilen"), example="", targets=())
    assert "cloze" not in applicable_modes(bare)


def test_regenerated_deck_keeps_review_history(cards, scheduler) -> None:
    progress: dict = {}
    study(Session(cards, {}, now=MONDAY, new_limit=5), scheduler, MONDAY, rate=lambda q: EASY,
          progress=progress)
    deck = seed_deck()
    deck.entries[0].glosses = [Gloss("alliance", label="pol."), Gloss("league")]
    rebuilt = cards_from_deck(deck)
    assert by_lemma(rebuilt, "Bündnis").english != by_lemma(cards, "Bündnis").english
    tomorrow = MONDAY + timedelta(days=1)
    assert study(Session(rebuilt, progress, now=tomorrow, new_limit=5, mode="recognise"),
                 scheduler, tomorrow) == []


def test_naive_times_are_refused(cards) -> None:
    with pytest.raises(ValueError):
        Session(cards, {}, now=datetime(2024, 1, 8, 9, 0))


def test_forecast_and_report_count_what_comes_due(cards, scheduler) -> None:
    progress: dict = {}
    log: list[Review] = []
    study(Session(cards, {}, now=MONDAY, new_limit=5, mode="recognise"), scheduler, MONDAY,
          rate=lambda q: EASY, progress=progress, log=log)
    days = forecast(progress.values(), MONDAY, days=30, zone=UTC)
    assert sum(n for _, n in days) == 5
    assert days[0] == (MONDAY.date(), 0)

    # A month later: four remembered, one forgotten.
    later = MONDAY + timedelta(days=30)
    def forgot(question):
        return AGAIN if question.card.lemma == "Einmischung" and question.progress.state == REVIEW else GOOD

    study(Session(cards, progress, now=later, mode="recognise"), scheduler, later,
          rate=forgot, progress=progress, log=log)
    report = progress_report(progress.values(), log, now=later, zone=UTC)
    assert report.cards == 5
    assert report.by_state["review"] == 5 and report.cards == 5
    assert report.retention_30_days == pytest.approx(4 / 5)
    assert next(r for r in log if r.rating == AGAIN).state_before == REVIEW
    assert report.reviews_per_day[-1][0] == later.date().isoformat()
    assert report.reviews_total == len(log)


def test_progress_is_keyed_by_note_and_mode() -> None:
    scheduler = Scheduler(fuzz=False)
    a, _ = scheduler.review(None, guid="lkx", mode="recognise", rating=GOOD, now=MONDAY)
    b, _ = scheduler.review(None, guid="lkx", mode="produce", rating=GOOD, now=MONDAY)
    assert isinstance(a, Progress) and (a.guid, a.mode) != (b.guid, b.mode)
    assert a.reps == 1 and a.first_review == MONDAY
