"""Typed reads of values: every attribute type of facts.md §14, each on a documented example.

Examples are Akeneo's own where the reference has one (`reference/akeneo-web-api.json`: the
`top-xl` product, the asset and record examples), else the shapes of facts.md §14 and
api-updates-2024-2026.md (metric `symbol`, per-locale measurement conversion).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from akeneo_runtime_under_test._errors import AkeneoError, ValueShapeError
from akeneo_runtime_under_test._values import Metric, Price, ProductLink, Values

IDENTIFIER, TEXT = "pim_catalog_identifier", "pim_catalog_text"
# The reference's product example (GET /products-uuid/{uuid}, SaaS: with attribute_type).
TOP_XL: dict[str, list[dict[str, Any]]] = {
    "sku": [{"data": "top-xl", "locale": None, "scope": None, "attribute_type": IDENTIFIER}],
    "name": [
        {"data": "Top XL", "locale": "en_US", "scope": None, "attribute_type": TEXT},
        {"data": "Débardeur XL", "locale": "fr_FR", "scope": None, "attribute_type": TEXT},
    ],
    "description": [
        {
            "data": "Summer top XL",
            "locale": "en_US",
            "scope": "ecommerce",
            "attribute_type": "pim_catalog_textarea",
        },
        {
            "data": "Débardeur XL pour l'été",
            "locale": "fr_FR",
            "scope": "ecommerce",
            "attribute_type": "pim_catalog_textarea",
        },
        {
            "data": "Débardeur XL",
            "locale": "fr_FR",
            "scope": "tablet",
            "attribute_type": "pim_catalog_textarea",
        },
    ],
    "price": [
        {
            "locale": None,
            "scope": None,
            "data": [{"amount": "15.5", "currency": "EUR"}, {"amount": "15", "currency": "USD"}],
            "attribute_type": "pim_catalog_price_collection",
        }
    ],
    "color": [
        {
            "locale": None,
            "scope": None,
            "data": "black",
            "linked_data": {"attribute": "color", "code": "black", "labels": {"en_US": "Black"}},
            "attribute_type": "pim_catalog_simpleselect",
        }
    ],
    "collection": [
        {
            "locale": None,
            "scope": None,
            "data": ["winter_2016"],
            "attribute_type": "pim_catalog_multiselect",
        }
    ],
}


def one(data: object, attribute_type: str | None = None, **where: Any) -> Values:
    entry: dict[str, Any] = {"locale": None, "scope": None, "data": data, **where}
    if attribute_type is not None:
        entry["attribute_type"] = attribute_type
    return Values({"attr": [entry]})


def test_reference_product_reads_by_type() -> None:
    values = Values(TOP_XL)
    assert values.text("sku") == "top-xl"
    assert values.text("name", locale="fr_FR") == "Débardeur XL"
    assert values.text("description", locale="fr_FR", scope="tablet") == "Débardeur XL"
    assert values.text("description", locale="en_US", scope="ecommerce") == "Summer top XL"
    assert values.prices("price") == [Price(Decimal("15.5"), "EUR"), Price(Decimal("15"), "USD")]
    assert values.price("price", "USD") == Decimal("15")
    assert values.option("color") == "black"
    assert values.options("collection") == ["winter_2016"]
    # read() decodes by the attribute_type the value carries
    assert values.read("price") == values.prices("price")
    assert values.read("collection") == ["winter_2016"]


def test_locale_fallback_chain_and_scope() -> None:
    values = Values(TOP_XL)
    assert values.text("name", locale="fr_BE", fallback=("fr_FR", "en_US")) == "Débardeur XL"
    assert values.text("name", locale="de_DE", fallback=("es_ES", "en_US")) == "Top XL"
    assert values.text("name", locale="de_DE") is None
    assert values.text("name", locale="de_DE", fallback="fr_FR") == "Débardeur XL"
    # a scopable value is not picked without its scope, nor with another one
    assert values.text("description", locale="en_US") is None
    assert values.text("description", locale="en_US", scope="print") is None
    # a non-localizable value answers whatever locale is asked
    assert values.text("sku", locale="fr_FR", scope="ecommerce") == "top-xl"
    assert values.text("missing") is None
    assert "name" in values and "missing" not in values


def test_number_integer_and_decimal_string() -> None:
    assert one(12, "pim_catalog_number").number("attr") == Decimal(12)
    assert one("89.897", "pim_catalog_number").number("attr") == Decimal("89.897")
    assert one("1949", attribute_type=None, channel=None).number("attr") == Decimal("1949")


def test_metric_with_symbol_and_integer_amount() -> None:
    kw = {"amount": "2.750", "unit": "KILOWATT", "symbol": "kW"}
    power = one(kw, "pim_catalog_metric").metric("attr")
    assert power == Metric(Decimal("2.750"), "KILOWATT", "kW")
    # the reference's older example: an integer amount, no symbol
    weight = one({"amount": 10, "unit": "KILOGRAM"}).metric("attr")
    assert weight == Metric(Decimal(10), "KILOGRAM", None)


def test_converted_measurements_pick_the_locale_value() -> None:
    # api-updates-2024-2026.md: a non-localizable metric plus one converted value per locale
    values = Values(
        {
            "weight": [
                {
                    "locale": None,
                    "scope": None,
                    "data": {"amount": "2", "unit": "KILOGRAM", "symbol": "kg"},
                    "attribute_type": "pim_catalog_metric",
                },
                {
                    "locale": "en_US",
                    "scope": "ecommerce",
                    "data": {"amount": "4.41", "unit": "POUND", "symbol": "lb"},
                    "attribute_type": "pim_catalog_metric",
                },
            ]
        }
    )
    assert values.metric("weight", locale="en_US", scope="ecommerce") == Metric(
        Decimal("4.41"), "POUND", "lb"
    )
    assert values.metric("weight", locale="fr_FR", scope="ecommerce") == Metric(
        Decimal("2"), "KILOGRAM", "kg"
    )


def test_boolean_and_date() -> None:
    assert one(True, "pim_catalog_boolean").boolean("attr") is True
    assert one(False).boolean("attr") is False
    iso = "2019-06-15T00:00:00+00:00"
    assert one(iso, "pim_catalog_date").date("attr") == datetime.date(2019, 6, 15)
    assert one("2024-01-01", "date").date("attr") == datetime.date(2024, 1, 1)


@pytest.mark.parametrize(
    ("attribute_type", "data"),
    [
        ("pim_catalog_reference_data_simple_select", "cotton"),
        ("pim_reference_data_simpleselect", "cotton"),
        ("akeneo_reference_entity", "kartell"),
    ],
)
def test_single_codes(attribute_type: str, data: str) -> None:
    assert one(data, attribute_type).option("attr") == data
    assert one(data, attribute_type).read("attr") == data


@pytest.mark.parametrize(
    "attribute_type",
    [
        "pim_catalog_multiselect",
        "pim_catalog_reference_data_multi_select",
        "pim_reference_data_multiselect",
        "akeneo_reference_entity_collection",
        "pim_catalog_asset_collection",
        "pim_assets_collection",
    ],
)
def test_code_lists(attribute_type: str) -> None:
    assert one(["red", "purple"], attribute_type).options("attr") == ["red", "purple"]


@pytest.mark.parametrize("attribute_type", ["pim_catalog_file", "pim_catalog_image"])
def test_media_codes_keep_their_slashes(attribute_type: str) -> None:
    code = "0/c/b/0/0cb0c0e115dedba676f8d1ad8343ec207ab54c7b_image.jpg"
    assert one(code, attribute_type).media("attr") == code


def test_product_link_by_uuid_identifier_or_model() -> None:
    uuid = "0b1d5c2e-7f43-4a8e-9c61-2d3e4f5a6b7c"
    link = one({"type": "product", "id": uuid}, "pim_catalog_product_link").product_link("attr")
    assert link == ProductLink("product", uuid, None)
    assert one({"type": "product", "identifier": "sku-1"}).product_link("attr") == ProductLink(
        "product", None, "sku-1"
    )
    assert one({"type": "product_model", "id": "tshirt"}).product_link("attr") == ProductLink(
        "product_model", "tshirt", None
    )


def test_table_rows() -> None:
    rows = [{"ingredient": "cocoa", "percentage": "32", "organic": True}]
    assert one(rows, "pim_catalog_table").table("attr") == rows


def test_asset_and_record_values_use_channel() -> None:
    # the reference's asset example: values with `channel`, as pydantic models would hold them too
    asset = Values(
        {
            "warning_mention": [
                {"data": "Photo not retouched", "locale": "en_US", "channel": None},
                {"data": "Web only", "locale": "en_US", "channel": "ecommerce"},
            ],
            "main_colors": [{"locale": None, "channel": None, "data": ["red", "purple"]}],
        }
    )
    assert asset.text("warning_mention", locale="en_US") == "Photo not retouched"
    assert asset.text("warning_mention", locale="en_US", scope="ecommerce") == "Web only"
    assert asset.options("main_colors") == ["red", "purple"]


def test_models_with_attributes_are_read_too() -> None:
    class AssetValue:  # what a pydantic AssetValue looks like to the view: attributes
        def __init__(self) -> None:
            self.locale = None
            self.channel = "ecommerce"
            self.data = "sku_54628_picture1.jpg"
            self.attribute_type = "media_link"

    values = Values({"media_preview": [AssetValue()]})
    assert values.media("media_preview", scope="ecommerce") == "sku_54628_picture1.jpg"


def test_null_data_reads_as_none() -> None:
    assert one(None, "pim_catalog_metric").metric("attr") is None
    assert Values(None).text("anything") is None


def test_wrong_shape_names_attribute_locale_and_scope() -> None:
    values = Values(
        {"weight": [{"locale": "en_US", "scope": "print", "data": "heavy"}]}
    )
    with pytest.raises(ValueShapeError) as raised:
        values.metric("weight", locale="en_US", scope="print")
    message = str(raised.value)
    assert "'weight'" in message and "'en_US'" in message and "'print'" in message
    assert "amount" in message
    assert isinstance(raised.value, AkeneoError)
    with pytest.raises(ValueShapeError, match="expected a list of prices"):
        one({"amount": "1", "currency": "EUR"}).prices("attr")
    with pytest.raises(ValueShapeError, match="decimal string"):
        one("twelve").number("attr")
    with pytest.raises(ValueShapeError, match="ISO-8601"):
        one("02/03/2021").date("attr")


def test_accessor_of_another_type_is_refused() -> None:
    with pytest.raises(ValueShapeError, match="pim_catalog_text attribute cannot be read with"):
        Values(TOP_XL).metric("name", locale="en_US")


def test_read_needs_a_type_and_takes_a_types_map() -> None:
    raw = {"weight": [{"locale": None, "scope": None, "data": {"amount": 3, "unit": "GRAM"}}]}
    with pytest.raises(ValueShapeError, match=r"structure\.attribute_types"):
        Values(raw).read("weight")
    typed = Values(raw, types={"weight": "pim_catalog_metric"})
    assert typed.read("weight") == Metric(Decimal(3), "GRAM")
    with pytest.raises(ValueShapeError, match="cannot be read with text"):
        typed.text("weight")
