"""The call-kind table decides how each generated method calls the runtime: one row per kind, a
runtime method per row, and the rendered methods and contract tests follow the rows."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path
from typing import get_args

import pytest

from generator import call_kinds
from generator.build import build_api
from generator.call_kinds import CALL_KINDS, ExtraArg
from generator.contract import render_contract_tests
from generator.ir import CallKind
from generator.load import load_spec
from generator.render import RUNTIME, render_package
from generator.typeref import Scalar

from .helpers import BASELINE_SPEC


def _render() -> dict[str, str]:
    spec = load_spec(BASELINE_SPEC)
    api = build_api(spec)
    files = render_package(api, source="spec/openapi.yaml")
    files.update(render_contract_tests(api, spec, "header"))
    return files


def test_every_call_kind_has_exactly_one_row() -> None:
    kinds = get_args(CallKind)
    assert len(set(kinds)) == len(kinds)
    assert sorted(CALL_KINDS) == sorted(kinds)
    # a key written twice in the literal would silently keep the last row
    source = Path(call_kinds.__file__).read_text(encoding="utf-8")
    table = next(
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.target.id == "CALL_KINDS"
    )
    assert isinstance(table, ast.Dict)
    keys = [k.value for k in table.keys if isinstance(k, ast.Constant)]
    assert sorted(keys) == sorted(kinds)


def _client_methods() -> dict[str, set[str]]:
    """Method names of each runtime client class (the classes named `...APIClient`)."""
    methods: dict[str, set[str]] = {}
    for path in sorted(RUNTIME.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name.endswith("APIClient"):
                methods[node.name] = {
                    item.name
                    for item in node.body
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                }
    return methods


def test_every_call_kind_has_its_runtime_method_on_both_clients() -> None:
    methods = _client_methods()
    assert {"SyncAPIClient", "AsyncAPIClient"} <= methods.keys()
    for client in ("SyncAPIClient", "AsyncAPIClient"):
        missing = sorted(set(CALL_KINDS) - methods[client])
        assert not missing, f"{client} has no method for call kind(s) {missing}"


def _method(text: str, class_name: str, name: str) -> str:
    """The source of one method of one class of a rendered module."""
    tree = ast.parse(text)
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name)
    method = next(
        n
        for n in cls.body
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == name
    )
    segment = ast.get_source_segment(text, method)
    assert segment is not None
    return ("async " if isinstance(method, ast.AsyncFunctionDef) else "") + segment


def test_a_changed_row_changes_the_rendered_methods(monkeypatch: pytest.MonkeyPatch) -> None:
    before = _render()["akeneo_pim/resources/widgets.py"]
    assert "-> None:" in _method(before, "WidgetsResource", "delete")
    extra = ExtraArg(
        name="dry_run",
        annotation=Scalar("bool"),
        default="False",
        description="Only say what would be deleted.",
        call="dry_run=dry_run",
        contract="dry_run=True",
    )
    row = dataclasses.replace(
        CALL_KINDS["delete"],
        returns=lambda _model: Scalar("bool"),
        async_returns=lambda _model: Scalar("bool"),
        returns_text="Whether the widget existed.",
        returns_value=True,
        awaited=False,
        extra=(extra,),
        contract_parameter=", flag: bool = False",
    )
    monkeypatch.setitem(CALL_KINDS, "delete", row)
    files = _render()
    sync = _method(files["akeneo_pim/resources/widgets.py"], "WidgetsResource", "delete")
    assert "dry_run: bool = False," in sync
    assert "dry_run: Only say what would be deleted." in sync
    assert ") -> bool:" in sync and "Whether the widget existed." in sync
    assert "return self._client.delete(" in sync and "dry_run=dry_run," in sync
    asynchronous = _method(
        files["akeneo_pim/resources/widgets.py"], "AsyncWidgetsResource", "delete"
    )
    assert asynchronous.startswith("def delete(")  # not awaited: a plain def returning the call
    assert "return self._client.delete(" in asynchronous
    contract = files["tests/test_operations.py"]
    assert "def _widgets_delete(akeneo: Akeneo, flag: bool = False) -> object:" in contract
    assert "dry_run=True)" in contract
