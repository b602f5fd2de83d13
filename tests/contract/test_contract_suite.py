"""The contract suite itself: it covers every operation, and its validator really rejects what
breaks the spec (a validator that accepts everything would make every generated test pass)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import httpx
import pytest
from akeneo_pim import Akeneo

from . import support

GENERATED_TESTS = support.ROOT / "generated" / "tests" / "test_operations.py"


def _generated_module() -> tuple[tuple[str, ...], dict[str, str]]:
    """(OPERATION_IDS, test function name -> operationId it checks) of the generated module."""
    tree = ast.parse(GENERATED_TESTS.read_text(encoding="utf-8"))
    ids: tuple[str, ...] = ()
    tests: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "OPERATION_IDS":
            ids = tuple(ast.literal_eval(node.value))
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            call = node.body[0]
            assert isinstance(call, ast.Expr) and isinstance(call.value, ast.Call)
            first = call.value.args[0]
            tests[node.name] = ast.literal_eval(first) if isinstance(first, ast.Constant) else ""
    return ids, tests


def test_every_operation_of_the_spec_has_a_sync_and_an_async_test() -> None:
    ids, tests = _generated_module()
    spec_ids = set(support.operations())
    assert set(ids) == spec_ids and len(ids) == len(spec_ids)
    for operation_id in spec_ids:
        checks = [name for name, checked in tests.items() if checked == operation_id]
        smoke = [n for n in checks if not n.endswith(("_errors", "_pages", "_split", "_stream"))]
        assert len(smoke) == 2, f"{operation_id}: smoke tests {smoke}"
        assert any(n.endswith("_async") for n in smoke), operation_id


def test_every_kind_of_operation_gets_its_edge_cases() -> None:
    _, tests = _generated_module()
    for operation_id, op in support.operations().items():
        checks = {name.rsplit("_", 1)[-1] for name, c in tests.items() if c == operation_id}
        if op.pagination:
            assert "pages" in checks, operation_id
        if op.batch:
            assert "split" in checks, operation_id
        if op.download:
            assert "stream" in checks, operation_id
        if any(status.startswith("4") for status in op.node["responses"]):
            assert "errors" in checks, operation_id


# -- the validator rejects what breaks the spec ----------------------------------------------------
def _violation(operation_id: str, call: Any) -> str:
    pim = support.MockPIM(operation_id)
    with pytest.raises(support.ContractViolation) as caught:
        support.run_sync(pim, call)
    return str(caught.value)


def test_a_body_that_breaks_the_schema_fails_with_the_validators_message() -> None:
    message = _violation(
        "channels_post", lambda akeneo: akeneo.channels.create({"code": 12, "labels": "x"})
    )
    assert "request breaks the spec" in message and "is not of type" in message


def test_a_query_parameter_out_of_range_fails() -> None:
    message = _violation("get_channels", lambda akeneo: list(akeneo.channels.list(limit=500)))
    assert "limit" in message


def test_each_ndjson_line_is_validated_on_its_own() -> None:
    items = [{"code": "ok"}, {"code": "bad", "labels": ["not", "a", "map"]}]
    message = _violation(
        "several_channels_patch", lambda akeneo: akeneo.channels.upsert_many(items)
    )
    assert "(line 2)" in message


def test_more_than_100_lines_in_one_request_fails() -> None:
    pim = support.MockPIM("several_channels_patch")
    request = httpx.Request(
        "PATCH",
        f"{support.BASE}/api/rest/v1/channels",
        headers={"Content-Type": support.NDJSON, "Authorization": "Bearer t"},
        content=b'{"code": "x"}\n' * 101,
    )
    with pytest.raises(support.ContractViolation, match="101 lines"):
        pim(request)


def test_a_multipart_part_that_breaks_the_schema_fails() -> None:
    def call(akeneo: Akeneo) -> object:
        bad: Any = {"x": 1}
        return akeneo.product_media_files.upload(b"data", filename="a.png", product=bad)

    assert "request breaks the spec" in _violation("post_media_files", call)


def test_a_route_other_than_the_operation_under_test_fails() -> None:
    message = _violation("get_channels__code_", lambda akeneo: akeneo.locales.get("en_US"))
    assert "another route" in message


def test_an_answer_that_breaks_the_spec_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: support.MockPIM, request: httpx.Request) -> tuple[httpx.Response, Any]:
        return httpx.Response(200, json={"code": 1}), {"code": 1}

    monkeypatch.setattr(support.MockPIM, "_answer", broken)
    message = _violation("get_channels__code_", lambda akeneo: akeneo.channels.get("x"))
    assert "answer built from the spec's example breaks the spec" in message


def test_keep_slashes_paths_reach_openapi_core_escaped() -> None:
    op = support.operations()["get_media_files__code__download"]
    path = "/api/rest/v1/media-files/1/2/a.png/download"
    assert support.openapi_path(path, op) == "/api/rest/v1/media-files/1%2F2%2Fa.png/download"


def test_generated_tests_exist() -> None:
    assert Path(GENERATED_TESTS).is_file()
