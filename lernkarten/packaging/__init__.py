"""The packaging stage: glossed Entries in, an Anki package and the deck's JSON out.

`write_apkg` writes the package, `stamp_modified` decides each note's mod time so that a
rebuilt deck updates a learner's notes, `read_deck_json` / `write_deck_json` carry the
hand-editable JSON. Nothing here imports genanki until a package is written.
"""

from lernkarten.packaging.apkg import PackageSummary, read_package_notes, write_apkg
from lernkarten.packaging.deckjson import read_deck_json, write_deck_json
from lernkarten.packaging.stamps import stamp_edits, stamp_from_package, stamp_modified
from lernkarten.packaging.subdecks import subdeck_name

__all__ = [
    "PackageSummary",
    "read_deck_json",
    "read_package_notes",
    "stamp_from_package",
    "stamp_edits",
    "stamp_modified",
    "subdeck_name",
    "write_apkg",
    "write_deck_json",
]
