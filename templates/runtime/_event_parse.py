# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Reading delivered bodies into typed events (`parse_event`, `parse_events`) and notification
webhooks (`parse_notification`). Public through `akeneo_pim.events`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, Field, ValidationError

from ._errors import AkeneoError
from ._event_types import EVENT_CLASSES, Event
from ._models import AkeneoModel

__all__ = [
    "EventParseError",
    "SubscriptionNotification",
    "event_class",
    "parse_event",
    "parse_events",
    "parse_notification",
]

M = TypeVar("M", bound=BaseModel)


class EventParseError(AkeneoError, ValueError):
    """A delivered body is no JSON, or not the shape of an event; the message says where."""


class SubscriptionNotification(AkeneoModel):
    """A notification webhook: a subscription became suspended, revoked or resumed.

    `notification_type` is one of `subscription.suspended.system`, `subscription.suspended.user`,
    `subscription.revoked`, `subscription.resumed` (kept open: a new one is not an error)."""

    notification_type: str
    timestamp: datetime | None = None
    subscription_id: str | None = None
    subscriber_id: str | None = None
    destination: str | None = None
    events: list[str] = Field(default_factory=list)
    reason: str | None = None
    subject: str | None = None


def event_class(event_type: str) -> type[Event]:
    """The model of one event type; `Event` itself for a type this client does not know."""
    return EVENT_CLASSES.get(event_type, Event)


def parse_event(body: bytes | str) -> Event:
    """One delivered event as the model of its `type` (`ProductUpdatedEvent`, ...), or as a plain
    `Event` for a type this client does not know yet. Unknown fields are kept."""
    return _event(_json(body), "body")


def parse_events(body: bytes | str) -> list[Event]:
    """A batch: a JSON array of events (a single event object gives a list of one)."""
    decoded = _json(body)
    if isinstance(decoded, Mapping):
        return [_event(decoded, "body")]
    if not isinstance(decoded, list):
        raise EventParseError(f"body: expected a JSON array of events, got {_kind(decoded)}")
    return [_event(item, f"body[{index}]") for index, item in enumerate(decoded)]


def parse_notification(body: bytes | str) -> SubscriptionNotification:
    """A notification webhook's body (check its signature first with `verify_signature`)."""
    return _validate(SubscriptionNotification, _json(body), "body")


def _json(body: bytes | str) -> object:
    if not isinstance(body, bytes | bytearray | str):
        raise TypeError(f"body must be bytes or str, got {type(body).__name__}")
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise EventParseError(f"body is no JSON: {error}") from None


def _event(decoded: object, where: str) -> Event:
    if not isinstance(decoded, Mapping):
        raise EventParseError(f"{where}: expected a JSON object (an event), got {_kind(decoded)}")
    event_type = decoded.get("type")
    if not isinstance(event_type, str):
        raise EventParseError(f"{where}.type: expected the event type as a string")
    return _validate(event_class(event_type), decoded, where)


def _validate(model: type[M], decoded: object, where: str) -> M:
    try:
        return model.model_validate(decoded)
    except ValidationError as error:
        problems = "; ".join(
            f"{where}.{'.'.join(str(part) for part in item['loc'])}: {item['msg']}"
            for item in error.errors()
        )
        raise EventParseError(f"{model.__name__}: {problems}") from None


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__
