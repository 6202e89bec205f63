"""Fetching an article from its address: the one place lernkarten reads a web page.

Only what a learner asks for is fetched, with limits a news page never reaches: a deadline
(for connecting and each read, and for the whole page, checked between reads), a size cap, a
few redirects, and a content type that is a page of text. Anything else (offline, refused,
too slow, a PDF, a page cut short) becomes one `SourceError` saying the page could not be
fetched, so a build never hangs on the network nor learns from an error page.
"""

from __future__ import annotations

import http.client
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from lernkarten.errors import SourceError
from lernkarten.version import __version__

#: Seconds for the whole fetch; LERNKARTEN_FETCH_TIMEOUT overrides it (a slow line, or tests).
TIMEOUT = 20.0
MAX_REDIRECTS = 5
#: Content types read as pages: HTML (its main text is extracted) and plain text.
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
USER_AGENT = f"lernkarten/{__version__} (German flashcards from articles; Python urllib)"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class WebPage:
    """A fetched page: the address it came from (after redirects), its kind and its bytes."""

    url: str
    content_type: str             # "text/html" or "text/plain", without parameters
    charset: str                  # as the server declared it, or ""
    body: bytes

    @property
    def is_html(self) -> bool:
        return self.content_type in HTML_TYPES


def is_web_address(text: str) -> bool:
    """True for an http:// or https:// address (what `build` and `extract` fetch instead of open)."""
    return text[:8].lower().startswith(("http://", "https://"))


def default_timeout() -> float:
    """The fetch deadline in seconds: LERNKARTEN_FETCH_TIMEOUT when set to a positive number, else TIMEOUT."""
    value = os.environ.get("LERNKARTEN_FETCH_TIMEOUT", "")
    try:
        seconds = float(value)
    except ValueError:
        return TIMEOUT
    return seconds if seconds > 0 else TIMEOUT


def fetch_page(url: str, *, max_bytes: int, timeout: float | None = None,
               max_redirects: int = MAX_REDIRECTS) -> WebPage:
    """The page at `url`, or a SourceError "URL: could not fetch the page (why)"."""
    def failed(reason: str) -> SourceError:
        return SourceError(f"{url}: could not fetch the page ({reason})")

    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise failed("only http:// and https:// addresses are fetched")
    seconds = default_timeout() if timeout is None else timeout
    deadline = time.monotonic() + seconds
    opener = urllib.request.build_opener(_BoundedRedirects(max_redirects))
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
        "Accept-Language": "de,en;q=0.5",
    })
    try:
        with opener.open(request, timeout=seconds) as response:
            headers: Message = response.headers
            content_type = headers.get_content_type()
            if content_type not in HTML_TYPES | TEXT_TYPES:
                raise failed(f"it is {content_type}, not a web page or text")
            length = headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise failed(f"larger than {_size(max_bytes)}")
            body = _read_until(response, max_bytes, deadline, failed)
            if length.isdigit() and len(body) < int(length):  # http.client reads a cut-short body quietly
                raise failed(f"the connection broke after {len(body):,} of {int(length):,} bytes")
            return WebPage(url=response.geturl(), content_type=content_type,
                           charset=headers.get_content_charset() or "", body=body)
    except _RedirectRefused as exc:
        raise failed(str(exc)) from None
    except urllib.error.HTTPError as exc:
        exc.close()
        if 300 <= exc.code < 400 and "not allowed" in str(exc.reason):  # urllib's word for file: and the like
            raise failed(f"redirected to {exc.filename}, not a web address") from None
        if 300 <= exc.code < 400:
            raise failed(f"more than {max_redirects} redirects, or a redirect loop") from None
        raise failed(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise failed(f"no answer within {seconds:g} s") from None
        raise failed(str(getattr(reason, "strerror", None) or reason)) from None
    except TimeoutError:
        raise failed(f"no answer within {seconds:g} s") from None
    except OSError as exc:  # a connection reset halfway, a broken TLS session, ...
        raise failed(str(exc.strerror or exc)) from None
    except http.client.HTTPException as exc:  # a page cut short, a garbled status line
        raise failed(f"the server's answer was broken ({type(exc).__name__})") from None
    except ValueError as exc:  # http.client's word for a malformed address or answer
        raise failed(str(exc)) from None


def _read_until(response, max_bytes: int, deadline: float, failed) -> bytes:  # type: ignore[no-untyped-def]
    """The body, read in chunks so that the size cap and the overall deadline hold for a trickling server."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise failed(f"larger than {_size(max_bytes)}")
        chunks.append(chunk)


def _size(limit: int) -> str:
    return f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit:,} bytes"


class _RedirectRefused(Exception):
    """A redirect to something other than a web page (file:, ftp:)."""


class _BoundedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows at most `limit` redirects, and only to http or https."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.max_redirections = limit  # type: ignore[misc]  # urllib reads these from the instance
        self.max_repeats = 1  # type: ignore[misc]  # the same address twice is a loop

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise _RedirectRefused(f"redirected to {newurl}, not a web address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)
