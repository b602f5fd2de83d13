"""A user's script: run against a mock PIM in each fresh venv, and checked with mypy --strict there.

It imports only the installed package (never generated/), so it proves the wheel works as users
install it, and any typing regression of the public API fails `make package-test`.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path

import akeneo_pim
import httpx
from akeneo_pim import (
    Akeneo,
    AsyncAkeneo,
    BatchReport,
    DownloadedFile,
    NotFoundError,
    SyncPaginator,
    WriteResult,
    models,
)
from akeneo_pim.params import ChannelBatchItemParam
from akeneo_pim.testing import FakeAkeneo

BASE = "https://pim.example.com"


def channel(code: str) -> dict[str, object]:
    return {"code": code, "locales": ["en_US"], "currencies": ["EUR"], "category_tree": "master"}


def pim(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path == "/api/rest/v1/channels" and request.method == "GET":
        page = request.url.params.get("page", "1")
        links: dict[str, object] = {"self": {"href": str(request.url)}}
        if page == "1":
            links["next"] = {"href": f"{BASE}/api/rest/v1/channels?page=2&limit=2"}
        items = [channel(f"c{page}a"), channel(f"c{page}b")]
        return httpx.Response(200, json={"_links": links, "_embedded": {"items": items}})
    if path == "/api/rest/v1/channels" and request.method == "PATCH":
        lines = [json.loads(line) for line in request.content.splitlines()]
        answers = [
            json.dumps({"line": n, "code": item["code"], "status_code": 204})
            for n, item in enumerate(lines, start=1)
        ]
        return httpx.Response(200, text="\n".join(answers))
    if path == "/api/rest/v1/channels/web" and request.method == "GET":
        return httpx.Response(200, json=channel("web"))
    if path == "/api/rest/v1/channels/web" and request.method == "PATCH":
        return httpx.Response(204, headers={"Location": f"{BASE}/api/rest/v1/channels/web"})
    if path == "/api/rest/v1/media-files" and request.method == "POST":
        assert request.headers["content-type"].startswith("multipart/form-data")
        return httpx.Response(
            201, headers={"Location": f"{BASE}/api/rest/v1/media-files/1/2/a.png"}
        )
    if path == "/api/rest/v1/media-files/1/2/a.png/download":
        return httpx.Response(200, content=b"PNG" * 5000, headers={"Content-Type": "image/png"})
    return httpx.Response(404, json={"code": 404, "message": f"Resource {path} does not exist."})


def sync_scenario(folder: Path) -> None:
    with Akeneo(base_url=BASE, access_token="token", transport=httpx.MockTransport(pim)) as akeneo:
        paginator: SyncPaginator[models.Channel] = akeneo.channels.list(limit=2)
        codes = [item.code for item in paginator]
        assert codes == ["c1a", "c1b", "c2a", "c2b"], codes
        web: models.Channel = akeneo.channels.get("web")
        assert web.category_tree == "master"
        items: list[ChannelBatchItemParam] = [{"code": f"c{i}"} for i in range(150)]
        report: BatchReport = akeneo.channels.upsert_many(items)
        assert len(report) == 150 and not report.failed
        written: WriteResult = akeneo.channels.upsert("web", {"labels": {"en_US": "Web"}})
        assert written.status_code == 204 and written.code == "web"
        code: str = akeneo.product_media_files.upload(b"PNG", filename="a.png")
        assert code == "1/2/a.png", code
        saved: DownloadedFile = akeneo.product_media_files.download(code, to=folder / "a.png")
        assert saved.path is not None and saved.path.read_bytes() == b"PNG" * 5000
        try:
            akeneo.locales.get("xx_XX")
        except NotFoundError as error:
            assert error.status_code == 404 and "does not exist" in str(error)
        else:
            raise AssertionError("no NotFoundError")


async def async_scenario() -> None:
    transport = httpx.MockTransport(pim)
    async with AsyncAkeneo(base_url=BASE, access_token="token", transport=transport) as akeneo:
        web: models.Channel = await akeneo.channels.get("web")
        codes = [item.code async for item in akeneo.channels.list(limit=2)]
        assert web.code == "web" and len(codes) == 4


def fake_scenario() -> None:
    """The shipped fake PIM, as a user's own test would use it."""
    fake = FakeAkeneo.seeded()
    with fake.client() as akeneo:
        akeneo.families.upsert("boots", {"attribute_as_label": "sku"})
        report: BatchReport = akeneo.products.upsert_many(
            {"identifier": f"boot-{n}", "family": "boots"} for n in range(150)
        )
        assert report.ok and len(list(akeneo.products_uuid.list(limit=100))) == 150
    assert fake.requests[-1].path == "/api/rest/v1/products-uuid"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        sync_scenario(Path(folder))
    asyncio.run(async_scenario())
    fake_scenario()
    print(
        f"akeneo_pim {akeneo_pim.__version__} from {akeneo_pim.__file__}"
        f" on Python {sys.version.split()[0]}: ok"
    )


if __name__ == "__main__":
    main()
