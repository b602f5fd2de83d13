"""One `mypy --strict` run over files of example code, against the generated package: what the
typing suite and the docs-site examples both need."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from tests.conftest import GENERATED, ROOT

STUBS = ROOT / "tests" / "typing" / "stubs"  # what the examples import beyond the package
REPORTED = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): error: (?P<message>.*)$")


def mypy_errors(files: Iterable[Path], cache: str) -> dict[tuple[str, int], list[str]]:
    """The errors mypy reports, keyed by (file name, line); its cache in `.mypy_cache/<cache>`."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--hide-error-context",
            "--no-pretty",
            "--no-color-output",
            "--cache-dir",
            str(ROOT / ".mypy_cache" / cache),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"MYPYPATH": f"{GENERATED}:{STUBS}", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr
    report: dict[tuple[str, int], list[str]] = {}
    for line in result.stdout.splitlines():
        found = REPORTED.match(line)
        if found:
            key = (Path(found["file"]).name, int(found["line"]))
            report.setdefault(key, []).append(found["message"])
    return report
