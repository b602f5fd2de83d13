"""Pages fetched ahead: the next page is requested while the caller works on the current one.

Against a real server on 127.0.0.1, sync (a thread) and async (a task): the request for page 2 is
on the server while page 1 is still in the caller's hands, never more than one page ahead;
`prefetch=False` fetches on demand; an abandoned listing frees its slot of the concurrency limit.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from itertools import islice
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from akeneo_runtime_under_test._client import AsyncAPIClient, SyncAPIClient
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._models import AkeneoModel
from local_pim import PRODUCTS_PATH, LocalPIM, product, running

LIST = Endpoint("products_uuid_list", "GET", PRODUCTS_PATH)
QUERY = {"pagination_type": "search_after", "limit": 5}
TOTAL = 23  # five pages
WAIT = 20.0  # seconds: generous, the machine is shared; a pass never waits this long


class Product(AkeneoModel):
    uuid: str


@pytest.fixture
def pim() -> Iterator[LocalPIM]:
    with running(LocalPIM([product(i) for i in range(TOTAL)])) as server:
        yield server


def page_requests(pim: LocalPIM) -> int:
    return sum(1 for _, path in pim.requests if urlsplit(path).path == PRODUCTS_PATH)


def watch_page_two(pim: LocalPIM) -> threading.Event:
    """Set when the server is asked for the second page."""
    arrived = threading.Event()

    def hook(query: dict[str, str], body: dict[str, Any]) -> None:
        if query.get("search_after"):
            arrived.set()

    pim.page_hook = hook
    return arrived


def test_the_next_page_is_fetched_while_the_caller_works_sync(pim: LocalPIM) -> None:
    arrived = watch_page_two(pim)
    with SyncAPIClient(**pim.settings()) as client:
        seen: list[str] = []
        for item in client.paginate(LIST, item_type=Product, query=QUERY):
            seen.append(item.uuid)
            if len(seen) == 1:  # page 1 in hand: page 2 is asked for meanwhile
                assert arrived.wait(WAIT)
            # one page ahead at most: while on page k (0-based), pages 0..k+1 were requested
            assert page_requests(pim) <= (len(seen) - 1) // 5 + 2
    assert seen == [product(i)["uuid"] for i in range(TOTAL)]
    assert page_requests(pim) == 5


def test_the_next_page_is_fetched_while_the_caller_works_async(pim: LocalPIM) -> None:
    arrived = watch_page_two(pim)

    async def main() -> list[str]:
        seen: list[str] = []
        async with AsyncAPIClient(**pim.settings()) as client:
            async for item in client.paginate(LIST, item_type=Product, query=QUERY):
                seen.append(item.uuid)
                if len(seen) == 1:
                    assert await asyncio.to_thread(arrived.wait, WAIT)
                assert page_requests(pim) <= (len(seen) - 1) // 5 + 2
        return seen

    assert asyncio.run(main()) == [product(i)["uuid"] for i in range(TOTAL)]
    assert page_requests(pim) == 5


def test_without_prefetch_each_page_waits_for_the_previous_one(pim: LocalPIM) -> None:
    with SyncAPIClient(**pim.settings()) as client:
        for number, item in enumerate(
            client.paginate(LIST, item_type=Product, query=QUERY, prefetch=False)
        ):
            assert page_requests(pim) == number // 5 + 1, item.uuid


def test_without_prefetch_each_page_waits_for_the_previous_one_async(pim: LocalPIM) -> None:
    async def main() -> None:
        async with AsyncAPIClient(**pim.settings()) as client:
            number = 0
            async for _ in client.paginate(LIST, item_type=Product, query=QUERY, prefetch=False):
                await asyncio.sleep(0)  # give a background task, were there one, its turn
                assert page_requests(pim) == number // 5 + 1
                number += 1

    asyncio.run(main())


def test_an_abandoned_listing_frees_its_slot_sync(pim: LocalPIM) -> None:
    pim.page_delay = 0.2  # the page ahead is still in flight when the caller leaves
    with SyncAPIClient(**pim.settings(max_concurrency=1)) as client:
        iterator = iter(client.paginate(LIST, item_type=Product, query=QUERY))
        next(iterator)
        iterator.close()
        # The only slot comes back: another listing (waiting for it) runs to its end.
        again = [p.uuid for p in client.paginate(LIST, item_type=Product, query=QUERY)]
    assert len(again) == TOTAL


def test_an_abandoned_listing_cancels_its_task_async(pim: LocalPIM) -> None:
    pim.page_delay = 0.2

    async def main() -> int:
        async with AsyncAPIClient(**pim.settings(max_concurrency=1)) as client:
            iterator = client.paginate(LIST, item_type=Product, query=QUERY).__aiter__()
            await iterator.__anext__()
            await iterator.aclose()
            others = [p.uuid async for p in client.paginate(LIST, item_type=Product, query=QUERY)]
            return len(others)

    assert asyncio.run(main()) == TOTAL


def test_a_resumed_prefetched_export_is_exact(pim: LocalPIM) -> None:
    # Cut at every item: the page fetched ahead and dropped never moves the cursor.
    with SyncAPIClient(**pim.settings()) as client:
        for cut in range(1, TOTAL):
            export = client.paginate(LIST, item_type=Product, query=QUERY)
            first = [p.uuid for p in islice(export, cut)]
            rest = [p.uuid for p in export.resume_from(export.cursor)]
            assert first + rest == [product(i)["uuid"] for i in range(TOTAL)], cut


def test_requests_name_the_pages_they_ask_for(pim: LocalPIM) -> None:
    with SyncAPIClient(**pim.settings()) as client:
        list(client.paginate(LIST, item_type=Product, query=QUERY))
    afters = [
        parse_qs(urlsplit(path).query).get("search_after", [None])[0] for _, path in pim.requests
    ]
    assert afters == [None] + [product(i)["uuid"] for i in (4, 9, 14, 19)]
