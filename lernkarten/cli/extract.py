"""`lernkarten extract`: the words worth learning in German texts, as a table or JSON."""

from __future__ import annotations

import click

from lernkarten.cli.options import analysis_options, from_file_option, gather_texts, print_json, read_known


@click.command()
@click.argument("texts", nargs=-1)
@from_file_option
@analysis_options
@click.option("--json", "as_json", is_flag=True, help="Print the entries as JSON (the deck's entry format).")
@click.option("--gloss/--no-gloss", default=True, show_default=True,
              help="Add English glosses and grammar from the offline dictionary.")
def extract(texts: tuple[str, ...], text_lists: tuple[str, ...], level: str, limit: int | None,
            known: tuple[str, ...], names: bool,
            model: str | None, force: bool, jobs: int, as_json: bool, gloss: bool) -> None:
    """Show the words worth learning in TEXTS (.txt, .md, .html files, folders, web addresses, or - for stdin).

    Each word comes with its dictionary form, part of speech, count, level and an example
    sentence from the text.
    """
    # deferred: read only when this runs (start-up time)
    from lernkarten.cli.progress import analysis_progress
    from lernkarten.pipeline import Options, extract_entries

    paths = gather_texts(texts, text_lists)
    with analysis_progress(enabled=not as_json) as progress:
        options = Options(level=level, limit=limit, known=tuple(read_known(known)), names=names, model=model,
                          force=force, jobs=jobs)
        extraction = extract_entries(paths, options, progress=progress)
    entries = extraction.entries
    unglossed = []
    if gloss:
        # deferred: read only when this runs (start-up time)
        from lernkarten.pipeline import gloss as gloss_entries

        result = gloss_entries(entries)
        entries, unglossed = result.entries, result.unglossed
    if as_json:
        print_json({"sources": [s.to_dict() for s in extraction.sources],
                    "entries": [e.to_dict() for e in entries],
                    "unglossed": [e.lemma for e in unglossed]})
        return
    _print_table(entries, unglossed, extraction)


def _print_table(entries, unglossed, extraction) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    table = Table(title=f"{len(entries)} words worth learning", show_lines=False, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("German", no_wrap=True, max_width=28, overflow="ellipsis")
    table.add_column("POS", no_wrap=True)
    table.add_column("English", ratio=2)
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("Lvl", no_wrap=True)
    table.add_column("Example", ratio=4)
    for rank, entry in enumerate(entries, start=1):
        german = f"{entry.article} {entry.lemma}".strip() if entry.pos == "NOUN" else entry.lemma
        english = "; ".join(g.text for g in entry.glosses[:3])
        if entry.glosses and all(g.uncertain for g in entry.glosses[:3]):
            english += " (?)"
        table.add_row(str(rank), Text(german), entry.pos, Text(english), str(entry.count), entry.level,
                      _marked_example(entry))
    console.print(table)
    if unglossed:
        console.print(Text(f"No gloss found for {len(unglossed)} word(s): "
                           + ", ".join(e.lemma for e in unglossed), style="yellow"))


def _marked_example(entry, width: int = 90):  # type: ignore[no-untyped-def]
    """The first example, cut to about `width` characters around the word, the word underlined."""
    from rich.text import Text

    if not entry.examples:
        return Text("")
    example = entry.examples[0]
    first, last = min(s for s, _ in example.spans), max(e for _, e in example.spans)
    start = max(0, first - width // 3)
    if start:  # begin and end at word boundaries
        start = min(first, example.text.find(" ", start) + 1 or first)
    end = min(len(example.text), max(start + width, last + 10))
    if end < len(example.text):
        end = max(last, example.text.rfind(" ", last, end))
    text = Text(("…" if start else "") + example.text[start:end] + ("…" if end < len(example.text) else ""))
    shift = 1 if start else 0
    for span_start, span_end in example.spans:
        text.stylize("bold underline", span_start - start + shift, span_end - start + shift)
    return text
