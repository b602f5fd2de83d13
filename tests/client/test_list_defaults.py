"""A default `list()` scales: search_after where the endpoint has it, 100 items per page.

Against a server on 127.0.0.1 that refuses offset pages past the 10,000th item, as Akeneo does.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from akeneo_pim import Akeneo, AsyncAkeneo, UnprocessableEntityError

from tests.runtime.local_pim import OFFSET_CAP, PRODUCTS_PATH, LocalPIM, product, running

TOTAL = OFFSET_CAP + 50


@pytest.fixture(scope="module")
def server() -> Iterator[LocalPIM]:
    with running(LocalPIM([product(i) for i in range(TOTAL)])) as pim:
        yield pim


def product_queries(server: LocalPIM, since: int) -> list[dict[str, str]]:
    return [
        {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
        for method, path in server.requests[since:]
        if urlsplit(path).path == PRODUCTS_PATH
    ]


def test_a_default_product_export_goes_past_10000(server: LocalPIM) -> None:
    since = len(server.requests)
    with Akeneo(**server.settings()) as akeneo:
        uuids = [p.uuid for p in akeneo.products_uuid.list()]
    assert len(uuids) == TOTAL and len(set(uuids)) == TOTAL
    queries = product_queries(server, since)
    assert len(queries) == TOTAL // 100 + 1
    assert queries[0] == {"pagination_type": "search_after", "limit": "100"}


def test_a_default_product_export_goes_past_10000_async(server: LocalPIM) -> None:
    async def main() -> list[str]:
        async with AsyncAkeneo(**server.settings()) as akeneo:
            return [p.uuid async for p in akeneo.products_uuid.list()]

    uuids = asyncio.run(main())
    assert len(uuids) == TOTAL and len(set(uuids)) == TOTAL


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"page": 2}, {"page": "2", "limit": "100"}),
        ({"with_count": True}, {"with_count": "true", "limit": "100"}),
        ({"pagination_type": "page", "limit": 7}, {"pagination_type": "page", "limit": "7"}),
        ({"limit": None}, {"pagination_type": "search_after"}),
    ],
)
def test_the_caller_can_still_ask_for_numbered_pages(
    server: LocalPIM, arguments: dict[str, object], expected: dict[str, str]
) -> None:
    since = len(server.requests)
    with Akeneo(**server.settings()) as akeneo:
        first = akeneo.products_uuid.list(**arguments).first_page()
    assert first.items
    assert product_queries(server, since) == [expected]


def test_numbered_pages_still_stop_at_10000(server: LocalPIM) -> None:
    with Akeneo(**server.settings()) as akeneo:
        export = akeneo.products_uuid.list(pagination_type="page")
        with pytest.raises(UnprocessableEntityError, match="maximum number of pages"):
            for _ in export:
                pass


def test_every_list_defaults_to_100_per_page_and_says_how_it_pages() -> None:
    listed = 0
    for name in dir(Akeneo):
        resource_class = getattr(getattr(Akeneo, name), "func", None)
        if resource_class is None:
            continue
        resource = inspect.signature(resource_class).return_annotation
        if not str(resource).endswith("Resource"):  # `structure`, a cache of its own
            continue
        module = __import__(f"akeneo_pim.resources.{name}", fromlist=[resource])
        method = getattr(getattr(module, resource), "list", None)
        if method is None or "limit" not in inspect.signature(method).parameters:
            continue
        listed += 1
        assert inspect.signature(method).parameters["limit"].default == 100, name
        assert "Lists with " in (method.__doc__ or ""), name
    assert listed >= 20
