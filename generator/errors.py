"""Problems found in a spec, each tied to the place in the source files where it was found."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file: 1-based line and column, and the JSON pointer inside that file."""

    file: Path
    line: int
    column: int
    pointer: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class SpecProblem:
    """One thing wrong with the spec."""

    message: str
    location: Location | None = None
    pointer: str = ""  # JSON pointer in the bundled document, when it differs from the file's

    def __str__(self) -> str:
        if self.location is None:
            where = "<spec>"
            pointer = self.pointer
        else:
            where = str(self.location)
            pointer = self.location.pointer or "/"
        return f"{where}: {self.message} (at {pointer or '/'})"


class SpecError(Exception):
    """Raised with every problem found, so one run reports them all."""

    def __init__(self, problems: list[SpecProblem]) -> None:
        self.problems = sorted(problems, key=_sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))


def _sort_key(problem: SpecProblem) -> tuple[str, int, int, str]:
    loc = problem.location
    if loc is None:
        return ("", 0, 0, problem.message)
    return (str(loc.file), loc.line, loc.column, problem.message)
