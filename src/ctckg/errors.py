"""Problems found in curation sources, reported all at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ctckg.constants import ROOT

__all__ = ["Problem", "CurationError", "display_path"]


def display_path(path: Path) -> str:
    """Path relative to the repository root when possible (what a curator sees in messages)."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a source file: where it is, which field, what is wrong."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class CurationError(Exception):
    """Raised with every problem found; the CLI prints them and exits with code 2."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
