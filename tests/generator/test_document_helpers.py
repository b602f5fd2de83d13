"""The document helpers every stage uses live in generator/document.py, and only there."""

from __future__ import annotations

import ast

from generator.document import escape_pointer_token, operation_pointer, resolve, split_pointer

from .helpers import ROOT

HELPERS = {
    "escape_pointer_token",
    "unescape_pointer_token",
    "split_pointer",
    "iter_operations",
    "operation_pointer",
    "resolve",
}


def test_helpers_are_defined_and_imported_from_document_only() -> None:
    misplaced = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        shown = path.relative_to(ROOT)
        for node in ast.walk(tree):
            elsewhere = path.name != "document.py"
            if isinstance(node, ast.FunctionDef) and node.name in HELPERS and elsewhere:
                misplaced.append(f"{shown}: defines {node.name}")
            if isinstance(node, ast.ImportFrom) and not (node.module or "").endswith("document"):
                names = {alias.name for alias in node.names} & HELPERS
                if names:
                    misplaced.append(f"{shown}: imports {sorted(names)} from {node.module}")
    assert not misplaced


def test_pointer_escapes_round_trip() -> None:
    assert escape_pointer_token("/api/{code}~x") == "~1api~1{code}~0x"
    assert split_pointer("/paths/~1api~1{code}~0x/get") == ["paths", "/api/{code}~x", "get"]
    assert operation_pointer("/a/{b}", "get") == "/paths/~1a~1{b}/get"
    document = {"components": {"schemas": {"A": {"$ref": "#/components/schemas/B"}, "B": {}}}}
    assert resolve(document, {"$ref": "#/components/schemas/A"}) == {}
