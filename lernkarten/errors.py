"""The one exception family the library raises for a user's mistake or a bad input.

The CLI prints `str(error)` as a single line and exits non-zero; anything else is a bug.
"""


class LernkartenError(Exception):
    """A problem the user can fix: bad input, a missing file, a locked database."""


class SourceError(LernkartenError):
    """A text cannot be read or is not something to learn German from."""
