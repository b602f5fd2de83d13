# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Base classes of the generated resource groups (`akeneo.products_uuid`, `akeneo.families`)."""

from __future__ import annotations

from typing import Generic, TypeVar

from ._client import AsyncAPIClient, SyncAPIClient

__all__ = ["AsyncResource", "SyncResource"]

ClientT = TypeVar("ClientT")


class _Resource(Generic[ClientT]):
    """Holds the client; generated subclasses add one method per operation."""

    _client: ClientT

    def __init__(self, client: ClientT) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class SyncResource(_Resource[SyncAPIClient]):
    """A resource group of the blocking client `Akeneo`."""


class AsyncResource(_Resource[AsyncAPIClient]):
    """A resource group of the asyncio client `AsyncAkeneo`."""
