# Runtime of akeneo_pim.testing, the fake PIM: static file copied verbatim from templates/testing/.
"""The `search` filters of lists. PLACEHOLDER of i15a until i15b's module lands (the lead takes
i15b's version at merge): a few operators on properties and on attribute values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


class FilterError(Exception):
    """A filter Akeneo refuses, with the status it answers."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


_PROPERTIES = (
    "uuid",
    "identifier",
    "code",
    "enabled",
    "family",
    "categories",
    "parent",
    "updated",
    "created",
)


def _matches(actual: Any, operator: str, expected: Any) -> bool:
    items = actual if isinstance(actual, list) else [actual]
    if operator == "IN":
        return any(item in expected for item in items)
    if operator == "NOT IN":
        return not any(item in expected for item in items)
    if operator == "=":
        return bool(actual == expected)
    if operator == "!=":
        return bool(actual != expected)
    if operator == "EMPTY":
        return actual in (None, "", [])
    if operator == "NOT EMPTY":
        return actual not in (None, "", [])
    if operator == "CONTAINS":
        return isinstance(actual, str) and str(expected) in actual
    if operator == "STARTS WITH":
        return isinstance(actual, str) and actual.startswith(str(expected))
    if operator in (">", "<", ">=", "<="):
        if actual is None:
            return False
        ordered = {">": actual > expected, "<": actual < expected}
        ordered[">="] = actual >= expected
        ordered["<="] = actual <= expected
        return bool(ordered[operator])
    raise FilterError(f"Filter on property with operator {operator!r} is not supported", 422)


def compile_search(
    search: Mapping[str, list[Mapping[str, Any]]],
    *,
    resource: str,
    attributes: Mapping[str, dict[str, Any]],
    search_locale: str | None,
    search_scope: str | None,
) -> Callable[[dict[str, Any]], bool]:
    """A predicate over stored items; raises FilterError for an unknown field."""
    checks: list[Callable[[dict[str, Any]], bool]] = []
    for field, conditions in search.items():
        if field not in _PROPERTIES and field not in attributes:
            raise FilterError(
                f"Filter on property {field!r} is not supported or does not exist.", 422
            )
        for condition in conditions if isinstance(conditions, list) else [conditions]:
            operator = str(condition.get("operator"))
            expected = condition.get("value")
            if field in attributes:
                locale = condition.get("locale", search_locale)
                scope = condition.get("scope", search_scope)

                def check(
                    item: dict[str, Any],
                    f: str = field,
                    o: str = operator,
                    e: Any = expected,
                    lo: Any = locale,
                    sc: Any = scope,
                ) -> bool:
                    for value in item.get("values", {}).get(f, []):
                        if value.get("locale") in (None, lo) and value.get("scope") in (None, sc):
                            return _matches(value.get("data"), o, e)
                    return _matches(None, o, e)

            else:

                def check(
                    item: dict[str, Any],
                    f: str = field,
                    o: str = operator,
                    e: Any = expected,
                    lo: Any = None,
                    sc: Any = None,
                ) -> bool:
                    return _matches(item.get(f), o, e)

            checks.append(check)
    return lambda item: all(check(item) for check in checks)
