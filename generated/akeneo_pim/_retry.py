# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""When to retry a request and how long to wait first.

Akeneo's guidelines: retry 408, 429, 5xx and network failures with exponential backoff and
jitter, and honour Retry-After. A POST is retried only when the server surely did not process it
(429, or a failure before the request left), because replaying a create could create twice.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import httpx

__all__ = ["RETRYABLE_STATUSES", "RetryPolicy", "RetryTracker", "parse_retry_after"]

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Errors raised before any byte of the request reached the server.
_NOT_SENT_ERRORS: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PATCH", "PUT", "DELETE"})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How long to wait before each retry; built once per client from its `max_retry_time`. How
    many retries a call gets is the client's (or the call's) `max_retries`, in `RetryTracker`."""

    max_retry_time: float = 120.0  # total seconds spent waiting between attempts, at most
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0  # a server asking for longer is obeyed only up to this

    def backoff(self, retry_number: int, rand: Callable[[], float] = random.random) -> float:
        """Exponential backoff with jitter: between 75% and 100% of min(initial * 2**n, max)."""
        delay = min(self.initial_delay * (2.0**retry_number), self.max_delay)
        return delay * (1.0 - 0.25 * rand())

    def delay_for(self, retry_number: int, retry_after: str | None) -> float:
        hinted = parse_retry_after(retry_after)
        if hinted is not None:
            return min(hinted, self.max_retry_after)
        return self.backoff(retry_number)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: either a number of seconds or an HTTP date."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        reference = time.time() if now is None else now
        seconds = when.timestamp() - reference
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def status_is_retryable(method: str, status_code: int) -> bool:
    if status_code not in RETRYABLE_STATUSES:
        return False
    # 429 means the request was refused before processing, whatever the method.
    return status_code == 429 or method.upper() in _IDEMPOTENT_METHODS


def error_is_retryable(method: str, error: Exception) -> bool:
    if isinstance(error, _NOT_SENT_ERRORS):
        return True
    if not isinstance(error, httpx.TransportError):
        return False
    return method.upper() in _IDEMPOTENT_METHODS


@dataclass(slots=True)
class RetryTracker:
    """Counts the retries of one call and the time spent waiting."""

    policy: RetryPolicy
    max_retries: int
    waited: float = 0.0
    retries: int = 0
    enabled: bool = field(default=True)

    def _next(self, delay: float) -> float | None:
        if not self.enabled or self.retries >= self.max_retries:
            return None
        if self.waited + delay > self.policy.max_retry_time:
            return None
        self.retries += 1
        self.waited += delay
        return delay

    def after_status(self, method: str, response: httpx.Response) -> float | None:
        """Seconds to wait before retrying, or None to give up and report the answer."""
        if not status_is_retryable(method, response.status_code):
            return None
        return self._next(self.policy.delay_for(self.retries, response.headers.get("retry-after")))

    def after_error(self, method: str, error: Exception) -> float | None:
        if not error_is_retryable(method, error):
            return None
        return self._next(self.policy.backoff(self.retries))
