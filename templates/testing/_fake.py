# Runtime of akeneo_pim.testing, the fake PIM: static file copied verbatim from templates/testing/.
"""`FakeAkeneo`: an in-memory PIM behind an httpx transport, routed by the generated route table.

Akeneo's HTTP behaviour lives here (tokens, status codes, pagination, collection PATCHes, media);
its merge rules and search filters live in `_fake_merge` and `_fake_filters`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import mimetypes
import re
import uuid as uuid_module
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from .. import Akeneo, AsyncAkeneo
from ._fake_filters import FilterError, compile_search
from ._fake_merge import MergeError, check_product, check_product_model, merge_patch
from ._fake_schemas import body_errors
from ._routes import ROUTES, Route

BASE_URL = "http://fake-akeneo.test"
CLIENT_ID = "fake-client-id"
SECRET = "fake-secret"
USERNAME = "fake-user"
PASSWORD = "fake-password"
REST = "/api/rest/v1"
TOKEN_PATH = "/api/oauth/v1/token"
COLLECTION_TYPE = "application/vnd.akeneo.collection+json"
MAX_BATCH_ITEMS = 100
MAX_LINE_LENGTH = 1_000_000
MAX_PAGE_LIMIT = 100
OFFSET_CAP = 10_000  # items beyond this need search_after, on the high-volume lists
PRODUCTS = f"{REST}/products-uuid"
IDENTIFIER_PRODUCTS = f"{REST}/products"
HIGH_VOLUME = (PRODUCTS, IDENTIFIER_PRODUCTS, f"{REST}/product-models")
_SECRET_HEADERS = ("authorization", "cookie")


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake received, secrets left out."""

    method: str
    path: str
    query: dict[str, str]
    json: Any  # the decoded JSON body, a list of the lines' objects for NDJSON, or None
    headers: dict[str, str]


class _Answer(Exception):
    """An error answer, raised from deep in a handler."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.response = _error(status, message, **extra)


def _error(status: int, message: str, **extra: Any) -> httpx.Response:
    return httpx.Response(status, json={"code": status, "message": message, **extra})


@dataclass(frozen=True)
class _CompiledRoute:
    route: Route
    pattern: re.Pattern[str]


def _compile(route: Route) -> _CompiledRoute:
    regex = ""
    for literal, name in re.findall(r"([^{]*)(?:\{(\w+)\})?", route.path):
        regex += re.escape(literal)
        if name:
            regex += f"(?P<{name}>.+?)" if name in route.keep_slashes else f"(?P<{name}>[^/]+)"
    return _CompiledRoute(route, re.compile(f"^{regex}$"))


def _literal_length(route: Route) -> int:
    return len(re.sub(r"\{\w+\}", "", route.path))


class FakeAkeneo:
    """An in-memory Akeneo PIM: `FakeAkeneo()` is empty, `FakeAkeneo.seeded()` holds what a fresh
    PIM holds, `FakeAkeneo.demo()` a small catalogue. `client()`/`async_client()` talk to it."""

    def __init__(self) -> None:
        # the most literal templates first: `/media-files/{code}/download` before `.../{code}`
        routes = sorted(ROUTES, key=lambda r: -_literal_length(r))
        self._routes = [_compile(r) for r in routes]
        self._stores: dict[str, dict[str, dict[str, Any]]] = {}
        self._media: dict[str, bytes] = {}
        self._access_tokens: set[str] = set()
        self._refresh_tokens: set[str] = set()
        self._issued = 0
        self._drops = 0
        self._failures: list[int] = []
        self._rate_limited = 0
        self._retry_after = 1
        self.requests: list[RecordedRequest] = []
        self.transport = httpx.MockTransport(self._handle)

    # --- construction -------------------------------------------------------------------------

    @classmethod
    def seeded(cls) -> FakeAkeneo:
        """What a fresh PIM holds: the `ecommerce` channel, `en_US`, USD, the `master` tree, the
        `other` attribute group and the `sku` identifier attribute."""
        fake = cls()
        fake.put("locales", {"code": "en_US", "enabled": True})
        fake.put("currencies", {"code": "USD", "enabled": True})
        fake.put("categories", {"code": "master", "parent": None, "labels": {"en_US": "Master"}})
        fake.put(
            "channels",
            {
                "code": "ecommerce",
                "locales": ["en_US"],
                "currencies": ["USD"],
                "category_tree": "master",
                "conversion_units": {},
                "labels": {"en_US": "Ecommerce"},
            },
        )
        fake.put("attribute_groups", {"code": "other", "sort_order": 0, "attributes": ["sku"]})
        fake.put(
            "attributes",
            {
                "code": "sku",
                "type": "pim_catalog_identifier",
                "group": "other",
                "unique": True,
                "localizable": False,
                "scopable": False,
                "is_main_identifier": True,
                "labels": {"en_US": "SKU"},
            },
        )
        return fake

    @classmethod
    def demo(cls) -> FakeAkeneo:
        """A small realistic catalogue on top of `seeded()` (see `_fake_demo`)."""
        from ._fake_demo import load_demo

        fake = cls.seeded()
        load_demo(fake)
        return fake

    @classmethod
    def from_json(cls, source: str | Path) -> FakeAkeneo:
        """A seeded fake plus the items of a JSON file `{"<resource>": [item, ...], ...}` (resource
        names as on the client: `products_uuid`, `attribute_options`...), or of every `*.json`
        file of a directory, in name order."""
        fake = cls.seeded()
        path = Path(source)
        files = sorted(path.glob("*.json")) if path.is_dir() else [path]
        for file in files:
            document = json.loads(file.read_text(encoding="utf-8"))
            for resource, items in document.items():
                for item in items:
                    fake.put(resource, item)
        return fake

    def put(self, resource: str, item: Mapping[str, Any], **parents: str) -> None:
        """Store `item` in `resource` (the client attribute, `channels`), merged as a PATCH would;
        `parents` fill the path of nested resources (`attribute_code="color"`)."""
        path = self._collection_of(resource).format(**parents)
        data = dict(item)
        if path == PRODUCTS and "uuid" not in data:
            data["uuid"] = str(uuid_module.uuid4())
        key = str(data[_key_field(path)])
        try:
            self._save(path, self._find(path, key), key, data)
        except _Answer as refused:
            raise ValueError(f"{resource} {key!r}: {refused.response.text}") from None

    def items(self, resource: str, **parents: str) -> list[dict[str, Any]]:
        """What the fake holds in `resource`, in key order (for assertions)."""
        return self._stored(self._collection_of(resource), parents)

    def _collection_of(self, resource: str) -> str:
        for compiled in self._routes:
            route = compiled.route
            if route.resource == resource and route.kind in ("paginate", "fetch_list"):
                return route.path.removesuffix("/search")
        raise KeyError(f"no list route for the resource {resource!r}")

    # --- clients ------------------------------------------------------------------------------

    def client(self, **kwargs: Any) -> Akeneo:
        """A sync client wired to this fake (credentials set; extra arguments go to `Akeneo`)."""
        return Akeneo(**self._client_arguments(kwargs))

    def async_client(self, **kwargs: Any) -> AsyncAkeneo:
        """An async client wired to this fake."""
        return AsyncAkeneo(**self._client_arguments(kwargs))

    def _client_arguments(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        arguments: dict[str, Any] = {
            "base_url": BASE_URL,
            "client_id": CLIENT_ID,
            "secret": SECRET,
            "username": USERNAME,
            "password": PASSWORD,
        }
        if "http_client" not in kwargs:
            arguments["transport"] = self.transport
        arguments.update(kwargs)
        return arguments

    # --- fault control ------------------------------------------------------------------------

    def expire_tokens(self) -> None:
        """Every access token issued so far answers 401 from now on (refresh tokens stay valid)."""
        self._access_tokens.clear()

    def rate_limit(self, n: int, retry_after: int = 1) -> None:
        """The next `n` API calls answer 429 with `Retry-After: retry_after`."""
        self._rate_limited = n
        self._retry_after = retry_after

    def fail_next(self, n: int, status: int = 503) -> None:
        """The next `n` API calls answer `status`."""
        self._failures = [status] * n

    def drop_next(self, n: int) -> None:
        """The next `n` API calls lose their connection (`httpx.RemoteProtocolError`)."""
        self._drops = n

    # --- the transport ------------------------------------------------------------------------

    def _handle(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        self._record(request, body)
        path = request.url.path
        if path == TOKEN_PATH and request.method == "POST":
            return self._token(request, body)
        if self._drops:
            self._drops -= 1
            raise httpx.RemoteProtocolError("the fake PIM dropped the connection", request=request)
        if self._failures:
            status = self._failures.pop(0)
            return _error(status, "The fake PIM was told to fail this call.")
        if self._rate_limited:
            self._rate_limited -= 1
            return httpx.Response(
                429,
                headers={"Retry-After": str(self._retry_after)},
                json={"code": 429, "message": "Too many requests."},
            )
        for compiled in self._routes:
            match = compiled.pattern.match(path)
            if match is None or compiled.route.method != request.method:
                continue
            route = compiled.route
            if route.authenticated and not self._authorized(request):
                return _error(401, "Authentication is required")
            try:
                return self._dispatch(route, match.groupdict(), request, body)
            except _Answer as answer:
                return answer.response
        if any(c.pattern.match(path) for c in self._routes):
            return _error(405, f'No route found for "{request.method} {path}": Method Not Allowed')
        return _error(404, f'No route found for "{request.method} {path}"')

    def _record(self, request: httpx.Request, body: bytes) -> None:
        content_type = request.headers.get("content-type", "")
        decoded: Any = None
        try:
            if content_type.startswith("application/json"):
                decoded = json.loads(body)
            elif content_type.startswith(COLLECTION_TYPE):
                decoded = [json.loads(line) for line in body.splitlines() if line.strip()]
        except ValueError:
            decoded = None
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _SECRET_HEADERS}
        query = dict(request.url.params.items())
        self.requests.append(
            RecordedRequest(request.method, request.url.path, query, decoded, headers)
        )

    # --- tokens -------------------------------------------------------------------------------

    def _token(self, request: httpx.Request, body: bytes) -> httpx.Response:
        expected = base64.b64encode(f"{CLIENT_ID}:{SECRET}".encode()).decode()
        if request.headers.get("authorization") != f"Basic {expected}":
            return _error(
                422,
                'Parameter "client_id" is missing or does not match any client, '
                "or secret is invalid",
            )
        if request.headers.get("content-type", "").startswith("application/json"):
            grant: dict[str, Any] = json.loads(body or b"{}")
        else:
            grant = dict(httpx.QueryParams(body.decode()).items())
        if grant.get("grant_type") == "password":
            if grant.get("username") != USERNAME or grant.get("password") != PASSWORD:
                return _error(422, "Invalid username and password combination")
        elif grant.get("grant_type") == "refresh_token":
            refresh = grant.get("refresh_token")
            if refresh not in self._refresh_tokens:
                return _error(422, "Invalid refresh token")
            self._refresh_tokens.discard(str(refresh))
        else:
            return _error(400, "Invalid grant_type parameter or parameter missing")
        self._issued += 1
        access, refresh_token = f"fake-access-{self._issued}", f"fake-refresh-{self._issued}"
        self._access_tokens.add(access)
        self._refresh_tokens.add(refresh_token)
        return httpx.Response(
            200,
            json={
                "access_token": access,
                "expires_in": 3600,
                "token_type": "bearer",
                "scope": None,
                "refresh_token": refresh_token,
            },
        )

    def _authorized(self, request: httpx.Request) -> bool:
        header = request.headers.get("authorization", "")
        return header.startswith("Bearer ") and header[7:] in self._access_tokens

    # --- routes -------------------------------------------------------------------------------

    def _dispatch(
        self, route: Route, params: dict[str, str], request: httpx.Request, body: bytes
    ) -> httpx.Response:
        if route.path == REST:
            return httpx.Response(200, json={"host": BASE_URL, "authentication": {}, "routes": {}})
        if route.path.endswith("/system-information"):
            return httpx.Response(200, json={"version": "fake", "edition": "serenity"})
        if route.kind == "paginate":
            return self._list_page(route, params, request, body)
        if route.kind == "fetch_list":
            return httpx.Response(200, json=self._stored(route.path, params))
        if route.kind == "upsert_many":
            return self._upsert_many(route, params, request, body)
        if route.kind == "upload":
            return self._upload(route, request, body)
        if route.kind == "download":
            return self._download(route, params)
        if route.kind == "write" and route.body_param is not None and body.strip():
            errors = body_errors(route.body_param, _json_body(request, body))
            if errors:
                raise _Answer(422, "Validation failed.", errors=errors)
        last = _last_param(route.path)
        if last is None or route.path.endswith(("/draft", "/proposal")):
            if route.kind == "write" and route.method == "POST" and last is None:
                return self._create(route.path, params, request, body)
            raise _Answer(404, "The fake PIM has no drafts or proposals.")
        collection = route.path[: -len(last) - 3]
        key = params[last]
        if route.kind == "fetch_model":
            return httpx.Response(200, json=self._get(collection, params, key))
        if route.kind == "delete":
            path = collection.format(**params)
            found = self._find(path, key)
            if found is None:
                raise _Answer(404, _not_found(path, key))
            del self._stores[_store_path(path)][found]
            return httpx.Response(204)
        if route.kind == "write" and route.method == "PATCH":
            item = _json_object(request, body)
            return self._upsert_one(collection, params, key, item)
        if route.kind == "write" and route.method == "POST":
            # `POST /families/{family_code}/variants`: a create on a nested collection
            return self._create(route.path, params, request, body)
        raise _Answer(404, f"The fake PIM does not implement {route.method} {route.path}.")

    def _stored(self, template: str, params: Mapping[str, str]) -> list[dict[str, Any]]:
        path = template.format(**params)
        store = self._stores.get(_store_path(path), {})
        return [self._view(path, store[key]) for key in sorted(store)]

    def _find(self, path: str, key: str) -> str | None:
        """The store key of the item `key` names in `path` (products by identifier included)."""
        store = self._stores.get(_store_path(path), {})
        if path == IDENTIFIER_PRODUCTS:
            for uuid, item in store.items():
                if self._identifier_of(item) == key:
                    return uuid
            return None
        return key if key in store else None

    def _get(self, template: str, params: Mapping[str, str], key: str) -> dict[str, Any]:
        path = template.format(**params)
        found = self._find(path, key)
        if found is None:
            raise _Answer(404, _not_found(path, key))
        return self._view(path, self._stores[_store_path(path)][found])

    def _view(self, path: str, item: dict[str, Any]) -> dict[str, Any]:
        """An item as the route `path` answers it, with its `_links.self`."""
        shown = dict(item)
        key = item.get(_key_field(path))
        if path == IDENTIFIER_PRODUCTS:
            shown["identifier"] = self._identifier_of(item)
            key = shown["identifier"]
        shown["_links"] = {"self": {"href": f"{BASE_URL}{path}/{key}"}}
        return shown

    def _identifier_attribute(self) -> str:
        for attribute in self._stores.get(f"{REST}/attributes", {}).values():
            if attribute.get("type") == "pim_catalog_identifier":
                return str(attribute["code"])
        return "sku"

    def _identifier_of(self, product: Mapping[str, Any]) -> str | None:
        for value in product.get("values", {}).get(self._identifier_attribute(), []):
            if value.get("data"):
                return str(value["data"])
        return None

    # --- writes -------------------------------------------------------------------------------

    def _create(
        self, template: str, params: Mapping[str, str], request: httpx.Request, body: bytes
    ) -> httpx.Response:
        item = _json_object(request, body)
        path = template.format(**params)
        key_field = _key_field(path)
        if path == PRODUCTS and "uuid" not in item:
            item["uuid"] = str(uuid_module.uuid4())
        key = item.get(key_field)
        if not isinstance(key, str) or not key:
            raise _Answer(
                422,
                "Validation failed.",
                errors=[{"property": key_field, "message": "This value should not be blank."}],
            )
        if self._find(path, key) is not None:
            raise _Answer(
                422,
                "Validation failed.",
                errors=[{"property": key_field, "message": "This value is already used."}],
            )
        self._save(path, None, key, item)
        return httpx.Response(201, headers={"Location": f"{BASE_URL}{path}/{key}"})

    def _upsert_one(
        self, template: str, params: Mapping[str, str], key: str, item: dict[str, Any]
    ) -> httpx.Response:
        path = template.format(**params)
        found = self._find(path, key)
        status = self._save(path, found, key, item)
        return httpx.Response(status, headers={"Location": f"{BASE_URL}{path}/{key}"})

    def _save(self, path: str, found: str | None, key: str, item: dict[str, Any]) -> int:
        """Merge `item` into the stored one (or create it); 201 or 204. Raises a 422 _Answer."""
        store = self._stores.setdefault(_store_path(path), {})
        patch = dict(item)
        patch.pop("_links", None)
        if path == IDENTIFIER_PRODUCTS:
            patch.pop("identifier", None)
            identifier = self._identifier_attribute()
            values = dict(patch.get("values") or {})
            values[identifier] = [{"locale": None, "scope": None, "data": key}]
            patch["values"] = values
        else:
            patch[_key_field(path)] = key
        if found is None and path == IDENTIFIER_PRODUCTS:
            found = str(patch.get("uuid") or uuid_module.uuid4())
            patch["uuid"] = found
        elif found is None:
            found = key
        stored = store.get(found)
        if stored is None:
            stored = _defaults(_store_path(path))
            if path in HIGH_VOLUME:
                stored["created"] = _now()
        try:
            merged = merge_patch(stored, patch, resource=path)
        except MergeError as refused:
            raise _Answer(refused.status, refused.message) from None
        if path in HIGH_VOLUME:
            merged["updated"] = _now()
        self._check(path, merged)
        status = 204 if found in store else 201
        store[found] = merged
        return status

    def _check(self, path: str, item: Mapping[str, Any]) -> None:
        """Akeneo's 422s on products and product models (`_fake_merge.check_product`...)."""
        if path not in HIGH_VOLUME:
            return
        attributes = self._stores.get(f"{REST}/attributes", {})
        catalogue: dict[str, Any] = {
            "families": set(self._stores.get(f"{REST}/families", {})),
            "attributes": attributes,
            "known_options": {
                code: set(self._stores.get(f"{REST}/attributes/{code}/options", {}))
                for code in attributes
            },
            "channels": set(self._stores.get(f"{REST}/channels", {})),
            "locales": {
                code
                for code, locale in self._stores.get(f"{REST}/locales", {}).items()
                if locale.get("enabled", True)
            },
            "categories": set(self._stores.get(f"{REST}/categories", {})),
        }
        if path == f"{REST}/product-models":
            variants = self._stores.get(f"{REST}/families/{item.get('family')}/variants", {})
            errors = check_product_model(item, family_variants=set(variants), **catalogue)
        else:
            errors = check_product(
                item,
                product_models=set(self._stores.get(f"{REST}/product-models", {})),
                association_types=set(self._stores.get(f"{REST}/association-types", {})),
                **catalogue,
            )
        if errors:
            raise _Answer(422, "Validation failed.", errors=errors)

    def _upsert_many(
        self, route: Route, params: dict[str, str], request: httpx.Request, body: bytes
    ) -> httpx.Response:
        path = route.path.format(**params)
        key_field = route.key or _key_field(path)
        if route.batch_format == "json_array":
            items = _json_body(request, body)
            if not isinstance(items, list):
                raise _Answer(400, "Invalid json message received")
            if len(items) > MAX_BATCH_ITEMS:
                raise _Answer(413, "Too many resources to process, 100 is the maximum allowed.")
            results = [
                self._batch_item(path, key_field, item, None, route.body_param) for item in items
            ]
            for result in results:
                result.pop("line", None)
            return httpx.Response(200, json=results)
        content_type = request.headers.get("content-type", "")
        if not content_type.startswith(COLLECTION_TYPE):
            raise _Answer(415, f"Only '{COLLECTION_TYPE}' is allowed")
        lines = [line for line in body.split(b"\n") if line.strip()]
        if len(lines) > MAX_BATCH_ITEMS:
            raise _Answer(413, "Too many resources to process, 100 is the maximum allowed.")
        answers = []
        for number, line in enumerate(lines, start=1):
            if len(line) > MAX_LINE_LENGTH:
                answers.append({"line": number, "status_code": 413, "message": "Line is too long."})
                continue
            try:
                item = json.loads(line)
            except ValueError:
                answers.append(
                    {"line": number, "status_code": 400, "message": "Invalid json message received"}
                )
                continue
            answers.append(self._batch_item(path, key_field, item, number, route.body_param))
        out = "".join(json.dumps(answer) + "\n" for answer in answers)
        return httpx.Response(200, content=out.encode(), headers={"Content-Type": COLLECTION_TYPE})

    def _batch_item(
        self, path: str, key_field: str, item: Any, line: int | None, body_param: str | None
    ) -> dict[str, Any]:
        answer: dict[str, Any] = {"line": line}
        key = item.get(key_field) if isinstance(item, dict) else None
        if not isinstance(key, str) or not key:
            answer.update(status_code=422, message=f"The {key_field} is mandatory.")
            return answer
        answer[key_field] = key
        errors = body_errors(body_param, item) if body_param is not None else []
        if errors:
            answer.update(status_code=422, message="Validation failed.", errors=errors)
            return answer
        try:
            answer["status_code"] = self._save(path, self._find(path, key), key, item)
        except _Answer as refused:
            answer["status_code"] = refused.response.status_code
            detail = json.loads(refused.response.content)
            answer["message"] = detail["message"]
            if "errors" in detail:
                answer["errors"] = detail["errors"]
        return answer

    # --- lists --------------------------------------------------------------------------------

    def _list_page(
        self, route: Route, params: dict[str, str], request: httpx.Request, body: bytes
    ) -> httpx.Response:
        path = route.path.format(**params).removesuffix("/search")
        query = dict(request.url.params.items())
        search: Any = query.get("search")
        if route.method == "POST":
            search_body = _json_body(request, body) or {}
            search = search_body.get("search") if isinstance(search_body, dict) else None
        try:
            limit = int(query.get("limit", "10"))
            page = int(query.get("page", "1"))
        except ValueError:
            raise _Answer(422, "The page and limit parameters must be integers.") from None
        if limit > MAX_PAGE_LIMIT:
            raise _Answer(422, "You cannot request more than 100 items.")
        if limit < 1 or page < 1:
            raise _Answer(422, "The page and limit parameters must be positive.")
        items = self._stored(route.path.removesuffix("/search"), params)
        if search:
            matches = self._matcher(path, search, query)
            items = [item for item in items if matches(item)]
        search_after_only = "search_after" in route.query and "page" not in route.query
        url = f"{BASE_URL}{request.url.path}"

        def link(**changes: str | None) -> dict[str, str]:
            kept = {k: v for k, v in {**query, **changes}.items() if v is not None}
            return {"href": f"{url}?{urlencode(kept)}" if kept else url}

        if search_after_only or query.get("pagination_type") == "search_after":
            key_field = "uuid" if path == IDENTIFIER_PRODUCTS else _key_field(path)
            cursor = query.get("search_after")
            if cursor:
                after = base64.urlsafe_b64decode(cursor.encode()).decode()
                items = [item for item in items if str(item.get(key_field)) > after]
            chosen = items[:limit]
            links = {"self": link(), "first": link(search_after=None)}
            if len(items) > limit:
                last = str(chosen[-1].get(key_field))
                links["next"] = link(search_after=base64.urlsafe_b64encode(last.encode()).decode())
            return httpx.Response(200, json={"_links": links, "_embedded": {"items": chosen}})
        if path in HIGH_VOLUME and page * limit > OFFSET_CAP:
            raise _Answer(
                422,
                "You have reached the maximum number of pages you can retrieve with the "
                '"page" pagination type. Please use the search after pagination type instead',
            )
        chosen = items[(page - 1) * limit : page * limit]
        links = {"self": link(), "first": link(page="1")}
        if page > 1:
            links["previous"] = link(page=str(page - 1))
        if len(items) > page * limit:
            links["next"] = link(page=str(page + 1))
        envelope: dict[str, Any] = {"_links": links, "current_page": page}
        if query.get("with_count") == "true":
            envelope["items_count"] = len(items)
        envelope["_embedded"] = {"items": chosen}
        return httpx.Response(200, json=envelope)

    def _matcher(
        self, path: str, search: Any, query: Mapping[str, str]
    ) -> Callable[[dict[str, Any]], bool]:
        try:
            criteria = json.loads(search) if isinstance(search, str) else search
        except ValueError:
            raise _Answer(400, "Search query parameter should be valid JSON.") from None
        if not isinstance(criteria, dict):
            raise _Answer(400, "Search query parameter should be valid JSON.")
        try:
            return compile_search(
                criteria,
                resource=path,
                attributes=self._stores.get(f"{REST}/attributes", {}),
                search_locale=query.get("search_locale"),
                search_scope=query.get("search_scope"),
            )
        except FilterError as refused:
            raise _Answer(refused.status, refused.message) from None

    # --- media --------------------------------------------------------------------------------

    def _upload(self, route: Route, request: httpx.Request, body: bytes) -> httpx.Response:
        content_type = request.headers.get("content-type", "")
        if not content_type.startswith("multipart/form-data"):
            raise _Answer(415, "The request must be multipart/form-data.")
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(head + body)
        parts: dict[str, tuple[str | None, bytes]] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if isinstance(name, str) and isinstance(payload, bytes):
                parts[name] = (part.get_filename(), payload)
        if "file" not in parts:
            raise _Answer(
                422,
                'Property "file" is required.',
                errors=[{"property": "file", "message": "This value should not be blank."}],
            )
        filename, data = parts["file"]
        filename = filename or "file"
        digest = hashlib.sha1(data).hexdigest()
        code = f"{digest[0]}/{digest[1]}/{digest[2]}/{digest[3]}/{digest}_{filename}"
        self._media[code] = data
        self._stores.setdefault(route.path, {})[code] = {
            "code": code,
            "original_filename": filename,
            "mime_type": _mime_type(filename),
            "size": len(data),
            "extension": filename.rsplit(".", 1)[-1] if "." in filename else "",
        }
        headers = {"Location": f"{BASE_URL}{route.path}/{code}"}
        if route.code_header:
            headers[route.code_header] = code
        for owner, resource in (
            ("product", IDENTIFIER_PRODUCTS),
            ("product_model", f"{REST}/product-models"),
        ):
            if owner in parts:
                target = json.loads(parts[owner][1])
                key = str(target.get("identifier") or target.get("code"))
                value = {"locale": target.get("locale"), "scope": target.get("scope"), "data": code}
                self._upsert_one(resource, {}, key, {"values": {target["attribute"]: [value]}})
        return httpx.Response(201, headers=headers)

    def _download(self, route: Route, params: Mapping[str, str]) -> httpx.Response:
        code = next(iter(params.values()), "") if len(params) == 1 else params.get("code", "")
        if code not in self._media:
            raise _Answer(404, f'Media file "{code}" does not exist.')
        return httpx.Response(
            200, content=self._media[code], headers={"Content-Type": _mime_type(code)}
        )


# What Akeneo answers for a field a write left out, by collection.
_PRODUCT_DEFAULTS: dict[str, Any] = {
    "enabled": True,
    "family": None,
    "categories": [],
    "groups": [],
    "parent": None,
    "values": {},
    "associations": {},
    "quantified_associations": {},
}
_MODEL_DEFAULTS: dict[str, Any] = {
    "family_variant": None,
    "parent": None,
    "categories": [],
    "values": {},
    "associations": {},
    "quantified_associations": {},
}


def _defaults(path: str) -> dict[str, Any]:
    if path == PRODUCTS:
        return dict(_PRODUCT_DEFAULTS)
    if path == f"{REST}/product-models":
        return dict(_MODEL_DEFAULTS)
    if path.endswith(("/records", "/assets")):
        return {"values": {}}
    return {}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _mime_type(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def _last_param(template: str) -> str | None:
    match = re.search(r"/\{(\w+)\}$", template)
    return match.group(1) if match else None


def _store_path(path: str) -> str:
    """Products by identifier live in the products-uuid store: one catalogue, two views."""
    return PRODUCTS if path == IDENTIFIER_PRODUCTS else path


def _key_field(path: str) -> str:
    if path == PRODUCTS:
        return "uuid"
    if path == IDENTIFIER_PRODUCTS:
        return "identifier"
    return "code"


def _not_found(path: str, key: str) -> str:
    kind = path.rstrip("/").rsplit("/", 1)[-1].rstrip("s").replace("-", " ")
    return f'Resource "{kind}" with code "{key}" does not exist.'


def _json_body(request: httpx.Request, body: bytes) -> Any:
    if not request.headers.get("content-type", "").startswith("application/json"):
        raise _Answer(
            415,
            "The 'Content-Type' header is missing. 'application/json' has to specified as value.",
        )
    try:
        return json.loads(body)
    except ValueError:
        raise _Answer(400, "Invalid json message received") from None


def _json_object(request: httpx.Request, body: bytes) -> dict[str, Any]:
    item = _json_body(request, body)
    if not isinstance(item, dict):
        raise _Answer(422, "The body must be a JSON object.")
    return item
