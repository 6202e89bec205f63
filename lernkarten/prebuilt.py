"""Build the indexes a wheel carries: `python -m lernkarten.prebuilt FOLDER` (setup.py runs it).

The first deck on a fresh install should take seconds, not the half minute of indexing Ding
and the noun table; so a wheel is built with those indexes in `lernkarten/indexes/`, made by
the very loaders that build them in the cache folder, named by the same fingerprints
(`caches.py`). A build machine whose data or packages differ only makes names that an
installation does not ask for, and it builds its own: correct, only slower.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from lernkarten.caches import CACHES, remove, size_of
from lernkarten.glossing.dictionary import open_dictionary
from lernkarten.lexicon.frequency import german_table
from lernkarten.lexicon.headwords import headwords
from lernkarten.lexicon.nouns import noun_table
from lernkarten.lexicon.reflexive_verbs import reflexive_verbs


def build_shipped(folder: Path) -> list[Path]:
    """Build every cache the registry marks `shipped` into `folder`; the files made."""
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["LERNKARTEN_CACHE_DIR"] = str(folder)  # the loaders build where the cache folder is
    open_dictionary()
    noun_table()
    headwords()
    reflexive_verbs()
    german_table()
    built = [folder / entry.file_name() for entry in CACHES.values() if entry.shipped]
    missing = [path.name for path in built if not path.exists()]
    if missing:
        raise RuntimeError(f"not built: {', '.join(missing)}")
    for path in folder.iterdir():
        if path not in built:
            remove(path)
    return built


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m lernkarten.prebuilt FOLDER", file=sys.stderr)
        return 2
    for path in build_shipped(Path(argv[0])):
        print(f"built {path.name} ({size_of(path) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
