"""Pagination: following next links lazily, page objects, cursors and odd answers."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._errors import (
    CatalogUnavailableError,
    InvalidLinkError,
    UnexpectedResponseError,
)
from akeneo_runtime_under_test._models import AkeneoModel
from akeneo_runtime_under_test._pagination import AsyncPaginator, Page, SyncPaginator
from akeneo_runtime_under_test._search import Search

LIST_PRODUCTS = Endpoint("products_uuid_list", "GET", "/api/rest/v1/products-uuid")
SEARCH_PRODUCTS = Endpoint("products_uuid_search", "POST", "/api/rest/v1/products-uuid/search")
CATALOG_PRODUCTS = Endpoint("catalog_products_list", "GET", "/api/rest/v1/catalogs/{id}/products")
PATH = "/api/rest/v1/products-uuid"
BASE = "https://pim.example.com"


class Product(AkeneoModel):
    uuid: str


def page(items: list[str], next_href: str | None, **extra: Any) -> httpx.Response:
    links: dict[str, Any] = {"self": {"href": f"{BASE}{PATH}"}, "first": {"href": f"{BASE}{PATH}"}}
    if next_href is not None:
        links["next"] = {"href": next_href}
    body = {
        "_links": links,
        "_embedded": {
            "items": [{"uuid": u, "_links": {"self": {"href": f"{BASE}{PATH}/{u}"}}} for u in items]
        },
        **extra,
    }
    return httpx.Response(200, json=body)


def three_pages(pim: Any) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        cursor = request.url.params.get("search_after")
        if cursor is None:
            # absolute link first, then a relative one
            return page(["a", "b"], f"{BASE}{PATH}?pagination_type=search_after&search_after=b")
        if cursor == "b":
            return page(["c", "d"], f"{PATH}?pagination_type=search_after&search_after=d")
        return page(["e"], None)

    pim.add("GET", PATH, answer)


def test_iterates_three_pages_with_absolute_and_relative_links(make_client: Any, pim: Any) -> None:
    three_pages(pim)
    paginator = make_client().paginate(
        LIST_PRODUCTS, item_type=Product, query={"pagination_type": "search_after", "limit": 2}
    )
    assert isinstance(paginator, SyncPaginator)
    assert [p.uuid for p in paginator] == ["a", "b", "c", "d", "e"]
    calls = pim.calls("GET", PATH)
    assert len(calls) == 3
    assert calls[0].url.params["limit"] == "2"
    assert str(calls[1].url) == f"{BASE}{PATH}?pagination_type=search_after&search_after=b"
    assert str(calls[2].url) == f"{BASE}{PATH}?pagination_type=search_after&search_after=d"
    assert paginator.exhausted
    # After the last item the cursor still resumes exactly: with nothing left.
    assert paginator.cursor == f"{BASE}{PATH}?pagination_type=search_after&search_after=d#skip=1"


def test_nothing_is_sent_before_iteration(make_client: Any, pim: Any) -> None:
    three_pages(pim)
    paginator = make_client().paginate(LIST_PRODUCTS, item_type=Product, prefetch=False)
    assert pim.requests == []
    iterator = iter(paginator)
    assert pim.requests == []
    assert next(iterator).uuid == "a"
    assert len(pim.calls("GET", PATH)) == 1  # only the first page so far (no prefetch)


def test_pages_expose_counts_and_links(make_client: Any, pim: Any) -> None:
    pim.add(
        "GET",
        PATH,
        page(["a"], f"{BASE}{PATH}?page=2&with_count=true", items_count=2, current_page=1),
        page(["b"], None, items_count=2, current_page=2),
    )
    pages = list(make_client().paginate(LIST_PRODUCTS, item_type=Product).pages())
    assert [type(p) for p in pages] == [Page, Page]
    first = pages[0]
    assert first.items_count == 2 and first.current_page == 1
    assert first.next_url == f"{BASE}{PATH}?page=2&with_count=true"
    assert first.has_next and not pages[1].has_next
    assert set(first.links) == {"self", "first", "next"}
    assert isinstance(first.items[0], Product)


def test_cursor_and_resume_from(make_client: Any, pim: Any) -> None:
    three_pages(pim)
    client = make_client()
    paginator = client.paginate(LIST_PRODUCTS, item_type=Product)
    pages = paginator.pages()
    next(pages)
    saved = paginator.cursor
    assert saved == f"{BASE}{PATH}?pagination_type=search_after&search_after=b"
    # A later run resumes from the saved cursor without fetching the first page again.
    before = len(pim.calls("GET", PATH))
    resumed = client.paginate(LIST_PRODUCTS, item_type=Product).resume_from(saved)
    assert [p.uuid for p in resumed] == ["c", "d", "e"]
    assert len(pim.calls("GET", PATH)) == before + 2
    again = client.paginate(LIST_PRODUCTS, item_type=Product, start_url=saved)
    assert [p.uuid for p in again] == ["c", "d", "e"]


def test_links_to_another_host_are_refused(make_client: Any, pim: Any) -> None:
    pim.add("GET", PATH, page(["a"], "https://evil.example.net/api/rest/v1/products-uuid?page=2"))
    paginator = make_client().paginate(LIST_PRODUCTS, item_type=Product)
    with pytest.raises(InvalidLinkError, match=r"evil\.example\.net"):
        list(paginator)
    with pytest.raises(InvalidLinkError):
        paginator.resume_from("https://evil.example.net/x")


def test_http_links_stay_https(make_client: Any, pim: Any) -> None:
    pim.add("GET", PATH, page(["a"], f"http://pim.example.com{PATH}?page=2"), page(["b"], None))
    assert [p.uuid for p in make_client().paginate(LIST_PRODUCTS, item_type=Product)] == ["a", "b"]
    assert pim.calls("GET", PATH)[1].url.scheme == "https"


def test_disabled_catalog_is_a_clear_error(make_client: Any, pim: Any) -> None:
    path = "/api/rest/v1/catalogs/12/products"
    pim.add("GET", path, httpx.Response(200, json={"error": "No products to synchronize."}))
    paginator = make_client().paginate(
        CATALOG_PRODUCTS, item_type=Product, path_params={"id": "12"}
    )
    with pytest.raises(CatalogUnavailableError, match="No products to synchronize") as info:
        list(paginator)
    assert info.value.server_message == "No products to synchronize."


def test_malformed_page_is_reported(make_client: Any, pim: Any) -> None:
    pim.add("GET", PATH, httpx.Response(200, json=[1, 2]))
    with pytest.raises(UnexpectedResponseError):
        list(make_client().paginate(LIST_PRODUCTS, item_type=Product))


def test_search_body_and_query_search(make_client: Any, pim: Any) -> None:
    search_path = "/api/rest/v1/products-uuid/search"
    pim.add(
        "POST",
        search_path,
        page(["a"], f"{BASE}{search_path}?search_after=a"),
        page(["b"], None),
    )
    body = {"search": Search().add("enabled", "=", True).to_dict(), "limit": 1}
    result = [p.uuid for p in make_client().paginate(SEARCH_PRODUCTS, item_type=Product, json=body)]
    assert result == ["a", "b"]
    calls = pim.calls("POST", search_path)
    assert [json.loads(c.content) for c in calls] == [body, body]
    assert calls[1].url.params["search_after"] == "a"


def test_missing_path_param_fails_at_paginate(make_client: Any) -> None:
    with pytest.raises(ValueError, match="id"):
        make_client().paginate(CATALOG_PRODUCTS, item_type=Product, path_params={})


def test_async_pagination_and_cursor(make_async_client: Any, pim: Any) -> None:
    three_pages(pim)

    async def main() -> tuple[list[str], str | None, list[str]]:
        async with make_async_client() as client:
            paginator = client.paginate(LIST_PRODUCTS, item_type=Product)
            assert isinstance(paginator, AsyncPaginator)
            assert pim.requests == []
            uuids = [p.uuid async for p in paginator]
            first = client.paginate(LIST_PRODUCTS, item_type=Product)
            page_one = await first.first_page()
            cursor = first.cursor
            assert cursor is not None and page_one.items[0].uuid == "a"
            rest = [p.uuid async for p in first.resume_from(cursor)]
            return uuids, cursor, rest

    uuids, cursor, rest = asyncio.run(main())
    assert uuids == ["a", "b", "c", "d", "e"]
    assert cursor is not None and cursor.endswith("search_after=b")
    assert rest == ["c", "d", "e"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"_embedded": {"items": [{"no_uuid": 1}]}, "_links": {}}', "does not match Product"),
        (b'{"_links": {}}', "expected `_embedded.items`"),
        (b"<html>proxy error</html>", "is not JSON"),
    ],
)
def test_a_page_that_does_not_fit_is_explained(
    make_client: Any, pim: Any, body: bytes, message: str
) -> None:
    # Pages are validated straight from the bytes; when that fails, the slow path says why.
    pim.add("GET", PATH, httpx.Response(200, content=body))
    with pytest.raises(UnexpectedResponseError, match=message):
        list(make_client().paginate(LIST_PRODUCTS, item_type=Product))


def test_pages_of_plain_values_and_of_dicts(make_client: Any, pim: Any) -> None:
    pim.add(
        "GET",
        PATH,
        httpx.Response(200, json={"_links": {}, "_embedded": {"items": ["u1", "u2"]}}),
        httpx.Response(200, json={"_links": {}, "_embedded": {"items": [{"a": 1}]}}),
    )
    client = make_client()
    assert list(client.paginate(LIST_PRODUCTS, item_type=str)) == ["u1", "u2"]
    assert list(client.paginate(LIST_PRODUCTS, item_type=dict)) == [{"a": 1}]
