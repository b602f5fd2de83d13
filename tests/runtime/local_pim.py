"""A small Akeneo on 127.0.0.1 (real sockets, a thread per request) for listing and batch tests.

It serves `/api/rest/v1/products-uuid` over a fixed catalogue in both pagination modes, with
absolute next links as Akeneo gives them, a token route, and a collection PATCH whose answer a
test can script. Hooks let a test break a page or a link.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

PRODUCTS_PATH = "/api/rest/v1/products-uuid"
TOKEN_PATH = "/api/oauth/v1/token"
OFFSET_CAP = 10_000  # items an offset listing may reach (facts.md §4)


def uuid_of(number: int) -> str:
    return f"00000000-0000-0000-0000-{number:012d}"


def product(number: int, updated: str = "2026-01-01T00:00:00+00:00") -> dict[str, Any]:
    return {"uuid": uuid_of(number), "enabled": True, "values": {}, "updated": updated}


# A page hook gets (query, body) and returns the body to send (or raises nothing: None = keep).
PageHook = Callable[[dict[str, str], dict[str, Any]], dict[str, Any] | None]
# A batch hook gets the request body and returns (status, headers, body bytes).
BatchHook = Callable[[bytes], tuple[int, dict[str, str], bytes]]


class LocalPIM:
    def __init__(self, products: list[dict[str, Any]] | None = None) -> None:
        self.products = products if products is not None else [product(i) for i in range(25)]
        self.page_delay = 0.0
        self.page_hook: PageHook | None = None
        self.batch_hook: BatchHook | None = None
        self.requests: list[tuple[str, str]] = []  # (method, path?query)
        self.batch_bodies: list[bytes] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"

    # --------------------------------------------------------------------------- pages
    def _filtered(self, query: dict[str, str]) -> list[dict[str, Any]]:
        items = self.products
        search = query.get("search")
        if search:
            for condition in json.loads(search).get("updated", []):
                if condition["operator"] == ">":
                    bound = condition["value"]
                    items = [item for item in items if _updated_key(item) > bound]
        return items

    def refusal(self, query: dict[str, str]) -> str | None:
        """Akeneo's 422s on lists: over 100 per page, offset pages past the 10,000th item."""
        limit = int(query.get("limit", "10"))
        if limit > 100:
            return "You cannot request more than 100 items."
        offset = (int(query.get("page", "1")) - 1) * limit
        if query.get("pagination_type") != "search_after" and offset >= OFFSET_CAP:
            return "You have reached the maximum number of pages you can retrieve with the page"
        return None

    def list_page(self, query: dict[str, str]) -> dict[str, Any]:
        limit = int(query.get("limit", "10"))
        items = self._filtered(query)
        base = {k: v for k, v in query.items() if k not in ("page", "search_after")}
        if query.get("pagination_type") == "search_after":
            after = query.get("search_after")
            start = (
                0
                if after is None
                else next((i for i, item in enumerate(items) if item["uuid"] > after), len(items))
            )
            chosen = items[start : start + limit]
            more = start + limit < len(items)
            next_query = {**base, "search_after": chosen[-1]["uuid"]} if more and chosen else None
            body: dict[str, Any] = {}
        else:
            number = int(query.get("page", "1"))
            chosen = items[(number - 1) * limit : number * limit]
            more = number * limit < len(items)
            next_query = {**base, "page": str(number + 1)} if more else None
            body = {"current_page": number}
        links: dict[str, Any] = {"self": {"href": self._link(query)}}
        if next_query is not None:
            links["next"] = {"href": self._link(next_query)}
        body.update({"_links": links, "_embedded": {"items": chosen}})
        return body

    def _link(self, query: dict[str, str]) -> str:
        return f"{self.base_url}{PRODUCTS_PATH}?{urlencode(query)}"

    # ------------------------------------------------------------------------- serving
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        pim = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body in one segment: no Nagle / delayed-ACK stall on each answer.
            wbufsize = 1 << 16
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def do_POST(self) -> None:
                self._body()
                token = {"access_token": "tok", "expires_in": 3600, "refresh_token": "ref"}
                self._send(200, json.dumps(token).encode(), {})

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                with pim._lock:
                    pim.requests.append(("GET", self.path))
                if parts.path != PRODUCTS_PATH:
                    self._send(404, b'{"code":404,"message":"not found"}', {})
                    return
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                refusal = pim.refusal(query)
                if refusal is not None:
                    self._send(422, json.dumps({"code": 422, "message": refusal}).encode(), {})
                    return
                body = pim.list_page(query)
                if pim.page_hook is not None:
                    body = pim.page_hook(query, body) or body
                if pim.page_delay:
                    time.sleep(pim.page_delay)
                self._send(200, json.dumps(body).encode(), {})

            def do_PATCH(self) -> None:
                content = self._body()
                with pim._lock:
                    pim.requests.append(("PATCH", self.path))
                    pim.batch_bodies.append(content)
                hook = pim.batch_hook or ndjson_all_ok
                status, headers, body = hook(content)
                self._send(status, body, headers)

        return Handler

    def start(self) -> LocalPIM:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def settings(self, **changes: Any) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "client_id": "id",
            "secret": "secret",
            "username": "julia",
            "password": "pw",
            **changes,
        }


def _updated_key(item: dict[str, Any]) -> str:
    # "2026-01-01T10:00:00+00:00" -> "2026-01-01 10:00:00": the filter's format, UTC here.
    return str(item["updated"])[:19].replace("T", " ")


def ndjson_all_ok(content: bytes) -> tuple[int, dict[str, str], bytes]:
    lines = [json.loads(line) for line in content.decode().splitlines() if line.strip()]
    answers = [
        json.dumps({"line": n, "uuid": item.get("uuid"), "status_code": 204})
        for n, item in enumerate(lines, 1)
    ]
    return (
        200,
        {"Content-Type": "application/vnd.akeneo.collection+json"},
        "\n".join(answers).encode(),
    )


@contextmanager
def running(pim: LocalPIM | None = None) -> Iterator[LocalPIM]:
    server = (pim or LocalPIM()).start()
    try:
        yield server
    finally:
        server.stop()
