# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""When to retry a request and how long to wait first.

Akeneo's guidelines: retry 408, 429, 5xx and network failures with exponential backoff and
jitter, and honour Retry-After. A POST is retried only when the server surely did not process it
(429, or a failure before the request left), because replaying a create could create twice; a
call may declare itself safe to replay (the token grant, which creates nothing).

A retry is never made when its wait would pass the call's deadline (`_deadline.py`), nor when the
server asks for a wait longer than `max_retry_after`: retrying early would only be refused again.
The call then fails at once, and `RetryTracker.refusal` says why (the error carries it).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import httpx

from ._deadline import Deadline

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
    max_retry_after: float = 60.0  # a server asking for longer is not retried at all

    def backoff(self, retry_number: int, rand: Callable[[], float] = random.random) -> float:
        """Exponential backoff with jitter: between 75% and 100% of min(initial * 2**n, max)."""
        delay = min(self.initial_delay * (2.0**retry_number), self.max_delay)
        return delay * (1.0 - 0.25 * rand())

    def delay_for(self, retry_number: int, retry_after: str | None) -> float:
        """The wait before retry `retry_number`: the server's Retry-After when it gave one."""
        hinted = parse_retry_after(retry_after)
        if hinted is not None:
            return hinted
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
            reference = time.time() if now is None else now
            seconds = when.timestamp() - reference
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def status_is_retryable(method: str, status_code: int, *, replayable: bool = False) -> bool:
    if status_code not in RETRYABLE_STATUSES:
        return False
    # 429 means the request was refused before processing, whatever the method.
    return status_code == 429 or replayable or method.upper() in _IDEMPOTENT_METHODS


def error_is_retryable(method: str, error: Exception, *, replayable: bool = False) -> bool:
    if isinstance(error, httpx.LocalProtocolError):
        return False  # our own request is malformed: sending it again fails the same way
    if isinstance(error, _NOT_SENT_ERRORS):
        return True
    if not isinstance(error, httpx.TransportError):
        return False
    return replayable or method.upper() in _IDEMPOTENT_METHODS


@dataclass(slots=True)
class RetryTracker:
    """Counts the retries of one call and the time spent waiting."""

    policy: RetryPolicy
    max_retries: int
    waited: float = 0.0
    retries: int = 0
    enabled: bool = field(default=True)
    # A POST that creates nothing (the token grant) is retried like a GET.
    replayable: bool = False
    deadline: Deadline = field(default_factory=lambda: Deadline(None))
    # Why the last retry that the rules allowed was not made (time), for the error message.
    refusal: str | None = None

    def _next(self, delay: float, *, hinted: bool) -> float | None:
        if not self.enabled or self.retries >= self.max_retries:
            return None
        if hinted and delay > self.policy.max_retry_after:
            self.refusal = (
                f"the server asked to wait {delay:g} s before retrying (Retry-After), more than "
                f"the {self.policy.max_retry_after:g} s this client waits"
            )
            return None
        if self.waited + delay > self.policy.max_retry_time:
            self.refusal = (
                f"waiting {delay:.3g} s more would pass max_retry_time="
                f"{self.policy.max_retry_time:g} s ({self.waited:.3g} s waited)"
            )
            return None
        if not self.deadline.allows(delay):
            left = self.deadline.remaining() or 0.0
            what = "the server asked to wait" if hinted else "the next retry would wait"
            self.refusal = (
                f"{what} {delay:.3g} s, beyond the {left:.3g} s left of this call's "
                f"{self.deadline.describe()}"
            )
            return None
        self.retries += 1
        self.waited += delay
        return delay

    def after_status(self, method: str, response: httpx.Response) -> float | None:
        """Seconds to wait before retrying, or None to give up and report the answer."""
        self.refusal = None
        if not status_is_retryable(method, response.status_code, replayable=self.replayable):
            return None
        hint = parse_retry_after(response.headers.get("retry-after"))
        delay = hint if hint is not None else self.policy.backoff(self.retries)
        return self._next(delay, hinted=hint is not None)

    def after_error(self, method: str, error: Exception) -> float | None:
        self.refusal = None
        if not error_is_retryable(method, error, replayable=self.replayable):
            return None
        if self.deadline.expired:
            self.refusal = f"this call's {self.deadline.describe()} has run out"
            return None
        return self._next(self.policy.backoff(self.retries), hinted=False)
