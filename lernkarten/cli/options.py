"""Options several commands share, so that `extract` and `build` read the same way."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from lernkarten.levels import DEFAULT_LEVEL, LEVELS


def analysis_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a command with the options that choose what is worth learning."""
    options = [
        click.option("--level", type=click.Choice(LEVELS, case_sensitive=False), default=DEFAULT_LEVEL, show_default=True,
                     callback=lambda ctx, param, value: value.upper(),
                     help="Your level: words this level usually knows are left out."),
        click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N words, best first."),
        click.option("--known", type=click.Path(dir_okay=False), multiple=True,
                     help="A file of words you know, one lemma a line (repeatable). "
                          "Your own list (lernkarten known) always applies."),
        click.option("--names", is_flag=True, help="Keep proper names (people, places, organisations)."),
        click.option("--model", default=None, metavar="NAME",
                     help="An installed spaCy German pipeline to use instead of the built-in one (e.g. de_core_news_md)."),
        click.option("--force", is_flag=True, help="Go on even if a text does not look German."),
        click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Analyse texts in N processes."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def from_file_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a command with --from-file: the texts a list file names, after those given as arguments."""
    return click.option("--from-file", "text_lists", type=click.Path(dir_okay=False), multiple=True,
                        metavar="LIST",
                        help="Also read the texts this file names: paths (relative to the file) or web "
                             "addresses, one a line; # starts a comment (repeatable).")(command)


def gather_texts(texts: tuple[str, ...], text_lists: tuple[str, ...]) -> list[str]:
    """The texts given as arguments and those the --from-file lists name, or a usage error for none."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.sources import read_text_list

    gathered = list(texts)
    for text_list in text_lists:
        gathered.extend(read_text_list(text_list))
    if not gathered:
        raise click.UsageError("give the TEXTS to read (files, folders, web addresses, -) or --from-file LIST")
    return gathered


def anki_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a command that writes a package with --to-anki and --anki-connect."""
    options = [
        click.option("--to-anki", is_flag=True,
                     help="Also import the written package into the running Anki (AnkiConnect add-on)."),
        click.option("--anki-connect", "anki_connect", metavar="URL", envvar="LERNKARTEN_ANKICONNECT",
                     show_envvar=True, default=None, help="AnkiConnect's address (default http://127.0.0.1:8765)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def hand_to_anki(apkg: Any, deck: str, url: str | None) -> None:
    """Import a written package into the running Anki, or say in one line why not (the file stays)."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.ankiconnect import AnkiConnectError, send_package

    try:
        sent = send_package(apkg, deck, url=url)
    except AnkiConnectError as exc:
        click.echo(f"Warning: {apkg} was not imported into Anki: {exc}; it is on disk for File > Import", err=True)
        return
    click.echo(f"Imported {apkg} into Anki (AnkiConnect {sent.version}): deck {sent.deck}")


def read_known(files: tuple[str, ...]) -> list[str]:
    """The learner's own known words plus those of the given files."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.known import learner_known_words, read_known_words

    words = learner_known_words()
    for file in files:
        words.extend(read_known_words(file))
    return words


def print_json(data: Any) -> None:
    """Print JSON for machines: UTF-8, stable key order, one value a line."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=1))
