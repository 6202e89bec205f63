"""Reading and writing `decks/NAME.json`, the glossed vocabulary a learner may edit by hand."""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lernkarten.entries import Deck, parse_json
from lernkarten.errors import LernkartenError
from lernkarten.fileio import read_input, write_atomic


def read_deck_json(path: str | os.PathLike[str]) -> Deck:
    """The Deck a JSON file holds; a one-line LernkartenError naming the file if it cannot be read."""
    source = Path(path)
    data = _parsed(source)
    try:
        deck = Deck.from_dict(data)
    except LernkartenError as exc:
        raise LernkartenError(f"{source}: {exc}") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise LernkartenError(f"{source}: not a valid lernkarten deck ({exc})") from None
    # from_json checks the names of fields, not their types; a hand edit can put a list where
    # a number belongs, and that should fail here, in one line, not deep in packaging.
    if not _valid(type(deck))(deck):
        raise LernkartenError(f"{source}: {_type_problem(deck, 'deck')}")
    return deck


def parsed_deck_json(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A deck file's parsed JSON, its entries not made or checked (a LernkartenError where it is
    no deck of this version, or its entries are no list): for reading one field of each."""
    source = Path(path)
    data = _parsed(source)
    try:
        Deck.check_header(data)
    except LernkartenError as exc:
        raise LernkartenError(f"{source}: {exc}") from None
    if not isinstance(data.get("entries", []), list):
        raise LernkartenError(f"{source}: its entries are not a list")
    data.setdefault("entries", [])
    return data


def _parsed(source: Path) -> Any:
    """The parsed JSON of a deck file; its text is let go before the deck is made from it (a big
    deck's text, 50-100 MB, is not held beside its entries)."""
    try:
        text = read_input(source, "deck JSON file", missing="file").decode("utf-8")
    except UnicodeDecodeError:
        raise LernkartenError(f"{source}: not UTF-8 text, so not a deck JSON file") from None
    try:
        return parse_json(text)
    except LernkartenError as exc:
        raise LernkartenError(f"{source}: {exc}") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise LernkartenError(f"{source}: not a valid lernkarten deck ({exc})") from None


def write_deck_json(deck: Deck, path: str | os.PathLike[str]) -> None:
    """Write the deck's stable, diffable JSON form atomically."""
    write_atomic(path, deck.to_json())


def dump_deck_json(deck: Deck, handle: typing.TextIO) -> None:
    """Write `deck.to_json()` to an open file one entry at a time: a big deck's JSON text (and
    the dictionaries it is made from) is never in memory whole.

    The deck without its entries gives the frame; each entry is dumped alone and indented two
    levels deeper, which is safe because JSON writes no raw line break inside a string.
    """
    frame = json.dumps(Deck(deck.name, deck.sources, []).to_dict(), ensure_ascii=False, indent=1)
    if not deck.entries:
        handle.write(frame + "\n")
        return
    head, tail = frame.rsplit("[]", 1)
    handle.write(head + "[")
    separator = "\n  "
    for entry in deck.entries:
        handle.write(separator + json.dumps(entry.to_dict(), ensure_ascii=False, indent=1).replace("\n", "\n  "))
        separator = ",\n  "
    handle.write("\n ]" + tail + "\n")


def _valid(expected: Any) -> Callable[[Any], bool]:
    """Whether a value has the type `expected`: what `_value_problem` checks, as one function per
    type made once, since every deck read checks every field (the message is found only on failure)."""
    return _validators.get(expected) or _validators.setdefault(expected, _make_valid(expected))


_validators: dict[Any, Callable[[Any], bool]] = {}


def _make_valid(expected: Any) -> Callable[[Any], bool]:
    origin, args = typing.get_origin(expected), typing.get_args(expected)
    if origin in (typing.Union, types.UnionType):
        options = [_valid(option) for option in args]
        return lambda value: any(valid(value) for valid in options)
    if expected is type(None):
        return lambda value: value is None
    if origin is list:
        item_valid = _valid(args[0])
        return lambda value: isinstance(value, list) and all(map(item_valid, value))
    if origin is tuple:
        kinds = [_valid(kind) for kind in args]
        return lambda value: (isinstance(value, tuple) and len(value) == len(kinds)
                              and all(valid(item) for valid, item in zip(kinds, value)))
    if isinstance(expected, type) and dataclasses.is_dataclass(expected):
        hints = _hints(expected)
        checks = [(field.name, _valid(hints[field.name])) for field in dataclasses.fields(expected)]
        return lambda value: isinstance(value, expected) and all(valid(getattr(value, name)) for name, valid in checks)
    if expected is float:
        return lambda value: isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected is int:
        return lambda value: (isinstance(value, int) and not isinstance(value, bool)
                              and _SMALLEST_INT <= value <= _LARGEST_INT)
    if expected is str:
        return lambda value: isinstance(value, str) and (value.isascii() or _encodes(value))
    return lambda value: isinstance(value, expected)


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _type_problem(record: Any, where: str) -> str:
    """The first field of a record (recursively) whose value does not have its declared type."""
    # mypy reads type[Any] as unhashable; a class is hashable
    hints = _hints(type(record))  # type: ignore[arg-type]
    for field in dataclasses.fields(record):
        problem = _value_problem(getattr(record, field.name), hints[field.name], f"{where}.{field.name}")
        if problem:
            return problem
    return ""


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """A record class's field types, resolved once (resolving them is slow)."""
    return typing.get_type_hints(cls)


def _value_problem(value: Any, expected: Any, where: str) -> str:
    origin, args = typing.get_origin(expected), typing.get_args(expected)
    if origin in (typing.Union, types.UnionType):
        problems = [_value_problem(value, option, where) for option in args]
        return "" if "" in problems else problems[0]
    if expected is type(None):
        return "" if value is None else f"{where} should be null"
    if origin is list:
        if not isinstance(value, list):
            return f"{where} should be a list"
        for index, item in enumerate(value):
            problem = _value_problem(item, args[0], f"{where}[{index}]")
            if problem:
                return problem
        return ""
    if origin is tuple:
        if not isinstance(value, tuple) or len(value) != len(args):
            return f"{where} should be a list of {len(args)} values"
        for index, (item, kind) in enumerate(zip(value, args, strict=True)):
            problem = _value_problem(item, kind, f"{where}[{index}]")
            if problem:
                return problem
        return ""
    if isinstance(expected, type) and dataclasses.is_dataclass(expected):
        return _type_problem(value, where) if isinstance(value, expected) else f"{where} should be an object"
    if expected is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif expected is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        if ok and not _SMALLEST_INT <= value <= _LARGEST_INT:
            # Anki's database (and sqlite's) holds 64-bit whole numbers; a larger one fails deep in packaging
            return f"{where} is too large a number: {value}"
    else:
        ok = isinstance(value, expected)
    if ok and isinstance(value, str) and not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            # JSON can write half of a UTF-16 pair ("\ud800"); no file or database can hold it
            return f"{where} holds a broken character ({value[exc.start]!r} is half of a UTF-16 pair)"
    return "" if ok else f"{where} should be {_KIND_NAMES.get(expected, expected.__name__)}, not {value!r}"


_KIND_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
_SMALLEST_INT, _LARGEST_INT = -(2 ** 63), 2 ** 63 - 1
