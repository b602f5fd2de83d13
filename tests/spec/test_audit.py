"""The audit of issue 12: discrepancies between our spec and Akeneo's guides, server and PHP client.

Each test fails without its fix. Wire behaviour is checked through the generated client against a
real HTTP server on 127.0.0.1 (sync and async); spec facts against the bundled document.
"""

from __future__ import annotations

import asyncio
import functools
import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

import akeneo_pim
import pytest
from akeneo_pim import Akeneo, AsyncAkeneo, RateLimitError
from typing_extensions import Required

from generator.document import iter_operations, resolve

from .support import ROOT, spec_document, spec_operations

TOKEN = "audit-token"


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Answer:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class LocalPIM:
    """A real HTTP server: records every request and answers with `answer(request)`."""

    def __init__(self, answer: Callable[[Seen], Answer]) -> None:
        self.seen: list[Seen] = []
        pim = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                request = Seen(
                    self.command,
                    self.path,
                    {k.lower(): v for k, v in self.headers.items()},
                    self.rfile.read(length),
                )
                pim.seen.append(request)
                reply = answer(request)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            do_GET = do_POST = do_PATCH = _handle

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[[Callable[[Seen], Answer]], LocalPIM]]:
    servers: list[LocalPIM] = []

    def start(answer: Callable[[Seen], Answer]) -> LocalPIM:
        servers.append(LocalPIM(answer))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def _sync(pim: LocalPIM) -> Akeneo:
    return Akeneo(base_url=pim.base_url, access_token=TOKEN, max_retries=0)


def _async(pim: LocalPIM) -> AsyncAkeneo:
    return AsyncAkeneo(base_url=pim.base_url, access_token=TOKEN, max_retries=0)


def _like_akeneo_proposal(request: Seen) -> Answer:
    # Akeneo answers 415 to a POST without a JSON body; 201 with no body and no Location otherwise.
    if request.headers.get("content-type") != "application/json" or not request.body:
        return Answer(415, {"Content-Type": "application/json"}, b'{"code": 415, "message": "x"}')
    return Answer(201)


SUBMITS = [
    ("products_uuid", "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f", "/products-uuid/{}/proposal"),
    ("products", "boot_42", "/products/{}/proposal"),
    ("product_models", "trail_runner", "/product-models/{}/proposal"),
]


@pytest.mark.parametrize(("resource", "key", "path"), SUBMITS)
def test_submit_draft_sends_an_empty_json_body(
    serve: Any, resource: str, key: str, path: str
) -> None:
    pim = serve(_like_akeneo_proposal)
    with _sync(pim) as client:
        result = getattr(client, resource).submit_draft(key)

    async def main() -> Any:
        async with _async(pim) as client:
            return await getattr(client, resource).submit_draft(key)

    async_result = asyncio.run(main())
    assert (result.status_code, async_result.status_code) == (201, 201)
    assert result.location is None
    for request in pim.seen:
        assert request.path == "/api/rest/v1" + path.format(key)
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.body) == {}


def test_system_information_sends_the_token(serve: Any) -> None:
    def answer(request: Seen) -> Answer:
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return Answer(
                401, {"Content-Type": "application/json"}, b'{"code": 401, "message": "x"}'
            )
        return Answer(
            200, {"Content-Type": "application/json"}, b'{"version": "7.0.1", "edition": "EE"}'
        )

    pim = serve(answer)
    with _sync(pim) as client:
        assert client.system.get().edition == "EE"

    async def main() -> str:
        async with _async(pim) as client:
            return (await client.system.get()).edition

    assert asyncio.run(main()) == "EE"
    assert len(pim.seen) == 2


def test_a_429_without_body_is_a_rate_limit_error(serve: Any) -> None:
    pim = serve(lambda request: Answer(429, {"Retry-After": "7"}))
    with _sync(pim) as client, pytest.raises(RateLimitError) as sync_error:
        client.channels.get("ecommerce")

    async def main() -> None:
        async with _async(pim) as client:
            await client.channels.get("ecommerce")

    with pytest.raises(RateLimitError) as async_error:
        asyncio.run(main())
    assert sync_error.value.retry_after == async_error.value.retry_after == 7
    assert sync_error.value.body is None


def test_the_429_answer_declares_no_body() -> None:
    # Akeneo documents only Retry-After and may send no body: a declared body would be required.
    too_many = resolve(spec_document(), {"$ref": "#/components/responses/TooManyRequests"})
    assert "content" not in too_many
    assert "Retry-After" in too_many["headers"]


def test_proposal_routes_declare_400_404_and_no_location() -> None:
    for operation in spec_operations().values():
        if operation.node.get("x-python-method") != "submit_draft":
            continue
        responses = operation.node["responses"]
        assert {"400", "404"} <= set(responses), operation.operation_id
        created = resolve(spec_document(), responses["201"])
        assert "Location" not in created.get("headers", {}), operation.operation_id
        body = resolve(spec_document(), operation.node["requestBody"])
        assert body["required"] is True
        assert body["content"]["application/json"]["schema"]["default"] == {}


def _batch_operations() -> list[tuple[str, dict[str, Any]]]:
    document = spec_document()
    return [
        (node["operationId"], node)
        for _, _, node in iter_operations(document)
        if "x-akeneo-batch" in node
    ]


def _required(document: dict[str, Any], schema: Any) -> set[str]:
    schema = resolve(document, schema)
    required = set(schema.get("required", []))
    for part in schema.get("allOf", []):
        required |= _required(document, part)
    return required


@pytest.mark.parametrize(("operation_id", "node"), _batch_operations(), ids=lambda v: str(v)[:60])
def test_every_batch_line_requires_the_key_of_its_result(
    operation_id: str, node: dict[str, Any]
) -> None:
    document = spec_document()
    batch = node["x-akeneo-batch"]
    content = resolve(document, node["requestBody"])["content"]
    schema = next(iter(content.values()))["schema"]
    if batch["format"] == "json_array":
        schema = resolve(document, schema)["items"]
    assert batch["key"] in _required(document, schema), f"{operation_id}: lines need {batch['key']}"


def test_upsert_many_item_types_require_the_key() -> None:
    checked = 0
    for name, attribute in vars(akeneo_pim.Akeneo).items():
        if not isinstance(attribute, functools.cached_property):
            continue
        resource_type = get_type_hints(attribute.func)["return"]
        method = getattr(resource_type, "upsert_many", None)
        if method is None:
            continue
        item_type = get_args(get_type_hints(method)["items"])[0]
        params = [t for t in get_args(item_type) if t.__name__.endswith("Param")]
        assert params, name
        for param in params:
            hints = get_type_hints(param, include_extras=True)
            required = {key for key, hint in hints.items() if get_origin(hint) is Required}
            assert {"code", "identifier", "uuid"} & required, f"{name}: {param.__name__}"
        checked += 1
    assert checked == 16


def _json_snippets(text: str) -> list[Any]:
    snippets = []
    for raw in re.findall(r"`(\{.*?\})`", " ".join(text.split())):
        snippets.append(json.loads(raw))
    return snippets


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


def test_asset_search_examples_key_attribute_filters_by_attribute_code() -> None:
    operation = spec_operations()["get_assets"]
    (search,) = [
        p
        for p in (resolve(spec_document(), p) for p in operation.node["parameters"])
        if p["name"] == "search"
    ]
    snippets = _json_snippets(search["description"])
    assert len(snippets) >= 3
    assert "values" not in {key for snippet in snippets for key in _keys(snippet)}


def test_failed_batch_lines_carry_a_documentation_link() -> None:
    for name in ("BatchLineResult", "BatchItemResult"):
        schema = spec_document()["components"]["schemas"][name]
        links = resolve(spec_document(), schema["properties"]["_links"])
        assert "documentation" in links["properties"], name


def test_catalog_quantified_product_models_are_keyed_identifier() -> None:
    schema = spec_document()["components"]["schemas"]["CatalogQuantifiedProductModel"]
    assert schema["required"] == ["identifier", "quantity"]
    assert "identifier" in akeneo_pim.models.CatalogQuantifiedProductModel.model_fields


def test_unsourced_claims_are_gone() -> None:
    schemas = spec_document()["components"]["schemas"]
    sets = resolve(
        spec_document(), schemas["FamilyVariantUpdate"]["properties"]["variant_attribute_sets"]
    )
    axes = resolve(spec_document(), sets["items"])["properties"]["axes"]
    assert "maxItems" not in axes and "at most" not in axes["description"]
    measurement = spec_operations()["patch_measurement_families"].node
    assert "merge" not in measurement["description"]
    assert "merge" not in schemas["MeasurementFamilyUpdate"]["description"]


def test_json_array_batches_speak_of_items_not_lines() -> None:
    for operation_id, node in _batch_operations():
        if node["x-akeneo-batch"]["format"] != "json_array":
            continue
        too_large = resolve(spec_document(), node["responses"]["413"])
        assert "line" not in too_large["description"].lower(), operation_id


def test_explained_items_are_in_the_spec_readme() -> None:
    # the two audit items kept as they are, each with its reason in the corrections table
    readme = (ROOT / "spec" / "README.md").read_text(encoding="utf-8")
    assert "| value `data`: list of table rows |" in readme
    assert "| token route body limit |" in readme


def test_audit_module_sees_the_generated_package() -> None:
    assert Path(akeneo_pim.__file__).resolve().is_relative_to(ROOT / "generated")
