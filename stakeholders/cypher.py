"""The one loader of the named Cypher files under ``cypher/``.

Every query the Neo4j backend runs is a file, ``cypher/<name>.cypher``, loaded
by name (``query("gaps/actor_candidates")``) and validated when loaded:

- the file holds at least one statement (several are separated by ``;`` at
  the end of a line, as in ``schema.cypher``);
- no string-interpolation marker appears (``%s``, ``%(name)s``, ``{name}``,
  ``{}``, ``{{``, ``${``): every value is a ``$parameter``;
- every label of a node pattern and every type of a relationship pattern is a
  :class:`~stakeholders.schema.NodeKind` or :class:`~stakeholders.schema.RelKind`
  value (labels and types cannot be parameters; they are never user text);
- its ``$parameters`` are listed, and running a statement with missing or
  unknown parameters is refused before anything reaches the server.

The loader records which files were run (:func:`used`), so the tests can
check that every file on disk is exercised.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from stakeholders.resources import cypher_dir
from stakeholders.schema import VERSION_LABEL, NodeKind, RelKind

SUFFIX = ".cypher"

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_INTERPOLATION = re.compile(r"%s|%\(\w+\)|\{\s*\w*\s*\}|\{\{|\}\}|\$\{")
_NODE_LABELS = re.compile(r"\(\s*\w*\s*:\s*([\w|&!]+)")
_REL_TYPES = re.compile(r"\[\s*\w*\s*:\s*([\w|&!]+)")
_STATEMENT_END = re.compile(r";[ \t]*(?:\n|$)")
_KNOWN = frozenset(k.value for k in NodeKind) | frozenset(k.value for k in RelKind) | {VERSION_LABEL}

_USED: set[str] = set()


class CypherFileError(ValueError):
    """A bundled Cypher file is invalid (a bug in the package, not a user mistake)."""


class Runner(Protocol):
    """A driver session or transaction: anything with ``run(text, parameters)``."""

    def run(self, query: Any, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Any: ...


@dataclass(frozen=True, slots=True)
class Statement:
    """One Cypher statement and the ``$parameters`` it uses."""

    text: str
    parameters: frozenset[str]


@dataclass(frozen=True, slots=True)
class CypherFile:
    """A named, validated Cypher file: one or more statements."""

    name: str
    statements: tuple[Statement, ...]

    @property
    def parameters(self) -> frozenset[str]:
        """Every ``$parameter`` of the file."""
        return frozenset().union(*(s.parameters for s in self.statements))

    def run(self, runner: Runner, **parameters: Any) -> Any:
        """Run the file's single statement with exactly its parameters; returns the driver's result.

        Raises
        ------
        CypherFileError
            When the file has several statements, or a parameter is missing or unknown.
        """
        if len(self.statements) != 1:
            raise CypherFileError(f"{self.name}{SUFFIX} has {len(self.statements)} statements; use run_each")
        return self._run(runner, self.statements[0], parameters)

    def run_each(self, runner: Runner, **parameters: Any) -> list[Any]:
        """Run every statement in order, each with the parameters it uses; returns the summaries."""
        unknown = set(parameters) - self.parameters
        if unknown:
            raise CypherFileError(f"{self.name}{SUFFIX} has no parameter {', '.join(sorted(unknown))}")
        results = []
        for statement in self.statements:
            own = {k: v for k, v in parameters.items() if k in statement.parameters}
            results.append(self._run(runner, statement, own).consume())
        return results

    def _run(self, runner: Runner, statement: Statement, parameters: Mapping[str, Any]) -> Any:
        missing = statement.parameters - set(parameters)
        unknown = set(parameters) - statement.parameters
        if missing or unknown:
            parts = [
                f"missing {', '.join(sorted(missing))}" if missing else "",
                f"unknown {', '.join(sorted(unknown))}" if unknown else "",
            ]
            raise CypherFileError(f"{self.name}{SUFFIX}: parameters {'; '.join(p for p in parts if p)}")
        _USED.add(self.name)
        return runner.run(statement.text, dict(parameters))


def names(directory: Path | None = None) -> list[str]:
    """The names of every Cypher file (``"gaps/actor_candidates"``), sorted."""
    root = directory or cypher_dir()
    return sorted(path.relative_to(root).with_suffix("").as_posix() for path in root.rglob(f"*{SUFFIX}"))


@cache
def query(name: str) -> CypherFile:
    """Load and validate ``cypher/<name>.cypher`` (cached).

    Raises
    ------
    CypherFileError
        When the file is missing or invalid.
    """
    path = cypher_dir() / f"{name}{SUFFIX}"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CypherFileError(f"cannot read the Cypher file {path}: {error.strerror or error}") from None
    return parse(name, text)


def parse(name: str, text: str) -> CypherFile:
    """Split and validate the text of a Cypher file (see the module's docstring)."""
    code = _code_only(text)
    # Markers count inside string literals too ('%s' is the classic injection), not in comments.
    marker = _INTERPOLATION.search(_code_only(text, keep_strings=True))
    if marker:
        raise CypherFileError(f"{name}{SUFFIX}: string-interpolation marker {marker.group()!r}; use $parameters")
    for pattern, what in ((_NODE_LABELS, "label"), (_REL_TYPES, "relationship type")):
        for found in pattern.finditer(code):
            unknown = [k for k in re.split(r"[|&!]", found.group(1)) if k and k not in _KNOWN]
            if unknown:
                raise CypherFileError(f"{name}{SUFFIX}: {what} {unknown[0]!r} is not in stakeholders.schema")
    statements = []
    start = 0
    # Split the original text where the code (strings and comments blanked, same length) ends a statement.
    for end in _STATEMENT_END.finditer(code):
        statements.append((text[start : end.start()], code[start : end.start()]))
        start = end.end()
    statements.append((text[start:], code[start:]))
    parsed = tuple(
        Statement(original.strip(), frozenset(_PARAMETER.findall(blanked)))
        for original, blanked in statements
        if blanked.strip()
    )
    if not parsed:
        raise CypherFileError(f"{name}{SUFFIX} holds no statement")
    return CypherFile(name, parsed)


def _code_only(text: str, keep_strings: bool = False) -> str:
    """The text with comments (and string literals, unless kept) replaced by spaces (same length)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in "'\"`":
            j = i + 1
            while j < n and text[j] != char:
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            # Backticked names are code (escaped identifiers); strings are data.
            blank = char + " " * max(j - i - 2, 0) + (char if j - i > 1 else "")
            out.append(text[i:j] if char == "`" or keep_strings else blank)
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join(c if c == "\n" else " " for c in text[i:j]))
            i = j
        else:
            out.append(char)
            i += 1
    return "".join(out)


def load_all() -> dict[str, CypherFile]:
    """Load and validate every bundled Cypher file (the tests use it)."""
    return {name: query(name) for name in names()}


def used() -> frozenset[str]:
    """The names of the files run since the start (or :func:`reset_usage`)."""
    return frozenset(_USED)


def reset_usage() -> None:
    """Forget which files were run."""
    _USED.clear()
