"""The fake PIM's PATCH rules and body checks (templates/testing/_fake_merge.py).

Each rule cites where Akeneo states it: facts.md §8 (content/rest-api/update.md), §13, §14.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.testing.fake_logic import filters, merge

merge_patch = merge.merge_patch
MergeError = merge.MergeError

PRODUCT: dict[str, Any] = {
    "uuid": "fc24e6c3-933c-4a93-8a81-e5c703d134d5",
    "family": "tshirt",
    "categories": ["summer", "tshirts"],
    "enabled": True,
    "values": {
        "name": [{"locale": None, "scope": None, "data": "Tee"}],
        "description": [
            {"locale": "en_US", "scope": "ecommerce", "data": "Nice"},
            {"locale": "fr_FR", "scope": "ecommerce", "data": "Beau"},
        ],
    },
    "associations": {
        "X_SELL": {"products": ["a"], "product_models": ["m"], "groups": []},
        "UPSELL": {"products": ["b"], "product_models": [], "groups": []},
    },
    "quantified_associations": {
        "PACK": {"products": [{"uuid": "u1", "quantity": 2}], "product_models": []}
    },
}


def test_top_level_scalar_and_array_replace_and_inputs_untouched() -> None:
    # facts.md §8 rule 2: a scalar or an array replaces the stored one (categories: ["a"]).
    stored = copy.deepcopy(PRODUCT)
    patch = {"enabled": False, "categories": ["winter"]}
    result = merge_patch(stored, patch, resource="products-uuid")
    assert result["enabled"] is False
    assert result["categories"] == ["winter"]
    assert stored == PRODUCT and patch == {"enabled": False, "categories": ["winter"]}


def test_omitted_properties_kept_and_empty_patch_is_no_op() -> None:
    # facts.md §8 rule 4.
    assert merge_patch(PRODUCT, {}, resource="products-uuid") == PRODUCT
    assert merge_patch(PRODUCT, {"enabled": False}, resource="products")["family"] == "tshirt"


def test_values_merged_by_attribute_locale_scope() -> None:
    # facts.md §8 "values is special": only the sent combination changes.
    patch = {"values": {"description": [{"locale": "en_US", "scope": "ecommerce", "data": "New"}]}}
    result = merge_patch(PRODUCT, patch, resource="products-uuid")
    assert result["values"]["description"] == [
        {"locale": "en_US", "scope": "ecommerce", "data": "New"},
        {"locale": "fr_FR", "scope": "ecommerce", "data": "Beau"},
    ]
    assert result["values"]["name"] == PRODUCT["values"]["name"]


def test_new_value_combination_is_added() -> None:
    patch = {"values": {"description": [{"locale": "de_DE", "scope": "ecommerce", "data": "Gut"}]}}
    result = merge_patch(PRODUCT, patch, resource="product-models")
    assert [v["locale"] for v in result["values"]["description"]] == ["en_US", "fr_FR", "de_DE"]


def test_null_data_erases_but_keeps_the_value() -> None:
    # facts.md §8: "data": null erases that value; the value remains with data null.
    patch = {"values": {"name": [{"locale": None, "scope": None, "data": None}]}}
    result = merge_patch(PRODUCT, patch, resource="products-uuid")
    assert result["values"]["name"] == [{"locale": None, "scope": None, "data": None}]


def test_record_values_are_keyed_by_channel() -> None:
    # facts.md §8: record and asset values use `channel` in place of `scope`.
    stored = {
        "code": "acme",
        "values": {
            "label": [
                {"locale": "en_US", "channel": None, "data": "Acme"},
                {"locale": "fr_FR", "channel": None, "data": "Acmé"},
            ]
        },
    }
    patch = {"values": {"label": [{"locale": "fr_FR", "channel": None, "data": "Acme FR"}]}}
    result = merge_patch(stored, patch, resource="reference_entity_records")
    assert [v["data"] for v in result["values"]["label"]] == ["Acme", "Acme FR"]


def test_labels_are_merged_per_locale() -> None:
    # facts.md §8 rule 1: an object is merged key by key (labels).
    stored = {"code": "shoes", "labels": {"en_US": "Shoes", "fr_FR": "Chaussures"}}
    result = merge_patch(stored, {"labels": {"en_US": "Sneakers"}}, resource="families")
    assert result["labels"] == {"en_US": "Sneakers", "fr_FR": "Chaussures"}


def test_category_parent_moves_by_replacement() -> None:
    # facts.md §8 rule 2: `parent: "x"` moves a category.
    stored = {"code": "shoes", "parent": "master", "labels": {}}
    assert merge_patch(stored, {"parent": "sale"}, resource="categories")["parent"] == "sale"


def test_null_on_an_object_field_is_refused() -> None:
    # facts.md §8 rule 3: `labels: null` is refused with 422 and nothing changes.
    stored = {"code": "shoes", "labels": {"en_US": "Shoes"}}
    with pytest.raises(MergeError) as caught:
        merge_patch(stored, {"labels": None}, resource="families")
    assert caught.value.status == 422
    assert 'Property "labels" expects an array as data, "NULL" given.' in caught.value.message
    assert stored == {"code": "shoes", "labels": {"en_US": "Shoes"}}


def test_null_labels_refused_even_when_none_stored() -> None:
    with pytest.raises(MergeError):
        merge_patch({"code": "ecommerce"}, {"labels": None}, resource="channels")


def test_array_for_a_stored_object_is_refused_and_object_for_array() -> None:
    # facts.md §8 rule 3: object and array types must match.
    with pytest.raises(MergeError):
        merge_patch({"code": "a", "labels": {"en_US": "A"}}, {"labels": []}, resource="attributes")
    with pytest.raises(MergeError):
        merge_patch(PRODUCT, {"categories": {"a": 1}}, resource="products-uuid")


def test_associations_merged_per_type_and_kind() -> None:
    # facts.md §8 rules 1+2 applied to associations{type:{kind:[...]}}.
    patch = {"associations": {"X_SELL": {"products": ["c"]}}}
    result = merge_patch(PRODUCT, patch, resource="products-uuid")
    assert result["associations"]["X_SELL"] == {
        "products": ["c"],
        "product_models": ["m"],
        "groups": [],
    }
    assert result["associations"]["UPSELL"] == PRODUCT["associations"]["UPSELL"]


def test_quantified_associations_replace_per_type_and_kind() -> None:
    models = [{"code": "m", "quantity": 1}]
    patch = {"quantified_associations": {"PACK": {"product_models": models}}}
    result = merge_patch(PRODUCT, patch, resource="products-uuid")
    assert result["quantified_associations"]["PACK"] == {
        "products": [{"uuid": "u1", "quantity": 2}],
        "product_models": [{"code": "m", "quantity": 1}],
    }


def test_family_attribute_requirements_per_channel() -> None:
    stored = {"code": "tshirt", "attribute_requirements": {"ecommerce": ["sku"], "print": ["sku"]}}
    patch = {"attribute_requirements": {"print": ["sku", "name"]}}
    result = merge_patch(stored, patch, resource="families")
    assert result["attribute_requirements"] == {"ecommerce": ["sku"], "print": ["sku", "name"]}


def test_add_and_remove_categories_intents() -> None:
    # facts.md §8: SaaS add_categories / remove_categories.
    added = merge_patch(PRODUCT, {"add_categories": ["sale", "summer"]}, resource="products-uuid")
    assert added["categories"] == ["summer", "tshirts", "sale"]
    assert "add_categories" not in added
    removed = merge_patch(PRODUCT, {"remove_categories": ["summer"]}, resource="product_models")
    assert removed["categories"] == ["tshirts"]


def test_category_intents_cannot_be_combined_with_categories() -> None:
    with pytest.raises(MergeError, match="cannot be combined"):
        merge_patch(PRODUCT, {"categories": [], "add_categories": ["a"]}, resource="products")


def test_parent_null_makes_a_simple_product_keeping_its_values() -> None:
    # facts.md §8 (products.md): parent: null keeps values, categories and associations.
    stored = {**copy.deepcopy(PRODUCT), "parent": "model_1"}
    result = merge_patch(stored, {"parent": None}, resource="products-uuid")
    assert result["parent"] is None
    assert result["values"] == PRODUCT["values"]


def test_links_are_read_only() -> None:
    result = merge_patch(PRODUCT, {"_links": {"self": {"href": "x"}}}, resource="products-uuid")
    assert "_links" not in result


def test_values_not_a_list_is_refused() -> None:
    with pytest.raises(MergeError, match=r'"values.name" expects an array'):
        merge_patch(PRODUCT, {"values": {"name": "Tee"}}, resource="products-uuid")


# ---------------------------------------------------------------------------------------------
# validate_values and the body checks (facts.md §14 table, §10 error entries)

ATTRIBUTES: dict[str, dict[str, Any]] = {
    "sku": {"type": "pim_catalog_identifier"},
    "name": {"type": "pim_catalog_text", "localizable": True},
    "description": {"type": "pim_catalog_textarea", "localizable": True, "scopable": True},
    "count": {"type": "pim_catalog_number", "decimals_allowed": False},
    "ratio": {"type": "pim_catalog_number", "decimals_allowed": True},
    "active": {"type": "pim_catalog_boolean"},
    "released": {"type": "pim_catalog_date"},
    "weight": {"type": "pim_catalog_metric", "decimals_allowed": True},
    "price": {"type": "pim_catalog_price_collection"},
    "color": {"type": "pim_catalog_simpleselect"},
    "sizes": {"type": "pim_catalog_multiselect"},
    "fabric": {"type": "pim_reference_data_simpleselect"},
    "brand": {"type": "akeneo_reference_entity"},
    "packshots": {"type": "pim_catalog_asset_collection"},
    "picture": {"type": "pim_catalog_image"},
    "nutrition": {"type": "pim_catalog_table"},
    "local_name": {"type": "pim_catalog_text", "localizable": True, "available_locales": ["fr_FR"]},
    "link": {"type": "pim_catalog_product_link"},
}
OPTIONS = {"color": ["red", "blue"], "sizes": ["s", "m", "l"]}
CHANNELS = {"ecommerce": {"code": "ecommerce", "locales": ["en_US", "fr_FR"]}}
LOCALES = ["en_US", "fr_FR", "de_DE"]


def check(values: dict[str, Any]) -> list[dict[str, Any]]:
    return list(
        merge.validate_values(
            values, ATTRIBUTES, known_options=OPTIONS, channels=CHANNELS, locales=LOCALES
        )
    )


def one(attribute: str, data: Any, locale: Any = None, scope: Any = None) -> list[dict[str, Any]]:
    return check({attribute: [{"locale": locale, "scope": scope, "data": data}]})


GOOD: list[tuple[str, Any]] = [
    ("sku", "AB-1"),
    ("count", 12),
    ("count", "12"),
    ("ratio", "89.897"),
    ("ratio", 1.5),
    ("active", False),
    ("released", "2024-03-01T00:00:00+00:00"),
    ("released", "2024-03-01"),
    ("weight", {"amount": "1.5", "unit": "KILOGRAM"}),
    ("price", [{"amount": "12.50", "currency": "EUR"}, {"amount": 10, "currency": "USD"}]),
    ("color", "red"),
    ("sizes", ["s", "l"]),
    ("fabric", "cotton"),
    ("brand", "acme"),
    ("packshots", ["front", "back"]),
    ("picture", "1/d/7/f/abc_tee.jpg"),
    ("nutrition", [{"ingredient": "sugar", "quantity": 10}]),
    ("link", {"type": "product", "id": "fc24e6c3-933c-4a93-8a81-e5c703d134d5"}),
]
BAD: list[tuple[str, Any, str]] = [
    ("sku", 12, 'Property "sku" expects a string as data, "integer" given.'),
    ("count", "1.5", 'Property "count" expects an integer as data, "string" given.'),
    ("count", True, 'Property "count" expects an integer as data, "boolean" given.'),
    ("ratio", "abc", 'Property "ratio" expects a numeric as data, "string" given.'),
    ("active", "yes", 'Property "active" expects a boolean as data, "string" given.'),
    ("released", "01/03/2024", 'expects a string with the format "yyyy-mm-dd"'),
    ("weight", {"amount": 1}, 'Property "weight" expects an array with the key "unit".'),
    ("weight", "1 kg", 'Property "weight" expects an array as data, "string" given.'),
    ("price", [{"amount": 1}], 'Property "price" expects an array with the key "currency".'),
    ("price", [{"currency": "EUR"}], 'expects an array with the key "amount".'),
    ("price", {"amount": 1, "currency": "EUR"}, 'Property "price" expects an array as data'),
    ("color", ["red"], 'Property "color" expects a string as data, "array" given.'),
    ("sizes", "s", 'Property "sizes" expects an array of strings as data, "string" given.'),
    ("packshots", [1], 'Property "packshots" expects an array of strings'),
    ("picture", {"code": "x"}, 'Property "picture" expects a string as data'),
    ("nutrition", ["sugar"], 'Property "nutrition" expects an array of rows'),
    ("link", {"id": "x"}, 'Property "link" expects an array with the keys "type" and "id".'),
]


@pytest.mark.parametrize(("attribute", "data"), GOOD)
def test_value_shapes_accepted(attribute: str, data: Any) -> None:
    assert one(attribute, data) == []


@pytest.mark.parametrize(("attribute", "data", "message"), BAD)
def test_value_shapes_refused(attribute: str, data: Any, message: str) -> None:
    errors = one(attribute, data)
    assert len(errors) == 1
    assert message in errors[0]["message"]
    assert errors[0]["property"] == "values"
    assert errors[0]["attribute"] == attribute


def test_null_data_is_always_valid() -> None:
    assert one("count", None) == []


def test_table_row_limit() -> None:
    errors = one("nutrition", [{"ingredient": str(n)} for n in range(101)])
    assert errors[0]["message"] == 'Property "nutrition" accepts at most 100 rows.'


def test_unknown_attribute() -> None:
    assert check({"colour": [{"locale": None, "scope": None, "data": "red"}]}) == [
        {
            "property": "values",
            "message": 'Attribute "colour" does not exist.',
            "attribute": "colour",
        }
    ]


def test_unknown_simple_and_multi_options() -> None:
    simple = one("color", "green")
    assert simple[0]["message"] == (
        'Property "color" expects a valid code. The option "green" does not exist.'
    )
    multi = one("sizes", ["s", "xl", "xxl"])
    assert [e["message"].rsplit(" ", 4)[1] for e in multi] == ['"xl"', '"xxl"']


def test_locale_missing_on_localizable_and_given_on_non_localizable() -> None:
    missing = one("name", "Tee")
    assert missing == [
        {
            "property": "values",
            "message": 'Attribute "name" expects a locale, none given.',
            "attribute": "name",
            "locale": None,
            "scope": None,
        }
    ]
    extra = one("sku", "AB-1", locale="en_US")
    assert extra[0]["message"] == 'Attribute "sku" does not expect a locale, "en_US" given.'
    assert extra[0]["locale"] == "en_US"
    assert one("name", "Tee", locale="en_US") == []


def test_inactive_or_unavailable_locale() -> None:
    inactive = one("name", "Tee", locale="es_ES")
    assert inactive[0]["message"] == (
        'Attribute "name" expects an existing and activated locale, "es_ES" given.'
    )
    unavailable = one("local_name", "Tee", locale="en_US")
    assert unavailable[0]["message"] == (
        'Attribute "local_name" is not available for the locale "en_US".'
    )
    assert one("local_name", "Tee", locale="fr_FR") == []


def test_scope_missing_given_unknown_and_locale_outside_channel() -> None:
    assert one("description", "x", locale="en_US")[0]["message"] == (
        'Attribute "description" expects a scope, none given.'
    )
    assert one("sku", "x", scope="ecommerce")[0]["message"] == (
        'Attribute "sku" does not expect a scope, "ecommerce" given.'
    )
    assert one("description", "x", locale="en_US", scope="print")[0]["message"] == (
        'Attribute "description" expects an existing scope, "print" given.'
    )
    outside = one("description", "x", locale="de_DE", scope="ecommerce")
    assert outside[0]["message"] == (
        'Attribute "description" expects a locale activated for the channel "ecommerce", '
        '"de_DE" given.'
    )
    assert outside[0]["scope"] == "ecommerce"
    assert one("description", "x", locale="fr_FR", scope="ecommerce") == []


def test_record_values_report_channel() -> None:
    errors = merge.validate_values(
        {"label": [{"locale": None, "channel": "ecommerce", "data": "x"}]},
        {"label": {"type": "text"}},
        known_options={},
        channels=CHANNELS,
        locales=LOCALES,
        scope_key="channel",
    )
    assert errors[0]["channel"] == "ecommerce"
    assert errors[0]["message"] == 'Attribute "label" does not expect a scope, "ecommerce" given.'


def product_errors(body: dict[str, Any], **kw: Any) -> list[dict[str, Any]]:
    return list(
        merge.check_product(
            body,
            families=["tshirt"],
            attributes=ATTRIBUTES,
            known_options=OPTIONS,
            channels=CHANNELS,
            locales=LOCALES,
            **kw,
        )
    )


def test_check_product_unknown_family_category_and_parent() -> None:
    assert product_errors({"family": "tshirt"}) == []
    assert product_errors({"family": "shoes"}) == [
        {
            "property": "family",
            "message": 'Property "family" expects a valid family code. '
            'The family does not exist, "shoes" given.',
        }
    ]
    cats = product_errors({"categories": ["summer", "nope"]}, categories=["summer"])
    assert [e["property"] for e in cats] == ["categories"]
    assert '"nope" given' in cats[0]["message"]
    parent = product_errors({"parent": "m2"}, product_models=["m1"])
    assert parent[0]["property"] == "parent"


def test_check_product_missing_identifier_on_identifier_routes() -> None:
    missing = {"property": "identifier", "message": "This value should not be blank."}
    assert product_errors({"values": {}}, by_identifier=True) == [missing]
    assert product_errors({"identifier": " "}, by_identifier=True) == [missing]
    assert product_errors({"identifier": "AB-1"}, by_identifier=True) == []
    assert product_errors({}) == []  # uuid routes: the identifier is optional (facts.md §13)


def test_check_product_includes_value_errors() -> None:
    errors = product_errors({"values": {"color": [{"locale": None, "scope": None, "data": "x"}]}})
    assert errors[0]["attribute"] == "color"


def test_check_product_model() -> None:
    kw: dict[str, Any] = {
        "families": ["tshirt"],
        "family_variants": ["by_size"],
        "attributes": ATTRIBUTES,
        "known_options": OPTIONS,
        "channels": CHANNELS,
        "locales": LOCALES,
    }
    assert merge.check_product_model({"code": "m", "family_variant": "by_size"}, **kw) == []
    errors = merge.check_product_model({"family_variant": "by_colour"}, **kw)
    assert [e["property"] for e in errors] == ["code", "family_variant"]
    assert '"by_colour" given' in errors[1]["message"]


def test_duplicate_code_on_create_and_the_422_body() -> None:
    errors = merge.check_code_unused("shoes", {"shoes", "hats"})
    assert errors == [{"property": "code", "message": "This value is already used."}]
    assert merge.check_code_unused("socks", {"shoes"}) == []
    assert merge.validation_failed(errors) == {
        "code": 422,
        "message": "Validation failed.",
        "errors": errors,
    }


ENTITY_ATTRIBUTES: dict[str, dict[str, Any]] = {
    "label": {"type": "text", "value_per_locale": True},
    "year": {"type": "number"},
    "public": {"type": "boolean"},
    "shot_on": {"type": "date"},
    "country": {"type": "single_option"},
    "tags": {"type": "multiple_options"},
    "photo": {"type": "media_file", "value_per_channel": True},
    "maker": {"type": "record"},
    "packshots": {"type": "asset_collection"},
}


def entity_errors(code: str, data: Any, locale: Any = None, channel: Any = None) -> list[str]:
    errors = merge.validate_values(
        {code: [{"locale": locale, "channel": channel, "data": data}]},
        ENTITY_ATTRIBUTES,
        known_options={"country": ["fr", "de"], "tags": ["eco"]},
        channels=CHANNELS,
        locales=LOCALES,
        scope_key="channel",
    )
    return [error["message"] for error in errors]


@pytest.mark.parametrize(
    ("code", "good", "bad", "message"),
    [
        (
            "year",
            "1950",
            1950,
            'Property "year" expects a numeric string as data, "integer" given.',
        ),
        ("public", True, "yes", 'Property "public" expects a boolean as data, "string" given.'),
        ("shot_on", "2024-01-01T00:00:00+00:00", "yesterday", "expects an ISO 8601 date"),
        ("country", "fr", ["fr"], 'Property "country" expects a string as data, "array" given.'),
        ("tags", ["eco"], "eco", 'Property "tags" expects an array of strings as data'),
        ("maker", "acme", 5, 'Property "maker" expects a record code or an array of record codes'),
        ("packshots", ["front"], "front", 'Property "packshots" expects an array of strings'),
    ],
)
def test_record_and_asset_value_shapes(code: str, good: Any, bad: Any, message: str) -> None:
    # facts.md §14 "Asset and record values": numbers are strings; links are codes.
    assert entity_errors(code, good) == []
    errors = entity_errors(code, bad)
    assert len(errors) == 1 and message in errors[0]


def test_record_and_asset_locale_channel_and_options() -> None:
    assert entity_errors("label", "Acme") == ['Attribute "label" expects a locale, none given.']
    assert entity_errors("label", "Acme", locale="en_US") == []
    assert entity_errors("photo", "a/b_c.jpg") == ['Attribute "photo" expects a scope, none given.']
    assert entity_errors("photo", "a/b_c.jpg", channel="ecommerce") == []
    assert entity_errors("country", "it") == [
        'Property "country" expects a valid code. The option "it" does not exist.'
    ]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("products-uuid", "products-uuid"),
        ("product_models", "product-models"),
        ("product-model", "product-models"),
        ("/api/rest/v1/products-uuid", "products-uuid"),
        ("/api/rest/v1/products-uuid/fc24e6c3-933c-4a93-8a81-e5c703d134d5", "products-uuid"),
        ("/api/rest/v1/products/AB_1", "products"),
        ("/api/rest/v1/reference-entities/brands/records", "records"),
        ("/api/rest/v1/reference-entities/brands/records/acme", "records"),
        ("/api/rest/v1/reference-entities/brands", "reference-entities"),
        ("/api/rest/v1/asset-families/packshots/assets", "assets"),
        ("/api/rest/v1/attributes/color/options", "attribute-options"),
        ("/api/rest/v1/families/tshirt/variants/by_size", "family-variants"),
        ("/api/rest/v1/attribute-groups", "attribute-groups"),
        ("reference_entity_records", "records"),
    ],
)
def test_resource_names_and_route_paths(given: str, expected: str) -> None:
    assert merge.normalise_resource(given) == expected
    assert filters.normalise_resource(given) == expected  # the filters' copy agrees


def test_route_path_resources_get_their_rules() -> None:
    stored = {
        "code": "acme",
        "values": {"label": [{"locale": "en_US", "channel": None, "data": "A"}]},
    }
    patch = {"values": {"label": [{"locale": "fr_FR", "channel": None, "data": "B"}]}}
    path = "/api/rest/v1/reference-entities/brands/records"
    assert len(merge_patch(stored, patch, resource=path)["values"]["label"]) == 2


def test_channels_may_be_given_as_codes_only() -> None:
    entry = {"description": [{"locale": "de_DE", "scope": "ecommerce", "data": "x"}]}
    kw: dict[str, Any] = {"known_options": OPTIONS, "locales": LOCALES}
    assert merge.validate_values(entry, ATTRIBUTES, channels=["ecommerce"], **kw) == []
    assert merge.validate_values(entry, ATTRIBUTES, channels=CHANNELS, **kw) != []
    unknown = merge.validate_values(entry, ATTRIBUTES, channels=["print"], **kw)
    assert unknown[0]["message"] == (
        'Attribute "description" expects an existing scope, "ecommerce" given.'
    )


def test_price_currencies_must_be_activated_when_given() -> None:
    prices = {
        "price": [
            {
                "locale": None,
                "scope": None,
                "data": [
                    {"amount": "1", "currency": "EUR"},
                    {"amount": "2", "currency": "JPY"},
                ],
            }
        ]
    }
    kw: dict[str, Any] = {"known_options": OPTIONS, "channels": CHANNELS, "locales": LOCALES}
    assert merge.validate_values(prices, ATTRIBUTES, **kw) == []
    errors = merge.validate_values(prices, ATTRIBUTES, currencies=["EUR", "USD"], **kw)
    assert [e["message"] for e in errors] == [
        'Property "price" expects a valid currency. '
        'The currency "JPY" does not exist or is not activated.'
    ]
    assert errors[0]["attribute"] == "price"


def test_check_product_association_types_and_quantified_shapes() -> None:
    body = {
        "associations": {"X_SELL": {"products": []}, "NOPE": {"products": []}},
        "quantified_associations": {
            "PACK": {
                "products": [{"uuid": "u1", "quantity": 2}, {"uuid": "u2", "quantity": 0}],
                "product_models": [{"quantity": 1}],
            }
        },
    }
    errors = product_errors(body, association_types=["X_SELL", "PACK"])
    assert errors == [
        {
            "property": "associations",
            "message": 'Property "associations" expects a valid association type code. '
            'The association type does not exist, "NOPE" given.',
        },
        {
            "property": "quantified_associations.PACK.products[1].quantity",
            "message": "The quantity must be a strictly positive integer.",
        },
        {
            "property": "quantified_associations.PACK.product_models[0]",
            "message": 'A "code" is expected.',
        },
    ]
    # Identifier routes link products by identifier (facts.md §13).
    by_identifier = {
        "identifier": "AB",
        "quantified_associations": {"PACK": {"products": [{"uuid": "u1", "quantity": 1}]}},
    }
    assert (
        product_errors(by_identifier, by_identifier=True)[0]["message"]
        == 'A "identifier" is expected.'
    )
    by_identifier["quantified_associations"]["PACK"]["products"] = [
        {"identifier": "CD", "quantity": 1}
    ]
    assert product_errors(by_identifier, by_identifier=True) == []
