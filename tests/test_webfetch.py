"""Articles from the web: fetched within limits from a real local server, read as saved pages are."""

from __future__ import annotations

import json
import re
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from anki_helpers import import_package, new_collection, seen_cards
from click.testing import CliRunner
from local_server import closed_port, serving

from lernkarten import __version__
from lernkarten.cli import cli
from lernkarten.errors import SourceError
from lernkarten.sources import read_source, read_text_list
from lernkarten.webfetch import fetch_page

ARTICLE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Hochwasser | Beispielzeitung</title>"
    "<meta name='date' content='2024-06-03'><meta property='og:site_name' content='Beispielzeitung'></head>"
    "<body><nav>Startseite Politik Sport Anmelden</nav><article><h1>Hochwasser in Bayern</h1>"
    "<p>Nach tagelangem Regen sind in Bayern mehrere Flüsse über die Ufer getreten. Die Feuerwehr "
    "evakuierte in der Nacht zahlreiche Häuser, weil die Deiche dem Druck kaum noch standhielten.</p>"
    "<p>Der Ministerpräsident besuchte am Morgen die betroffenen Gemeinden und versprach schnelle Hilfe. "
    "Die Regierung werde die Schäden großzügig ausgleichen, sagte er vor Journalisten.</p>"
    "<p>Meteorologen warnen vor weiteren Unwettern. Die Bewohner sollen ihre Keller räumen und "
    "wichtige Dokumente in Sicherheit bringen, bis die Pegel wieder sinken.</p>"
    "</article><footer>Impressum Datenschutz Kontakt</footer></body></html>"
)
PLAIN = "Die Bürger der Stadt wählen im Herbst einen neuen Gemeinderat. Die Straße führt über die Brücke."


class Site(BaseHTTPRequestHandler):
    """A small news site with every way a fetch can go wrong."""

    user_agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Site.user_agents.append(self.headers.get("User-Agent", ""))
        path = self.path.split("?")[0]
        if path == "/politik/hochwasser-in-bayern.html":
            self._send(200, "text/html; charset=utf-8", ARTICLE.encode("utf-8"))
        elif path == "/meldung.txt":
            self._send(200, "text/plain; charset=iso-8859-1", PLAIN.encode("latin-1"))
        elif path == "/umgezogen":
            self._redirect("/politik/hochwasser-in-bayern.html")
        elif path == "/kreis":
            self._redirect("/kreis")
        elif path.startswith("/kette/"):
            self._redirect(f"/kette/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path == "/datei":
            self._redirect("file:///etc/passwd")
        elif path == "/abgebrochen.html":  # the connection drops before the promised length
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(ARTICLE.encode("utf-8")[:500])
            self.close_connection = True
        elif path == "/bericht.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4 " + b"x" * 100)
        elif path == "/riesig.html":
            self._send(200, "text/html", b"<html>" + b"a" * 6_000_000)
        elif path == "/ohne-laenge.html":  # no Content-Length: only counting what arrives can stop it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(70):
                self.wfile.write(b"<p>" + b"b" * 100_000 + b"</p>")
        elif path == "/langsam.html":
            time.sleep(3)
            self._send(200, "text/html", ARTICLE.encode("utf-8"))
        elif path == "/tropfen.html":  # each byte in time, the whole page never
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(60):
                    self.wfile.write(b"<p>" * 30_000)
                    self.wfile.flush()
                    time.sleep(0.05)
            except OSError:
                pass
        else:
            self._send(404, "text/html", b"<html><body>Seite nicht gefunden</body></html>")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass  # the client stopped reading: that is what a size cap does

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site():
    with serving(Site) as address:
        yield address


def _fails(args: list[str], env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(cli, args, env=env)
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_web_article_is_read_with_address_title_site_and_date(site: str) -> None:
    url = f"{site}/politik/hochwasser-in-bayern.html"
    text = read_source(url)
    assert text.body.startswith("Hochwasser in Bayern")
    assert "Deiche dem Druck kaum noch standhielten" in text.body
    assert "Impressum" not in text.body and "Anmelden" not in text.body
    assert text.source.url == url
    assert text.source.title == "Hochwasser in Bayern"
    assert text.source.date == "2024-06-03"
    assert text.source.attribution == "Quelle: Beispielzeitung"
    assert text.source.id == "hochwasser-in-bayern"
    assert text.source.path == ""
    assert Site.user_agents[-1].startswith(f"lernkarten/{__version__} ")


def test_plain_text_page_is_decoded_by_its_declared_charset_and_credited_to_its_host(site: str) -> None:
    text = read_source(f"{site}/meldung.txt")
    assert "Die Straße führt über die Brücke." in text.body
    assert text.source.attribution == "Quelle: 127.0.0.1"
    assert text.source.id == "meldung"


def test_a_redirect_is_followed_and_the_final_address_kept(site: str) -> None:
    text = read_source(f"{site}/umgezogen")
    assert text.source.url == f"{site}/politik/hochwasser-in-bayern.html"


def test_build_from_an_address_makes_a_deck_anki_imports(site: str, tmp_path: Path) -> None:
    url = f"{site}/politik/hochwasser-in-bayern.html"
    deck = tmp_path / "hochwasser.apkg"
    result = CliRunner().invoke(cli, ["build", url, "-o", str(deck), "--level", "A2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    written = json.loads(deck.with_suffix(".json").read_text(encoding="utf-8"))
    assert written["sources"][0]["url"] == url
    assert written["sources"][0]["attribution"] == "Quelle: Beispielzeitung"
    notes = int(re.search(r"(\d+) notes", result.stdout).group(1))
    assert len(written["entries"]) > 3
    col = new_collection(tmp_path / "anki")
    assert import_package(col, deck).new == notes == col.note_count()
    cards = seen_cards(col)
    assert cards and all("Quelle: Beispielzeitung" in card.answer for card in cards)
    col.close()


def test_build_names_the_deck_of_an_address_after_its_last_part(site: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", f"{site}/politik/hochwasser-in-bayern.html?seite=1"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "decks").iterdir()) == ["hochwasser-in-bayern.apkg",
                                                                      "hochwasser-in-bayern.json"]


def test_extract_from_an_address_prints_its_source(site: str) -> None:
    url = f"{site}/politik/hochwasser-in-bayern.html"
    result = CliRunner().invoke(cli, ["extract", url, "--json", "--level", "A2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["sources"][0]["url"] == url
    assert any(entry["lemma"] == "Deich" for entry in data["entries"])


@pytest.mark.parametrize(("page", "reason"), [
    ("/fehlt.html", "HTTP 404 Not Found"),
    ("/bericht.pdf", "it is application/pdf, not a web page or text"),
    ("/riesig.html", "larger than 5 MB"),
    ("/ohne-laenge.html", "larger than 5 MB"),
    ("/kreis", "redirect loop"),
    ("/kette/1", "more than 5 redirects"),
    ("/datei", "redirected to file:///etc/passwd, not a web address"),
    ("/abgebrochen.html", "the connection broke after 500 of 100,000 bytes"),
])
def test_a_page_that_cannot_be_read_is_one_line_and_a_failure(site: str, page: str, reason: str) -> None:
    line = _fails(["extract", f"{site}{page}"])
    assert line.startswith(f"Error: {site}{page}: could not fetch the page (")
    assert reason in line


def test_a_server_too_slow_to_answer_is_given_up_on(site: str) -> None:
    started = time.monotonic()
    line = _fails(["build", f"{site}/langsam.html", "-o", "x.apkg"], env={"LERNKARTEN_FETCH_TIMEOUT": "0.5"})
    assert "could not fetch the page (no answer within 0.5 s)" in line
    assert time.monotonic() - started < 2.5


def test_a_trickling_server_is_given_up_on_at_the_deadline(site: str) -> None:
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"could not fetch the page \(no answer within 0.5 s\)"):
        fetch_page(f"{site}/tropfen.html", max_bytes=5_000_000, timeout=0.5)
    assert time.monotonic() - started < 2


def test_offline_is_one_line_saying_the_page_could_not_be_fetched() -> None:
    url = f"http://127.0.0.1:{closed_port()}/artikel.html"
    line = _fails(["build", url, "-o", "x.apkg"])
    assert line.startswith(f"Error: {url}: could not fetch the page (")
    assert "refused" in line.lower()


def test_list_file_names_paths_relative_to_itself_and_addresses(site: str, tmp_path: Path) -> None:
    (tmp_path / "texte").mkdir()
    (tmp_path / "texte" / "meldung.txt").write_text(PLAIN, encoding="utf-8")
    listing = tmp_path / "lesen.txt"
    listing.write_text(f"# diese Woche\n\ntexte/meldung.txt\n  {site}/politik/hochwasser-in-bayern.html  \n",
                       encoding="utf-8")
    assert read_text_list(str(listing)) == [str(tmp_path / "texte" / "meldung.txt"),
                                            f"{site}/politik/hochwasser-in-bayern.html"]
    result = CliRunner().invoke(cli, ["extract", "--from-file", str(listing), "--json", "--level", "A2"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert [s["id"] for s in json.loads(result.stdout)["sources"]] == ["meldung", "hochwasser-in-bayern"]


def test_list_file_with_a_missing_entry_names_its_line(tmp_path: Path) -> None:
    listing = tmp_path / "lesen.txt"
    listing.write_text("# nichts\nfehlt.txt\n", encoding="utf-8")
    line = _fails(["build", "--from-file", str(listing), "-o", str(tmp_path / "x.apkg")])
    assert line == f"Error: {listing}, line 2: fehlt.txt: no such file"
    assert _fails(["extract", "--from-file", str(tmp_path / "keine.txt")]) == \
        f"Error: {tmp_path / 'keine.txt'}: no such file"


def test_build_without_texts_or_list_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["build", "-o", "x.apkg"])
    assert result.exit_code == 2
    assert "give the TEXTS to read" in result.output
