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
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Generic, TypeVar

import httpx

from ._deadline import Deadline

T = TypeVar("T")

__all__ = [
    "AsyncAhead",
    "AsyncConsumer",
    "AsyncLock",
    "AsyncSemaphore",
    "SyncAhead",
    "SyncConsumer",
    "SyncLock",
    "SyncSemaphore",
    "async_sleep",
    "async_within",
    "sync_sleep",
    "sync_within",
]

AsyncLock = asyncio.Lock
SyncLock = threading.Lock
# Bounded: releasing more often than acquiring is a bug, and raises instead of raising the limit.
AsyncSemaphore = asyncio.BoundedSemaphore
SyncSemaphore = threading.BoundedSemaphore
async_sleep = asyncio.sleep
sync_sleep = time.sleep

# What a streamed download does with the answer and its decoded pieces (`_send(call, consume=)`).
AsyncConsumer = Callable[[httpx.Response, AsyncIterator[bytes]], Awaitable[None]]
SyncConsumer = Callable[[httpx.Response, Iterator[bytes]], None]


async def async_within(deadline: Deadline | None, work: Awaitable[T]) -> T:
    """`work`, cancelled when the deadline passes (reported as httpx's ReadTimeout, so that it is
    handled like any other timeout): an answer dripping a byte at a time cannot outlast it."""
    left = None if deadline is None else deadline.remaining()
    if left is None:
        return await work
    try:
        return await asyncio.wait_for(work, max(left, 0.001))
    except asyncio.TimeoutError:
        raise httpx.ReadTimeout("the deadline passed during the request") from None


def sync_within(deadline: Deadline | None, work: T) -> T:
    """The blocking twin cannot cancel a read: `work` is already done. Its per-read timeouts are
    cut to the deadline and the body is checked between reads instead (`_deadline.py`)."""
    return work


R = TypeVar("R")


class AsyncAhead(Generic[R]):
    """One call started now in a task, its result taken later (a page fetched ahead)."""

    def __init__(self, call: Callable[[str], Awaitable[R]], argument: str) -> None:
        async def run() -> R:
            return await call(argument)

        self._task = asyncio.ensure_future(run())

    async def result(self) -> R:
        return await self._task

    def cancel(self) -> None:
        """Abandoned: stop it, and read its outcome so no "exception never retrieved" is logged."""
        self._task.cancel()
        self._task.add_done_callback(_retrieve)


def _retrieve(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        task.exception()


class SyncAhead(Generic[R]):
    """One call started now in a thread, its result taken later (a page fetched ahead)."""

    def __init__(self, call: Callable[[str], R], argument: str) -> None:
        self._outcome: tuple[R] | BaseException | None = None

        def run() -> None:
            try:
                self._outcome = (call(argument),)
            except BaseException as exc:  # handed to the caller by result()
                self._outcome = exc

        self._thread = threading.Thread(target=run, name="akeneo-prefetch", daemon=True)
        self._thread.start()

    def result(self) -> R:
        self._thread.join()
        outcome = self._outcome
        if isinstance(outcome, BaseException):
            raise outcome
        assert outcome is not None
        return outcome[0]

    def cancel(self) -> None:
        """Abandoned: a request in flight cannot be stopped; it ends alone, its result dropped."""
