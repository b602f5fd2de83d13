"""A chunk the server finds too large (413, or the platform's 403) is split in halves and retried.

The server on 127.0.0.1 refuses request bodies over a byte budget; every item ends with exactly
one result, none confirmed twice, sync and async.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from akeneo_runtime_under_test._batch import BatchReport
from akeneo_runtime_under_test._client import AsyncAPIClient, SyncAPIClient
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._errors import PayloadTooLargeError, PermissionDeniedError
from local_pim import PRODUCTS_PATH, LocalPIM, ndjson_all_ok, running

PATCH = Endpoint("products_uuid_patch_list", "PATCH", PRODUCTS_PATH)
FLAVOURS = ["sync", "async"]
TOO_LARGE_413 = (
    b'{"code":413,"message":"Too many resources to process, 100 is the maximum allowed."}'
)
TOO_LARGE_403 = b"<html><body><h1>403 Forbidden</h1>Request entity too large</body></html>"


@pytest.fixture
def server() -> Iterator[LocalPIM]:
    with running() as pim:
        yield pim


def refuse_over(budget: int, status: int) -> Any:
    def answer(content: bytes) -> tuple[int, dict[str, str], bytes]:
        if len(content) > budget:
            body = TOO_LARGE_413 if status == 413 else TOO_LARGE_403
            kind = "application/json" if status == 413 else "text/html"
            return status, {"Content-Type": kind}, body
        return ndjson_all_ok(content)

    return answer


def upsert(server: LocalPIM, flavour: str, items: list[dict[str, Any]]) -> BatchReport:
    if flavour == "sync":
        with SyncAPIClient(**server.settings()) as client:
            return client.upsert_many(PATCH, items, key="uuid", format="ndjson", concurrency=2)

    async def main() -> BatchReport:
        async with AsyncAPIClient(**server.settings()) as client:
            return await client.upsert_many(
                PATCH, items, key="uuid", format="ndjson", concurrency=2
            )

    return asyncio.run(main())


def items(count: int, size: int = 100) -> list[dict[str, Any]]:
    return [{"uuid": f"u{n:04d}", "values": {"x": "y" * size}} for n in range(count)]


def confirmed(server: LocalPIM) -> list[str]:
    """Uuids in the requests the server accepted, in order."""
    uuids = []
    for body in server.batch_bodies:
        if len(body) <= server_budget(server):
            uuids += [json.loads(line)["uuid"] for line in body.decode().splitlines()]
    return uuids


BUDGETS: dict[int, int] = {}


def server_budget(server: LocalPIM) -> int:
    return BUDGETS[id(server)]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_413_splits_down_until_chunks_fit(server: LocalPIM, flavour: str) -> None:
    BUDGETS[id(server)] = 2_000
    server.batch_hook = refuse_over(2_000, 413)
    report = upsert(server, flavour, items(150))
    assert len(report) == 150 and report.ok
    assert sorted(confirmed(server)) == [f"u{n:04d}" for n in range(150)]  # each once
    accepted = [b for b in server.batch_bodies if len(b) <= 2_000]
    assert all(len(body.splitlines()) <= 16 for body in accepted)


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_an_item_too_large_alone_fails_alone(server: LocalPIM, flavour: str) -> None:
    BUDGETS[id(server)] = 5_000
    server.batch_hook = refuse_over(5_000, 413)
    batch = items(40)
    batch[17]["values"] = {"x": "y" * 6_000}
    report = upsert(server, flavour, batch)
    assert [r.index for r in report.failed] == [17]
    lone = report[17]
    assert lone.status_code == 413 and lone.key == "u0017" and lone.sent
    assert isinstance(lone.error, PayloadTooLargeError)
    assert sorted(confirmed(server)) == [f"u{n:04d}" for n in range(40) if n != 17]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_the_platform_403_for_a_large_payload_is_split(server: LocalPIM, flavour: str) -> None:
    BUDGETS[id(server)] = 7_000
    server.batch_hook = refuse_over(7_000, 403)
    report = upsert(server, flavour, items(100))  # ~13,500 bytes: halves fit
    assert report.ok and len(report) == 100
    assert sorted(confirmed(server)) == [f"u{n:04d}" for n in range(100)]
    assert [len(b.splitlines()) for b in server.batch_bodies] == [100, 50, 50]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_403_that_persists_in_halves_is_a_permission_error(
    server: LocalPIM, flavour: str
) -> None:
    BUDGETS[id(server)] = 0
    server.batch_hook = refuse_over(0, 403)
    report = upsert(server, flavour, items(100))
    # split once (100 -> 50 + 50), then each half's 403 is taken as it is
    assert [len(b.splitlines()) for b in server.batch_bodies] == [100, 50, 50]
    assert len(report) == 100 and report.failed_count == 100
    assert all(isinstance(r.error, PermissionDeniedError) for r in report)
