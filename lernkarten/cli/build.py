"""`lernkarten build`: German texts to Anki packages, updating the decks a learner already studies."""

from __future__ import annotations

from pathlib import Path

import click

from lernkarten.cli.options import (
    analysis_options,
    anki_options,
    from_file_option,
    gather_texts,
    hand_to_anki,
    read_known,
)
from lernkarten.cli.speech import Pronunciations, audio_options
from lernkarten.entries import DEFAULT_DECK_NAME
from lernkarten.errors import LernkartenError

#: Allocations between two of the collector's young-generation passes during a build (Python: 700)
BUILD_GC_THRESHOLD = 50_000


@click.command()
@click.argument("texts", nargs=-1)
@from_file_option
@click.option("-o", "--output", type=click.Path(), default=None,
              help="The .apkg to write (its .json is written beside it). Default: decks/TEXT.apkg for one text; "
                   "with --split, a folder for one deck per text (default decks/).")
@click.option("--split", is_flag=True, help="One deck per text instead of one deck with a subdeck per text.")
@click.option("--reverse", is_flag=True, help="Also make English -> German cards.")
@click.option("--name", default=DEFAULT_DECK_NAME, show_default=True, help="The deck's name in Anki.")
@analysis_options
@click.option("--exclude-deck", type=click.Path(dir_okay=False), multiple=True,
              help="Leave out words already in this deck (.apkg or lernkarten .json; repeatable).")
@click.option("--exclude-anki", type=click.Path(dir_okay=False), multiple=True,
              help="Leave out words already in this Anki collection (collection.anki2, read only; repeatable).")
@click.option("--exclude-mature/--keep-mature", default=True, show_default=True,
              help="Leave out words your quiz progress shows you know well.")
@click.option("--db", type=click.Path(dir_okay=False), default=None, envvar="LERNKARTEN_DB",
              help="Quiz progress database to read mature words from.")
@click.option("--translator", default=None, metavar="SERVICE",
              help="Also ask an online translator (google, deepl, mymemory, ...) for sentence translations.")
@audio_options
@click.option("--no-cache", is_flag=True, help="Analyse every text again, even when nothing changed.")
@anki_options
def build(texts: tuple[str, ...], text_lists: tuple[str, ...], output: str | None, split: bool, reverse: bool,
          name: str, level: str, limit: int | None, known: tuple[str, ...], names: bool, model: str | None,
          force: bool, jobs: int,
          exclude_deck: tuple[str, ...], exclude_anki: tuple[str, ...], exclude_mature: bool, db: str | None,
          translator: str | None, audio: str | None, audio_voice: str, no_cache: bool, to_anki: bool,
          anki_connect: str | None) -> None:
    """Build an Anki deck from German TEXTS (files, folders, web addresses, or - for standard input).

    A rebuild updates the notes you already study: changed glosses arrive, your review
    history stays, nothing is duplicated.
    """
    import gc

    from rich.console import Console
    from rich.markup import escape

    # deferred: read only when this runs (start-up time)
    from lernkarten.cli.progress import analysis_progress
    from lernkarten.exclusions import excluded_lemmas
    from lernkarten.packaging.rebuild import ReadAhead, studied_lemmas, write_deck
    from lernkarten.packaging.subdecks import parent_name
    from lernkarten.pipeline import Options, build_decks

    # A build keeps millions of small objects to its end (a big deck's entries and examples,
    # the deck it replaces); at Python's default the collector scans them again every few
    # thousand allocations, a quarter of a warm rebuild of 1,000 texts. Cycles are still
    # collected, only less often.
    gc.set_threshold(BUILD_GC_THRESHOLD, *gc.get_threshold()[1:])

    paths = gather_texts(texts, text_lists)
    targets = _output_paths(paths, output, split)
    # words the deck being rebuilt already teaches stay in it: excluding them would end their reviews
    studied = studied_lemmas(sorted(targets[0].glob("*.json")) if split else [targets[0].with_suffix(".json")])
    excluded = [w for w in excluded_lemmas(exclude_deck, exclude_anki, exclude_mature, db)
                if w not in studied]
    known_words = read_known(known) + excluded
    speech = Pronunciations(audio, audio_voice) if audio else None
    # the deck to replace, read while the build waits for its analysis worker, if it does
    read_ahead = ReadAhead(targets[0]) if not split else None
    with analysis_progress() as progress:
        options = Options(level=level, limit=limit, known=tuple(known_words), names=names, model=model,
                          force=force, jobs=jobs, use_cache=not no_cache)
        result = build_decks(paths, options, name=name, split=split, translator=translator, progress=progress,
                             gloss_progress=True, read_ahead=read_ahead)
    console = Console(stderr=True)
    for warning in result.warnings:
        console.print(f"[yellow]Warning:[/yellow] {escape(warning)}", highlight=False)
    if result.unglossed:  # words of the text: never read as markup
        console.print(f"No gloss found for {len(result.unglossed)} word(s), left out of the deck: "
                      + ", ".join(sorted({e.lemma for e in result.unglossed})), highlight=False, markup=False)
    empty = [deck for deck in result.decks if not deck.entries]
    if empty:
        names_ = ", ".join(source.path or source.id for deck in empty for source in deck.sources)
        raise click.ClickException(f"no words to learn at level {level} in {names_} (all known, too common, "
                                   "or without a gloss); no deck written")
    result.decks.reverse()
    while result.decks:  # each deck let go once written: packaging makes copies of its own
        deck = result.decks.pop()
        apkg = targets[0] if not split else Path(targets[0]) / f"{deck.sources[0].id}.apkg"
        sounds = speech.of(deck) if speech is not None else None
        try:
            summary = write_deck(deck, apkg, reverse=reverse, audio=sounds, read_ahead=read_ahead).summary
        except LernkartenError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"Wrote {apkg} and {Path(apkg).with_suffix('.json')}: {len(deck.entries)} words, "
                   f"{summary.notes} notes, {summary.cards} cards"
                   + (f", {summary.media} sound files" if sounds is not None else "")
                   + (f" ({result.reused} text(s) reused from the cache)" if result.reused else ""))
        if to_anki:
            hand_to_anki(apkg, parent_name(deck), anki_connect)


def _output_paths(texts: list[str], output: str | None, split: bool) -> list[Path]:
    """Where the deck(s) go, checked before any long work starts."""
    if split:
        folder = Path(output or "decks")
        if folder.suffix.lower() == ".apkg":
            raise click.UsageError("with --split, -o names a folder for the decks, not an .apkg")
        if folder.exists() and not folder.is_dir():
            raise click.UsageError(f"with --split, -o names a folder; {folder} is a file")
        folder.mkdir(parents=True, exist_ok=True)
        _check_writable(folder / "probe.apkg")
        return [folder]
    if output is None:
        if len(texts) != 1 or texts[0] == "-" or Path(texts[0]).is_dir():
            raise click.UsageError("give -o/--output DECK.apkg when building from several texts, a folder or stdin")
        # deferred: read only when this runs (start-up time)
        from lernkarten.sources import source_stem

        output = str(Path("decks") / f"{source_stem(texts[0])}.apkg")
        Path("decks").mkdir(exist_ok=True)
    apkg = Path(output)
    if apkg.is_dir():
        raise click.ClickException(f"{apkg} is a directory, not a deck file (use --split for a deck per text)")
    if apkg.suffix.lower() != ".apkg":
        raise click.UsageError(f"{output}: the output must end in .apkg")
    _check_writable(apkg)
    return [apkg]


def _check_writable(apkg: Path) -> None:
    # deferred: read only when this runs (start-up time)
    from lernkarten.packaging.rebuild import check_output

    try:
        check_output(apkg)
    except LernkartenError as exc:
        raise click.ClickException(str(exc)) from None
