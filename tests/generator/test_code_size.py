"""The generator stays readable: no module of generator/ over 450 lines, no function over 60."""

from __future__ import annotations

import ast
from pathlib import Path

from .helpers import ROOT

GENERATOR = ROOT / "generator"
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 60


def oversized(package: Path) -> list[str]:
    """Every module and function of `package` over its limit, as `path[:line] name: N lines`."""
    found: list[str] = []
    for path in sorted(package.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        shown = path.relative_to(package.parent)
        lines = len(text.splitlines())
        if lines > MAX_MODULE_LINES:
            found.append(f"{shown}: {lines} lines (at most {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(text, filename=str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                # from `def` to the last line: decorators (click options) are configuration
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(
                        f"{shown}:{node.lineno} {node.name}: {length} lines"
                        f" (at most {MAX_FUNCTION_LINES})"
                    )
    return found


def test_no_generator_module_or_function_is_too_long() -> None:
    too_long = oversized(GENERATOR)
    assert not too_long, "split these:\n" + "\n".join(too_long)


def test_the_check_names_what_is_too_long(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (package / "big.py").write_text(f"def long():\n{body}\n" + "\n" * MAX_MODULE_LINES)
    (package / "small.py").write_text("def short():\n    return 1\n")
    assert oversized(package) == [
        f"pkg/big.py: {MAX_MODULE_LINES + MAX_FUNCTION_LINES + 1} lines (at most 450)",
        f"pkg/big.py:1 long: {MAX_FUNCTION_LINES + 1} lines (at most 60)",
    ]
