# Runtime of akeneo_pim.testing, the fake PIM: static file copied verbatim from templates/testing/.
"""Akeneo's PATCH rules and value checks. PLACEHOLDER of i15a until i15b's module lands (the lead
takes i15b's version at merge): objects merged key by key, everything else replaced, `values`
merged by attribute + locale + scope."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any


def _value_key(value: Mapping[str, Any]) -> tuple[Any, Any]:
    return (value.get("locale"), value.get("scope", value.get("channel")))


def _merge_values(stored: Mapping[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(dict(stored))
    for attribute, values in patch.items():
        by_key = {_value_key(v): v for v in merged.get(attribute, [])}
        for value in values:
            by_key[_value_key(value)] = copy.deepcopy(value)
        merged[attribute] = list(by_key.values())
    return merged


def merge_patch(
    stored: dict[str, Any], patch: Mapping[str, Any], *, resource: str
) -> dict[str, Any]:
    """`stored` with `patch` applied as Akeneo applies a PATCH; neither input is changed."""
    merged = copy.deepcopy(stored)
    for key, new in patch.items():
        old = merged.get(key)
        if key == "values" and isinstance(new, Mapping):
            merged[key] = _merge_values(old if isinstance(old, Mapping) else {}, new)
        elif isinstance(new, Mapping) and isinstance(old, Mapping):
            merged[key] = merge_patch(dict(old), new, resource=resource)
        else:
            merged[key] = copy.deepcopy(new)
    return merged


def validate_values(
    values: Mapping[str, Any],
    attributes: Mapping[str, dict[str, Any]],
    *,
    known_options: Mapping[str, Sequence[str]],
    channels: Sequence[str],
    locales: Sequence[str],
) -> list[dict[str, Any]]:
    """Akeneo-style `errors` entries for the values; here only unknown attributes."""
    return [
        {
            "property": "attribute",
            "message": f"The {code} attribute does not exist in your PIM.",
            "attribute": code,
        }
        for code in values
        if code not in attributes
    ]
