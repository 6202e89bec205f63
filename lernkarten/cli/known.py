"""`lernkarten known`: the list of words you already know, left out of every deck."""

from __future__ import annotations

import click


@click.group()
def known() -> None:
    """Edit the words you already know (one lemma each: "Bündnis", "mitteilen")."""


@known.command("add")
@click.argument("words", nargs=-1, required=True)
def add(words: tuple[str, ...]) -> None:
    """Add WORDS to your known words."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.known import add_known_words

    added = add_known_words(words)
    click.echo(f"Added {len(added)} word(s)." + (f" Already known: {len(words) - len(added)}." if len(added) < len(words) else ""))


@known.command("remove")
@click.argument("words", nargs=-1, required=True)
def remove(words: tuple[str, ...]) -> None:
    """Remove WORDS from your known words."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.known import remove_known_words

    removed = remove_known_words(words)
    click.echo(f"Removed {len(removed)} word(s).")


@known.command("list")
def list_words() -> None:
    """Print your known words, one a line."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.known import known_words_path, learner_known_words

    words = learner_known_words()
    for word in words:
        click.echo(word)
    if not words:
        click.echo(f"No known words yet ({known_words_path()}).", err=True)
