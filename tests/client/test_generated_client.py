"""The generated client end to end: generated methods, runtime, a mock PIM (httpx.MockTransport)."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from akeneo_pim import (
    Akeneo,
    AsyncAkeneo,
    NotFoundError,
    UnprocessableEntityError,
    models,
)

BASE = "https://pim.example.com"
Handler = Callable[[httpx.Request], httpx.Response]


def token_response(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200,
        json={
            "access_token": "access-1",
            "expires_in": 3600,
            "token_type": "bearer",
            "scope": None,
            "refresh_token": "refresh-1",
        },
    )


class MockPIM:
    """Routes (method, path) to handlers; records every request."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.routes: dict[tuple[str, str], Handler] = {
            ("POST", "/api/oauth/v1/token"): token_response
        }

    def on(self, method: str, path: str, handler: Handler) -> None:
        self.routes[(method, path)] = handler

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.raw_path.decode("ascii").split("?")[0]
        handler = self.routes.get((request.method, path))
        if handler is None:
            return httpx.Response(404, json={"code": 404, "message": f"no route {path}"})
        return handler(request)

    def client(self) -> Akeneo:
        return Akeneo(
            base_url=BASE,
            client_id="client",
            secret="secret",
            username="user",
            password="password",
            transport=httpx.MockTransport(self),
            max_retries=0,
        )


def channel(code: str) -> dict[str, object]:
    return {
        "_links": {"self": {"href": f"{BASE}/api/rest/v1/channels/{code}"}},
        "code": code,
        "locales": ["en_US"],
        "currencies": ["EUR"],
        "category_tree": "master",
        "conversion_units": {},
        "labels": {"en_US": code.title()},
        "a_field_from_a_newer_pim": 1,
    }


def test_list_follows_next_links_and_parses_models() -> None:
    pim = MockPIM()

    def channels(request: httpx.Request) -> httpx.Response:
        page = request.url.params.get("page", "1")
        body: dict[str, object] = {
            "_links": {"self": {"href": str(request.url)}},
            "current_page": int(page),
            "_embedded": {"items": [channel(f"c{page}a"), channel(f"c{page}b")]},
        }
        if page == "1":
            body["_links"] = {"next": {"href": f"{BASE}/api/rest/v1/channels?page=2&limit=2"}}
        return httpx.Response(200, json=body)

    pim.on("GET", "/api/rest/v1/channels", channels)
    with pim.client() as akeneo:
        paginator = akeneo.channels.list(limit=2)
        assert pim.requests == []  # lazy until iterated
        codes = [item.code for item in paginator]
    assert codes == ["c1a", "c1b", "c2a", "c2b"]
    first = pim.requests[1]
    assert first.url.params["limit"] == "2"
    assert first.headers["Authorization"] == "Bearer access-1"


def test_models_keep_unknown_fields_and_round_trip() -> None:
    pim = MockPIM()
    pim.on("GET", "/api/rest/v1/channels/web", lambda r: httpx.Response(200, json=channel("web")))
    sent: list[dict[str, object]] = []

    def upsert(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(204, headers={"Location": f"{BASE}/api/rest/v1/channels/web"})

    pim.on("PATCH", "/api/rest/v1/channels/web", upsert)
    with pim.client() as akeneo:
        web = akeneo.channels.get("web")
        assert isinstance(web, models.Channel)
        assert web.labels == {"en_US": "Web"}
        result = akeneo.channels.upsert("web", web)
    assert result.status_code == 204 and not result.created
    # Sent back unchanged, without the read-only links, unknown field kept.
    assert sent[0]["a_field_from_a_newer_pim"] == 1
    assert "_links" not in sent[0]
    assert sent[0]["code"] == "web"


def test_upsert_many_reports_every_item_in_order() -> None:
    pim = MockPIM()

    def batch(request: httpx.Request) -> httpx.Response:
        assert request.headers["Content-Type"] == "application/vnd.akeneo.collection+json"
        lines = [json.loads(line) for line in request.content.decode().splitlines()]
        answers = [
            {"line": n, "code": item["code"], "status_code": 422 if item["code"] == "bad" else 204}
            for n, item in enumerate(lines, start=1)
        ]
        return httpx.Response(200, text="\n".join(json.dumps(a) for a in answers) + "\n")

    pim.on("PATCH", "/api/rest/v1/channels", batch)
    codes = [f"c{i}" for i in range(150)] + ["bad"]
    seen: list[str | None] = []
    progress: list[tuple[int, int | None]] = []
    with pim.client() as akeneo:
        report = akeneo.channels.upsert_many(
            ({"code": code} for code in codes),
            on_result=lambda result: seen.append(result.key),
            on_progress=lambda done, total: progress.append((done, total)),
        )
    assert seen == codes and len(report) == len(codes)
    assert [r.key for r in report.failed] == ["bad"]
    assert progress == [(100, None), (151, None)]
    assert len([r for r in pim.requests if r.method == "PATCH"]) == 2  # 100 + 51


def test_errors_carry_the_server_message() -> None:
    pim = MockPIM()
    pim.on(
        "PATCH",
        "/api/rest/v1/channels/x",
        lambda r: httpx.Response(
            422,
            json={
                "code": 422,
                "message": "Validation failed.",
                "errors": [{"property": "labels", "message": "The locale xx does not exist."}],
            },
        ),
    )
    with pim.client() as akeneo:
        with pytest.raises(UnprocessableEntityError) as caught:
            akeneo.channels.upsert("x", {"labels": {"xx": "X"}})
        with pytest.raises(NotFoundError):
            akeneo.locales.get("zz_ZZ")
    assert caught.value.errors[0].property == "labels"
    assert "Validation failed." in str(caught.value)
    assert "channels_patch" in str(caught.value)


def test_token_method_sends_client_credentials_as_basic() -> None:
    pim = MockPIM()
    with pim.client() as akeneo:
        token = akeneo.authentication.get_token(
            {"grant_type": "refresh_token", "refresh_token": "refresh-0"}
        )
    assert token.access_token == "access-1"
    assert "access-1" not in repr(token) and "refresh-1" not in repr(token)  # x-python-secret
    request = pim.requests[-1]
    assert (
        request.headers["Authorization"] == "Basic " + base64.b64encode(b"client:secret").decode()
    )
    assert json.loads(request.content) == {
        "grant_type": "refresh_token",
        "refresh_token": "refresh-0",
    }


def test_overview_needs_no_token() -> None:
    pim = MockPIM()
    pim.on(
        "GET",
        "/api/rest/v1",
        lambda r: httpx.Response(200, json={"host": BASE, "authentication": {}, "routes": {}}),
    )
    with pim.client() as akeneo:
        endpoints = akeneo.overview.list_endpoints()
    assert endpoints.host == BASE
    assert [r.url.path for r in pim.requests] == ["/api/rest/v1"]
    assert "Authorization" not in pim.requests[0].headers


def test_media_upload_and_streamed_download(tmp_path: Path) -> None:
    pim = MockPIM()
    code = "1/d/7/f/abc_shoe.jpg"

    def upload(request: httpx.Request) -> httpx.Response:
        assert request.headers["Content-Type"].startswith("multipart/form-data")
        body = request.read()
        assert b'name="file"; filename="shoe.jpg"' in body
        assert b'name="product"' in body and b'"identifier":"sku-1"' in body
        return httpx.Response(201, headers={"Location": f"{BASE}/api/rest/v1/media-files/{code}"})

    pim.on("POST", "/api/rest/v1/media-files", upload)
    pim.on(
        "GET",
        f"/api/rest/v1/media-files/{code}/download",
        lambda r: httpx.Response(
            200, content=b"JPEG" * 1000, headers={"Content-Type": "image/jpeg"}
        ),
    )
    source = tmp_path / "shoe.jpg"
    source.write_bytes(b"JPEG")
    with pim.client() as akeneo:
        new_code = akeneo.product_media_files.upload(
            source,
            product={"identifier": "sku-1", "attribute": "picture", "scope": None, "locale": None},
        )
        assert new_code == code
        saved = akeneo.product_media_files.download(new_code, to=tmp_path / "copy.jpg")
    assert (tmp_path / "copy.jpg").read_bytes() == b"JPEG" * 1000
    assert saved.content_type == "image/jpeg"


def test_catalog_uuid_lists_hold_plain_strings() -> None:
    pim = MockPIM()
    catalog = "12351d98-200e-4bbc-aa19-7fdda1bd14f2"
    pim.on(
        "GET",
        f"/api/rest/v1/catalogs/{catalog}/product-uuids",
        lambda r: httpx.Response(
            200,
            json={"_links": {"self": {"href": str(r.url)}}, "_embedded": {"items": ["u1", "u2"]}},
        ),
    )
    akeneo = Akeneo(base_url=BASE, access_token="app-token", transport=httpx.MockTransport(pim))
    with akeneo:
        assert list(akeneo.catalog_products.list_uuids(catalog)) == ["u1", "u2"]
    assert pim.requests[0].headers["Authorization"] == "Bearer app-token"


def test_async_client_has_the_same_surface() -> None:
    pim = MockPIM()
    pim.on(
        "GET",
        "/api/rest/v1/locales/en_US",
        lambda r: httpx.Response(200, json={"code": "en_US", "enabled": True}),
    )
    pim.on(
        "GET",
        "/api/rest/v1/locales",
        lambda r: httpx.Response(
            200, json={"_links": {}, "current_page": 1, "_embedded": {"items": [{"code": "fr_FR"}]}}
        ),
    )

    async def scenario() -> tuple[str, list[str]]:
        async with AsyncAkeneo(
            base_url=BASE, access_token="t", transport=httpx.MockTransport(pim)
        ) as akeneo:
            locale = await akeneo.locales.get("en_US")
            codes = [item.code async for item in akeneo.locales.list()]
            return locale.code, codes

    assert asyncio.run(scenario()) == ("en_US", ["fr_FR"])
