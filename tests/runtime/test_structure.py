"""`akeneo.structure`: lazy, kept for a TTL, keyed by path and query, one fetch per key at once."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from decimal import Decimal
from typing import Any

import httpx
from akeneo_runtime_under_test._structure_async import AsyncStructure
from akeneo_runtime_under_test._structure_sync import SyncStructure
from akeneo_runtime_under_test._values import Metric, Values

BASE_URL = "https://pim.example.com"  # the runtime conftest's PIM
# Attribute examples after the reference's (GET /attributes/{code}).
WEIGHT = {"code": "weight", "type": "pim_catalog_metric", "group": "technical",
          "localizable": False, "scopable": False, "metric_family": "Weight"}
NAME = {"code": "name", "type": "pim_catalog_text", "group": "marketing",
        "localizable": True, "scopable": False}


def page(items: list[dict[str, Any]], next_href: str | None = None) -> httpx.Response:
    links: dict[str, Any] = {"self": {"href": "x"}, "first": {"href": "x"}}
    if next_href:
        links["next"] = {"href": next_href}
    return httpx.Response(200, json={"_links": links, "current_page": 1,
                                     "_embedded": {"items": items}})


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_attribute_is_fetched_once_and_kept_for_the_ttl(pim: Any, make_client: Any) -> None:
    pim.add("GET", "/api/rest/v1/attributes/weight", httpx.Response(200, json=WEIGHT))
    clock = Clock()
    structure = SyncStructure(make_client(), ttl=60.0, clock=clock)
    info = structure.attribute("weight")
    assert (info.code, info.type, info.localizable) == ("weight", "pim_catalog_metric", False)
    assert structure.attribute("weight").type == "pim_catalog_metric"
    assert len(pim.calls("GET", "/api/rest/v1/attributes/weight")) == 1
    clock.now += 59.0
    structure.attribute("weight")
    assert len(pim.calls("GET", "/api/rest/v1/attributes/weight")) == 1
    clock.now += 2.0  # past the TTL
    structure.attribute("weight")
    assert len(pim.calls("GET", "/api/rest/v1/attributes/weight")) == 2
    structure.clear()
    structure.attribute("weight")
    assert len(pim.calls("GET", "/api/rest/v1/attributes/weight")) == 3


def test_the_query_is_part_of_the_key(pim: Any, make_client: Any) -> None:
    en = {"code": "en_US", "enabled": True}
    pim.add("GET", "/api/rest/v1/locales", page([en, {"code": "xx_XX", "enabled": False}]))
    structure = SyncStructure(make_client())
    assert len(structure.locales()) == 2
    structure.locales(enabled=True)
    structure.locales(enabled=True)
    structure.locales()
    calls = pim.calls("GET", "/api/rest/v1/locales")
    assert len(calls) == 2
    search = json.loads(calls[1].url.params["search"])
    assert search == {"enabled": [{"operator": "=", "value": True}]}


def test_attribute_types_follow_every_page_and_feed_values(
    pim: Any, make_client: Any
) -> None:
    second = f"{BASE_URL}/api/rest/v1/attributes?page=2&limit=100"
    pim.add("GET", "/api/rest/v1/attributes", page([WEIGHT], next_href=second), page([NAME]))
    structure = SyncStructure(make_client())
    types = structure.attribute_types()
    assert types == {"weight": "pim_catalog_metric", "name": "pim_catalog_text"}
    half_kilo = {"amount": "0.5", "unit": "KILOGRAM"}
    raw = {"weight": [{"locale": None, "scope": None, "data": half_kilo}]}
    assert Values(raw, types=types).read("weight") == Metric(Decimal("0.5"), "KILOGRAM")
    structure.attribute_types()
    assert len(pim.calls("GET", "/api/rest/v1/attributes")) == 2  # two pages, once


def test_families_options_channels_currencies(pim: Any, make_client: Any) -> None:
    pim.add("GET", "/api/rest/v1/families/shoes",
            httpx.Response(200, json={"code": "shoes", "attribute_as_label": "name"}))
    pim.add("GET", "/api/rest/v1/families", page([{"code": "shoes"}]))
    pim.add("GET", "/api/rest/v1/attributes/color/options", page([{"code": "black"}]))
    pim.add("GET", "/api/rest/v1/channels", page([{"code": "ecommerce"}]))
    pim.add("GET", "/api/rest/v1/currencies", page([{"code": "EUR", "enabled": True}]))
    structure = SyncStructure(make_client())
    assert structure.family("shoes")["attribute_as_label"] == "name"
    assert [f["code"] for f in structure.families()] == ["shoes"]
    assert [o["code"] for o in structure.attribute_options("color")] == ["black"]
    assert structure.channel("ecommerce") == {"code": "ecommerce"}
    assert structure.channel("print") is None
    assert structure.currencies()[0]["code"] == "EUR"


def test_threads_share_one_fetch_per_key(pim: Any, make_client: Any) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        time.sleep(0.2)
        return httpx.Response(200, json=WEIGHT)

    pim.add("GET", "/api/rest/v1/attributes/weight", slow)
    structure = SyncStructure(make_client())
    structure._client.login()
    results: list[str] = []
    threads = [
        threading.Thread(target=lambda: results.append(structure.attribute("weight").type))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["pim_catalog_metric"] * 6
    assert len(pim.calls("GET", "/api/rest/v1/attributes/weight")) == 1


def test_tasks_share_one_fetch_per_key(pim: Any, make_async_client: Any) -> None:
    pim.add("GET", "/api/rest/v1/attributes/weight", httpx.Response(200, json=WEIGHT))

    async def handler(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.1)  # a real wait: the other tasks run meanwhile
        return pim.handle(request)

    async def main() -> list[str]:
        client = make_async_client(transport=httpx.MockTransport(handler))
        structure = AsyncStructure(client)
        await client.login()
        infos = await asyncio.gather(*(structure.attribute("weight") for _ in range(6)))
        other = await structure.attribute("weight")
        await client.aclose()
        return [info.type for info in (*infos, other)]

    assert asyncio.run(main()) == ["pim_catalog_metric"] * 7
    assert len(pim.calls("GET", "/api/rest/v1/attributes/weight")) == 1
