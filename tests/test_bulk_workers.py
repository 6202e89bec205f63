"""Work sent to a worker process gives what the same work gives here."""

from __future__ import annotations

import multiprocessing.pool

import pytest
from conftest import SEED

import lernkarten.pipeline as pipeline
from lernkarten.pipeline import Options, TextWords, Workers, analyse_texts, rank_entries, read_sources


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
