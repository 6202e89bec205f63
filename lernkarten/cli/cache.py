"""`lernkarten cache`: the rebuildable files kept on this machine, their sizes, and clearing them."""

from __future__ import annotations

import click

from lernkarten.caches import CACHES, held, prune_stale, size_of
from lernkarten.errors import LernkartenError
from lernkarten.places import cache_dir


@click.group(invoke_without_command=True)
@click.pass_context
def cache(ctx: click.Context) -> None:
    """Show the caches: what each holds, its size, and whether it is today's or stale.

    Every cache can be deleted at any time: it costs only the time to build it again.
    Your quiz progress and known words are not caches and are never touched.
    """
    if ctx.invoked_subcommand is None:
        _show()


@cache.command("clear")
@click.argument("names", nargs=-1)
@click.option("--stale", is_flag=True, help="Remove only the files no version of today reads.")
def clear(names: tuple[str, ...], stale: bool) -> None:
    """Remove the caches NAMES (all of them when none is given)."""
    unknown = [name for name in names if name not in CACHES]
    if unknown:
        raise LernkartenError(f"no cache is called {unknown[0]!r}; the caches are {', '.join(CACHES)}")
    if stale:
        if names:
            raise LernkartenError("--stale clears every cache's stale files; give no names with it")
        freed = prune_stale()
    else:
        freed = sum(CACHES[name].clear() for name in (names or tuple(CACHES)))
    click.echo(f"Freed {_size(freed)}.")


def _show() -> None:
    click.echo(f"Cache folder: {cache_dir()}")
    rows = []
    items = list(held())
    for item in items:
        shipped = item.current is not None and item.current.parent != cache_dir()
        if shipped:
            state = "shipped with the package"
        elif item.current is not None:
            state = "today's"
        else:
            state = "not built yet"
        if item.stale:
            state += f", {len(item.stale)} stale ({_size(sum(size_of(p) for p in item.stale))})"
        rows.append((item.cache.name, _size(item.size), state, item.cache.holds))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3])
    click.echo(f"Total in the cache folder: {_size(sum(item.size for item in items))}")


def _size(count: int) -> str:
    if count < 1000:
        return f"{count} bytes"
    if count < 1_000_000:
        return f"{count / 1000:.1f} kB"
    return f"{count / 1_000_000:.1f} MB"
