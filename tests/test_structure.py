"""The package's structure (issue 19): no import cycles, modules that fit in a reader's head, layers downward.

The imports are read with :mod:`ast` from the source (imports inside functions count, since they are the
same dependency made lazy; imports under ``if TYPE_CHECKING:`` do not, since they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "stakeholders"
MAX_LINES = 500
# Modules over MAX_LINES when this test was written, with their length then: they may shrink, not grow; a module
# that is shorter now must leave this list (so that it cannot grow back unnoticed).
OVER_LONG = {
    "tables.py": 782,
    "generate/texts.py": 699,
}
# Renderers that still take a Backend (they should take the model and precomputed findings).
RENDERERS_ON_BACKENDS = {"stakeholders.map.build", "stakeholders.report.build", "stakeholders.report.findings"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(tree: ast.Module) -> set[int]:
    """The line numbers of imports under ``if TYPE_CHECKING:``."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            lines |= {n.lineno for child in node.body for n in ast.walk(child) if hasattr(n, "lineno")}
    return lines


def import_graph() -> nx.DiGraph:
    """Module -> module it imports, for the package's own modules."""
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(paths)
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_only(tree)
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) in skipped:
                continue
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    source = ".".join([*base, node.module] if node.module else base)
                else:
                    source = node.module or ""
                targets = [f"{source}.{a.name}" if f"{source}.{a.name}" in paths else source for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            graph.add_edges_from((name, t) for t in targets if t in paths and t != name)
    return graph


def test_the_import_graph_is_read() -> None:
    graph = import_graph()
    # Two imports any reader can check in the source.
    assert graph.has_edge("stakeholders.backends.memory", "stakeholders.backends.base")
    assert graph.has_edge("stakeholders.cli.app", "stakeholders.errors")


def test_no_import_cycles() -> None:
    cycles = [sorted(c) for c in nx.strongly_connected_components(import_graph()) if len(c) > 1]
    assert cycles == []


def test_no_module_over_500_lines_but_the_known_ones_which_only_shrink() -> None:
    lengths = {p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
               for p in PACKAGE.rglob("*.py")}  # fmt: skip
    over = {path: n for path, n in lengths.items() if n > MAX_LINES}
    assert set(over) <= set(OVER_LONG), f"new modules over {MAX_LINES} lines: {sorted(set(over) - set(OVER_LONG))}"
    assert {path: n for path, n in over.items() if n > OVER_LONG[path]} == {}, "known long modules grew"
    assert set(OVER_LONG) <= set(over), f"now short enough, take them off OVER_LONG: {set(OVER_LONG) - set(over)}"


def test_the_layer_contracts_hold() -> None:
    """import-linter's contracts of pyproject.toml ([tool.importlinter]): layers downward, io below the analyses,
    renderers off Neo4j and off the backends but for the known three (RENDERERS_ON_BACKENDS)."""
    from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

    config = PACKAGE.parent / "pyproject.toml"
    assert lint_imports(config_filename=str(config), no_cache=True, no_logo=True) == EXIT_STATUS_SUCCESS
    ignored = {line.split(" -> ")[0].strip(' "') for line in config.read_text(encoding="utf-8").splitlines()
               if " -> stakeholders.backends" in line}  # fmt: skip
    assert ignored == RENDERERS_ON_BACKENDS, "the contract's exceptions are the known renderers on backends"


def test_mypy_finds_no_type_errors() -> None:
    """mypy over the package with pyproject.toml's [tool.mypy] (one stated relaxation: untyped scientific libraries)."""
    from mypy import api

    report, errors, status = api.run(["--config-file", str(PACKAGE.parent / "pyproject.toml"), "--no-incremental"])
    assert status == 0, report + errors


def test_ruff_finds_nothing_to_fix_in_package_tests_benchmarks_and_scripts() -> None:
    import subprocess
    import sys

    # scripts/neo4j-test-server is Python without a .py suffix: named, so that ruff reads it.
    names = ("stakeholders", "tests", "benchmarks", "scripts/neo4j-test-server", "cli.py")
    paths = [str(PACKAGE.parent / name) for name in names]
    for command in (["check"], ["format", "--check"]):
        done = subprocess.run([sys.executable, "-m", "ruff", *command, *paths], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
