"""`lernkarten lookup WORD`: what the tool knows of one word, from the offline dictionary."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from lernkarten.entries import Entry
    from lernkarten.glossing.word import WordInfo


@click.command("lookup")
@click.argument("word")
@click.option("--json", "as_json", is_flag=True, help="Print the readings as JSON.")
def lookup(word: str, as_json: bool) -> None:
    """Show the glosses (with their source), gender, plural and verb parts of WORD.

    WORD may be in any form: "Bündnisse", "teilte", "größer". Exits with status 1 when
    nothing is known of it.
    """
    # deferred: read only when this runs (start-up time)
    from lernkarten.glossing import lookup_word

    info = lookup_word(word, progress=not as_json)
    if as_json:
        click.echo(json.dumps(info.to_dict(), ensure_ascii=False, indent=1))
    else:
        _show(info)
    if not info.found:
        sys.exit(1)


def _show(info: WordInfo) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    if not info.found:
        console.print(Text(f"Nothing is known of {info.word!r}.", style="bold"))
        return
    for entry in info.readings:
        head = Text()
        if entry.pos == "NOUN" and entry.article:
            head.append(entry.article + " ", style="bold")
        head.append(entry.lemma, style="bold")
        head.append(f"  ({entry.pos})", style="dim")
        console.print(head)
        for label, value in _grammar_lines(entry):
            console.print(Text.assemble(("  " + label + ": ", "dim"), value))
        table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
        table.add_column("gloss")
        table.add_column("source")
        table.add_column("note")
        for gloss in entry.glosses:
            note = ", ".join(part for part in (
                gloss.label, f"via {gloss.via}" if gloss.via else "", "uncertain" if gloss.uncertain else "") if part)
            table.add_row(Text(gloss.text), Text(gloss.source), Text(note))
        console.print(table)
        console.print()


def _grammar_lines(e: Entry) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = []
    if e.pos == "NOUN":
        if e.plural_only and e.singular:
            lines += [("plural", "die " + e.lemma), ("singular", e.singular)]
        elif e.plural_only:
            lines.append(("plural only", "die " + e.lemma))
        elif e.plural:
            lines.append(("plural", "die " + e.plural))
        if e.genitive:
            lines.append(("genitive", e.genitive))
    if e.verb:
        v = e.verb
        auxiliary = {"haben": "hat", "sein": "ist"}.get(v.auxiliary, v.auxiliary)
        perfect = f"{auxiliary} sich {v.participle}" if v.reflexive else f"{auxiliary} {v.participle}"
        lines.append(("forms", f"{v.present} – {v.past} – {perfect}"))
    if e.comparative:
        lines.append(("comparison", f"{e.comparative}, {e.superlative}"))
    for note in e.notes:
        lines.append(("note", note))
    if e.uncertain:
        lines.append(("uncertain", ", ".join(e.uncertain)))
    return lines
