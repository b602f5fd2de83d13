"""What every part of the build shares: the document, the type mapper and the problems found."""

from __future__ import annotations

from typing import Any

from ..errors import SpecProblem
from ..load import LoadedSpec
from ..types import TypeMapper


class BuildContext:
    """The validated document being built, and the problems found so far (all are reported)."""

    def __init__(self, spec: LoadedSpec) -> None:
        self.spec = spec
        self.document = spec.document
        self.schemas: dict[str, Any] = self.document.get("components", {}).get("schemas", {})
        self.problems: list[SpecProblem] = []
        self.types = TypeMapper(self.schemas, spec.problem)

    def problem(self, message: str, pointer: str) -> None:
        self.problems.append(self.spec.problem(message, pointer))

    def all_problems(self) -> list[SpecProblem]:
        # the same schema is walked once per side: report each problem once
        found = self.problems + self.types.problems
        return list({str(p): p for p in found}.values())
