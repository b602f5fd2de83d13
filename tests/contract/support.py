"""The validating mock PIM behind the generated contract tests (generated/tests/test_operations.py).

Each test builds a `MockPIM` for one operation and plugs it into the generated client as its httpx
transport. For every request the client sends, the mock PIM:

1. checks that it is the operation under test (method and path template);
2. validates it against the spec with openapi-core: path, query, headers, security, content type
   and body (multipart parts included). A collection PATCH in
   `application/vnd.akeneo.collection+json` is NDJSON whose schema describes ONE line: each line is
   validated on its own, and more than 100 lines break Akeneo's limit. openapi-core converts query
   values loosely and ignores undeclared headers, so the wire format Akeneo reads is checked by
   hand first (`_check_wire_format`): booleans spelled `true`/`false`, `search` a JSON object,
   lists comma-joined, the Accept header, percent-encoded path parameters, no `_links` sent;
3. answers with the operation's example from the spec (a success, an error, or one of two pages);
4. validates that answer against the spec too.

A violation raises `ContractViolation` with openapi-core's message inside the client call, so the
test fails there. The helpers then compare what the client parsed with the example that was served.
The expectations here (exception class per status, what each kind of operation returns) are written
by hand from the spec and CONTRACT.md, not taken from the generator.
"""

from __future__ import annotations

import asyncio
import copy
import inspect
import json
import re
import sys
import uuid
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlencode

import httpx
import pytest
from openapi_core import OpenAPI
from openapi_core.configurations import Config
from openapi_core.datatypes import RequestParameters
from openapi_core.deserializing.media_types.util import data_form_loads
from werkzeug.datastructures import Headers, ImmutableMultiDict

from generator.load import load_spec

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "generated") not in sys.path:
    sys.path.insert(0, str(ROOT / "generated"))

import akeneo_pim  # noqa: E402  (generated/ must be on sys.path first)
from akeneo_pim import Akeneo, AsyncAkeneo  # noqa: E402

SPEC = ROOT / "spec" / "openapi.yaml"
BASE = "https://pim.example.com"  # the spec's server, with its default host
NDJSON = "application/vnd.akeneo.collection+json"
JSON = "application/json"
MAX_BATCH_LINES = 100  # Akeneo answers 413 past this many lines or items
HTTP_METHODS = ("get", "put", "post", "delete", "patch")

# The exception each documented status must raise (CONTRACT.md, `_errors.py`).
EXCEPTIONS: dict[int, type[akeneo_pim.APIStatusError]] = {
    400: akeneo_pim.BadRequestError,
    401: akeneo_pim.AuthenticationError,
    403: akeneo_pim.PermissionDeniedError,
    404: akeneo_pim.NotFoundError,
    405: akeneo_pim.MethodNotAllowedError,
    406: akeneo_pim.NotAcceptableError,
    409: akeneo_pim.ConflictError,
    413: akeneo_pim.PayloadTooLargeError,
    415: akeneo_pim.UnsupportedMediaTypeError,
    422: akeneo_pim.UnprocessableEntityError,
    429: akeneo_pim.RateLimitError,
}


class ContractViolation(AssertionError):
    """A request or an answer that breaks the spec, or a client that did what it should not."""


# -- the spec --------------------------------------------------------------------------------------
def _ndjson_line(value: bytes, **parameters: str) -> Any:
    """openapi-core deserializer of the collection media type: the mock PIM hands it one line."""
    return json.loads(value)


@cache
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = load_spec(SPEC).document
    return loaded


@cache
def openapi() -> OpenAPI:
    config = Config(
        extra_media_type_deserializers={NDJSON: _ndjson_line, "multipart/form-data": _form_loads}
    )
    return OpenAPI.from_dict(document(), config=config)


def resolve(node: Any) -> Any:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        target: Any = document()
        for token in node["$ref"].removeprefix("#/").split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


@dataclass(frozen=True)
class SpecOperation:
    operation_id: str
    method: str  # upper case
    path: str
    node: dict[str, Any]

    @property
    def keep_slashes(self) -> set[str]:
        return {p["name"] for p in self.parameters("path") if p.get("x-akeneo-keep-slashes")}

    @property
    def path_names(self) -> list[str]:
        return re.findall(r"\{([^}]+)\}", self.path)

    @property
    def pattern(self) -> re.Pattern[str]:
        keep = self.keep_slashes

        def segment(match: re.Match[str]) -> str:
            return "(.+)" if match.group(1) in keep else "([^/]+)"

        return re.compile("^" + re.sub(r"\\\{([^}]+)\\\}", segment, re.escape(self.path)) + "$")

    def parameters(self, where: str) -> list[dict[str, Any]]:
        declared = [
            *document()["paths"][self.path].get("parameters", []),
            *self.node.get("parameters", []),
        ]
        return [p for p in map(resolve, declared) if p.get("in") == where]

    @property
    def request_content(self) -> dict[str, Any]:
        content: dict[str, Any] = resolve(self.node.get("requestBody") or {}).get("content") or {}
        return content

    @property
    def batch(self) -> dict[str, Any] | None:
        batch: dict[str, Any] | None = self.node.get("x-akeneo-batch")
        return batch

    @property
    def upload(self) -> bool:
        return "multipart/form-data" in self.request_content

    @property
    def pagination(self) -> str | None:
        value = self.node.get("x-akeneo-pagination")
        return str(value) if value else None

    @property
    def basic_auth(self) -> bool:
        security = self.node.get("security", document().get("security", []))
        return any("basicAuth" in requirement for requirement in security)

    @property
    def success_status(self) -> str:
        return sorted(s for s in self.node["responses"] if s.startswith("2"))[0]

    def response(self, status: str) -> dict[str, Any]:
        found: dict[str, Any] = resolve(self.node["responses"][status])
        return found

    @property
    def download(self) -> bool:
        content = self.response(self.success_status).get("content") or {}
        return any(_is_binary(media.get("schema")) for media in content.values())

    def request_example(self) -> Any:
        for media_type in sorted(self.request_content, key=lambda m: m != JSON):
            example = example_of(self.request_content[media_type])
            if example is not None:
                return example
        return None


def _is_binary(schema: Any) -> bool:
    schema = resolve(schema)
    return isinstance(schema, dict) and (
        (schema.get("type") == "string" and schema.get("format") == "binary")
        or "contentMediaType" in schema
    )


def example_of(media: dict[str, Any]) -> Any:
    if "example" in media:
        return copy.deepcopy(media["example"])
    for example in (media.get("examples") or {}).values():
        example = resolve(example)
        if isinstance(example, dict) and "value" in example:
            return copy.deepcopy(example["value"])
    return None


@cache
def operations() -> dict[str, SpecOperation]:
    found: dict[str, SpecOperation] = {}
    for path, item in document()["paths"].items():
        for method in HTTP_METHODS:
            if isinstance(item.get(method), dict):
                node = item[method]
                found[node["operationId"]] = SpecOperation(
                    node["operationId"], method.upper(), path, node
                )
    return found


# -- openapi-core adapters -------------------------------------------------------------------------
def openapi_path(path: str, op: SpecOperation) -> str:
    """The path as openapi-core can route it: the slashes that a parameter sent unescaped
    (`x-akeneo-keep-slashes`, media codes) are escaped, as openapi-core's templates stop at `/`."""
    match = op.pattern.match(path)
    if match is not None and op.keep_slashes:
        pieces, last = [], 0
        for index, name in enumerate(op.path_names, start=1):
            start, end = match.span(index)
            value = match.group(index)
            pieces.append(path[last:start])
            pieces.append(value.replace("/", "%2F") if name in op.keep_slashes else value)
            last = end
        pieces.append(path[last:])
        return "".join(pieces)
    return path


def _form_loads(value: bytes, **parameters: str) -> Any:
    """multipart/form-data with every part as text: under OpenAPI 3.1 openapi-core checks a
    `format: binary` part as a string, so the file's bytes are handed over as (lossless) text."""
    parts = data_form_loads(value, **parameters)
    return ImmutableMultiDict(
        [
            (name, part.decode("utf-8", "surrogateescape") if isinstance(part, bytes) else part)
            for name, part in parts.items(multi=True)
        ]
    )


class OpenAPIRequest:
    """An httpx.Request as openapi-core's Request protocol; `body` may be one NDJSON line."""

    def __init__(
        self, request: httpx.Request, op: SpecOperation, body: bytes | None = None
    ) -> None:
        url = request.url
        self.host_url = f"{url.scheme}://{url.netloc.decode('ascii')}"
        self.path = openapi_path(url.raw_path.decode("ascii").split("?", 1)[0], op)
        self.method = request.method.lower()
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(url.params.multi_items())),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict(),
        )
        self.content_type = request.headers.get("content-type", "")
        self.body = request.content if body is None else body


class OpenAPIResponse:
    def __init__(self, response: httpx.Response, data: bytes | None = None) -> None:
        self.status_code = response.status_code
        self.content_type = response.headers.get("content-type", "")
        self.headers = Headers(list(response.headers.items()))
        self.data = response.content if data is None else data


def describe(error: BaseException) -> str:
    """openapi-core's message with the schema errors found underneath it."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        text = str(current)
        parts.append(f"{type(current).__name__}: {text[:600]}{'...' if len(text) > 600 else ''}")
        for schema_error in getattr(current, "schema_errors", None) or []:
            where = "/".join(str(p) for p in schema_error.absolute_path)
            parts.append(f"  at /{where}: {schema_error.message[:300]}")
        current = current.__cause__ or current.__context__
    return "\n".join(parts)


def _lines(content: bytes) -> list[bytes]:
    return [line for line in content.split(b"\n") if line.strip()]


# A path parameter as RFC 6570 simple expansion sends it: unreserved characters or %XX escapes.
_ENCODED_SEGMENT = re.compile(r"^(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+$")


def _is_list_parameter(parameter: dict[str, Any]) -> bool:
    """A query parameter holding a list: an array schema, or a string documented as
    comma-separated (`locales`, `attributes`)."""
    schema = resolve(parameter.get("schema") or {})
    description = str(parameter.get("description") or schema.get("description") or "")
    return schema.get("type") == "array" or "comma-separated" in description.lower()


def _links_in(value: Any, where: str = "") -> Iterator[str]:
    """Where `_links` keys sit in a JSON document (JSON pointers)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "_links":
                yield f"{where}/_links"
            yield from _links_in(item, f"{where}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _links_in(item, f"{where}/{index}")


# -- the mock PIM ----------------------------------------------------------------------------------
@dataclass
class Exchange:
    request: httpx.Request
    response: httpx.Response
    served: Any = None  # the decoded body served (JSON), or the bytes of a download


@dataclass
class MockPIM:
    """One operation's mock PIM. `error`: answer that status; `pages`: serve two pages that way."""

    operation_id: str
    error: str | None = None
    pages: str | None = None
    file_size: int = 1000
    exchanges: list[Exchange] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)

    @property
    def op(self) -> SpecOperation:
        return operations()[self.operation_id]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        try:
            self._check_route(request)
            self._validate_request(request)
            response, served = self._answer(request)
            response.request = request
            self._validate_response(request, response)
        except ContractViolation as violation:
            self.violations.append(str(violation))
            raise
        self.exchanges.append(Exchange(request, response, served))
        return response

    def violation(self, request: httpx.Request, message: str) -> ContractViolation:
        return ContractViolation(f"{self.operation_id}: {request.method} {request.url}\n{message}")

    # -- requests --------------------------------------------------------------------------------
    def _check_route(self, request: httpx.Request) -> None:
        path = request.url.raw_path.decode("ascii").split("?", 1)[0]
        if request.method != self.op.method or not self.op.pattern.match(path):
            raise self.violation(
                request,
                f"the client called another route: expected {self.op.method} {self.op.path}",
            )
        if self.pages is None and self.op.batch is None and self.exchanges:
            raise self.violation(request, "one call sent more than one request")
        # A batch refused as too large (413, or 403) is sent again in halves: more requests.
        split = self.op.batch is not None and self.error in ("403", "413")
        if len(self.exchanges) >= 2 + (self.pages is not None) and not split:
            raise self.violation(request, "the client went on past the last page")

    def _validate_request(self, request: httpx.Request) -> None:
        self._check_wire_format(request)
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        bodies: list[bytes | None] = [None]
        if content_type == NDJSON:
            bodies = list(_lines(request.content))
            if not bodies:
                raise self.violation(request, "an empty collection PATCH")
            if len(bodies) > MAX_BATCH_LINES:
                raise self.violation(
                    request, f"{len(bodies)} lines in one request: Akeneo takes {MAX_BATCH_LINES}"
                )
        for number, body in enumerate(bodies, start=1):
            try:
                openapi().validate_request(OpenAPIRequest(request, self.op, body))
            except Exception as error:
                line = f" (line {number})" if body is not None else ""
                raise self.violation(
                    request, f"request breaks the spec{line}:\n{describe(error)}"
                ) from error

    def _check_wire_format(self, request: httpx.Request) -> None:
        """What openapi-core lets through but Akeneo refuses or misreads."""
        self._check_path_encoding(request)
        self._check_query_values(request)
        self._check_accept(request)
        self._check_no_links(request)

    def _check_path_encoding(self, request: httpx.Request) -> None:
        path = request.url.raw_path.decode("ascii").split("?", 1)[0]
        match = self.op.pattern.match(path)
        if match is None:  # _check_route has already refused it
            return
        for index, name in enumerate(self.op.path_names, start=1):
            raw = match.group(index)
            if name in self.op.keep_slashes:
                if "%2f" in raw.lower():
                    raise self.violation(
                        request,
                        f"path parameter {name!r} is {raw!r}: it is x-akeneo-keep-slashes, its "
                        "slashes must be sent unescaped, not as %2F",
                    )
                segments = raw.split("/")
            else:
                segments = [raw]
            for segment in segments:
                if not _ENCODED_SEGMENT.match(segment) or segment in (".", ".."):
                    raise self.violation(
                        request,
                        f"path parameter {name!r} is sent as {raw!r}: the spec's template "
                        f"({self.op.path}) implies every character but A-Z a-z 0-9 - . _ ~"
                        + (" and /" if name in self.op.keep_slashes else "")
                        + " percent-encoded (a lone `.` or `..` segment included)",
                    )

    def _check_query_values(self, request: httpx.Request) -> None:
        params = request.url.params
        for parameter in self.op.parameters("query"):
            name = parameter["name"]
            schema = resolve(parameter.get("schema") or {})
            for value in params.get_list(name):
                if schema.get("type") == "boolean" and value not in ("true", "false"):
                    raise self.violation(
                        request,
                        f"query parameter {name!r} is {value!r}: Akeneo reads a boolean only as "
                        "`true` or `false`",
                    )
                if parameter.get("x-akeneo-search"):
                    try:
                        parsed = json.loads(value)
                    except ValueError as error:
                        raise self.violation(
                            request,
                            f"query parameter {name!r} is {value!r}: not JSON ({error}); Akeneo "
                            "expects a JSON object of filters",
                        ) from error
                    if not isinstance(parsed, dict):
                        raise self.violation(
                            request,
                            f"query parameter {name!r} is {value!r}: a JSON "
                            f"{type(parsed).__name__}, Akeneo expects a JSON object of filters",
                        )
                if _is_list_parameter(parameter) and value.lstrip().startswith("["):
                    raise self.violation(
                        request,
                        f"query parameter {name!r} is {value!r}: a list goes out comma-joined "
                        "(`a,b`), not as a JSON array",
                    )

    def _check_accept(self, request: httpx.Request) -> None:
        """JSON operations: absent or application/json. Binary downloads: absent or `*/*` (the
        file has its own type). Collection PATCHes answer NDJSON, not JSON: absent, `*/*` or the
        collection type."""
        accept = request.headers.get("accept")
        if accept is None:
            return
        success = self.op.response(self.op.success_status).get("content") or {}
        if self.op.download:
            kind, allowed = "a binary download", ("*/*",)
        elif NDJSON in success:
            kind, allowed = "a collection (NDJSON) operation", ("*/*", NDJSON)
        else:
            kind, allowed = "a JSON operation", (JSON,)
        if accept.strip() not in allowed:
            raise self.violation(
                request,
                f"Accept is {accept!r} on {kind}: it must be absent or "
                + " or ".join(repr(a) for a in allowed),
            )

    def _check_no_links(self, request: httpx.Request) -> None:
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        if content_type == NDJSON:
            documents = [(f"line {n}", line) for n, line in enumerate(_lines(request.content), 1)]
        elif content_type == JSON and request.content:
            documents = [("body", request.content)]
        else:
            return
        for label, data in documents:
            try:
                body = json.loads(data)
            except ValueError as error:
                raise self.violation(request, f"the {label} is not JSON: {error}") from error
            found = next(_links_in(body), None)
            if found is not None:
                raise self.violation(
                    request, f"the {label} sends `_links` at {found}: it is read-only, never sent"
                )

    # -- answers ---------------------------------------------------------------------------------
    def _answer(self, request: httpx.Request) -> tuple[httpx.Response, Any]:
        status = self.error or self.op.success_status
        spec_response = self.op.response(status)
        headers = self._headers(request, spec_response)
        content = spec_response.get("content") or {}
        if not content:
            return httpx.Response(int(status), headers=headers), None
        media_type, media = next(iter(content.items()))
        if _is_binary(media.get("schema")):
            data = bytes(range(256)) * (self.file_size // 256 + 1)
            data = data[: self.file_size]
            headers["Content-Type"] = (
                media_type if "*" not in media_type else "application/octet-stream"
            )
            return httpx.Response(int(status), headers=headers, content=data), data
        example = example_of(media)
        if example is None:
            raise self.violation(request, f"the spec has no example of the {status} answer")
        if media_type == NDJSON:
            served = self._batch_lines(request, example)
            body = "".join(json.dumps(line) + "\n" for line in served)
            headers["Content-Type"] = NDJSON
            return httpx.Response(int(status), headers=headers, content=body.encode()), served
        if self.op.batch is not None and self.error is None and isinstance(example, list):
            example = self._batch_array(request, example)
        elif self.op.pagination is not None and self.error is None:
            example = self._page(request, example)
        headers["Content-Type"] = media_type
        return httpx.Response(int(status), headers=headers, json=example), example

    def _headers(self, request: httpx.Request, spec_response: dict[str, Any]) -> dict[str, str]:
        headers: dict[str, str] = {}
        for name, header in (spec_response.get("headers") or {}).items():
            header = resolve(header)
            schema = resolve(header.get("schema") or {})
            if "example" in header:
                headers[name] = str(header["example"])
            elif name.lower() == "location":
                headers[name] = self._location(request)
            elif name.lower() == "retry-after" or schema.get("type") == "integer":
                headers[name] = "1"
            else:
                headers[name] = "contract-value"
        code_header = self.op.node.get("x-akeneo-code-header")
        if code_header and self.error is None:
            headers[code_header] = UPLOADED_CODE
        return headers

    def _location(self, request: httpx.Request) -> str:
        path = request.url.raw_path.decode("ascii").split("?", 1)[0]
        if self.op.upload:
            return f"{BASE}{path}/{UPLOADED_CODE}" if "{" not in self.op.path else f"{BASE}{path}"
        if self.op.method == "POST" and request.content:
            body = json.loads(request.content)
            for key in ("code", "identifier", "uuid", "id"):
                if isinstance(body, dict) and isinstance(body.get(key), str):
                    return f"{BASE}{path}/{body[key]}"
            return f"{BASE}{path}/new-resource"
        return f"{BASE}{path}"

    def _batch_lines(self, request: httpx.Request, example: Any) -> list[dict[str, Any]]:
        key = (self.op.batch or {}).get("key", "code")
        served = []
        for number, line in enumerate(_lines(request.content), start=1):
            item = json.loads(line)
            answer = {k: v for k, v in example.items() if k not in ("message", "errors")}
            answer["line"] = number
            if key in item:
                answer[key] = item[key]
            served.append(answer)
        return served

    def _batch_array(self, request: httpx.Request, example: list[Any]) -> list[dict[str, Any]]:
        key = (self.op.batch or {}).get("key", "code")
        template = {k: v for k, v in example[0].items() if k not in ("message", "errors")}
        return [{**template, key: item.get(key)} for item in json.loads(request.content)]

    def _page(self, request: httpx.Request, example: dict[str, Any]) -> dict[str, Any]:
        page = dict(example)
        links = dict(page.get("_links") or {})
        links.pop("next", None)
        if self.pages is not None and len(self.exchanges) == 0:
            query = dict(request.url.params.multi_items())
            if self.pages == "page":
                query["page"] = "2"
            else:
                query["pagination_type"] = "search_after"
                query["search_after"] = "cursor-of-page-2"
            path = request.url.raw_path.decode("ascii").split("?", 1)[0]
            links["next"] = {"href": f"{BASE}{path}?{urlencode(query)}"}
        elif self.pages == "page" and "current_page" in page:
            page["current_page"] = 2
        page["_links"] = links
        return page

    def _validate_response(self, request: httpx.Request, response: httpx.Response) -> None:
        content_type = response.headers.get("content-type", "").split(";")[0].strip()
        datas: list[bytes | None] = [None]
        if content_type == NDJSON:
            datas = list(_lines(response.content))
        elif self.op.download and self.error is None:
            # Under OpenAPI 3.1 openapi-core checks a `format: binary` body as a string: hand the
            # file's bytes over as (lossless) text.
            datas = [response.content.decode("latin-1")]  # type: ignore[list-item]
        bodies = _lines(request.content) if request.headers.get("content-type") == NDJSON else []
        for data in datas:
            try:
                openapi().validate_response(
                    OpenAPIRequest(request, self.op, bodies[0] if bodies else None),
                    OpenAPIResponse(response, data),
                )
            except Exception as error:
                raise self.violation(
                    request,
                    f"the answer built from the spec's example breaks the spec:\n{describe(error)}",
                ) from error

    # -- after the call --------------------------------------------------------------------------
    def assert_clean(self) -> None:
        assert not self.violations, "\n\n".join(self.violations)
        assert self.exchanges, f"{self.operation_id}: the client sent no request"


UPLOADED_CODE = "1/2/3/4/1234abcd_contract_upload.png"


# -- running both flavours -------------------------------------------------------------------------
def _client_options(pim: MockPIM) -> dict[str, Any]:
    options: dict[str, Any] = {"base_url": BASE, "max_retries": 0}
    if pim.op.basic_auth:
        options.update(client_id="client", secret="secret", username="user", password="password")
    else:
        options["access_token"] = "contract-access-token"
    return options


def run_sync(pim: MockPIM, call: Callable[..., object], *args: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with Akeneo(transport=httpx.MockTransport(pim), **_client_options(pim)) as akeneo:
            result = call(akeneo, *args)
            if isinstance(result, akeneo_pim.SyncPaginator):
                result = list(result)
    return result


def run_async(pim: MockPIM, call: Callable[..., object], *args: Any) -> Any:
    async def main() -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            async with AsyncAkeneo(
                transport=httpx.MockTransport(pim), **_client_options(pim)
            ) as akeneo:
                result = call(akeneo, *args)
                if inspect.isawaitable(result):
                    result = await result
                if isinstance(result, akeneo_pim.AsyncPaginator):
                    result = [item async for item in result]
                return result

    return asyncio.run(main())


# -- what the client parsed ------------------------------------------------------------------------
def plain(value: Any) -> Any:
    """A parsed value as JSON data: models dumped with their wire names."""
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def _as_datetime(value: Any) -> datetime | None:
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}T", value):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def differences(parsed: Any, example: Any, where: str = "") -> Iterator[str]:
    """Where the parsed value, dumped back to JSON, differs from the example served."""
    if isinstance(example, dict) and isinstance(parsed, dict):
        for key in example.keys() | parsed.keys():
            if key not in parsed:
                yield f"{where}/{key}: lost by the client"
            elif key not in example:
                yield f"{where}/{key}: added by the client ({parsed[key]!r})"
            else:
                yield from differences(parsed[key], example[key], f"{where}/{key}")
    elif isinstance(example, list) and isinstance(parsed, list):
        if len(example) != len(parsed):
            yield f"{where}: {len(parsed)} items parsed, {len(example)} served"
        for index, (a, b) in enumerate(zip(parsed, example, strict=False)):
            yield from differences(a, b, f"{where}/{index}")
    elif parsed != example or type(parsed) is not type(example):
        moment = _as_datetime(example)
        if moment is not None and moment == _as_datetime(parsed):
            return
        if isinstance(example, int | float) and not isinstance(example, bool) and parsed == example:
            return
        yield f"{where or '/'}: parsed {parsed!r}, served {example!r}"


def check_result(pim: MockPIM, result: Any, items: list[Any] | None = None) -> None:
    op = pim.op
    last = pim.exchanges[-1]
    if op.batch is not None:
        assert isinstance(result, akeneo_pim.BatchReport), type(result)
        key = op.batch.get("key", "code")
        sent = items if items is not None else _sent_items(pim)
        assert [r.index for r in result] == list(range(len(sent))), "results out of order"
        # A plain success is kept as its status only (key None) so that reports stay small.
        for r, item in zip(result, sent, strict=True):
            assert r.key == str(item.get(key)) or (r.key is None and r.ok), "keys out of order"
        served = [line for exchange in pim.exchanges for line in exchange.served]
        assert [r.status_code for r in result] == [line["status_code"] for line in served]
        return
    if op.upload and "{" in op.path:
        # A file attached to the resource the path names: the write result of that resource.
        assert isinstance(result, akeneo_pim.WriteResult), type(result)
        assert result.status_code == last.response.status_code
        assert result.location == last.response.headers.get("location")
        assert result.body == last.served
        return
    if op.upload:
        # The code header when the route has one, else what ends `Location` (CONTRACT.md).
        location = last.response.headers.get("location", "")
        expected = (
            UPLOADED_CODE
            if UPLOADED_CODE in location or op.node.get("x-akeneo-code-header")
            else unquote(location.rstrip("/").rsplit("/", 1)[-1])
        )
        assert result == expected, f"upload returned {result!r}, expected {expected!r}"
        return
    if op.download:
        assert isinstance(result, akeneo_pim.DownloadedFile)
        assert result.content == last.served and result.path is None
        assert result.size == len(last.served)
        return
    if op.method == "DELETE" and last.served is None:
        assert result is None
        return
    if last.served is None:  # a write answered by headers only
        assert isinstance(result, akeneo_pim.WriteResult), type(result)
        assert result.status_code == last.response.status_code
        assert result.created == (last.response.status_code == 201)
        assert result.location == last.response.headers.get("location")
        return
    if op.pagination is not None:
        expected = [item for e in pim.exchanges for item in e.served["_embedded"]["items"]]
    else:
        expected = last.served
    problems = list(differences(plain(result), expected))
    assert (
        not problems
    ), f"{op.operation_id}: parsed answer differs from the example:\n" + "\n".join(problems)


def _sent_items(pim: MockPIM) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []
    for exchange in pim.exchanges:
        if exchange.request.headers.get("content-type") == NDJSON:
            sent.extend(json.loads(line) for line in _lines(exchange.request.content))
        else:
            sent.extend(json.loads(exchange.request.content))
    return sent


# -- the checks the generated tests call -----------------------------------------------------------
SyncCall = Callable[..., object]
AsyncCall = Callable[..., object]


def check_sync(operation_id: str, call: SyncCall) -> None:
    """The operation, called with the spec's examples: valid request, example answer parsed."""
    pim = MockPIM(operation_id)
    result = run_sync(pim, call)
    pim.assert_clean()
    check_result(pim, result)


def check_async(operation_id: str, call: AsyncCall) -> None:
    pim = MockPIM(operation_id)
    result = run_async(pim, call)
    pim.assert_clean()
    check_result(pim, result)


def check_error(operation_id: str, status: str, call: SyncCall, acall: AsyncCall) -> None:
    """A documented error answer raises its exception class, with the server's message parsed."""
    expected_class = EXCEPTIONS[int(status)]
    example = example_of(
        next(iter((operations()[operation_id].response(status).get("content") or {}).values()), {})
    )
    for runner, function in ((run_sync, call), (run_async, acall)):
        pim = MockPIM(operation_id, error=status)
        if pim.op.batch is not None:
            report = runner(pim, function)
            assert report, "no result"
            for result in report:
                assert isinstance(result.error, expected_class), (status, result.error)
                assert result.status_code == int(status)
                if isinstance(example, dict) and "message" in example:
                    assert example["message"] in (result.message or ""), result.message
            error: Any = report[0].error
        else:
            with pytest.raises(expected_class) as caught:
                runner(pim, function)
            error = caught.value
        assert not pim.violations, "\n\n".join(pim.violations)
        assert type(error) is expected_class, type(error)
        assert error.status_code == int(status)
        if isinstance(example, dict) and "message" in example:
            assert error.server_message == example["message"]
            assert example["message"] in str(error)
        if isinstance(example, dict) and example.get("errors"):
            parsed = [(e.property, e.message) for e in error.errors]
            assert parsed == [(e.get("property"), e.get("message")) for e in example["errors"]]


def check_pages(operation_id: str, mode: str, call: SyncCall, acall: AsyncCall) -> None:
    """A list spread over two pages (`page` or `search_after` links): both read, in order."""
    for runner, function in ((run_sync, call), (run_async, acall)):
        pim = MockPIM(operation_id, pages=mode)
        result = runner(pim, function)
        pim.assert_clean()
        assert len(pim.exchanges) == 2, f"{len(pim.exchanges)} pages read, 2 served"
        second = pim.exchanges[1].request.url.params
        if mode == "page":
            assert second.get("page") == "2"
        else:
            assert second.get("search_after") == "cursor-of-page-2"
        check_result(pim, result)
        assert len(result) == 2 * len(pim.exchanges[0].served["_embedded"]["items"]) > 0


def many_items(operation_id: str, count: int) -> list[dict[str, Any]]:
    """`count` distinct items built from the operation's request example."""
    op = operations()[operation_id]
    example = op.request_example()
    item = example[0] if isinstance(example, list) else example
    key = (op.batch or {}).get("key", "code")
    items = []
    for index in range(count):
        copied = copy.deepcopy(item)
        if key == "uuid":
            copied[key] = str(uuid.UUID(int=index + 1))
        else:
            copied[key] = f"{copied.get(key, 'item')}_{index}"
        items.append(copied)
    return items


def check_split(operation_id: str, call: SyncCall, acall: AsyncCall, count: int = 150) -> None:
    """101+ items go out in requests of at most 100; one result per item, in input order."""
    items = many_items(operation_id, count)
    for runner, function in ((run_sync, call), (run_async, acall)):
        pim = MockPIM(operation_id)
        report = runner(pim, function, items)
        pim.assert_clean()
        sizes = [len(_sent_items(MockPIM(operation_id, exchanges=[e]))) for e in pim.exchanges]
        assert sizes == [100, count - 100], f"chunks of {sizes}"
        assert _sent_items(pim) == items, "items changed or reordered on the way"
        check_result(pim, report, items)


def check_stream(operation_id: str, tmp_path: Path, call: SyncCall, acall: AsyncCall) -> None:
    """A download with `to=` is streamed to disk: the file holds every byte, none kept in memory."""
    for name, runner, function in (("sync", run_sync, call), ("async", run_async, acall)):
        pim = MockPIM(operation_id, file_size=300_000)
        target = tmp_path / f"{name}.bin"
        result = runner(pim, function, target)
        pim.assert_clean()
        assert isinstance(result, akeneo_pim.DownloadedFile)
        assert result.content is None and result.path is not None
        assert Path(result.path).read_bytes() == pim.exchanges[0].served
        assert result.size == 300_000
