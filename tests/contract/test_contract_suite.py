"""The contract suite itself: it covers every operation, and its validator really rejects what
breaks the spec (a validator that accepts everything would make every generated test pass)."""

from __future__ import annotations

import ast
import json
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


# -- the wire format that openapi-core lets through but Akeneo refuses or misreads ----------------
def _send(
    operation_id: str,
    path: str,
    *,
    params: Any = None,
    headers: dict[str, str] | None = None,
    content: bytes | None = None,
) -> None:
    """One hand-built request of the operation through a fresh mock PIM."""
    op = support.operations()[operation_id]
    request = httpx.Request(
        op.method,
        f"{support.BASE}{path}",
        params=params,
        headers={"Authorization": "Bearer t", **(headers or {})},
        content=content,
    )
    support.MockPIM(operation_id)(request)


def _rejected(operation_id: str, path: str, match: str, **request: Any) -> None:
    with pytest.raises(support.ContractViolation, match=match):
        _send(operation_id, path, **request)


PRODUCTS = "/api/rest/v1/products"


@pytest.mark.parametrize("value", ["True", "False", "1", "0", "yes", ""])
def test_a_boolean_query_value_other_than_true_or_false_fails(value: str) -> None:
    _send("get_products", PRODUCTS, params={"with_count": "true"})
    _send("get_products", PRODUCTS, params={"with_count": "false"})
    _rejected(
        "get_products",
        PRODUCTS,
        r"'with_count' is .*`true` or `false`",
        params={"with_count": value},
    )


@pytest.mark.parametrize(
    "value",
    ['[{"operator": "IN", "value": ["x"]}]', '"enabled"', "enabled=true", "{'enabled': 1}", "1"],
)
def test_a_search_that_is_not_a_json_object_fails(value: str) -> None:
    _send(
        "get_products", PRODUCTS, params={"search": '{"enabled":[{"operator":"=","value":true}]}'}
    )
    _rejected("get_products", PRODUCTS, r"'search' is .*JSON object", params={"search": value})


@pytest.mark.parametrize("name", ["locales", "attributes"])
def test_a_list_sent_as_a_json_array_fails(name: str) -> None:
    _send("get_products", PRODUCTS, params={name: "en_US,fr_FR"})
    _rejected("get_products", PRODUCTS, "comma-joined", params={name: '["en_US","fr_FR"]'})


def test_accept_other_than_json_on_a_json_operation_fails() -> None:
    path = "/api/rest/v1/channels/ecommerce"
    _send("get_channels__code_", path)
    _send("get_channels__code_", path, headers={"Accept": "application/json"})
    for accept in ("*/*", "application/xml", "text/html"):
        _rejected(
            "get_channels__code_",
            path,
            "on a JSON operation: it must be absent or 'application/json'",
            headers={"Accept": accept},
        )


def test_accept_json_on_a_binary_download_fails() -> None:
    path = "/api/rest/v1/media-files/1/2/a.png/download"
    _send("get_media_files__code__download", path)
    _send("get_media_files__code__download", path, headers={"Accept": "*/*"})
    for accept in ("application/json", "image/png"):
        _rejected(
            "get_media_files__code__download",
            path,
            r"on a binary download: it must be absent or '\*/\*'",
            headers={"Accept": accept},
        )


def test_accept_json_on_a_collection_patch_fails() -> None:
    def patch(accept: str) -> None:
        _send(
            "several_channels_patch",
            "/api/rest/v1/channels",
            headers={"Content-Type": support.NDJSON, "Accept": accept},
            content=b'{"code": "x"}\n',
        )

    patch("*/*")
    patch(support.NDJSON)
    with pytest.raises(support.ContractViolation, match="collection"):
        patch("application/json")


def test_a_keep_slashes_parameter_with_escaped_slashes_fails() -> None:
    download = "get_media_files__code__download"
    _send(download, "/api/rest/v1/media-files/1/2/a.png/download")
    for code in ("1%2F2%2Fa.png", "1/2%2fa.png"):
        _rejected(
            download,
            f"/api/rest/v1/media-files/{code}/download",
            "slashes must be sent unescaped, not as %2F",
        )
    category = "get_category_media_files__file_path__download"
    _rejected(category, "/api/rest/v1/category-media-files/a%2Fb.png/download", "'file_path'.*%2F")


@pytest.mark.parametrize("code", ["a+b", "a:b", "a@b", "a,b", "a;b", "a=b", "a!b", "a'b", "a(b)"])
def test_a_path_parameter_that_is_not_percent_encoded_fails(code: str) -> None:
    _send("get_channels__code_", "/api/rest/v1/channels/a%2Bb%2Fc%20d%2E")
    _rejected(
        "get_channels__code_",
        f"/api/rest/v1/channels/{code}",
        "path parameter 'code' is sent as .* percent-encoded",
    )


def test_a_keep_slashes_parameter_is_percent_encoded_segment_by_segment() -> None:
    _send("get_media_files__code__download", "/api/rest/v1/media-files/1/a%20b%2Bc.png/download")
    _rejected(
        "get_media_files__code__download",
        "/api/rest/v1/media-files/1/a+b.png/download",
        "path parameter 'code' is sent as .* and / percent-encoded",
    )


def test_links_in_a_json_body_fail() -> None:
    def post(body: object) -> None:
        _send(
            "channels_post",
            "/api/rest/v1/channels",
            headers={"Content-Type": support.JSON},
            content=json.dumps(body).encode(),
        )

    good = support.operations()["channels_post"].request_example()
    post(good)
    with pytest.raises(support.ContractViolation, match=r"`_links` at /_links: it is read-only"):
        post({**good, "_links": {"self": {"href": "x"}}})
    with pytest.raises(support.ContractViolation, match=r"at /labels/_links"):
        post({**good, "labels": {"_links": {}}})


def test_links_in_an_ndjson_line_fail() -> None:
    lines = [{"code": "a"}, {"code": "b", "_links": {"self": {"href": "x"}}}]
    with pytest.raises(support.ContractViolation, match=r"line 2 sends `_links` at /_links"):
        _send(
            "several_channels_patch",
            "/api/rest/v1/channels",
            headers={"Content-Type": support.NDJSON},
            content=b"".join(json.dumps(line).encode() + b"\n" for line in lines),
        )


def test_links_in_a_json_array_body_fail() -> None:
    batch = next(
        op
        for op in support.operations().values()
        if op.batch is not None and support.JSON in op.request_content
    )
    items = support.many_items(batch.operation_id, 2)
    _send(
        batch.operation_id,
        batch.path,
        headers={"Content-Type": support.JSON},
        content=json.dumps(items).encode(),
    )
    items[1]["_links"] = {"self": {"href": "x"}}
    with pytest.raises(support.ContractViolation, match=r"body sends `_links` at /1/_links"):
        _send(
            batch.operation_id,
            batch.path,
            headers={"Content-Type": support.JSON},
            content=json.dumps(items).encode(),
        )
