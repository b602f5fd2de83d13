# Runtime of akeneo_pim.testing, the fake PIM: static file copied verbatim from templates/testing/.
"""Akeneo's PATCH merge rules and body checks, for the fake PIM.

Pure functions over plain JSON data (no import of generated code), so that they can be tested on
their own. Sources: facts.md §8 (PATCH semantics), §13-§14 (product bodies and value shapes) and
§10 (the 422 `errors` entries).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Collection, Mapping
from typing import Any

__all__ = [
    "MergeError",
    "check_code_unused",
    "check_product",
    "check_product_model",
    "merge_patch",
    "normalise_resource",
    "validate_values",
    "validation_failed",
]

# Resources whose `values` are keyed by (attribute, locale, scope).
PRODUCT_RESOURCES = frozenset({"products-uuid", "products", "product-models", "published-products"})
# Resources whose `values` are keyed by (attribute, locale, channel) (facts.md §8, last rule).
CHANNEL_VALUE_RESOURCES = frozenset({"records", "assets"})
# Object-typed fields: `null` there is refused (facts.md §8 rule 3), whatever is stored.
OBJECT_FIELDS = frozenset(
    {
        "labels",
        "values",
        "associations",
        "quantified_associations",
        "attribute_requirements",
        "conversion_units",
        "descriptions",
    }
)
_ALIASES = {
    "product": "products",
    "product-uuid": "products-uuid",
    "product-model": "product-models",
    "reference-entity-records": "records",
    "reference-entity-record": "records",
    "record": "records",
    "asset": "assets",
}


class MergeError(ValueError):
    """A PATCH that Akeneo refuses with 422 and which changes nothing (facts.md §8 rule 3)."""

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
    """The resource a name or a route path names.

    `product_models`, `product-model` and `/api/rest/v1/product-models/{code}` are all
    `product-models`; `/api/rest/v1/reference-entities/brands/records` is `records`.
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


def _php_type(value: Any) -> str:
    # Akeneo's messages name the PHP type of what was sent.
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


def merge_patch(
    stored: dict[str, Any], patch: Mapping[str, Any], *, resource: str
) -> dict[str, Any]:
    """The resource after Akeneo applies `patch` to `stored`; neither input is changed.

    Raises `MergeError` (422) when an object field gets a non-object (`labels: null`) or the
    reverse, or when `categories` is combined with `add_categories`/`remove_categories`.
    """
    kind = normalise_resource(resource)
    scope_key = "channel" if kind in CHANNEL_VALUE_RESOURCES else "scope"
    result = copy.deepcopy(stored)
    if "categories" in patch and ("add_categories" in patch or "remove_categories" in patch):
        raise MergeError(
            '"categories" cannot be combined with "add_categories" or "remove_categories".'
        )
    for key, value in patch.items():
        if key == "_links":  # read-only (facts.md §5)
            continue
        if key == "values" and isinstance(value, Mapping):
            result["values"] = _merge_values(result.get("values"), value, scope_key)
        elif key in ("add_categories", "remove_categories") and kind in PRODUCT_RESOURCES:
            result["categories"] = _apply_category_intent(result.get("categories"), key, value)
        else:
            result[key] = _merge_field(key, result.get(key), value, key in result)
    return result


def _merge_field(path: str, stored: Any, value: Any, present: bool) -> Any:
    leaf = path.rsplit(".", 1)[-1]
    if isinstance(value, Mapping):
        if present and stored is not None and not isinstance(stored, Mapping):
            raise MergeError(
                f'Property "{path}" expects a {_php_type(stored)} as data, "array" given.'
            )
        merged: dict[str, Any] = dict(stored) if isinstance(stored, Mapping) else {}
        for key, item in value.items():
            merged[key] = _merge_field(f"{path}.{key}", merged.get(key), item, key in merged)
        return merged
    if ("." not in path and leaf in OBJECT_FIELDS) or isinstance(stored, Mapping):
        raise MergeError(
            f'Property "{path}" expects an array as data, "{_php_type(value)}" given. '
            "Check the API reference documentation."
        )
    return copy.deepcopy(value)  # rule 2: scalars and arrays replace


def _merge_values(stored: Any, patch: Mapping[str, Any], scope_key: str) -> dict[str, Any]:
    values: dict[str, Any] = copy.deepcopy(dict(stored)) if isinstance(stored, Mapping) else {}
    for attribute, entries in patch.items():
        if not isinstance(entries, list):
            raise MergeError(
                f'Property "values.{attribute}" expects an array as data, '
                f'"{_php_type(entries)}" given.'
            )
        current: list[Any] = list(values.get(attribute) or [])
        for entry in entries:
            if not isinstance(entry, Mapping):
                raise MergeError(
                    f'Property "values.{attribute}" expects an array of values, '
                    f'"{_php_type(entry)}" given.'
                )
            key = (entry.get("locale"), entry.get(scope_key))
            fresh = copy.deepcopy(dict(entry))
            fresh.setdefault("locale", None)
            fresh.setdefault(scope_key, None)
            for index, old in enumerate(current):
                if isinstance(old, Mapping) and (old.get("locale"), old.get(scope_key)) == key:
                    current[index] = fresh  # `data: null` stays, as an erased value
                    break
            else:
                current.append(fresh)
        values[attribute] = current
    return values


def _apply_category_intent(stored: Any, key: str, codes: Any) -> list[Any]:
    if not isinstance(codes, list):
        raise MergeError(f'Property "{key}" expects an array as data, "{_php_type(codes)}" given.')
    current = list(stored or [])
    if key == "add_categories":
        return current + [code for code in codes if code not in current]
    return [code for code in current if code not in codes]


# ---------------------------------------------------------------------------------------------
# Checks that give Akeneo's 422 `errors` entries (facts.md §10).


def validation_failed(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """The 422 body Akeneo sends for a failed validation."""
    return {"code": 422, "message": "Validation failed.", "errors": errors}


def _value_error(
    message: str, attribute: str, locale: Any, scope: Any, scope_key: str
) -> dict[str, Any]:
    return {
        "property": "values",
        "message": message,
        "attribute": attribute,
        "locale": locale,
        scope_key: scope,
    }


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?)?$")
_NUMERIC = re.compile(r"^-?\d+(\.\d+)?$")


def _is_number(data: Any, decimals: bool) -> bool:
    if isinstance(data, bool):
        return False
    if isinstance(data, int):
        return True
    if isinstance(data, float):
        return decimals
    if isinstance(data, str) and _NUMERIC.match(data):
        return decimals or "." not in data
    return False


def _is_codes(data: Any) -> bool:
    return isinstance(data, list) and all(isinstance(code, str) for code in data)


def _shape_problem(attribute: str, spec: Mapping[str, Any], data: Any) -> str | None:
    """Why `data` does not fit the attribute's type (facts.md §14 table), or None."""
    kind = str(spec.get("type", ""))
    quoted = f'Property "{attribute}"'
    given = f'"{_php_type(data)}" given.'
    if kind in ("pim_catalog_identifier", "pim_catalog_text", "pim_catalog_textarea"):
        return None if isinstance(data, str) else f"{quoted} expects a string as data, {given}"
    if kind == "pim_catalog_number":
        decimals = bool(spec.get("decimals_allowed", False))
        if _is_number(data, decimals):
            return None
        return f"{quoted} expects a{' numeric' if decimals else 'n integer'} as data, {given}"
    if kind == "pim_catalog_boolean":
        return None if isinstance(data, bool) else f"{quoted} expects a boolean as data, {given}"
    if kind == "pim_catalog_date":
        if isinstance(data, str) and _DATE.match(data):
            return None
        return f'{quoted} expects a string with the format "yyyy-mm-dd" as data, {given}'
    if kind == "pim_catalog_metric":
        if not isinstance(data, Mapping):
            return f"{quoted} expects an array as data, {given}"
        for key in ("amount", "unit"):
            if key not in data:
                return f'{quoted} expects an array with the key "{key}".'
        if not _is_number(data["amount"], bool(spec.get("decimals_allowed", False))):
            return f'{quoted} expects a numeric "amount", "{_php_type(data["amount"])}" given.'
        if not isinstance(data["unit"], str):
            return f'{quoted} expects a string "unit", "{_php_type(data["unit"])}" given.'
        return None
    if kind == "pim_catalog_price_collection":
        if not isinstance(data, list):
            return f"{quoted} expects an array as data, {given}"
        for price in data:
            if not isinstance(price, Mapping):
                return f"{quoted} expects an array of prices, {_php_type(price)} given."
            for key in ("amount", "currency"):
                if key not in price:
                    return f'{quoted} expects an array with the key "{key}".'
            if price["amount"] is not None and not _is_number(price["amount"], True):
                return f'{quoted} expects a numeric "amount", "{_php_type(price["amount"])}" given.'
        return None
    if kind in (
        "pim_catalog_simpleselect",
        "pim_reference_data_simpleselect",
        "akeneo_reference_entity",
        "pim_catalog_file",
        "pim_catalog_image",
    ):
        return None if isinstance(data, str) else f"{quoted} expects a string as data, {given}"
    if kind in (
        "pim_catalog_multiselect",
        "pim_reference_data_multiselect",
        "akeneo_reference_entity_collection",
        "pim_catalog_asset_collection",
        "pim_assets_collection",
    ):
        return None if _is_codes(data) else f"{quoted} expects an array of strings as data, {given}"
    if kind == "pim_catalog_table":
        if isinstance(data, list) and all(isinstance(row, Mapping) for row in data):
            return None if len(data) <= 100 else f"{quoted} accepts at most 100 rows."
        return f"{quoted} expects an array of rows as data, {given}"
    if kind == "pim_catalog_product_link":
        if (
            isinstance(data, Mapping)
            and data.get("type") in ("product", "product_model")
            and ("id" in data or "identifier" in data)
        ):
            return None
        return f'{quoted} expects an array with the keys "type" and "id".'
    return _entity_shape_problem(quoted, kind, data, given)


# Record and asset attribute types (facts.md §14, "Asset and record values").
_ENTITY_STRING_TYPES = frozenset(
    {"text", "image", "media_file", "media_link", "single_option", "reference_entity_single_link"}
)
_ENTITY_CODES_TYPES = frozenset(
    {"multiple_options", "reference_entity_multiple_links", "asset_collection", "auto_tagging"}
)


def _entity_shape_problem(quoted: str, kind: str, data: Any, given: str) -> str | None:
    if kind in _ENTITY_STRING_TYPES:
        return None if isinstance(data, str) else f"{quoted} expects a string as data, {given}"
    if kind == "number":  # records and assets carry numbers as strings
        if isinstance(data, str) and _NUMERIC.match(data):
            return None
        return f"{quoted} expects a numeric string as data, {given}"
    if kind == "boolean":
        return None if isinstance(data, bool) else f"{quoted} expects a boolean as data, {given}"
    if kind == "date":
        if isinstance(data, str) and _DATE.match(data):
            return None
        return f"{quoted} expects an ISO 8601 date as data, {given}"
    if kind == "record":  # an asset's link to records: one code or several
        if isinstance(data, str) or _is_codes(data):
            return None
        return f"{quoted} expects a record code or an array of record codes, {given}"
    if kind in _ENTITY_CODES_TYPES:
        return None if _is_codes(data) else f"{quoted} expects an array of strings as data, {given}"
    return None  # types this fake does not know are taken as they come


_OPTION_TYPES = frozenset(
    {"pim_catalog_simpleselect", "pim_catalog_multiselect", "single_option", "multiple_options"}
)


def validate_values(
    values: Mapping[str, Any],
    attributes: Mapping[str, Mapping[str, Any]],
    *,
    known_options: Mapping[str, Collection[str]],
    channels: Collection[str],
    locales: Collection[str],
    scope_key: str = "scope",
    currencies: Collection[str] | None = None,
) -> list[dict[str, Any]]:
    """Akeneo-style `errors` entries for a `values` body; empty when it is valid.

    `attributes` maps attribute codes to their bodies (`type`, `localizable`, `scopable`,
    `decimals_allowed`, `available_locales`; for records and assets `value_per_locale` and
    `value_per_channel`); `known_options` maps select attributes to their
    option codes; `channels` holds the channel codes, or maps them to their bodies so that a
    value's locale is checked against the channel's `locales`; `locales` are
    the activated locale codes; `currencies`, when given, the activated currency codes that
    prices must use. Records and assets pass `scope_key="channel"`.
    """
    errors: list[dict[str, Any]] = []
    for attribute, entries in values.items():
        spec = attributes.get(attribute)
        if spec is None:
            errors.append(
                {
                    "property": "values",
                    "message": f'Attribute "{attribute}" does not exist.',
                    "attribute": attribute,
                }
            )
            continue
        if not isinstance(entries, list):
            errors.append(
                _value_error(
                    f'Property "{attribute}" expects an array of values, '
                    f'"{_php_type(entries)}" given.',
                    attribute,
                    None,
                    None,
                    scope_key,
                )
            )
            continue
        for entry in entries:
            if not isinstance(entry, Mapping):
                errors.append(
                    _value_error(
                        f'Property "{attribute}" expects an array of values, '
                        f'"{_php_type(entry)}" given.',
                        attribute,
                        None,
                        None,
                        scope_key,
                    )
                )
                continue
            errors.extend(
                _entry_errors(attribute, spec, entry, known_options, channels, locales, scope_key)
            )
            if currencies is not None and spec.get("type") == "pim_catalog_price_collection":
                errors.extend(_currency_errors(attribute, entry, currencies, scope_key))
    return errors


def _currency_errors(
    attribute: str, entry: Mapping[str, Any], currencies: Collection[str], scope_key: str
) -> list[dict[str, Any]]:
    prices = entry.get("data")
    if not isinstance(prices, list):
        return []
    return [
        _value_error(
            f'Property "{attribute}" expects a valid currency. '
            f'The currency "{price.get("currency")}" does not exist or is not activated.',
            attribute,
            entry.get("locale"),
            entry.get(scope_key),
            scope_key,
        )
        for price in prices
        if isinstance(price, Mapping) and price.get("currency") not in currencies
    ]


def _channel_locales(channels: Collection[str], scope: str, locale: str) -> Collection[str]:
    body = channels[scope] if isinstance(channels, Mapping) else None
    found = body.get("locales") if isinstance(body, Mapping) else None
    return found if isinstance(found, list) and found else [locale]


def _entry_errors(
    attribute: str,
    spec: Mapping[str, Any],
    entry: Mapping[str, Any],
    known_options: Mapping[str, Collection[str]],
    channels: Collection[str],
    locales: Collection[str],
    scope_key: str,
) -> list[dict[str, Any]]:
    locale, scope = entry.get("locale"), entry.get(scope_key)

    def error(message: str) -> dict[str, Any]:
        return _value_error(message, attribute, locale, scope, scope_key)

    found: list[dict[str, Any]] = []
    if bool(spec.get("localizable", spec.get("value_per_locale"))):
        if locale is None:
            found.append(error(f'Attribute "{attribute}" expects a locale, none given.'))
        elif locale not in locales:
            found.append(
                error(
                    f'Attribute "{attribute}" expects an existing and activated locale, '
                    f'"{locale}" given.'
                )
            )
        elif spec.get("available_locales") and locale not in spec["available_locales"]:
            found.append(
                error(f'Attribute "{attribute}" is not available for the locale "{locale}".')
            )
    elif locale is not None:
        found.append(error(f'Attribute "{attribute}" does not expect a locale, "{locale}" given.'))
    if bool(spec.get("scopable", spec.get("value_per_channel"))):
        if scope is None:
            found.append(error(f'Attribute "{attribute}" expects a scope, none given.'))
        elif scope not in channels:
            found.append(
                error(f'Attribute "{attribute}" expects an existing scope, "{scope}" given.')
            )
        elif locale is not None and locale not in _channel_locales(channels, scope, locale):
            found.append(
                error(
                    f'Attribute "{attribute}" expects a locale activated for the channel '
                    f'"{scope}", "{locale}" given.'
                )
            )
    elif scope is not None:
        found.append(error(f'Attribute "{attribute}" does not expect a scope, "{scope}" given.'))
    if "data" not in entry:
        found.append(error(f'Property "{attribute}" expects a "data" key.'))
        return found
    data = entry["data"]
    if data is None:  # an erase is always allowed (facts.md §8)
        return found
    problem = _shape_problem(attribute, spec, data)
    if problem is not None:
        found.append(error(problem))
        return found
    if spec.get("type") in _OPTION_TYPES:
        options = known_options.get(attribute, ())
        for code in [data] if isinstance(data, str) else data:
            if code not in options:
                found.append(
                    error(
                        f'Property "{attribute}" expects a valid code. '
                        f'The option "{code}" does not exist.'
                    )
                )
    return found


def check_code_unused(
    code: Any, existing: Collection[Any], *, property: str = "code"
) -> list[dict[str, Any]]:
    """The error a create (POST) gets when the code, identifier or uuid is already taken."""
    if code in existing:
        return [{"property": property, "message": "This value is already used."}]
    return []


def check_product(
    body: Mapping[str, Any],
    *,
    families: Collection[str],
    attributes: Mapping[str, Mapping[str, Any]],
    known_options: Mapping[str, Collection[str]],
    channels: Collection[str],
    locales: Collection[str],
    categories: Collection[str] | None = None,
    product_models: Collection[str] | None = None,
    association_types: Collection[str] | None = None,
    by_identifier: bool = False,
) -> list[dict[str, Any]]:
    """The `errors` of a product body (uuid routes, or identifier routes with `by_identifier`).

    Checks the identifier (required on the identifier routes), the family, the categories and
    the parent and the association types when their catalogues are given, the shape of
    `quantified_associations` (products by `uuid`, or `identifier` with `by_identifier`; models by
    `code`; a positive integer `quantity`), and `values` (see `validate_values`).
    """
    errors: list[dict[str, Any]] = []
    if by_identifier:
        identifier = body.get("identifier")
        if not isinstance(identifier, str) or not identifier.strip():
            errors.append({"property": "identifier", "message": "This value should not be blank."})
    errors.extend(_check_family(body, families))
    errors.extend(_check_codes(body, "categories", "category", categories))
    parent = body.get("parent")
    if parent is not None and product_models is not None and parent not in product_models:
        errors.append(
            {
                "property": "parent",
                "message": f'Property "parent" expects a valid product model code. '
                f'The product model does not exist, "{parent}" given.',
            }
        )
    errors.extend(_check_associations(body, association_types, by_identifier))
    values = body.get("values")
    if isinstance(values, Mapping):
        errors.extend(
            validate_values(
                values, attributes, known_options=known_options, channels=channels, locales=locales
            )
        )
    return errors


def _check_associations(
    body: Mapping[str, Any], association_types: Collection[str] | None, by_identifier: bool
) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = []
    for field in ("associations", "quantified_associations"):
        groups = body.get(field)
        if not isinstance(groups, Mapping):
            continue
        for kind in groups:
            if association_types is not None and kind not in association_types:
                errors.append(
                    {
                        "property": field,
                        "message": f'Property "{field}" expects a valid association type code. '
                        f'The association type does not exist, "{kind}" given.',
                    }
                )
    quantified = body.get("quantified_associations")
    if not isinstance(quantified, Mapping):
        return errors
    product_key = "identifier" if by_identifier else "uuid"
    for kind, links in quantified.items():
        for target, key in (("products", product_key), ("product_models", "code")):
            entries = links.get(target) if isinstance(links, Mapping) else None
            for index, link in enumerate(entries if isinstance(entries, list) else []):
                where = f"quantified_associations.{kind}.{target}[{index}]"
                if not isinstance(link, Mapping) or not isinstance(link.get(key), str):
                    errors.append({"property": where, "message": f'A "{key}" is expected.'})
                    continue
                quantity = link.get("quantity")
                if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
                    errors.append(
                        {
                            "property": f"{where}.quantity",
                            "message": "The quantity must be a strictly positive integer.",
                        }
                    )
    return errors


def check_product_model(
    body: Mapping[str, Any],
    *,
    families: Collection[str],
    family_variants: Collection[str],
    attributes: Mapping[str, Mapping[str, Any]],
    known_options: Mapping[str, Collection[str]],
    channels: Collection[str],
    locales: Collection[str],
    categories: Collection[str] | None = None,
) -> list[dict[str, Any]]:
    """The `errors` of a product-model body: `code` and `family_variant` required and known."""
    errors: list[dict[str, Any]] = []
    code = body.get("code")
    if not isinstance(code, str) or not code.strip():
        errors.append({"property": "code", "message": "This value should not be blank."})
    variant = body.get("family_variant")
    if not isinstance(variant, str) or not variant:
        errors.append({"property": "family_variant", "message": "This value should not be blank."})
    elif variant not in family_variants:
        errors.append(
            {
                "property": "family_variant",
                "message": f'Property "family_variant" expects a valid family variant code. '
                f'The family variant does not exist, "{variant}" given.',
            }
        )
    errors.extend(_check_family(body, families))
    errors.extend(_check_codes(body, "categories", "category", categories))
    values = body.get("values")
    if isinstance(values, Mapping):
        errors.extend(
            validate_values(
                values, attributes, known_options=known_options, channels=channels, locales=locales
            )
        )
    return errors


def _check_family(body: Mapping[str, Any], families: Collection[str]) -> list[dict[str, Any]]:
    family = body.get("family")
    if family is None or family in families:
        return []
    return [
        {
            "property": "family",
            "message": f'Property "family" expects a valid family code. '
            f'The family does not exist, "{family}" given.',
        }
    ]


def _check_codes(
    body: Mapping[str, Any], field: str, noun: str, known: Collection[str] | None
) -> list[dict[str, Any]]:
    codes = body.get(field)
    if known is None or not isinstance(codes, list):
        return []
    return [
        {
            "property": field,
            "message": f'Property "{field}" expects a valid {noun} code. '
            f'The {noun} does not exist, "{code}" given.',
        }
        for code in codes
        if code not in known
    ]
