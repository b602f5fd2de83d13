# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Base classes of the generated resource groups (`akeneo.products_uuid`, `akeneo.families`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._types import NOT_GIVEN, Headers, NotGiven, Query, RequestOptions, Timeout

if TYPE_CHECKING:
    from ._client import AsyncAPIClient, SyncAPIClient

__all__ = ["AsyncResource", "SyncResource", "make_options"]


def make_options(
    *,
    timeout: Timeout | NotGiven = NOT_GIVEN,
    extra_headers: Headers | None = None,
    extra_query: Query | None = None,
) -> RequestOptions:
    """The RequestOptions of one call, from the keyword arguments every generated method takes."""
    return RequestOptions(timeout=timeout, extra_headers=extra_headers, extra_query=extra_query)


class SyncResource:
    """Holds the client; generated subclasses add one method per operation."""

    _client: SyncAPIClient

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class AsyncResource:
    _client: AsyncAPIClient

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
