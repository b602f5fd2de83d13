"""Every route family of FakeAkeneo through the generated client: writes, reads, deletes, 404s."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from akeneo_pim import Akeneo, NotFoundError, UnprocessableEntityError
from akeneo_pim.testing import FakeAkeneo


def test_seeded_holds_what_a_fresh_pim_holds(akeneo: Akeneo) -> None:
    assert [c.code for c in akeneo.channels.list()] == ["ecommerce"]
    channel = akeneo.channels.get("ecommerce")
    assert channel.locales == ["en_US"] and channel.category_tree == "master"
    assert [locale.code for locale in akeneo.locales.list()] == ["en_US"]
    assert [currency.code for currency in akeneo.currencies.list()] == ["USD"]
    assert [category.code for category in akeneo.categories.list()] == ["master"]
    assert akeneo.attributes.get("sku").type == "pim_catalog_identifier"
    assert akeneo.attribute_groups.get("other").attributes == ["sku"]


def test_an_empty_fake_holds_nothing() -> None:
    with FakeAkeneo().client() as akeneo:
        assert list(akeneo.channels.list()) == []


def test_create_get_upsert_and_the_merge(akeneo: Akeneo) -> None:
    created = akeneo.families.create(
        {"code": "shoes", "attribute_as_label": "sku", "labels": {"en_US": "Shoes"}}
    )
    assert created.status_code == 201 and created.code == "shoes"
    updated = akeneo.families.upsert("shoes", {"labels": {"fr_FR": "Chaussures"}})
    assert updated.status_code == 204
    # labels is an object: merged key by key
    assert akeneo.families.get("shoes").labels == {"en_US": "Shoes", "fr_FR": "Chaussures"}
    assert akeneo.families.upsert("boots", {"attribute_as_label": "sku"}).status_code == 201


def test_a_duplicate_code_on_create_is_a_422(akeneo: Akeneo) -> None:
    akeneo.association_types.create({"code": "X_SELL"})
    with pytest.raises(UnprocessableEntityError) as refused:
        akeneo.association_types.create({"code": "X_SELL"})
    assert refused.value.status_code == 422


def test_an_unknown_code_is_a_404(akeneo: Akeneo) -> None:
    with pytest.raises(NotFoundError):
        akeneo.channels.get("print")
    with pytest.raises(NotFoundError):
        akeneo.products_uuid.delete("4b9b8e8e-0000-4000-8000-000000000000")


def test_products_by_uuid_and_by_identifier_are_one_catalogue(akeneo: Akeneo) -> None:
    akeneo.products.upsert("boot-1", {"enabled": True})
    (product,) = akeneo.products_uuid.list()
    assert product.values is not None and product.values["sku"][0]["data"] == "boot-1"
    assert akeneo.products.get("boot-1").uuid == product.uuid
    akeneo.products_uuid.upsert(str(product.uuid), {"enabled": False})
    assert akeneo.products.get("boot-1").enabled is False
    akeneo.products.delete("boot-1")
    assert list(akeneo.products_uuid.list()) == []


def test_a_product_with_an_unknown_family_is_refused(akeneo: Akeneo) -> None:
    with pytest.raises(UnprocessableEntityError) as refused:
        akeneo.products.upsert("boot-2", {"family": "nowhere"})
    assert [e.property for e in refused.value.errors] == ["family"]


def test_nested_resources_options_variants_records_and_assets() -> None:
    fake = FakeAkeneo.demo()
    with fake.client() as akeneo:
        options = [o.code for o in akeneo.attribute_options.list("color")]
        assert options == ["black", "blue", "red", "white"]
        akeneo.attribute_options.upsert("color", "green", {"labels": {"en_US": "Green"}})
        assert akeneo.attribute_options.get("color", "green").labels == {"en_US": "Green"}
        assert [v.code for v in akeneo.family_variants.list("shirts")] == ["shirts_by_size"]
        assert akeneo.product_models.get("polo").family_variant == "shirts_by_size"
        akeneo.reference_entities.upsert("brands", {"labels": {"en_US": "Brands"}})
        report = akeneo.reference_entity_records.upsert_many(
            "brands", [{"code": "acme", "values": {}}, {"code": "globex", "values": {}}]
        )
        assert [r.status_code for r in report] == [201, 201]
        assert [r.code for r in akeneo.reference_entity_records.list("brands")] == [
            "acme",
            "globex",
        ]
        akeneo.asset_families.upsert("packshots", {"labels": {"en_US": "Packshots"}})
        akeneo.assets.upsert("packshots", "boot_front", {"values": {}})
        assert akeneo.assets.get("packshots", "boot_front").code == "boot_front"
        akeneo.assets.delete("packshots", "boot_front")
        assert [a.code for a in akeneo.assets.list("packshots")] == []


def test_media_upload_then_download_and_the_product_value() -> None:
    fake = FakeAkeneo.demo()
    with fake.client() as akeneo:
        code = akeneo.product_media_files.upload(
            b"\x89PNG fake bytes",
            filename="boot.png",
            product={
                "identifier": "demo-002",
                "attribute": "picture",
                "scope": None,
                "locale": None,
            },
        )
        assert code.endswith("_boot.png") and code.count("/") == 4
        downloaded = akeneo.product_media_files.download(code)
        assert downloaded.content == b"\x89PNG fake bytes"
        assert downloaded.content_type == "image/png"
        assert akeneo.product_media_files.get(code).size == len(b"\x89PNG fake bytes")
        values = akeneo.products.get("demo-002").values
        assert values is not None and values["picture"][0]["data"] == code
        asset_code = akeneo.asset_media_files.upload(b"asset", filename="a.jpg")
        assert akeneo.asset_media_files.download(asset_code).content == b"asset"


def test_the_async_client_reaches_the_same_store() -> None:
    fake = FakeAkeneo.seeded()

    async def main() -> list[str]:
        async with fake.async_client() as akeneo:
            await akeneo.channels.upsert(
                "print", {"locales": ["en_US"], "currencies": ["USD"], "category_tree": "master"}
            )
            return [channel.code async for channel in akeneo.channels.list()]

    assert asyncio.run(main()) == ["ecommerce", "print"]
    assert fake.items("channels")[1]["code"] == "print"


def test_from_json_seeds_files_of_a_directory(tmp_path: Path) -> None:
    folder = tmp_path
    (folder / "1-families.json").write_text(
        '{"families": [{"code": "shoes", "attribute_as_label": "sku"}]}'
    )
    (folder / "2-products.json").write_text(
        '{"products": [{"identifier": "s-1", "family": "shoes"}]}'
    )
    fake = FakeAkeneo.from_json(folder)
    with fake.client() as akeneo:
        assert akeneo.products.get("s-1").family == "shoes"


def test_values_are_checked_against_the_catalogue() -> None:
    with FakeAkeneo.demo().client() as akeneo:
        with pytest.raises(UnprocessableEntityError) as unknown:
            akeneo.products.upsert(
                "demo-001", {"values": {"flavour": [{"locale": None, "scope": None, "data": "x"}]}}
            )
        assert [e.property for e in unknown.value.errors] == ["values"]
        with pytest.raises(UnprocessableEntityError):
            akeneo.products.upsert(
                "demo-001", {"values": {"color": [{"locale": None, "scope": None, "data": "teal"}]}}
            )
        # a refused write changes nothing
        values = akeneo.products.get("demo-001").values
        assert values is not None and "flavour" not in values
        assert values["color"][0]["data"] == "blue"
