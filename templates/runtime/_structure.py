# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""The I/O-free parts of `akeneo.structure`: what is cached, under which key, until when.

The catalog structure (channels, locales, currencies, attributes and their options, families)
changes rarely, and Akeneo advises caching it. `_structure_async.py` (and the sync twin derived
from it) fetches; this module holds the endpoints, the cache keys and the entries.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from ._endpoint import Endpoint

__all__ = ["DEFAULT_STRUCTURE_TTL", "AttributeInfo", "StructureCache"]

DEFAULT_STRUCTURE_TTL: Final = 300.0  # seconds

# The structure endpoints (the generated resources call the same ones; a test keeps them equal).
CHANNELS: Final = Endpoint("get_channels", "GET", "/api/rest/v1/channels")
LOCALES: Final = Endpoint("get_locales", "GET", "/api/rest/v1/locales")
CURRENCIES: Final = Endpoint("currencies_get_list", "GET", "/api/rest/v1/currencies")
ATTRIBUTES: Final = Endpoint("get_attributes", "GET", "/api/rest/v1/attributes")
ATTRIBUTE: Final = Endpoint("get_attributes__code_", "GET", "/api/rest/v1/attributes/{code}")
ATTRIBUTE_OPTIONS: Final = Endpoint(
    "get_attributes__attribute_code__options",
    "GET",
    "/api/rest/v1/attributes/{attribute_code}/options",
)
FAMILIES: Final = Endpoint("get_families", "GET", "/api/rest/v1/families")
FAMILY: Final = Endpoint("get_families__code_", "GET", "/api/rest/v1/families/{code}")


@dataclass(frozen=True, slots=True)
class AttributeInfo:
    """What the structure knows of one attribute; `raw` is the whole answer of the PIM."""

    code: str
    type: str
    localizable: bool
    scopable: bool
    group: str | None
    raw: Mapping[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AttributeInfo:
        return cls(
            code=str(data.get("code", "")),
            type=str(data.get("type", "")),
            localizable=bool(data.get("localizable")),
            scopable=bool(data.get("scopable")),
            group=data.get("group"),
            raw=data,
        )


def cache_key(
    kind: str, *parts: object, query: Mapping[str, object] | None = None
) -> tuple[Any, ...]:
    """Everything that changes the answer: the kind, its path codes and the query, sorted."""
    frozen_query = tuple(sorted((query or {}).items(), key=lambda item: item[0]))
    return (kind, *parts, tuple((name, _frozen(value)) for name, value in frozen_query))


def _frozen(value: object) -> object:
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    return value


_MISSING: Final = object()


@dataclass
class StructureCache:
    """Entries with an expiry time; `clock` is replaceable in tests."""

    ttl: float = DEFAULT_STRUCTURE_TTL
    clock: Callable[[], float] = time.monotonic
    _entries: dict[tuple[Any, ...], tuple[float, object]] = field(default_factory=dict)

    def get(self, key: tuple[Any, ...]) -> object:
        """The cached value, or `MISSING` when absent or expired."""
        found = self._entries.get(key)
        if found is None or found[0] <= self.clock():
            return _MISSING
        return found[1]

    def put(self, key: tuple[Any, ...], value: object) -> None:
        self._entries[key] = (self.clock() + self.ttl, value)

    def clear(self) -> None:
        self._entries.clear()


MISSING: Final = _MISSING
