"""Parts 1-3: typed reads by attribute type, builders that refuse wrong shapes, the structure."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, assert_type

from akeneo_pim import Akeneo, AsyncAkeneo
from akeneo_pim.models import Asset, ProductUuid
from akeneo_pim.params import ProductUuidUpdateParam, ProductValueParam, TableRowParam
from akeneo_pim.values import (
    Metric,
    Price,
    ProductLink,
    ProductValues,
    ValueData,
    Values,
    merge,
    metric,
    null,
    number,
    options,
    prices,
    product_link,
    table,
    text,
)


def reads(product: ProductUuid, asset: Asset) -> None:
    view = Values(product.values)
    assert_type(view.text("name", locale="fr_BE", fallback=("fr_FR", "en_US")), str | None)
    assert_type(view.number("size"), Decimal | None)
    assert_type(view.boolean("new"), bool | None)
    assert_type(view.date("release"), datetime.date | None)
    assert_type(view.metric("weight"), Metric | None)
    assert_type(view.prices("price"), list[Price] | None)
    assert_type(view.price("price", "EUR"), Decimal | None)
    assert_type(view.option("color"), str | None)
    assert_type(view.options("collection"), list[str] | None)
    assert_type(view.media("picture"), str | None)
    assert_type(view.product_link("spare"), ProductLink | None)
    assert_type(view.table("nutrition"), list[dict[str, Any]] | None)
    assert_type(view.read("anything"), ValueData)
    assert_type(Values(asset.values).text("title", locale="en_US", scope="ecommerce"), str | None)
    view.text("name", locale=["fr_FR"])  # E: incompatible type "list[str]"
    view.text("name", fallback="en_US")  # a str is a Sequence[str]: read as ("en_US",)
    weight = view.metric("weight")
    if weight is not None:
        assert_type(weight.amount, Decimal)
        weight.amount + 1.5  # E: Unsupported operand types


def writes(akeneo: Akeneo, uuid: str) -> None:
    body: ProductUuidUpdateParam = {
        "values": merge(
            metric("weight", "0.5", "KILOGRAM"),
            prices("price", {"EUR": "9.99", "USD": 11}),
            text("name", "Chaussure", locale="fr_FR", scope=None),
            number("size", 42),
            options("collection", ["winter_2016"]),
            product_link("spare", uuid="0b1d5c2e-7f43-4a8e-9c61-2d3e4f5a6b7c"),
            null("color"),
        )
    }
    akeneo.products_uuid.upsert(uuid, body)
    assert_type(metric("weight", 1, "GRAM"), ProductValues)
    metric("weight", 0.5, "KILOGRAM")  # E: incompatible type "float"
    metric("weight", "0.5")  # E: Missing positional argument "unit"
    prices("price", ["9.99"])  # E: incompatible type "list[str]"
    prices("price", {"EUR": 9.99})  # E: incompatible type "str": "float"
    text("name", 12)  # E: incompatible type "int"
    number("size", True)  # no error: bool is an int to mypy; refused at run time
    product_link("spare", "0b1d5c2e")  # E: Too many positional arguments


def value_data_union() -> None:
    """`ProductValueDataParam` takes each documented shape, and no look-alike of another."""
    good: list[ProductValueParam] = [
        {"locale": None, "scope": None, "data": [{"amount": "9.99", "currency": "EUR"}]},
        {"locale": None, "scope": None, "data": {"amount": "0.5", "unit": "KILOGRAM"}},
        {"locale": None, "scope": None, "data": [TableRowParam(ingredient="cocoa", organic=True)]},
        {"locale": None, "scope": None, "data": [TableRowParam({"ingredient": "sugar"})]},
    ]
    price_without_currency: ProductValueParam = {
        "locale": None,
        "scope": None,
        "data": [{"amount": "1"}],  # E: List item 0 has incompatible type "dict[str, str]"
    }
    plain_dict_row: ProductValueParam = {
        "locale": None,
        "scope": None,
        "data": [{"ingredient": "cocoa"}],  # E: List item 0 has incompatible type "dict[str, str]"
    }
    body: ProductUuidUpdateParam = {
        "values": merge(
            table("nutrition", [{"ingredient": "cocoa", "percentage": "32"}]),
            table("allergens", [TableRowParam(allergen="nuts")], locale="en_US"),
            table("empty_table", None),
        )
    }
    print(good, price_without_currency, plain_dict_row, body)


def structure(akeneo: Akeneo, async_akeneo: AsyncAkeneo) -> None:
    assert_type(akeneo.structure.attribute("weight").type, str)
    assert_type(akeneo.structure.attribute_types(), dict[str, str])
    assert_type(akeneo.structure.channels(), list[dict[str, Any]])
    akeneo.structure.attribute(1)  # E: incompatible type "int"


async def async_structure(async_akeneo: AsyncAkeneo) -> None:
    info = await async_akeneo.structure.attribute("weight")
    assert_type(info.type, str)
    _ = async_akeneo.structure.attribute("weight").type  # E: has no attribute "type"
