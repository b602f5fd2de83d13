"""A product search too long for a URL goes to POST /products-uuid/search by itself.

Against a PIM on 127.0.0.1 (real sockets) that serves the uuid list by GET and, when it has the
route (SaaS), by POST with the filters in the body; it can refuse long GET lines with 414 as a
proxy would.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import islice
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from akeneo_pim import Akeneo, AsyncAkeneo, ProductSearch, SearchError

from tests.loopback import serving

LIST_PATH = "/api/rest/v1/products-uuid"
SEARCH_PATH = LIST_PATH + "/search"
UUIDS = [f"00000000-0000-0000-0000-{n:012d}" for n in range(1000)]
MANY = UUIDS[100:800]  # 700 uuids: about 40 KB of URL


class SearchPIM:
    def __init__(self) -> None:
        self.has_post = True
        self.get_limit = 100_000  # a GET request target longer than this gets 414
        self.requests: list[tuple[str, str, dict[str, Any] | None]] = []
        self.base_url = ""

    def page(self, search: str | None, pagination: dict[str, str], path: str) -> dict[str, Any]:
        chosen = UUIDS
        if search:
            for condition in json.loads(search).get("uuid", []):
                assert condition["operator"] == "IN"
                wanted = set(condition["value"])
                chosen = [uuid for uuid in chosen if uuid in wanted]
        after = pagination.get("search_after")
        if after is not None:
            chosen = [uuid for uuid in chosen if uuid > after]
        limit = int(pagination.get("limit", "10"))
        items = chosen[:limit]
        links: dict[str, Any] = {"self": {"href": self.base_url + path}}
        if len(chosen) > limit:
            following = {**pagination, "search_after": items[-1]}
            links["next"] = {"href": f"{self.base_url}{urlsplit(path).path}?{urlencode(following)}"}
        return {"_links": links, "_embedded": {"items": [{"uuid": u} for u in items]}}


def _handler(pim: SearchPIM) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _answer(self, status: int, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            pim.requests.append(("GET", self.path, None))
            if len(self.path) > pim.get_limit:
                self._answer(414, {"code": 414, "message": "Request-URI Too Long"})
                return
            query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
            search = query.pop("search", None)
            self._answer(200, pim.page(search, query, self.path))

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.startswith("/api/oauth"):
                self._answer(200, {"access_token": "t", "expires_in": 3600, "refresh_token": "r"})
                return
            body = json.loads(raw)
            pim.requests.append(("POST", self.path, body))
            if not pim.has_post or urlsplit(self.path).path != SEARCH_PATH:
                self._answer(404, {"code": 404, "message": "Not found"})
                return
            query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
            self._answer(200, pim.page(body.get("search"), query, self.path))

    return Handler


@pytest.fixture
def pim() -> Iterator[SearchPIM]:
    state = SearchPIM()
    with serving(ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))) as base_url:
        state.base_url = base_url
        yield state


def settings(pim: SearchPIM) -> dict[str, Any]:
    return {"base_url": pim.base_url, "client_id": "i", "secret": "s", "username": "u",
            "password": "p"}


def listed(pim: SearchPIM, flavour: str, **arguments: Any) -> list[str]:
    if flavour == "sync":
        with Akeneo(**settings(pim)) as akeneo:
            return [p.uuid or "" for p in akeneo.products_uuid.list(**arguments)]

    async def main() -> list[str]:
        async with AsyncAkeneo(**settings(pim)) as akeneo:
            return [p.uuid or "" async for p in akeneo.products_uuid.list(**arguments)]

    return asyncio.run(main())


FLAVOURS = ["sync", "async"]
# 21 criteria, each long enough for the search to need POST.
TWENTY_ONE = [{"operator": "IN", "value": MANY[n * 30 : n * 30 + 30]} for n in range(21)]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_short_search_stays_get(pim: SearchPIM, flavour: str) -> None:
    assert listed(pim, flavour, search=ProductSearch().uuid("IN", UUIDS[:3])) == UUIDS[:3]
    assert [method for method, _, _ in pim.requests] == ["GET"]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_long_search_is_sent_as_post_with_every_page(pim: SearchPIM, flavour: str) -> None:
    found = listed(
        pim, flavour, search=ProductSearch().uuid("IN", MANY), locales=["en_US", "fr_FR"],
        attributes="name", with_quality_scores=True,
    )
    assert found == MANY
    assert {method for method, _, _ in pim.requests} == {"POST"}
    assert len(pim.requests) == 7  # 700 items, 100 a page
    search = json.dumps({"uuid": [{"operator": "IN", "value": MANY}]}, separators=(",", ":"))
    for _, path, body in pim.requests:
        assert urlsplit(path).path == SEARCH_PATH
        assert body == {"search": search, "locales": "en_US,fr_FR", "attributes": "name",
                        "with_quality_scores": True}
        query = parse_qs(urlsplit(path).query)
        assert query["pagination_type"] == ["search_after"] and query["limit"] == ["100"]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_414_on_get_switches_to_post(pim: SearchPIM, flavour: str) -> None:
    pim.get_limit = 500  # a proxy stricter than the client's limit
    wanted = UUIDS[:30]  # about 1.5 KB of URL: under MAX_URL_BYTES
    assert listed(pim, flavour, search=ProductSearch().uuid("IN", wanted)) == wanted
    assert [method for method, _, _ in pim.requests] == ["GET", "POST"]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_pim_without_post_search_gives_a_clear_error(pim: SearchPIM, flavour: str) -> None:
    pim.has_post = False
    with pytest.raises(SearchError, match=r"bytes long.*no POST /api/rest/v1/products-uuid/search"):
        listed(pim, flavour, search=ProductSearch().uuid("IN", MANY))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"search": ProductSearch().uuid("IN", UUIDS[:801])}, "at most 800 items in a list value"),
        ({"search": {"uuid": TWENTY_ONE}}, "at most 20 search criteria"),
        ({"attributes": [f"attribute_{n}" for n in range(801)]}, "at most 800 attributes"),
    ],
)
@pytest.mark.parametrize("flavour", FLAVOURS)
def test_the_post_routes_limits_are_refused_before_sending(
    pim: SearchPIM, flavour: str, arguments: dict[str, Any], message: str
) -> None:
    with pytest.raises(SearchError, match=message):
        listed(pim, flavour, **arguments)
    assert pim.requests == []


@pytest.mark.parametrize("get_limit", [100_000, 500])  # too long for the client, or a 414
def test_a_post_listing_resumes_exactly(pim: SearchPIM, get_limit: int) -> None:
    pim.get_limit = get_limit
    wanted = MANY if get_limit > 500 else UUIDS[:250]
    with Akeneo(**settings(pim)) as akeneo:
        export = akeneo.products_uuid.list(search=ProductSearch().uuid("IN", wanted))
        first = [p.uuid for p in islice(export, 150)]
        saved = export.cursor
        assert saved is not None and SEARCH_PATH in saved
        since = len(pim.requests)
        later = akeneo.products_uuid.list(search=ProductSearch().uuid("IN", wanted))
        rest = [p.uuid for p in later.resume_from(saved)]
    assert first + rest == wanted
    assert {method for method, _, _ in pim.requests[since:]} == {"POST"}


def test_a_resumed_post_listing_async(pim: SearchPIM) -> None:
    async def main() -> list[str]:
        async with AsyncAkeneo(**settings(pim)) as akeneo:
            export = akeneo.products_uuid.list(search=ProductSearch().uuid("IN", MANY))
            first: list[str] = []
            async for product in export:
                first.append(product.uuid or "")
                if len(first) == 150:
                    break
            later = akeneo.products_uuid.list(search=ProductSearch().uuid("IN", MANY))
            rest = [p.uuid or "" async for p in later.resume_from(export.cursor)]
            return first + rest

    assert asyncio.run(main()) == MANY
