"""Search builders per grammar: each serialises to the documented JSON, and refuses bad input.

Expected JSON is copied from facts.md §6 and api-updates-2024-2026.md §3-4 (Akeneo's filter pages).
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from akeneo_runtime_under_test._errors import AkeneoError, SearchError
from akeneo_runtime_under_test._search import (
    AssetSearch,
    ProductSearch,
    RecordSearch,
    Search,
    serialize_search,
)
from akeneo_runtime_under_test._urls import encode_query


def as_json(builder: Any) -> Any:
    return json.loads(serialize_search(builder))


def test_product_fields() -> None:
    search = (
        ProductSearch()
        .enabled(True)
        .family("IN", ["shoes", "boots"])
        .categories("UNCLASSIFIED")
        .groups("NOT EMPTY")
        .parent("=", "tshirt_model")
        .completeness(">", 70, scope="ecommerce")
        .quality_score(["A", "B"], scope="ecommerce", locale="en_US")
    )
    assert as_json(search) == {
        "enabled": [{"operator": "=", "value": True}],
        "family": [{"operator": "IN", "value": ["shoes", "boots"]}],
        "categories": [{"operator": "UNCLASSIFIED"}],
        "groups": [{"operator": "NOT EMPTY"}],
        "parent": [{"operator": "=", "value": "tshirt_model"}],
        "completeness": [{"operator": ">", "value": 70, "scope": "ecommerce"}],
        "quality_score": [
            {"operator": "IN", "value": ["A", "B"], "scope": "ecommerce", "locale": "en_US"}
        ],
    }


def test_dates_use_the_product_format() -> None:
    search = (
        ProductSearch()
        .updated(">", datetime.datetime(2025, 1, 1, 0, 0, 0))
        .updated("SINCE LAST N DAYS", 4)
        .created("BETWEEN", ("2024-01-01 00:00:00", datetime.date(2024, 12, 31)))
    )
    assert as_json(search) == {
        "updated": [
            {"operator": ">", "value": "2025-01-01 00:00:00"},
            {"operator": "SINCE LAST N DAYS", "value": 4},
        ],
        "created": [
            {"operator": "BETWEEN", "value": ["2024-01-01 00:00:00", "2024-12-31 00:00:00"]}
        ],
    }


def test_completeness_on_all_locales_needs_locales() -> None:
    search = ProductSearch().completeness(
        "GREATER OR EQUALS THAN ON ALL LOCALES", 100, scope="mobile", locales=["en_US", "fr_FR"]
    )
    assert as_json(search)["completeness"] == [
        {
            "operator": "GREATER OR EQUALS THAN ON ALL LOCALES",
            "value": 100,
            "scope": "mobile",
            "locales": ["en_US", "fr_FR"],
        }
    ]
    with pytest.raises(SearchError, match="needs locales"):
        ProductSearch().completeness(
            "LOWER THAN ON ALL LOCALES", 50, scope="mobile", locales=[]
        )


def test_attribute_filters_with_locale_and_scope() -> None:
    search = (
        ProductSearch()
        .attribute("name", "CONTAINS", "shoe", locale="en_US")
        .attribute("description", "EMPTY", locale="en_US", scope="ecommerce")
        .attribute("color", "IN", ("red", "blue"))
        .attribute("release_date", "BETWEEN", ("2024-01-01", "2024-06-30"))
    )
    assert as_json(search) == {
        "name": [{"operator": "CONTAINS", "value": "shoe", "locale": "en_US"}],
        "description": [{"operator": "EMPTY", "locale": "en_US", "scope": "ecommerce"}],
        "color": [{"operator": "IN", "value": ["red", "blue"]}],
        "release_date": [{"operator": "BETWEEN", "value": ["2024-01-01", "2024-06-30"]}],
    }


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: Search().add("enabled", "==", True), "unknown operator '=='"),
        (lambda: Search().add("family", "IN", "shoes"), "takes a list"),
        (lambda: Search().add("family", "EMPTY", ["x"]), "takes no value"),
        (lambda: Search().add("updated", "BETWEEN", ["2024-01-01 00:00:00"]), "two values"),
        (lambda: Search().add("enabled", "="), "needs a value"),
        (lambda: ProductSearch().attribute("name", "UNCLASSIFIED"), "not an attribute operator"),
        (lambda: ProductSearch().quality_score(["F"], scope="e", locale="l"), "A to E"),
    ],
)
def test_bad_conditions_raise_a_clear_error(call: Any, message: str) -> None:
    with pytest.raises(SearchError, match=message) as raised:
        call()
    assert isinstance(raised.value, AkeneoError) and isinstance(raised.value, ValueError)


def test_record_grammar() -> None:
    search = (
        RecordSearch()
        .code(["kartell", "ikea"])
        .updated(">", "2024-01-01T00:00:00Z")
        .complete(True, channel="ecommerce", locales=["en_US"])
        .attribute("description", "CONTAINS", "furniture", locale="en_US", channel="ecommerce")
        .attribute("creation_year", ">=", "1950")
    )
    assert as_json(search) == {
        "code": [{"operator": "IN", "value": ["kartell", "ikea"]}],
        "updated": [{"operator": ">", "value": "2024-01-01T00:00:00Z"}],
        "complete": {"operator": "=", "value": True, "channel": "ecommerce", "locales": ["en_US"]},
        "description": {
            "operator": "CONTAINS",
            "value": "furniture",
            "locale": "en_US",
            "channel": "ecommerce",
        },
        "creation_year": {"operator": ">=", "value": "1950"},
    }
    with pytest.raises(SearchError, match="one condition per attribute"):
        RecordSearch().attribute("a", "EMPTY").attribute("a", "NOT EMPTY")
    with pytest.raises(SearchError, match="letters, digits"):
        RecordSearch().attribute("bad-code", "EMPTY")


def test_asset_flat_grammar() -> None:
    search = AssetSearch().attribute("usage", "IN", ["web", "print"])
    assert as_json(search) == {"usage": {"operator": "IN", "value": ["web", "print"]}}


def test_asset_logical_tree_is_the_documented_example() -> None:
    tree = AssetSearch.all_of(
        AssetSearch.any_of(
            AssetSearch.where("code", "STARTS_WITH", "img_"),
            AssetSearch.where("code", "STARTS_WITH", "vid_"),
        ),
        AssetSearch.where("updated", ">=", "2024-01-01T00:00:00Z"),
        AssetSearch.where("title", "CONTAINS", "summer", locale="en_US"),
    )
    documented = (
        '{"and":[{"or":[{"code":{"operator":"STARTS_WITH","value":"img_"}},'
        '{"code":{"operator":"STARTS_WITH","value":"vid_"}}]},'
        '{"updated":{"operator":">=","value":"2024-01-01T00:00:00Z"}},'
        '{"title":{"operator":"CONTAINS","value":"summer","locale":"en_US"}}]}'
    )
    assert serialize_search(tree) == documented
    complete = AssetSearch.complete(True, channel="ecommerce", locales=["en_US"])
    assert complete.to_dict() == {
        "complete": {
            "operator": "=",
            "value": True,
            "context": {"channel": "ecommerce", "locales": ["en_US"]},
        }
    }
    with pytest.raises(SearchError, match="at least one condition"):
        AssetSearch.any_of()
    not_a_condition: Any = {"code": {}}
    with pytest.raises(SearchError, match="conditions only"):
        AssetSearch.all_of(not_a_condition)


def test_builders_go_into_the_query_string() -> None:
    [(name, value)] = encode_query({"search": ProductSearch().enabled(False)})
    assert (name, json.loads(value)) == ("search", {"enabled": [{"operator": "=", "value": False}]})
    [(_, tree)] = encode_query({"search": AssetSearch.where("code", "IN", ["a"])})
    assert json.loads(tree) == {"code": {"operator": "IN", "value": ["a"]}}


def test_each_builder_is_a_new_value() -> None:
    base = ProductSearch().enabled(True)
    wider = base.family("IN", ["shoes"])
    assert as_json(base) == {"enabled": [{"operator": "=", "value": True}]}
    assert isinstance(wider, ProductSearch) and wider != base
    assert ProductSearch().enabled(True) == Search().add("enabled", "=", True)


# ------------------------------------------------- linked entities, readiness, model completeness
def test_updated_including_linked_entities_as_documented() -> None:
    # api-updates-2024-2026.md, `updated_including_linked_entities`, the example, byte for byte.
    expected = (
        '{"updated_including_linked_entities":[{"operator":">","value":"2025-01-01 00:00:00"}],'
        '"updated_including_linked_type":[{"operator":"IN","value":["asset",'
        '"reference_entity_record"]}]}'
    )
    search = ProductSearch().updated_including_linked_entities(
        ">", datetime.datetime(2025, 1, 1), linked=["asset", "reference_entity_record"]
    )
    assert search.to_json() == expected
    alone = ProductSearch().updated_including_linked_entities("SINCE LAST N DAYS", 3)
    assert alone.to_dict() == {
        "updated_including_linked_entities": [{"operator": "SINCE LAST N DAYS", "value": 3}]
    }


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((">", "2025-01-01 00:00:00"), None),
        (("IN", ["x"]), "unknown operator 'IN'"),
        (("BETWEEN", "2025-01-01 00:00:00"), "takes two values"),
    ],
)
def test_updated_including_linked_entities_refuses(arguments: Any, message: str | None) -> None:
    if message is None:
        with pytest.raises(SearchError, match="'asset' and 'reference_entity_record'"):
            ProductSearch().updated_including_linked_entities(*arguments, linked=["product"])
        return
    with pytest.raises(SearchError, match=message):
        ProductSearch().updated_including_linked_entities(*arguments)


def test_readiness_by_channel_as_documented() -> None:
    # api-updates-2024-2026.md, `readiness_by_channel`: no value, scope, optional locales.
    search = ProductSearch().readiness_by_channel(
        "ALL UNREADY", scope="ecommerce", locales=["en_US"]
    )
    assert search.to_dict() == {
        "readiness_by_channel": [
            {"operator": "ALL UNREADY", "scope": "ecommerce", "locales": ["en_US"]}
        ]
    }
    misspelt: Any = "READY"  # what an untyped caller may pass
    with pytest.raises(SearchError, match="unknown operator 'READY'"):
        ProductSearch().readiness_by_channel(misspelt, scope="ecommerce")


def test_model_completeness_as_in_akeneos_collection() -> None:
    # Akeneo's SaaS Postman collection (reference/), product-model list examples.
    one = ProductSearch().model_completeness("ALL COMPLETE", scope="ecommerce", locale="fr_FR")
    assert one.to_json() == (
        '{"completeness":[{"operator":"ALL COMPLETE","locale":"fr_FR","scope":"ecommerce"}]}'
    )
    several = ProductSearch().model_completeness(
        "AT LEAST COMPLETE", scope="ecommerce", locales=["en_US", "fr_FR"]
    )
    documented = (
        '{"completeness":[{"operator":"AT LEAST COMPLETE","locales":["en_US","fr_FR"],'
        '"scope":"ecommerce"}]}'
    )
    assert several.to_dict() == json.loads(documented)
    untyped: Any = ProductSearch().model_completeness  # as an untyped caller would call it
    with pytest.raises(SearchError, match="needs locale or locales"):
        untyped("ALL INCOMPLETE", scope="ecommerce")


def test_readiness_as_documented() -> None:
    # api-updates-2024-2026.md, `readiness`: the example.
    documented = (
        '{"readiness":[{"operator":"GREATER OR EQUALS THAN ON ALL LOCALES","value":80,'
        '"locales":["en_US","fr_FR"],"readiness_code":"camcorders_ecommerce","scope":"ecommerce"}]}'
    )
    search = ProductSearch().readiness(
        "camcorders_ecommerce", "GREATER OR EQUALS THAN ON ALL LOCALES", 80,
        scope="ecommerce", locales=["en_US", "fr_FR"],
    )
    assert search.to_dict() == json.loads(documented)
    between = ProductSearch().readiness("r", "BETWEEN", (20, 60), scope="e", locale="en_US")
    assert between.to_dict()["readiness"][0]["value"] == [20, 60]
    empty = ProductSearch().readiness("r", "EMPTY", scope="e", locale="en_US")
    assert "value" not in empty.to_dict()["readiness"][0]


@pytest.mark.parametrize(
    ("arguments", "options", "message"),
    [
        (("r", ">", 101), {"locale": "en_US"}, "integers 0 to 100"),
        (("r", ">", 50), {}, "needs locale"),
        (("r", "EQUALS ON AT LEAST ONE LOCALE", 50), {"locale": "en_US"}, "needs locales"),
        (("r", "IN", [1]), {"locale": "en_US"}, "unknown operator 'IN'"),
    ],
)
def test_readiness_refuses(arguments: Any, options: dict[str, Any], message: str) -> None:
    untyped: Any = ProductSearch().readiness
    with pytest.raises(SearchError, match=message):
        untyped(*arguments, scope="ecommerce", **options)
