# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""`akeneo.structure`: channels, locales, currencies, attributes, options and families, cached.

Fetched lazily, kept for a TTL (`ttl=`, 300 s by default), keyed by everything that changes the
answer (the path codes and the query), shared by every thread or task using the client, and never
fetched twice at once for one key: the second caller waits for the first one's answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ._client_async import AsyncAPIClient
from ._endpoint import Endpoint
from ._flavours import AsyncLock
from ._structure import (
    ATTRIBUTE,
    ATTRIBUTE_OPTIONS,
    ATTRIBUTES,
    CHANNELS,
    CURRENCIES,
    DEFAULT_STRUCTURE_TTL,
    FAMILIES,
    FAMILY,
    LOCALES,
    MISSING,
    AttributeInfo,
    StructureCache,
    cache_key,
)

__all__ = ["AsyncStructure"]

_PAGE: Mapping[str, object] = {"limit": 100}


class AsyncStructure:
    """A cache of the catalog structure of one client (see the module docstring)."""

    def __init__(
        self,
        client: AsyncAPIClient,
        *,
        ttl: float = DEFAULT_STRUCTURE_TTL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._cache = StructureCache(ttl=ttl, clock=clock)
        self._locks: dict[tuple[Any, ...], AsyncLock] = {}

    def clear(self) -> None:
        """Forget everything: the next read fetches again."""
        self._cache.clear()

    async def _load(
        self,
        endpoint: Endpoint,
        *,
        path: Mapping[str, str] | None = None,
        query: Mapping[str, object] | None = None,
        paged: bool = False,
    ) -> Any:
        key = cache_key(endpoint.operation_id, *(path or {}).values(), query=query)
        found = self._cache.get(key)
        if found is not MISSING:
            return found
        # setdefault is atomic: two callers of one key always share one lock
        async with self._locks.setdefault(key, AsyncLock()):
            found = self._cache.get(key)
            if found is not MISSING:
                return found
            value: object
            if paged:
                pages = self._client.paginate(
                    endpoint, item_type=dict, path_params=path, query={**_PAGE, **(query or {})}
                )
                value = [item async for item in pages]
            else:
                value = await self._client.fetch_json(endpoint, path_params=path, query=query)
            self._cache.put(key, value)
            return value

    async def channels(self) -> list[dict[str, Any]]:
        """Every channel, as the PIM sends it."""
        result: list[dict[str, Any]] = await self._load(CHANNELS, paged=True)
        return result

    async def channel(self, code: str) -> dict[str, Any] | None:
        """One channel from `channels()`, or None."""
        return next((c for c in await self.channels() if c.get("code") == code), None)

    async def locales(self, *, enabled: bool | None = None) -> list[dict[str, Any]]:
        """Every locale, or only the enabled (or disabled) ones."""
        query = None
        if enabled is not None:
            query = {"search": {"enabled": [{"operator": "=", "value": enabled}]}}
        result: list[dict[str, Any]] = await self._load(LOCALES, query=query, paged=True)
        return result

    async def currencies(self) -> list[dict[str, Any]]:
        """Every currency."""
        result: list[dict[str, Any]] = await self._load(CURRENCIES, paged=True)
        return result

    async def attributes(self, codes: Sequence[str] | None = None) -> list[AttributeInfo]:
        """Every attribute, or the ones of `codes` (at most 100 codes per call, Akeneo's limit)."""
        query = None
        if codes is not None:
            query = {"search": {"code": [{"operator": "IN", "value": sorted(codes)}]}}
        raw: list[dict[str, Any]] = await self._load(ATTRIBUTES, query=query, paged=True)
        return [AttributeInfo.from_json(item) for item in raw]

    async def attribute(self, code: str) -> AttributeInfo:
        """One attribute, with its type: `(await structure.attribute("weight")).type`."""
        raw: dict[str, Any] = await self._load(ATTRIBUTE, path={"code": code})
        return AttributeInfo.from_json(raw)

    async def attribute_types(self) -> dict[str, str]:
        """Attribute code -> attribute type, for `Values(..., types=...)`."""
        return {info.code: info.type for info in await self.attributes()}

    async def attribute_options(self, attribute: str) -> list[dict[str, Any]]:
        """The options of a simple or multi select attribute."""
        result: list[dict[str, Any]] = await self._load(
            ATTRIBUTE_OPTIONS, path={"attribute_code": attribute}, paged=True
        )
        return result

    async def families(self) -> list[dict[str, Any]]:
        """Every family."""
        result: list[dict[str, Any]] = await self._load(FAMILIES, paged=True)
        return result

    async def family(self, code: str) -> dict[str, Any]:
        """One family (its attributes, requirements, attribute as label...)."""
        result: dict[str, Any] = await self._load(FAMILY, path={"code": code})
        return result
