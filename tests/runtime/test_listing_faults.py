"""Listing faults are errors, never a silent end; items that don't fit can be skipped or kept raw.

A server on 127.0.0.1 serves 23 products, 5 per page; a hook breaks one page or one link.
Each case runs on both clients.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from akeneo_runtime_under_test._client import AsyncAPIClient, SyncAPIClient
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._errors import (
    AkeneoError,
    InvalidLinkError,
    UnexpectedResponseError,
)
from akeneo_runtime_under_test._models import AkeneoModel
from local_pim import PRODUCTS_PATH, LocalPIM, product, running

LIST = Endpoint("products_uuid_list", "GET", PRODUCTS_PATH)
QUERY = {"pagination_type": "search_after", "limit": 5}
UUIDS = [product(i)["uuid"] for i in range(23)]


class Product(AkeneoModel):
    uuid: str
    enabled: bool


@pytest.fixture
def server() -> Iterator[LocalPIM]:
    with running(LocalPIM([product(i) for i in range(23)])) as pim:
        yield pim


def is_second_page(query: dict[str, str]) -> bool:
    return query.get("search_after") == UUIDS[4]


def on_second_page(change: Callable[[dict[str, Any]], None]) -> Any:
    def hook(query: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
        if is_second_page(query):
            change(body)
        return body

    return hook


def collect(server: LocalPIM, flavour: str, **paginate: Any) -> tuple[list[Any], Any, Any]:
    """(items delivered, the exception that ended the listing or None, the paginator)."""
    items: list[Any] = []
    if flavour == "sync":
        with SyncAPIClient(**server.settings()) as client:
            export = client.paginate(LIST, item_type=Product, query=QUERY, **paginate)
            try:
                for item in export:
                    items.append(item)
            except AkeneoError as exc:
                return items, exc, export
            return items, None, export

    async def main() -> tuple[list[Any], Any, Any]:
        async with AsyncAPIClient(**server.settings()) as client:
            export = client.paginate(LIST, item_type=Product, query=QUERY, **paginate)
            try:
                async for item in export:
                    items.append(item)
            except AkeneoError as exc:
                return items, exc, export
            return items, None, export

    return asyncio.run(main())


FLAVOURS = ["sync", "async"]


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize(
    "broken",
    [{"href": ""}, {"href": 12}, "not-an-object", {"url": "x"}],
    ids=["empty", "number", "string", "no-href"],
)
def test_a_malformed_next_link_is_an_error_after_its_page(
    server: LocalPIM, flavour: str, broken: object
) -> None:
    def change(body: dict[str, Any]) -> None:
        body["_links"]["next"] = broken

    server.page_hook = on_second_page(change)
    items, error, export = collect(server, flavour)
    assert [p.uuid for p in items] == UUIDS[:10]  # the page with the bad link is delivered
    assert isinstance(error, InvalidLinkError) and "malformed next link" in str(error)
    assert not export.exhausted


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("target", ["itself", "the first page"])
def test_a_link_loop_is_an_error(server: LocalPIM, flavour: str, target: str) -> None:
    def change(body: dict[str, Any]) -> None:
        own = body["_links"]["self"]["href"]
        first = f"{server.base_url}{PRODUCTS_PATH}?pagination_type=search_after&limit=5"
        body["_links"]["next"] = {"href": own if target == "itself" else first}

    server.page_hook = on_second_page(change)
    items, error, _ = collect(server, flavour)
    assert [p.uuid for p in items] == UUIDS[:10]
    assert isinstance(error, InvalidLinkError) and "already fetched" in str(error)
    assert len([r for r in server.requests if r[1].startswith(PRODUCTS_PATH)]) == 2


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_link_to_another_host_is_refused_after_its_page(server: LocalPIM, flavour: str) -> None:
    def change(body: dict[str, Any]) -> None:
        body["_links"]["next"] = {"href": "http://evil.example.net/api/rest/v1/products-uuid"}

    server.page_hook = on_second_page(change)
    items, error, _ = collect(server, flavour)
    assert [p.uuid for p in items] == UUIDS[:10]
    assert isinstance(error, InvalidLinkError) and "evil.example.net" in str(error)


def spoil_one_item(body: dict[str, Any]) -> None:
    body["_embedded"]["items"][2]["enabled"] = "perhaps"  # UUIDS[7]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_an_item_that_does_not_fit_raises_by_default_naming_it(
    server: LocalPIM, flavour: str
) -> None:
    server.page_hook = on_second_page(spoil_one_item)
    items, error, _ = collect(server, flavour)
    assert [p.uuid for p in items] == UUIDS[:5]
    assert isinstance(error, UnexpectedResponseError)
    assert UUIDS[7] in str(error) and "enabled" in str(error) and "on_invalid" in str(error)


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_on_invalid_skip_goes_on_and_reports_each_skipped_item(
    server: LocalPIM, flavour: str, caplog: pytest.LogCaptureFixture
) -> None:
    server.page_hook = on_second_page(spoil_one_item)
    with caplog.at_level(logging.WARNING, logger="akeneo_pim"):
        items, error, export = collect(server, flavour, on_invalid="skip")
    assert error is None
    assert [p.uuid for p in items] == UUIDS[:7] + UUIDS[8:]
    [skipped] = export.invalid_items
    assert (skipped.key, skipped.index, skipped.raw["enabled"]) == (UUIDS[7], 2, "perhaps")
    assert "enabled" in skipped.message
    assert any(UUIDS[7] in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_on_invalid_raw_delivers_the_item_unvalidated(server: LocalPIM, flavour: str) -> None:
    server.page_hook = on_second_page(spoil_one_item)
    items, error, export = collect(server, flavour, on_invalid="raw")
    assert error is None
    assert [p.uuid for p in items] == UUIDS
    assert isinstance(items[7], Product) and items[7].enabled == "perhaps"
    assert [i.key for i in export.invalid_items] == [UUIDS[7]]


def test_on_invalid_carries_over_to_a_resumed_paginator(server: LocalPIM) -> None:
    server.page_hook = on_second_page(spoil_one_item)
    with SyncAPIClient(**server.settings()) as client:
        export = client.paginate(LIST, item_type=Product, query=QUERY, on_invalid="skip")
        resumed = export.resume_from(None)
        assert len(list(resumed)) == 22


def test_an_unknown_on_invalid_is_refused(server: LocalPIM) -> None:
    with (
        SyncAPIClient(**server.settings()) as client,
        pytest.raises(ValueError, match="on_invalid must be one of raise, skip, raw"),
    ):
        client.paginate(LIST, item_type=Product, on_invalid="ignore")
