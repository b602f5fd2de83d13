"""The fake PIM's `search` filters (templates/testing/_fake_filters.py).

Every operator is checked with one item it keeps and one it drops; every rejection with its
status and message. Operator tables: facts.md §6; records, assets, linked entities:
api-updates-2024-2026.md §3-§4.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from tests.testing.fake_logic import filters

FilterError = filters.FilterError
NOW = datetime(2026, 12, 8, 12, 0, 0, tzinfo=timezone.utc)

ATTRIBUTES: dict[str, dict[str, Any]] = {
    "sku": {"type": "pim_catalog_identifier"},
    "name": {"type": "pim_catalog_text", "localizable": True},
    "description": {"type": "pim_catalog_textarea", "localizable": True, "scopable": True},
    "count": {"type": "pim_catalog_number"},
    "weight": {"type": "pim_catalog_metric"},
    "price": {"type": "pim_catalog_price_collection"},
    "color": {"type": "pim_catalog_simpleselect"},
    "sizes": {"type": "pim_catalog_multiselect"},
    "brand": {"type": "akeneo_reference_entity"},
    "packshots": {"type": "pim_catalog_asset_collection"},
    "active": {"type": "pim_catalog_boolean"},
    "released": {"type": "pim_catalog_date"},
    "picture": {"type": "pim_catalog_image"},
    "link": {"type": "pim_catalog_product_link"},
    "nutrition": {"type": "pim_catalog_table"},
}


def product(**values: Any) -> dict[str, Any]:
    """A product whose non-localizable, non-scopable values are `values`."""
    return {
        "values": {
            code: [{"locale": None, "scope": None, "data": data}] for code, data in values.items()
        }
    }


def keeps(
    search: dict[str, Any],
    item: dict[str, Any],
    *,
    resource: str = "products-uuid",
    attributes: dict[str, dict[str, Any]] = ATTRIBUTES,
    locale: str | None = None,
    scope: str | None = None,
    tree: dict[str, str | None] | None = None,
) -> bool:
    predicate = filters.compile_search(
        search,
        resource=resource,
        attributes=attributes,
        search_locale=locale,
        search_scope=scope,
        category_tree=tree,
        now=NOW,
    )
    return bool(predicate(item))


def cond(field: str, operator: str, value: Any = None, **extra: Any) -> dict[str, Any]:
    condition: dict[str, Any] = {"operator": operator, **extra}
    if value is not None:
        condition["value"] = value
    return {field: [condition]}


TREE: dict[str, str | None] = {"master": None, "men": "master", "shirts": "men", "women": "master"}
# (search, kept item, dropped item) for the product properties
PROPERTY_CASES: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = [
    (cond("uuid", "IN", ["u1", "u2"]), {"uuid": "u1"}, {"uuid": "u3"}),
    (cond("uuid", "NOT IN", ["u1"]), {"uuid": "u3"}, {"uuid": "u1"}),
    (cond("enabled", "=", True), {"enabled": True}, {"enabled": False}),
    (cond("enabled", "!=", True), {"enabled": False}, {"enabled": True}),
    (cond("family", "IN", ["shoes"]), {"family": "shoes"}, {"family": "hats"}),
    (cond("family", "NOT IN", ["shoes"]), {"family": "hats"}, {"family": "shoes"}),
    (cond("family", "EMPTY"), {"family": None}, {"family": "shoes"}),
    (cond("family", "NOT EMPTY"), {"family": "shoes"}, {"family": None}),
    (cond("categories", "IN", ["men"]), {"categories": ["men", "x"]}, {"categories": ["shirts"]}),
    (cond("categories", "NOT IN", ["men"]), {"categories": ["women"]}, {"categories": ["men"]}),
    (
        cond("categories", "IN OR UNCLASSIFIED", ["men"]),
        {"categories": []},
        {"categories": ["women"]},
    ),
    (
        cond("categories", "IN CHILDREN", ["men"]),
        {"categories": ["shirts"]},
        {"categories": ["women"]},
    ),
    (
        cond("categories", "NOT IN CHILDREN", ["men"]),
        {"categories": ["women"]},
        {"categories": ["shirts"]},
    ),
    (cond("categories", "UNCLASSIFIED"), {"categories": []}, {"categories": ["men"]}),
    (cond("groups", "IN", ["promo"]), {"groups": ["promo"]}, {"groups": ["other"]}),
    (cond("groups", "NOT IN", ["promo"]), {"groups": []}, {"groups": ["promo"]}),
    (cond("groups", "EMPTY"), {"groups": []}, {"groups": ["promo"]}),
    (cond("groups", "NOT EMPTY"), {"groups": ["promo"]}, {}),
    (cond("parent", "=", "m1"), {"parent": "m1"}, {"parent": "m2"}),
    (cond("parent", "IN", ["m1", "m3"]), {"parent": "m3"}, {"parent": "m2"}),
    (cond("parent", "EMPTY"), {"parent": None}, {"parent": "m1"}),
    (cond("parent", "NOT EMPTY"), {"parent": "m1"}, {"parent": None}),
    (
        cond("updated", ">", "2026-01-01 10:00:00"),
        {"updated": "2026-01-01T10:00:01+00:00"},
        {"updated": "2026-01-01T10:00:00+00:00"},
    ),
    (
        cond("updated", "<", "2026-01-01 10:00:00"),
        {"updated": "2026-01-01T11:59:59+02:00"},
        {"updated": "2026-01-01T10:00:00Z"},
    ),
    (
        cond("created", "=", "2026-01-01 10:00:00"),
        {"created": "2026-01-01T10:00:00+00:00"},
        {"created": "2026-01-01T10:00:01+00:00"},
    ),
    (
        cond("created", "!=", "2026-01-01 10:00:00"),
        {"created": "2026-01-01T10:00:01+00:00"},
        {"created": "2026-01-01T12:00:00+02:00"},
    ),
    (
        cond("updated", "BETWEEN", ["2026-01-01 00:00:00", "2026-02-01 00:00:00"]),
        {"updated": "2026-01-15T00:00:00+00:00"},
        {"updated": "2026-02-15T00:00:00+00:00"},
    ),
    (
        cond("updated", "NOT BETWEEN", ["2026-01-01 00:00:00", "2026-02-01 00:00:00"]),
        {"updated": "2026-02-15T00:00:00+00:00"},
        {"updated": "2026-01-15T00:00:00+00:00"},
    ),
    (
        cond("updated", "SINCE LAST N DAYS", 3),
        {"updated": "2026-12-06T00:00:00+00:00"},
        {"updated": "2026-12-01T00:00:00+00:00"},
    ),
    (
        cond("updated", "SINCE LAST N DAYS", "3"),  # Akeneo takes "2" as well as 2 (PIM-9513)
        {"updated": "2026-12-06T00:00:00+00:00"},
        {"updated": "2026-12-01T00:00:00+00:00"},
    ),
    (
        {
            **cond("updated_including_linked_entities", ">", "2026-01-01 00:00:00"),
            **cond("updated_including_linked_type", "IN", ["asset"]),
        },
        {"updated": "2026-03-01T00:00:00+00:00"},
        {"updated": "2025-03-01T00:00:00+00:00"},
    ),
    (
        cond("completeness", ">", 70, scope="ecommerce"),
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 80}]},
        {"completenesses": [{"scope": "mobile", "locale": "en_US", "data": 80}]},
    ),
    (
        cond("completeness", "<", 50, scope="ecommerce"),
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 20}]},
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 50}]},
    ),
    (
        cond("completeness", "<=", 50, scope="ecommerce"),
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 50}]},
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 51}]},
    ),
    (
        cond("completeness", ">=", 50, scope="ecommerce"),
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 50}]},
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 49}]},
    ),
    (
        cond("completeness", "=", 100, scope="ecommerce"),
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 100}]},
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 90}]},
    ),
    (
        cond("completeness", "!=", 100, scope="ecommerce"),
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 90}]},
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 100}]},
    ),
    (
        cond(
            "completeness",
            "GREATER THAN ON ALL LOCALES",
            50,
            scope="ecommerce",
            locales=["en_US", "fr_FR"],
        ),
        {
            "completenesses": [
                {"scope": "ecommerce", "locale": "en_US", "data": 60},
                {"scope": "ecommerce", "locale": "fr_FR", "data": 70},
            ]
        },
        {
            "completenesses": [
                {"scope": "ecommerce", "locale": "en_US", "data": 60},
                {"scope": "ecommerce", "locale": "fr_FR", "data": 40},
            ]
        },
    ),
    (
        cond(
            "completeness",
            "GREATER OR EQUALS THAN ON ALL LOCALES",
            50,
            scope="ecommerce",
            locales=["en_US"],
        ),
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 50}]},
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 49}]},
    ),
    (
        cond("completeness", "LOWER THAN ON ALL LOCALES", 50, scope="ecommerce", locales=["en_US"]),
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 49}]},
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 50}]},
    ),
    (
        cond(
            "completeness",
            "LOWER OR EQUALS THAN ON ALL LOCALES",
            50,
            scope="ecommerce",
            locales=["en_US"],
        ),
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 50}]},
        {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": 51}]},
    ),
    (
        cond("quality_score", "IN", ["A", "B"], scope="ecommerce", locale="en_US"),
        {"quality_scores": [{"scope": "ecommerce", "locale": "en_US", "data": "B"}]},
        {"quality_scores": [{"scope": "ecommerce", "locale": "en_US", "data": "D"}]},
    ),
]


@pytest.mark.parametrize(("search", "kept", "dropped"), PROPERTY_CASES)
def test_product_property_operators(
    search: dict[str, Any], kept: dict[str, Any], dropped: dict[str, Any]
) -> None:
    assert keeps(search, kept, tree=TREE)
    assert not keeps(search, dropped, tree=TREE)


def test_product_models_filter_their_properties_and_identifier_products_too() -> None:
    search = cond("parent", "EMPTY")
    assert keeps(search, {"code": "root", "parent": None}, resource="product_models")
    assert not keeps(search, {"code": "sub", "parent": "root"}, resource="product-models")
    assert keeps(cond("family", "IN", ["a"]), {"family": "a"}, resource="products")


def test_keys_and_conditions_are_anded() -> None:
    search = {
        "family": [{"operator": "IN", "value": ["shoes"]}],
        "enabled": [{"operator": "=", "value": True}],
        "categories": [
            {"operator": "IN", "value": ["men"]},
            {"operator": "NOT IN", "value": ["x"]},
        ],
    }
    kept = {"family": "shoes", "enabled": True, "categories": ["men"]}
    assert keeps(search, kept)
    assert not keeps(search, {**kept, "enabled": False})
    assert not keeps(search, {**kept, "categories": ["men", "x"]})


def test_empty_search_keeps_everything() -> None:
    assert keeps({}, {"uuid": "u"})


# (search, kept, dropped) for attribute-value filters
ATTRIBUTE_CASES: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = [
    (cond("sku", "STARTS WITH", "ab"), product(sku="AB-1"), product(sku="XAB")),
    (cond("sku", "CONTAINS", "b-"), product(sku="AB-1"), product(sku="AB1")),
    (cond("sku", "DOES NOT CONTAIN", "b-"), product(sku="AB1"), product(sku="AB-1")),
    (cond("sku", "=", "ab-1"), product(sku="AB-1"), product(sku="AB-12")),
    (cond("sku", "!=", "AB-1"), product(sku="AB-2"), product(sku="AB-1")),
    (cond("sku", "IN", ["AB-1", "AB-2"]), product(sku="AB-2"), product(sku="AB-3")),
    (cond("sku", "NOT IN", ["AB-1"]), product(sku="AB-2"), product(sku="AB-1")),
    (cond("sku", "EMPTY"), product(), product(sku="AB-1")),
    (cond("sku", "NOT EMPTY"), product(sku="AB-1"), product(sku="")),
    (cond("count", "<", 5), product(count=4), product(count=5)),
    (cond("count", "<=", 5), product(count="5"), product(count=6)),
    (cond("count", "=", "5"), product(count=5), product(count=6)),
    (cond("count", "!=", 5), product(count=6), product(count=5)),
    (cond("count", ">=", 5), product(count=5), product(count=4)),
    (cond("count", ">", 5), product(count="5.5"), product(count=5)),
    (cond("count", "EMPTY"), product(count=None), product(count=0)),
    (cond("count", "NOT EMPTY"), product(count=0), product()),
    (
        cond("weight", ">", {"amount": 1, "unit": "KILOGRAM"}),
        product(weight={"amount": "1.5", "unit": "KILOGRAM"}),
        product(weight={"amount": "1.5", "unit": "GRAM"}),
    ),
    (
        cond("weight", "=", {"amount": "2", "unit": "KILOGRAM"}),
        product(weight={"amount": 2, "unit": "KILOGRAM"}),
        product(weight={"amount": 3, "unit": "KILOGRAM"}),
    ),
    (
        cond("price", "<", {"amount": 10, "currency": "EUR"}),
        product(price=[{"amount": "20", "currency": "USD"}, {"amount": "9.99", "currency": "EUR"}]),
        product(price=[{"amount": "9", "currency": "USD"}, {"amount": "10", "currency": "EUR"}]),
    ),
    (
        cond("price", "NOT EMPTY"),
        product(price=[{"amount": 1, "currency": "EUR"}]),
        product(price=[]),
    ),
    (cond("color", "IN", ["red", "blue"]), product(color="red"), product(color="green")),
    (cond("color", "NOT IN", ["red"]), product(color="green"), product(color="red")),
    (cond("color", "EMPTY"), product(), product(color="red")),
    (cond("color", "NOT EMPTY"), product(color="red"), product(color=None)),
    (cond("sizes", "IN", ["s"]), product(sizes=["m", "s"]), product(sizes=["l"])),
    (cond("sizes", "NOT IN", ["s"]), product(sizes=["m"]), product(sizes=["m", "s"])),
    (cond("brand", "IN", ["acme"]), product(brand="acme"), product(brand="other")),
    (cond("packshots", "IN", ["front"]), product(packshots=["front"]), product(packshots=["back"])),
    (cond("active", "=", True), product(active=True), product(active=False)),
    (cond("active", "!=", True), product(active=False), product(active=True)),
    (cond("active", "EMPTY"), product(), product(active=False)),
    (
        cond("released", "<", "2024-01-01"),
        product(released="2023-12-31"),
        product(released="2024-01-01"),
    ),
    (
        cond("released", ">", "2024-01-01"),
        product(released="2024-01-02T00:00:00+00:00"),
        product(released="2024-01-01"),
    ),
    (
        cond("released", "=", "2024-01-01"),
        product(released="2024-01-01"),
        product(released="2024-01-02"),
    ),
    (
        cond("released", "!=", "2024-01-01"),
        product(released="2024-01-02"),
        product(released="2024-01-01"),
    ),
    (
        cond("released", "BETWEEN", ["2024-01-01", "2024-01-31"]),
        product(released="2024-01-31"),
        product(released="2024-02-01"),
    ),
    (
        cond("released", "NOT BETWEEN", ["2024-01-01", "2024-01-31"]),
        product(released="2024-02-01"),
        product(released="2024-01-10"),
    ),
    (cond("released", "NOT EMPTY"), product(released="2024-01-01"), product()),
    (
        cond("picture", "STARTS WITH", "tee"),
        product(picture="1/d/7/f/abc123_tee.jpg"),
        product(picture="1/d/7/f/tee_cap.jpg"),
    ),
    (
        cond("picture", "CONTAINS", ".png"),
        product(picture="a/b_x.png"),
        product(picture="a/b_x.jpg"),
    ),
    (
        cond("picture", "DOES NOT CONTAIN", ".png"),
        product(picture="a/b_x.jpg"),
        product(picture="a/b_x.png"),
    ),
    (cond("picture", "=", "x.jpg"), product(picture="a/b_x.jpg"), product(picture="a/b_y.jpg")),
    (cond("picture", "!=", "x.jpg"), product(picture="a/b_y.jpg"), product(picture="a/b_x.jpg")),
    (cond("picture", "EMPTY"), product(), product(picture="a/b_x.jpg")),
    (
        cond("link", "IN", [{"type": "product", "id": "u1"}]),
        product(link={"type": "product", "id": "u1"}),
        product(link={"type": "product_model", "id": "u1"}),
    ),
    (
        cond("link", "NOT IN", [{"type": "product", "id": "u1"}]),
        product(link={"type": "product", "id": "u2"}),
        product(link={"type": "product", "id": "u1"}),
    ),
    (
        cond("nutrition", "STARTS WITH", {"column": "ingredient", "value": "sug"}),
        product(nutrition=[{"ingredient": "salt"}, {"ingredient": "sugar"}]),
        product(nutrition=[{"ingredient": "salt"}]),
    ),
    (
        cond("nutrition", ">", {"column": "quantity", "value": 10, "row": "sugar"}),
        product(nutrition=[{"ingredient": "sugar", "quantity": 12}]),
        product(
            nutrition=[
                {"ingredient": "salt", "quantity": 12},
                {"ingredient": "sugar", "quantity": 2},
            ]
        ),
    ),
]


@pytest.mark.parametrize(("search", "kept", "dropped"), ATTRIBUTE_CASES)
def test_attribute_operators(
    search: dict[str, Any], kept: dict[str, Any], dropped: dict[str, Any]
) -> None:
    assert keeps(search, kept)
    assert not keeps(search, dropped)


LOCALIZED = {
    "values": {
        "name": [
            {"locale": "en_US", "scope": None, "data": "Shirt"},
            {"locale": "fr_FR", "scope": None, "data": "Chemise"},
        ],
        "description": [
            {"locale": "en_US", "scope": "ecommerce", "data": "Cotton shirt"},
            {"locale": "en_US", "scope": "print", "data": "Linen shirt"},
        ],
    }
}


def test_locale_and_scope_pick_the_value() -> None:
    assert keeps(cond("name", "=", "Chemise", locale="fr_FR"), LOCALIZED)
    assert not keeps(cond("name", "=", "Chemise", locale="en_US"), LOCALIZED)
    linen = cond("description", "CONTAINS", "linen", locale="en_US", scope="print")
    assert keeps(linen, LOCALIZED)
    assert not keeps(
        cond("description", "CONTAINS", "linen", locale="en_US", scope="ecommerce"), LOCALIZED
    )


def test_search_locale_and_search_scope_are_defaults() -> None:
    assert keeps(cond("name", "=", "Chemise"), LOCALIZED, locale="fr_FR")
    assert not keeps(cond("name", "=", "Chemise"), LOCALIZED, locale="en_US")
    # The condition's own locale wins over the default.
    assert keeps(cond("name", "=", "Chemise", locale="fr_FR"), LOCALIZED, locale="en_US")
    search = cond("description", "CONTAINS", "linen")
    assert keeps(search, LOCALIZED, locale="en_US", scope="print")
    assert not keeps(search, LOCALIZED, locale="en_US", scope="ecommerce")
    # The defaults do not apply to attributes that are neither localizable nor scopable.
    assert keeps(cond("sku", "=", "A"), product(sku="A"), locale="en_US", scope="print")


REJECTIONS: list[tuple[str, dict[str, Any], str]] = [
    (
        "products-uuid",
        cond("enabled", "IN", [True]),
        'Filter on property "enabled" is not supported or does not support operator "IN".',
    ),
    (
        "products-uuid",
        cond("family", "STARTS WITH", "a"),
        'Filter on property "family" is not supported or does not support operator "STARTS WITH".',
    ),
    (
        "products-uuid",
        cond("colour", "=", "red"),
        'Filter on property "colour" is not supported or does not support operator "=".',
    ),
    (
        "products-uuid",
        cond("color", "=", "red"),
        'Filter on property "color" is not supported or does not support operator "=".',
    ),
    (
        "products-uuid",
        cond("count", "CONTAINS", "1"),
        'Filter on property "count" is not supported or does not support operator "CONTAINS".',
    ),
    (
        "products-uuid",
        cond("released", "<=", "2024-01-01"),
        'Filter on property "released" is not supported or does not support operator "<=".',
    ),
    (
        "product-models",
        cond("uuid", "IN", ["u"]),
        'Filter on property "uuid" is not supported or does not support operator "IN".',
    ),
    (
        "products-uuid",
        {"family": {"operator": "IN", "value": ["a"]}},
        'Structure of filter "family" should respect this structure: '
        '{"family":[{"operator": "my_operator", "value": "my_value"}]}',
    ),
    (
        "products-uuid",
        {"family": [{"value": ["a"]}]},
        'Operator is missing for the property "family".',
    ),
    (
        "products-uuid",
        {"family": [{"operator": "IN"}]},
        'Value is missing for the property "family".',
    ),
    (
        "products-uuid",
        cond("enabled", "=", "true"),
        'Property "enabled" expects a boolean as data, "string" given.',
    ),
    (
        "products-uuid",
        cond("family", "IN", "shoes"),
        'Property "family" expects an array as data, "string" given.',
    ),
    (
        "products-uuid",
        cond("updated", ">", "2026-01-01"),
        'Property "updated" expects a string with the format "yyyy-mm-dd H:i:s" as data, '
        '"2026-01-01" given.',
    ),
    (
        "products-uuid",
        cond("updated", ">", "2026-01-01T00:00:00Z"),
        'Property "updated" expects a string with the format "yyyy-mm-dd H:i:s" as data, '
        '"2026-01-01T00:00:00Z" given.',
    ),
    (
        "products-uuid",
        cond("updated", "SINCE LAST N DAYS", "three"),
        'Property "updated" expects an integer as data, "string" given.',
    ),
    (
        "products-uuid",
        cond("updated", "BETWEEN", ["2026-01-01 00:00:00"]),
        'Property "updated" expects an array with 2 dates as data, "array" given.',
    ),
    (
        "products-uuid",
        cond("completeness", ">", 50),
        'Property "completeness" expects a scope, none given.',
    ),
    (
        "products-uuid",
        cond("completeness", "GREATER THAN ON ALL LOCALES", 50, scope="ecommerce"),
        'Property "completeness" expects an array of locales.',
    ),
    (
        "products-uuid",
        cond("quality_score", "IN", ["A"], scope="ecommerce"),
        'Property "quality_score" expects a scope and a locale.',
    ),
    (
        "products-uuid",
        cond("updated_including_linked_type", "IN", ["asset"]),
        'The filter "updated_including_linked_type" needs the filter '
        '"updated_including_linked_entities".',
    ),
    (
        "products-uuid",
        {
            **cond("updated_including_linked_entities", ">", "2026-01-01 00:00:00"),
            **cond("updated_including_linked_type", "IN", ["product"]),
        },
        'Property "updated_including_linked_type" expects values among "asset" and '
        '"reference_entity_record".',
    ),
    ("products-uuid", cond("name", "=", "x"), 'Attribute "name" expects a locale, none given.'),
    (
        "products-uuid",
        cond("sku", "=", "x", locale="en_US"),
        'Attribute "sku" does not expect a locale, "en_US" given.',
    ),
    (
        "products-uuid",
        cond("description", "=", "x", locale="en_US"),
        'Attribute "description" expects a scope, none given.',
    ),
    (
        "products-uuid",
        cond("sku", "=", "x", scope="ecommerce"),
        'Attribute "sku" does not expect a scope, "ecommerce" given.',
    ),
    (
        "products-uuid",
        cond("count", ">", "many"),
        'Property "count" expects a numeric as data, "string" given.',
    ),
    (
        "products-uuid",
        cond("sku", "CONTAINS", 5),
        'Property "sku" expects a string as data, "integer" given.',
    ),
    (
        "products-uuid",
        cond("weight", ">", {"amount": 1}),
        'Property "weight" expects an array with the key "unit".',
    ),
    (
        "products-uuid",
        cond("price", ">", 1),
        'Property "price" expects an array as data, "integer" given.',
    ),
    (
        "products-uuid",
        cond("released", "=", "2024/01/01"),
        'Property "released" expects a string with the format "yyyy-mm-dd" as data, '
        '"2024/01/01" given.',
    ),
    (
        "products-uuid",
        cond("sku", "IN", [str(n) for n in range(101)]),
        'Property "sku" accepts at most 100 values.',
    ),
    (
        "products-uuid",
        cond("link", "IN", ["u1"]),
        'Property "link" expects an array of {"type", "id"} objects.',
    ),
    (
        "products-uuid",
        cond("nutrition", "=", "x"),
        'Property "nutrition" expects an array with the key "column".',
    ),
    (
        "channels",
        cond("code", "IN", ["a"]),
        'Filter on property "code" is not supported or does not support operator "IN".',
    ),
]


@pytest.mark.parametrize(("resource", "search", "message"), REJECTIONS)
def test_rejections_are_422_with_akeneo_message(
    resource: str, search: dict[str, Any], message: str
) -> None:
    with pytest.raises(FilterError) as caught:
        keeps(search, {}, resource=resource)
    assert caught.value.status == 422
    assert caught.value.message == message


def test_search_that_is_not_json_is_400() -> None:
    with pytest.raises(FilterError) as caught:
        filters.parse_search('{"family":[{"operator":"IN"')
    assert (caught.value.status, caught.value.message) == (
        400,
        "Search query parameter should be valid JSON.",
    )
    with pytest.raises(FilterError) as caught:
        filters.parse_search("[1]")
    assert caught.value.status == 400
    assert filters.parse_search('{"enabled":[{"operator":"=","value":true}]}') == {
        "enabled": [{"operator": "=", "value": True}]
    }


# Other entities' searches (facts.md §6 "Other entities"), ISO-8601 dates
OTHER_CASES: list[tuple[str, dict[str, Any], dict[str, Any], dict[str, Any]]] = [
    (
        "locales",
        cond("enabled", "=", True),
        {"code": "en_US", "enabled": True},
        {"code": "de_DE", "enabled": False},
    ),
    ("currencies", cond("enabled", "=", False), {"enabled": False}, {"enabled": True}),
    (
        "attributes",
        cond("type", "IN", ["pim_catalog_text"]),
        {"type": "pim_catalog_text"},
        {"type": "pim_catalog_number"},
    ),
    (
        "attributes",
        cond("is_main_identifier", "=", True),
        {"is_main_identifier": True},
        {"is_main_identifier": False},
    ),
    ("attributes", cond("code", "IN", ["sku"]), {"code": "sku"}, {"code": "name"}),
    (
        "attribute_groups",
        cond("updated", ">", "2026-01-01T00:00:00Z"),
        {"updated": "2026-02-01T00:00:00+00:00"},
        {"updated": "2025-02-01T00:00:00+00:00"},
    ),
    ("families", cond("has_products", "=", True), {"has_products": True}, {"has_products": False}),
    (
        "categories",
        cond("is_root", "=", True),
        {"code": "master", "parent": None},
        {"code": "men", "parent": "master"},
    ),
    (
        "categories",
        cond("parent", "=", "master"),
        {"code": "men", "parent": "master"},
        {"code": "master", "parent": None},
    ),
]


@pytest.mark.parametrize(("resource", "search", "kept", "dropped"), OTHER_CASES)
def test_other_entities(
    resource: str, search: dict[str, Any], kept: dict[str, Any], dropped: dict[str, Any]
) -> None:
    assert keeps(search, kept, resource=resource)
    assert not keeps(search, dropped, resource=resource)


def test_other_entities_reject_product_operators() -> None:
    with pytest.raises(
        FilterError, match='"updated" is not supported or does not support operator "<"'
    ):
        keeps(cond("updated", "<", "2026-01-01T00:00:00Z"), {}, resource="families")


# ---------------------------------------------------------------------------------------------
# Records and assets

RECORD_ATTRIBUTES: dict[str, dict[str, Any]] = {
    "label": {"type": "text", "value_per_locale": True, "is_required_for_completeness": True},
    "description": {"type": "text", "value_per_locale": True, "value_per_channel": True},
    "year": {"type": "number"},
    "country": {"type": "single_option"},
    "tags": {"type": "multiple_options"},
    "maker": {"type": "reference_entity_single_link"},
    "photo": {"type": "image"},
    "packshots": {"type": "asset_collection"},
}


def record(
    code: str = "acme", updated: str = "2026-01-01T00:00:00+00:00", **values: Any
) -> dict[str, Any]:
    return {
        "code": code,
        "updated": updated,
        "values": {k: [{"locale": None, "channel": None, "data": v}] for k, v in values.items()},
    }


def single(field: str, operator: str, value: Any = None, **extra: Any) -> dict[str, Any]:
    condition: dict[str, Any] = {"operator": operator, **extra}
    if value is not None:
        condition["value"] = value
    return {field: condition}


RECORD_CASES: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = [
    (cond("code", "IN", ["acme"]), record("acme"), record("other")),
    (
        cond("updated", ">", "2026-01-01T00:00:00+00:00"),
        record(updated="2026-01-02T00:00:00Z"),
        record(),
    ),
    (
        cond("updated", "<", "2026-01-01T00:00:00+00:00"),
        record(updated="2025-01-02T00:00:00Z"),
        record(),
    ),
    (
        cond("updated", "BETWEEN", ["2025-12-01T00:00:00Z", "2025-12-31T00:00:00Z"]),
        record(updated="2025-12-15T00:00:00Z"),
        record(),
    ),
    (
        cond("updated", "NOT BETWEEN", ["2025-12-01T00:00:00Z", "2025-12-31T00:00:00Z"]),
        record(),
        record(updated="2025-12-15T00:00:00Z"),
    ),
    (cond("updated", "SINCE LAST N DAYS", 7), record(updated="2026-12-05T00:00:00Z"), record()),
    (single("year", "=", "1950"), record(year="1950"), record(year="1951")),
    (single("year", "!=", "1950"), record(year="1951"), record(year="1950")),
    (single("year", "<", "1950"), record(year="1949"), record(year="1950")),
    (single("year", "<=", "1950"), record(year="1950"), record(year="1951")),
    (single("year", ">", "1950"), record(year="1951"), record(year="1950")),
    (single("year", ">=", "1950"), record(year="1950"), record(year="1949")),
    (single("year", "EMPTY"), record(), record(year="1950")),
    (single("year", "NOT EMPTY"), record(year="1950"), record()),
    (single("country", "IN", ["fr"]), record(country="fr"), record(country="de")),
    (single("country", "=", "fr"), record(country="fr"), record(country="de")),
    (single("tags", "IN", ["eco"]), record(tags=["eco", "new"]), record(tags=["new"])),
    (single("maker", "=", "acme"), record(maker="acme"), record(maker="other")),
]


@pytest.mark.parametrize(("search", "kept", "dropped"), RECORD_CASES)
def test_record_filters(
    search: dict[str, Any], kept: dict[str, Any], dropped: dict[str, Any]
) -> None:
    assert keeps(search, kept, resource="records", attributes=RECORD_ATTRIBUTES)
    assert not keeps(search, dropped, resource="records", attributes=RECORD_ATTRIBUTES)


def described(locale: str, channel: str, text: str) -> dict[str, Any]:
    return {
        "code": "a",
        "values": {"description": [{"locale": locale, "channel": channel, "data": text}]},
    }


@pytest.mark.parametrize(
    ("operator", "value", "kept", "dropped"),
    [
        ("=", "wood", "Wood", "Woods"),
        ("!=", "wood", "Metal", "wood"),
        ("CONTAINS", "furn", "Furniture", "Lamp"),
        ("DOES NOT CONTAIN", "furn", "Lamp", "Furniture"),
        ("STARTS WITH", "fur", "Furniture", "A furniture"),
        ("ENDS WITH", "ure", "Furniture", "Furnitures"),
    ],
)
def test_record_text_operators_with_locale_and_channel(
    operator: str, value: str, kept: str, dropped: str
) -> None:
    search = single("description", operator, value, locale="en_US", channel="ecommerce")
    kw: dict[str, Any] = {"resource": "records", "attributes": RECORD_ATTRIBUTES}
    assert keeps(search, described("en_US", "ecommerce", kept), **kw)
    assert not keeps(search, described("en_US", "ecommerce", dropped), **kw)
    # The request's `channel` and `locales` stand in for missing ones.
    bare = single("description", operator, value)
    assert keeps(
        bare, described("en_US", "ecommerce", kept), locale="en_US", scope="ecommerce", **kw
    )
    assert not keeps(
        bare, described("en_US", "mobile", kept), locale="en_US", scope="ecommerce", **kw
    )


def test_record_complete() -> None:
    search = single("complete", "=", True, channel="ecommerce", locales=["en_US", "fr_FR"])
    full = {
        "code": "a",
        "values": {
            "label": [
                {"locale": "en_US", "channel": None, "data": "A"},
                {"locale": "fr_FR", "channel": None, "data": "A"},
            ]
        },
    }
    partial = {
        "code": "b",
        "values": {"label": [{"locale": "en_US", "channel": None, "data": "B"}]},
    }
    kw: dict[str, Any] = {"resource": "records", "attributes": RECORD_ATTRIBUTES}
    assert keeps(search, full, **kw) and not keeps(search, partial, **kw)
    incomplete = single("complete", "=", False, channel="ecommerce", locales=["en_US", "fr_FR"])
    assert keeps(incomplete, partial, **kw) and not keeps(incomplete, full, **kw)


RECORD_REJECTIONS: list[tuple[dict[str, Any], str]] = [
    (
        single("photo", "=", "x"),
        'Filter on property "photo" is not supported or does not support operator "=".',
    ),
    (
        single("packshots", "IN", ["x"]),
        'Filter on property "packshots" is not supported or does not support operator "IN".',
    ),
    (
        single("country", "NOT IN", ["x"]),
        'Filter on property "country" is not supported or does not support operator "NOT IN".',
    ),
    (
        single("unknown", "=", "x"),
        'Filter on property "unknown" is not supported or does not support operator "=".',
    ),
    (
        cond("year", "=", "1950"),
        'Structure of filter "year" should respect this structure: {"year":{"operator": '
        '"my_operator", "value": "my_value"}}',
    ),
    (
        cond("code", "=", "acme"),
        'Filter on property "code" is not supported or does not support operator "=".',
    ),
    (single("complete", "=", True), 'Property "complete" expects a "channel" and "locales".'),
    (single("label", "=", "x"), 'Attribute "label" expects a locale, none given.'),
    (
        cond("updated", ">", "yesterday"),
        'Property "updated" expects an ISO 8601 date as data, "yesterday" given.',
    ),
]


@pytest.mark.parametrize(("search", "message"), RECORD_REJECTIONS)
def test_record_rejections(search: dict[str, Any], message: str) -> None:
    with pytest.raises(FilterError) as caught:
        keeps(search, {}, resource="reference_entity_records", attributes=RECORD_ATTRIBUTES)
    assert (caught.value.status, caught.value.message) == (422, message)


ASSET_ATTRIBUTES: dict[str, dict[str, Any]] = {
    "title": {"type": "text", "value_per_locale": True},
    "usage": {"type": "multiple_options"},
    "rating": {"type": "number"},
    "public": {"type": "boolean"},
    "shot_on": {"type": "date"},
    "media": {"type": "media_file"},
    "link": {"type": "media_link"},
    "maker": {"type": "record"},
}

ASSET_CASES: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = [
    (single("usage", "IN", ["web", "print"]), record(usage=["web"]), record(usage=["tv"])),
    (single("usage", "EMPTY"), record(), record(usage=["web"])),
    (single("rating", "=", "5"), record(rating="5"), record(rating="4")),
    (single("public", "=", True), record(public=True), record(public=False)),
    (
        single("shot_on", "<", "2024-01-01T00:00:00Z"),
        record(shot_on="2023-06-01T00:00:00Z"),
        record(shot_on="2024-06-01T00:00:00Z"),
    ),
    (
        single("shot_on", ">", "2024-01-01T00:00:00Z"),
        record(shot_on="2024-06-01T00:00:00Z"),
        record(shot_on="2023-06-01T00:00:00Z"),
    ),
    (
        single("shot_on", "=", "2024-01-01T00:00:00Z"),
        record(shot_on="2024-01-01T00:00:00+00:00"),
        record(shot_on="2024-01-02T00:00:00Z"),
    ),
    (
        single("shot_on", "BETWEEN", ["2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"]),
        record(shot_on="2024-01-10T00:00:00Z"),
        record(shot_on="2024-03-10T00:00:00Z"),
    ),
    (
        single("shot_on", "NOT BETWEEN", ["2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"]),
        record(shot_on="2024-03-10T00:00:00Z"),
        record(shot_on="2024-01-10T00:00:00Z"),
    ),
    (single("maker", "IN", ["acme"]), record(maker="acme"), record(maker="other")),
]


@pytest.mark.parametrize(("search", "kept", "dropped"), ASSET_CASES)
def test_asset_filters(
    search: dict[str, Any], kept: dict[str, Any], dropped: dict[str, Any]
) -> None:
    assert keeps(search, kept, resource="assets", attributes=ASSET_ATTRIBUTES)
    assert not keeps(search, dropped, resource="assets", attributes=ASSET_ATTRIBUTES)


def test_asset_logical_tree() -> None:
    # The example of assets-filter-logical-operators.md (api-updates-2024-2026.md §4).
    search = {
        "and": [
            {
                "or": [
                    {"code": {"operator": "STARTS_WITH", "value": "img_"}},
                    {"code": {"operator": "STARTS_WITH", "value": "vid_"}},
                ]
            },
            {"updated": {"operator": ">=", "value": "2024-01-01T00:00:00Z"}},
            {"title": {"operator": "CONTAINS", "value": "summer", "locale": "en_US"}},
        ]
    }

    def asset(code: str, updated: str, title: str) -> dict[str, Any]:
        return {
            "code": code,
            "updated": updated,
            "values": {"title": [{"locale": "en_US", "channel": None, "data": title}]},
        }

    kw: dict[str, Any] = {"resource": "assets", "attributes": ASSET_ATTRIBUTES}
    assert keeps(search, asset("vid_1", "2024-05-01T00:00:00Z", "Summer sale"), **kw)
    assert not keeps(search, asset("doc_1", "2024-05-01T00:00:00Z", "Summer sale"), **kw)
    assert not keeps(search, asset("img_1", "2023-05-01T00:00:00Z", "Summer sale"), **kw)
    assert not keeps(search, asset("img_1", "2024-05-01T00:00:00Z", "Winter"), **kw)
    nested_complete = {
        "or": [
            {
                "complete": {
                    "operator": "=",
                    "value": True,
                    "context": {"channel": "ecommerce", "locales": ["en_US"]},
                }
            }
        ]
    }
    assert keeps(nested_complete, asset("a", "2024-01-01T00:00:00Z", "x"), **kw)


ASSET_REJECTIONS: list[tuple[dict[str, Any], str]] = [
    ({"and": [], "or": []}, "A logical search must have exactly one root operator, and or or."),
    (
        {"and": [{"code": {"operator": "IN", "value": ["a"]}}], "usage": {"operator": "EMPTY"}},
        "A logical search must have exactly one root operator, and or or.",
    ),
    ({"and": [{"code": {"value": "a"}}]}, 'Operator is missing for the property "code".'),
    (
        {
            "or": [
                {
                    "code": {"operator": "IN", "value": ["a"]},
                    "updated": {"operator": ">", "value": "2024-01-01T00:00:00Z"},
                }
            ]
        },
        'Each item of "or" must hold exactly one condition.',
    ),
    (
        single("media", "=", "x"),
        'Filter on property "media" is not supported or does not support operator "=".',
    ),
    (
        single("link", "EMPTY"),
        'Filter on property "link" is not supported or does not support operator "EMPTY".',
    ),
    (
        single("rating", ">", "3"),
        'Filter on property "rating" is not supported or does not support operator ">".',
    ),
]


@pytest.mark.parametrize(("search", "message"), ASSET_REJECTIONS)
def test_asset_rejections(search: dict[str, Any], message: str) -> None:
    with pytest.raises(FilterError) as caught:
        keeps(search, {}, resource="assets", attributes=ASSET_ATTRIBUTES)
    assert (caught.value.status, caught.value.message) == (422, message)


def test_product_model_completeness_reads_the_variants() -> None:
    def variant(ratio: int) -> dict[str, Any]:
        return {"completenesses": [{"scope": "ecommerce", "locale": "en_US", "data": ratio}]}

    variants = {"both": [variant(100), variant(100)], "mixed": [variant(100), variant(40)]}
    variants["none"] = [variant(10), variant(40)]

    def model_keeps(operator: str, code: str) -> bool:
        predicate = filters.compile_search(
            cond("completeness", operator, scope="ecommerce", locale="en_US"),
            resource="product-models",
            attributes={},
            search_locale=None,
            search_scope=None,
            variants_of=lambda model: variants.get(model["code"], []),
        )
        return bool(predicate({"code": code}))

    kept = {
        "ALL COMPLETE": {"both"},
        "AT LEAST COMPLETE": {"both", "mixed"},
        "ALL INCOMPLETE": {"none"},
        "AT LEAST INCOMPLETE": {"mixed", "none"},
    }
    for operator, codes in kept.items():
        assert {
            code for code in ("both", "mixed", "none", "lonely") if model_keeps(operator, code)
        } == codes
    with pytest.raises(FilterError, match='"completeness" expects a scope'):
        keeps(cond("completeness", "ALL COMPLETE", locale="en_US"), {}, resource="product-models")
    with pytest.raises(FilterError, match="not supported or does not support operator"):
        keeps(
            cond("completeness", "ALL COMPLETE", scope="e", locale="en_US"), {}, resource="products"
        )


def test_post_search_limits() -> None:
    # api-updates-2024-2026.md §2.1: ≤ 20 criteria, ≤ 800 items per array, ≤ 800 attributes.
    twenty = {"uuid": [{"operator": "NOT IN", "value": [str(n)]} for n in range(20)]}
    filters.check_post_search_limits(twenty, "a,b")
    with pytest.raises(FilterError) as caught:
        filters.check_post_search_limits({**twenty, "enabled": [{"operator": "=", "value": True}]})
    assert (caught.value.status, caught.value.message) == (
        422,
        "The search accepts at most 20 criteria, 21 given.",
    )
    filters.check_post_search_limits(cond("uuid", "IN", [str(n) for n in range(800)]))
    with pytest.raises(FilterError, match="at most 800 items, 801 given"):
        filters.check_post_search_limits(cond("uuid", "IN", [str(n) for n in range(801)]))
    filters.check_post_search_limits({}, ",".join(f"a{n}" for n in range(800)))
    with pytest.raises(FilterError, match="at most 800 attributes"):
        filters.check_post_search_limits({}, ",".join(f"a{n}" for n in range(801)))


def test_parent_equals_needs_a_string_and_record_locales_default_to_the_first() -> None:
    with pytest.raises(FilterError) as caught:
        keeps(cond("parent", "=", ["m1"]), {})
    assert caught.value.message == 'Property "parent" expects a string as data, "array" given.'
    search = single("label", "=", "Acme")
    item = {
        "code": "a",
        "values": {"label": [{"locale": "fr_FR", "channel": None, "data": "Acme"}]},
    }
    kw: dict[str, Any] = {"resource": "records", "attributes": RECORD_ATTRIBUTES}
    assert keeps(search, item, locale="fr_FR,en_US", **kw)
    assert not keeps(search, item, locale="en_US,fr_FR", **kw)


def ready(*scores: tuple[str, int]) -> dict[str, Any]:
    """A product with readiness scores of `cam` on ecommerce, per locale (the fake's own field)."""
    return {
        "readiness_scores": [
            {"readiness_code": "cam", "scope": "ecommerce", "locale": locale, "data": data}
            for locale, data in scores
        ]
    }


def readiness(operator: str, value: Any = None, **extra: Any) -> dict[str, Any]:
    return cond("readiness", operator, value, readiness_code="cam", scope="ecommerce", **extra)


READINESS_CASES: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = [
    (readiness(">", 50, locale="en_US"), ready(("en_US", 60)), ready(("en_US", 50))),
    (readiness(">=", 50, locale="en_US"), ready(("en_US", 50)), ready(("en_US", 49))),
    (readiness("<", 50, locale="en_US"), ready(("en_US", 49)), ready(("en_US", 50))),
    (readiness("<=", 50, locale="en_US"), ready(("en_US", 50)), ready(("en_US", 51))),
    (readiness("=", 50, locale="en_US"), ready(("en_US", 50)), ready(("fr_FR", 50))),
    (readiness("!=", 50, locale="en_US"), ready(("en_US", 51)), ready(("en_US", 50))),
    (readiness("BETWEEN", [40, 60], locale="en_US"), ready(("en_US", 60)), ready(("en_US", 61))),
    (readiness("EMPTY", locale="en_US"), ready(("fr_FR", 1)), ready(("en_US", 1))),
    (readiness("NOT EMPTY", locale="en_US"), ready(("en_US", 0)), ready()),
    (
        readiness("GREATER OR EQUALS THAN ON ALL LOCALES", 80, locales=["en_US", "fr_FR"]),
        ready(("en_US", 80), ("fr_FR", 90)),
        ready(("en_US", 80), ("fr_FR", 79)),
    ),
    (
        readiness("LOWER THAN ON ALL LOCALES", 80, locales=["en_US", "fr_FR"]),
        ready(("en_US", 10), ("fr_FR", 79)),
        ready(("en_US", 10), ("fr_FR", 80)),
    ),
    (
        readiness("GREATER THAN ON AT LEAST ONE LOCALE", 80, locales=["en_US", "fr_FR"]),
        ready(("en_US", 10), ("fr_FR", 81)),
        ready(("en_US", 10), ("fr_FR", 80)),
    ),
    (
        readiness("EQUALS ON AT LEAST ONE LOCALE", 100, locales=["en_US", "fr_FR"]),
        ready(("en_US", 100)),
        ready(("en_US", 99), ("fr_FR", 99)),
    ),
    (
        readiness("NOT EQUALS ON AT LEAST ONE LOCALE", 100, locales=["en_US"]),
        ready(("en_US", 99)),
        ready(("en_US", 100)),
    ),
    (
        readiness("LOWER OR EQUALS THAN ON AT LEAST ONE LOCALE", 5, locales=["en_US"]),
        ready(("en_US", 5)),
        ready(("en_US", 6)),
    ),
    (
        readiness("GREATER THAN ON ALL LOCALES", 5, locales=["en_US"]),
        ready(("en_US", 6)),
        ready(("en_US", 5)),
    ),
    (
        readiness("LOWER OR EQUALS THAN ON ALL LOCALES", 5, locales=["en_US"]),
        ready(("en_US", 5)),
        ready(("en_US", 6)),
    ),
    (
        readiness("GREATER OR EQUALS THAN ON AT LEAST ONE LOCALE", 5, locales=["en_US"]),
        ready(("en_US", 5)),
        ready(("en_US", 4)),
    ),
    (
        readiness("LOWER THAN ON AT LEAST ONE LOCALE", 5, locales=["en_US"]),
        ready(("en_US", 4)),
        ready(("en_US", 5)),
    ),
    (
        cond("readiness_by_channel", "ALL READY", scope="ecommerce"),
        ready(("en_US", 100), ("fr_FR", 100)),
        ready(("en_US", 100), ("fr_FR", 90)),
    ),
    (
        cond("readiness_by_channel", "ALL UNREADY", scope="ecommerce", locales=["fr_FR"]),
        ready(("en_US", 100), ("fr_FR", 90)),
        ready(),  # products without scores are not returned by ALL UNREADY
    ),
]


@pytest.mark.parametrize(("search", "kept", "dropped"), READINESS_CASES)
def test_readiness_operators(
    search: dict[str, Any], kept: dict[str, Any], dropped: dict[str, Any]
) -> None:
    # api-updates-2024-2026.md §3 "readiness" and "readiness_by_channel" (beta).
    assert keeps(search, kept)
    assert not keeps(search, dropped)


@pytest.mark.parametrize(
    ("search", "message"),
    [
        (
            cond("readiness", ">", 5, scope="ecommerce", locale="en_US"),
            'Property "readiness" expects a "readiness_code" and a "scope".',
        ),
        (readiness(">", 5), 'Property "readiness" expects a "locale".'),
        (
            readiness(">", 101, locale="en_US"),
            'Property "readiness" expects an integer from 0 to 100 as data.',
        ),
        (
            readiness("EQUALS ON AT LEAST ONE LOCALE", 5),
            'Property "readiness" expects an array of locales.',
        ),
        (
            readiness("IN", [5], locale="en_US"),
            'Filter on property "readiness" is not supported or does not support operator "IN".',
        ),
        (
            cond("readiness_by_channel", "ALL READY"),
            'Property "readiness_by_channel" expects a "scope".',
        ),
    ],
)
def test_readiness_rejections(search: dict[str, Any], message: str) -> None:
    with pytest.raises(FilterError) as caught:
        keeps(search, {})
    assert (caught.value.status, caught.value.message) == (422, message)
