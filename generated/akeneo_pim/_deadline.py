# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""The time budget of one call: connect, write, read, retries and the waits between them.

httpx's timeouts are per network operation, so a server dripping one byte every half second never
trips them. A call's `timeout` given as a number is therefore also a deadline for the whole call:
each attempt gets the per-operation timeouts cut to what is left, the body is read in chunks with
the deadline checked between them (the async client also cancels a read at the deadline), and a
retry whose wait would pass the deadline is not made.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

__all__ = ["Deadline"]

Clock = Callable[[], float]
# A per-operation timeout is cut only when the deadline is nearer than this: the first attempt
# keeps the caller's own figures.
_SLACK = 0.1


class Deadline:
    """`seconds` from `start()` (from now unless `started=False`), or never (None)."""

    __slots__ = ("_clock", "_ends", "budget")

    def __init__(
        self, seconds: float | None, clock: Clock = time.monotonic, *, started: bool = True
    ) -> None:
        self.budget = seconds
        self._clock = clock
        self._ends: float | None = None
        if started:
            self.start()

    def start(self) -> None:
        """Start counting (a call starts when it first gets a concurrency slot); idempotent."""
        if self._ends is None and self.budget is not None:
            self._ends = self._clock() + max(0.0, self.budget)

    def remaining(self) -> float | None:
        """Seconds left (0.0 once passed; the whole budget before the start), or None without
        a deadline."""
        if self.budget is None:
            return None
        if self._ends is None:
            return max(0.0, self.budget)
        return max(0.0, self._ends - self._clock())

    @property
    def expired(self) -> bool:
        left = self.remaining()
        return left is not None and left <= 0.0

    def allows(self, wait: float) -> bool:
        """Whether waiting `wait` seconds still leaves time for another attempt."""
        left = self.remaining()
        return left is None or wait < left

    def cap(self, timeout: httpx.Timeout) -> dict[str, float | None]:
        """The per-operation timeouts of the next attempt, none longer than what is left; the
        shape httpx keeps in `request.extensions["timeout"]`."""
        phases = timeout.as_dict()
        left = self.remaining()
        if left is None:
            return phases
        # A zero timeout would mean "fail at once" to some backends and "no wait" to others.
        left = max(left, 0.001)
        return {
            name: left if value is None or value - left > _SLACK else value
            for name, value in phases.items()
        }

    def describe(self) -> str:
        return "no timeout" if self.budget is None else f"timeout of {self.budget:g} s"


def call_budget(timeout: float | httpx.Timeout | None) -> float | None:
    """The whole-call budget of a `timeout` setting: a number is one; an `httpx.Timeout` keeps
    httpx's per-operation meaning (retries are still bounded by `max_retry_time`)."""
    if isinstance(timeout, int | float) and not isinstance(timeout, bool):
        return float(timeout)
    return None
