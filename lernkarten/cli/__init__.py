"""The `lernkarten` command: a thin layer of click options over the library.

Commands live in their own modules and are imported only when used, so that `--help` and
the quiz start without importing spaCy. Library errors (`LernkartenError`) become one line
on standard error and a non-zero exit.
"""

from __future__ import annotations

import importlib
import sys

import click

from lernkarten import __version__
from lernkarten.errors import LernkartenError

#: command name -> "module:attribute" of its click command
COMMANDS = {
    "build": "lernkarten.cli.build:build",
    "extract": "lernkarten.cli.extract:extract",
    "known": "lernkarten.cli.known:known",
    "lookup": "lernkarten.cli.lookup:lookup",
    "package": "lernkarten.cli.package:package",
    "quiz": "lernkarten.cli.quiz:quiz",
    "stats": "lernkarten.cli.quiz:stats",
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(module_name), attribute)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except LernkartenError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:
            sys.exit(1)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lernkarten")
def cli() -> None:
    """Turn German texts into flashcards: extract words, build Anki decks, quiz yourself."""


def main() -> None:
    """Run the CLI: a ClickException becomes one line, Ctrl-C "Aborted!" with the shell's status 130.

    Without standalone mode click hands back the status a command asked for with `ctx.exit(n)`
    (the quiz's 130 after Ctrl-C, 128 + the signal after SIGTERM or SIGHUP); it is the process's.
    """
    try:
        status = cli.main(prog_name="lernkarten", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    if isinstance(status, int) and status:
        sys.exit(status)
