"""The same behaviours checked through both clients: each test runs once with `SyncAPIClient` and
once with `AsyncAPIClient` (the `api` fixture). Retries never really wait (`sleeps` fixture)."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import logging
import traceback
from collections.abc import AsyncIterator, Callable, Iterator
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from akeneo_runtime_under_test import _errors as errors
from akeneo_runtime_under_test._batch import BatchError
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._files import CHUNK_SIZE

PATCH_CHANNEL = Endpoint("channels_patch", "PATCH", "/api/rest/v1/channels/{code}")
GET_FAMILY = Endpoint("families_get", "GET", "/api/rest/v1/families/{code}")
PATCH_PRODUCTS = Endpoint("products_uuid_patch_list", "PATCH", "/api/rest/v1/products-uuid")
GET_OPTION = Endpoint(
    "attribute_options_get", "GET", "/api/rest/v1/attributes/{attribute_code}/options/{code}"
)
UPLOAD_MEDIA = Endpoint("media_files_post", "POST", "/api/rest/v1/media-files")
DOWNLOAD_MEDIA = Endpoint(
    "media_files_download",
    "GET",
    "/api/rest/v1/media-files/{code}/download",
    keep_slashes=frozenset({"code"}),
)
CHANNEL_PATH = "/api/rest/v1/channels/x"
FAMILY_PATH = "/api/rest/v1/families/shoes"
PRODUCTS = "/api/rest/v1/products-uuid"
MEDIA = "/api/rest/v1/media-files"
TOKEN_PATH = "/api/oauth/v1/token"
BASIC = base64.b64encode(b"client-id:s3cr3t-CLIENT-SECRET").decode()
SECRETS = ["s3cr3t-CLIENT-SECRET", "pa55-USER-PASSWORD", "tok1", "ref1", "tok2", "ref2", BASIC]


class Api:
    """Runs `action(client)` on a fresh sync client, or awaits it on a fresh async one.

    `action` is written once for both: with the async client it returns an awaitable."""

    def __init__(self, mode: str, make_client: Any, make_async_client: Any) -> None:
        self.mode = mode
        self._make_client = make_client
        self._make_async_client = make_async_client

    def run(self, action: Callable[[Any], Any], **settings: Any) -> Any:
        if self.mode == "sync":
            return action(self._make_client(**settings))

        async def main() -> Any:
            async with self._make_async_client(**settings) as client:
                return await action(client)

        return asyncio.run(main())


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest, make_client: Any, make_async_client: Any) -> Api:
    return Api(request.param, make_client, make_async_client)


def patch_channel(client: Any) -> Any:
    return client.write(PATCH_CHANNEL, path_params={"code": "x"}, json={"labels": {}})


# ------------------------------------------------------------------------------ errors, retries
@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, errors.BadRequestError),
        (401, errors.AuthenticationError),
        (403, errors.PermissionDeniedError),
        (404, errors.NotFoundError),
        (405, errors.MethodNotAllowedError),
        (406, errors.NotAcceptableError),
        (409, errors.ConflictError),
        (413, errors.PayloadTooLargeError),
        (415, errors.UnsupportedMediaTypeError),
        (422, errors.UnprocessableEntityError),
        (429, errors.RateLimitError),
        (500, errors.InternalServerError),
        (502, errors.InternalServerError),
        (503, errors.InternalServerError),
        (418, errors.APIStatusError),
    ],
)
def test_each_status_maps_to_its_class(
    api: Api, pim: Any, status: int, cls: type[errors.APIStatusError]
) -> None:
    body = {"code": status, "message": f"the server says {status}"}
    pim.add("PATCH", CHANNEL_PATH, httpx.Response(status, json=body))
    with pytest.raises(cls) as info:
        api.run(patch_channel, max_retries=0, access_token="app")
    error = info.value
    assert type(error) is cls
    assert isinstance(error, errors.APIStatusError) and isinstance(error, errors.AkeneoError)
    assert error.status_code == status
    assert error.body == body
    assert error.method == "PATCH"
    assert error.url == "https://pim.example.com/api/rest/v1/channels/x"
    assert error.operation_id == "channels_patch"
    assert error.server_message == f"the server says {status}"
    text = str(error)
    assert text.startswith(f"{status} ")
    assert "from PATCH https://pim.example.com/api/rest/v1/channels/x (channels_patch)" in text
    assert text.endswith(f": the server says {status}")


def test_422_errors_are_parsed(api: Api, pim: Any) -> None:
    body = {
        "code": 422,
        "message": "Validation failed.",
        "errors": [
            {"property": "labels", "message": "This value should be a string."},
            {
                "property": "values",
                "message": "Too long.",
                "attribute": "name",
                "locale": "en_US",
                "scope": "ecommerce",
            },
        ],
        "_links": {"documentation": {"href": "https://api.akeneo.com/doc"}},
    }
    pim.add("PATCH", CHANNEL_PATH, httpx.Response(422, json=body))
    with pytest.raises(errors.UnprocessableEntityError) as info:
        api.run(patch_channel)
    error = info.value
    assert error.server_message == "Validation failed."
    assert [(e.property, e.message) for e in error.errors] == [
        ("labels", "This value should be a string."),
        ("values", "Too long."),
    ]
    assert (error.errors[1].attribute, error.errors[1].locale, error.errors[1].scope) == (
        "name",
        "en_US",
        "ecommerce",
    )
    assert error.errors[1].raw["message"] == "Too long."
    assert str(error) == (
        "422 Unprocessable Entity from PATCH https://pim.example.com/api/rest/v1/channels/x "
        '(channels_patch): Validation failed. property "labels": This value should be a string.; '
        'property "values", attribute "name", locale "en_US", scope "ecommerce": Too long.'
    )


def test_retry_after_is_honoured(api: Api, pim: Any, sleeps: list[float]) -> None:
    limited = httpx.Response(429, headers={"Retry-After": "7"}, json={"message": "slow down"})
    pim.add("GET", FAMILY_PATH, limited, httpx.Response(200, json={"code": "shoes"}))
    answer = api.run(lambda c: c.fetch_json(GET_FAMILY, path_params={"code": "shoes"}))
    assert answer == {"code": "shoes"}
    assert sleeps == [7.0]


def test_retries_are_bounded_by_count(api: Api, pim: Any, sleeps: list[float]) -> None:
    pim.add("GET", FAMILY_PATH, httpx.Response(503, json={"message": "busy"}))
    with pytest.raises(errors.InternalServerError):
        api.run(lambda c: c.fetch_json(GET_FAMILY, path_params={"code": "shoes"}), max_retries=2)
    assert len(pim.calls("GET", FAMILY_PATH)) == 3  # one try + 2 retries
    assert len(sleeps) == 2


def test_retries_are_bounded_by_total_wait(api: Api, pim: Any, sleeps: list[float]) -> None:
    limited = httpx.Response(429, headers={"Retry-After": "50"}, json={"message": "later"})
    pim.add("GET", FAMILY_PATH, limited)
    with pytest.raises(errors.RateLimitError):
        api.run(
            lambda c: c.fetch_json(GET_FAMILY, path_params={"code": "shoes"}),
            max_retries=10,
            max_retry_time=120,
        )
    assert sleeps == [50.0, 50.0]  # a third wait would pass 120 s
    assert len(pim.calls("GET", FAMILY_PATH)) == 3


# ---------------------------------------------------------------------------------- batches
def mixed_results(request: httpx.Request) -> httpx.Response:
    """Akeneo-like NDJSON answer, in reverse order: per uuid 201, 204 or 422 by its number."""
    out = []
    for line_number, line in enumerate(request.content.decode().split("\n"), start=1):
        uuid = json.loads(line)["uuid"]
        number = int(uuid.rsplit("-", 1)[1])
        answer: dict[str, Any] = {"line": line_number, "uuid": uuid}
        if number % 10 == 3:
            answer |= {
                "status_code": 422,
                "message": "Validation failed.",
                "errors": [{"property": "values", "attribute": "name", "message": f"bad {number}"}],
            }
        else:
            answer["status_code"] = 201 if number % 2 else 204
        out.append(json.dumps(answer))
    return httpx.Response(200, text="\n".join(reversed(out)) + "\n")


def products(count: int) -> Iterator[dict[str, Any]]:
    for number in range(count):
        yield {"uuid": f"uuid-{number}", "values": {"name": [{"data": f"p{number}"}]}}


def upsert(items: Any, **kwargs: Any) -> Callable[[Any], Any]:
    return lambda client: client.upsert_many(
        PATCH_PRODUCTS, items, key="uuid", format="ndjson", **kwargs
    )


def test_250_items_split_100_100_50_with_mixed_results_in_order(api: Api, pim: Any) -> None:
    pim.add("PATCH", PRODUCTS, mixed_results)
    seen: list[Any] = []
    report = api.run(upsert(products(250), on_result=seen.append))
    sizes = [len(c.content.decode().split("\n")) for c in pim.calls("PATCH", PRODUCTS)]
    assert sizes == [100, 100, 50]
    assert len(report) == 250
    assert [r.index for r in report] == list(range(250))
    # each result, key included, went to on_result; the report keeps failures whole
    assert sorted((r.index, r.key) for r in seen) == [(n, f"uuid-{n}") for n in range(250)]
    assert [r.key for r in report.failed] == [f"uuid-{n}" for n in range(250) if n % 10 == 3]
    for number, result in enumerate(report):
        if number % 10 == 3:
            assert not result.ok and result.status_code == 422
            assert result.errors[0].message == f"bad {number}"
        else:
            assert result.ok and result.status_code == (201 if number % 2 else 204)
            assert result.created == (number % 2 == 1)
        assert result.line == number % 100 + 1  # the line within its own request
    assert len(report.failed) == 25


def test_250_items_with_concurrency_keep_input_order(api: Api, pim: Any) -> None:
    pim.add("PATCH", PRODUCTS, mixed_results)
    seen: list[Any] = []
    report = api.run(upsert(products(250), concurrency=3, on_result=seen.append))
    assert sorted((r.index, r.key) for r in seen) == [(n, f"uuid-{n}") for n in range(250)]
    assert [r.index for r in report] == list(range(250))
    assert [r.index for r in report.failed] == [n for n in range(250) if n % 10 == 3]


def test_dropped_connection_is_reported_item_by_item(
    api: Api, pim: Any, sleeps: list[float]
) -> None:
    """The second request's connection drops (reset while reading the answer): each of its items
    gets the error; the chunk after it is not sent, and says so."""
    answered: list[int] = []

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == PRODUCTS:
            first_uuid = json.loads(request.content.split(b"\n", 1)[0])["uuid"]
            if first_uuid == "uuid-100":
                raise httpx.ReadError("connection reset by peer")
            answered.append(len(request.content.split(b"\n")))
        return pim.handle(request)

    pim.add("PATCH", PRODUCTS, mixed_results)
    report = api.run(upsert(products(250)), transport=httpx.MockTransport(handle), max_retries=1)
    assert answered == [100]
    assert len(report) == 250 and [r.index for r in report] == list(range(250))
    assert all(r.sent for r in report[:100])
    assert [r.index for r in report[:100] if not r.ok] == [n for n in range(100) if n % 10 == 3]
    dropped = report[100:200]
    for result in dropped:
        assert result.sent and not result.ok and result.status_code is None
        assert isinstance(result.error, errors.APIConnectionError)
        assert "connection reset by peer" in (result.message or "")
    assert dropped[0].error is dropped[99].error
    assert all(not r.sent and not r.ok for r in report[200:])
    assert all((r.message or "").startswith("not sent: ") for r in report[200:])
    assert len(sleeps) == 1  # PATCH is idempotent: retried once, then given up


def test_oversize_line_is_refused_before_sending(api: Api, pim: Any) -> None:
    pim.add("PATCH", PRODUCTS, mixed_results)
    huge = {"uuid": "uuid-1", "values": {"description": [{"data": "x" * 1_000_000}]}}
    items = [{"uuid": "uuid-0"}, huge, {"uuid": "uuid-2"}]
    seen: list[Any] = []
    report = api.run(upsert(items, on_result=seen.append))
    assert sorted((r.index, r.key) for r in seen) == [(0, "uuid-0"), (1, "uuid-1"), (2, "uuid-2")]
    assert not report[1].sent and not report[1].ok and report[1].status_code is None
    assert "over Akeneo's limit of 1000000" in (report[1].message or "")
    sent = pim.calls("PATCH", PRODUCTS)[0].content.decode().split("\n")
    assert [json.loads(line)["uuid"] for line in sent] == ["uuid-0", "uuid-2"]
    assert len(pim.calls("PATCH", PRODUCTS)[0].content) < 1000
    assert report[0].ok and report[2].ok and report[2].line == 2


# ------------------------------------------------------------------------------------- files
def form_fields(request: httpx.Request) -> dict[str, tuple[str | None, str | None, bytes]]:
    """{name: (filename, content type, bytes)} of a multipart body, parsed by the email package."""
    head = b"Content-Type: " + request.headers["content-type"].encode() + b"\r\n\r\n"
    message = BytesParser(policy=policy.HTTP).parsebytes(head + request.content)
    assert message.is_multipart()
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        content_type = part.get_content_type() if "content-type" in part else None
        payload = part.get_payload(decode=True)
        assert isinstance(name, str) and isinstance(payload, bytes)
        fields[name] = (part.get_filename(), content_type, payload)
    return fields


def test_multipart_upload_field_by_field(api: Api, pim: Any, tmp_path: Path) -> None:
    image = tmp_path / "shoe photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n--not-a-boundary--\r\n\x00\xff")
    location = "https://pim.example.com/api/rest/v1/media-files/1/d/7/f/abc_shoe%20photo.png"
    pim.add("POST", MEDIA, httpx.Response(201, headers={"Location": location}))
    product = {"uuid": "uuid-1", "attribute": "picture", "scope": None, "locale": "en_US"}
    code = api.run(
        lambda c: c.upload(
            UPLOAD_MEDIA, file=image, json_parts={"product": product, "product_model": None}
        )
    )
    assert code == "1/d/7/f/abc_shoe photo.png"
    request = pim.calls("POST", MEDIA)[0]
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    fields = form_fields(request)
    assert set(fields) == {"file", "product"}  # product_model=None is left out
    assert fields["file"] == ("shoe photo.png", "image/png", image.read_bytes())
    filename, content_type, raw = fields["product"]
    assert filename is None and content_type is None  # a plain form field
    assert raw == b'{"uuid":"uuid-1","attribute":"picture","scope":null,"locale":"en_US"}'


class GrowingFile:
    """The body of a download, served in many chunks; before handing out each chunk it records
    how much of the body is already on disk (in the temporary `.part` file next to the target)."""

    def __init__(self, folder: Path, chunks: int, size: int) -> None:
        self.folder = folder
        self.chunks = [bytes([65 + n % 26]) * size for n in range(chunks)]
        self.on_disk: list[int] = []

    def _record(self) -> None:
        parts = list(self.folder.glob(".*.part"))
        self.on_disk.append(parts[0].stat().st_size if parts else 0)

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self._record()
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            self._record()
            yield chunk


class _SyncBody(httpx.SyncByteStream):
    def __init__(self, body: GrowingFile) -> None:
        self.body = body

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.body)


class _AsyncBody(httpx.AsyncByteStream):
    def __init__(self, body: GrowingFile) -> None:
        self.body = body

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self.body.__aiter__()


def test_download_is_streamed_to_disk_chunk_by_chunk(api: Api, pim: Any, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    body = GrowingFile(folder, chunks=24, size=CHUNK_SIZE)
    total = 24 * CHUNK_SIZE
    raw_path = "/api/rest/v1/media-files/a/b/big.bin/download"
    stream = _SyncBody(body) if api.mode == "sync" else _AsyncBody(body)
    pim.add("GET", raw_path, lambda request: httpx.Response(200, stream=stream))
    target = folder / "big.bin"
    result = api.run(
        lambda c: c.download(DOWNLOAD_MEDIA, path_params={"code": "a/b/big.bin"}, to=target)
    )
    assert result.content is None and result.path == target and result.size == total
    assert target.read_bytes() == b"".join(body.chunks)
    # The file grew while the body was still arriving: written as it came, never held whole.
    assert len(body.on_disk) == 24
    assert body.on_disk == sorted(body.on_disk)
    assert len(set(body.on_disk)) >= 12
    assert body.on_disk[-1] >= total - 2 * CHUNK_SIZE
    for served, on_disk in enumerate(body.on_disk):
        assert on_disk >= (served - 2) * CHUNK_SIZE  # at most a chunk or two in memory
    assert [p.name for p in folder.iterdir()] == ["big.bin"]  # no temporary file left


# ------------------------------------------------------------------------------- path, secrets
@pytest.mark.parametrize("code", ["a/b", "a?b=c", "a#frag", "100%", "with space", "..", "é&+="])
def test_path_params_are_encoded_as_one_segment(api: Api, code: str) -> None:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    api.run(
        lambda c: c.fetch_json(GET_OPTION, path_params={"attribute_code": "color", "code": code}),
        transport=httpx.MockTransport(record),
        access_token="t",
    )
    raw = seen[0].url.raw_path.decode()
    prefix = "/api/rest/v1/attributes/color/options/"
    assert raw.startswith(prefix)
    segment = raw[len(prefix) :]
    assert "/" not in segment and "?" not in segment and "#" not in segment
    assert unquote(segment) == code
    assert seen[0].url.query == b""


def test_no_secret_in_logs_messages_or_reprs(
    api: Api, pim: Any, caplog: pytest.LogCaptureFixture, sleeps: list[float]
) -> None:
    refused = httpx.Response(422, json={"code": 422, "message": "Refresh token is invalid"})
    pim.add("POST", TOKEN_PATH, pim.issue_token, refused, pim.issue_token)
    unauthorized = httpx.Response(401, json={"code": 401, "message": "expired"})
    boom = httpx.Response(500, json={"code": 500, "message": "boom"})
    pim.add("GET", FAMILY_PATH, httpx.Response(200, json={}), unauthorized, boom)
    pim.add("PATCH", PRODUCTS, httpx.Response(500, json={"code": 500, "message": "down"}))
    texts: list[str] = []

    def describe(error: BaseException) -> None:
        texts.extend([str(error), repr(error), repr(error.__dict__)])
        texts.append("".join(traceback.format_exception(error)))

    def scenario(client: Any) -> Any:
        texts.extend([repr(client), str(client), repr(client.__dict__), repr(client._auth)])
        texts.extend([repr(client._credentials), repr(client._auth.__dict__)])
        if api.mode == "sync":
            client.fetch_json(GET_FAMILY, path_params={"code": "shoes"})
            try:
                client.fetch_json(GET_FAMILY, path_params={"code": "shoes"})
            except errors.AkeneoError as exc:
                describe(exc)
            report = client.upsert_many(PATCH_PRODUCTS, [{"uuid": "u"}], key="uuid")
            return report, client

        async def steps() -> Any:
            await client.fetch_json(GET_FAMILY, path_params={"code": "shoes"})
            try:
                await client.fetch_json(GET_FAMILY, path_params={"code": "shoes"})
            except errors.AkeneoError as exc:
                describe(exc)
            report = await client.upsert_many(PATCH_PRODUCTS, [{"uuid": "u"}], key="uuid")
            return report, client

        return steps()

    with caplog.at_level(logging.DEBUG):
        report, client = api.run(scenario, max_retries=1)
    assert [b["grant_type"] for b in pim.token_bodies] == ["password", "refresh_token", "password"]
    assert len(texts) > 6
    with pytest.raises(BatchError) as info:
        report.raise_for_errors()
    describe(info.value)
    texts += [repr(report), repr(list(report)), repr(client), repr(client._auth)]
    texts += [record.getMessage() for record in caplog.records] + [caplog.text]
    joined = "\n".join(texts)
    for secret in SECRETS:
        assert secret not in joined, secret
    assert "pim.example.com" in joined and "boom" in joined  # the texts are not empty


class Pipe(io.RawIOBase):
    """A file object that can be read once (a socket, a pipe): it cannot be rewound."""

    def __init__(self, data: bytes) -> None:
        self.data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer: Any) -> int:
        chunk = self.data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_an_unseekable_upload_is_not_retried(api: Api, pim: Any, sleeps: list[float]) -> None:
    pim.add("POST", MEDIA, httpx.Response(429, json={"message": "slow"}))
    with pytest.raises(errors.RateLimitError, match="429"):
        api.run(lambda client: client.upload(UPLOAD_MEDIA, file=Pipe(b"once"), filename="p.bin"))
    assert len(pim.calls("POST", MEDIA)) == 1 and sleeps == []


def test_401_on_an_unseekable_upload_is_raised_not_replayed_empty(api: Api, pim: Any) -> None:
    """Replaying would send the consumed stream: an empty file the server would accept."""
    created = httpx.Response(201, headers={"Location": f"https://pim.example.com{MEDIA}/a/b.bin"})
    unauthorized = httpx.Response(401, json={"code": 401, "message": "expired"})
    pim.add("POST", MEDIA, unauthorized, created)

    def scenario(client: Any) -> Any:
        if api.mode == "sync":
            with pytest.raises(errors.AuthenticationError, match="expired"):
                client.upload(UPLOAD_MEDIA, file=Pipe(b"once"), filename="p.bin")
            return client.upload(UPLOAD_MEDIA, file=Pipe(b"again"), filename="p.bin")

        async def steps() -> Any:
            with pytest.raises(errors.AuthenticationError, match="expired"):
                await client.upload(UPLOAD_MEDIA, file=Pipe(b"once"), filename="p.bin")
            return await client.upload(UPLOAD_MEDIA, file=Pipe(b"again"), filename="p.bin")

        return steps()

    assert api.run(scenario) == "a/b.bin"
    calls = pim.calls("POST", MEDIA)
    assert [form_fields(c)["file"][2] for c in calls] == [b"once", b"again"]
    # The rejected token was dropped: the next upload went with a refreshed one.
    assert [c.headers["authorization"] for c in calls] == ["Bearer tok1", "Bearer tok2"]
    assert [b["grant_type"] for b in pim.token_bodies] == ["password", "refresh_token"]
