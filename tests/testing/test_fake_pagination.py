"""Both pagination modes of FakeAkeneo across pages, the limits, and search filtering."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs, urlsplit

import pytest
from akeneo_pim import Akeneo, BadRequestError, UnprocessableEntityError
from akeneo_pim.testing import FakeAkeneo

from .helpers import raw_client


def test_numbered_pages_carry_current_page_count_and_links() -> None:
    fake = FakeAkeneo.demo()
    with raw_client(fake) as http:
        first = http.get("/api/rest/v1/products-uuid", params={"limit": 15, "with_count": "true"})
        body = first.json()
        assert body["current_page"] == 1 and body["items_count"] == 42
        assert len(body["_embedded"]["items"]) == 15 and "previous" not in body["_links"]
        second = http.get(body["_links"]["next"]["href"]).json()
        assert second["current_page"] == 2 and "previous" in second["_links"]
        last = http.get("/api/rest/v1/products-uuid", params={"limit": 15, "page": 3}).json()
        assert len(last["_embedded"]["items"]) == 12 and "next" not in last["_links"]
        assert "items_count" not in last


def test_the_client_reads_every_page_in_both_modes(akeneo_fake: FakeAkeneo) -> None:
    for number in range(25):
        akeneo_fake.put("categories", {"code": f"c{number:02d}", "parent": "master"})
    fake = FakeAkeneo.demo()
    with fake.client() as akeneo:
        by_page = [p.uuid for p in akeneo.products_uuid.list(pagination_type="page", limit=10)]
        by_cursor = [
            p.uuid for p in akeneo.products_uuid.list(pagination_type="search_after", limit=10)
        ]
    assert len(by_page) == 42 and by_page == by_cursor == sorted(by_page)
    pages = [r for r in fake.requests if r.path == "/api/rest/v1/products-uuid"]
    cursors = [r.query.get("search_after") for r in pages if "search_after" in r.query]
    assert len(cursors) == 4 and all(c and "-" not in c for c in cursors)  # opaque, not a uuid
    with akeneo_fake.client() as akeneo:
        assert len(list(akeneo.categories.list(limit=10))) == 26


def test_search_after_is_the_only_mode_of_records() -> None:
    fake = FakeAkeneo.seeded()
    fake.put("reference_entities", {"code": "brands"})
    for number in range(23):
        fake.put(
            "reference_entity_records", {"code": f"r{number:02d}"}, reference_entity_code="brands"
        )
    with raw_client(fake) as http:
        page = http.get("/api/rest/v1/reference-entities/brands/records").json()
        assert "current_page" not in page and len(page["_embedded"]["items"]) == 10
        assert "search_after" in parse_qs(urlsplit(page["_links"]["next"]["href"]).query)
    with fake.client() as akeneo:
        codes = [r.code for r in akeneo.reference_entity_records.list("brands")]
    assert codes == [f"r{number:02d}" for number in range(23)]


def test_a_limit_over_100_and_the_offset_cap_are_422s(akeneo: Akeneo) -> None:
    with pytest.raises(UnprocessableEntityError, match="more than 100 items"):
        list(akeneo.channels.list(limit=101))
    with pytest.raises(UnprocessableEntityError, match="search after"):
        list(akeneo.products_uuid.list(pagination_type="page", page=101, limit=100))


def test_search_filters_products_across_pages() -> None:
    fake = FakeAkeneo.demo()
    with fake.client() as akeneo:
        found = list(
            akeneo.products_uuid.list(
                search={"family": [{"operator": "IN", "value": ["boots"]}]}, limit=7
            )
        )
    assert len(found) == 20 and {p.family for p in found} == {"boots"}
    sent = [r for r in fake.requests if r.path == "/api/rest/v1/products-uuid"]
    assert len(sent) == 3 and all("search" in r.query for r in sent)


def test_a_long_search_goes_to_post_search_and_is_answered() -> None:
    fake = FakeAkeneo.demo()
    wanted = [f"00000000-0000-4000-8000-{n:012d}" for n in range(1, 43, 2)]
    many = wanted + [f"10000000-0000-4000-8000-{n:012d}" for n in range(300)]
    search = {"uuid": [{"operator": "IN", "value": many}]}

    async def main() -> list[str]:
        async with fake.async_client() as akeneo:
            return [str(p.uuid) async for p in akeneo.products_uuid.list(search=search)]

    assert asyncio.run(main()) == wanted
    assert any(r.path == "/api/rest/v1/products-uuid/search" for r in fake.requests)


def test_an_unknown_filter_field_is_refused(akeneo: Akeneo) -> None:
    with pytest.raises((UnprocessableEntityError, BadRequestError)):
        list(akeneo.products_uuid.list(search={"nonsense": [{"operator": "=", "value": 1}]}))
