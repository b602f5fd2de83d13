"""The build reads each `x-` extension in one place, build/spec_extensions.py, so that a renamed or
retyped extension is one edit there."""

from __future__ import annotations

import ast
import re

from .helpers import ROOT

BUILD = ROOT / "generator" / "build"
_EXTENSION_NAME = re.compile(r"x-[a-z]+(-[a-z]+)+")


def test_extension_names_appear_only_in_spec_extensions() -> None:
    found = []
    for path in sorted(BUILD.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_name = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_name and _EXTENSION_NAME.fullmatch(node.value):
                found.append((path.name, node.value))
    elsewhere = [(name, value) for name, value in found if name != "spec_extensions.py"]
    assert not elsewhere, elsewhere
    assert len({value for _, value in found}) >= 13  # every extension the build reads
