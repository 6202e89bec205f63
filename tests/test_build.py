"""Building decks from texts as a learner does it: one article, many articles, every day a new one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from anki_helpers import guid_counts, import_package, new_collection, seen_cards
from click.testing import CliRunner
from conftest import REPO, SEED, SHARED

from lernkarten.cli import cli
from lernkarten.pipeline import GLOSS_CHUNK, TextWords, analyse_texts, read_sources
from lernkarten.sources import read_source
from lernkarten.vocabulary import collect_entries

SEED_DECK = REPO / "decks" / "faz-2022-01-06-kasachstan-odkb.apkg"


def build(*args: str) -> str:
    result = CliRunner().invoke(cli, ["build", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def entries_of(deck_json: Path) -> dict[str, dict]:
    data = json.loads(deck_json.read_text(encoding="utf-8"))
    return {f"{e['lemma']}|{e['pos']}": e for e in data["entries"]}


@pytest.fixture(scope="module")
def two_halves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed article cut into two texts that share words (Bündnis, Streitkräfte, Truppe, ...)."""
    folder = tmp_path_factory.mktemp("texts")
    text = read_source(str(SEED))
    paragraphs = text.body.split("\n")
    first = folder / "kasachstan-teil-1.txt"
    second = folder / "kasachstan-teil-2.txt"
    first.write_text("\n".join(paragraphs[:12]) + "\n", encoding="utf-8")
    second.write_text("\n".join(paragraphs[12:]) + "\n" + text.source.attribution + "\n", encoding="utf-8")
    return first, second


def test_two_texts_sharing_words_make_one_note_per_word_with_both_sources(
        two_halves: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = two_halves
    build(str(first), str(second), "-o", str(tmp_path / "both.apkg"))
    entries = entries_of(tmp_path / "both.json")
    truppe = entries["Truppe|NOUN"]
    assert truppe["sources"] == ["kasachstan-teil-1", "kasachstan-teil-2"]
    assert {e["source"] for e in truppe["examples"]} == {"kasachstan-teil-1", "kasachstan-teil-2"}

    col = new_collection(tmp_path / "anki")
    outcome = import_package(col, tmp_path / "both.apkg")
    assert outcome.duplicate == 0
    assert all(count == 1 for count in guid_counts(col).values())
    (note_id,) = {c.note_id for c in seen_cards(col, '"Lemma:Truppe"')}
    tags = col.get_note(note_id).tags
    assert any("kasachstan-teil-1" in tag for tag in tags) and any("kasachstan-teil-2" in tag for tag in tags)
    decks = {c.deck for c in seen_cards(col)}
    assert len(decks) == 2 and all(d.startswith("Lernkarten::") for d in decks)


def test_rebuild_after_adding_a_text_changes_only_what_it_must(
        two_halves: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = two_halves
    deck = tmp_path / "daily.apkg"
    build(str(first), "-o", str(deck))
    before = entries_of(deck.with_suffix(".json"))
    output = build(str(first), str(second), "-o", str(deck))
    assert "reused from the cache" in output
    after = entries_of(deck.with_suffix(".json"))
    second_words = {key for key, e in after.items() if "kasachstan-teil-2" in e["sources"]}
    assert set(before) <= set(after)
    for key, entry in before.items():
        if key not in second_words:
            assert after[key] == entry, key  # untouched, down to its mod time
        else:
            assert after[key]["sources"] == ["kasachstan-teil-1", "kasachstan-teil-2"]
    assert set(after) - set(before) <= second_words


def test_unchanged_texts_make_an_identical_deck(two_halves: tuple[Path, Path], tmp_path: Path) -> None:
    first, _ = two_halves
    deck = tmp_path / "same.apkg"
    build(str(first), "-o", str(deck))
    package, data = deck.read_bytes(), deck.with_suffix(".json").read_bytes()
    build(str(first), "-o", str(deck))
    assert deck.read_bytes() == package
    assert deck.with_suffix(".json").read_bytes() == data


def test_words_of_an_earlier_deck_and_known_words_stay_out(two_halves: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = two_halves
    build(str(first), "-o", str(tmp_path / "old.apkg"))
    old = entries_of(tmp_path / "old.json")
    known = tmp_path / "known.txt"
    known.write_text("Waffenstillstand\n", encoding="utf-8")
    build(str(second), "-o", str(tmp_path / "new.apkg"), "--exclude-deck", str(tmp_path / "old.apkg"),
          "--known", str(known))
    new = entries_of(tmp_path / "new.json")
    assert not {e["lemma"] for e in new.values()} & {e["lemma"] for e in old.values()}
    assert "Waffenstillstand|NOUN" not in new
    assert new, "the second text still has words of its own"


def test_split_makes_a_deck_per_text(two_halves: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = two_halves
    build(str(first), str(second), "--split", "-o", str(tmp_path / "out"))
    made = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert made == ["kasachstan-teil-1.apkg", "kasachstan-teil-1.json",
                    "kasachstan-teil-2.apkg", "kasachstan-teil-2.json"]


def test_two_processes_give_the_same_deck_as_one(two_halves: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = two_halves
    build(str(first), str(second), SEED.as_posix(), "-o", str(tmp_path / "one.apkg"), "--no-cache")
    build(str(first), str(second), SEED.as_posix(), "-o", str(tmp_path / "two.apkg"), "--no-cache", "--jobs", "2")

    def without_times(path: Path) -> dict:
        entries = entries_of(path)
        for entry in entries.values():
            entry.pop("modified")
        return entries

    assert without_times(tmp_path / "two.json") == without_times(tmp_path / "one.json")


def test_saved_web_page_keeps_title_date_and_site(tmp_path: Path) -> None:
    page = tmp_path / "artikel.html"
    page.write_text(
        "<html><head><title>Bündnis | Beispielzeitung</title><meta name='date' content='2022-01-06'>"
        "<meta property='og:site_name' content='Beispielzeitung'></head><body><nav>Startseite Menü</nav>"
        "<article><h1>Kasachstan bittet um militärische Hilfe</h1>"
        "<p>Als der kasachische Präsident in der Nacht zum Donnerstag eine dramatische Fernsehansprache hielt, "
        "sprach er von Terroristen, die im Land wüteten und sich heftige Kämpfe mit den Streitkräften lieferten.</p>"
        "<p>Wenige Stunden später teilte das von Russland geführte Militärbündnis offiziell mit, dass Truppen auf "
        "dem Weg seien.</p></article><footer>Impressum</footer></body></html>", encoding="utf-8")
    build(str(page), "-o", str(tmp_path / "web.apkg"))
    data = json.loads((tmp_path / "web.json").read_text(encoding="utf-8"))
    (source,) = data["sources"]
    assert source["title"] == "Kasachstan bittet um militärische Hilfe"
    assert source["date"] == "2022-01-06"
    assert "Beispielzeitung" in source["attribution"]
    col = new_collection(tmp_path / "anki")
    import_package(col, tmp_path / "web.apkg")
    card = seen_cards(col, '"Lemma:Streitkräfte"')[0]
    assert "Kasachstan bittet um militärische Hilfe" in card.answer and "2022-01-06" in card.answer


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}"], "is a directory"),
        (["-o", "{tmp}/missing/deck.apkg"], "does not exist"),
        (["-o", "{tmp}/deck.txt"], "must end in .apkg"),
    ],
)
def test_bad_output_is_refused_before_any_work(tmp_path: Path, args: list[str], message: str) -> None:
    args = [a.format(tmp=tmp_path) for a in args]
    result = CliRunner().invoke(cli, ["build", str(SEED), *args])
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output


def test_broken_earlier_json_is_reported_and_the_old_deck_kept(tmp_path: Path) -> None:
    deck = tmp_path / "deck.apkg"
    build(str(SEED), "-o", str(deck), "--limit", "5")
    old = deck.read_bytes()
    deck.with_suffix(".json").write_text("{ broken", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(SEED), "-o", str(deck), "--limit", "5"])
    assert result.exit_code != 0 and "deck.json" in result.output and "Traceback" not in result.output
    assert deck.read_bytes() == old


def test_committed_seed_deck_is_what_the_current_code_makes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """decks/ holds the seed's deck made by `lernkarten build` with the default settings."""
    deck = tmp_path / SEED_DECK.name
    shutil.copy(SEED_DECK.with_suffix(".json"), deck.with_suffix(".json"))  # keeps the notes' mod times
    monkeypatch.chdir(REPO)  # the README's command runs in the clone with a relative path
    build(str(SEED.relative_to(REPO)), "-o", str(deck), "--keep-mature")
    assert deck.with_suffix(".json").read_text(encoding="utf-8") == \
        SEED_DECK.with_suffix(".json").read_text(encoding="utf-8"), \
        "decks/ is stale: run the README's first command and commit decks/"
    from lernkarten.packaging import read_package_notes

    assert read_package_notes(deck) == read_package_notes(SEED_DECK)


def test_a_rebuild_glosses_only_words_in_new_sentences(two_halves: tuple[Path, Path], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import lernkarten.glossing as glossing

    # a cache with the dictionary indexes but no glosses remembered yet
    cache = tmp_path / "cache"
    cache.mkdir()
    for item in Path(os.environ["LERNKARTEN_CACHE_DIR"]).iterdir():
        if item.is_file() and not item.name.startswith("glosses-"):
            shutil.copy(item, cache / item.name)
    monkeypatch.setenv("LERNKARTEN_CACHE_DIR", str(cache))
    first, second = two_halves
    build(str(first), "-o", str(tmp_path / "a.apkg"))
    glossed: list[str] = []
    real = glossing.gloss_entries

    def counting(entries, **kwargs):  # type: ignore[no-untyped-def]
        glossed.extend(e.lemma for e in entries)
        return real(entries, **kwargs)

    monkeypatch.setattr(glossing, "gloss_entries", counting)
    build(str(first), "-o", str(tmp_path / "b.apkg"))
    assert glossed == []
    build(str(first), str(second), "-o", str(tmp_path / "c.apkg"))
    both = entries_of(tmp_path / "c.json")
    assert glossed and all("kasachstan-teil-2" in both[f"{lemma}|{e['pos']}"]["sources"]
                           for lemma in glossed for e in both.values() if e["lemma"] == lemma)
    assert entries_of(tmp_path / "a.json").keys() <= both.keys()


def test_a_word_of_two_texts_shows_a_sentence_from_each(two_halves: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = two_halves
    build(str(first), str(second), "-o", str(tmp_path / "both.apkg"))
    col = new_collection(tmp_path / "anki")
    import_package(col, tmp_path / "both.apkg")
    card = next(c for c in seen_cards(col, '"Lemma:Truppe"') if c.note_type.startswith("Lernkarten Word"))
    truppe = entries_of(tmp_path / "both.json")["Truppe|NOUN"]
    by_source: dict[str, str] = {}
    for example in truppe["examples"]:
        by_source.setdefault(example["source"], example["text"])
    assert by_source["kasachstan-teil-1"] in card.answer and by_source["kasachstan-teil-2"] in card.answer


_LOADED_AFTER_BUILD = """
import sys
from lernkarten.cli import main
sys.argv = ["lernkarten", "build", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    assert not exit.code, exit.code
print("loaded:", *sorted(name for name in ("spacy", "HanTa", "py3langid") if name in sys.modules))
"""


def test_a_rebuild_of_analysed_texts_loads_no_language_model(tmp_path: Path) -> None:
    """The models take most of a second to import; a rebuild whose texts are analysed already needs none."""
    import subprocess
    import sys

    deck = tmp_path / "seed.apkg"
    runs = [subprocess.run([sys.executable, "-c", _LOADED_AFTER_BUILD, str(SEED), "-o", str(deck)],
                           capture_output=True, text=True, timeout=300, check=True).stdout.splitlines()[-1]
            for _ in range(2)]
    assert runs[1] == "loaded:", runs


@pytest.fixture(scope="module")
def news_folder(tmp_path_factory: pytest.TempPathFactory, two_halves: tuple[Path, Path]) -> Path:
    """A few real articles in one folder: three news texts, the seed and its two halves."""
    folder = tmp_path_factory.mktemp("news")
    for number in ("00", "01", "02"):
        shutil.copy(SHARED / "data" / "news-de" / f"{number}.txt", folder / f"news-{number}.txt")
    for path in (SEED, *two_halves):
        shutil.copy(path, folder / path.name)
    return folder


def test_a_folder_built_in_two_processes_is_the_same_package_byte_for_byte(news_folder: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.apkg", tmp_path / "two.apkg"
    build(str(news_folder), "-o", str(one), "--no-cache", "--jobs", "1")
    # over a copy of the first pair, so the second build keeps its stamps (as decks/ is checked)
    shutil.copy(one, two)
    shutil.copy(one.with_suffix(".json"), two.with_suffix(".json"))
    build(str(news_folder), "-o", str(two), "--no-cache", "--jobs", "2")
    assert len(entries_of(one.with_suffix(".json"))) > 2 * GLOSS_CHUNK  # enough to gloss in the workers
    assert two.with_suffix(".json").read_bytes() == one.with_suffix(".json").read_bytes()
    assert two.read_bytes() == one.read_bytes()


def test_a_rebuild_after_one_new_text_teaches_the_same_whether_a_worker_analyses_it_or_not(
        news_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uuid

    import lernkarten.pipeline as pipeline

    folder = tmp_path / "texts"
    folder.mkdir()
    for number in ("00", "01", "02"):
        shutil.copy(news_folder / f"news-{number}.txt", folder)
    one, two = tmp_path / "one.apkg", tmp_path / "two.apkg"
    build(str(folder), "-o", str(one), "--jobs", "1")
    before = len(entries_of(one.with_suffix(".json")))
    shutil.copy(one, two)
    shutil.copy(one.with_suffix(".json"), two.with_suffix(".json"))
    # a text no earlier run analysed: with two jobs a worker analyses it while this process
    # reads the others' cached analyses, asks the ranking's questions and reads the old deck
    (folder / "new.txt").write_text(SEED.read_text(encoding="utf-8") + f"\nDie Kennung lautet {uuid.uuid4().hex}.\n",
                                    encoding="utf-8")
    steps: list[bool] = []
    real_step = pipeline.WhileWaiting.__call__
    monkeypatch.setattr(pipeline.WhileWaiting, "__call__", lambda lookups: steps.append(real_step(lookups)) or steps[-1])
    build(str(folder), "-o", str(two), "--jobs", "2")
    assert True in steps  # it waited for the worker, and worked meanwhile
    steps.clear()
    build(str(folder), "-o", str(one), "--jobs", "1")  # the new text's analysis is cached now
    assert steps == []

    def taught(deck: Path) -> list[dict]:  # new words are stamped with the second they were built in
        return [{k: v for k, v in e.items() if k != "modified"} for e in entries_of(deck.with_suffix(".json")).values()]

    assert taught(two) == taught(one)
    assert len(taught(one)) > before > 100  # the new text's words came in


def test_texts_merged_one_by_one_are_what_collecting_them_all_at_once_gives(news_folder: Path) -> None:
    texts = read_sources([str(news_folder)])
    analysed, _ = analyse_texts(texts)
    words = TextWords()
    for text in analysed:
        words.add(text)
    merged = [e.to_dict() for e in words.entries()]
    assert merged == [e.to_dict() for e in collect_entries(analysed)]
    assert any(len(e["sources"]) > 3 for e in merged)  # words of several texts were merged
    assert words.token_count == sum(a.token_count for a in analysed)
    assert [s.id for s in words.sources] == [t.source.id for t in texts]


def test_the_progress_bar_shows_texts_per_second_and_the_time_left() -> None:
    import io
    import time

    from rich.console import Console
    from rich.text import Text

    from lernkarten.cli.progress import analysis_progress

    out = io.StringIO()
    with analysis_progress(console=Console(file=out, force_terminal=True, width=120)) as progress:
        assert progress is not None
        for done in range(5):
            progress(done, 10)
            time.sleep(0.15)
    shown = out.getvalue()
    assert "4/10" in shown and "texts/s" in shown and "- texts/s" not in shown.rsplit("4/10", 1)[1]
    assert "eta 0:00:0" in Text.from_ansi(shown).plain
