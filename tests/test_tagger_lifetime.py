"""The German tagger's model is frozen out of the garbage collector's scans only while it is held."""

from __future__ import annotations

import gc


def test_dropping_the_tagger_lets_the_collector_scan_again_what_it_froze() -> None:
    from lernkarten.analysis.hanta_tagger import drop_german_tagger, german_tagger

    tagger = german_tagger()
    assert gc.get_freeze_count() > 0
    assert german_tagger() is tagger
    drop_german_tagger()
    assert gc.get_freeze_count() == 0
    assert german_tagger() is not tagger        # a new one, frozen again, when asked for
    assert gc.get_freeze_count() > 0

