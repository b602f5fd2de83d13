"""Benchmark pages fetched ahead: an export's wall time against the server's time alone.

Usage, from the project root: PYTHONPATH=generated python -m bench.bench_prefetch [results.md]

A server on 127.0.0.1 answers each page of 100 small uuid products after 20 ms; the caller spends
20 ms on each page. Measured side by side in one run (alternating, median of several runs):
the server alone (raw httpx following the same links), `products_uuid.list(prefetch=False)` and
`products_uuid.list()` (prefetch on, the default). Without prefetch the export takes the sum of
the two times; with it, the fetch of the next page overlaps the caller's work (goal: at most
1.2x the server's time alone). The figures go into their own marked section of the results file.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
from akeneo_pim import Akeneo

from bench.results import write_section

ROOT = Path(__file__).resolve().parent.parent
START = "<!-- bench_prefetch:start -->"
END = "<!-- bench_prefetch:end -->"
PAGES = 20
PAGE_SIZE = 100
SERVER_DELAY = 0.020  # per page
CALLER_DELAY = 0.020  # per page
RUNS = 5
ROUTE = "/api/rest/v1/products-uuid"


def _page(base_url: str, after: int) -> bytes:
    first = after + 1
    items = [
        {"uuid": f"00000000-0000-4000-8000-{n:012d}", "identifier": f"sku-{n}", "values": {}}
        for n in range(first, min(first + PAGE_SIZE, PAGES * PAGE_SIZE + 1))
    ]
    last = first + len(items) - 1
    query = f"pagination_type=search_after&limit={PAGE_SIZE}&search_after={last}"
    links: dict[str, object] = {"self": {"href": f"{base_url}{ROUTE}?search_after={after}"}}
    if last < PAGES * PAGE_SIZE:
        links["next"] = {"href": f"{base_url}{ROUTE}?{query}"}
    return json.dumps({"_links": links, "_embedded": {"items": items}}).encode()


@contextmanager
def serving() -> Iterator[str]:
    """A threaded server answering each page after SERVER_DELAY; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms stall

        def do_GET(self) -> None:
            query = parse_qs(urlsplit(self.path).query)
            time.sleep(SERVER_DELAY)
            body = _page(base_url, int(query.get("search_after", ["0"])[0]))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base_url
    finally:
        server.shutdown()
        server.server_close()


def server_alone(base_url: str) -> int:
    """Raw httpx following the next links, doing nothing with the items."""
    count = 0
    with httpx.Client() as http:
        url: str | None = f"{base_url}{ROUTE}?pagination_type=search_after&limit={PAGE_SIZE}"
        while url is not None:
            page = http.get(url).json()
            count += len(page["_embedded"]["items"])
            url = page["_links"].get("next", {}).get("href")
    return count


def export(base_url: str, *, prefetch: bool) -> int:
    """The caller spends CALLER_DELAY on each page (after its last item)."""
    count = 0
    with Akeneo(base_url=base_url, access_token="token") as akeneo:
        for _product in akeneo.products_uuid.list(prefetch=prefetch):
            count += 1
            if count % PAGE_SIZE == 0:
                time.sleep(CALLER_DELAY)
    return count


def _timed(run: Callable[[], int]) -> float:
    started = time.perf_counter()
    count = run()
    elapsed = time.perf_counter() - started
    assert count == PAGES * PAGE_SIZE, count
    return elapsed


def measure() -> dict[str, float]:
    times: dict[str, list[float]] = {"server": [], "off": [], "on": []}
    with serving() as base_url:
        runs: dict[str, Callable[[], int]] = {
            "server": lambda: server_alone(base_url),
            "off": lambda: export(base_url, prefetch=False),
            "on": lambda: export(base_url, prefetch=True),
        }
        for run in runs.values():  # warm up: connections, imports
            run()
        for _ in range(RUNS):
            for name, run in runs.items():
                times[name].append(_timed(run))
    return {name: statistics.median(values) for name, values in times.items()}


def main(target: Path) -> None:
    figures = measure()
    server = figures["server"]
    lines = [
        "### `products_uuid.list()` with pages fetched ahead",
        "",
        f"Written by `bench/bench_prefetch.py` (`make bench`; median of {RUNS} runs, alternating). "
        f"Machine: {platform.machine()}, Python {platform.python_version()}. {PAGES} pages of "
        f"{PAGE_SIZE} products from a 127.0.0.1 server answering each page after "
        f"{SERVER_DELAY * 1000:.0f} ms; the caller spends {CALLER_DELAY * 1000:.0f} ms on each "
        "page.",
        "",
        "| what | seconds | ratio to the server alone | goal |",
        "|---|---|---|---|",
        f"| the server alone (raw httpx following the links) | {server:.3f} | 1.00x | |",
        f"| `list(prefetch=False)` | {figures['off']:.3f} | {figures['off'] / server:.2f}x | |",
        f"| `list()` (prefetch) | {figures['on']:.3f} | **{figures['on'] / server:.2f}x** "
        "| ≤ 1.2x |",
    ]
    write_section(target, START, END, lines)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "results.md")
