"""The per-client concurrency limit, logging, and secrets kept out of logs, reprs and errors."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import threading
import time
import traceback
from typing import Any

import httpx
import pytest
from akeneo_runtime_under_test._client import SyncAPIClient
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._errors import (
    AkeneoError,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
)

GET_LOCALE = Endpoint("locales_get", "GET", "/api/rest/v1/locales/{code}")
SECRETS = ["s3cr3t-CLIENT-SECRET", "pa55-USER-PASSWORD", "tok1", "ref1", "tok2", "ref2"]


class InFlight:
    def __init__(self) -> None:
        self.current = 0
        self.peak = 0
        self.lock = threading.Lock()

    def enter(self) -> None:
        with self.lock:
            self.current += 1
            self.peak = max(self.peak, self.current)

    def leave(self) -> None:
        with self.lock:
            self.current -= 1


@pytest.mark.parametrize("limit", [4, 2])
def test_threads_share_the_limit(make_client: Any, pim: Any, limit: int) -> None:
    flight = InFlight()

    def slow(request: httpx.Request) -> httpx.Response:
        flight.enter()
        time.sleep(0.02)  # hold the slot so that the others pile up
        flight.leave()
        return httpx.Response(200, json={})

    pim.add("GET", "/api/rest/v1/locales/en_US", slow)
    kwargs = {} if limit == 4 else {"max_concurrency": limit}
    client = make_client(**kwargs)
    client.login()
    threads = [
        threading.Thread(
            target=client.fetch_json, args=(GET_LOCALE,), kwargs={"path_params": {"code": "en_US"}}
        )
        for _ in range(12)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert flight.peak == limit
    assert len(pim.calls("GET", "/api/rest/v1/locales/en_US")) == 12


def test_derived_clients_share_the_limit(make_client: Any, pim: Any) -> None:
    flight = InFlight()

    def slow(request: httpx.Request) -> httpx.Response:
        flight.enter()
        time.sleep(0.02)
        flight.leave()
        return httpx.Response(200, json={})

    pim.add("GET", "/api/rest/v1/locales/en_US", slow)
    client = make_client(max_concurrency=2)
    clients = [client, client.with_options(timeout=5.0)]
    client.login()
    threads = [
        threading.Thread(
            target=clients[n % 2].fetch_json,
            args=(GET_LOCALE,),
            kwargs={"path_params": {"code": "en_US"}},
        )
        for n in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert flight.peak == 2


def test_tasks_share_the_limit(make_async_client: Any, pim: Any) -> None:
    flight = InFlight()

    async def slow(request: httpx.Request) -> httpx.Response:
        flight.enter()
        await asyncio.sleep(0.01)
        flight.leave()
        return httpx.Response(200, json={})

    def handler(request: httpx.Request) -> Any:
        if request.url.path == "/api/oauth/v1/token":
            return pim.issue_token(request)
        return slow(request)

    async def main() -> None:
        async with make_async_client(transport=httpx.MockTransport(handler)) as client:
            await asyncio.gather(
                *(client.fetch_json(GET_LOCALE, path_params={"code": "en_US"}) for _ in range(15))
            )

    asyncio.run(main())
    assert flight.peak == 4


def test_debug_log_names_method_url_status_duration(
    make_client: Any, pim: Any, caplog: pytest.LogCaptureFixture
) -> None:
    pim.add("GET", "/api/rest/v1/locales/en_US", httpx.Response(200, json={}))
    with caplog.at_level(logging.DEBUG, logger="akeneo_pim"):
        make_client().fetch_json(GET_LOCALE, path_params={"code": "en_US"})
    messages = [r.getMessage() for r in caplog.records if r.name == "akeneo_pim"]
    assert any(
        m.startswith("GET https://pim.example.com/api/rest/v1/locales/en_US -> 200 in ")
        and m.endswith("s (locales_get)")
        for m in messages
    )
    assert any(
        m.startswith("POST https://pim.example.com/api/oauth/v1/token -> 200") for m in messages
    )


def test_secrets_never_leak(
    make_client: Any, pim: Any, caplog: pytest.LogCaptureFixture, sleeps: list[float]
) -> None:
    refused = httpx.Response(422, json={"code": 422, "message": "Refresh token is invalid"})
    pim.add("POST", "/api/oauth/v1/token", pim.issue_token, refused, pim.issue_token)
    unauthorized = httpx.Response(401, json={"code": 401, "message": "expired"})
    boom = httpx.Response(500, json={"code": 500, "message": "boom"})
    pim.add("GET", "/api/rest/v1/locales/en_US", httpx.Response(200, json={}), unauthorized, boom)
    texts: list[str] = []
    with caplog.at_level(logging.DEBUG):
        client = make_client(max_retries=1)
        client.fetch_json(GET_LOCALE, path_params={"code": "en_US"})
        try:
            client.fetch_json(GET_LOCALE, path_params={"code": "en_US"})
        except AkeneoError as exc:
            texts += [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
            texts += [repr(exc.__dict__)]
        else:  # pragma: no cover
            pytest.fail("expected an error")
    assert [b["grant_type"] for b in pim.token_bodies] == ["password", "refresh_token", "password"]
    texts += [repr(client), str(client), repr(client._auth), repr(client._credentials)]
    texts += [repr(client.__dict__), repr(client._auth.__dict__)]
    texts += [record.getMessage() for record in caplog.records]
    texts += [caplog.text]
    derived = client.with_options(timeout=1)
    texts += [repr(derived)]
    joined = "\n".join(texts)
    for secret in SECRETS:
        assert secret not in joined, secret
    assert "pim.example.com" in joined  # the texts are not empty


def test_app_token_never_in_repr(make_client: Any) -> None:
    client = make_client(access_token="APP-TOKEN-123")
    assert "APP-TOKEN-123" not in repr(client)
    assert "APP-TOKEN-123" not in repr(client.__dict__)
    assert "auth=app-token" in repr(client)


def test_basic_header_not_in_token_errors(make_client: Any, pim: Any) -> None:
    pim.add("POST", "/api/oauth/v1/token", httpx.Response(400, json={"message": "bad"}))
    with pytest.raises(AkeneoError) as info:
        make_client().login()
    text = (
        str(info.value)
        + repr(info.value.__dict__)
        + "".join(traceback.format_exception(info.value))
    )
    import base64

    basic = base64.b64encode(b"client-id:s3cr3t-CLIENT-SECRET").decode()
    assert basic not in text and "s3cr3t" not in text


def test_close_owned_pool_only() -> None:
    external = httpx.Client()
    client = SyncAPIClient(
        base_url="https://pim.example.com", access_token="t", http_client=external
    )
    client.close()
    assert not external.is_closed
    external.close()


# --------------------------------------------- secrets reachable from raised errors (Sentry & co)
BASIC = base64.b64encode(b"client-id:s3cr3t-CLIENT-SECRET").decode()


def _request_texts(request: httpx.Request) -> list[str]:
    # Not repr(request.headers): httpx masks Authorization there, error reporters may not.
    texts = [repr(request.headers.multi_items()), str(request.url)]
    with contextlib.suppress(httpx.RequestNotRead):
        texts.append(request.content.decode(errors="replace"))
    return texts


def reachable_texts(error: BaseException) -> list[str]:
    """What an error reporter can reach from `error`: the messages, attributes and frame locals of
    every exception in the __cause__/__context__ chain, and the requests they keep."""
    texts = ["".join(traceback.format_exception(error))]
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        texts += [str(current), repr(current), repr(getattr(current, "__dict__", {}))]
        tb = current.__traceback__
        while tb is not None:  # frame locals, as sentry-sdk records them by default
            texts += [repr(value) for value in tb.tb_frame.f_locals.values()]
            tb = tb.tb_next
        response = getattr(current, "response", None)
        if isinstance(response, httpx.Response):
            texts += _request_texts(response.request)
        if isinstance(current, httpx.RequestError):
            with contextlib.suppress(RuntimeError):
                texts += _request_texts(current.request)
        pending += [current.__cause__, current.__context__]
    return texts


def _failing(failure: str) -> Any:
    def fail(request: httpx.Request) -> httpx.Response:
        request.read()
        if failure == "status":
            return httpx.Response(500, json={"code": 500, "message": "boom"})
        if failure == "connection":
            raise httpx.ConnectError("refused")
        raise httpx.ReadTimeout("slow")

    return fail


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("failure", ["status", "connection", "timeout"])
@pytest.mark.parametrize("call", ["token", "normal"])
def test_no_secret_reachable_from_raised_errors(
    make_client: Any, make_async_client: Any, pim: Any, call: str, failure: str, mode: str
) -> None:
    path = "/api/oauth/v1/token" if call == "token" else "/api/rest/v1/locales/en_US"
    pim.add("POST" if call == "token" else "GET", path, _failing(failure))
    if mode == "sync":
        with pytest.raises(AkeneoError) as info:
            make_client(max_retries=0).fetch_json(GET_LOCALE, path_params={"code": "en_US"})
    else:

        async def main() -> None:
            async with make_async_client(max_retries=0) as client:
                await client.fetch_json(GET_LOCALE, path_params={"code": "en_US"})

        with pytest.raises(AkeneoError) as info:
            asyncio.run(main())
    error = info.value
    expected = {
        "status": APIStatusError,
        "connection": APIConnectionError,
        "timeout": APITimeoutError,
    }[failure]
    assert isinstance(error, expected) and path in str(error)
    texts = reachable_texts(error)
    joined = "\n".join(texts)
    for secret in [*SECRETS, BASIC]:
        assert secret not in joined, secret
    if call == "normal":
        # The evidence is kept, only the credentials are blanked.
        if failure == "status":
            assert isinstance(error, APIStatusError) and error.response is not None
            assert error.response.request.headers["authorization"] == "[redacted]"
        else:
            assert isinstance(error.__cause__, httpx.TransportError)
            assert error.__cause__.request.headers["authorization"] == "[redacted]"
        assert pim.api_calls()[0].headers["authorization"] == "Bearer tok1"  # the sent one
    else:
        assert error.__cause__ is None and error.__context__ is None
        assert getattr(error, "response", None) is None
