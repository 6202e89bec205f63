"""Handing a written package to a running Anki through the AnkiConnect add-on.

Anki itself imports the .apkg (`importPackage`), so the GUID and mod-time rules that make a
re-import update the learner's notes hold exactly as for File > Import. The package on disk
is the result either way: this is a convenience after it is written, so a closed Anki or a
refused request is reported, not fatal.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from lernkarten.errors import LernkartenError

DEFAULT_URL = "http://127.0.0.1:8765"
#: AnkiConnect's protocol version this client speaks ({"action", "version", "params"}).
PROTOCOL = 6
#: Seconds to wait for the version check; an import of a large deck may take much longer.
CHECK_TIMEOUT = 5.0
IMPORT_TIMEOUT = 120.0


class AnkiConnectError(LernkartenError):
    """Anki or AnkiConnect is not running, too old, or refused the request."""


@dataclass(frozen=True)
class AnkiImport:
    """What a running Anki confirmed: AnkiConnect's version and the deck the package filled."""

    version: int
    deck: str


def connect_url(url: str | None = None) -> str:
    """The AnkiConnect address: the one given, else LERNKARTEN_ANKICONNECT, else 127.0.0.1:8765."""
    return (url or os.environ.get("LERNKARTEN_ANKICONNECT") or DEFAULT_URL).rstrip("/")


def send_package(apkg: str | os.PathLike[str], deck: str, *, url: str | None = None) -> AnkiImport:
    """Import `apkg` into the running Anki and check that it now holds `deck`."""
    address = connect_url(url)
    version = invoke(address, "version", timeout=CHECK_TIMEOUT)
    if not isinstance(version, int) or version < PROTOCOL:
        raise AnkiConnectError(f"AnkiConnect at {address} speaks version {version}; lernkarten needs {PROTOCOL} "
                               "or newer (update the add-on)")
    invoke(address, "importPackage", timeout=IMPORT_TIMEOUT, path=str(Path(apkg).resolve()))
    names = invoke(address, "deckNames", timeout=CHECK_TIMEOUT)
    if not isinstance(names, list) or deck not in names:
        raise AnkiConnectError(f"Anki took the package but shows no deck {deck!r} afterwards")
    return AnkiImport(version=version, deck=deck)


def invoke(address: str, action: str, *, timeout: float, **params: object) -> object:
    """The result of one AnkiConnect action, or an AnkiConnectError naming what went wrong."""
    payload = json.dumps({"action": action, "version": PROTOCOL, "params": params}).encode("utf-8")
    request = urllib.request.Request(address, data=payload, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = json.loads(response.read(10_000_000).decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise AnkiConnectError(f"AnkiConnect at {address} answered {action} with HTTP {exc.code}") from None
    except TimeoutError:
        raise AnkiConnectError(f"AnkiConnect at {address} gave no answer to {action} within {timeout:g} s") from None
    except (urllib.error.URLError, OSError) as exc:
        if isinstance(getattr(exc, "reason", None), TimeoutError):
            raise AnkiConnectError(f"AnkiConnect at {address} gave no answer to {action} within {timeout:g} s") \
                from None
        raise AnkiConnectError(f"no AnkiConnect at {address} (is Anki running, with the AnkiConnect "
                               "add-on?)") from None
    except ValueError:  # JSON or UTF-8 that is not: something else listens on that port
        raise AnkiConnectError(f"{address} does not answer as AnkiConnect does") from None
    if not isinstance(answer, dict) or "result" not in answer or "error" not in answer:
        raise AnkiConnectError(f"{address} does not answer as AnkiConnect does")
    if answer["error"]:
        raise AnkiConnectError(f"Anki refused {action}: {answer['error']}")
    return answer["result"]
