"""Fault injection on real sockets: every call kind, sync and async, against the hostile server of
`hostile.py` on 127.0.0.1 (no MockTransport). One test per failure class of the failure model
(templates/runtime/FAILURES.md); each runs for every call kind and both flavours."""

from __future__ import annotations

import asyncio
import base64
import gc
import logging
import re
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
from akeneo_runtime_under_test import _errors as errors
from akeneo_runtime_under_test._client import AsyncAPIClient, SyncAPIClient
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._responses import MAX_JSON_BYTES
from akeneo_runtime_under_test._types import RequestOptions
from hostile import (
    TOKEN_PATH,
    HostileServer,
    Seen,
    answer,
    drip,
    drop,
    head,
    stall,
)

SECRET = "s3cr3t-CLIENT-SECRET"
PASSWORD = "pa55-USER-PASSWORD"
BASIC = base64.b64encode(f"client-id:{SECRET}".encode()).decode()

GET_LOCALE = Endpoint("locales_get", "GET", "/api/rest/v1/locales/{code}")
LIST_LOCALES = Endpoint("locales_list", "GET", "/api/rest/v1/locales")
PATCH_CHANNEL = Endpoint("channels_patch", "PATCH", "/api/rest/v1/channels/{code}")
CREATE_CHANNEL = Endpoint("channels_post", "POST", "/api/rest/v1/channels")
DELETE_PRODUCT = Endpoint("products_uuid_delete", "DELETE", "/api/rest/v1/products-uuid/{uuid}")
PATCH_PRODUCTS = Endpoint("products_uuid_patch_list", "PATCH", "/api/rest/v1/products-uuid")
UPLOAD_MEDIA = Endpoint("media_files_post", "POST", "/api/rest/v1/media-files")
DOWNLOAD_MEDIA = Endpoint(
    "media_files_download",
    "GET",
    "/api/rest/v1/media-files/{code}/download",
    keep_slashes=frozenset({"code"}),
)
MEDIA = "/api/rest/v1/media-files"
UUID = "9f2c5ee6-5a1f-4a64-8d6b-7f1f3f2f0a11"


class Kind:
    """One call kind: the route it uses, a good answer, and the call itself (written once; with
    the async client it returns an awaitable)."""

    def __init__(
        self,
        name: str,
        method: str,
        path: str,
        ok: Callable[[], Any],
        call: Callable[..., Any],
    ) -> None:
        self.name = name
        self.method = method
        self.path = path
        self.ok = ok
        self.call = call

    def __repr__(self) -> str:
        return self.name


def _page() -> Any:
    return answer(200, {"_links": {}, "_embedded": {"items": [{"code": "en_US"}]}})


async def _collect(paginator: Any) -> list[Any]:
    return [item async for item in paginator]


def _list(client: Any, options: RequestOptions) -> Any:
    paginator = client.paginate(LIST_LOCALES, item_type=dict, options=options)
    if isinstance(client, AsyncAPIClient):
        return _collect(paginator)
    return list(paginator)


KINDS = [
    Kind(
        "get",
        "GET",
        "/api/rest/v1/locales/en_US",
        lambda: answer(200, {"code": "en_US"}),
        lambda c, o: c.fetch_json(GET_LOCALE, path_params={"code": "en_US"}, options=o),
    ),
    Kind("list", "GET", "/api/rest/v1/locales", _page, _list),
    Kind(
        "write",
        "PATCH",
        "/api/rest/v1/channels/x",
        lambda: answer(204, headers={"Location": "http://127.0.0.1/api/rest/v1/channels/x"}),
        lambda c, o: c.write(PATCH_CHANNEL, path_params={"code": "x"}, json={"a": 1}, options=o),
    ),
    Kind(
        "delete",
        "DELETE",
        f"/api/rest/v1/products-uuid/{UUID}",
        lambda: answer(204),
        lambda c, o: c.delete(DELETE_PRODUCT, path_params={"uuid": UUID}, options=o),
    ),
    Kind(
        "upsert_many",
        "PATCH",
        "/api/rest/v1/products-uuid",
        lambda: answer(
            200,
            body=b'{"line":1,"uuid":"' + UUID.encode() + b'","status_code":204}\n',
            headers={"Content-Type": "application/vnd.akeneo.collection+json"},
        ),
        lambda c, o: c.upsert_many(PATCH_PRODUCTS, [{"uuid": UUID}], key="uuid", options=o),
    ),
    Kind(
        "upload",
        "POST",
        MEDIA,
        lambda: answer(201, headers={"Location": f"http://127.0.0.1{MEDIA}/1/2/abc_a.jpg"}),
        lambda c, o: c.upload(UPLOAD_MEDIA, file=b"jpeg", filename="a.jpg", options=o),
    ),
    Kind(
        "download",
        "GET",
        f"{MEDIA}/1/2/abc_a.jpg/download",
        lambda: answer(200, body=b"jpeg-bytes", headers={"Content-Type": "image/jpeg"}),
        lambda c, o: c.download(DOWNLOAD_MEDIA, path_params={"code": "1/2/abc_a.jpg"}, options=o),
    ),
]
KIND_IDS = [kind.name for kind in KINDS]


class Flavour:
    """Builds sync or async clients on `server` and runs a call kind with them."""

    def __init__(self, mode: str, server: HostileServer) -> None:
        self.mode = mode
        self.server = server

    def settings(self, **changes: Any) -> dict[str, Any]:
        return {
            "base_url": self.server.url,
            "client_id": "client-id",
            "secret": SECRET,
            "username": "julia",
            "password": PASSWORD,
            **changes,
        }

    def run(self, action: Callable[[Any], Any], **changes: Any) -> Any:
        if self.mode == "sync":
            with SyncAPIClient(**self.settings(**changes)) as client:
                return action(client)

        async def main() -> Any:
            async with AsyncAPIClient(**self.settings(**changes)) as client:
                return await action(client)

        return asyncio.run(main())

    def kind(self, kind: Kind, options: RequestOptions | None = None, **changes: Any) -> Any:
        return self.run(lambda client: kind.call(client, options or RequestOptions()), **changes)


def failure_of(kind: Kind, run: Callable[[], Any]) -> errors.AkeneoError:
    """The error a call raised; for upsert_many, the error its report holds for the item (unless
    the call itself failed before sending anything)."""
    if kind.name == "upsert_many":
        try:
            report = run()
        except errors.AkeneoError as exc:
            return exc
        assert len(report.failed) == 1, report
        error = report.failed[0].error
        assert isinstance(error, errors.AkeneoError)
        return error
    with pytest.raises(errors.AkeneoError) as info:
        run()
    return info.value


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer() as hostile:
        yield hostile


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest, server: HostileServer) -> Flavour:
    return Flavour(request.param, server)


@pytest.fixture
def no_waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retry waits recorded instead of slept (tests about what is retried, not about time)."""
    waits: list[float] = []

    def fake_sleep(self: object, seconds: float) -> None:
        waits.append(seconds)

    async def fake_async_sleep(self: object, seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr(SyncAPIClient, "_sleep", fake_sleep)
    monkeypatch.setattr(AsyncAPIClient, "_sleep", fake_async_sleep)
    return waits


# ------------------------------------------------------------------------------------- tokens
@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
@pytest.mark.parametrize("fault", ["503", "500", "drop"])
def test_token_grant_is_retried(
    flavour: Flavour, server: HostileServer, no_waits: list[float], kind: Kind, fault: str
) -> None:
    bad = drop() if fault == "drop" else answer(int(fault), {"message": "busy"})
    server.add("POST", TOKEN_PATH, bad, lambda seen, conn: server.issue_token(seen, conn))
    server.add(kind.method, kind.path, kind.ok())
    flavour.kind(kind)
    assert len(server.calls("POST", TOKEN_PATH)) == 2
    assert len(no_waits) == 1
    assert server.api_calls()[0].headers["authorization"] == "Bearer tok1"


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
def test_refresh_grant_is_retried_after_500(
    flavour: Flavour, server: HostileServer, no_waits: list[float], kind: Kind
) -> None:
    def expiring(seen: Seen, conn: Any) -> None:
        server.issue_token(seen, conn, expires_in=1)  # renewed at once: margin 10%, clock moves

    def issue(seen: Seen, conn: Any) -> None:
        server.issue_token(seen, conn)

    server.add("POST", TOKEN_PATH, expiring, answer(500, {"message": "boom"}), issue)
    server.add(kind.method, kind.path, kind.ok())

    def twice(client: Any) -> Any:
        if isinstance(client, AsyncAPIClient):

            async def both() -> None:
                await client.login()
                await asyncio.sleep(1.0)
                await kind.call(client, RequestOptions())

            return both()
        client.login()
        time.sleep(1.0)
        return kind.call(client, RequestOptions())

    flavour.run(twice)
    grants = [seen.json()["grant_type"] for seen in server.calls("POST", TOKEN_PATH)]
    assert grants == ["password", "refresh_token", "refresh_token"]
    assert server.api_calls()[0].headers["authorization"] == "Bearer tok2"


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
def test_token_lifetime_overflow_is_harmless(
    flavour: Flavour, server: HostileServer, kind: Kind
) -> None:
    huge = 10**400
    server.add("POST", TOKEN_PATH, lambda seen, conn: server.issue_token(seen, conn, huge))
    server.add(kind.method, kind.path, kind.ok())
    flavour.kind(kind)
    assert len(server.calls("POST", TOKEN_PATH)) == 1


def test_upsert_many_survives_a_token_outage(
    flavour: Flavour, server: HostileServer, no_waits: list[float]
) -> None:
    # The issue's case: a refresh failing once in the middle of 1,000 items lost 600 of them.
    items = [{"uuid": f"00000000-0000-0000-0000-{n:012d}"} for n in range(1000)]
    server.check_tokens = True

    def batch(seen: Seen, conn: Any) -> None:
        lines = seen.body.decode().splitlines()
        if len(server.calls("PATCH", "/api/rest/v1/products-uuid")) == 4:
            server.revoke_all()  # the 5th chunk meets a dead token, and the refresh a 503
        out = b"".join(
            b'{"line":%d,"uuid":"%s","status_code":204}\n' % (n + 1, line[9:45].encode())
            for n, line in enumerate(lines)
        )
        answer(200, body=out)(seen, conn)

    def issue(seen: Seen, conn: Any) -> None:
        server.issue_token(seen, conn)

    server.add("POST", TOKEN_PATH, issue, answer(503, {"message": "down"}), issue)
    server.add("PATCH", "/api/rest/v1/products-uuid", batch)
    report = flavour.run(lambda c: c.upsert_many(PATCH_PRODUCTS, items, key="uuid"))
    assert len(report) == 1000 and report.failed == []


@pytest.mark.parametrize("mode", ["threads", "tasks"])
def test_a_revoked_token_is_not_sent_by_queued_requests(server: HostileServer, mode: str) -> None:
    """After a revocation, requests waiting for a slot leave with the renewed token: at most one
    401 per slot, not one per queued request."""
    server.check_tokens = True
    served = {"count": 0}

    def slow(seen: Seen, conn: Any) -> None:
        time.sleep(0.01)
        with server.lock:
            served["count"] += 1
            if served["count"] == 8:
                server.valid_tokens.clear()  # revoked while many requests wait for a slot
        answer(200, {"code": "en_US"})(seen, conn)

    path = "/api/rest/v1/locales/en_US"
    server.add("GET", path, slow)
    callers = 64 if mode == "threads" else 400
    settings = Flavour("sync", server).settings(max_concurrency=4)
    if mode == "threads":
        import concurrent.futures

        with SyncAPIClient(**settings) as client:
            client.login()
            with concurrent.futures.ThreadPoolExecutor(callers) as pool:
                futures = [
                    pool.submit(client.fetch_json, GET_LOCALE, path_params={"code": "en_US"})
                    for _ in range(callers)
                ]
                for future in futures:
                    future.result()
    else:

        async def main() -> None:
            async with AsyncAPIClient(**settings) as client:
                await client.login()
                await asyncio.gather(
                    *(
                        client.fetch_json(GET_LOCALE, path_params={"code": "en_US"})
                        for _ in range(callers)
                    )
                )

        asyncio.run(main())
    refused = [s for s in server.calls("GET", path) if s.headers["authorization"] == "Bearer tok1"]
    answered_with_dead = len(refused) - 8
    # Sent before the first 401 came back: the ones in flight, and those that took a slot freed by
    # an answer of that moment; never the queued mass (56 of 64 before tokens were read in slots).
    assert answered_with_dead <= 2 * 4, answered_with_dead
    assert len(server.calls("POST", TOKEN_PATH)) == 2
    assert server.max_in_flight <= 4


# -------------------------------------------------------------------------------- time budget
@pytest.mark.parametrize("kind", [k for k in KINDS if k.name != "download"], ids=KIND_IDS[:-1])
def test_a_dripping_answer_cannot_outlast_the_timeout(
    flavour: Flavour, server: HostileServer, kind: Kind
) -> None:
    server.add(kind.method, kind.path, drip(200, b'{"code": "en_US"}' + b" " * 40, 0.1))
    started = time.monotonic()
    error = failure_of(kind, lambda: flavour.kind(kind, RequestOptions(timeout=1.0)))
    elapsed = time.monotonic() - started
    assert isinstance(error, errors.APITimeoutError), error
    assert "timeout of 1 s" in str(error)
    # Sync: the deadline is checked between reads (0.1 s apart here); async cancels at once.
    # Generous for a loaded machine: without the deadline this takes over 4 s.
    assert elapsed < 2.5, elapsed


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
def test_a_silent_server_is_bounded_by_the_timeout(
    flavour: Flavour, server: HostileServer, kind: Kind
) -> None:
    server.add(kind.method, kind.path, stall(5))
    started = time.monotonic()
    error = failure_of(kind, lambda: flavour.kind(kind, RequestOptions(timeout=1.0)))
    elapsed = time.monotonic() - started
    assert isinstance(error, errors.APITimeoutError), error
    assert elapsed < 2.5, elapsed  # without the deadline: 5 s or more (retried stalls)


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
def test_retry_after_beyond_the_budget_fails_at_once(
    flavour: Flavour, server: HostileServer, kind: Kind
) -> None:
    limited = answer(429, {"message": "later"}, headers={"Retry-After": "1000000000"})
    server.add(kind.method, kind.path, limited)
    started = time.monotonic()
    error = failure_of(kind, lambda: flavour.kind(kind, RequestOptions(timeout=2.0)))
    assert time.monotonic() - started < 2.0  # not the 60 s or 30 s asked
    assert isinstance(error, errors.RateLimitError), error
    assert "asked to wait 1e+09 s" in str(error)
    assert len(server.calls(kind.method, kind.path)) == 1


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
def test_retry_after_within_the_cap_but_beyond_the_deadline(
    flavour: Flavour, server: HostileServer, kind: Kind
) -> None:
    limited = answer(429, {"message": "later"}, headers={"Retry-After": "30"})
    server.add(kind.method, kind.path, limited)
    started = time.monotonic()
    error = failure_of(kind, lambda: flavour.kind(kind, RequestOptions(timeout=5.0)))
    assert time.monotonic() - started < 2.0  # not the 60 s or 30 s asked
    assert isinstance(error, errors.RateLimitError), error
    assert "beyond the" in str(error) and "timeout of 5 s" in str(error)


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
@pytest.mark.parametrize("value", ["x\r\nX-Injected: 1", "x\nY", "caf\u00e9"])
def test_bad_header_values_fail_at_once(
    flavour: Flavour, server: HostileServer, no_waits: list[float], kind: Kind, value: str
) -> None:
    server.add(kind.method, kind.path, kind.ok())
    options = RequestOptions(extra_headers={"X-Trace": value})
    error = failure_of(kind, lambda: flavour.kind(kind, options))
    assert isinstance(error, errors.InvalidRequestError), error
    assert "X-Trace" in str(error)
    assert server.api_calls() == [] and no_waits == []


# -------------------------------------------------------------------------------------- secrets
def _all_secrets(server: HostileServer) -> list[str]:
    tokens = [f"tok{n}" for n in range(1, server.issued + 1)]
    return [SECRET, PASSWORD, BASIC, *tokens, *(f"ref{n}" for n in range(1, server.issued + 1))]


def _echo(status: int) -> Any:
    def behave(seen: Seen, conn: Any) -> None:
        text = f"{seen.headers.get('authorization')} {seen.body.decode(errors='replace')}"
        answer(status, {"message": f"bad request: {text}", "echo": [text]})(seen, conn)

    return behave


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
@pytest.mark.parametrize("route", ["token", "api"])
def test_echoed_secrets_are_scrubbed(
    flavour: Flavour,
    server: HostileServer,
    caplog: pytest.LogCaptureFixture,
    kind: Kind,
    route: str,
) -> None:
    caplog.set_level(logging.DEBUG, logger="akeneo_pim")
    if route == "token":
        server.add("POST", TOKEN_PATH, _echo(422))
    else:
        server.add(kind.method, kind.path, _echo(422))
    error = failure_of(kind, lambda: flavour.kind(kind, max_retries=0))
    assert isinstance(error, errors.APIStatusError) and error.status_code == 422
    echoed = server.calls()[-1]
    assert PASSWORD in echoed.body.decode() or "Bearer tok1" in echoed.headers["authorization"]
    texts = [str(error), repr(error), repr(error.body), repr(error.headers), caplog.text]
    if error.response is not None:
        texts.append(error.response.text)
    joined = "\n".join(texts)
    for secret in _all_secrets(server):
        assert secret not in joined, secret
    assert "**********" in str(error)


def _frame_values(error: BaseException) -> Iterator[str]:
    """What an error reporter (sentry-sdk) records of each frame: every local's repr, and str and
    dict values as they are."""
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None:
            continue
        tb = current.__traceback__
        while tb is not None:
            for value in tb.tb_frame.f_locals.values():
                yield repr(value)
                if isinstance(value, dict):
                    yield repr(list(value.items()))
            tb = tb.tb_next
        pending += [current.__cause__, current.__context__]


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
@pytest.mark.parametrize("fault", ["drop", "silence"])
def test_no_token_in_frame_locals_when_an_api_call_fails(
    flavour: Flavour, server: HostileServer, kind: Kind, fault: str
) -> None:
    """The httpx and httpcore errors an API call chains keep their type, text and redacted
    request, not their frames: those hold the request's headers, the Bearer token among them."""
    server.add("POST", TOKEN_PATH, lambda seen, conn: server.issue_token(seen, conn))
    server.add(kind.method, kind.path, drop() if fault == "drop" else stall(5))
    options = RequestOptions(timeout=0.5) if fault == "silence" else None
    error = failure_of(kind, lambda: flavour.kind(kind, options, max_retries=0))
    assert isinstance(error, errors.APIConnectionError), error
    joined = "\n".join(_frame_values(error))
    assert not re.search(r"tok\d", joined), re.findall(r".{60}tok\d.{20}", joined)[:3]


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
@pytest.mark.parametrize("fault", ["status", "drop"])
def test_no_secret_in_frame_locals_when_the_token_call_fails(
    flavour: Flavour, server: HostileServer, kind: Kind, fault: str
) -> None:
    bad = drop() if fault == "drop" else answer(503, {"message": "down"})
    server.add("POST", TOKEN_PATH, bad)
    error = failure_of(kind, lambda: flavour.kind(kind, max_retries=0))
    assert isinstance(error, errors.APIError)
    joined = "\n".join(_frame_values(error))
    for secret in (SECRET, PASSWORD, BASIC):
        assert secret not in joined, secret


def test_prepared_call_repr_is_masked(server: HostileServer) -> None:
    from akeneo_runtime_under_test._auth import TokenGrant

    with SyncAPIClient(**Flavour("sync", server).settings()) as client:
        assert client._credentials is not None
        grant: TokenGrant = client._credentials.password_grant()
        call = client._token_call(grant)
        for text in (repr(call), str(call), repr(grant), repr(client._auth)):
            for secret in (SECRET, PASSWORD, BASIC):
                assert secret not in text


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
@pytest.mark.parametrize("route", ["token", "api"])
def test_redirects_are_never_followed(
    flavour: Flavour, server: HostileServer, kind: Kind, route: str
) -> None:
    with HostileServer() as elsewhere:
        moved = answer(307, headers={"Location": f"{elsewhere.url}/steal"})
        if route == "token":
            server.add("POST", TOKEN_PATH, moved)
        else:
            server.add(kind.method, kind.path, moved)
        http: Any = (
            httpx.Client(follow_redirects=True)
            if flavour.mode == "sync"
            else httpx.AsyncClient(follow_redirects=True)
        )
        error = failure_of(kind, lambda: flavour.kind(kind, http_client=http))
        assert isinstance(error, errors.APIStatusError) and error.status_code == 307
        assert elsewhere.calls() == []


# -------------------------------------------------------------------------- bounded inflation
@cache
def _bomb_body(inflated: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    piece = b"0" * (1 << 20)
    parts = [packer.compress(b'"')]
    for _ in range(inflated >> 20):
        parts.append(packer.compress(piece))
    parts.append(packer.compress(b'"') + packer.flush())
    return b"".join(parts)


def _bomb(status: int = 200) -> Any:
    body = _bomb_body(MAX_JSON_BYTES + (16 << 20))
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    return answer(status, body=body, headers=headers)


@pytest.mark.parametrize("kind", [k for k in KINDS if k.name != "download"], ids=KIND_IDS[:-1])
def test_a_gzip_bomb_is_refused_within_the_bound(
    flavour: Flavour, server: HostileServer, kind: Kind
) -> None:
    server.add(kind.method, kind.path, _bomb(200 if kind.name in ("get", "list") else 500))
    gc.collect()
    tracemalloc.start()
    try:
        error = failure_of(kind, lambda: flavour.kind(kind, max_retries=0))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(error, errors.ResponseTooLargeError), error
    assert peak < MAX_JSON_BYTES + (8 << 20), peak


def test_a_compressed_download_is_inflated_in_bounded_pieces(
    flavour: Flavour, server: HostileServer, tmp_path: Path
) -> None:
    inflated = 96 << 20
    body = _bomb_body(inflated)
    headers = {"Content-Type": "application/octet-stream", "Content-Encoding": "gzip"}
    path = f"{MEDIA}/1/2/abc_a.bin/download"
    server.add("GET", path, answer(200, body=body, headers=headers))
    gc.collect()
    tracemalloc.start()
    try:
        result = flavour.run(
            lambda c: c.download(DOWNLOAD_MEDIA, path_params={"code": "1/2/abc_a.bin"}, to=tmp_path)
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.size == inflated + 2 and result.path.stat().st_size == inflated + 2
    assert peak < len(body) + (4 << 20), peak  # the compressed body is in the server's memory


@pytest.mark.parametrize("encoding", ["br", "gzip, gzip", "gzip"])
def test_undecodable_bodies_are_unexpected_responses(
    flavour: Flavour, server: HostileServer, encoding: str
) -> None:
    kind = KINDS[0]
    headers = {"Content-Type": "application/json", "Content-Encoding": encoding}
    server.add(kind.method, kind.path, answer(200, body=b"not compressed", headers=headers))
    error = failure_of(kind, lambda: flavour.kind(kind))
    assert isinstance(error, errors.UnexpectedResponseError), error


# ----------------------------------------------------------------- confirmed writes, file names
@pytest.mark.parametrize("location", ["http://127.0.0.1:abc/x", "http://[::1/x"])
def test_a_created_write_with_a_bad_location_is_a_success(
    flavour: Flavour, server: HostileServer, location: str
) -> None:
    server.add("POST", "/api/rest/v1/channels", answer(201, headers={"Location": location}))
    result = flavour.run(lambda c: c.write(CREATE_CHANNEL, json={"code": "web"}))
    assert result.created and result.code is None and result.location == location


@pytest.mark.parametrize(
    "location", ["http://127.0.0.1:abc/x", "http://127.0.0.1/api/rest/v1/products/abc", ""]
)
def test_an_upload_with_an_unreadable_location_says_it_succeeded(
    flavour: Flavour, server: HostileServer, location: str
) -> None:
    server.add("POST", MEDIA, answer(201, headers={"Location": location} if location else {}))
    kind = next(k for k in KINDS if k.name == "upload")
    error = failure_of(kind, lambda: flavour.kind(kind))
    assert isinstance(error, errors.UnreadableLocationError), error
    assert error.status_code == 201 and "succeeded" in str(error)


@pytest.mark.parametrize("name", [".", "..", "a\tb", "../../etc/passwd"])
def test_hostile_download_names_stay_in_the_directory(
    flavour: Flavour, server: HostileServer, tmp_path: Path, name: str
) -> None:
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    path = f"{MEDIA}/1/2/abc_a.jpg/download"
    server.add("GET", path, answer(200, body=b"jpeg", headers=headers))
    target = tmp_path / "in"
    target.mkdir()
    result = flavour.run(
        lambda c: c.download(DOWNLOAD_MEDIA, path_params={"code": "1/2/abc_a.jpg"}, to=target)
    )
    assert result.path.parent == target and result.path.read_bytes() == b"jpeg"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_a_download_that_cannot_be_written_is_an_akeneo_error(
    flavour: Flavour, server: HostileServer, tmp_path: Path
) -> None:
    path = f"{MEDIA}/1/2/abc_a.jpg/download"
    server.add("GET", path, answer(200, body=b"jpeg"))
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(errors.DownloadError) as info:
        flavour.run(
            lambda c: c.download(
                DOWNLOAD_MEDIA, path_params={"code": "1/2/abc_a.jpg"}, to=blocker / "x.jpg"
            )
        )
    assert isinstance(info.value, OSError) and "cannot save" in str(info.value)


# --------------------------------------------------------------------- bodies of unusual shape
def test_an_http10_body_ending_at_close_is_read(flavour: Flavour, server: HostileServer) -> None:
    def close_delimited(seen: Seen, conn: Any) -> None:
        conn.send(head(200, {"Content-Type": "application/json", "Connection": "close"}))
        conn.send(b'{"code": "en_US"}')
        conn.close()

    kind = KINDS[0]
    server.add(kind.method, kind.path, close_delimited)
    assert flavour.kind(kind) == {"code": "en_US"}


def test_a_truncated_body_is_a_connection_error(
    flavour: Flavour, server: HostileServer, no_waits: list[float]
) -> None:
    def truncated(seen: Seen, conn: Any) -> None:
        conn.send(head(200, {"Content-Type": "application/json", "Content-Length": "100"}))
        conn.send(b'{"code"')
        conn.close()

    kind = KINDS[0]
    server.add(kind.method, kind.path, truncated, kind.ok())
    assert flavour.kind(kind) == {"code": "en_US"}  # a GET: retried
    assert len(no_waits) == 1


def test_json_with_a_wrong_content_type_is_still_json(
    flavour: Flavour, server: HostileServer
) -> None:
    kind = KINDS[0]
    server.add(
        kind.method,
        kind.path,
        answer(200, body=b'{"code":"en_US"}', headers={"Content-Type": "text/html"}),
    )
    assert flavour.kind(kind) == {"code": "en_US"}


@pytest.mark.parametrize("body", [b"<html>oops</html>", b"[" * 100_000])
def test_a_success_that_is_not_json_is_an_unexpected_response(
    flavour: Flavour, server: HostileServer, body: bytes
) -> None:
    kind = KINDS[0]
    server.add(
        kind.method, kind.path, answer(200, body=body, headers={"Content-Type": "application/json"})
    )
    error = failure_of(kind, lambda: flavour.kind(kind))
    assert isinstance(error, errors.UnexpectedResponseError), error


def test_garbage_instead_of_http_is_a_connection_error(
    flavour: Flavour, server: HostileServer, no_waits: list[float]
) -> None:
    def garbage(seen: Seen, conn: Any) -> None:
        conn.send(b"\x00\xffnot http at all\r\n\r\n")
        conn.close()

    kind = KINDS[0]
    server.add(kind.method, kind.path, garbage)
    error = failure_of(kind, lambda: flavour.kind(kind, max_retries=1))
    assert isinstance(error, errors.APIConnectionError), error


def test_nothing_listening_is_a_connection_error(flavour: Flavour, no_waits: list[float]) -> None:
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    kind = KINDS[0]
    with pytest.raises(errors.APIConnectionError):
        flavour.kind(kind, base_url=f"http://127.0.0.1:{port}", max_retries=1)
    assert len(no_waits) == 1  # the token grant was retried once, then the call failed


# ------------------------------------------------------------------------------- cancellation
@pytest.mark.parametrize("where", ["token", "slot", "download"])
def test_a_cancelled_call_releases_everything(
    server: HostileServer, tmp_path: Path, where: str
) -> None:
    """Cancel an async call mid-way (token refresh, request holding the only slot, download
    body): the next call on the same client gets the lock, the slot and a clean directory."""
    kind = KINDS[0]
    path = f"{MEDIA}/1/2/abc_a.jpg/download"
    if where == "token":
        server.add("POST", TOKEN_PATH, stall(3), lambda s, c: server.issue_token(s, c))
    elif where == "slot":
        server.add(kind.method, kind.path, stall(3), kind.ok())
    else:
        server.add("GET", path, drip(200, b"x" * 100, 0.05), answer(200, body=b"jpeg"))
    server.add(kind.method, kind.path, kind.ok())

    async def main() -> None:
        settings = Flavour("async", server).settings(max_concurrency=1, timeout=None)
        async with AsyncAPIClient(**settings) as client:
            if where == "download":
                first = client.download(
                    DOWNLOAD_MEDIA, path_params={"code": "1/2/abc_a.jpg"}, to=tmp_path
                )
            else:
                first = kind.call(client, RequestOptions())
            task = asyncio.ensure_future(first)
            await asyncio.sleep(0.5)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            if where == "download":
                assert list(tmp_path.iterdir()) == []
                again = await client.download(
                    DOWNLOAD_MEDIA, path_params={"code": "1/2/abc_a.jpg"}, to=tmp_path
                )
                assert again.path is not None and again.path.read_bytes() == b"jpeg"
            else:
                result = await asyncio.wait_for(kind.call(client, RequestOptions()), 2.5)
                assert result == {"code": "en_US"}

    asyncio.run(main())


def test_a_missing_file_to_upload_is_an_akeneo_error(flavour: Flavour, tmp_path: Path) -> None:
    missing = tmp_path / "nope.jpg"
    with pytest.raises(errors.FileToUploadNotFoundError) as info:
        flavour.run(lambda c: c.upload(UPLOAD_MEDIA, file=missing))
    assert isinstance(info.value, FileNotFoundError) and "nope.jpg" in str(info.value)


def test_plain_word_credentials_do_not_garble_messages() -> None:
    from akeneo_runtime_under_test._secrets import Secret, SecretScrubber

    scrubber = SecretScrubber([Secret("password"), Secret("s3cr3t-CLIENT-SECRET")])
    scrubber.add_token(Secret("tok1"))
    text = 'the password is required (got "s3cr3t-CLIENT-SECRET", token tok1)'
    assert (
        scrubber.scrub_text(text) == 'the password is required (got "**********", token **********)'
    )
