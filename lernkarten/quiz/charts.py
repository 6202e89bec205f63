"""Bar charts drawn with block characters, for figures a learner would rather look at than read.

Plain text, one string a line, so that they print the same with or without colour, in a pipe,
and in tests; the CLI only adds a title and a style. Heights are in eighths of a line (the
Unicode blocks ▁ to █), so a day with one review still shows beside a day with fifty.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

_EIGHTHS = " ▁▂▃▄▅▆▇█"
_LEFT_EIGHTHS = " ▏▎▍▌▋▊▉█"


def column_chart(days: Sequence[tuple[str, int]], *, height: int = 6, column_width: int = 2) -> list[str]:
    """Lines of a chart with one column per (ISO date, count), the largest as high as `height` lines.

    A y-axis on the left gives the largest count and 0 (at the baseline); under it, the date of every
    seventh day. Without any count above 0 the chart is a single line saying so.
    """
    counts = [count for _day, count in days]
    top = max(counts, default=0)
    if top <= 0:
        return ["(none)"]
    label_width = len(str(top))
    eighths = [0 if c <= 0 else max(1, round(c / top * height * 8)) for c in counts]
    lines = []
    for row in range(height, 0, -1):
        floor = (row - 1) * 8
        cells = "".join(_EIGHTHS[min(8, max(0, e - floor))] * (column_width - 1) + " " for e in eighths)
        axis = str(top) if row == height else ""
        lines.append(f"{axis:>{label_width}} │{cells.rstrip()}")
    lines.append(f"{0:>{label_width}} └" + "─" * (len(days) * column_width))
    lines.append(" " * (label_width + 2) + _date_labels([day for day, _count in days], column_width))
    return lines


def bar_rows(rows: Sequence[tuple[str, float | None, str]], *, width: int = 30) -> list[str]:
    """One line per (label, share from 0 to 1 or None, note): a horizontal bar of `width` characters at most."""
    label_width = max((len(label) for label, _share, _note in rows), default=0)
    lines = []
    for label, share, note in rows:
        if share is None:
            bar = "·".ljust(width)
            figure = "   –"
        else:
            share = min(1.0, max(0.0, share))
            full, part = divmod(round(share * width * 8), 8)
            bar = ("█" * full + (_LEFT_EIGHTHS[part] if part else "")).ljust(width)
            figure = f"{share * 100:3.0f}%"
        lines.append(f"{label:<{label_width}} {bar} {figure}" + (f"  {note}" if note else ""))
    return lines


def _date_labels(days: Sequence[str], column_width: int) -> str:
    """Month and day under every seventh column, starting at the first."""
    line = ""
    for index in range(0, len(days), 7):
        position = index * column_width
        label = date.fromisoformat(days[index]).strftime("%d %b")
        if len(line) <= position:
            line = line.ljust(position) + label
    return line
