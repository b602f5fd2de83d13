"""Tokens dying at awkward moments, sync and async: between two pages of a list, under 50 threads
or 50 tasks at once, and a refused refresh. The clock is faked; nothing really waits."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import pytest
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._models import AkeneoModel

LIST_PRODUCTS = Endpoint("products_uuid_list", "GET", "/api/rest/v1/products-uuid")
GET_LOCALE = Endpoint("locales_get", "GET", "/api/rest/v1/locales/{code}")
PRODUCTS = "/api/rest/v1/products-uuid"
LOCALE_PATH = "/api/rest/v1/locales/en_US"
TOKEN_PATH = "/api/oauth/v1/token"
BASE = "https://pim.example.com"
LIFETIME = 3600  # FakePIM's expires_in


class Product(AkeneoModel):
    uuid: str


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def with_clock(client: Any) -> FakeClock:
    clock = FakeClock()
    client._auth._state.clock = clock
    return clock


def two_pages(pim: Any, clock: FakeClock, how: str) -> None:
    """Page 1 links to page 2. The token dies once page 1 is answered: by the clock ("clock": the
    client must notice and refresh before asking page 2) or on the server ("server": the clock
    says it is good, page 2's first attempt gets a 401, as after a revocation or a restart)."""
    rejected: list[bool] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.params.get("search_after") is None:
            if how == "clock":
                clock.now += LIFETIME  # past the renewal point when page 2 is asked
            body = {
                "_links": {"next": {"href": f"{BASE}{PRODUCTS}?search_after=b"}},
                "_embedded": {"items": [{"uuid": "a"}, {"uuid": "b"}]},
            }
            return httpx.Response(200, json=body)
        if how == "server" and not rejected:
            rejected.append(True)
            return httpx.Response(
                401, json={"code": 401, "message": "The access token provided has expired."}
            )
        return httpx.Response(200, json={"_links": {}, "_embedded": {"items": [{"uuid": "c"}]}})

    pim.add("GET", PRODUCTS, answer)


@pytest.mark.parametrize("how", ["clock", "server"])
def test_token_expiring_between_two_pages_is_refreshed_sync(
    make_client: Any, pim: Any, how: str
) -> None:
    client = make_client()
    two_pages(pim, with_clock(client), how)
    uuids = [p.uuid for p in client.paginate(LIST_PRODUCTS, item_type=Product)]
    assert uuids == ["a", "b", "c"]
    assert [b["grant_type"] for b in pim.token_bodies] == ["password", "refresh_token"]
    assert pim.token_bodies[1]["refresh_token"] == "ref1"
    bearers = [c.headers["authorization"] for c in pim.calls("GET", PRODUCTS)]
    if how == "clock":
        assert bearers == ["Bearer tok1", "Bearer tok2"]  # refreshed before asking page 2
    else:
        assert bearers == ["Bearer tok1", "Bearer tok1", "Bearer tok2"]  # 401, refresh, replay
    # page 2 is asked with the same link, cursor included, after the refresh
    assert pim.calls("GET", PRODUCTS)[-1].url.params["search_after"] == "b"


@pytest.mark.parametrize("how", ["clock", "server"])
def test_token_expiring_between_two_pages_is_refreshed_async(
    make_async_client: Any, pim: Any, how: str
) -> None:
    async def main() -> list[str]:
        async with make_async_client() as client:
            two_pages(pim, with_clock(client), how)
            return [p.uuid async for p in client.paginate(LIST_PRODUCTS, item_type=Product)]

    assert asyncio.run(main()) == ["a", "b", "c"]
    assert [b["grant_type"] for b in pim.token_bodies] == ["password", "refresh_token"]
    bearers = [c.headers["authorization"] for c in pim.calls("GET", PRODUCTS)]
    if how == "clock":
        assert bearers == ["Bearer tok1", "Bearer tok2"]
    else:
        assert bearers == ["Bearer tok1", "Bearer tok1", "Bearer tok2"]
    assert pim.calls("GET", PRODUCTS)[-1].url.params["search_after"] == "b"


@pytest.mark.parametrize("status", [400, 401, 422])
def test_refused_refresh_falls_back_to_password_grant_async(
    make_async_client: Any, pim: Any, status: int
) -> None:
    refused = httpx.Response(status, json={"code": status, "message": "Refresh token is invalid"})
    pim.add("POST", TOKEN_PATH, pim.issue_token, refused, pim.issue_token)
    unauthorized = httpx.Response(401, json={"code": 401, "message": "expired"})
    pim.add(
        "GET", LOCALE_PATH, httpx.Response(200, json={}), unauthorized, httpx.Response(200, json={})
    )

    async def main() -> None:
        async with make_async_client() as client:
            await client.fetch_json(GET_LOCALE, path_params={"code": "en_US"})
            await client.fetch_json(GET_LOCALE, path_params={"code": "en_US"})

    asyncio.run(main())
    assert [b["grant_type"] for b in pim.token_bodies] == ["password", "refresh_token", "password"]
    bearers = [c.headers["authorization"] for c in pim.calls("GET", LOCALE_PATH)]
    assert bearers == ["Bearer tok1", "Bearer tok1", "Bearer tok2"]  # tok2: the new password grant


# ----------------------------------------------------------------- 50 callers, one expired token
CALLERS = 50


class SeenBy:
    """Wraps the token state's `current()` to count the distinct callers that found it expired.

    The token route waits until all of them have looked, so every caller really races for the
    refresh (no sleeping to "let them arrive"). A token is read inside a concurrency slot, so the
    callers that race are the `max_concurrency` holding one; the others get the new token."""

    def __init__(self, client: Any, ident: Any) -> None:
        self.expected = min(CALLERS, client.max_concurrency)
        self.callers: set[object] = set()
        self.lock = threading.Lock()
        self.all_arrived = threading.Event()
        state = client._auth._state
        original = state.current

        def current() -> str | None:
            token = original()
            if token is None:
                with self.lock:
                    self.callers.add(ident())
                    if len(self.callers) == self.expected:
                        self.all_arrived.set()
            return token

        state.current = current


def test_50_threads_on_an_expired_token_refresh_once(make_client: Any, pim: Any) -> None:
    pim.add("GET", LOCALE_PATH, httpx.Response(200, json={"code": "en_US"}))
    client = make_client(max_concurrency=8)
    clock = with_clock(client)
    client.login()
    clock.now += LIFETIME
    seen = SeenBy(client, threading.get_ident)

    def slow_token(request: httpx.Request) -> httpx.Response:
        assert seen.all_arrived.wait(10), f"only {len(seen.callers)} callers arrived"
        return pim.issue_token(request)

    pim.add("POST", TOKEN_PATH, slow_token)
    errors: list[BaseException] = []

    def call() -> None:
        try:
            client.fetch_json(GET_LOCALE, path_params={"code": "en_US"})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=call) for _ in range(CALLERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert errors == []
    assert len(seen.callers) == seen.expected == 8
    assert [b["grant_type"] for b in pim.token_bodies] == ["password", "refresh_token"]
    calls = pim.calls("GET", LOCALE_PATH)
    assert len(calls) == CALLERS
    assert {c.headers["authorization"] for c in calls} == {"Bearer tok2"}


def test_50_tasks_on_an_expired_token_refresh_once(make_async_client: Any, pim: Any) -> None:
    pim.add("GET", LOCALE_PATH, httpx.Response(200, json={"code": "en_US"}))
    race: dict[str, SeenBy] = {}

    async def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == TOKEN_PATH and "seen" in race:
            # Hold the refresh until every task has found the token expired; sleep(0) only
            # hands the loop to the other tasks.
            for _ in range(10_000):
                if race["seen"].all_arrived.is_set():
                    break
                await asyncio.sleep(0)
        return pim.handle(request)

    async def main() -> None:
        async with make_async_client(transport=httpx.MockTransport(handle)) as client:
            clock = with_clock(client)
            await client.login()
            clock.now += LIFETIME
            race["seen"] = SeenBy(client, lambda: id(asyncio.current_task()))
            await asyncio.gather(
                *(
                    client.fetch_json(GET_LOCALE, path_params={"code": "en_US"})
                    for _ in range(CALLERS)
                )
            )

    asyncio.run(main())
    assert len(race["seen"].callers) == race["seen"].expected == 4
    assert [b["grant_type"] for b in pim.token_bodies] == ["password", "refresh_token"]
    calls = pim.calls("GET", LOCALE_PATH)
    assert len(calls) == CALLERS
    assert {c.headers["authorization"] for c in calls} == {"Bearer tok2"}
