"""Small helpers shared by the generator tests: writing specs, running the CLI, hashing trees."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result

from generator.cli import main
from generator.write import read_tree

ROOT = Path(__file__).resolve().parents[2]
SPEC_DIR = ROOT / "spec"
REAL_SPEC = SPEC_DIR / "openapi.yaml"
BIN = ROOT / ".venv" / "bin"
GOLDEN = ROOT / "tests" / "golden"
BASELINE_SPEC = GOLDEN / "spec" / "openapi.yaml"
EXPECTED = GOLDEN / "expected"

# A tiny valid spec: one tag, one operation, one named schema in a second file.
BASE_ROOT = """\
openapi: 3.1.0
info:
  title: Test API
  version: '1.0'
  description: A tiny API.
security:
  - bearerAuth: []
tags:
  - name: Thing
    x-python-name: things
    description: Things.
paths:
  /things/{code}:
    get:
      operationId: get_thing
      x-python-method: get
      tags: [Thing]
      summary: Get a thing
      description: Fetches one thing.
      parameters:
        - name: code
          in: path
          required: true
          description: Code of the thing.
          schema:
            type: string
      responses:
        '200':
          description: The thing.
          content:
            application/json:
              schema:
                $ref: 'schemas.yaml#/Thing'
              example:
                code: t1
                size: 3
components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
  schemas:
    Thing: {$ref: 'schemas.yaml#/Thing'}
"""

BASE_SCHEMAS = """\
Thing:
  type: object
  description: A thing.
  required: [code]
  properties:
    code:
      type: string
      description: Code of the thing.
    size:
      type: integer
      description: Size of the thing.
"""


def replaced(text: str, old: str, new: str) -> str:
    """`text` with the one occurrence of `old` replaced; fails loudly when the base text changed."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in the base spec"
    return text.replace(old, new)


def write_spec(directory: Path, files: dict[str, str | dict[str, Any]]) -> Path:
    """Write spec files (YAML text, or a dict dumped as YAML) into `directory`; return the root.

    The root is `openapi.yaml`; other names are the files it refers to.
    """
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        text = (
            content
            if isinstance(content, str)
            else yaml.safe_dump(content, sort_keys=False, allow_unicode=True)
        )
        (directory / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return directory / "openapi.yaml"


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the `occurrence`-th line of `path` that contains `needle`."""
    hits = [
        n
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    ]
    assert len(hits) >= occurrence, f"{needle!r} not found {occurrence} time(s) in {path}"
    return hits[occurrence - 1]


def run_cli(*args: str | Path) -> Result:
    """Invoke `akeneo-codegen` in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under root (hidden files included), keyed by relative path."""
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def all_files(root: Path) -> dict[str, bytes]:
    return read_tree(root)
