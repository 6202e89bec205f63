"""The command as a person meets it: quick help, a version, one clear line for every mistake."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED

from lernkarten import __version__
from lernkarten.cli import COMMANDS, cli

_HEAVY = ("spacy", "HanTa", "genanki", "anki", "german_nouns", "wordfreq", "numpy")


@pytest.mark.parametrize("command", [[], *([name] for name in sorted(COMMANDS))])
def test_help_answers_without_loading_the_language_tools(command: list[str]) -> None:
    probe = (
        "import sys\n"
        "from lernkarten.cli import cli\n"
        f"try:\n    cli.main(args={command + ['--help']!r}, prog_name='lernkarten')\n"
        "except SystemExit as exit_:\n    assert exit_.code == 0, exit_.code\n"
        f"print(sorted(m for m in {_HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "Usage: lernkarten" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_version_is_printed() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_standard_input_is_read_with_a_dash() -> None:
    text = "Die Regierung lehnte den Vorschlag der Opposition gestern entschieden ab. Das Bündnis bleibt stabil.\n"
    result = CliRunner().invoke(cli, ["extract", "-", "--json", "--level", "A2"], input=text)
    assert result.exit_code == 0, result.output
    assert '"lemma": "ablehnen"' in result.output


def test_undecodable_bytes_get_one_line(tmp_path: Path) -> None:
    file = tmp_path / "kaputt.txt"
    file.write_bytes(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x20]) * 200)
    done = subprocess.run([sys.executable, "-m", "lernkarten", "extract", str(file)], capture_output=True, text=True)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert done.stderr.startswith("Error: ")


def test_unknown_model_is_one_line() -> None:
    done = subprocess.run([sys.executable, "-m", "lernkarten", "extract", str(SEED), "--model", "de_core_news_xx"],
                          capture_output=True, text=True)
    assert done.returncode != 0
    assert "de_core_news_xx" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_unknown_level_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["extract", str(SEED), "--level", "Z9"])
    assert result.exit_code == 2 and "Z9" in result.output
