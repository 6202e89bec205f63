"""Every way of glossing a word through others has its place in the order of its part of speech."""

from __future__ import annotations

import inspect

from lernkarten.glossing import derived, fallback_order, fallbacks


def test_every_fallback_has_a_place_in_an_order() -> None:
    placed = {inspect.getsource(step) for steps in fallback_order.ORDER.values() for step in steps}
    placed |= {inspect.getsource(step) for step in fallback_order.OTHER}
    called = " ".join(placed)
    # place_adjective_fallback runs before the senses are chosen: "Kölner Dom" is no Kölner person
    public = [name for module in (fallbacks, derived) for name, value in vars(module).items()
              if name.endswith("_fallback") and not name.startswith("_") and inspect.isfunction(value)
              and value.__module__ == module.__name__ and name != "place_adjective_fallback"]
    assert public and [name for name in public if f"{name}(" not in called] == []


def test_every_step_takes_one_fallback_input() -> None:
    for steps in [*fallback_order.ORDER.values(), fallback_order.OTHER]:
        for step in steps:
            assert list(inspect.signature(step).parameters) == ["given"], step.__name__

