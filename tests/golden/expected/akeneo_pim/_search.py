# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Builder for Akeneo's `search` query parameter (a JSON document passed as a string)."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from typing import Any, Final, TypeAlias

from ._serialization import dumps_compact

__all__ = ["Search", "SearchArg", "serialize_search"]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


_MISSING: Final = _Missing()


class Search:
    """Filters keyed by property or attribute code; all filters are ANDed by the server.

    >>> Search().add("enabled", "=", True).add("completeness", ">", 70, scope="ecommerce")

    Each `add` returns a new `Search`, so a base filter can be shared and extended safely.
    Operators without a value (`EMPTY`, `NOT EMPTY`, `UNCLASSIFIED`) are written without `value`.
    """

    __slots__ = ("_filters",)

    def __init__(self, filters: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> None:
        self._filters: dict[str, list[dict[str, Any]]] = {}
        for name, conditions in (filters or {}).items():
            self._filters[name] = [dict(condition) for condition in conditions]

    def add(
        self,
        property: str,
        operator: str,
        value: object = _MISSING,
        *,
        locale: str | None = None,
        scope: str | None = None,
        locales: Sequence[str] | None = None,
        channel: str | None = None,
        **extra: object,
    ) -> Search:
        """Return a copy with one more condition on `property`.

        `scope` is for products; records and assets call it `channel`. `locales` is needed by the
        completeness operators "... ON ALL LOCALES". Unknown keys go through `extra` as they are.
        """
        condition: dict[str, Any] = {"operator": operator}
        if value is not _MISSING:
            condition["value"] = list(value) if isinstance(value, tuple | set) else value
        if locale is not None:
            condition["locale"] = locale
        if scope is not None:
            condition["scope"] = scope
        if locales is not None:
            condition["locales"] = list(locales)
        if channel is not None:
            condition["channel"] = channel
        condition.update(extra)
        new = Search()
        new._filters = copy.deepcopy(self._filters)
        new._filters.setdefault(property, []).append(condition)
        return new

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        return copy.deepcopy(self._filters)

    def to_json(self) -> str:
        return dumps_compact(self._filters)

    def __str__(self) -> str:
        return self.to_json()

    def __repr__(self) -> str:
        return f"Search({self._filters!r})"

    def __bool__(self) -> bool:
        return bool(self._filters)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Search):
            return self._filters == other._filters
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.to_json())


SearchArg: TypeAlias = Search | Mapping[str, Any] | str


def serialize_search(value: SearchArg) -> str:
    """The compact JSON Akeneo expects. A string is taken as JSON already written by the caller."""
    if isinstance(value, Search):
        return value.to_json()
    if isinstance(value, str):
        try:
            json.loads(value)
        except ValueError as exc:
            raise ValueError(f"search string is not valid JSON: {exc}") from None
        return value
    return dumps_compact(value)
