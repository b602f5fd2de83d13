# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""A local stand-in for the Event Platform's HTTPS delivery, for tests of your webhook handler:
it builds CloudEvents bodies, signs them with the subscription's secrets and POSTs them the way
the platform does (event-platform.md §7, §8), retrying as it does. Public through
`akeneo_pim.events` (it moves to `akeneo_pim.testing` when that module exists).

What the platform does and this sender copies: `Content-Type: application/json`, the
`X-AKENEO-SIGNATURE-*` headers over the exact body bytes, custom headers added after signing, a
5 s deadline, success on `200` only, retries after 5, 10 and 20 minutes (scaled by
`retry_delays`, and `sleep` replaceable, so tests do not wait), then the event is dropped; a
`404` or any `3xx` suspends the subscription at once. Which other `4xx` are retried is not
documented: this sender retries `429`, `5xx` and transport errors only.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

import httpx

from ._flavours import async_sleep
from ._signatures import ALGORITHM, ALGORITHM_HEADER, PRIMARY_HEADER, SECONDARY_HEADER, signature

__all__ = [
    "PLATFORM_RETRY_DELAYS",
    "AsyncEventSender",
    "Delivery",
    "DeliveryAttempt",
    "EventSender",
    "make_event",
    "signed_headers",
]

PLATFORM_RETRY_DELAYS = (300.0, 600.0, 1200.0)  # after the 1st, 2nd and 3rd failed attempt
PLATFORM_TIMEOUT = 5.0
USER_AGENT = "akeneo/event-platform"
Outcome = Literal["delivered", "dropped", "suspended"]


def make_event(
    event_type: str,
    data: Mapping[str, Any],
    *,
    subscription_id: str = "01905a84-0000-7000-8000-000000000000",
    event_id: str | None = None,
    at: datetime | None = None,
    source: str = "akeneo-event-platform",
) -> bytes:
    """A CloudEvents 1.0 body as the platform sends it (compact JSON, one line). `event_type`
    may be given without its `com.akeneo.pim.v1.` prefix (`"product.updated"`)."""
    full_type = event_type if event_type.startswith("com.") else f"com.akeneo.pim.v1.{event_type}"
    moment = (at or datetime.now(timezone.utc)).astimezone(timezone.utc)
    envelope = {
        "specversion": "1.0",
        "id": event_id or str(uuid.uuid4()),
        "source": source,
        "type": full_type,
        "subject": subscription_id,
        "datacontenttype": "application/json",
        "dataschema": f"https://event.prd.sdk.akeneo.cloud/spec/{full_type}.schema.json",
        "time": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "data": dict(data),
    }
    return json.dumps(envelope, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def signed_headers(
    body: bytes,
    primary_secret: str | bytes,
    secondary_secret: str | bytes | None = None,
    *,
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The headers of one delivery: content type, user agent, signatures, then `extra` (the
    subscription's custom headers, which the platform adds after signing: they are not signed)."""
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        PRIMARY_HEADER: signature(body, primary_secret),
        ALGORITHM_HEADER: ALGORITHM,
    }
    if secondary_secret is not None:
        headers[SECONDARY_HEADER] = signature(body, secondary_secret)
    headers.update(extra or {})
    return headers


@dataclass(frozen=True, slots=True)
class DeliveryAttempt:
    status_code: int | None  # None: the request failed (timeout, connection refused)
    error: str | None = None  # the transport error's class name
    waited: float = 0.0  # the delay before this attempt


@dataclass(slots=True)
class Delivery:
    """What happened to one event: `outcome` and every attempt."""

    outcome: Outcome = "dropped"
    attempts: list[DeliveryAttempt] = field(default_factory=list)

    @property
    def delivered(self) -> bool:
        return self.outcome == "delivered"


def _verdict(response: httpx.Response | None) -> Outcome | None:
    """`delivered`, `suspended`, or None for a failure the platform retries."""
    if response is None:
        return None
    if response.status_code == 200:
        return "delivered"
    if response.status_code == 404 or 300 <= response.status_code < 400:
        return "suspended"
    if response.status_code == 429 or response.status_code >= 500:
        return None
    return "dropped"


@dataclass
class _Settings:
    url: str
    primary_secret: str | bytes
    secondary_secret: str | bytes | None
    headers: Mapping[str, str] | None
    retry_delays: Sequence[float]
    timeout: float

    def request_headers(self, body: bytes) -> dict[str, str]:
        return signed_headers(body, self.primary_secret, self.secondary_secret, extra=self.headers)


class EventSender:
    """Delivers events to `url` like an HTTPS subscription, blocking (one event at a time).

    ```python
    sender = EventSender("http://127.0.0.1:8000/akeneo", "averysecretprimarysecret",
                         sleep=lambda seconds: None)  # do not really wait between retries
    delivery = sender.send(make_event("product.updated", {"product": {"uuid": "..."}}))
    assert delivery.delivered
    ```
    """

    def __init__(
        self,
        url: str,
        primary_secret: str | bytes,
        secondary_secret: str | bytes | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        retry_delays: Sequence[float] = PLATFORM_RETRY_DELAYS,
        timeout: float = PLATFORM_TIMEOUT,
        sleep: Callable[[float], None] = time.sleep,
        http_client: httpx.Client | None = None,
    ) -> None:
        self._settings = _Settings(
            url, primary_secret, secondary_secret, headers, retry_delays, timeout
        )
        self._sleep = sleep
        self._http = http_client or httpx.Client(follow_redirects=False)
        self._owns_http = http_client is None

    def send(self, body: bytes) -> Delivery:
        """POST one event body; retry as the platform does; say what became of it."""
        settings = self._settings
        delivery = Delivery()
        delays = [0.0, *settings.retry_delays]
        for delay in delays:
            if delay:
                self._sleep(delay)
            try:
                sent = self._http.post(
                    settings.url,
                    content=body,
                    headers=settings.request_headers(body),
                    timeout=settings.timeout,
                )
            except httpx.TransportError as error:
                response: httpx.Response | None = None
                delivery.attempts.append(DeliveryAttempt(None, type(error).__name__, delay))
            else:
                response = sent
                delivery.attempts.append(DeliveryAttempt(sent.status_code, None, delay))
            outcome = _verdict(response)
            if outcome is not None:
                delivery.outcome = outcome
                return delivery
        return delivery

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> EventSender:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncEventSender:
    """`EventSender` for asyncio; `sleep` is awaited between retries."""

    def __init__(
        self,
        url: str,
        primary_secret: str | bytes,
        secondary_secret: str | bytes | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        retry_delays: Sequence[float] = PLATFORM_RETRY_DELAYS,
        timeout: float = PLATFORM_TIMEOUT,
        sleep: Callable[[float], Awaitable[None]] = async_sleep,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self._settings = _Settings(
            url, primary_secret, secondary_secret, headers, retry_delays, timeout
        )
        self._sleep = sleep
        self._http = http_client or httpx.AsyncClient(follow_redirects=False)
        self._owns_http = http_client is None

    async def send(self, body: bytes) -> Delivery:
        """POST one event body; retry as the platform does; say what became of it."""
        settings = self._settings
        delivery = Delivery()
        for delay in [0.0, *settings.retry_delays]:
            if delay:
                await self._sleep(delay)
            try:
                sent = await self._http.post(
                    settings.url,
                    content=body,
                    headers=settings.request_headers(body),
                    timeout=settings.timeout,
                )
            except httpx.TransportError as error:
                response: httpx.Response | None = None
                delivery.attempts.append(DeliveryAttempt(None, type(error).__name__, delay))
            else:
                response = sent
                delivery.attempts.append(DeliveryAttempt(sent.status_code, None, delay))
            outcome = _verdict(response)
            if outcome is not None:
                delivery.outcome = outcome
                return delivery
        return delivery

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncEventSender:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()
