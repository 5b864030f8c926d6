"""The import graph of mmexport, read from the source files with ast: no module may import itself through
others, the core (mattermost, archive, exporting, demo) never imports Qt, and no layer imports one above it:
the core never imports a front end (commands, gui, cli, demo), the archive package never imports the
engine (exporting), and demo/ (beside the core) never imports a front end.

Every import counts, also those inside functions (they run, just later). Imports under `if TYPE_CHECKING:`
count as well: they are read by a reader and a type checker the same way, so a circle through them is
still a circle a successor has to untangle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "app" / "mmexport"
CORE = ("mmexport.mattermost", "mmexport.archive", "mmexport.exporting", "mmexport.demo")
FRONT_ENDS = ("mmexport.commands", "mmexport.gui", "mmexport.cli", "mmexport.__main__", "mmexport.selftest")
# layer -> the packages it must never import (also not inside a function, nor under TYPE_CHECKING)
FORBIDDEN = {
    "mmexport.mattermost": (*FRONT_ENDS, "mmexport.demo", "mmexport.archive", "mmexport.exporting"),
    "mmexport.archive": (*FRONT_ENDS, "mmexport.demo", "mmexport.exporting"),
    "mmexport.exporting": (*FRONT_ENDS, "mmexport.demo"),
    "mmexport.demo": FRONT_ENDS,
}
QT_PACKAGES = {"PySide6", "shiboken6", "PyQt5", "PyQt6"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(tree: ast.AST, module: str, is_package: bool, modules: set[str]) -> set[str]:
    """Every module an import statement in `tree` asks for (absolute; relative ones resolved).

    `from pkg import sub` names the module pkg.sub, not pkg: a package's __init__ that gathers names from
    its modules sits above them, and a module taking a sibling through the package does not go back up."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                names.add(submodule if submodule in modules else base)
    return names


def source_modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE_DIR.rglob("*.py")}


def import_graph() -> dict[str, set[str]]:
    paths = source_modules()
    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        wanted = imported_names(tree, module, path.name == "__init__.py", set(paths))
        graph[module] = {name for name in wanted if name in paths and name != module}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports, as the list of modules along it, or None."""
    done: set[str] = set()
    on_path: list[str] = []

    def visit(node: str) -> list[str] | None:
        if node in on_path:
            return [*on_path[on_path.index(node) :], node]
        if node in done:
            return None
        on_path.append(node)
        for target in sorted(graph.get(node, ())):
            cycle = visit(target)
            if cycle:
                return cycle
        on_path.pop()
        done.add(node)
        return None

    for start in sorted(graph):
        cycle = visit(start)
        if cycle:
            return cycle
    return None


def test_the_graph_is_read_from_the_sources() -> None:
    graph = import_graph()
    assert "mmexport.gui.state" in graph["mmexport.gui.wizard"]
    assert "mmexport.mattermost" in graph["mmexport.commands.common"]


def test_no_module_imports_itself_through_others() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_a_circle_is_found() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("layer", CORE)
def test_the_core_never_imports_qt(layer: str) -> None:
    paths = source_modules()
    offenders = []
    for module, path in paths.items():
        if module != layer and not module.startswith(layer + "."):
            continue
        tree = ast.parse(path.read_text("utf-8"), str(path))
        wanted = imported_names(tree, module, path.name == "__init__.py", set(paths))
        qt = sorted(n for n in wanted if n.split(".")[0] in QT_PACKAGES)
        if qt:
            offenders.append(f"{module}: {', '.join(qt)}")
    assert not offenders, "Qt imported by the core: " + "; ".join(offenders)


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def upward_imports(graph: dict[str, set[str]], layer: str, forbidden: tuple[str, ...]) -> list[str]:
    """Every import from a module of `layer` into one of the `forbidden` packages, as "a -> b"."""
    return sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if _within(module, layer)
        for target in targets
        if any(_within(target, above) for above in forbidden)
    )


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_layer_imports_one_above_it(layer: str) -> None:
    offenders = upward_imports(import_graph(), layer, FORBIDDEN[layer])
    assert not offenders, "imports that run up the layers: " + "; ".join(offenders)


def test_an_upward_import_is_found() -> None:
    graph = {"mmexport.exporting.engine": {"mmexport.gui.worker"}, "mmexport.gui.worker": {"mmexport.exporting.engine"}}
    assert upward_imports(graph, "mmexport.exporting", FORBIDDEN["mmexport.exporting"]) == [
        "mmexport.exporting.engine -> mmexport.gui.worker"
    ]
    assert upward_imports(graph, "mmexport.gui", ("mmexport.cli",)) == []


ARCHIVE_NAMES = {
    "manifest.json", "users.json", "teams.json", "emoji.json", "README.txt", "index.html", "search.html",
    "channel.json", "posts.jsonl", ".mmexport", "run.json",
}  # fmt: skip
# Other programs' formats (the Slack and Mattermost import files, the demo server's answers) have their own.
OWN_NAMES_ALLOWED = ("mmexport.archive", "mmexport.demo", "mmexport.exporting.convert")


def test_only_the_archive_package_names_the_archive_files() -> None:
    """Every file and folder name of the archive comes from archive.layout: a string that is one of them,
    anywhere else in the program, is a second place that would have to change with the layout."""
    literals = []
    for module, path in source_modules().items():
        if any(_within(module, allowed) for allowed in OWN_NAMES_ALLOWED):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            if isinstance(node, ast.Constant) and node.value in ARCHIVE_NAMES:
                literals.append(f"{module}:{node.lineno} {node.value!r}")
    assert not literals, "archive names outside archive/layout.py: " + "; ".join(literals)
