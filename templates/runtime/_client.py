# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""The two clients, from one place: `AsyncAPIClient` is written in `_client_async.py` and
`SyncAPIClient` derived from it (`_client_sync.py`). Generated `Akeneo` / `AsyncAkeneo` subclass
them and only add resource attributes."""

from __future__ import annotations

from ._client_async import AsyncAPIClient
from ._client_sync import SyncAPIClient

__all__ = ["AsyncAPIClient", "SyncAPIClient"]
