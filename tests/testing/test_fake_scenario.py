"""The issue's fidelity scenario against FakeAkeneo: set-up, a 300-product sync, search across
pages, a search_after export, a merge of values, a delete and product models."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from akeneo_pim import NotFoundError
from akeneo_pim.testing import FakeAkeneo


def value(data: Any, locale: str | None = None) -> list[dict[str, Any]]:
    return [{"locale": locale, "scope": None, "data": data}]


def catalogue(count: int) -> Iterator[dict[str, Any]]:
    for n in range(count):
        yield {
            "identifier": f"sku-{n:04d}",
            "family": "boots",
            "categories": ["shoes"],
            "values": {
                "name": value(f"Boot {n}", "en_US"),
                "color": value("red" if n % 3 == 0 else "black"),
            },
        }


def test_the_fidelity_scenario() -> None:
    fake = FakeAkeneo.seeded()
    fake.put("locales", {"code": "fr_FR", "enabled": True})
    with fake.client() as akeneo:
        # set-up through the API, as a user's import job would do it
        akeneo.attributes.upsert_many(
            [
                {"code": "name", "type": "pim_catalog_text", "group": "other", "localizable": True},
                {"code": "color", "type": "pim_catalog_simpleselect", "group": "other"},
            ]
        )
        akeneo.attribute_options.upsert_many(
            "color",
            [{"code": "red", "attribute": "color"}, {"code": "black", "attribute": "color"}],
        )
        akeneo.categories.create({"code": "shoes", "parent": "master"})
        akeneo.families.upsert(
            "boots", {"attribute_as_label": "name", "attributes": ["sku", "name", "color"]}
        )
        report = akeneo.products.upsert_many(catalogue(300))
        assert report.ok and report.ok_count == 300

        red = {"color": [{"operator": "IN", "value": ["red"]}]}
        found = list(akeneo.products_uuid.list(search=red, limit=30))
        skus = sorted(p.values["sku"][0]["data"] for p in found if p.values)
        assert skus == [f"sku-{n:04d}" for n in range(0, 300, 3)]
        pages = [r for r in fake.requests if r.path == "/api/rest/v1/products-uuid"]
        assert len(pages) == 4  # 100 red products, 30 a page

        exported = list(akeneo.products_uuid.list(pagination_type="search_after", limit=100))
        assert len(exported) == 300 and len({p.uuid for p in exported}) == 300

        akeneo.products.upsert("sku-0001", {"values": {"name": value("Botte 1", "fr_FR")}})
        names = akeneo.products.get("sku-0001").values
        assert names is not None
        assert {v["locale"]: v["data"] for v in names["name"]} == {
            "en_US": "Boot 1",
            "fr_FR": "Botte 1",
        }
        akeneo.products.upsert("sku-0001", {"values": {"name": value(None, "fr_FR")}})
        erased = akeneo.products.get("sku-0001").values
        assert erased is not None
        assert {v["locale"]: v["data"] for v in erased["name"]} == {
            "en_US": "Boot 1",
            "fr_FR": None,
        }

        akeneo.products.delete("sku-0002")
        with pytest.raises(NotFoundError):
            akeneo.products.get("sku-0002")

        akeneo.family_variants.upsert(
            "boots",
            "boots_by_color",
            {"variant_attribute_sets": [{"level": 1, "axes": ["color"], "attributes": ["color"]}]},
        )
        akeneo.product_models.upsert(
            "trail", {"family": "boots", "family_variant": "boots_by_color", "values": {}}
        )
        akeneo.products.upsert("trail-red", {"family": "boots", "parent": "trail"})
        children = akeneo.products_uuid.list(
            search={"parent": [{"operator": "=", "value": "trail"}]}
        )
        assert [p.parent for p in children] == ["trail"]

    async def export() -> int:
        async with fake.async_client() as akeneo:
            listing = akeneo.products_uuid.list(pagination_type="search_after", limit=100)
            return len([p async for p in listing])

    assert asyncio.run(export()) == 300  # 300 - the deleted one + trail-red
