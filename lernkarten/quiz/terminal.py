"""The quiz in the terminal: rich layout, keyboard only, one saved answer at a time.

Single keys are read in cbreak mode (no Enter needed); typed answers in the terminal's normal
line mode, so editing and umlauts work as the learner's terminal makes them. Everything a card
shows goes through `rich.text.Text`, never markup, so text from a deck cannot style or break
the screen; and it holds no control characters (`cards.py` removes them when it reads a deck:
`Text` passes ESC through, and a field's escape sequences would clear and repaint the screen). `p` says the word (`audio/playback.py`) wherever hearing it gives nothing away:
on the front of a German -> English card, and after every answer.

Interruptions: Ctrl-C ends the session with its summary; a closed terminal (SIGHUP) or SIGTERM
ends it silently. Either way every rated answer is already committed: signals are held back
while an answer is being written, so a write is never cut in half by them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from lernkarten.errors import LernkartenError
from lernkarten.quiz.answers import (
    AGAIN,
    EASY,
    GOOD,
    RATING_NAMES,
    Verdict,
    check_article,
    check_form,
    check_german,
    split_article,
)
from lernkarten.quiz.cards import QuizCard
from lernkarten.quiz.scheduler import Scheduler, format_interval
from lernkarten.quiz.session import Question, Session, Tally, forecast, next_due, progress_for
from lernkarten.quiz.store import Store

if TYPE_CHECKING:
    from lernkarten.audio.playback import Player

GENDER_STYLES = {"m": "bold blue", "f": "bold red", "n": "bold green", "pl": "bold magenta"}
ARTICLE_KEYS = {"1": "der", "r": "der", "2": "die", "e": "die", "3": "das", "s": "das"}
MODE_TITLES = {"recognise": "German → English", "produce": "English → German",
               "gender": "der, die or das?", "cloze": "Fill the gap"}


class NotATerminal(LernkartenError):
    """The quiz was started with standard input not a terminal (a pipe, a file, a cron job)."""


class _Hangup(Exception):
    """The terminal went away (SIGHUP) or the process was asked to stop (SIGTERM)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Quit(Exception):
    """The learner asked to end the session (q, Ctrl-D)."""


@dataclass
class SessionResult:
    """How a session ended, for the summary and the exit status."""

    tally: Tally
    interrupted: bool = False     # Ctrl-C
    hung_up: int = 0              # the signal that ended it, if any
    nothing_to_do: bool = False


def require_terminal(stream=None) -> None:
    """Refuse to start a quiz that could only hang waiting for keys nobody types."""
    stream = stream if stream is not None else sys.stdin
    try:
        interactive = stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if not interactive:
        raise NotATerminal("the quiz needs a terminal: standard input is not one "
                           "(run it in a terminal window; `lernkarten stats` works anywhere)")


class Keyboard:
    """Keys and typed lines from the terminal on `fd`."""

    def __init__(self, fd: int | None = None) -> None:
        self.fd = sys.stdin.fileno() if fd is None else fd

    def key(self, allowed: str) -> str:
        """Wait for one of the `allowed` keys (" " for space, "\\r" for Enter); q and Ctrl-D quit."""
        import termios
        import tty

        saved = termios.tcgetattr(self.fd)
        try:
            # TCSANOW: keys typed ahead stay in the buffer (TCSAFLUSH would drop them).
            tty.setcbreak(self.fd, termios.TCSANOW)
            while True:
                raw = os.read(self.fd, 32)
                if not raw or raw in (b"\x04", b"q", b"Q"):
                    raise _Quit
                if raw.startswith(b"\x1b"):
                    continue      # arrows and other escape sequences mean nothing here
                key = raw.decode("utf-8", "ignore")[:1].lower()
                if key == "\n":
                    key = "\r"
                if key and key in allowed:
                    return key
        finally:
            with contextlib.suppress(termios.error, OSError):
                termios.tcsetattr(self.fd, termios.TCSANOW, saved)

    def line(self, console, prompt: str) -> str:
        """A typed answer; Ctrl-D ends the session."""
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history for input())
        from rich.text import Text

        console.print(Text(prompt, style="bold"), end="")
        try:
            return input()
        except EOFError:
            raise _Quit from None


def make_console():
    """The console the quiz draws on: no markup or highlighting guessed into deck text."""
    from rich.console import Console

    return Console(highlight=False, emoji=False)


class Quiz:
    """One study session in the terminal over some cards, saving to `store` after each answer."""

    def __init__(self, cards: Sequence[QuizCard], store: Store, *, mode: str = "mixed",
                 new_limit: int = 20, limit: int | None = None, strict_articles: bool = False,
                 console=None, keyboard: Keyboard | None = None, scheduler: Scheduler | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.cards = list(cards)
        self.store = store
        self.mode = mode
        self.new_limit = new_limit
        self.limit = limit
        self.strict_articles = strict_articles
        self.console = console if console is not None else make_console()
        self.keyboard = keyboard if keyboard is not None else Keyboard()
        self.scheduler = scheduler if scheduler is not None else Scheduler()
        self.clock = clock if clock is not None else (lambda: datetime.now(UTC))
        self._player: Player | None = None
        self._silent = False      # told the learner once that there is no sound

    # -- the session ----------------------------------------------------------------------------

    def run(self) -> SessionResult:
        """Ask cards until none is left, the limit is reached, or the learner stops."""
        stored = self.store.progress(card.guid for card in self.cards)
        session = Session(self.cards, stored, now=self.clock(), mode=self.mode,
                          new_limit=self.new_limit, limit=self.limit)
        result = SessionResult(tally=session.tally)
        if session.planned == 0:
            result.nothing_to_do = True
            self._nothing_to_do(session)
            return result
        with _signals_as_exceptions():
            try:
                while (question := session.next(self.clock())) is not None:
                    self._ask(session, question)
            except _Quit:
                pass
            except KeyboardInterrupt:
                result.interrupted = True
            except _Hangup as hangup:
                result.hung_up = hangup.signum
                return result     # nobody is there to read a summary
        self._summary(session, result)
        return result

    def _ask(self, session: Session, question: Question) -> None:
        card = question.card
        started = time.monotonic()
        self._header(session, question)
        verdict: Verdict | None = None
        if question.mode == "recognise":
            self._front(card)
            self._hint("Space or Enter: show the answer   p: hear it   q: stop")
            while self.keyboard.key(" \rp") == "p":
                self._pronounce(card)
            proposed = GOOD
        elif question.mode == "produce":
            self._english_prompt(card)
            answer = self.keyboard.line(self.console, "German: ")
            verdict = check_german(answer, card.german, strict_articles=self.strict_articles)
            proposed = verdict.proposed
        elif question.mode == "gender":
            self.console.print(_text((_bare_lemma(card), "bold")), justify="center")
            self.console.print()
            self._hint("1 or r: der    2 or e: die    3 or s: das    q: stop")
            article = ARTICLE_KEYS[self.keyboard.key("123res")]
            verdict = check_article(article, card.genders)
            proposed = verdict.proposed
        else:
            self._gap_prompt(card)
            answer = self.keyboard.line(self.console, "Word: ")
            verdict = check_form(answer, card.target_text, lemma=split_article(card.german)[1])
            proposed = verdict.proposed
        elapsed_ms = int((time.monotonic() - started) * 1000)

        if verdict is not None:
            self._verdict(verdict)
        self.console.print(card_panel(card))
        now = self.clock()
        intervals = self.scheduler.preview(question.progress, guid=card.guid, mode=question.mode, now=now)
        rating = self._rating(card, proposed, intervals, typed=question.mode != "recognise")

        now = self.clock()
        after, review = self.scheduler.review(question.progress, guid=card.guid, mode=question.mode,
                                              rating=rating, now=now, duration_ms=elapsed_ms)
        with _signals_held():
            self.store.record(after, review, label=card.german, lemma=_bare_lemma(card))
        session.answered(question, after, rating)

    # -- drawing --------------------------------------------------------------------------------

    def _header(self, session: Session, question: Question) -> None:
        from rich.rule import Rule

        self.console.clear()
        tally = session.tally
        left = session.remaining
        status = f"{MODE_TITLES[question.mode]} · answered {tally.answers} · {left} left"
        if question.is_new:
            status += " · new card"
        self.console.print(Rule(_text(("lernkarten ", "bold"), (status, "")), style="dim"))
        self.console.print()

    def _front(self, card: QuizCard) -> None:
        self.console.print(german_text(card), justify="center")
        if card.grammar:
            self.console.print(_text((card.grammar, "")), justify="center")
        self.console.print()

    def _english_prompt(self, card: QuizCard) -> None:
        self.console.print(_text((card.english, "bold")), justify="center")
        part = _part_of_speech(card)
        ask = "with its article" if card.pos == "NOUN" and self.strict_articles and card.genders else ""
        hint = " · ".join(p for p in (part, ask) if p)
        if hint:
            self.console.print(_text((f"({hint})", "dim")), justify="center")
        self.console.print()

    def _gap_prompt(self, card: QuizCard) -> None:
        from rich.text import Text

        sentence = Text()
        position = 0
        for start, end in card.targets:
            sentence.append(card.example[position:start])
            sentence.append("_" * max(5, end - start), style="bold")
            position = end
        sentence.append(card.example[position:])
        self.console.print(sentence)
        self.console.print()
        gaps = len(card.targets)
        hint = f"the gap means: {card.english}"
        if gaps > 1:
            hint += f" · {gaps} parts, type them in order"
        self.console.print(_text((hint, "dim")))
        self.console.print()

    def _verdict(self, verdict: Verdict) -> None:
        from rich.text import Text

        if verdict.correct and not verdict.near_miss and verdict.proposed >= GOOD:
            self.console.print(_text(("✓ right", "bold green")))
        elif verdict.correct:
            self.console.print(_text(("≈ nearly", "bold yellow")))
        else:
            self.console.print(_text(("✗ not quite", "bold red")))
        if verdict.given_marks and (verdict.near_miss or not verdict.correct):
            line = Text("  you wrote: ")
            for piece, kind in ((t, k) for k, t in verdict.given_marks):
                line.append(piece, style="bold red strike" if kind == "wrong" else "")
            self.console.print(line)
        if verdict.expected_marks and (verdict.near_miss or not verdict.correct or verdict.remark):
            line = Text("  expected:  ")
            for piece, kind in ((t, k) for k, t in verdict.expected_marks):
                line.append(piece, style="bold green underline" if kind == "missing" else "")
            self.console.print(line)
        if verdict.remark:
            self.console.print(_text((f"  {verdict.remark}", "yellow")))
        self.console.print()

    def _rating(self, card: QuizCard, proposed: int, intervals: dict, *, typed: bool) -> int:
        from rich.text import Text

        line = Text()
        for rating in (AGAIN, 2, GOOD, EASY):
            style = "bold reverse" if rating == proposed else "bold"
            line.append(f" {rating} {RATING_NAMES[rating]} ", style=style)
            line.append(f"{format_interval(intervals[rating])}   ", style="dim")
        self.console.print(line)
        accept = f"Space or Enter: {RATING_NAMES[proposed]}" + (" (proposed)" if typed else "")
        self._hint(f"{accept}   1-4: rate   p: hear it   q: stop")
        while (key := self.keyboard.key("1234 \rp")) == "p":
            self._pronounce(card)
        return proposed if key in " \r" else int(key)

    def _pronounce(self, card: QuizCard) -> None:
        """Say the card's German (only where it gives nothing away); tell once if it cannot be heard."""
        # deferred: read only when this runs (start-up time)
        from lernkarten.audio.playback import find_player

        if self._player is None and not self._silent:
            self._player = find_player()
            if self._player is None:
                self._silent = True
                self._hint("No sound on this machine: install simpleaudio, or a player such as paplay or aplay")
        if self._player is None:
            return
        try:
            # deferred: read only when this runs (start-up time)
            from lernkarten.audio.espeak import speak

            played = self._player.play(speak(card.german))
        except LernkartenError:
            played = False
        if not played:
            self._player, self._silent = None, True
            self._hint("Sound could not be played here; the quiz goes on without it")

    def _hint(self, text: str) -> None:
        self.console.print(_text((text, "dim")))

    def _nothing_to_do(self, session: Session) -> None:
        upcoming = next_due(progress_for(self.cards, session.progress()))
        if not self.cards:
            self.console.print("No cards to study in these decks.")
        elif upcoming is None:
            self.console.print("Nothing to study now.")
        else:
            self.console.print(f"Nothing due now. Next card due {_when(upcoming, self.clock())}.")

    def _summary(self, session: Session, result: SessionResult) -> None:
        from rich.table import Table

        tally = session.tally
        now = self.clock()
        progress = progress_for(self.cards, session.progress())
        self.console.print()
        title = "Session stopped" if result.interrupted else "Session done"
        table = Table(title=title, show_header=False, box=None, title_style="bold")
        table.add_column(style="bold")
        table.add_column()
        share = f" ({tally.correct * 100 // tally.answers}%)" if tally.answers else ""
        table.add_row("Reviewed", f"{tally.answers} answers, {len(tally.cards)} cards")
        table.add_row("Correct", f"{tally.correct}{share}")
        table.add_row("New cards learned", str(tally.new_seen))
        upcoming = next_due(progress)
        table.add_row("Next due", _when(upcoming, now) if upcoming else "nothing scheduled")
        days = forecast(progress, now, days=7, zone=None)
        table.add_row("Next 7 days", "  ".join(f"{d:%a} {n}" for d, n in days))
        self.console.print(table)
        self.console.print(_text(("Progress saved in ", "dim"), (str(self.store.path), "dim")))


# -- cards as the learner sees them ----------------------------------------------------------------


def german_text(card: QuizCard):
    """The German word, its article in the gender's colour (the article itself says it without colour)."""
    from rich.text import Text

    style = GENDER_STYLES.get(card.gender.split()[0] if card.gender.split() else "", "bold")
    return Text(card.german, style=style)


def card_panel(card: QuizCard):
    """The full card shown after every answer: glosses, grammar, notes, example, source."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    lines: list = []
    heading = german_text(card)
    if card.grammar:
        heading.append("   " + card.grammar, style="")
    lines.append(heading)
    lines.append(_text((card.english, "bold")))
    if card.notes:
        lines.append(_text((card.notes, "")))
    if card.example:
        example = Text()
        position = 0
        for start, end in card.targets:
            example.append(card.example[position:start])
            example.append(card.example[start:end], style="bold underline")
            position = end
        example.append(card.example[position:])
        lines += [Text(""), example]
        if card.example_translation:
            lines.append(_text((card.example_translation, "italic dim")))
    credit = " — ".join(p for p in (card.source, card.attribution) if p)
    if credit:
        lines += [Text(""), _text((credit, "dim"))]
    if card.uncertain:
        lines.append(_text((f"Not sure, check before trusting: {card.uncertain}", "yellow")))
    subtitle = " · ".join(p for p in (_part_of_speech(card), card.level) if p)
    return Panel(Group(*lines), subtitle=_text((subtitle, "dim")) if subtitle else None,
                 subtitle_align="right", expand=True)


def _text(*parts: tuple[str, str]):
    from rich.text import Text

    text = Text()
    for content, style in parts:
        text.append(content, style=style or None)
    return text


def _bare_lemma(card: QuizCard) -> str:
    return card.lemma or split_article(card.german)[1]


def _part_of_speech(card: QuizCard) -> str:
    return {"NOUN": "noun", "VERB": "verb", "ADJ": "adjective", "ADV": "adverb",
            "EXPR": "expression", "PROPN": "name", "ADP": "preposition"}.get(card.pos, card.pos.lower())


def _when(moment: datetime, now: datetime) -> str:
    local = moment.astimezone()
    delta = moment - now
    if delta.total_seconds() <= 0:
        return "now"
    if delta.total_seconds() < 3600:
        return f"in {max(1, round(delta.total_seconds() / 60))} min ({local:%H:%M})"
    if local.date() == now.astimezone().date():
        return f"today at {local:%H:%M}"
    return f"{local:%a %d %b %Y, %H:%M} (in {format_interval(delta)})"


# -- signals -------------------------------------------------------------------------------------


@contextlib.contextmanager
def _signals_as_exceptions() -> Iterator[None]:
    """SIGHUP and SIGTERM end the session like Ctrl-C does, through the same clean-up."""
    def stop(signum, _frame):
        raise _Hangup(signum)

    previous = {}
    for name in ("SIGHUP", "SIGTERM"):
        if hasattr(signal, name):
            signum = getattr(signal, name)
            previous[signum] = signal.signal(signum, stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGHUP and SIGTERM while an answer is written; they arrive right after."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGHUP, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
