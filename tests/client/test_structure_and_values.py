"""`akeneo.structure` on both clients, its endpoints the generated ones, and the value builders.

Each builder's output is compared with the documented JSON of its attribute type (facts.md §14,
the reference's `top-xl` product) and validated against the spec's own `ProductValue` schema.
"""

from __future__ import annotations

import asyncio
import datetime
import importlib
import json
import pkgutil
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
from akeneo_pim import Akeneo, AsyncAkeneo, ValueShapeError, resources, values
from akeneo_pim._endpoint import Endpoint
from akeneo_pim._structure import AttributeInfo
from akeneo_pim._structure_async import AsyncStructure
from akeneo_pim._structure_sync import SyncStructure
from akeneo_pim.params import TableRowParam

from generator.load import load_spec
from tests.conftest import SPEC
from tests.runtime.local_pim import LocalPIM, running


def generated_endpoints() -> dict[str, Endpoint]:
    found = {}
    for module_info in pkgutil.iter_modules(resources.__path__):
        module = importlib.import_module(f"akeneo_pim.resources.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, Endpoint):
                found[value.operation_id] = value
    return found


def test_structure_endpoints_are_the_generated_ones() -> None:
    from akeneo_pim import _structure

    endpoints = generated_endpoints()
    mine = [v for v in vars(_structure).values() if isinstance(v, Endpoint)]
    assert len(mine) >= 8
    for endpoint in mine:
        assert endpoints[endpoint.operation_id] == endpoint, endpoint.operation_id


def test_both_clients_have_a_structure() -> None:
    sync = Akeneo(base_url="https://pim.example.com", access_token="t")
    assert isinstance(sync.structure, SyncStructure)
    assert sync.structure is sync.structure  # one cache per client
    assert isinstance(AsyncAkeneo(base_url="https://pim.example.com", access_token="t").structure,
                      AsyncStructure)
    assert AttributeInfo.from_json({"code": "a", "type": "pim_catalog_text"}).scopable is False


@pytest.fixture(scope="module")
def value_schema() -> dict[str, Any]:
    document = load_spec(SPEC).document
    schemas = document["components"]["schemas"]
    return {"$ref": "#/components/schemas/ProductValues", "components": {"schemas": schemas}}


# builder output -> the documented JSON of that attribute type's value
EXAMPLES: list[tuple[values.ProductValues, dict[str, Any]]] = [
    (values.text("sku", "top-xl"), {"sku": [{"locale": None, "scope": None, "data": "top-xl"}]}),
    (
        values.text("description", "Summer top XL", locale="en_US", scope="ecommerce"),
        {"description": [{"locale": "en_US", "scope": "ecommerce", "data": "Summer top XL"}]},
    ),
    (values.number("count", 12), {"count": [{"locale": None, "scope": None, "data": 12}]}),
    (
        values.number("ratio", Decimal("89.897")),
        {"ratio": [{"locale": None, "scope": None, "data": "89.897"}]},
    ),
    (
        values.metric("power", "2.750", "KILOWATT"),
        {"power": [{"locale": None, "scope": None,
                    "data": {"amount": "2.750", "unit": "KILOWATT"}}]},
    ),
    (
        values.prices("price", {"EUR": "15.5", "USD": "15"}),
        {"price": [{"locale": None, "scope": None, "data": [
            {"amount": "15.5", "currency": "EUR"}, {"amount": "15", "currency": "USD"}]}]},
    ),
    (values.boolean("new", True), {"new": [{"locale": None, "scope": None, "data": True}]}),
    (
        values.date("release", datetime.date(2024, 5, 1)),
        {"release": [{"locale": None, "scope": None, "data": "2024-05-01"}]},
    ),
    (
        values.option("color", "black"),
        {"color": [{"locale": None, "scope": None, "data": "black"}]},
    ),
    (
        values.options("collection", ["winter_2016"]),
        {"collection": [{"locale": None, "scope": None, "data": ["winter_2016"]}]},
    ),
    (
        values.media("picture", "1/d/7/f/1d7f_shoe.jpg"),
        {"picture": [{"locale": None, "scope": None, "data": "1/d/7/f/1d7f_shoe.jpg"}]},
    ),
    (
        values.product_link("spare", uuid="0b1d5c2e-7f43-4a8e-9c61-2d3e4f5a6b7c"),
        {"spare": [{"locale": None, "scope": None,
                    "data": {"type": "product", "id": "0b1d5c2e-7f43-4a8e-9c61-2d3e4f5a6b7c"}}]},
    ),
    (
        values.product_link("spare", identifier="sku-1"),
        {"spare": [{"locale": None, "scope": None,
                    "data": {"type": "product", "identifier": "sku-1"}}]},
    ),
    (
        values.product_link("variant_of", product_model="tshirt"),
        {"variant_of": [{"locale": None, "scope": None,
                         "data": {"type": "product_model", "id": "tshirt"}}]},
    ),
    (
        values.table("nutrition", [{"ingredient": "cocoa", "percentage": "32"}]),
        {"nutrition": [{"locale": None, "scope": None,
                        "data": [{"ingredient": "cocoa", "percentage": "32"}]}]},
    ),
    (values.null("color"), {"color": [{"locale": None, "scope": None, "data": None}]}),
]


@pytest.mark.parametrize(("built", "documented"), EXAMPLES)
def test_builders_give_the_documented_shape(
    built: values.ProductValues, documented: dict[str, Any], value_schema: dict[str, Any]
) -> None:
    assert built == documented
    jsonschema.validate(built, value_schema)


def test_built_values_read_back() -> None:
    body = values.merge(
        values.metric("weight", "0.5", "KILOGRAM"),
        values.prices("price", {"EUR": "9.99"}),
        values.text("name", "Chaussure", locale="fr_FR"),
    )
    view = values.Values(body)
    assert view.metric("weight") == values.Metric(Decimal("0.5"), "KILOGRAM")
    assert view.price("price", "EUR") == Decimal("9.99")
    assert view.text("name", locale="fr_BE", fallback=("fr_FR",)) == "Chaussure"


def test_asset_and_record_values_say_channel() -> None:
    assert values.asset_value("title", "Summer", locale="en_US", channel="ecommerce") == {
        "title": [{"locale": "en_US", "channel": "ecommerce", "data": "Summer"}]
    }
    assert values.record_value("country", "italy") == {
        "country": [{"locale": None, "channel": None, "data": "italy"}]
    }


def test_bad_shapes_are_refused_before_sending() -> None:
    with pytest.raises(ValueShapeError, match=r"'weight'.*not a decimal number"):
        values.metric("weight", "half", "KILOGRAM")
    with pytest.raises(ValueShapeError, match="'price'"):
        values.prices("price", {"EUR": "9,99"})
    with pytest.raises(ValueShapeError, match="exactly one"):
        values.product_link("spare")
    with pytest.raises(ValueShapeError, match="list of codes"):
        values.options("collection", "winter_2016")
    with pytest.raises(ValueShapeError, match="given twice"):
        values.merge(values.text("name", "a"), values.text("name", "b"))
    with pytest.raises(ValueShapeError, match="at most 100 rows"):
        values.table("nutrition", [{"a": 1}] * 101)



def _table_products() -> tuple[list[Any], list[Any]]:
    """The same two products: table rows as `TableRowParam`s, and as the plain dicts they equal."""
    cells = {"ingredient": "cocoa", "percentage": "32", "organic": True}
    nominal = [
        {"uuid": "u-1", "values": values.table("nutrition", [cells])},
        {"uuid": "u-2", "values": {"nutrition": [
            {"locale": "en_US", "scope": None, "data": [TableRowParam(**cells)]}]}},
    ]
    plain = [
        {"uuid": "u-1", "values": {"nutrition": [
            {"locale": None, "scope": None, "data": [dict(cells)]}]}},
        {"uuid": "u-2", "values": {"nutrition": [
            {"locale": "en_US", "scope": None, "data": [dict(cells)]}]}},
    ]
    return nominal, plain


def test_table_builder_makes_nominal_rows() -> None:
    data = values.table("nutrition", [{"ingredient": "cocoa"}])["nutrition"][0]["data"]
    assert isinstance(data, list)
    assert [type(row) for row in data] == [TableRowParam]
    assert data == [{"ingredient": "cocoa"}]


def test_nominal_table_rows_send_the_same_json_sync() -> None:
    nominal, plain = _table_products()
    with running(LocalPIM([])) as pim:
        client = Akeneo(**pim.settings(max_retries=0))
        client.products_uuid.upsert_many(nominal)
        client.products_uuid.upsert_many(plain)
        client.close()
    sent_nominal, sent_plain = pim.batch_bodies
    assert sent_nominal == sent_plain
    assert [json.loads(line) for line in sent_nominal.splitlines()] == plain


def test_nominal_table_rows_send_the_same_json_async() -> None:
    nominal, plain = _table_products()

    async def send(pim: LocalPIM) -> None:
        async with AsyncAkeneo(**pim.settings(max_retries=0)) as client:
            await client.products_uuid.upsert_many(nominal)
            await client.products_uuid.upsert_many(plain)

    with running(LocalPIM([])) as pim:
        asyncio.run(send(pim))
    sent_nominal, sent_plain = pim.batch_bodies
    assert sent_nominal == sent_plain
    assert [json.loads(line) for line in sent_nominal.splitlines()] == plain
