"""The wheel carries the indexes lernkarten would otherwise build on its first run.

Everything else about the package is in pyproject.toml. Building a wheel (`pip install .`
does) runs `python -m lernkarten.prebuilt` on the copied package, which makes the Ding
index, the noun table and Ding's headword lists with the same loaders and the same
fingerprints as a first run would (`lernkarten/caches.py`), into `lernkarten/indexes/`.
An editable install has no such copy and builds them in the cache folder on first use;
so does any install whose build could not make them (a warning says so).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithIndexes(build_py):
    """build_py, then the indexes into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False) or os.environ.get("LERNKARTEN_SKIP_PREBUILT"):
            return
        built = Path(self.build_lib).resolve()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(built), os.environ.get("PYTHONPATH")])))
        result = subprocess.run([sys.executable, "-m", "lernkarten.prebuilt", str(built / "lernkarten" / "indexes")],
                                env=env, check=False)
        if result.returncode:
            print("warning: the indexes could not be built into the wheel; lernkarten builds them on first use",
                  file=sys.stderr)


setup(cmdclass={"build_py": BuildPyWithIndexes})
