# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Lazy iteration over paginated lists: the two paginators and their pages, from one place.

The async paginator is written in `_pagination_async.py`, the sync one derived from it; what both
share (parsing pages, the cursor) is in `_pages.py`.
"""

from __future__ import annotations

from ._pages import InvalidItem, OnInvalid, Page
from ._pagination_async import AsyncPaginator
from ._pagination_sync import SyncPaginator

__all__ = ["AsyncPaginator", "InvalidItem", "OnInvalid", "Page", "SyncPaginator"]
