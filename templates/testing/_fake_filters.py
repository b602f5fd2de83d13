# Runtime of akeneo_pim.testing, the fake PIM: static file copied verbatim from templates/testing/.
"""Akeneo's `search` filters, compiled to predicates over stored items, for the fake PIM.

Pure functions over plain JSON data (no import of generated code). Sources: facts.md §6 (the
operator tables per property and attribute type) and api-updates-2024-2026.md §3-§4 (linked
entities, record and asset grammars, asset logical trees). Akeneo answers an unsupported field or
operator with 422 `Filter on property "<field>" is not supported or does not support operator
"<operator>".`, and a `search` that is not JSON with 400.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

__all__ = [
    "FilterError",
    "Predicate",
    "check_post_search_limits",
    "compile_search",
    "normalise_resource",
    "parse_search",
]

Predicate = Callable[[dict[str, Any]], bool]
Condition = Mapping[str, Any]

PRODUCTS = frozenset({"products-uuid", "products", "published-products"})
PRODUCT_MODELS = frozenset({"product-models"})
RECORDS = frozenset({"records"})
ASSETS = frozenset({"assets"})
_ALIASES = {
    "product": "products",
    "product-uuid": "products-uuid",
    "product-model": "product-models",
    "reference-entity-records": "records",
    "reference-entity-record": "records",
    "record": "records",
    "asset": "assets",
    "attribute-group": "attribute-groups",
}


class FilterError(ValueError):
    """A `search` Akeneo refuses: `status` is 422 (unsupported or ill-shaped) or 400 (not JSON)."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


# Nested collections, by their route: /api/rest/v1/<parent>/{code}/<child>.
_NESTED = {
    ("reference-entities", "records"): "records",
    ("reference-entities", "attributes"): "reference-entity-attributes",
    ("asset-families", "assets"): "assets",
    ("asset-families", "attributes"): "asset-attributes",
    ("attributes", "options"): "attribute-options",
    ("families", "variants"): "family-variants",
}


def normalise_resource(resource: str) -> str:
    """The resource a name or a route path names, as `_fake_merge.normalise_resource` does.

    Repeated here so that each module loads on its own; a test checks that both agree.
    """
    name = resource.strip().lower()
    if "/" in name:
        parts = [part for part in name.split("/") if part]
        if parts[:3] == ["api", "rest", "v1"]:
            parts = parts[3:]
        if len(parts) >= 3 and (parts[0], parts[2]) in _NESTED:
            return _NESTED[(parts[0], parts[2])]
        name = parts[0] if parts else ""
    name = name.replace("_", "-")
    return _ALIASES.get(name, name)


def parse_search(raw: str) -> dict[str, Any]:
    """The `search` query parameter (or POST-search body field) decoded, or FilterError."""
    try:
        decoded = json.loads(raw)
    except ValueError:
        raise FilterError("Search query parameter should be valid JSON.", 400) from None
    if not isinstance(decoded, dict):
        raise FilterError("Search query parameter should be valid JSON.", 400)
    return decoded


def check_post_search_limits(search: Mapping[str, Any], attributes: str | None = None) -> None:
    """`POST /products-uuid/search` limits (api-updates-2024-2026.md §2.1), else FilterError 422.

    At most 20 search criteria, 800 items in any array value and 800 attributes in `attributes`.
    """
    criteria = [
        c for conditions in search.values() if isinstance(conditions, list) for c in conditions
    ]
    if len(criteria) > 20:
        raise FilterError(f"The search accepts at most 20 criteria, {len(criteria)} given.")
    for condition in criteria:
        value = condition.get("value") if isinstance(condition, Mapping) else None
        if isinstance(value, list) and len(value) > 800:
            raise FilterError(f"A search value accepts at most 800 items, {len(value)} given.")
    if attributes is not None and len([a for a in attributes.split(",") if a]) > 800:
        raise FilterError("The search accepts at most 800 attributes.")


def _unsupported(field: str, operator: Any) -> FilterError:
    unsupported = f'Filter on property "{field}" is not supported'
    return FilterError(f'{unsupported} or does not support operator "{operator}".')


def _php_type(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    return "array"


def _expects(field: str, what: str, value: Any) -> FilterError:
    return FilterError(f'Property "{field}" expects {what} as data, "{_php_type(value)}" given.')


def compile_search(
    search: Mapping[str, Any],
    *,
    resource: str,
    attributes: Mapping[str, Mapping[str, Any]],
    search_locale: str | None,
    search_scope: str | None,
    category_tree: Mapping[str, str | None] | None = None,
    now: datetime | None = None,
    variants_of: Callable[[dict[str, Any]], list[dict[str, Any]]] | None = None,
) -> Predicate:
    """A predicate that keeps the items `search` selects (all keys and conditions ANDed).

    `attributes` maps attribute codes to their bodies (`type`, `localizable`/`scopable`, or for
    records and assets `value_per_locale`/`value_per_channel`). For records and assets
    `search_locale`/`search_scope` are the request's `locales`/`channel`. `category_tree` maps
    category codes to their parent for `IN CHILDREN`; `now` fixes the clock of `SINCE LAST N DAYS`;
    `variants_of` gives a product model's variant products (with their `completenesses`) for the
    model `completeness` operators (`ALL COMPLETE`, `AT LEAST INCOMPLETE`, ...).
    """
    kind = normalise_resource(resource)
    ctx = _Context(attributes, search_locale, search_scope, category_tree or {}, now)
    ctx.variants_of = variants_of
    if kind in ASSETS and len(search) == 1 and next(iter(search)) in ("and", "or"):
        return _asset_tree(search, ctx)
    if kind in ASSETS and ("and" in search or "or" in search):
        raise FilterError("A logical search must have exactly one root operator, and or or.")
    predicates: list[Predicate] = []
    for field, conditions in search.items():
        if kind in RECORDS | ASSETS:
            predicates.extend(_entity_field(kind, field, conditions, ctx))
            continue
        for condition in _condition_list(field, conditions):
            predicates.append(_field_condition(kind, field, condition, search, ctx))
    return lambda item: all(predicate(item) for predicate in predicates)


class _Context:
    def __init__(
        self,
        attributes: Mapping[str, Mapping[str, Any]],
        search_locale: str | None,
        search_scope: str | None,
        category_tree: Mapping[str, str | None],
        now: datetime | None,
    ) -> None:
        self.attributes = attributes
        self.search_locale = search_locale
        self.search_scope = search_scope
        self.category_tree = category_tree
        self.now = now or datetime.now(timezone.utc)
        self.variants_of: Callable[[dict[str, Any]], list[dict[str, Any]]] | None = None

    def descendants(self, code: str) -> set[str]:
        """`code` and every category below it in the tree."""
        found = {code}
        changed = True
        while changed:
            below = {child for child, parent in self.category_tree.items() if parent in found}
            changed = not below <= found
            found |= below
        return found


def _condition_list(field: str, conditions: Any) -> list[Condition]:
    if not isinstance(conditions, list) or not all(isinstance(c, Mapping) for c in conditions):
        raise FilterError(
            f'Structure of filter "{field}" should respect this structure: '
            f'{{"{field}":[{{"operator": "my_operator", "value": "my_value"}}]}}'
        )
    for condition in conditions:
        if "operator" not in condition:
            raise FilterError(f'Operator is missing for the property "{field}".')
    return list(conditions)


def _value_of(field: str, condition: Condition) -> Any:
    if "value" not in condition:
        raise FilterError(f'Value is missing for the property "{field}".')
    return condition["value"]


# ---------------------------------------------------------------------------------------------
# Dates


_SEARCH_DATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


def _stored_time(value: Any) -> datetime | None:
    """An item's ISO-8601 `created`/`updated`, as an aware datetime (UTC when naive)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _search_time(field: str, value: Any, *, iso: bool) -> datetime:
    """A filter date: `YYYY-MM-DD hh:mm:ss` on products and models, ISO-8601 elsewhere."""
    parsed = (
        _stored_time(value)
        if iso or (isinstance(value, str) and _SEARCH_DATE.match(value))
        else None
    )
    if parsed is None:
        shape = "an ISO 8601 date" if iso else 'a string with the format "yyyy-mm-dd H:i:s"'
        raise FilterError(
            f'Property "{field}" expects {shape} as data, "{value}" given.'
            if isinstance(value, str)
            else f'Property "{field}" expects {shape} as data, "{_php_type(value)}" given.'
        )
    return parsed


def _time_predicate(
    field: str, operator: str, condition: Condition, ctx: _Context, *, iso: bool, read: str
) -> Predicate:
    """`=`, `!=`, `<`, `>`, `BETWEEN`, `NOT BETWEEN`, `SINCE LAST N DAYS` on a stored date."""
    value = _value_of(field, condition)

    def stored(item: dict[str, Any]) -> datetime | None:
        return _stored_time(item.get(read))

    if operator == "SINCE LAST N DAYS":
        if isinstance(value, bool) or not (
            isinstance(value, int) or (isinstance(value, str) and value.isdigit())
        ):
            raise _expects(field, "an integer", value)
        since = ctx.now - timedelta(days=int(value))
        return lambda item: (t := stored(item)) is not None and t >= since
    if operator in ("BETWEEN", "NOT BETWEEN"):
        if not isinstance(value, list) or len(value) != 2:
            raise _expects(field, "an array with 2 dates", value)
        low, high = (_search_time(field, v, iso=iso) for v in value)
        inside = operator == "BETWEEN"
        return lambda item: (t := stored(item)) is not None and (low <= t <= high) == inside
    moment = _search_time(field, value, iso=iso)
    compare: dict[str, Callable[[datetime], bool]] = {
        "=": lambda t: int(t.timestamp()) == int(moment.timestamp()),
        "!=": lambda t: int(t.timestamp()) != int(moment.timestamp()),
        "<": lambda t: t < moment,
        ">": lambda t: t > moment,
        "<=": lambda t: t <= moment,
        ">=": lambda t: t >= moment,
    }
    test = compare[operator]
    return lambda item: (t := stored(item)) is not None and test(t)


# ---------------------------------------------------------------------------------------------
# Product and product-model properties (facts.md §6)

_DATE_OPS = frozenset({"=", "!=", "<", ">", "BETWEEN", "NOT BETWEEN", "SINCE LAST N DAYS"})
_PRODUCT_PROPERTIES: dict[str, frozenset[str]] = {
    "uuid": frozenset({"IN", "NOT IN"}),
    "enabled": frozenset({"=", "!="}),
    "family": frozenset({"IN", "NOT IN", "EMPTY", "NOT EMPTY"}),
    "categories": frozenset(
        {"IN", "NOT IN", "IN OR UNCLASSIFIED", "IN CHILDREN", "NOT IN CHILDREN", "UNCLASSIFIED"}
    ),
    "completeness": frozenset(
        {
            "<",
            "<=",
            "=",
            "!=",
            ">",
            ">=",
            "GREATER THAN ON ALL LOCALES",
            "GREATER OR EQUALS THAN ON ALL LOCALES",
            "LOWER THAN ON ALL LOCALES",
            "LOWER OR EQUALS THAN ON ALL LOCALES",
        }
    ),
    "groups": frozenset({"IN", "NOT IN", "EMPTY", "NOT EMPTY"}),
    "parent": frozenset({"=", "IN", "EMPTY", "NOT EMPTY"}),
    "created": _DATE_OPS,
    "updated": _DATE_OPS,
    "updated_including_linked_entities": _DATE_OPS,
    "updated_including_linked_type": frozenset({"IN"}),
    "quality_score": frozenset({"IN"}),
    "readiness": frozenset(
        {
            "<",
            "<=",
            ">",
            ">=",
            "=",
            "!=",
            "BETWEEN",
            "EMPTY",
            "NOT EMPTY",
            "GREATER THAN ON ALL LOCALES",
            "GREATER OR EQUALS THAN ON ALL LOCALES",
            "LOWER THAN ON ALL LOCALES",
            "LOWER OR EQUALS THAN ON ALL LOCALES",
            "GREATER THAN ON AT LEAST ONE LOCALE",
            "GREATER OR EQUALS THAN ON AT LEAST ONE LOCALE",
            "LOWER THAN ON AT LEAST ONE LOCALE",
            "LOWER OR EQUALS THAN ON AT LEAST ONE LOCALE",
            "EQUALS ON AT LEAST ONE LOCALE",
            "NOT EQUALS ON AT LEAST ONE LOCALE",
        }
    ),
    "readiness_by_channel": frozenset({"ALL READY", "ALL UNREADY"}),
}
_MODEL_PROPERTIES = {
    field: _PRODUCT_PROPERTIES[field]
    for field in ("family", "categories", "parent", "created", "updated", "quality_score")
} | {
    "updated_including_linked_entities": _DATE_OPS,
    "updated_including_linked_type": frozenset({"IN"}),
    "completeness": frozenset(
        {"ALL COMPLETE", "ALL INCOMPLETE", "AT LEAST COMPLETE", "AT LEAST INCOMPLETE"}
    ),
}
# Other entities' `search` (facts.md §6 "Other entities"); their dates are ISO-8601.
_OTHER_PROPERTIES: dict[str, dict[str, frozenset[str]]] = {
    "locales": {"enabled": frozenset({"="})},
    "currencies": {"enabled": frozenset({"="})},
    "attributes": {
        "code": frozenset({"IN"}),
        "updated": frozenset({">"}),
        "type": frozenset({"IN"}),
        "is_main_identifier": frozenset({"="}),
    },
    "attribute-groups": {"code": frozenset({"IN"}), "updated": frozenset({">"})},
    "families": {
        "code": frozenset({"IN"}),
        "updated": frozenset({">"}),
        "has_products": frozenset({"="}),
    },
    "categories": {
        "is_root": frozenset({"="}),
        "parent": frozenset({"="}),
        "code": frozenset({"IN"}),
        "updated": frozenset({">"}),
    },
}
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _field_condition(
    kind: str, field: str, condition: Condition, search: Mapping[str, Any], ctx: _Context
) -> Predicate:
    operator = condition["operator"]
    if kind in PRODUCTS | PRODUCT_MODELS:
        table = _PRODUCT_PROPERTIES if kind in PRODUCTS else _MODEL_PROPERTIES
        if field in table:
            if operator not in table[field]:
                raise _unsupported(field, operator)
            return _product_property(field, str(operator), condition, search, ctx)
        if field in ctx.attributes:
            return _attribute_condition(field, str(operator), condition, ctx)
        raise _unsupported(field, operator)
    table = _OTHER_PROPERTIES.get(kind, {})
    if field not in table or operator not in table[field]:
        raise _unsupported(field, operator)
    return _other_property(field, str(operator), condition, ctx)


def _codes(field: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise _expects(field, "an array", value)
    return value


def _bool(field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _expects(field, "a boolean", value)
    return value


def _product_property(
    field: str, operator: str, condition: Condition, search: Mapping[str, Any], ctx: _Context
) -> Predicate:
    if field in ("created", "updated", "updated_including_linked_entities"):
        # The fake keeps no separate date for linked entities: the item's own `updated` stands in.
        read = "updated" if field.startswith("updated") else field
        return _time_predicate(field, operator, condition, ctx, iso=False, read=read)
    if field == "completeness" and operator.startswith(("ALL ", "AT LEAST ")):
        return _model_completeness(operator, condition, ctx)
    if field == "readiness":
        return _readiness(operator, condition)
    if field == "readiness_by_channel":
        return _readiness_by_channel(operator, condition)
    if operator in ("EMPTY", "NOT EMPTY", "UNCLASSIFIED"):
        wanted_empty = operator != "NOT EMPTY"
        return lambda item: (not item.get(field)) == wanted_empty
    value = _value_of(field, condition)
    if field == "enabled":
        flag = _bool(field, value)
        same = operator == "="
        return lambda item: (bool(item.get("enabled")) == flag) == same
    if field == "uuid":
        wanted = set(_codes(field, value))
        keep = operator == "IN"
        return lambda item: (item.get("uuid") in wanted) == keep
    if field == "updated_including_linked_type":
        types = set(_codes(field, value))
        if not types <= {"asset", "reference_entity_record"}:
            raise FilterError(
                'Property "updated_including_linked_type" expects values among '
                '"asset" and "reference_entity_record".'
            )
        if "updated_including_linked_entities" not in search:
            raise FilterError(
                'The filter "updated_including_linked_type" needs the filter '
                '"updated_including_linked_entities".'
            )
        return lambda item: True
    if field in ("family", "parent"):
        if operator == "=" and not isinstance(value, str):
            raise _expects(field, "a string", value)
        wanted = {value} if operator == "=" else set(_codes(field, value))
        keep = operator != "NOT IN"
        return lambda item: (item.get(field) in wanted) == keep
    if field in ("categories", "groups"):
        return _membership(field, operator, _codes(field, value), ctx)
    if field == "completeness":
        return _completeness(operator, condition, value)
    # quality_score: IN a list of grades, for one channel and locale
    grades = set(_codes(field, value))
    scope, locale = condition.get("scope"), condition.get("locale")
    if scope is None or locale is None:
        raise FilterError('Property "quality_score" expects a scope and a locale.')
    return lambda item: any(
        score.get("scope") == scope
        and score.get("locale") == locale
        and score.get("data") in grades
        for score in item.get("quality_scores") or []
        if isinstance(score, Mapping)
    )


def _membership(field: str, operator: str, codes: list[str], ctx: _Context) -> Predicate:
    wanted = set(codes)
    if operator in ("IN CHILDREN", "NOT IN CHILDREN"):
        wanted = set().union(*(ctx.descendants(code) for code in codes))

    def hits(item: dict[str, Any]) -> bool:
        return bool(wanted & set(item.get(field) or []))

    if operator in ("IN", "IN CHILDREN"):
        return hits
    if operator == "IN OR UNCLASSIFIED":
        return lambda item: not item.get(field) or hits(item)
    return lambda item: not hits(item)


def _completeness(operator: str, condition: Condition, value: Any) -> Predicate:
    scope = condition.get("scope")
    if not isinstance(scope, str):
        raise FilterError('Property "completeness" expects a scope, none given.')
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _expects("completeness", "a numeric", value)
    if operator.endswith("ON ALL LOCALES"):
        locales = condition.get("locales")
        if not isinstance(locales, list) or not locales:
            raise FilterError('Property "completeness" expects an array of locales.')
        test = _COMPARE[
            {"GREATER THAN": ">", "GREATER OR EQUALS THAN": ">=", "LOWER THAN": "<"}.get(
                operator.removesuffix(" ON ALL LOCALES"), "<="
            )
        ]

        def on_all(item: dict[str, Any]) -> bool:
            ratios = _ratios(item, scope)
            return all(locale in ratios and test(ratios[locale], value) for locale in locales)

        return on_all
    compare = _COMPARE[operator]
    wanted_locale = condition.get("locale")
    return lambda item: any(
        compare(ratio, value)
        for locale, ratio in _ratios(item, scope).items()
        if wanted_locale is None or locale == wanted_locale
    )


def _model_completeness(operator: str, condition: Condition, ctx: _Context) -> Predicate:
    """A product model by its variants' completeness on one channel and its locales."""
    scope = condition.get("scope")
    if not isinstance(scope, str):
        raise FilterError('Property "completeness" expects a scope, none given.')
    locales = condition.get("locales", [condition["locale"]] if "locale" in condition else None)
    if not isinstance(locales, list) or not locales:
        raise FilterError('Property "completeness" expects a locale or an array of locales.')
    variants_of = ctx.variants_of
    want_complete = operator.endswith(" COMPLETE")
    every = operator.startswith("ALL ")

    def matches(item: dict[str, Any]) -> bool:
        variants = variants_of(item) if variants_of is not None else []
        if not variants:
            return False
        states = [
            all(_ratios(variant, scope).get(locale, 0.0) >= 100 for locale in locales)
            == want_complete
            for variant in variants
        ]
        return all(states) if every else any(states)

    return matches


# Readiness (beta; api-updates-2024-2026.md §3). Akeneo documents no product field holding the
# scores, so the fake reads its own: `readiness_scores: [{readiness_code, scope, locale, data}]`.
_LOCALE_OPERATORS = {
    "GREATER THAN": ">",
    "GREATER OR EQUALS THAN": ">=",
    "LOWER THAN": "<",
    "LOWER OR EQUALS THAN": "<=",
    "EQUALS": "=",
    "NOT EQUALS": "!=",
}


def _scores(item: dict[str, Any], scope: str, code: str | None = None) -> dict[str, float]:
    return {
        str(entry.get("locale")): float(entry["data"])
        for entry in item.get("readiness_scores") or []
        if isinstance(entry, Mapping)
        and entry.get("scope") == scope
        and (code is None or entry.get("readiness_code") == code)
        and isinstance(entry.get("data"), (int, float))
    }


def _score(field: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise FilterError(f'Property "{field}" expects an integer from 0 to 100 as data.')
    return float(value)


def _readiness(operator: str, condition: Condition) -> Predicate:
    code, scope = condition.get("readiness_code"), condition.get("scope")
    if not isinstance(code, str) or not isinstance(scope, str):
        raise FilterError('Property "readiness" expects a "readiness_code" and a "scope".')
    for suffix in (" ON ALL LOCALES", " ON AT LEAST ONE LOCALE"):
        if operator.endswith(suffix):
            return _readiness_on_locales(operator, suffix, condition, code, scope)
    locale = condition.get("locale")
    if not isinstance(locale, str):
        raise FilterError('Property "readiness" expects a "locale".')

    def score(item: dict[str, Any]) -> float | None:
        return _scores(item, scope, code).get(locale)

    if operator in ("EMPTY", "NOT EMPTY"):
        wanted_empty = operator == "EMPTY"
        return lambda item: (score(item) is None) == wanted_empty
    value = _value_of("readiness", condition)
    if operator == "BETWEEN":
        if not isinstance(value, list) or len(value) != 2:
            raise _expects("readiness", "an array with 2 scores", value)
        low, high = _score("readiness", value[0]), _score("readiness", value[1])
        return lambda item: (n := score(item)) is not None and low <= n <= high
    wanted = _score("readiness", value)
    compare = _COMPARE[operator]
    return lambda item: (n := score(item)) is not None and compare(n, wanted)


def _readiness_on_locales(
    operator: str, suffix: str, condition: Condition, code: str, scope: str
) -> Predicate:
    locales = condition.get("locales")
    if not isinstance(locales, list) or not locales:
        raise FilterError('Property "readiness" expects an array of locales.')
    wanted = _score("readiness", _value_of("readiness", condition))
    test = _COMPARE[_LOCALE_OPERATORS[operator.removesuffix(suffix)]]
    join = all if suffix == " ON ALL LOCALES" else any

    def on_locales(item: dict[str, Any]) -> bool:
        scores = _scores(item, scope, code)
        return join(locale in scores and test(scores[locale], wanted) for locale in locales)

    return on_locales


def _readiness_by_channel(operator: str, condition: Condition) -> Predicate:
    """Ready: every readiness score is 100 on the channel (and locales); no scores, no match."""
    scope, locales = condition.get("scope"), condition.get("locales")
    if not isinstance(scope, str):
        raise FilterError('Property "readiness_by_channel" expects a "scope".')
    ready = operator == "ALL READY"

    def matches(item: dict[str, Any]) -> bool:
        scores = [
            entry.get("data")
            for entry in item.get("readiness_scores") or []
            if isinstance(entry, Mapping)
            and entry.get("scope") == scope
            and (not isinstance(locales, list) or entry.get("locale") in locales)
        ]
        return bool(scores) and all(data == 100 for data in scores) == ready

    return matches


def _ratios(item: dict[str, Any], scope: str) -> dict[str, float]:
    return {
        str(entry.get("locale")): float(entry["data"])
        for entry in item.get("completenesses") or []
        if isinstance(entry, Mapping)
        and entry.get("scope") == scope
        and isinstance(entry.get("data"), (int, float))
    }


def _other_property(field: str, operator: str, condition: Condition, ctx: _Context) -> Predicate:
    value = _value_of(field, condition)
    if field == "updated":
        return _time_predicate(field, operator, condition, ctx, iso=True, read="updated")
    if operator == "IN":
        wanted = set(_codes(field, value))
        return lambda item: item.get(field) in wanted
    if field == "parent":
        return lambda item: item.get("parent") == value
    flag = _bool(field, value)
    if field == "is_root":
        return lambda item: (item.get("parent") is None) == flag
    return lambda item: bool(item.get(field)) == flag


# ---------------------------------------------------------------------------------------------
# Attribute-value filters on products and product models (facts.md §6 "Operators by type")

_TEXT_OPS = frozenset(
    {"STARTS WITH", "CONTAINS", "DOES NOT CONTAIN", "=", "!=", "EMPTY", "NOT EMPTY", "IN", "NOT IN"}
)
_NUMBER_OPS = frozenset({"<", "<=", "=", "!=", ">=", ">", "EMPTY", "NOT EMPTY"})
_CODE_OPS = frozenset({"IN", "NOT IN", "EMPTY", "NOT EMPTY"})
_OPERATORS_BY_TYPE: dict[str, frozenset[str]] = {
    "pim_catalog_identifier": _TEXT_OPS,
    "pim_catalog_text": _TEXT_OPS,
    "pim_catalog_textarea": _TEXT_OPS,
    "pim_catalog_number": _NUMBER_OPS,
    "pim_catalog_metric": _NUMBER_OPS,
    "pim_catalog_price_collection": _NUMBER_OPS,
    "pim_catalog_simpleselect": _CODE_OPS,
    "pim_catalog_multiselect": _CODE_OPS,
    "pim_reference_data_simpleselect": _CODE_OPS,
    "pim_reference_data_multiselect": _CODE_OPS,
    "akeneo_reference_entity": _CODE_OPS,
    "akeneo_reference_entity_collection": _CODE_OPS,
    "pim_catalog_asset_collection": _CODE_OPS,
    "pim_catalog_boolean": frozenset({"=", "!=", "EMPTY", "NOT EMPTY"}),
    "pim_catalog_date": frozenset(
        {"<", "=", "!=", ">", "BETWEEN", "NOT BETWEEN", "EMPTY", "NOT EMPTY"}
    ),
    "pim_catalog_file": _TEXT_OPS - {"IN", "NOT IN"},
    "pim_catalog_image": _TEXT_OPS - {"IN", "NOT IN"},
    "pim_catalog_product_link": frozenset({"IN", "NOT IN"}),
    "pim_catalog_table": _TEXT_OPS | _NUMBER_OPS,
}
_NUMERIC = re.compile(r"^-?\d+(\.\d+)?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_empty(data: Any) -> bool:
    return data is None or data == "" or data == [] or data == {}


def _number(field: str, value: Any) -> float:
    if isinstance(value, bool) or not (
        isinstance(value, (int, float)) or (isinstance(value, str) and _NUMERIC.match(value))
    ):
        raise _expects(field, "a numeric", value)
    return float(value)


def _number_test(code: str, operator: str, value: Any) -> Callable[[Any], bool]:
    wanted = _number(code, value)
    compare = _COMPARE[operator]
    return lambda data: (n := _stored_number(data)) is not None and compare(n, wanted)


def _stored_number(data: Any) -> float | None:
    if isinstance(data, bool):
        return None
    if isinstance(data, (int, float)):
        return float(data)
    if isinstance(data, str) and _NUMERIC.match(data):
        return float(data)
    return None


def _channel_and_locale(
    code: str, spec: Mapping[str, Any], condition: Condition, ctx: _Context, scope_key: str
) -> tuple[Any, Any]:
    """The (locale, scope) a value filter reads, with Akeneo's checks and the search defaults."""
    localizable = bool(spec.get("localizable", spec.get("value_per_locale", False)))
    scopable = bool(spec.get("scopable", spec.get("value_per_channel", False)))
    default_locale = ctx.search_locale
    if default_locale is not None and "," in default_locale:
        default_locale = default_locale.split(",")[0]  # records' `locales=a,b`: the first one
    locale = condition.get("locale", default_locale if localizable else None)
    scope = condition.get(scope_key, ctx.search_scope if scopable else None)
    if localizable and locale is None:
        raise FilterError(f'Attribute "{code}" expects a locale, none given.')
    if not localizable and locale is not None:
        raise FilterError(f'Attribute "{code}" does not expect a locale, "{locale}" given.')
    if scopable and scope is None:
        raise FilterError(f'Attribute "{code}" expects a scope, none given.')
    if not scopable and scope is not None:
        raise FilterError(f'Attribute "{code}" does not expect a scope, "{scope}" given.')
    return locale, scope


def _reader(code: str, locale: Any, scope: Any, scope_key: str) -> Callable[[dict[str, Any]], Any]:
    def read(item: dict[str, Any]) -> Any:
        for entry in (item.get("values") or {}).get(code) or []:
            if (
                isinstance(entry, Mapping)
                and entry.get("locale") == locale
                and entry.get(scope_key) == scope
            ):
                return entry.get("data")
        return None

    return read


def _attribute_condition(
    code: str, operator: str, condition: Condition, ctx: _Context
) -> Predicate:
    spec = ctx.attributes[code]
    kind = str(spec.get("type", ""))
    if operator not in _OPERATORS_BY_TYPE.get(kind, frozenset()):
        raise _unsupported(code, operator)
    locale, scope = _channel_and_locale(code, spec, condition, ctx, "scope")
    read = _reader(code, locale, scope, "scope")
    if operator in ("EMPTY", "NOT EMPTY"):
        wanted_empty = operator == "EMPTY"
        return lambda item: _is_empty(read(item)) == wanted_empty
    value = _value_of(code, condition)
    test = _data_test(code, kind, operator, value)
    # Negative operators only match items that have a value (Akeneo adds an "exists" clause).
    return lambda item: not _is_empty(data := read(item)) and test(data)


def _text_test(
    code: str, operator: str, value: Any, *, media: bool = False
) -> Callable[[Any], bool]:
    if operator in ("IN", "NOT IN"):
        wanted = {code_.lower() for code_ in _codes(code, value)}
        if len(wanted) > 100:
            raise FilterError(f'Property "{code}" accepts at most 100 values.')
        keep = operator == "IN"
        return lambda data: isinstance(data, str) and (data.lower() in wanted) == keep
    if not isinstance(value, str):
        raise _expects(code, "a string", value)
    needle = value.lower()

    def text(data: Any) -> str | None:
        if not isinstance(data, str):
            return None
        # A media code is "<hash path>_<original filename>"; Akeneo filters on the file name.
        return data.rsplit("/", 1)[-1].split("_", 1)[-1].lower() if media else data.lower()

    tests: dict[str, Callable[[str], bool]] = {
        "STARTS WITH": lambda t: t.startswith(needle),
        "ENDS WITH": lambda t: t.endswith(needle),
        "CONTAINS": lambda t: needle in t,
        "DOES NOT CONTAIN": lambda t: needle not in t,
        "=": lambda t: t == needle,
        "!=": lambda t: t != needle,
    }
    check = tests[operator]
    return lambda data: (t := text(data)) is not None and check(t)


def _data_test(code: str, kind: str, operator: str, value: Any) -> Callable[[Any], bool]:
    if kind in ("pim_catalog_identifier", "pim_catalog_text", "pim_catalog_textarea"):
        return _text_test(code, operator, value)
    if kind in ("pim_catalog_file", "pim_catalog_image"):
        return _text_test(code, operator, value, media=True)
    if kind == "pim_catalog_number":
        return _number_test(code, operator, value)
    if kind in ("pim_catalog_metric", "pim_catalog_price_collection"):
        return _amount_test(code, kind, operator, value)
    if kind == "pim_catalog_boolean":
        flag = _bool(code, value)
        same = operator == "="
        return lambda data: isinstance(data, bool) and (data == flag) == same
    if kind == "pim_catalog_date":
        return _date_test(code, operator, value)
    if kind == "pim_catalog_product_link":
        return _link_test(code, operator, value)
    if kind == "pim_catalog_table":
        return _table_test(code, operator, value)
    wanted_codes = set(_codes(code, value))
    keep = operator == "IN"

    def overlaps(data: Any) -> bool:
        held = {data} if isinstance(data, str) else set(data) if isinstance(data, list) else set()
        return bool(held & wanted_codes) == keep

    return overlaps


def _amount_test(code: str, kind: str, operator: str, value: Any) -> Callable[[Any], bool]:
    key = "unit" if kind == "pim_catalog_metric" else "currency"
    if not isinstance(value, Mapping):
        raise _expects(code, "an array", value)
    for needed in ("amount", key):
        if needed not in value:
            raise FilterError(f'Property "{code}" expects an array with the key "{needed}".')
    wanted, label = _number(code, value["amount"]), value[key]
    compare = _COMPARE[operator]

    def one(entry: Any) -> bool:
        # Only amounts in the same unit or currency compare: the fake converts no measurements.
        return (
            isinstance(entry, Mapping)
            and entry.get(key) == label
            and (n := _stored_number(entry.get("amount"))) is not None
            and compare(n, wanted)
        )

    if kind == "pim_catalog_metric":
        return one
    return lambda data: isinstance(data, list) and any(one(price) for price in data)


def _date_test(code: str, operator: str, value: Any) -> Callable[[Any], bool]:
    def day(raw: Any) -> str:
        if not isinstance(raw, str) or not _DAY.match(raw):
            raise FilterError(
                f'Property "{code}" expects a string with the format "yyyy-mm-dd" as data, '
                f'"{raw if isinstance(raw, str) else _php_type(raw)}" given.'
            )
        return raw

    def stored(data: Any) -> str | None:
        return data[:10] if isinstance(data, str) and _DAY.match(data[:10]) else None

    if operator in ("BETWEEN", "NOT BETWEEN"):
        if not isinstance(value, list) or len(value) != 2:
            raise _expects(code, "an array with 2 dates", value)
        low, high = day(value[0]), day(value[1])
        inside = operator == "BETWEEN"
        return lambda data: (d := stored(data)) is not None and (low <= d <= high) == inside
    wanted = day(value)
    tests: dict[str, Callable[[str], bool]] = {
        "<": lambda d: d < wanted,
        ">": lambda d: d > wanted,
        "=": lambda d: d == wanted,
        "!=": lambda d: d != wanted,
    }
    check = tests[operator]
    return lambda data: (d := stored(data)) is not None and check(d)


def _link_test(code: str, operator: str, value: Any) -> Callable[[Any], bool]:
    if not isinstance(value, list) or not all(
        isinstance(link, Mapping) and "type" in link and "id" in link for link in value
    ):
        raise FilterError(f'Property "{code}" expects an array of {{"type", "id"}} objects.')
    wanted = {(link["type"], link["id"]) for link in value}
    keep = operator == "IN"

    def linked(data: Any) -> bool:
        return isinstance(data, Mapping) and ((data.get("type"), data.get("id")) in wanted) == keep

    return linked


def _table_test(code: str, operator: str, value: Any) -> Callable[[Any], bool]:
    """A table filter reads one column (of one row, when `row` is given) of the rows."""
    if not isinstance(value, Mapping) or not isinstance(value.get("column"), str):
        raise FilterError(f'Property "{code}" expects an array with the key "column".')
    column, row = value["column"], value.get("row")
    cell_test: Callable[[Any], bool]
    if operator in _NUMBER_OPS - _TEXT_OPS or isinstance(value.get("value"), (int, float)):
        cell_test = _number_test(code, operator, value.get("value"))
    else:
        cell_test = _text_test(code, operator, value.get("value"))

    def matches(data: Any) -> bool:
        rows = [r for r in data if isinstance(r, Mapping)] if isinstance(data, list) else []
        if row is not None:
            # A row is named by its first column's cell.
            rows = [r for r in rows if r and next(iter(r.values())) == row]
        return any(cell_test(r.get(column)) for r in rows)

    return matches


# ---------------------------------------------------------------------------------------------
# Reference-entity records and Asset Manager assets (api-updates-2024-2026.md §4)

_RECORD_OPS: dict[str, frozenset[str]] = {
    "text": frozenset(
        {
            "=",
            "!=",
            "CONTAINS",
            "DOES NOT CONTAIN",
            "STARTS WITH",
            "ENDS WITH",
            "EMPTY",
            "NOT EMPTY",
        }
    ),
    "number": frozenset({"=", "!=", "<", "<=", ">", ">=", "EMPTY", "NOT EMPTY"}),
    "single_option": frozenset({"IN", "=", "EMPTY", "NOT EMPTY"}),
    "multiple_options": frozenset({"IN", "=", "EMPTY", "NOT EMPTY"}),
    "reference_entity_single_link": frozenset({"IN", "=", "EMPTY", "NOT EMPTY"}),
    "reference_entity_multiple_links": frozenset({"IN", "=", "EMPTY", "NOT EMPTY"}),
}
_ASSET_OPS: dict[str, frozenset[str]] = {
    "text": frozenset(
        {"=", "CONTAINS", "DOES NOT CONTAIN", "STARTS WITH", "ENDS WITH", "EMPTY", "NOT EMPTY"}
    ),
    "number": frozenset({"=", "EMPTY", "NOT EMPTY"}),
    "boolean": frozenset({"=", "EMPTY", "NOT EMPTY"}),
    "date": frozenset({"=", "<", ">", "BETWEEN", "NOT BETWEEN", "EMPTY", "NOT EMPTY"}),
    "single_option": frozenset({"IN", "EMPTY", "NOT EMPTY"}),
    "multiple_options": frozenset({"IN", "EMPTY", "NOT EMPTY"}),
    "record": frozenset({"IN", "EMPTY", "NOT EMPTY"}),
}
_ENTITY_UPDATED_OPS = frozenset(
    {">", "<", ">=", "<=", "BETWEEN", "NOT BETWEEN", "SINCE LAST N DAYS"}
)


def _entity_field(kind: str, field: str, conditions: Any, ctx: _Context) -> list[Predicate]:
    """Records' and assets' keys: `code` and `updated` as arrays, the rest as single objects."""
    if field in ("code", "updated"):
        return [_entity_condition(kind, field, c, ctx) for c in _condition_list(field, conditions)]
    if not isinstance(conditions, Mapping):
        raise FilterError(
            f'Structure of filter "{field}" should respect this structure: '
            f'{{"{field}":{{"operator": "my_operator", "value": "my_value"}}}}'
        )
    if "operator" not in conditions:
        raise FilterError(f'Operator is missing for the property "{field}".')
    return [_entity_condition(kind, field, conditions, ctx)]


def _entity_condition(kind: str, field: str, condition: Condition, ctx: _Context) -> Predicate:
    operator = str(condition["operator"]).replace("_", " ")  # assets' trees spell STARTS_WITH
    if field == "code":
        if operator == "IN":
            wanted = set(_codes(field, _value_of(field, condition)))
            return lambda item: item.get("code") in wanted
        if kind in ASSETS and operator in ("=", "STARTS WITH", "CONTAINS", "ENDS WITH"):
            test = _text_test(field, operator, _value_of(field, condition))
            return lambda item: test(item.get("code"))
        raise _unsupported(field, condition["operator"])
    if field == "updated":
        if operator not in _ENTITY_UPDATED_OPS | {"="}:
            raise _unsupported(field, condition["operator"])
        return _time_predicate(field, operator, condition, ctx, iso=True, read="updated")
    if field == "complete":
        return _record_complete(condition, ctx)
    spec = ctx.attributes.get(field)
    table = _ASSET_OPS if kind in ASSETS else _RECORD_OPS
    types = table.get(str(spec.get("type", ""))) if spec is not None else None
    if types is None or operator not in types:
        raise _unsupported(field, condition["operator"])
    assert spec is not None
    locale, channel = _channel_and_locale(field, spec, condition, ctx, "channel")
    read = _reader(field, locale, channel, "channel")
    if operator in ("EMPTY", "NOT EMPTY"):
        wanted_empty = operator == "EMPTY"
        return lambda item: _is_empty(read(item)) == wanted_empty
    value = _value_of(field, condition)
    test = _entity_data_test(field, str(spec.get("type")), operator, value)
    return lambda item: not _is_empty(data := read(item)) and test(data)


def _entity_data_test(code: str, kind: str, operator: str, value: Any) -> Callable[[Any], bool]:
    if kind == "text":
        return _text_test(code, operator, value)
    if kind == "number":
        return _number_test(code, operator, value)
    if kind == "boolean":
        flag = _bool(code, value)
        return lambda data: data is flag
    if kind == "date":
        if operator in ("BETWEEN", "NOT BETWEEN"):
            if not isinstance(value, list) or len(value) != 2:
                raise _expects(code, "an array with 2 dates", value)
            low, high = (_search_time(code, v, iso=True) for v in value)
            inside = operator == "BETWEEN"

            def between(data: Any) -> bool:
                t = _stored_time(data)
                return t is not None and (low <= t <= high) == inside

            return between
        moment = _search_time(code, value, iso=True)
        tests: dict[str, Callable[[datetime], bool]] = {
            "=": lambda t: t == moment,
            "<": lambda t: t < moment,
            ">": lambda t: t > moment,
        }
        check = tests[operator]
        return lambda data: (t := _stored_time(data)) is not None and check(t)
    wanted_codes = (
        {value} if operator == "=" and isinstance(value, str) else set(_codes(code, value))
    )
    return lambda data: bool(
        wanted_codes
        & ({data} if isinstance(data, str) else set(data if isinstance(data, list) else []))
    )


def _record_complete(condition: Condition, ctx: _Context) -> Predicate:
    """Complete: every attribute `is_required_for_completeness` has a value in that context."""
    context = condition.get("context")
    where = context if isinstance(context, Mapping) else condition  # assets' trees nest it
    channel, locales = where.get("channel"), where.get("locales")
    if condition.get("operator") != "=":
        raise _unsupported("complete", condition.get("operator"))
    flag = _bool("complete", _value_of("complete", condition))
    if not isinstance(channel, str) or not isinstance(locales, list) or not locales:
        raise FilterError('Property "complete" expects a "channel" and "locales".')
    required = [
        (code, bool(spec.get("value_per_locale")), bool(spec.get("value_per_channel")))
        for code, spec in ctx.attributes.items()
        if spec.get("is_required_for_completeness")
    ]

    def complete(item: dict[str, Any]) -> bool:
        for locale in locales:
            for code, per_locale, per_channel in required:
                read = _reader(
                    code,
                    locale if per_locale else None,
                    channel if per_channel else None,
                    "channel",
                )
                if _is_empty(read(item)):
                    return False
        return True

    return lambda item: complete(item) == flag


def _asset_tree(node: Mapping[str, Any], ctx: _Context) -> Predicate:
    """An asset `and`/`or` tree: exactly one root operator; leaves are single-object conditions."""
    if len(node) != 1 or next(iter(node)) not in ("and", "or"):
        raise FilterError("A logical search must have exactly one root operator, and or or.")
    joiner, children = next(iter(node.items()))
    if not isinstance(children, list) or not children:
        raise FilterError(f'The "{joiner}" operator expects a non-empty array.')
    parts: list[Predicate] = []
    for child in children:
        if not isinstance(child, Mapping) or len(child) != 1:
            raise FilterError(f'Each item of "{joiner}" must hold exactly one condition.')
        key, condition = next(iter(child.items()))
        if key in ("and", "or"):
            parts.append(_asset_tree(child, ctx))
        elif not isinstance(condition, Mapping) or "operator" not in condition:
            raise FilterError(f'Operator is missing for the property "{key}".')
        else:
            parts.append(_entity_condition("assets", key, condition, ctx))
    if joiner == "and":
        return lambda item: all(part(item) for part in parts)
    return lambda item: any(part(item) for part in parts)
