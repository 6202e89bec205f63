"""Online translators without the network: fakes that answer, hang or fail, and a silent socket.

Every test asks for the sentence translations and second opinions a learner asks for with
`--translator`, and checks the promise: an answer is used and cached, anything else gives
one warning and the offline glosses, never a hang or a traceback.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from lernkarten.entries import Entry, Example
from lernkarten.errors import LernkartenError
from lernkarten.glossing import gloss_entries, online
from lernkarten.glossing.translation_cache import TranslationCache

SEED = Path(__file__).resolve().parents[1] / "source_texts" / "faz-2022-01-06-kasachstan-odkb.txt"
TIMEOUT = 0.5


def _seed_entries() -> list[Entry]:
    """Three entries of the seed: two the dictionary knows, one it does not."""
    text = SEED.read_text(encoding="utf-8")
    sentences = [s for line in text.splitlines() for s in line.split(". ")]
    entries = []
    for lemma, word in (("Bündnis", "Bündnis"), ("Waffenstillstand", "Waffenstillstand"),
                        ("Multivektoralität", "Multivektoralität")):
        sentence = next(s for s in sentences if word in s)
        at = sentence.index(word)
        entries.append(Entry(lemma=lemma, pos="NOUN", forms=[word],
                             examples=[Example(text=sentence, spans=[(at, at + len(word))])]))
    return entries


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A translation cache of this test alone (the dictionary index stays shared)."""
    path = tmp_path / "translations.sqlite"
    monkeypatch.setattr(online, "TranslationCache", lambda: TranslationCache(path))
    return path


class Answering:
    """A translator that knows a few words and translates sentences by marking them."""

    name = "fake"

    def __init__(self) -> None:
        self.asked: list[str] = []

    def translate(self, text: str) -> str:
        self.asked.append(text)
        words = {"Bündnis": "alliance", "Waffenstillstand": "ceasefire", "Multivektoralität": "multi-vector policy"}
        return words.get(text, f"[en] {text}")


class Hanging:
    """A translator that sleeps far longer than any timeout: a network that never answers."""

    name = "hanging"

    def translate(self, text: str) -> str:
        time.sleep(30)
        return "too late"


class Failing:
    name = "failing"

    def __init__(self) -> None:
        self.calls = 0

    def translate(self, text: str) -> str:
        self.calls += 1
        raise ConnectionError("Max retries exceeded with url: https://example.invalid/?key=SECRET")


def test_a_translator_that_answers_translates_sentences_and_gives_a_second_opinion(cache: Path) -> None:
    translator = Answering()
    result = gloss_entries(_seed_entries(), translator=translator, timeout=TIMEOUT, budget=10)
    assert result.warnings == []
    by_lemma = {e.lemma: e for e in result.entries}
    # the word the dictionary lacks is glossed online, and marked so
    unknown = by_lemma["Multivektoralität"]
    assert [(g.text, g.source, g.uncertain) for g in unknown.glosses] == [("multi-vector policy", "fake", True)]
    assert "glosses" in unknown.uncertain
    assert result.unglossed == []
    # every example sentence has its translation and says where it came from
    for entry in result.entries:
        example = entry.examples[0]
        assert example.translation == f"[en] {example.text}"
        assert example.translation_source == "fake"
    # a second opinion that only repeats the dictionary is not added twice
    assert [g.source for g in by_lemma["Bündnis"].glosses].count("fake") == 0
    assert "ceasefire" in [g.text for g in by_lemma["Waffenstillstand"].glosses]


def test_nothing_is_asked_twice(cache: Path) -> None:
    first = Answering()
    gloss_entries(_seed_entries(), translator=first, timeout=TIMEOUT, budget=10)
    again = Answering()
    result = gloss_entries(_seed_entries(), translator=again, timeout=TIMEOUT, budget=10)
    assert first.asked and again.asked == []
    assert all(e.examples[0].translation for e in result.entries)


def test_a_translator_that_hangs_costs_one_timeout_and_one_warning(cache: Path) -> None:
    started = time.monotonic()
    result = gloss_entries(_seed_entries(), translator=Hanging(), timeout=TIMEOUT, budget=10)
    elapsed = time.monotonic() - started
    assert elapsed < 10 * TIMEOUT  # one request waited for, the rest not asked at all
    assert len(result.warnings) == 1 and "did not answer" in result.warnings[0]
    assert [e.lemma for e in result.entries] == ["Bündnis", "Waffenstillstand"]
    assert [e.lemma for e in result.unglossed] == ["Multivektoralität"]
    assert all(not e.examples[0].translation for e in result.entries)


def test_a_translator_that_fails_gives_one_warning_without_its_url(cache: Path) -> None:
    translator = Failing()
    result = gloss_entries(_seed_entries(), translator=translator, timeout=TIMEOUT, budget=10)
    assert translator.calls == 1
    assert len(result.warnings) == 1
    assert "SECRET" not in result.warnings[0] and "http" not in result.warnings[0]
    assert all(g.source == "ding" for e in result.entries for g in e.glosses)


def test_the_budget_stops_all_requests_together(cache: Path) -> None:
    class Slow(Answering):
        name = "slow"

        def translate(self, text: str) -> str:
            time.sleep(0.2)
            return super().translate(text)

    translator = Slow()
    result = gloss_entries(_seed_entries(), translator=translator, timeout=TIMEOUT, budget=0.5)
    assert len(translator.asked) <= 4
    assert len(result.warnings) == 1 and "budget" in result.warnings[0]


@pytest.fixture
def silent_server() -> tuple[str, int]:
    """A local socket that accepts connections and never says a word."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _ = server.accept()
                held.append(connection)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()
    stop.set()
    thread.join(timeout=1)
    for connection in held:
        connection.close()
    server.close()


def test_deep_translator_against_a_server_that_never_answers_does_not_hang(
        cache: Path, silent_server: tuple[str, int]) -> None:
    from deep_translator import GoogleTranslator

    host, port = silent_server
    proxy = f"http://{host}:{port}"
    translator = GoogleTranslator(source="de", target="en", proxies={"http": proxy, "https": proxy})
    started = time.monotonic()
    result = gloss_entries(_seed_entries(), translator=translator, timeout=TIMEOUT, budget=10)
    assert time.monotonic() - started < 10 * TIMEOUT
    assert len(result.warnings) == 1
    assert [e.lemma for e in result.entries] == ["Bündnis", "Waffenstillstand"]


def test_deepl_without_a_key_says_which_variable_to_set(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in online.DEEPL_KEY_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    with pytest.raises(LernkartenError, match="LERNKARTEN_DEEPL_KEY"):
        online.make_translator("deepl")


def test_unknown_service_is_refused_with_the_choices() -> None:
    with pytest.raises(LernkartenError, match="google"):
        online.make_translator("babelfish")
