"""The typing suite: case files checked with `mypy --strict`, errors compared to their markers.

A line of a case file that must be rejected ends with `# E: <text>`, where <text> is part of the
message mypy gives for that line; every other line must pass (and `assert_type` lines check what
is inferred). The generated README's examples are checked too, after a prelude naming what they
leave undefined. One mypy run covers every file; its cache lives in `.mypy_cache/typing`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import GENERATED, ROOT
from tests.mypy_strict import mypy_errors

CASES = sorted((Path(__file__).parent / "cases").glob("*.py"))
MARKER = re.compile(r"#\s*E:\s*(.+?)\s*$")

README_PRELUDE = '''\
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from akeneo_pim import Akeneo


@dataclass
class Row:
    uuid: str
    name: str
    weight_kg: str


def read_millions_of_rows() -> Iterator[Row]:
    yield Row("0b3ca4d8-2d36-4d0a-a5a5-2b1ac0ba3c8f", "Shoe", "0.5")


def save(product: object) -> None:
    print(product)


def time_is_up() -> bool:
    return True


akeneo = Akeneo(base_url="https://pim.example.com", access_token="token")
codes = ["print", "mobile"]
'''


def readme_module(readme: Path) -> str:
    """The README's Python blocks as one module, after the prelude."""
    blocks = re.findall(r"```python\n(.*?)```", readme.read_text(), re.S)
    return README_PRELUDE + "\n\n".join(blocks)


@pytest.fixture(scope="session")
def mypy_report(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], list[str]]:
    where = tmp_path_factory.mktemp("typing")
    generated_readme = where / "generated_readme.py"
    generated_readme.write_text(readme_module(GENERATED / "README.md"))
    project_readme = where / "project_readme.py"
    project_readme.write_text(readme_module(ROOT / "README.md"))
    return mypy_errors([*CASES, generated_readme, project_readme], cache="typing")


def expected_errors(path: Path) -> dict[int, str]:
    expected = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        found = MARKER.search(line)
        if found:
            expected[number] = found.group(1)
    return expected


def test_there_are_cases() -> None:
    assert len(CASES) >= 3


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_case_file(case: Path, mypy_report: dict[tuple[str, int], list[str]]) -> None:
    expected = expected_errors(case)
    reported = {line: found for (name, line), found in mypy_report.items() if name == case.name}
    unexpected = {line: m for line, m in reported.items() if line not in expected}
    assert not unexpected, f"{case.name}: errors on lines without a marker: {unexpected}"
    for line, text in expected.items():
        messages = reported.get(line, [])
        assert any(text in message for message in messages), (
            f"{case.name}:{line}: expected an error containing {text!r}, mypy said {messages}"
        )


@pytest.mark.parametrize("name", ["generated_readme.py", "project_readme.py"])
def test_readme_examples_pass_mypy_strict(
    name: str, mypy_report: dict[tuple[str, int], list[str]]
) -> None:
    errors = {line: m for (file, line), m in mypy_report.items() if file == name}
    assert not errors, errors
