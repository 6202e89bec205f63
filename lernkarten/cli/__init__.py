"""The `lernkarten` command: a thin layer of click options over the library.

Commands live in their own modules and are imported only when used, so that `--help` and
the quiz start without importing spaCy. Library errors (`LernkartenError`) become one line
on standard error and a non-zero exit.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys

import click

from lernkarten.errors import LernkartenError
from lernkarten.version import __version__

#: command name -> "module:attribute" of its click command
COMMANDS = {
    "build": "lernkarten.cli.build:build",
    "cache": "lernkarten.cli.cache:cache",
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


class StdoutError(Exception):
    """Writing to standard output failed (a full disk, a closed pipe): there is nowhere to say more."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.errno = error.errno


class _GuardedStdout:
    """Standard output whose failures say that it was standard output that failed.

    An OSError from deep inside click or rich could be any file; this one is the output the
    user redirected (`> /dev/full`, `| head`), which deserves one line, not a traceback.
    """

    def __init__(self, stream) -> None:  # type: ignore[no-untyped-def]
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise StdoutError(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise StdoutError(exc) from None

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._stream, name)


def main() -> None:
    """Run the CLI: a ClickException becomes one line, Ctrl-C "Aborted!" with the shell's status 130.

    Without standalone mode click hands back the status a command asked for with `ctx.exit(n)`
    (the quiz's 130 after Ctrl-C, 128 + the signal after SIGTERM or SIGHUP); it is the process's.
    Standard output is flushed here, so that a failing one is reported like any other error
    and not at the interpreter's exit.
    """
    stdout = sys.stdout
    if stdout is not None:
        sys.stdout = _GuardedStdout(stdout)
    try:
        status = _run()
        if sys.stdout is not None:
            sys.stdout.flush()
    except StdoutError as exc:
        if exc.errno != errno.EPIPE:  # a reader that went away (`| head`) wants no message
            click.echo(f"Error: cannot write to standard output: {exc}", err=True)
        _silence_stdout(stdout)
        sys.exit(1)
    finally:
        sys.stdout = stdout
    if status:
        sys.exit(status)


def _run() -> int | str | None:
    """The CLI's exit status: 0 or None for success."""
    try:
        status = cli.main(prog_name="lernkarten", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except SystemExit as exit_:
        return exit_.code
    return status if isinstance(status, int) else None


def _silence_stdout(stream) -> None:  # type: ignore[no-untyped-def]
    """Point standard output at /dev/null, so the interpreter's last flush of what could not be
    written fails no more (and prints no "Exception ignored"), as Python's docs advise."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
