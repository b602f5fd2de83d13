"""Uploads (multipart, new code) and downloads (streamed to disk or in memory)."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._errors import NotFoundError, UnexpectedResponseError
from akeneo_runtime_under_test._files import DownloadedFile

UPLOAD_MEDIA = Endpoint("media_files_post", "POST", "/api/rest/v1/media-files")
UPLOAD_ASSET_MEDIA = Endpoint("asset_media_files_post", "POST", "/api/rest/v1/asset-media-files")
DOWNLOAD_MEDIA = Endpoint(
    "media_files_download",
    "GET",
    "/api/rest/v1/media-files/{code}/download",
    keep_slashes=frozenset({"code"}),
)
MEDIA = "/api/rest/v1/media-files"
CODE = "1/d/7/f/abc123_shoe photo.jpg"
LOCATION = "https://pim.example.com/api/rest/v1/media-files/1/d/7/f/abc123_shoe%20photo.jpg"


def parts(request: httpx.Request) -> dict[str, tuple[str | None, str | None, bytes]]:
    """Parse a multipart body into {name: (filename, content type, content)}."""
    boundary = request.headers["content-type"].split("boundary=", 1)[1].encode()
    found: dict[str, tuple[str | None, str | None, bytes]] = {}
    for chunk in request.content.split(b"--" + boundary)[1:-1]:
        head, _, body = chunk.strip(b"\r\n").partition(b"\r\n\r\n")
        headers = dict(line.split(": ", 1) for line in head.decode().split("\r\n") if ": " in line)
        disposition = headers["Content-Disposition"]
        name = disposition.split('name="', 1)[1].split('"', 1)[0]
        filename = (
            disposition.split('filename="', 1)[1].split('"', 1)[0]
            if "filename=" in disposition
            else None
        )
        found[name] = (filename, headers.get("Content-Type"), body)
    return found


def test_upload_from_path_with_product_part(make_client: Any, pim: Any, tmp_path: Path) -> None:
    image = tmp_path / "shoe.jpg"
    image.write_bytes(b"\xff\xd8jpeg-bytes")
    pim.add("POST", MEDIA, httpx.Response(201, headers={"Location": LOCATION}))
    product = {"identifier": "sku-1", "attribute": "picture", "scope": None, "locale": None}
    code = make_client().upload(
        UPLOAD_MEDIA, file=image, json_parts={"product": product, "product_model": None}
    )
    assert code == CODE  # the whole code after the collection path, unquoted
    request = pim.calls("POST", MEDIA)[0]
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    found = parts(request)
    assert set(found) == {"file", "product"}
    assert found["file"] == ("shoe.jpg", "image/jpeg", b"\xff\xd8jpeg-bytes")
    assert json.loads(found["product"][2]) == product
    assert found["product"][0] is None  # a plain form field, not a file


def test_upload_code_from_header(make_client: Any, pim: Any) -> None:
    pim.add(
        "POST",
        "/api/rest/v1/asset-media-files",
        httpx.Response(
            201,
            headers={
                "Location": "https://pim.example.com/api/rest/v1/asset-media-files/x",
                "Asset-media-file-code": "a/b/c/d/e_photo.png",
            },
        ),
    )
    code = make_client().upload(
        UPLOAD_ASSET_MEDIA,
        file=b"png-bytes",
        filename="photo.png",
        code_header="Asset-media-file-code",
    )
    assert code == "a/b/c/d/e_photo.png"
    found = parts(pim.calls("POST", "/api/rest/v1/asset-media-files")[0])
    assert found["file"] == ("photo.png", "image/png", b"png-bytes")


PAM_REFERENCE = Endpoint(
    "post_reference_files__locale_code_",
    "POST",
    "/api/rest/v1/assets/{asset_code}/reference-files/{locale_code}",
    deprecated="The PAM is deprecated.",
)


@pytest.mark.parametrize(
    ("answer", "body"),
    [
        (httpx.Response(201, headers={"Location": "x"}), None),
        (
            httpx.Response(
                201,
                headers={"Location": "x"},
                json={"message": "Some variations could not be generated.", "errors": []},
            ),
            {"message": "Some variations could not be generated.", "errors": []},
        ),
    ],
)
def test_upload_to_an_existing_resource_returns_its_write_result(
    make_client: Any, pim: Any, answer: httpx.Response, body: object
) -> None:
    path = "/api/rest/v1/assets/shoe%2Fred/reference-files/no-locale"
    location = f"https://pim.example.com{path}"
    answer.headers["Location"] = location
    pim.add("POST", path, answer)
    with pytest.warns(DeprecationWarning, match="PAM"):
        result = make_client().upload_to(
            PAM_REFERENCE,
            file=b"tiff-bytes",
            filename="shoe.tif",
            path_params={"asset_code": "shoe/red", "locale_code": "no-locale"},
        )
    assert result.status_code == 201 and result.created
    assert result.location == location
    assert result.body == body  # the server's warnings are kept, not thrown away
    assert parts(pim.calls("POST", path)[0])["file"][2] == b"tiff-bytes"


def test_upload_from_file_object_is_retried_from_the_start(
    make_client: Any, pim: Any, sleeps: list[float]
) -> None:
    pim.add(
        "POST",
        MEDIA,
        httpx.Response(429, json={"message": "slow"}),
        httpx.Response(201, headers={"Location": LOCATION}),
    )
    stream = io.BytesIO(b"whole content")
    code = make_client().upload(UPLOAD_MEDIA, file=stream, filename="c.txt")
    assert code == CODE
    bodies = [parts(r)["file"][2] for r in pim.calls("POST", MEDIA)]
    assert bodies == [b"whole content", b"whole content"]


def test_upload_without_location_is_reported(make_client: Any, pim: Any) -> None:
    pim.add("POST", MEDIA, httpx.Response(201))
    with pytest.raises(UnexpectedResponseError, match="Location"):
        make_client().upload(UPLOAD_MEDIA, file=b"x", filename="x.bin")


def test_upload_location_pointing_at_download(make_client: Any, pim: Any) -> None:
    location = "https://pim.example.com/api/rest/v1/media-files/a/b/c_x.jpg/download"
    pim.add("POST", MEDIA, httpx.Response(201, headers={"Location": location}))
    assert make_client().upload(UPLOAD_MEDIA, file=b"x", filename="x.jpg") == "a/b/c_x.jpg"


def test_download_to_memory(make_client: Any, pim: Any) -> None:
    raw_path = "/api/rest/v1/media-files/1/d/7/f/abc123_shoe%20photo.jpg/download"
    pim.add(
        "GET",
        raw_path,
        httpx.Response(
            200,
            content=b"jpeg!",
            headers={
                "Content-Type": "image/jpeg; charset=binary",
                "Content-Disposition": 'attachment; filename="shoe photo.jpg"',
            },
        ),
    )
    result = make_client().download(DOWNLOAD_MEDIA, path_params={"code": CODE})
    assert result == DownloadedFile(
        path=None, content=b"jpeg!", filename="shoe photo.jpg", content_type="image/jpeg", size=5
    )
    request = pim.calls("GET", raw_path)[0]
    assert request.headers.get("accept") != "application/json"


class ChunkedStream(httpx.SyncByteStream):
    """A body delivered in chunks, counting how many were handed out."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.served = 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.served += 1
            yield chunk


def test_download_streams_to_a_path(make_client: Any, pim: Any, tmp_path: Path) -> None:
    chunks = [bytes([n]) * 70_000 for n in range(5)]
    stream = ChunkedStream(chunks)
    raw_path = "/api/rest/v1/media-files/a/b/big.bin/download"
    pim.add(
        "GET",
        raw_path,
        lambda request: httpx.Response(
            200, stream=stream, headers={"Content-Type": "application/octet-stream"}
        ),
    )
    target = tmp_path / "out" / "copy.bin"
    result = make_client().download(DOWNLOAD_MEDIA, path_params={"code": "a/b/big.bin"}, to=target)
    assert result.path == target and result.content is None
    assert result.size == 350_000
    assert target.read_bytes() == b"".join(chunks)
    assert stream.served == 5
    assert [p.name for p in target.parent.iterdir()] == ["copy.bin"]  # no temp file left


def test_download_into_a_directory_uses_the_server_name(
    make_client: Any, pim: Any, tmp_path: Path
) -> None:
    raw_path = "/api/rest/v1/media-files/a/x.pdf/download"
    pim.add(
        "GET",
        raw_path,
        httpx.Response(
            200,
            content=b"%PDF",
            headers={"Content-Disposition": "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf"},
        ),
    )
    result = make_client().download(DOWNLOAD_MEDIA, path_params={"code": "a/x.pdf"}, to=tmp_path)
    assert result.filename == "résumé.pdf"
    assert result.path == tmp_path / "résumé.pdf"
    assert result.path.read_bytes() == b"%PDF"


def test_failed_download_leaves_nothing(make_client: Any, pim: Any, tmp_path: Path) -> None:
    target = tmp_path / "copy.bin"
    with pytest.raises(NotFoundError):
        make_client().download(DOWNLOAD_MEDIA, path_params={"code": "nope"}, to=target)
    assert list(tmp_path.iterdir()) == []


def test_interrupted_download_leaves_no_partial_file(
    make_client: Any, pim: Any, tmp_path: Path
) -> None:
    class Broken(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            yield b"partial"
            raise httpx.ReadError("connection reset")

    pim.add(
        "GET", "/api/rest/v1/media-files/z/download", lambda r: httpx.Response(200, stream=Broken())
    )
    target = tmp_path / "copy.bin"
    with pytest.raises(Exception, match="connection reset"):
        make_client(max_retries=0).download(DOWNLOAD_MEDIA, path_params={"code": "z"}, to=target)
    assert list(tmp_path.iterdir()) == []


def test_async_upload_and_download(make_async_client: Any, pim: Any, tmp_path: Path) -> None:
    pim.add("POST", MEDIA, httpx.Response(201, headers={"Location": LOCATION}))
    pim.add(
        "GET",
        "/api/rest/v1/media-files/1/d/7/f/abc123_shoe%20photo.jpg/download",
        httpx.Response(200, content=b"abc" * 1000, headers={"Content-Type": "image/jpeg"}),
    )
    source = tmp_path / "in.jpg"
    source.write_bytes(b"img")

    async def main() -> tuple[str, DownloadedFile, DownloadedFile]:
        async with make_async_client() as client:
            code = await client.upload(UPLOAD_MEDIA, file=str(source))
            to_disk = await client.download(
                DOWNLOAD_MEDIA, path_params={"code": code}, to=tmp_path / "out.jpg"
            )
            in_memory = await client.download(DOWNLOAD_MEDIA, path_params={"code": code})
            return code, to_disk, in_memory

    code, to_disk, in_memory = asyncio.run(main())
    assert code == CODE
    assert to_disk.path is not None and to_disk.path.read_bytes() == b"abc" * 1000
    assert in_memory.content == b"abc" * 1000 and in_memory.content_type == "image/jpeg"
    assert parts(pim.calls("POST", MEDIA)[0])["file"] == ("in.jpg", "image/jpeg", b"img")


@pytest.mark.parametrize(
    "disposition",
    [
        'attachment; filename="../../evil"',
        'attachment; filename="..\\\\..\\\\evil"',
        "attachment; filename*=UTF-8''..%2F..%2Fevil",
    ],
)
def test_server_name_cannot_escape_the_directory(
    make_client: Any, pim: Any, tmp_path: Path, disposition: str
) -> None:
    target = tmp_path / "a" / "b"
    target.mkdir(parents=True)
    pim.add(
        "GET",
        "/api/rest/v1/media-files/x/download",
        httpx.Response(200, content=b"payload", headers={"Content-Disposition": disposition}),
    )
    result = make_client().download(DOWNLOAD_MEDIA, path_params={"code": "x"}, to=target)
    assert result.path is not None
    assert result.path.resolve().parent == target.resolve()
    assert result.path.name == "evil"
    assert result.path.read_bytes() == b"payload"
    landed = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert landed == ["a", "a/b", "a/b/evil"]
