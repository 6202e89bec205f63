"""`lernkarten package`: a (hand-edited) deck JSON packaged again, without re-analysis."""

from __future__ import annotations

from pathlib import Path

import click

from lernkarten.cli.options import anki_options, hand_to_anki
from lernkarten.cli.speech import Pronunciations, audio_options
from lernkarten.errors import LernkartenError


@click.command("package")
@click.argument("deck_json", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="The .apkg to write (default: beside DECK_JSON, same name). "
    "Point it at the package you imported: its notes tell which entries changed.",
)
@click.option("--reverse", is_flag=True, help="Also make English -> German cards.")
@audio_options
@anki_options
def package(deck_json: Path, output: Path | None, reverse: bool, audio: str | None, audio_voice: str,
            to_anki: bool, anki_connect: str | None) -> None:
    """Package DECK_JSON (decks/NAME.json) as an Anki deck again.

    Entries whose cards changed since the package at the output path was written (or, with
    no package there, since the JSON last recorded them) get a new mod time, so re-importing
    it into Anki updates those notes and keeps your reviews. The new times are written back
    into DECK_JSON. A deck built with --audio keeps its sound only with --audio again.
    """
    # deferred: read only when this runs (start-up time)
    from lernkarten.packaging.rebuild import package_deck_json

    target = output if output is not None else deck_json.with_suffix(".apkg")
    if target.suffix.lower() != ".apkg":
        raise click.ClickException(f"{target}: the output must end in .apkg")
    try:
        sounds = Pronunciations(audio, audio_voice).of if audio else None
        written = package_deck_json(deck_json, target, reverse=reverse, audio=sounds)
    except LernkartenError as exc:
        raise click.ClickException(str(exc)) from None
    summary, unrecorded, deck = written.summary, written.unrecorded, written.deck
    click.echo(f"Wrote {summary.notes} notes ({summary.cards} cards"
               + (f", {summary.media} sound files" if sounds is not None else "") + f") to {target}")
    if unrecorded:
        click.echo(f"{unrecorded} entries of {deck_json} were written by an older lernkarten and say nothing of "
                   "their cards: edits made before this run reach Anki only with -o pointing at the package you "
                   "imported", err=True)
    if summary.skipped:
        click.echo(
            f"{len(summary.skipped)} entries have no gloss and made no card: {', '.join(summary.skipped)}",
            err=True,
        )
    if to_anki:
        # deferred: read only when this runs (start-up time)
        from lernkarten.packaging.subdecks import parent_name

        hand_to_anki(target, parent_name(deck), anki_connect)
