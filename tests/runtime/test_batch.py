"""Batch upserts: chunking, line limits, per-line results, failed chunks, both formats."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from akeneo_runtime_under_test._batch import BatchError, BatchItemResult, BatchReport
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._errors import (
    APIConnectionError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    RateLimitError,
)
from akeneo_runtime_under_test._models import AkeneoModel

PATCH_FAMILIES = Endpoint("families_patch_list", "PATCH", "/api/rest/v1/families")
PATCH_RECORDS = Endpoint(
    "records_patch_list", "PATCH", "/api/rest/v1/reference-entities/{ref}/records"
)
FAMILIES = "/api/rest/v1/families"
RECORDS = "/api/rest/v1/reference-entities/brand/records"


class Keys(dict[int, "str | None"]):
    """`on_result=` collector: the key of every result, as it arrived (plain successes are kept
    without their key in the report itself, to keep its memory flat)."""

    def __call__(self, result: BatchItemResult) -> None:
        self[result.index] = result.key

    def ordered(self) -> list[str | None]:
        return [self[i] for i in sorted(self)]


def echo_lines(request: httpx.Request) -> httpx.Response:
    """Answer like Akeneo: one JSON line per input line, then blank trailing lines."""
    lines = request.content.decode().split("\n")
    out = []
    for number, line in enumerate(lines, start=1):
        item = json.loads(line)
        if item.get("bad"):
            answer = {
                "line": number,
                "code": item["code"],
                "status_code": 422,
                "message": "Validation failed.",
                "errors": [{"property": "labels", "message": "bad label"}],
            }
        else:
            answer = {"line": number, "code": item["code"], "status_code": 201}
        out.append(json.dumps(answer))
    # Akeneo does not promise any order; reverse to prove matching uses `line`.
    return httpx.Response(200, text="\n".join(reversed(out)) + "\n\n")


def families(count: int, consumed: list[int] | None = None) -> Iterator[dict[str, Any]]:
    for number in range(count):
        if consumed is not None:
            consumed.append(number)
        yield {"code": f"f{number}", "bad": number == 7, "_links": {"self": {"href": "x"}}}


def test_250_items_go_in_chunks_of_100_100_50(make_client: Any, pim: Any) -> None:
    pim.add("PATCH", FAMILIES, echo_lines)
    keys = Keys()
    report = make_client().upsert_many(
        PATCH_FAMILIES, families(250), key="code", format="ndjson", on_result=keys
    )
    calls = pim.calls("PATCH", FAMILIES)
    assert [len(c.content.decode().split("\n")) for c in calls] == [100, 100, 50]
    first = calls[0]
    assert first.headers["content-type"] == "application/vnd.akeneo.collection+json"
    assert first.headers["accept"] == "*/*"  # httpx's default; no JSON-only Accept
    line = first.content.decode().split("\n")[0]
    assert line == '{"code":"f0","bad":false}'  # compact, `_links` stripped
    assert isinstance(report, BatchReport)
    assert len(report) == 250
    assert [r.index for r in report] == list(range(250))
    assert keys.ordered() == [f"f{n}" for n in range(250)]
    assert report[150].line == 51 and report[150].status_code == 201
    assert not report.ok
    failed = report.failed
    assert [r.key for r in failed] == ["f7"]
    assert failed[0].status_code == 422 and failed[0].errors[0].property == "labels"
    assert len(report.succeeded) == 249
    assert report[0].created
    with pytest.raises(BatchError, match="1 of 250 items failed: item 7 \\(f7\\): 422"):
        report.raise_for_errors()


def test_input_is_consumed_lazily(make_client: Any, pim: Any) -> None:
    consumed: list[int] = []
    consumed_when_sent: list[int] = []

    def answer(request: httpx.Request) -> httpx.Response:
        consumed_when_sent.append(len(consumed))
        return echo_lines(request)

    pim.add("PATCH", FAMILIES, answer)
    make_client().upsert_many(PATCH_FAMILIES, families(250, consumed), key="code", format="ndjson")
    assert consumed_when_sent == [100, 200, 250]


def test_over_long_line_is_refused_without_hiding_the_others(make_client: Any, pim: Any) -> None:
    pim.add("PATCH", FAMILIES, echo_lines)
    items: list[dict[str, Any]] = [{"code": "a"}, {"code": "huge", "x": "y" * 1_000_000}]
    items += [{"code": "b"}]
    keys = Keys()
    report = make_client().upsert_many(
        PATCH_FAMILIES, iter(items), key="code", format="ndjson", on_result=keys
    )
    assert keys.ordered() == ["a", "huge", "b"] and report[1].key == "huge"
    huge = report[1]
    assert not huge.ok and not huge.sent and huge.status_code is None
    assert "1000000" in (huge.message or "")
    assert report[0].ok and report[2].ok
    assert report[2].line == 2  # lines count only what was sent
    sent = pim.calls("PATCH", FAMILIES)[0].content.decode().split("\n")
    assert [json.loads(line)["code"] for line in sent] == ["a", "b"]


def test_missing_and_unparseable_lines(make_client: Any, pim: Any) -> None:
    answer = '{"line":1,"code":"a","status_code":204}\n\nnot json\n{"line":99,"status_code":201}\n'
    pim.add("PATCH", FAMILIES, httpx.Response(200, text=answer))
    report = make_client().upsert_many(
        PATCH_FAMILIES, [{"code": "a"}, {"code": "b"}], key="code", format="ndjson"
    )
    assert report[0].ok and report[0].status_code == 204 and not report[0].created
    assert not report[1].ok and report[1].status_code is None
    assert "no result" in (report[1].message or "")


def test_failed_chunk_reports_its_items_and_later_chunks_go(make_client: Any, pim: Any) -> None:
    # (413 and 403 are split in halves instead: tests/runtime/test_adaptive_chunks.py)
    refused = httpx.Response(400, json={"code": 400, "message": "Invalid json message received"})
    pim.add("PATCH", FAMILIES, refused, echo_lines)
    report = make_client().upsert_many(PATCH_FAMILIES, families(150), key="code", format="ndjson")
    assert len(pim.calls("PATCH", FAMILIES)) == 2
    first_chunk = report[:100]
    assert all(r.status_code == 400 and not r.ok and r.sent for r in first_chunk)
    assert all(isinstance(r.error, BadRequestError) for r in first_chunk)
    assert "Invalid json message" in (first_chunk[0].message or "")
    assert all(r.ok for r in report[100:])


def _connection_lost(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("down")


# Fatal failures that would fail every later chunk too, each still failing once the client gave up
# (retries, or the one re-login after a 401).
FATAL = {
    "connection_lost": (_connection_lost, APIConnectionError),
    "500_after_retries": (httpx.Response(500, json={"message": "boom"}), InternalServerError),
    "429_after_retries": (
        httpx.Response(429, headers={"Retry-After": "1"}, json={"message": "slow"}),
        RateLimitError,
    ),
    "401_after_relogin": (httpx.Response(401, json={"message": "expired"}), AuthenticationError),
}


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("fatal", list(FATAL))
def test_fatal_error_stops_and_reports_the_rest_as_not_sent(
    make_client: Any,
    make_async_client: Any,
    pim: Any,
    sleeps: list[float],
    fatal: str,
    mode: str,
) -> None:
    failure, error_type = FATAL[fatal]
    pim.add("PATCH", FAMILIES, echo_lines, failure)  # chunk 1 passes, then every attempt fails
    if mode == "sync":
        client = make_client(max_retries=1)
        report = client.upsert_many(PATCH_FAMILIES, families(250), key="code", format="ndjson")
    else:

        async def main() -> BatchReport:
            async with make_async_client(max_retries=1) as client:
                return await client.upsert_many(
                    PATCH_FAMILIES, families(250), key="code", format="ndjson"
                )

        report = asyncio.run(main())
    # chunk 1 once, chunk 2 twice (one retry, or one replay after re-login), chunk 3 never
    assert len(pim.calls("PATCH", FAMILIES)) == 3
    if fatal == "401_after_relogin":
        assert [b["grant_type"] for b in pim.token_bodies] == ["password", "refresh_token"]
    else:
        assert len(sleeps) == 1
    assert len(report) == 250
    assert [r.index for r in report.succeeded] == [n for n in range(100) if n != 7]
    assert all(r.sent and isinstance(r.error, error_type) for r in report[100:200])
    assert all(not r.sent and not r.ok for r in report[200:])
    assert all("not sent" in (r.message or "") for r in report[200:])


def test_models_and_mappings_are_accepted(make_client: Any, pim: Any) -> None:
    class Family(AkeneoModel):
        code: str
        attribute_as_label: str | None = None

    pim.add("PATCH", FAMILIES, echo_lines)
    items = [
        Family.model_validate({"code": "m", "_links": {"self": {"href": "x"}}, "extra": 1}),
        {"code": "d"},
    ]
    report = make_client().upsert_many(PATCH_FAMILIES, items, key="code", format="ndjson")
    assert report.ok
    lines = pim.calls("PATCH", FAMILIES)[0].content.decode().split("\n")
    assert lines == ['{"code":"m","extra":1}', '{"code":"d"}']


def test_unserialisable_item_is_reported(make_client: Any, pim: Any) -> None:
    pim.add("PATCH", FAMILIES, echo_lines)
    report = make_client().upsert_many(
        PATCH_FAMILIES, [{"code": "a", "x": object()}, {"code": "b"}], key="code", format="ndjson"
    )
    assert not report[0].ok and not report[0].sent
    assert report[1].ok


def test_json_array_batches(make_client: Any, pim: Any) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        items = json.loads(request.content)
        results = [
            {"code": item["code"], "status_code": 422 if item.get("bad") else 204}
            | ({"message": "nope", "errors": [{"property": "values"}]} if item.get("bad") else {})
            for item in items
        ]
        return httpx.Response(200, json=results[::-1])  # order by code, not position

    pim.add("PATCH", RECORDS, answer)
    items = [{"code": f"r{n}", "bad": n == 3} for n in range(120)]
    keys = Keys()
    report = make_client().upsert_many(
        PATCH_RECORDS,
        items,
        key="code",
        format="json_array",
        path_params={"ref": "brand"},
        on_result=keys,
    )
    calls = pim.calls("PATCH", RECORDS)
    assert [len(json.loads(c.content)) for c in calls] == [100, 20]
    assert calls[0].headers["content-type"] == "application/json"
    assert keys.ordered() == [f"r{n}" for n in range(120)]
    assert [r.key for r in report.failed] == ["r3"]
    assert report[3].message == "nope" and report[3].errors[0].property == "values"


def test_json_array_positional_results_without_code(make_client: Any, pim: Any) -> None:
    answers = [{"status_code": 201}, {"status_code": 204}]
    pim.add("PATCH", RECORDS, httpx.Response(200, json=answers))
    report = make_client().upsert_many(
        PATCH_RECORDS,
        [{"code": "x"}, {"code": "y"}],
        key="code",
        format="json_array",
        path_params={"ref": "brand"},
    )
    assert [r.status_code for r in report] == [201, 204]


def test_concurrent_chunks_keep_input_order(make_client: Any, pim: Any) -> None:
    pim.add("PATCH", FAMILIES, echo_lines)
    report = make_client().upsert_many(
        PATCH_FAMILIES, families(450), key="code", format="ndjson", concurrency=3
    )
    assert [r.index for r in report] == list(range(450))
    assert len(pim.calls("PATCH", FAMILIES)) == 5
    assert [r.key for r in report.failed] == ["f7"]


def test_async_batches_with_async_iterable(make_async_client: Any, pim: Any) -> None:
    pim.add("PATCH", FAMILIES, echo_lines)

    async def items() -> AsyncIterator[dict[str, Any]]:
        for item in families(230):
            yield item

    async def main() -> tuple[BatchReport, BatchReport]:
        async with make_async_client() as client:
            first = await client.upsert_many(PATCH_FAMILIES, items(), key="code", format="ndjson")
            second = await client.upsert_many(
                PATCH_FAMILIES, families(230), key="code", format="ndjson", concurrency=4
            )
            return first, second

    first, second = asyncio.run(main())
    for report in (first, second):
        assert [r.index for r in report] == list(range(230))
        assert [r.key for r in report.failed] == ["f7"]
        assert all(isinstance(r, BatchItemResult) for r in report)
    assert len(pim.calls("PATCH", FAMILIES)) == 6


def test_unknown_format_is_refused(make_client: Any) -> None:
    with pytest.raises(ValueError, match="format"):
        make_client().upsert_many(PATCH_FAMILIES, [], key="code", format="csv")


def test_ndjson_answers_without_line_match_by_key(make_client: Any, pim: Any) -> None:
    answer = '{"identifier":"b","status_code":204}\n{"identifier":"a","status_code":422}\n'
    pim.add("PATCH", FAMILIES, httpx.Response(200, text=answer))
    keys = Keys()
    report = make_client().upsert_many(
        PATCH_FAMILIES,
        [{"identifier": "a"}, {"identifier": "b"}],
        key="identifier",
        format="ndjson",
        on_result=keys,
    )
    assert keys.ordered() == ["a", "b"]
    assert [r.status_code for r in report] == [422, 204]
