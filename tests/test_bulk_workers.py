"""Work sent to a worker process gives what the same work gives here."""

from __future__ import annotations

import multiprocessing.pool

import pytest
from conftest import SEED

import lernkarten.pipeline as pipeline
from lernkarten.pipeline import Options, TextWords, Workers, analyse_texts, rank_entries, read_sources
from lernkarten.vocabulary import LEARNABLE_POS


def _words() -> TextWords:
    analysed, _ = analyse_texts(read_sources([str(SEED)]))
    words = TextWords()
    for text in analysed:
        words.add(text)
    return words


def test_words_ranked_in_a_worker_are_ranked_as_here(monkeypatch: pytest.MonkeyPatch) -> None:
    here = rank_entries(_words().entries(), Options())
    monkeypatch.setattr(pipeline, "RANK_IN_PROCESS", 0)  # any deck is "big": ranked in a worker
    started: list[int] = []
    with Workers(2) as workers:
        real_apply = multiprocessing.pool.Pool.apply_async

        def counting_apply(pool, func, args=()):  # type: ignore[no-untyped-def]
            started.append(1)
            return real_apply(pool, func, args)

        monkeypatch.setattr(multiprocessing.pool.Pool, "apply_async", counting_apply)
        groups = [_words()]
        [(_, there)] = workers.rank(groups, Options())
        assert groups == []
    assert started == [1]  # it went to a worker
    assert there == here and len(here) > 20


def test_groups_ranked_in_workers_share_one_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    here = rank_entries(_words().entries(), Options())
    monkeypatch.setattr(pipeline, "RANK_IN_PROCESS", 0)
    pools: list[int] = []
    real_init = multiprocessing.pool.Pool.__init__

    def counting_init(pool, *args, **kwargs):  # type: ignore[no-untyped-def]
        pools.append(1)
        real_init(pool, *args, **kwargs)

    monkeypatch.setattr(multiprocessing.pool.Pool, "__init__", counting_init)
    with Workers(2) as workers:
        ranked = workers.rank([_words(), _words()], Options())  # one group per text, as --split makes
    assert pools == [1]  # started once, not once per group
    assert [entries for _, entries in ranked] == [here, here]


def test_while_a_worker_analyses_a_text_the_ranking_asks_its_questions_and_ranks_as_without(
        monkeypatch: pytest.MonkeyPatch) -> None:
    steps: list[bool] = []
    real_step = pipeline.WhileWaiting.__call__

    def counting_step(lookups: pipeline.WhileWaiting) -> bool:
        steps.append(real_step(lookups))
        return steps[-1]

    monkeypatch.setattr(pipeline.WhileWaiting, "__call__", counting_step)
    groups = [_words()]  # the words of texts merged before, as a rebuild reads them from its cache
    with Workers(2) as workers:
        lookups = pipeline.WhileWaiting(groups, workers)
        # the worker loads its models (seconds) before it analyses: the lookups run meanwhile
        [there] = list(pipeline.AnalysisStream(read_sources([str(SEED)]), workers, use_cache=False,
                                               while_waiting=lookups))
        here = workers.analyse_here(there.source, read_sources([str(SEED)])[0].body)
        assert steps and steps[0] is True
        assert there == here
        while lookups():  # what the wait left undone
            pass
        # every word the ranking will ask about was asked about, and nothing else
        lemmas = {e.lemma for e in groups[0].entries() if e.pos in LEARNABLE_POS and e.pos != "EXPR"}
        assert lookups.hints[1].cache_info().currsize == len(lemmas) > 100  # type: ignore[attr-defined]
        ranked = workers.rank(groups, Options(), lookups.hints)
    [(_, entries)] = ranked
    assert entries == rank_entries(_words().entries(), Options())


def test_no_ranking_questions_are_asked_here_when_the_ranking_is_a_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "RANK_IN_PROCESS", 0)
    with Workers(2) as workers:
        monkeypatch.setattr(pipeline, "dictionary_hints", lambda: pytest.fail("the dictionary was opened"))
        assert pipeline.WhileWaiting([_words()], workers)() is False


def test_what_was_read_ahead_is_let_go_when_the_words_turn_out_too_many_to_rank_here(
        monkeypatch: pytest.MonkeyPatch) -> None:
    class Recorder:
        def __init__(self) -> None:
            self.calls: list[str] = []

        def read(self) -> None:
            self.calls.append("read")

        def drop(self) -> None:
            self.calls.append("drop")

    ahead, groups = Recorder(), []
    with Workers(2) as workers:
        waiting = pipeline.WhileWaiting(groups, workers, ahead)
        # the new text comes first: no words merged yet, so the read is the first step, and the last
        assert waiting() is True and ahead.calls == ["read"]
        assert waiting() is False
        groups.append(_words())  # then the cached analyses of the others
        waiting.let_go()
        assert ahead.calls == ["read"]  # few enough to rank here: kept for the packaging
        monkeypatch.setattr(pipeline, "RANK_IN_PROCESS", 10)
        waiting.let_go()
        assert ahead.calls == ["read", "drop"]  # ranked in a worker: not held through it
