"""Part 4: operators per field as Literal types, values typed by operator, per-resource grammars."""

from __future__ import annotations

import datetime
from typing import assert_type

from akeneo_pim import Akeneo, AssetSearch, ProductSearch, RecordSearch, Search


def products(akeneo: Akeneo) -> None:
    search = (
        ProductSearch()
        .enabled(True)
        .family("IN", ["shoes"])
        .family("EMPTY")
        .categories("IN CHILDREN", ["master"])
        .updated("SINCE LAST N DAYS", 7)
        .updated("BETWEEN", ("2024-01-01 00:00:00", datetime.datetime(2024, 6, 1)))
        .completeness(">=", 80, scope="ecommerce")
        .quality_score(["A", "B"], scope="ecommerce", locale="en_US")
        .attribute("name", "CONTAINS", "shoe", locale="en_US")
        .attribute("color", "IN", ["red"])
        .attribute("weight", "<", {"amount": 5, "unit": "KILOGRAM"})
    )
    assert_type(search, ProductSearch)
    akeneo.products_uuid.list(search=search)
    akeneo.product_models.list(search=search)
    Search().add("enabled", "=", True)
    Search().add("enabled", "==", True)  # E: incompatible type "Literal['==']"
    ProductSearch().enabled("yes")  # E: incompatible type "str"
    ProductSearch().family("IN", "shoes")  # E: No overload variant of "family"
    ProductSearch().family("EMPTY", ["shoes"])  # E: No overload variant of "family"
    ProductSearch().family("CONTAINS", ["shoes"])  # E: No overload variant of "family"
    ProductSearch().updated("BETWEEN", "2024-01-01 00:00:00")  # E: No overload variant
    ProductSearch().updated("SINCE LAST N DAYS", "7")  # E: No overload variant
    ProductSearch().completeness(">", 70)  # E: No overload variant
    ProductSearch().completeness(  # E: No overload variant
        "GREATER THAN ON ALL LOCALES", 70, scope="ecommerce"
    )
    ProductSearch().quality_score(["F"], scope="e", locale="l")  # E: List item 0 has incompatible
    ProductSearch().attribute("name", "STARTS WITH", 12)  # E: No overload variant
    ProductSearch().attribute("name", "EMPTY", "x")  # E: No overload variant


def records_and_assets(akeneo: Akeneo) -> None:
    records = RecordSearch().code(["kartell"]).attribute("country", "IN", ["italy"])
    assert_type(records, RecordSearch)
    akeneo.reference_entity_records.list("brands", search=records)
    RecordSearch().attribute("year", ">", 1950)  # E: No overload variant
    RecordSearch().attribute("year", "BETWEEN", ("1", "2"))  # E: No overload variant
    tree = AssetSearch.all_of(
        AssetSearch.any_of(AssetSearch.where("code", "STARTS WITH", "img_")),
        AssetSearch.complete(True, channel="ecommerce", locales=["en_US"]),
    )
    akeneo.assets.list("packshots", search=tree)
    akeneo.assets.list("packshots", search=AssetSearch().attribute("usage", "IN", ["web"]))
    AssetSearch.all_of({"code": {}})  # E: incompatible type "dict[str, dict[Never, Never]]"
    AssetSearch.where("code", "NOT IN", ["a"])  # E: incompatible type "Literal['NOT IN']"


def more_product_filters() -> None:
    ProductSearch().updated_including_linked_entities(">", "2025-01-01 00:00:00", linked=["asset"])
    ProductSearch().updated_including_linked_entities("BETWEEN", ("2025-01-01", "2025-02-01"))
    ProductSearch().updated_including_linked_entities("SINCE LAST N DAYS", 3)
    ProductSearch().updated_including_linked_entities("SINCE LAST N DAYS", "3")  # E: No overload
    ProductSearch().updated_including_linked_entities(  # E: No overload variant
        ">", "2025-01-01 00:00:00", linked=["product"]
    )
    ProductSearch().readiness_by_channel("ALL READY", scope="ecommerce", locales=["en_US"])
    ProductSearch().readiness_by_channel("READY", scope="ecommerce")  # E: incompatible type
    ProductSearch().model_completeness("ALL COMPLETE", scope="ecommerce", locale="fr_FR")
    ProductSearch().model_completeness("AT LEAST COMPLETE", scope="e", locales=["en_US"])
    ProductSearch().model_completeness("ALL COMPLETE", scope="ecommerce")  # E: No overload
    ProductSearch().model_completeness("COMPLETE", scope="e", locale="l")  # E: No overload
    ProductSearch().readiness("r", ">=", 80, scope="e", locale="en_US")
    ProductSearch().readiness("r", "LOWER THAN ON ALL LOCALES", 5, scope="e", locales=["en_US"])
    ProductSearch().readiness("r", "EMPTY", scope="e", locale="en_US")
    ProductSearch().readiness("r", ">=", "80", scope="e", locale="en_US")  # E: No overload
    ProductSearch().readiness("r", "BETWEEN", 80, scope="e", locale="en_US")  # E: No overload
    ProductSearch().readiness("r", ">", 1, scope="e", locales=["en_US"])  # E: No overload
