"""The import graph of lernkarten: no circles, and every deferred import says why it is deferred.

An import inside a function can hide a circle (two modules that each need the other): the
program runs, but neither module can be read, tested or moved without the other. Counted here
are every `import` of a lernkarten module anywhere in a module: at the top, under
`TYPE_CHECKING` and inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "lernkarten"

#: Circles not yet removed (none): a pair listed here is tolerated until its change lands.
KNOWN_CIRCLES: set[frozenset[str]] = set()
#: Files whose deferred imports are not yet commented, because another change is rewriting them;
#: their merges comment them and delete them here.
UNCOMMENTED: set[str] = set()
#: Words a deferred import's comment gives its reason in.
REASONS = ("start-up", "startup", "deferred", "lazy", "only when", "only if", "heavy", "slow", "load")


def _modules() -> dict[str, Path]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _imports(name: str, path: Path, modules: dict[str, Path]) -> list[tuple[str, ast.stmt, bool]]:
    """(module imported, statement, inside a function) for every import of a lernkarten module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, ast.stmt, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            targets: list[str] = []
            if isinstance(child, ast.Import):
                targets = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in child.names]
            for target in dict.fromkeys(targets):
                if target in modules and target != name:
                    found.append((target, child, in_function))  # type: ignore[arg-type]
            visit(child, inner)

    visit(tree, False)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: {target for target, _, _ in _imports(name, path, modules)} for name, path in modules.items()}


def _circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return groups


def test_no_module_of_lernkarten_imports_itself_through_others() -> None:
    graph = _graph()
    for pair in KNOWN_CIRCLES:
        first, second = sorted(pair)
        assert second in graph[first] and first in graph[second], f"{pair} is no circle now: delete it from KNOWN_CIRCLES"
        graph[first].discard(second)
    assert _circles(graph) == []


def test_the_circle_finder_finds_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
    assert _circles({"a": {"b"}, "b": set()}) == []


def _comment_above(lines: list[str], first: int, last: int) -> str:
    """The comments of lines `first`..`last` (1-based) and of the line above them, reaching back
    over the imports right above (one comment may speak for a run of imports)."""
    start = first - 1
    while start > 1 and lines[start - 1].strip().startswith(("from ", "import ", ")")) or (
            start > 1 and lines[start - 1].strip().endswith(",")):
        start -= 1
    around = lines[max(start - 1, 0): last]
    return " ".join(line.partition("#")[2].lower() for line in around if "#" in line)


def test_every_import_inside_a_function_says_why_it_is_deferred() -> None:
    modules = _modules()
    silent = []
    for name, path in modules.items():
        if name in UNCOMMENTED:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for target, statement, in_function in _imports(name, path, modules):
            comments = _comment_above(lines, statement.lineno, statement.end_lineno or statement.lineno)
            if in_function and not any(reason in comments for reason in REASONS):
                silent.append(f"{path.relative_to(PACKAGE.parent)}:{statement.lineno} imports {target}")
    assert silent == []
