# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""The primitives that really differ between the async and the sync client, each written twice.

Each `_*_sync.py` module is derived from its `_*_async.py` source by the generator
(generator/unasync.py): `async` and `await` are dropped and each `Async*`/`async_*` name below is
renamed to its `Sync*`/`sync_*` twin. What a rename cannot express lives here, or in `_batch.py`
(running batch chunks side by side: tasks or threads).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable

import httpx

__all__ = [
    "AsyncConsumer",
    "AsyncLock",
    "AsyncSemaphore",
    "SyncConsumer",
    "SyncLock",
    "SyncSemaphore",
    "async_sleep",
    "sync_sleep",
]

AsyncLock = asyncio.Lock
SyncLock = threading.Lock
# Bounded: releasing more often than acquiring is a bug, and raises instead of raising the limit.
AsyncSemaphore = asyncio.BoundedSemaphore
SyncSemaphore = threading.BoundedSemaphore
async_sleep = asyncio.sleep
sync_sleep = time.sleep

# What a streamed download does with the answer (`_send(call, consume=...)`).
AsyncConsumer = Callable[[httpx.Response], Awaitable[None]]
SyncConsumer = Callable[[httpx.Response], None]
