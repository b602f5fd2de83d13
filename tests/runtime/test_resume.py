"""Exact resume: an export cut after any item and resumed from `cursor` delivers each item once.

Against a real server on 127.0.0.1, in both pagination modes, with page sizes that do not divide
the catalogue, sync and async; the cursor goes through JSON as a later process would read it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from itertools import islice
from typing import Any

import pytest
from akeneo_runtime_under_test._client import AsyncAPIClient, SyncAPIClient
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._models import AkeneoModel
from local_pim import PRODUCTS_PATH, LocalPIM, running

LIST = Endpoint("products_uuid_list", "GET", PRODUCTS_PATH)
TOTAL = 23
MODES = [
    pytest.param({"pagination_type": "search_after", "limit": 5}, id="search_after-5"),
    pytest.param({"pagination_type": "search_after", "limit": 7}, id="search_after-7"),
    pytest.param({"limit": 5}, id="page-5"),
    pytest.param({"limit": 7}, id="page-7"),
]


class Product(AkeneoModel):
    uuid: str


@pytest.fixture(scope="module")
def server() -> Iterator[LocalPIM]:
    with running(LocalPIM([_product(i) for i in range(TOTAL)])) as pim:
        yield pim


def _product(number: int) -> dict[str, Any]:
    return {"uuid": f"00000000-0000-0000-0000-{number:012d}", "values": {}}


def everything(server: LocalPIM) -> list[str]:
    return [item["uuid"] for item in server.products]


@pytest.mark.parametrize("query", MODES)
def test_cut_after_every_item_sync(server: LocalPIM, query: dict[str, Any]) -> None:
    with SyncAPIClient(**server.settings()) as client:
        for cut in range(TOTAL + 1):
            export = client.paginate(LIST, item_type=Product, query=query)
            assert export.cursor is None
            first = [p.uuid for p in islice(export, cut)]
            saved = json.dumps(export.cursor)  # stored, read back by a later run
            if cut:
                assert isinstance(export.cursor, str)
            later = client.paginate(LIST, item_type=Product, query=query)
            rest = [p.uuid for p in later.resume_from(json.loads(saved))]
            assert first + rest == everything(server), f"cut after {cut} items"


@pytest.mark.parametrize("query", MODES)
def test_cut_after_every_item_async(server: LocalPIM, query: dict[str, Any]) -> None:
    async def main() -> None:
        async with AsyncAPIClient(**server.settings()) as client:
            for cut in range(TOTAL + 1):
                export = client.paginate(LIST, item_type=Product, query=query)
                first: list[str] = []
                if cut:
                    async for item in export:
                        first.append(item.uuid)
                        if len(first) == cut:
                            break
                saved = json.dumps(export.cursor)
                later = client.paginate(LIST, item_type=Product, query=query)
                rest = [p.uuid async for p in later.resume_from(json.loads(saved))]
                assert first + rest == everything(server), f"cut after {cut} items"

    asyncio.run(main())


@pytest.mark.parametrize("query", MODES)
def test_resume_twice_in_a_row(server: LocalPIM, query: dict[str, Any]) -> None:
    # A resumed export cut again resumes exactly too (the cursor of a resumed run).
    with SyncAPIClient(**server.settings()) as client:
        export = client.paginate(LIST, item_type=Product, query=query)
        got = [p.uuid for p in islice(export, 3)]
        second = export.resume_from(export.cursor)
        got += [p.uuid for p in islice(second, 9)]
        got += [p.uuid for p in export.resume_from(second.cursor)]
        assert got == everything(server)


@pytest.mark.parametrize("query", MODES)
def test_cut_between_pages_when_iterating_pages(server: LocalPIM, query: dict[str, Any]) -> None:
    with SyncAPIClient(**server.settings()) as client:
        count = len(list(client.paginate(LIST, item_type=Product, query=query).pages()))
        for cut in range(count + 1):
            export = client.paginate(LIST, item_type=Product, query=query)
            first = [p.uuid for page in islice(export.pages(), cut) for p in page.items]
            rest = [p.uuid for p in export.resume_from(export.cursor)]
            assert first + rest == everything(server), f"cut after {cut} pages"


def test_a_resumed_first_page_holds_only_what_is_left(server: LocalPIM) -> None:
    query = {"pagination_type": "search_after", "limit": 5}
    with SyncAPIClient(**server.settings()) as client:
        export = client.paginate(LIST, item_type=Product, query=query)
        list(islice(export, 2))
        pages = list(export.resume_from(export.cursor).pages())
        assert [len(page.items) for page in pages] == [3, 5, 5, 5, 3]


def test_a_next_link_saved_by_an_older_version_still_resumes(server: LocalPIM) -> None:
    # Cursors used to be the next page's link: such a stored value starts at that page.
    query = {"pagination_type": "search_after", "limit": 5}
    with SyncAPIClient(**server.settings()) as client:
        first = client.paginate(LIST, item_type=Product, query=query).first_page()
        assert first.next_url is not None
        resumed = client.paginate(LIST, item_type=Product, query=query).resume_from(first.next_url)
        assert [p.uuid for p in resumed] == everything(server)[5:]
