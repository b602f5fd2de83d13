"""Every input item gets exactly one result, whatever happens; results stream to callbacks.

Against a server on 127.0.0.1 answering each NDJSON line (or a scripted answer), sync and async.
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Iterator
from typing import Any

import pytest
from akeneo_runtime_under_test._batch import BatchInputError, BatchItemResult, BatchReport
from akeneo_runtime_under_test._client import AsyncAPIClient, SyncAPIClient
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._errors import AkeneoError
from local_pim import PRODUCTS_PATH, LocalPIM, running

PATCH = Endpoint("products_uuid_patch_list", "PATCH", PRODUCTS_PATH)
FLAVOURS = ["sync", "async"]


@pytest.fixture
def server() -> Iterator[LocalPIM]:
    with running() as pim:
        yield pim


def upsert(server: LocalPIM, flavour: str, items: Any, **kwargs: Any) -> BatchReport:
    options = {"key": "uuid", "format": "ndjson", **kwargs}
    if flavour == "sync":
        with SyncAPIClient(**server.settings()) as client:
            return client.upsert_many(PATCH, items, **options)

    async def main() -> BatchReport:
        async with AsyncAPIClient(**server.settings()) as client:
            return await client.upsert_many(PATCH, items, **options)

    return asyncio.run(main())


def sent_uuids(server: LocalPIM) -> list[str]:
    return [
        json.loads(line)["uuid"]
        for body in server.batch_bodies
        for line in body.decode("utf-8").splitlines()
    ]


def products(count: int) -> list[dict[str, Any]]:
    return [{"uuid": f"u{n}", "values": {}} for n in range(count)]


UNSENDABLE = {
    "lone surrogate": ("caf\udce9", "lone surrogate"),
    "NaN": (math.nan, "NaN and Infinity"),
    "Infinity": (math.inf, "NaN and Infinity"),
    "-Infinity": (-math.inf, "NaN and Infinity"),
    "object": (object(), "not JSON serializable"),
}


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("case", list(UNSENDABLE))
def test_an_item_that_cannot_be_encoded_fails_alone_before_sending(
    server: LocalPIM, flavour: str, case: str
) -> None:
    value, reason = UNSENDABLE[case]
    items = products(150)
    items[120]["values"] = {"name": [{"locale": None, "scope": None, "data": value}]}
    report = upsert(server, flavour, items)
    assert len(report) == 150
    bad = report[120]
    assert not bad.ok and not bad.sent and bad.key == "u120"
    assert reason in (bad.message or "") and isinstance(bad.error, AkeneoError)
    assert report.failed_count == 1 and report.ok_count == 149
    assert sent_uuids(server) == [f"u{n}" for n in range(150) if n != 120]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_nan_in_a_json_array_batch_fails_alone(server: LocalPIM, flavour: str) -> None:
    def answer(content: bytes) -> tuple[int, dict[str, str], bytes]:
        items = json.loads(content)  # strict: the body must be valid JSON
        return (
            200,
            {},
            json.dumps([{"code": i["code"], "status_code": 204} for i in items]).encode(),
        )

    server.batch_hook = answer
    items = [{"code": "a"}, {"code": "b", "ratio": math.nan}, {"code": "c"}]
    report = upsert(server, flavour, items, key="code", format="json_array")
    assert [r.ok for r in report] == [True, False, True]
    assert "NaN" in (report[1].message or "")


def answered_twice(content: bytes) -> tuple[int, dict[str, str], bytes]:
    lines = [json.loads(line) for line in content.decode().splitlines()]
    answers = [
        {"line": n, "uuid": item["uuid"], "status_code": 204} for n, item in enumerate(lines, 1)
    ]
    answers.append({"line": 2, "uuid": lines[1]["uuid"], "status_code": 422, "message": "no"})
    answers.append({"line": 3, "uuid": lines[2]["uuid"], "status_code": 204})  # same again
    return 200, {}, "\n".join(json.dumps(a) for a in answers).encode()


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_line_answered_twice_with_different_statuses_is_not_ok(
    server: LocalPIM, flavour: str
) -> None:
    server.batch_hook = answered_twice
    report = upsert(server, flavour, products(4))
    assert [r.ok for r in report] == [True, False, True, True]
    assert "twice" in (report[1].message or "") and "204" in (report[1].message or "")
    assert report[1].key == "u1"


def raising_after(count: int) -> Iterator[dict[str, Any]]:
    for n in range(count):
        yield {"uuid": f"u{n}", "values": {}}
    raise OSError("the export file is truncated")


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("concurrency", [1, 3])
def test_when_the_input_raises_the_exception_carries_the_report(
    server: LocalPIM, flavour: str, concurrency: int
) -> None:
    with pytest.raises(BatchInputError) as caught:
        upsert(server, flavour, raising_after(250), concurrency=concurrency)
    error = caught.value
    assert isinstance(error, AkeneoError) and isinstance(error.__cause__, OSError)
    assert "truncated" in str(error)
    report = error.report
    assert len(report) == 250 and [r.index for r in report] == list(range(250))
    assert all(r.ok for r in report[:200])  # two full chunks went before the input failed
    assert all(not r.sent and not r.ok for r in report[200:])  # read, then left unsent
    assert sorted(sent_uuids(server)) == sorted(f"u{n}" for n in range(200))


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_results_and_progress_arrive_as_each_chunk_is_answered(
    server: LocalPIM, flavour: str
) -> None:
    seen: list[BatchItemResult] = []
    progress: list[tuple[int, int | None]] = []
    items = products(250)
    items[7]["values"] = {"x": math.nan}
    report = upsert(
        server,
        flavour,
        items,
        on_result=seen.append,
        on_progress=lambda done, total: progress.append((done, total)),
    )
    assert sorted(r.index for r in seen) == list(range(250))
    assert {r.index: r.key for r in seen} == {n: f"u{n}" for n in range(250)}
    assert progress[-1] == (250, 250) and progress[0][1] == 250
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)
    assert len(report) == 250 and report.failed_count == 1


def test_a_report_reads_like_a_sequence() -> None:
    report = BatchReport(
        [
            BatchItemResult(index=0, key="a", status_code=201, line=1),
            BatchItemResult(index=1, key="b", status_code=422, message="bad", line=2),
            BatchItemResult(index=2, key="c", status_code=204, line=3),
        ]
    )
    assert len(report) == 3 and report[-1].status_code == 204 and report[-1].line == 3
    assert [r.status_code for r in report[0:2]] == [201, 422]
    assert report[0].created and not report[2].created
    assert [r.key for r in report.failed] == ["b"]
    assert [r.index for r in report.succeeded] == [0, 2]
    assert repr(report) == "<BatchReport items=3 ok=2 failed=1>"
    with pytest.raises(IndexError):
        report[3]
    with pytest.raises(ValueError, match="already has a result"):
        BatchReport([BatchItemResult(index=0, key="a", status_code=201)] * 2)
