"""Memory of `upsert_many()` over 1,000,000 items that all succeed, against the old report's.

Usage, from the project root: PYTHONPATH=generated python -m bench.bench_batch_memory [results.md]
(also run by `make bench` through bench_runtime).

The items go through the whole client path (planning, strict JSON, requests, matching answers
back) to an in-memory transport that answers every line with 204. tracemalloc measures, above the
start, the peak while sending and what the finished report still holds. The baseline, in the same
run: one `BatchItemResult` kept per item, what the report held before it kept plain successes as
their status only.
"""

from __future__ import annotations

import gc
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from akeneo_pim import Akeneo
from akeneo_pim._batch import BatchItemResult

from bench.results import write_section

ROOT = Path(__file__).resolve().parent.parent
START = "<!-- bench_batch_memory:start -->"
END = "<!-- bench_batch_memory:end -->"
ITEMS = 1_000_000
GOAL_MIB = 16


def _answer(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/token"):
        return httpx.Response(200, json={"access_token": "t", "expires_in": 3600})
    count = request.content.count(b"\n") + 1
    lines = b"\n".join(b'{"line":%d,"status_code":204}' % n for n in range(1, count + 1))
    return httpx.Response(200, content=lines)


def items(count: int) -> Iterator[dict[str, Any]]:
    for number in range(count):
        yield {"uuid": f"00000000-0000-0000-0000-{number:012d}", "enabled": True}


def measure() -> dict[str, float]:
    client = Akeneo(
        base_url="https://pim.example.com",
        access_token="bench",
        transport=httpx.MockTransport(_answer),
    )
    client.products_uuid.upsert_many(items(1_000))  # warm up outside the measure
    figures: dict[str, float] = {}
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        started = time.perf_counter()
        report = client.products_uuid.upsert_many(items(ITEMS))
        figures["seconds"] = time.perf_counter() - started
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
        assert len(report) == ITEMS and report.ok, report
        figures["peak"] = peak - before
        figures["kept"] = current - before
        del report
        gc.collect()
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        baseline = [
            BatchItemResult(index=n, key=item["uuid"], status_code=204, line=n % 100 + 1)
            for n, item in enumerate(items(ITEMS))
        ]
        figures["baseline"] = tracemalloc.get_traced_memory()[0] - before
        assert len(baseline) == ITEMS
        del baseline
    finally:
        tracemalloc.stop()
        client.close()
    return figures


def _mib(value: float) -> str:
    return f"{value / 2**20:.1f} MiB"


def main(target: Path) -> None:
    figures = measure()
    met = figures["peak"] <= GOAL_MIB * 2**20
    lines = [
        f"### `products_uuid.upsert_many()` memory, {ITEMS:,} items that all succeed",
        "",
        f"Written by `bench/bench_batch_memory.py` (`make bench`; the traced upsert took "
        f"{figures['seconds']:.0f} s). Whole client path to an in-memory transport answering 204 "
        "for every line; tracemalloc, above the start.",
        "",
        "| what | memory | goal |",
        "|---|---|---|",
        f"| baseline: one `BatchItemResult` kept per item (the report before) | "
        f"{_mib(figures['baseline'])} | |",
        f"| `upsert_many()`: peak while sending | {_mib(figures['peak'])} | ≤ {GOAL_MIB} MiB "
        f"{'(met)' if met else '(not met)'} |",
        f"| `upsert_many()`: held by the finished report | {_mib(figures['kept'])} | |",
    ]
    write_section(target, START, END, lines)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "results.md")
