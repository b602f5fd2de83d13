"""`make spec-lint`: the bundled spec through two other tools, failing on any warning.

- openapi-python-client (its own venv, tools/openapi-python-client/requirements.txt) generates a
  throwaway client from the bundle; any warning it prints (a schema it cannot read, an answer it
  drops) fails.
- Redocly CLI (tools/openapi-lint/package.json, pinned) lints the bundle with its recommended
  ruleset; any error or warning fails.

Usage: python tools/spec_lint.py BUNDLE OPENAPI_PYTHON_CLIENT REDOCLY
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def openapi_python_client(bundle: Path, executable: str) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="akeneo-opc-") as scratch:
        run = subprocess.run(
            [
                executable,
                "generate",
                "--path",
                str(bundle),
                "--output-path",
                str(Path(scratch) / "client"),
                "--config",
                str(HERE / "openapi-python-client" / "config.yaml"),
                "--overwrite",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    output = (run.stdout + run.stderr).strip()
    if run.returncode != 0 or "warning" in output.lower():
        return [f"openapi-python-client (exit {run.returncode}):\n{output}"]
    return []


def redocly(bundle: Path, executable: str) -> list[str]:
    run = subprocess.run(
        [
            executable,
            "lint",
            str(bundle),
            "--format=json",
            "--config",
            str(HERE / "openapi-lint" / "redocly.yaml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(run.stdout[run.stdout.index("{") :])
    except ValueError:
        return [f"redocly lint printed no JSON report (exit {run.returncode}):\n{run.stderr}"]
    totals = report["totals"]
    if run.returncode != 0 or totals["errors"] or totals["warnings"]:
        lines = [
            f"  {problem['severity']} {problem['ruleId']}: {problem['message']} "
            f"({', '.join(location['pointer'] for location in problem['location'])})"
            for problem in report["problems"]
        ]
        return [f"redocly lint: {totals}\n" + "\n".join(lines)]
    return []


def main(argv: list[str]) -> int:
    bundle, opc, lint = Path(argv[0]), argv[1], argv[2]
    problems = openapi_python_client(bundle, opc) + redocly(bundle, lint)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"{bundle}: openapi-python-client and redocly lint (recommended): 0 warnings.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
