"""Exit codes and the errors the library raises for user mistakes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Every exit code of the command line, in one place."""

    OK = 0
    ERROR = 1  # an unexpected failure (a bug): please report it
    INVALID_DATA = 2  # the dataset or an option is invalid (click's usage errors too)
    NEO4J_UNREACHABLE = 3
    NEO4J_AUTH = 4
    NEO4J_DATABASE = 5
    NEO4J_VERSION = 6
    OUTPUT = 7  # the output could not be written


# What each exit code means, as ``stakeholders --help`` and docs/cli.md list them.
EXIT_CODE_MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "done",
    ExitCode.ERROR: "an unexpected failure (please report it)",
    ExitCode.INVALID_DATA: "invalid data or options (nothing written)",
    ExitCode.NEO4J_UNREACHABLE: "Neo4j unreachable",
    ExitCode.NEO4J_AUTH: "Neo4j refused the user or password",
    ExitCode.NEO4J_DATABASE: "no such Neo4j database",
    ExitCode.NEO4J_VERSION: "Neo4j too old",
    ExitCode.OUTPUT: "the output could not be written",
}


class StakeholdersError(Exception):
    """A user-facing error: one clear message and the exit code to leave with."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, message: str, exit_code: ExitCode | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(StakeholdersError):
    """An option's value is not usable (e.g. an unknown --focus)."""

    exit_code = ExitCode.INVALID_DATA


class OutputError(StakeholdersError):
    """The output cannot be written (existing folder, no permission, ...)."""

    exit_code = ExitCode.OUTPUT
