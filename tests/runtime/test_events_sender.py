"""The local event sender against a real webhook endpoint on 127.0.0.1 (sync and async): signed
deliveries pass the endpoint's check, retries follow the platform's delays, duplicates are
dropped by the endpoint's de-duplication, 404 and 3xx suspend, a wrong secret is refused."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from akeneo_runtime_under_test import events

from tests.runtime import event_vectors as v
from tests.runtime.webhook_receiver import Receiver, serve_receiver

PRODUCT = {"product": {"uuid": "3444ec1b-058e-4208-9b6c-284f47a7aa17"}, "author": {"type": "api"}}


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with serve_receiver(Receiver(secrets=[v.PRIMARY_SECRET])) as running:
        yield running


def test_make_event_builds_a_body_that_parses_back() -> None:
    body = events.make_event("product.updated", PRODUCT, event_id="e1", subscription_id="sub-1")
    event = events.parse_event(body)
    assert isinstance(event, events.ProductUpdatedEvent)
    assert event.id == "e1" and event.subject == "sub-1" and event.source == "akeneo-event-platform"
    assert event.type == "com.akeneo.pim.v1.product.updated"
    assert b" " not in body  # compact, like the platform's


def test_signed_headers_reproduce_the_worked_example() -> None:
    headers = events.signed_headers(v.PRODUCT_DELETED, v.PRIMARY_SECRET, v.SECONDARY_SECRET)
    assert headers["X-AKENEO-SIGNATURE-PRIMARY"] == v.PRIMARY_SIGNATURE
    assert headers["X-AKENEO-SIGNATURE-SECONDARY"] == v.SECONDARY_SIGNATURE
    assert headers["X-AKENEO-SIGNATURE-ALGORITHM"] == "HmacSHA256"
    assert headers["Content-Type"] == "application/json"


def test_a_delivery_passes_the_endpoints_check_blocking(receiver: Receiver) -> None:
    sleeps: list[float] = []
    with events.EventSender(
        receiver.url, v.PRIMARY_SECRET, headers={"X-Tenant": "acme"}, sleep=sleeps.append
    ) as sender:
        delivery = sender.send(events.make_event("product.created", PRODUCT, event_id="e1"))
    assert delivery.delivered and [a.status_code for a in delivery.attempts] == [200]
    assert [e.id for e in receiver.received] == ["e1"] and not receiver.refused
    assert receiver.requests[0]["X-Tenant"] == "acme"  # custom headers, unsigned
    assert receiver.requests[0]["User-Agent"] == "akeneo/event-platform"
    assert sleeps == []


def test_failures_are_retried_after_the_platforms_delays_then_delivered(receiver: Receiver) -> None:
    receiver.script = [503, 429]
    sleeps: list[float] = []
    sender = events.EventSender(receiver.url, v.PRIMARY_SECRET, sleep=sleeps.append)
    delivery = sender.send(events.make_event("family.created", {"family": {"code": "f"}}))
    sender.close()
    assert delivery.outcome == "delivered"
    assert [(a.status_code, a.waited) for a in delivery.attempts] == [
        (503, 0.0),
        (429, 300.0),
        (200, 600.0),
    ]
    assert sleeps == [300.0, 600.0] and len(receiver.received) == 1


def test_after_three_retries_the_event_is_dropped(receiver: Receiver) -> None:
    receiver.script = [500, 500, 500, 500, 500]
    sender = events.EventSender(receiver.url, v.PRIMARY_SECRET, sleep=lambda seconds: None)
    delivery = sender.send(events.make_event("family.created", {"family": {"code": "f"}}))
    assert delivery.outcome == "dropped" and len(delivery.attempts) == 4
    assert receiver.received == []


def test_a_stalled_endpoint_times_out_and_is_retried(receiver: Receiver) -> None:
    receiver.script = [0.5]
    sender = events.EventSender(
        receiver.url, v.PRIMARY_SECRET, timeout=0.1, sleep=lambda seconds: None
    )
    delivery = sender.send(events.make_event("family.created", {"family": {"code": "f"}}))
    assert delivery.delivered
    assert delivery.attempts[0].status_code is None
    assert delivery.attempts[0].error == "ReadTimeout"


@pytest.mark.parametrize("status", [404, 301, 307])
def test_404_and_redirects_suspend_at_once(receiver: Receiver, status: int) -> None:
    receiver.script = [status]
    sender = events.EventSender(receiver.url, v.PRIMARY_SECRET, sleep=lambda seconds: None)
    delivery = sender.send(events.make_event("family.created", {"family": {"code": "f"}}))
    assert delivery.outcome == "suspended" and len(delivery.attempts) == 1


def test_the_endpoint_refuses_a_sender_with_the_wrong_secret(receiver: Receiver) -> None:
    sender = events.EventSender(receiver.url, "not-the-secret", sleep=lambda seconds: None)
    delivery = sender.send(events.make_event("family.created", {"family": {"code": "f"}}))
    assert delivery.outcome == "dropped" and delivery.attempts[0].status_code == 401
    assert "match(es) the body under none" in receiver.refused[0]


def test_async_deliveries_with_rotation_and_duplicates(receiver: Receiver) -> None:
    receiver.secrets = ["rotated-new-secret", v.SECONDARY_SECRET]
    waits: list[float] = []

    async def no_wait(seconds: float) -> None:
        waits.append(seconds)

    async def deliver() -> list[events.Delivery]:
        async with events.AsyncEventSender(
            receiver.url, "old-primary-secret", v.SECONDARY_SECRET, sleep=no_wait
        ) as sender:
            body = events.make_event("category.updated", {"category": {"code": "c"}})
            # at least once: the same event twice, and a retried one
            receiver.script = [502]
            return list(await asyncio.gather(sender.send(body), sender.send(body)))

    deliveries = asyncio.run(deliver())
    assert all(d.delivered for d in deliveries)
    assert len(receiver.received) == 1 and receiver.duplicates == 1
    assert waits == [300.0] and not receiver.refused
