"""The version of lernkarten, in a module of its own so that any module can read it without importing the package's face (`lernkarten/__init__.py`), which names the pipeline."""

__version__ = "0.1.0"
