"""Online translators, only when the learner asks: sentence translations and a second opinion.

Services come through deep-translator (Google, DeepL with a key, MyMemory). deep-translator
sets no timeout on its requests, and a network that accepts a connection and never answers
blocks it for many minutes; `socket.setdefaulttimeout` does not help. So every request runs
in a daemon thread that is abandoned when its deadline passes: a per-request `timeout` and a
`budget` for all requests together. The first failure (no network, a refusal, a timeout)
gives one warning and the rest of the run stays offline; nothing is ever asked twice, thanks
to the cache (`translation_cache.py`). The DeepL key is read from the environment and never written
anywhere, nor shown in a message.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import Protocol, TypeVar

from lernkarten.entries import Entry, Gloss
from lernkarten.errors import LernkartenError
from lernkarten.glossing.translation_cache import TranslationCache

T = TypeVar("T")

SERVICES = ("google", "deepl", "mymemory")
DEEPL_KEY_VARIABLES = ("LERNKARTEN_DEEPL_KEY", "DEEPL_API_KEY")
_DISPLAY_NAMES = {"google": "Google Translate", "deepl": "DeepL", "mymemory": "MyMemory"}


class Translator(Protocol):
    """Anything that turns German text into English: deep-translator's classes, or a test's fake."""

    def translate(self, text: str) -> str: ...


def make_translator(name: str) -> Translator:
    """A deep-translator object for a service name; LernkartenError for an unknown name or a missing key."""
    name = name.lower()
    if name not in SERVICES:
        raise LernkartenError(f"unknown translator {name!r}; choose one of {', '.join(SERVICES)}")
    if name == "google":
        from deep_translator import GoogleTranslator

        return GoogleTranslator(source="de", target="en")
    if name == "mymemory":
        from deep_translator import MyMemoryTranslator

        return MyMemoryTranslator(source="de-DE", target="en-GB")
    key = next((os.environ[v] for v in DEEPL_KEY_VARIABLES if os.environ.get(v)), "")
    if not key:
        raise LernkartenError(f"DeepL needs an API key: set {DEEPL_KEY_VARIABLES[0]} (or {DEEPL_KEY_VARIABLES[1]})")
    from deep_translator import DeeplTranslator

    # free-plan keys end in ":fx" and have their own endpoint
    return DeeplTranslator(api_key=key, source="de", target="en", use_free_api=key.endswith(":fx"))


class OnlineSession:
    """Requests to one service within a run: cached, each under a deadline, all under a budget."""

    def __init__(self, translator: Translator, name: str, *, cache: TranslationCache | None = None,
                 timeout: float = 10, budget: float = 120,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.translator = translator
        self.name = name
        self.cache = cache
        self.timeout = timeout
        self.budget = budget
        self.clock = clock
        self.spent = 0.0
        self.requests = 0
        self.stopped = False
        self.warnings: list[str] = []

    def translate(self, text: str) -> str | None:
        """The translation of `text`, or None once the service has failed or the budget is spent."""
        text = text.strip()
        if not text:
            return None
        if self.cache is not None:
            cached = self.cache.get(self.name, text)
            if cached is not None:
                return cached
        if self.stopped:
            return None
        remaining = self.budget - self.spent
        if remaining <= 0:
            self._stop(f"{self._display} used up its time budget of {self.budget:g} s; "
                       "the rest is glossed offline")
            return None
        limit = min(self.timeout, remaining)
        started = self.clock()
        try:
            answer = call_with_deadline(self.translator.translate, text, limit)
        except TimeoutError:
            if limit < self.timeout:
                self._stop(f"{self._display} used up its time budget of {self.budget:g} s; "
                           "the rest is glossed offline")
            else:
                self._stop(f"{self._display} did not answer within {limit:g} s; the rest is glossed offline")
            return None
        except Exception as exc:  # deep-translator raises requests' and its own errors: all mean "offline"
            self._stop(f"{self._display} is not available ({describe_failure(exc)}); the rest is glossed offline")
            return None
        finally:
            self.spent += self.clock() - started
            self.requests += 1
        if not isinstance(answer, str) or not answer.strip():
            return None
        answer = answer.strip()
        if self.cache is not None:
            self.cache.put(self.name, text, answer)
        return answer

    @property
    def _display(self) -> str:
        return _DISPLAY_NAMES.get(self.name, self.name)

    def _stop(self, warning: str) -> None:
        if not self.stopped:
            self.stopped = True
            self.warnings.append(warning)


def call_with_deadline(function: Callable[[str], T], text: str, seconds: float) -> T:
    """`function(text)` in a daemon thread; TimeoutError when it has not returned after `seconds`.

    A thread cannot be killed: a request that hangs is left behind and dies with the process.
    """
    box: dict[str, object] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = function(text)
        except BaseException as exc:  # carried over to the caller's thread
            box["error"] = exc
        finally:
            done.set()

    worker = threading.Thread(target=run, name="lernkarten-translate", daemon=True)
    worker.start()
    if not done.wait(max(0.0, seconds)):
        raise TimeoutError(f"no answer within {seconds:g} s")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def translate_entries(entries: list[Entry], translator: str | Translator, *, timeout: float = 10,
                      budget: float = 120, cache: TranslationCache | None = None) -> list[str]:
    """Add online translations to glossed entries in place; returns the warnings to show (at most one).

    Words without an offline gloss are asked first (their card depends on it), then the
    example sentences, then a second opinion on the other words.
    """
    if isinstance(translator, str):
        name = translator.lower()
        service = make_translator(name)
    else:
        service = translator
        name = getattr(translator, "name", "") or type(translator).__name__.lower()
    owned_cache = cache is None
    if cache is None:
        try:
            cache = TranslationCache()
        except Exception:  # an unwritable cache folder costs requests, not the run
            cache = None
    session = OnlineSession(service, name, cache=cache, timeout=timeout, budget=budget)
    try:
        for entry in [e for e in entries if not e.glosses]:
            _second_opinion(entry, session)
        for entry in entries:
            for example in entry.examples:
                if example.translation:
                    continue
                translation = session.translate(example.text)
                if translation:
                    example.translation = translation
                    example.translation_source = name
        for entry in [e for e in entries if e.glosses and not any(g.source == name for g in e.glosses)]:
            _second_opinion(entry, session)
    finally:
        if owned_cache and cache is not None:
            cache.close()
    return session.warnings


def _second_opinion(entry: Entry, session: OnlineSession) -> None:
    """The service's translation of the word, added as an uncertain gloss when it says something new."""
    word = entry.lemma
    answer = session.translate(word)
    if not answer or answer.casefold() == word.casefold():
        return  # services echo words they do not know
    if len(entry.glosses) >= 3:
        return
    known = {_comparable(g.text) for g in entry.glosses}
    if _comparable(answer) in known:
        return
    entry.glosses.append(Gloss(text=answer, source=session.name, uncertain=True))
    if all(g.uncertain for g in entry.glosses) and "glosses" not in entry.uncertain:
        entry.uncertain.append("glosses")


def _comparable(text: str) -> str:
    text = text.casefold().strip()
    return text.removeprefix("to ").removeprefix("the ").strip(" .")


def describe_failure(exc: BaseException) -> str:
    """A short reason without the request's URL (which may carry a key) or a traceback."""
    kind = type(exc).__name__
    if "connection" in kind.lower() or isinstance(exc, OSError):
        return "no connection"
    if "TooManyRequests" in kind:
        return "too many requests"
    if "Authorization" in kind or "Forbidden" in kind:
        return "the key was refused"
    return kind
