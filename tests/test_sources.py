"""Reading texts: every format a learner has, and one clear line for everything else."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED

from lernkarten.cli import cli
from lernkarten.errors import SourceError
from lernkarten.sources import MAX_CHARS, parse_source, read_source

GERMAN = "Die Regierung lehnte den Vorschlag der Opposition gestern ab. Das Bündnis bleibt stabil.\n"


def test_seed_keeps_its_attribution_apart_from_the_text() -> None:
    text = read_source(str(SEED))
    assert text.source.attribution.startswith("Dieser Beitrag ist ursprünglich am 6.1.2022 erschienen")
    assert "Frankfurter Allgemeine" not in text.body
    assert text.body.startswith("Kasachstan bittet um militärische Hilfe")
    assert text.source.title == "Kasachstan bittet um militärische Hilfe"
    assert text.source.date == "2022-01-06"
    assert text.source.id == "faz-2022-01-06-kasachstan-odkb"


def test_latin1_text_is_decoded_not_mangled(tmp_path: Path) -> None:
    file = tmp_path / "alt.txt"
    file.write_bytes("Die Straße führt über die Brücke. Größere Häuser stehen am Ufer.".encode("latin-1"))
    assert "Straße führt über die Brücke" in read_source(str(file)).body


def test_markdown_loses_its_markup(tmp_path: Path) -> None:
    file = tmp_path / "notiz.md"
    file.write_text("# Überschrift\n\nDas **Bündnis** hat [heute](https://example.org) *entschieden*, zu helfen.\n",
                    encoding="utf-8")
    body = read_source(str(file)).body
    assert "Das Bündnis hat heute entschieden, zu helfen." in body
    assert "**" not in body and "](" not in body


def test_saved_web_page_gives_main_text_title_and_date(tmp_path: Path) -> None:
    page = tmp_path / "artikel.html"
    page.write_text(
        "<html><head><title>Bündnis | Zeitung</title><meta name='date' content='2022-01-06'>"
        "<meta property='og:site_name' content='Beispielzeitung'></head><body><nav>Startseite Menü Login</nav>"
        "<article><h1>Kasachstan bittet um militärische Hilfe</h1>"
        "<p>Als der kasachische Präsident in der Nacht zum Donnerstag eine dramatische Fernsehansprache hielt, "
        "sprach er von Terroristen, die im Land wüteten.</p>"
        "<p>Wenige Stunden später teilte das von Russland geführte Militärbündnis offiziell mit, dass Truppen "
        "auf dem Weg seien.</p><script>alert('x')</script></article><footer>Impressum Datenschutz</footer>"
        "</body></html>", encoding="utf-8")
    text = read_source(str(page))
    assert "teilte das von Russland geführte Militärbündnis offiziell mit" in text.body
    assert "alert" not in text.body and "Impressum" not in text.body
    assert text.source.title == "Kasachstan bittet um militärische Hilfe"
    assert text.source.date == "2022-01-06"


def test_standard_input_is_a_source(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GERMAN.encode())))
    text = read_source("-")
    assert text.source.id == "stdin" and "Bündnis" in text.body


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "holds no text"),
        (b"   \n\t  \n", "holds no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data"),
        (b"The government rejected the proposal yesterday. The alliance remains stable and strong.",
         "looks like English, not German"),
        ("Le gouvernement a rejeté la proposition hier. L'alliance reste stable.".encode(),
         "looks like French, not German"),
    ],
)
def test_bad_text_gets_one_clear_line_and_a_nonzero_exit(tmp_path: Path, content: bytes, message: str) -> None:
    file = tmp_path / "text.txt"
    file.write_bytes(content)
    result = CliRunner().invoke(cli, ["extract", str(file)])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_file_and_directory_are_refused(tmp_path: Path) -> None:
    missing = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.txt")])
    assert missing.exit_code != 0 and "no such file" in missing.output
    empty_dir = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert empty_dir.exit_code != 0 and "directory" in empty_dir.output


def test_too_long_text_names_the_limit() -> None:
    body = (GERMAN * (MAX_CHARS // len(GERMAN) + 2)).encode()
    with pytest.raises(SourceError, match=f"the limit is {MAX_CHARS:,}"):
        parse_source(body, name="lang", suffix=".txt", display="lang.txt")


def test_force_reads_a_text_that_does_not_look_german() -> None:
    text = parse_source(b"The government rejected the proposal yesterday. The alliance is stable.",
                        name="en", suffix=".txt", display="en.txt", force=True)
    assert "government" in text.body


_LANGUAGE_CHECK = """
import sys
from pathlib import Path
from lernkarten.errors import SourceError
from lernkarten.sources import check_german
try:
    check_german(Path(sys.argv[1]).read_text(encoding="utf-8"), "text")
    verdict = "German"
except SourceError as error:
    verdict = str(error)
print(verdict, "py3langid" in sys.modules)
"""


@pytest.mark.parametrize(("text", "verdict", "model"), [
    (SEED.read_text(encoding="utf-8"), "German", False),
    # Dutch shares die, den, in, van-like words with German, but not enough of the German-only ones
    ("De regering heeft het voorstel gisteren afgewezen. Het bondgenootschap blijft stabiel en sterk, "
     "zei de minister van buitenlandse zaken na het overleg in Brussel. Volgens de oppositie is die "
     "beslissing een vergissing, omdat de economie van het land afhankelijk is van de export naar de "
     "buurlanden en de samenwerking met de partners in de Europese Unie nu belangrijker is dan ooit.",
     "text looks like Dutch, not German (use --force to go on anyway)", True),
    # an English text that quotes German words is asked of the model, and is English
    ("The chancellor said the coalition (die Koalition) would stand by the alliance. Critics in the "
     "Bundestag said that the decision was wrong and that the government had not listened to the "
     "states, which had asked for more money for schools, roads and hospitals over the coming years, "
     "and that the plan would fail. Der Spiegel called it a turning point for the country.",
     "text looks like English, not German (use --force to go on anyway)", True),
], ids=["German news", "Dutch", "English quoting German"])
def test_the_language_check_loads_its_model_only_for_a_text_in_doubt(tmp_path: Path, text: str, verdict: str,
                                                                       model: bool) -> None:
    import subprocess
    import sys

    file = tmp_path / "text.txt"
    file.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _LANGUAGE_CHECK, str(file)], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.strip() == f"{verdict} {model}"
