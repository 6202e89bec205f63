"""The language resources in `lexicon/` are read by both stages and depend on neither."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import lernkarten

PACKAGE = Path(lernkarten.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_lexicon_imports_neither_stage() -> None:
    modules = sorted((PACKAGE / "lexicon").glob("*.py"))
    assert len(modules) >= 8
    for module in modules:
        stages = {name for name in _imported_modules(module)
                  if name.startswith(("lernkarten.analysis", "lernkarten.glossing"))}
        assert not stages, f"{module.name} imports {stages}"


def test_the_lemmas_module_does_not_need_the_verbs_module() -> None:
    assert "lernkarten.analysis.verbs" not in _imported_modules(PACKAGE / "analysis" / "lemmas.py")
    code = "import sys, lernkarten.analysis.lemmas; print('lernkarten.analysis.verbs' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "False"


def test_the_expression_list_is_data_the_package_ships() -> None:
    from lernkarten.lexicon.expressions import EXPRESSIONS_FILE, expression_glosses

    assert EXPRESSIONS_FILE.is_relative_to(PACKAGE) and EXPRESSIONS_FILE.suffix == ".txt"
    assert expression_glosses()["vor allem"][0] == "above all"
