"""Problems found in a dataset: errors refuse it, warnings are reported."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from stakeholders.errors import ExitCode, StakeholdersError


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of the validation, located as the user sees the file.

    ``row`` counts as a spreadsheet does: the header is row 1.
    """

    severity: Severity
    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    hint: str = ""

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        text = f"{', '.join(where)}: {self.message}"
        if self.value is not None:
            text += f" (value: {self.value!r})"
        if self.hint:
            text += f". {self.hint}"
        return text

    def to_json(self) -> dict[str, object]:
        return {
            "severity": self.severity.value,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "hint": self.hint,
        }


class DatasetError(StakeholdersError):
    """The dataset is invalid; ``problems`` holds every error (and warning) found."""

    exit_code = ExitCode.INVALID_DATA

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity is Severity.ERROR]
        super().__init__(f"{len(errors)} error(s) in the dataset; first: {errors[0] if errors else '-'}")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]
