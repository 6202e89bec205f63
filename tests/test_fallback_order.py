"""Every way of glossing a word through others has its place in the order of its part of speech."""

from __future__ import annotations

import inspect

from lernkarten.glossing import derived, fallback_order, fallbacks


def test_every_fallback_has_a_place_in_an_order() -> None:
    def called_by(step: object) -> str:
        if isinstance(step, fallback_order.Step):
            return f"{step.fallback.__name__}("
        return inspect.getsource(step)  # type: ignore[arg-type]

    steps = [step for steps in fallback_order.ORDER.values() for step in steps] + list(fallback_order.OTHER)
    called = " ".join(called_by(step) for step in steps)
    # place_adjective_fallback runs before the senses are chosen: "Kölner Dom" is no Kölner person
    public = [name for module in (fallbacks, derived) for name, value in vars(module).items()
              if name.endswith("_fallback") and not name.startswith("_") and inspect.isfunction(value)
              and value.__module__ == module.__name__ and name != "place_adjective_fallback"]
    assert public and [name for name in public if f"{name}(" not in called] == []


def test_every_step_takes_one_fallback_input() -> None:
    for steps in [*fallback_order.ORDER.values(), fallback_order.OTHER]:
        for step in steps:
            assert list(inspect.signature(step).parameters) == ["given"], step

