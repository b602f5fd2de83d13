"""`make soak`: mixed calls from 64 threads (one blocking client) and 500 tasks (one async client)
against the hostile server of tests/runtime/hostile.py, which revokes tokens, answers 429 and 5xx,
drops connections, drips bodies and echoes secrets.

Usage, from the project root:
    PYTHONPATH=generated:tests/runtime python -m bench.soak [--seconds 600] [results.md]

Asserted at the end (exit status 1 otherwise), and written to its own section of the results file:
0 lost batch items, 0 secrets in logs and errors, 0 errors that are not AkeneoError, at most
`max_concurrency` requests in flight per client, and memory flat (RSS growth after warm-up).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import logging
import random
import re
import sys
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
from akeneo_pim._client import AsyncAPIClient, SyncAPIClient
from akeneo_pim._endpoint import Endpoint
from akeneo_pim._errors import AkeneoError
from akeneo_pim._types import RequestOptions
from hostile import TOKEN_PATH, HostileServer, Seen, answer, drip, drop

from bench.results import write_section

SECRET = "soak-CLIENT-SECRET-4711"
PASSWORD = "soak-USER-PASSWORD-0815"
BASIC = base64.b64encode(f"soak-client:{SECRET}".encode()).decode()
MAX_CONCURRENCY = 4
THREADS = 64
TASKS = 500
BATCH = 250  # items per upsert_many: 3 requests

GET = Endpoint("locales_get", "GET", "/api/rest/v1/locales/{code}")
LIST = Endpoint("locales_list", "GET", "/api/rest/v1/locales")
PATCH = Endpoint("channels_patch", "PATCH", "/api/rest/v1/channels/{code}")
DELETE = Endpoint("products_uuid_delete", "DELETE", "/api/rest/v1/products-uuid/{uuid}")
UPSERT = Endpoint("products_uuid_patch_list", "PATCH", "/api/rest/v1/products-uuid")
UPLOAD = Endpoint("media_files_post", "POST", "/api/rest/v1/media-files")
DOWNLOAD = Endpoint(
    "media_files_download",
    "GET",
    "/api/rest/v1/media-files/{code}/download",
    keep_slashes=frozenset({"code"}),
)
UUID = "9f2c5ee6-5a1f-4a64-8d6b-7f1f3f2f0a11"
TOKEN = re.compile(r"\b(tok|ref)\d+\b")
START = "<!-- soak:start -->"
END = "<!-- soak:end -->"


class Faults:
    """Wraps a good behaviour: some requests meet a 429, a 503, a drop, a drip or an echo."""

    def __init__(self, server: HostileServer) -> None:
        self.server = server
        self.rng = random.Random(11)
        self.lock = threading.Lock()
        self.injected: Counter[str] = Counter()

    def pick(self, allowed: frozenset[str] = frozenset({"429", "503", "drop"})) -> str:
        with self.lock:
            roll = self.rng.random()
        for name, share in (
            ("429", 0.04),
            ("503", 0.04),
            ("drop", 0.03),
            ("drip", 0.02),
            ("echo", 0.01),
        ):
            if roll < share:
                return name if name in allowed else "ok"
            roll -= share
        return "ok"

    def wrap(self, good: Any, *extra: str) -> Any:
        """`good`, or a fault: 429, 503 and drops everywhere; drips and echoes where asked (a
        batch answered by a drip or a 422 would lose its items by design, not by a bug)."""
        allowed = frozenset({"429", "503", "drop", *extra})

        def behave(seen: Seen, conn: Any) -> None:
            fault = self.pick(allowed)
            with self.lock:
                self.injected[fault] += 1
            if fault == "429":
                answer(429, {"message": "slow down"}, headers={"Retry-After": "0.05"})(seen, conn)
            elif fault == "503":
                answer(503, {"message": "maintenance"})(seen, conn)
            elif fault == "drop":
                drop()(seen, conn)
            elif fault == "drip":
                drip(200, b'{"code":"en_US"}' + b" " * 10, 0.02)(seen, conn)
            elif fault == "echo":
                echoed = f"{seen.headers.get('authorization')} {SECRET} {PASSWORD}"
                answer(422, {"message": f"invalid: {echoed}"})(seen, conn)
            else:
                good(seen, conn)

        return behave


def batch_answer(seen: Seen, conn: Any) -> None:
    lines = seen.body.decode().splitlines()
    out = b"".join(
        b'{"line":%d,"uuid":"%s","status_code":204}\n' % (n + 1, line[9:45].encode())
        for n, line in enumerate(lines)
    )
    answer(200, body=out)(seen, conn)


def page(seen: Seen, conn: Any) -> None:
    """Two pages: the first links to the second."""
    links: dict[str, Any] = {}
    if "page=2" not in seen.target:
        links["next"] = {"href": f"http://{seen.headers['host']}/api/rest/v1/locales?page=2"}
    answer(200, {"_links": links, "_embedded": {"items": [{"code": "en_US"}]}})(seen, conn)


def install(server: HostileServer, faults: Faults) -> None:
    server.check_tokens = True
    server.add(
        "GET",
        "/api/rest/v1/locales/en_US",
        faults.wrap(answer(200, {"code": "en_US"}), "drip", "echo"),
    )
    server.add("GET", "/api/rest/v1/locales", faults.wrap(page))
    server.add("PATCH", "/api/rest/v1/channels/x", faults.wrap(answer(204), "echo"))
    server.add("DELETE", f"/api/rest/v1/products-uuid/{UUID}", faults.wrap(answer(204)))
    server.add("PATCH", "/api/rest/v1/products-uuid", faults.wrap(batch_answer))
    location = {"Location": "http://127.0.0.1/api/rest/v1/media-files/1/2/abc_a.jpg"}
    server.add("POST", "/api/rest/v1/media-files", faults.wrap(answer(201, headers=location)))
    server.add(
        "GET",
        "/api/rest/v1/media-files/1/2/abc_a.jpg/download",
        faults.wrap(answer(200, body=b"x" * 20_000, headers={"Content-Type": "image/jpeg"})),
    )

    def token(seen: Seen, conn: Any) -> None:
        roll = faults.pick()
        if roll in ("503", "drop"):
            with faults.lock:
                faults.injected[f"token-{roll}"] += 1
            (drop() if roll == "drop" else answer(503, {"message": "down"}))(seen, conn)
            return
        server.issue_token(seen, conn)

    server.add("POST", TOKEN_PATH, token)


class Tally:
    """What the callers saw."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.calls: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.foreign: list[str] = []  # errors that are not AkeneoError
        self.leaks: list[str] = []
        self.items_sent = 0
        self.items_lost = 0

    def check(self, text: str, where: str) -> None:
        for secret in (SECRET, PASSWORD, BASIC):
            if secret in text:
                with self.lock:
                    self.leaks.append(f"{where}: {secret[:6]}...")
        if TOKEN.search(text):  # the server's tokens are tok1, tok2, ... (refresh: ref1, ...)
            with self.lock:
                self.leaks.append(f"{where}: a token")

    def error(self, kind: str, exc: BaseException) -> None:
        self.check(f"{exc!s} {exc!r} {getattr(exc, 'body', '')!r}", f"error of {kind}")
        with self.lock:
            if isinstance(exc, AkeneoError):
                self.errors[f"{kind}: {type(exc).__name__}"] += 1
            else:
                self.foreign.append(f"{kind}: {type(exc).__name__}: {exc}")


class LeakHandler(logging.Handler):
    def __init__(self, tally: Tally) -> None:
        super().__init__(logging.DEBUG)
        self.tally = tally
        self.records = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.records += 1
        self.tally.check(record.getMessage(), "log")


def items() -> list[dict[str, str]]:
    return [{"uuid": f"00000000-0000-0000-0000-{n:012d}"} for n in range(BATCH)]


def one_call(client: Any, kind: str, options: RequestOptions) -> Any:
    if kind == "get":
        return client.fetch_json(GET, path_params={"code": "en_US"}, options=options)
    if kind == "list":
        return client.paginate(LIST, item_type=dict, options=options)
    if kind == "write":
        return client.write(PATCH, path_params={"code": "x"}, json={"a": 1}, options=options)
    if kind == "delete":
        return client.delete(DELETE, path_params={"uuid": UUID}, options=options)
    if kind == "upsert_many":
        return client.upsert_many(UPSERT, items(), key="uuid", options=options)
    if kind == "upload":
        return client.upload(UPLOAD, file=b"jpeg", filename="a.jpg", options=options)
    return client.download(DOWNLOAD, path_params={"code": "1/2/abc_a.jpg"}, options=options)


KINDS = ["get", "get", "list", "write", "delete", "upsert_many", "upload", "download"]


def record_batch(tally: Tally, report: Any) -> None:
    with tally.lock:
        tally.items_sent += BATCH
        tally.items_lost += BATCH - sum(1 for result in report if result.ok)
    for failed in report.failed:
        if failed.error is not None:
            tally.error("upsert_many item", failed.error)


def thread_worker(client: SyncAPIClient, tally: Tally, stop: float, seed: int) -> None:
    rng = random.Random(seed)
    options = RequestOptions(extra_headers={"X-Soak-Client": "sync"})
    while time.monotonic() < stop:
        kind = rng.choice(KINDS)
        try:
            result = one_call(client, kind, options)
            if kind == "list":
                result = list(result)
            if kind == "upsert_many":
                record_batch(tally, result)
        except BaseException as exc:
            tally.error(kind, exc)
        with tally.lock:
            tally.calls[kind] += 1


async def task_worker(client: AsyncAPIClient, tally: Tally, stop: float, seed: int) -> None:
    rng = random.Random(seed)
    options = RequestOptions(extra_headers={"X-Soak-Client": "async"})
    while time.monotonic() < stop:
        kind = rng.choice(KINDS)
        try:
            result = one_call(client, kind, options)
            if kind == "list":
                result = [item async for item in result]
            else:
                result = await result
            if kind == "upsert_many":
                record_batch(tally, result)
        except Exception as exc:
            tally.error(kind, exc)
        with tally.lock:
            tally.calls[f"async {kind}"] += 1


class InFlight:
    """Requests of one client between leaving and their answer being closed, seen from the
    client's side (the server's view overlaps an answer's last byte with the next request)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0

    def enter(self) -> None:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def leave(self) -> None:
        with self.lock:
            self.now -= 1


class _ClosingStream(httpx.SyncByteStream):
    def __init__(self, inner: Any, done: Callable[[], None]) -> None:
        self.inner, self.done, self.closed = inner, done, False

    def __iter__(self) -> Iterator[bytes]:
        yield from self.inner

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.inner.close()
            self.done()


class _AsyncClosingStream(httpx.AsyncByteStream):
    def __init__(self, inner: Any, done: Callable[[], None]) -> None:
        self.inner, self.done, self.closed = inner, done, False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self.inner:
            yield chunk

    async def aclose(self) -> None:
        if not self.closed:
            self.closed = True
            await self.inner.aclose()
            self.done()


class CountingTransport(httpx.HTTPTransport):
    def __init__(self, counter: InFlight) -> None:
        super().__init__()
        self.counter = counter

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.counter.enter()
        try:
            response = super().handle_request(request)
        except BaseException:
            self.counter.leave()
            raise
        response.stream = _ClosingStream(response.stream, self.counter.leave)
        return response


class AsyncCountingTransport(httpx.AsyncHTTPTransport):
    def __init__(self, counter: InFlight) -> None:
        super().__init__()
        self.counter = counter

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.counter.enter()
        try:
            response = await super().handle_async_request(request)
        except BaseException:
            self.counter.leave()
            raise
        response.stream = _AsyncClosingStream(response.stream, self.counter.leave)
        return response


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(seconds: float) -> tuple[list[str], bool]:
    server = HostileServer(record=False)
    faults = Faults(server)
    install(server, faults)
    tally = Tally()
    logger = logging.getLogger("akeneo_pim")
    handler = LeakHandler(tally)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    settings = {
        "base_url": server.url,
        "client_id": "soak-client",
        "secret": SECRET,
        "username": "soak",
        "password": PASSWORD,
        "max_concurrency": MAX_CONCURRENCY,
        # The client's default budget: 5 retries (15.5 s of backoff) fit, with queueing for a
        # slot again before each retry among 564 callers.
        "timeout": 60.0,
    }
    started = time.monotonic()
    stop = started + seconds
    samples: list[tuple[float, float]] = []
    revocations = 0

    def revoker() -> None:
        nonlocal revocations
        while time.monotonic() < stop:
            time.sleep(3.0)
            server.revoke_all()
            revocations += 1

    def sampler() -> None:
        while time.monotonic() < stop:
            samples.append((time.monotonic() - started, rss_mb()))
            time.sleep(2.0)

    sync_flight, async_flight = InFlight(), InFlight()

    def async_side() -> None:
        async def main() -> None:
            transport = AsyncCountingTransport(async_flight)
            async with AsyncAPIClient(**settings, transport=transport) as client:
                await asyncio.gather(
                    *(task_worker(client, tally, stop, 1000 + n) for n in range(TASKS))
                )

        asyncio.run(main())

    helpers = [threading.Thread(target=revoker), threading.Thread(target=sampler)]
    with SyncAPIClient(**settings, transport=CountingTransport(sync_flight)) as client:
        workers = [
            threading.Thread(target=thread_worker, args=(client, tally, stop, n))
            for n in range(THREADS)
        ]
        workers.append(threading.Thread(target=async_side))
        for thread in helpers + workers:
            thread.start()
        for thread in workers + helpers:
            thread.join()
    elapsed = time.monotonic() - started
    logger.removeHandler(handler)
    server.close()

    warm = [rss for at, rss in samples if at >= min(60.0, seconds / 4)]
    growth = (max(warm[len(warm) // 2 :]) - max(warm[: max(1, len(warm) // 2)])) if warm else 0.0
    total_calls = sum(tally.calls.values())
    extra_requests = server.api_requests - total_calls
    in_flight_ok = max(sync_flight.most, async_flight.most) <= MAX_CONCURRENCY
    ok = (
        tally.items_lost == 0
        and not tally.leaks
        and not tally.foreign
        and in_flight_ok
        and growth < 50.0
    )
    lines = [
        "## Soak (`make soak`)",
        "",
        f"{elapsed:.0f} s of mixed calls (get, list of 2 pages, write, delete, upsert_many of "
        f"{BATCH}, upload, download) from {THREADS} threads on one blocking client and {TASKS} "
        f"tasks on one async client, `max_concurrency={MAX_CONCURRENCY}` each, against the hostile "
        "server of tests/runtime/hostile.py (tokens checked and revoked every 3 s; per request "
        "4% 429, 4% 503, 3% dropped connection, and on the get route 2% dripped body and 1% 422 "
        "echoing the secrets and the token, also on write). "
        f"Result: **{'pass' if ok else 'FAIL'}**.",
        "",
        "| figure | value |",
        "|---|---|",
        f"| calls completed | {total_calls:,} ({total_calls / elapsed:.0f}/s) |",
        f"| requests the server read (token route excluded) | {server.api_requests:,} |",
        f"| token requests | {server.token_requests:,} ({revocations} revocations) |",
        f"| faults injected | {_counts(faults.injected)} |",
        f"| calls failed (AkeneoError, by kind) | {_counts(tally.errors) or '0'} |",
        f"| errors that are not AkeneoError | {len(tally.foreign)} |",
        f"| batch items sent / lost | {tally.items_sent:,} / {tally.items_lost:,} |",
        f"| secrets found in {handler.records:,} log records and every error | "
        f"{len(tally.leaks)} |",
        f"| most requests in flight, counted by each client's transport (sync / async) | "
        f"{sync_flight.most} / {async_flight.most} (limit {MAX_CONCURRENCY}) |",
        f"| RSS after warm-up: first / last / growth | "
        f"{warm[0] if warm else 0:.0f} MB / {warm[-1] if warm else 0:.0f} MB / {growth:+.1f} MB |",
        "",
        "Upload failures are expected: a POST answered 503 or dropped mid-way is not retried "
        "(it may have been processed); every other kind retries through the faults. "
        f"Requests beyond one per call (pages, chunks, retries, 401 replays): {extra_requests:,}.",
    ]
    if tally.foreign:
        lines += ["", "Errors that are not AkeneoError:", *(f"- {e}" for e in tally.foreign[:10])]
    if tally.leaks:
        lines += ["", "Leaks:", *(f"- {leak}" for leak in tally.leaks[:10])]
    return lines, ok


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{name} {count:,}" for name, count in sorted(counter.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("results", nargs="?", default="bench/results.md")
    parser.add_argument("--seconds", type=float, default=600.0)
    args = parser.parse_args()
    lines, ok = run(args.seconds)
    write_section(Path(args.results), START, END, lines)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
