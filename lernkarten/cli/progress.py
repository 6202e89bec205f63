"""Progress bars for long work, on standard error so that JSON on standard output stays clean."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@contextlib.contextmanager
def analysis_progress(enabled: bool = True, label: str = "Analysing", unit: str = "texts",
                      console: Console | None = None) -> Iterator[Callable[[int, int], None] | None]:
    """Yield a `progress(done, total)` callback drawing a rich bar, or None when disabled.

    Besides done/total and the time taken, the bar shows how many `unit` go by each second
    and the time left: a build of a thousand texts says what it is doing and when it ends.
    """
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = console or Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), _rate_column(unit),
                  TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task(label, total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield progress


def _rate_column(unit: str):  # type: ignore[no-untyped-def]
    """"12.5 texts/s", from rich's estimate over the last half minute."""
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            shown = "-" if speed is None else f"{speed:.1f}" if speed < 100 else f"{speed:.0f}"
            return Text(f"{shown} {unit}/s", style="progress.data.speed")

    return RateColumn()

