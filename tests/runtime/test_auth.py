"""Token lifecycle: password grant, refresh before expiry and after a 401, App tokens."""

from __future__ import annotations

import asyncio
import base64
import threading
import time
from typing import Any

import httpx
import pytest
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._errors import AuthenticationError, UnprocessableEntityError

GET_LOCALE = Endpoint("locales_get", "GET", "/api/rest/v1/locales/{code}")
LOCALE_PATH = "/api/rest/v1/locales/en_US"
TOKEN_PATH = "/api/oauth/v1/token"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def ok() -> httpx.Response:
    return httpx.Response(200, json={"code": "en_US"})


def get_locale(client: Any) -> Any:
    return client.fetch_json(GET_LOCALE, path_params={"code": "en_US"})


def test_password_grant_uses_basic_auth_and_json(make_client: Any, pim: Any) -> None:
    pim.add("GET", LOCALE_PATH, ok())
    get_locale(make_client())
    token_request = pim.calls("POST", TOKEN_PATH)[0]
    expected = base64.b64encode(b"client-id:s3cr3t-CLIENT-SECRET").decode()
    assert token_request.headers["authorization"] == f"Basic {expected}"
    assert token_request.headers["content-type"] == "application/json"
    assert pim.token_bodies == [
        {"grant_type": "password", "username": "julia", "password": "pa55-USER-PASSWORD"}
    ]
    assert pim.calls("GET", LOCALE_PATH)[0].headers["authorization"] == "Bearer tok1"


def test_token_is_reused_until_close_to_expiry(make_client: Any, pim: Any) -> None:
    pim.add("GET", LOCALE_PATH, ok())
    clock = FakeClock()
    client = make_client()
    client._auth._state.clock = clock
    get_locale(client)
    clock.now += 3000  # still more than 60 s left of 3600
    get_locale(client)
    assert len(pim.token_bodies) == 1
    clock.now += 560  # 40 s left: renew first
    get_locale(client)
    assert pim.token_bodies[1] == {"grant_type": "refresh_token", "refresh_token": "ref1"}
    assert pim.calls("GET", LOCALE_PATH)[-1].headers["authorization"] == "Bearer tok2"
    # The refresh token of each answer replaces the previous one.
    clock.now += 3600
    get_locale(client)
    assert pim.token_bodies[2] == {"grant_type": "refresh_token", "refresh_token": "ref2"}


def test_short_lifetimes_renew_at_ninety_percent(make_client: Any, pim: Any) -> None:
    pim.expires_in = 100
    pim.add("GET", LOCALE_PATH, ok())
    clock = FakeClock()
    client = make_client()
    client._auth._state.clock = clock
    get_locale(client)
    clock.now += 89
    get_locale(client)
    assert len(pim.token_bodies) == 1
    clock.now += 2
    get_locale(client)
    assert len(pim.token_bodies) == 2


def test_401_refreshes_and_replays_once(make_client: Any, pim: Any) -> None:
    unauthorized = httpx.Response(401, json={"code": 401, "message": "Authentication is required"})
    pim.add("GET", LOCALE_PATH, unauthorized, ok())
    assert get_locale(make_client()) == {"code": "en_US"}
    calls = pim.calls("GET", LOCALE_PATH)
    assert [c.headers["authorization"] for c in calls] == ["Bearer tok1", "Bearer tok2"]
    assert pim.token_bodies[1]["grant_type"] == "refresh_token"


def test_a_second_401_is_raised_not_looped(make_client: Any, pim: Any) -> None:
    unauthorized = httpx.Response(401, json={"code": 401, "message": "Authentication is required"})
    pim.add("GET", LOCALE_PATH, unauthorized)
    with pytest.raises(AuthenticationError, match="Authentication is required"):
        get_locale(make_client())
    assert len(pim.calls("GET", LOCALE_PATH)) == 2


def test_refused_refresh_falls_back_to_password_grant(make_client: Any, pim: Any) -> None:
    refused = httpx.Response(400, json={"code": 400, "message": "Refresh token is invalid"})
    pim.add("POST", TOKEN_PATH, pim.issue_token, refused, pim.issue_token)
    pim.add(
        "GET",
        LOCALE_PATH,
        ok(),
        httpx.Response(401, json={"code": 401, "message": "expired"}),
        ok(),
    )
    client = make_client()
    get_locale(client)
    get_locale(client)
    grants = [body["grant_type"] for body in pim.token_bodies]
    assert grants == ["password", "refresh_token", "password"]


@pytest.mark.parametrize("status", [400, 401, 422])
def test_refused_refresh_statuses(make_client: Any, pim: Any, status: int) -> None:
    refused = httpx.Response(status, json={"code": status, "message": "no"})
    pim.add("POST", TOKEN_PATH, pim.issue_token, refused, pim.issue_token)
    clock = FakeClock()
    client = make_client()
    client._auth._state.clock = clock
    pim.add("GET", LOCALE_PATH, ok())
    get_locale(client)
    clock.now += 4000
    get_locale(client)
    assert [body["grant_type"] for body in pim.token_bodies] == [
        "password",
        "refresh_token",
        "password",
    ]


def test_failed_password_grant_is_reported(make_client: Any, pim: Any) -> None:
    message = 'Parameter "client_id" is missing or does not match any client, or secret is invalid'
    pim.add("POST", TOKEN_PATH, httpx.Response(422, json={"code": 422, "message": message}))
    with pytest.raises(UnprocessableEntityError) as info:
        get_locale(make_client())
    assert "oauth_token" in str(info.value)
    assert "client_id" in str(info.value)


def test_app_token_is_used_as_given_and_never_refreshed(make_client: Any, pim: Any) -> None:
    pim.add("GET", LOCALE_PATH, ok(), httpx.Response(401, json={"code": 401, "message": "revoked"}))
    client = make_client(access_token="app-token-1", client_id=None, secret=None)
    get_locale(client)
    with pytest.raises(AuthenticationError, match="revoked"):
        get_locale(client)
    assert pim.token_bodies == []
    assert {c.headers["authorization"] for c in pim.api_calls()} == {"Bearer app-token-1"}


def test_concurrent_threads_refresh_once(make_client: Any, pim: Any) -> None:
    gate = threading.Event()

    def slow_token(request: httpx.Request) -> httpx.Response:
        gate.wait(2)
        return pim.issue_token(request)

    pim.add("POST", TOKEN_PATH, slow_token)
    pim.add("GET", LOCALE_PATH, ok())
    client = make_client(max_concurrency=8)
    threads = [threading.Thread(target=get_locale, args=(client,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(0.05)  # let every thread reach the token lock
    gate.set()
    for thread in threads:
        thread.join(5)
    assert len(pim.token_bodies) == 1
    assert len(pim.calls("GET", LOCALE_PATH)) == 8


def test_concurrent_401s_in_threads_refresh_once(make_client: Any, pim: Any) -> None:
    barrier = threading.Barrier(4, timeout=5)

    def locale(request: httpx.Request) -> httpx.Response:
        if request.headers["authorization"] == "Bearer tok1":
            barrier.wait()  # all four see the old token rejected together
            return httpx.Response(401, json={"code": 401, "message": "expired"})
        return ok()

    pim.add("GET", LOCALE_PATH, locale)
    client = make_client()
    client.login()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            get_locale(client)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert errors == []
    assert [body["grant_type"] for body in pim.token_bodies] == ["password", "refresh_token"]


def test_concurrent_tasks_refresh_once(make_async_client: Any, pim: Any) -> None:
    async def slow_token(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.01)
        return pim.issue_token(request)

    def handler(request: httpx.Request) -> Any:
        if request.url.path == TOKEN_PATH:
            pim.token_bodies.append(request.read())
            return slow_token(request)
        pim.requests.append(request)
        return ok()

    async def main() -> None:
        async with make_async_client(transport=_AsyncMock(handler)) as client:
            await asyncio.gather(*(get_async(client) for _ in range(10)))

    asyncio.run(main())
    assert len(pim.token_bodies) == 1
    assert len(pim.requests) == 10


def test_async_401_refresh_and_replay(make_async_client: Any, pim: Any) -> None:
    unauthorized = httpx.Response(401, json={"code": 401, "message": "expired"})
    pim.add("GET", LOCALE_PATH, unauthorized, ok())

    async def main() -> Any:
        async with make_async_client() as client:
            return await get_async(client)

    assert asyncio.run(main()) == {"code": "en_US"}
    assert [body["grant_type"] for body in pim.token_bodies] == ["password", "refresh_token"]


async def get_async(client: Any) -> Any:
    return await client.fetch_json(GET_LOCALE, path_params={"code": "en_US"})


class _AsyncMock(httpx.AsyncBaseTransport):
    """A transport whose handler may return a coroutine (for slow async answers)."""

    def __init__(self, handler: Any) -> None:
        self._handler = handler

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        result = self._handler(request)
        if asyncio.iscoroutine(result):
            result = await result
        assert isinstance(result, httpx.Response)
        return result


def test_token_route_errors_do_not_carry_the_request(make_client: Any, pim: Any) -> None:
    pim.add("POST", TOKEN_PATH, httpx.Response(400, json={"code": 400, "message": "bad"}))
    with pytest.raises(Exception) as info:
        make_client().login()
    assert getattr(info.value, "response", "missing") is None
