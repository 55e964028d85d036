"""Problems found in a dataset: errors refuse it, warnings are reported."""

from __future__ import annotations

from collections.abc import Iterable
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


REJECTED_COLUMNS = ("file", "row", "column", "value", "reason")


@dataclass(frozen=True, slots=True)
class Rejected:
    """A data row left out by ``skip_invalid`` loading, and why.

    ``problems``: the row's errors; for a row that only referred to a rejected row, the failed
    reference, and ``because_of`` names the rejected row (e.g. ``"actors.csv, row 4"``).
    """

    file: str
    row: int
    problems: tuple[Problem, ...]
    because_of: str = ""

    @property
    def column(self) -> str:
        return self.problems[0].column or "" if self.problems else ""

    @property
    def value(self) -> str:
        return self.problems[0].value or "" if self.problems else ""

    @property
    def reason(self) -> str:
        reasons = [p.message + (f". {p.hint}" if p.hint else "") for p in self.problems]
        if self.because_of:
            reasons = [f"refers to {self.because_of}, which was rejected"]
        return "; ".join(reasons)

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "row": self.row, "column": self.column, "value": self.value, "reason": self.reason}


def rejected_csv(rejected: Iterable[Rejected]) -> bytes:
    """``rejected.csv``: one line per rejected row (file, row, column, value, reason), for a spreadsheet: in the
    style of ``STAKEHOLDERS_CSV`` (``excel-sv``, ``excel``, ``rfc4180``), else Excel's (UTF-8 with a BOM, comma);
    cells that a spreadsheet would run as formulas neutralised."""
    from stakeholders.csv_styles import CsvStyle, csv_style, csv_text

    rows = (list(row.to_json().values()) for row in rejected)
    return csv_text(REJECTED_COLUMNS, rows, csv_style(None, CsvStyle.EXCEL)).encode("utf-8")


class DatasetError(StakeholdersError):
    """The dataset is invalid; ``problems`` holds every error (and warning) found."""

    exit_code = ExitCode.INVALID_DATA

    def __init__(self, problems: list[Problem], *, skippable: bool | None = None) -> None:
        self.problems = problems
        self._skippable = skippable
        errors = [p for p in problems if p.severity is Severity.ERROR]
        super().__init__(f"{len(errors)} error(s) in the dataset; first: {errors[0] if errors else '-'}")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def skippable(self) -> bool:
        """Whether every error is in a data row, so that loading with ``skip_invalid`` would leave them out."""
        if self._skippable is not None:
            return self._skippable
        errors = self.errors
        return bool(errors) and all(is_row_problem(p) for p in errors)


def is_row_problem(problem: Problem) -> bool:
    """Whether the problem lies in one data row (row 1 is the header)."""
    return problem.row is not None and problem.row > 1
