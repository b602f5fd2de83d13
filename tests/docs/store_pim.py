"""A small stateful PIM on 127.0.0.1 (real sockets) that the site's examples run against until the
merge.

It keeps every resource as JSON keyed by its URL path: GET an item or a page of a collection
(numbered pages or search_after, absolute next links), PATCH one item (top-level fields
replaced, `values` merged by attribute, locale and scope), PATCH a collection (one NDJSON line
of result per item), POST to create, DELETE, the token route, and media files (upload answers a
Location, download the bytes). A product value naming an attribute the store does not hold is
refused with Akeneo's 422 `errors` list. `akeneo_pim.testing.FakeAkeneo` replaces it
(tests/docs/conftest.py is the one place to switch).
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

API = "/api/rest/v1/"
KEYS = {"products-uuid": "uuid", "products": "identifier"}  # else "code"


def _key_of(collection: str) -> str:
    return KEYS.get(collection.rsplit("/", 1)[-1], "code")


def merge_values(stored: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    merged = {name: list(entries) for name, entries in stored.items()}
    for name, entries in patch.items():
        kept = merged.setdefault(name, [])
        for entry in entries:
            where = (entry.get("locale"), entry.get("scope"))
            kept[:] = [e for e in kept if (e.get("locale"), e.get("scope")) != where]
            kept.append(entry)
    return merged


class StorePIM:
    def __init__(self) -> None:
        self.store: dict[str, dict[str, dict[str, Any]]] = {}  # collection path -> key -> item
        self.media: dict[str, bytes] = {}
        self.documents: dict[str, Any] = {}  # single documents by path: "system-information"
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> StorePIM:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # ------------------------------------------------------------------ behaviour
    def _refusal(self, collection: str, item: dict[str, Any]) -> list[dict[str, str]]:
        if collection not in ("products-uuid", "products", "product-models"):
            return []
        known = self.store.get("attributes", {})
        return [
            {"property": "attribute", "message": f"The {name} attribute does not exist."}
            for name in item.get("values", {})
            if name not in known
        ]

    def upsert(self, collection: str, key: str, patch: dict[str, Any]) -> tuple[int, Any]:
        errors = self._refusal(collection, patch)
        if errors:
            return 422, {"code": 422, "message": "Validation failed.", "errors": errors}
        items = self.store.setdefault(collection, {})
        stored = items.get(key)
        item = dict(stored or {_key_of(collection): key})
        for field, value in patch.items():
            if field == "values" and isinstance(value, dict):
                item["values"] = merge_values(item.get("values", {}), value)
            else:
                item[field] = value
        if collection in KEYS or collection == "product-models":
            item.setdefault("updated", "2026-01-01T00:00:00+00:00")
        items[key] = item
        return (204 if stored else 201), None

    def page(self, collection: str, query: dict[str, str]) -> dict[str, Any]:
        items = [v for _, v in sorted(self.store.get(collection, {}).items())]
        limit = int(query.get("limit", "10"))
        key = _key_of(collection)
        base = f"{self.base_url}{API}{collection}"
        if query.get("pagination_type") == "search_after":
            after = query.get("search_after")
            start = 0 if after is None else sum(1 for i in items if str(i[key]) <= after)
            chunk = items[start : start + limit]
            nxt = dict(query, search_after=str(chunk[-1][key])) if len(chunk) == limit else None
        else:
            number = int(query.get("page", "1"))
            chunk = items[(number - 1) * limit : number * limit]
            more = number * limit < len(items)
            nxt = dict(query, page=str(number + 1)) if more else None
        links: dict[str, Any] = {"self": {"href": f"{base}?{urlencode(query)}"}}
        if nxt is not None:
            links["next"] = {"href": f"{base}?{urlencode(nxt)}"}
        page: dict[str, Any] = {"_links": links, "_embedded": {"items": chunk}}
        if query.get("with_count") == "true":
            page["items_count"] = len(items)
        return page

    # ------------------------------------------------------------------ HTTP
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        pim = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _send(
                self,
                status: int,
                body: Any = None,
                headers: dict[str, str] | None = None,
                raw: bytes | None = None,
                kind: str = "application/json",
            ) -> None:
                data = (
                    raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
                )
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                if data:
                    self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _route(self) -> tuple[str, dict[str, str]]:
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                with pim._lock:
                    pim.requests.append((self.command, self.path))
                return parts.path, query

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length", "0")))

            def _split(self, path: str) -> tuple[str, str]:
                collection, _, key = path[len(API) :].rstrip("/").rpartition("/")
                return collection, key

            def do_POST(self) -> None:
                path, _ = self._route()
                body = self._body()
                if path == "/api/oauth/v1/token":
                    token = {
                        "access_token": "docs-token",
                        "expires_in": 3600,
                        "token_type": "bearer",
                        "refresh_token": "docs-refresh",
                    }
                    return self._send(200, token)
                collection = path[len(API) :].rstrip("/")
                if collection.endswith("media-files"):
                    with pim._lock:
                        code = f"a/b/c/{len(pim.media)}_file"
                        pim.media[code] = body
                    return self._send(
                        201, headers={"Location": f"{pim.base_url}{API}{collection}/{code}"}
                    )
                item = json.loads(body)
                key = str(item.get(_key_of(collection)))
                with pim._lock:
                    if key in pim.store.get(collection, {}):
                        return self._send(422, {"code": 422, "message": f"{key} already exists."})
                    status, answer = pim.upsert(collection, key, item)
                self._send(status, answer, {"Location": f"{pim.base_url}{API}{collection}/{key}"})

            def do_GET(self) -> None:
                path, query = self._route()
                if "/media-files/" in path and path.endswith("/download"):
                    code = path.split("/media-files/", 1)[1][: -len("/download")]
                    if code not in pim.media:
                        return self._send(404, {"code": 404, "message": "Media file not found."})
                    return self._send(200, raw=pim.media[code], kind="application/octet-stream")
                whole = path[len(API) :].rstrip("/")
                if whole in pim.documents:
                    return self._send(200, pim.documents[whole])
                with pim._lock:
                    if whole in pim.store or whole.count("/") % 2 == 0:
                        return self._send(200, pim.page(whole, query))
                    collection, key = self._split(path)
                    item = pim.store.get(collection, {}).get(key)
                if item is None:
                    return self._send(404, {"code": 404, "message": f"{key} not found."})
                self._send(200, item)

            def do_PATCH(self) -> None:
                path, _ = self._route()
                body = self._body()
                if self.headers.get("Content-Type", "").startswith(
                    "application/vnd.akeneo.collection"
                ):
                    collection = path[len(API) :].rstrip("/")
                    name = _key_of(collection)
                    lines = []
                    for number, line in enumerate(body.decode().splitlines(), start=1):
                        item = json.loads(line)
                        with pim._lock:
                            status, answer = pim.upsert(collection, str(item[name]), item)
                        result = {"line": number, name: item[name], "status_code": status}
                        if answer:
                            result.update(message=answer["message"], errors=answer["errors"])
                        lines.append(json.dumps(result))
                    raw = "\n".join(lines).encode()
                    return self._send(200, raw=raw, kind="application/vnd.akeneo.collection+json")
                collection, key = self._split(path)
                with pim._lock:
                    status, answer = pim.upsert(collection, key, json.loads(body or b"{}"))
                self._send(status, answer, {"Location": f"{pim.base_url}{path}"})

            def do_DELETE(self) -> None:
                path, _ = self._route()
                collection, key = self._split(path)
                with pim._lock:
                    found = pim.store.get(collection, {}).pop(key, None)
                self._send(
                    204 if found is not None else 404,
                    None if found is not None else {"code": 404, "message": "Not found."},
                )

        return Handler
