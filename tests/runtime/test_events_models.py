"""Typed events: every documented type reads into its own model with its entity keys; an unknown
type or field is kept, never an error; a body that is no event fails saying where."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import pytest
from akeneo_runtime_under_test import events
from akeneo_runtime_under_test._errors import AkeneoError

from tests.runtime import event_vectors as v

AUTHOR = {"identifier": "julia", "type": "user"}
JOB = {
    "execution_id": 233,
    "code": "code",
    "name": "job_name",
    "label": "job label",
    "total_rows": 10,
    "start_time": "2024-06-13T10:17:00+00:00",
    "end_time": None,
    "status": "starting",
}
PRODUCT = {"product": {"uuid": "3444ec1b-058e-4208-9b6c-284f47a7aa17"}}
# The `data` of each documented type as event-platform.md §6.1 shows it, and what must be read.
CASES: list[tuple[str, str, dict[str, Any], str, object]] = [
    ("product.created", "ProductCreatedEvent", PRODUCT, "product.uuid", PRODUCT["product"]["uuid"]),
    ("product.updated", "ProductUpdatedEvent", PRODUCT, "product.uuid", PRODUCT["product"]["uuid"]),
    ("product.deleted", "ProductDeletedEvent", PRODUCT, "product.uuid", PRODUCT["product"]["uuid"]),
    (
        "product.updated.delta",
        "ProductUpdatedDeltaEvent",
        {
            "product": {
                "uuid": "u1",
                "updated_at": {"date": "2024-10-14 13:01:21.000000", "timezone": "UTC"},
                "changes": {"enabled": {"previous": False, "new": True}},
            }
        },
        "product.changes.enabled.new",
        True,
    ),
    (
        "product.became-complete",
        "ProductBecameCompleteEvent",
        {"product": {"uuid": "u2", "complete_on": [{"locale": "en_US", "scope": "ecommerce"}]}},
        "product.complete_on.0.scope",
        "ecommerce",
    ),
    (
        "product.became-incomplete",
        "ProductBecameIncompleteEvent",
        {"product": {"uuid": "u3", "incomplete_on": [{"locale": None, "scope": "mobile"}]}},
        "product.incomplete_on.0.scope",
        "mobile",
    ),
    (
        "product-model.created",
        "ProductModelCreatedEvent",
        {"product_model": {"code": "pm"}},
        "product_model.code",
        "pm",
    ),
    (
        "product-model.updated",
        "ProductModelUpdatedEvent",
        {"product_model": {"code": "pm"}},
        "product_model.code",
        "pm",
    ),
    (
        "product-model.deleted",
        "ProductModelDeletedEvent",
        {"product_model": {"code": "pm"}},
        "product_model.code",
        "pm",
    ),
    (
        "product-model.updated.delta",
        "ProductModelUpdatedDeltaEvent",
        {
            "product_model": {
                "code": "pm",
                "changes": {"categories": {"added": ["shoes"], "removed": []}},
            }
        },
        "product_model.changes.categories.added",
        ["shoes"],
    ),
    *[
        (
            f"asset.{action}",
            f"Asset{action.title()}Event",
            {"asset": {"code": "asset1", "asset_family": {"code": "family1"}}},
            "asset.asset_family.code",
            "family1",
        )
        for action in ("created", "updated", "deleted")
    ],
    *[
        (
            f"attribute.{a}",
            f"Attribute{a.title()}Event",
            {"attribute": {"code": "name"}},
            "attribute.code",
            "name",
        )
        for a in ("created", "updated", "deleted")
    ],
    *[
        (
            f"attribute-group.{a}",
            f"AttributeGroup{a.title()}Event",
            {"attribute_group": {"code": "marketing"}},
            "attribute_group.code",
            "marketing",
        )
        for a in ("created", "updated", "deleted")
    ],
    *[
        (
            f"attribute-option.{a}",
            f"AttributeOption{a.title()}Event",
            {
                "attribute_option": {
                    "code": "an_attribute_option_code",
                    "attribute": {"code": "an_attribute_code"},
                }
            },
            "attribute_option.attribute.code",
            "an_attribute_code",
        )
        for a in ("created", "updated", "deleted")
    ],
    *[
        (
            f"category.{a}",
            f"Category{a.title()}Event",
            {"category": {"code": "category-1"}},
            "category.code",
            "category-1",
        )
        for a in ("created", "updated", "deleted")
    ],
    *[
        (
            f"family.{a}",
            f"Family{a.title()}Event",
            {"family": {"code": "a_family_code"}},
            "family.code",
            "a_family_code",
        )
        for a in ("created", "updated", "deleted")
    ],
    *[
        (
            f"reference-entity-record.{a}",
            f"Record{a.title()}Event",
            {
                "reference_entity_record": {
                    "code": "Addadas",
                    "reference_entity": {"code": "brands"},
                }
            },
            "reference_entity_record.reference_entity.code",
            "brands",
        )
        for a in ("created", "updated", "deleted")
    ],
    (
        "job.export.status-changed",
        "JobExportStatusChangedEvent",
        {"job": JOB},
        "job.execution_id",
        233,
    ),
    (
        "job.import.status-changed",
        "JobImportStatusChangedEvent",
        {"job": {**JOB, "total_rows_processed": 8, "total_rows_skipped": 2, "total_warnings": 1}},
        "job.total_rows_skipped",
        2,
    ),
    (
        "job.mass-edit.status-changed",
        "JobMassEditStatusChangedEvent",
        {"job": {**{k: x for k, x in JOB.items() if k != "total_rows"}, "read": 4}},
        "job.read",
        4,
    ),
    (
        "workflow.task.created",
        "WorkflowTaskCreatedEvent",
        {
            "task": {"uuid": "t1", "rejected": False},
            "workflow": {"uuid": "w1"},
            "step": {"uuid": "s1"},
            "product_model": {"code": "pm"},
        },
        "product_model.code",
        "pm",
    ),
    ("app.deleted", "AppDeletedEvent", {"app": {"client_id": "app-1"}}, "app.client_id", "app-1"),
    (
        "connection.deleted",
        "ConnectionDeletedEvent",
        {"connection": {"client_id": "c-1"}},
        "connection.client_id",
        "c-1",
    ),
]


def envelope(event_type: str, data: dict[str, Any], **extra: object) -> dict[str, Any]:
    return {
        "specversion": "1.0",
        "id": f"id-{event_type}",
        "source": "akeneo-event-platform",
        "type": event_type,
        "subject": "0190fe8a-6213-76ce-8a9f-ba36a5ef555a",
        "datacontenttype": "application/json",
        "time": "2024-03-07T15:16:37Z",
        "data": data,
        **extra,
    }


def dig(model: Any, path: str) -> object:
    for part in path.split("."):
        model = model[int(part)] if part.isdigit() else getattr(model, part)
    return model


def test_the_cases_cover_the_37_documented_types() -> None:
    assert len(CASES) == len(events.EVENT_CLASSES) == 37
    assert {events.TYPE_PREFIX + case[0] for case in CASES} == set(events.EVENT_CLASSES)


@pytest.mark.parametrize(
    ("suffix", "class_name", "data", "path", "expected"), CASES, ids=[case[0] for case in CASES]
)
def test_each_documented_type_reads_into_its_model(
    suffix: str, class_name: str, data: dict[str, Any], path: str, expected: object
) -> None:
    body = json.dumps(envelope(events.TYPE_PREFIX + suffix, {**data, "author": AUTHOR}))
    event = events.parse_event(body.encode())
    assert type(event).__name__ == class_name
    assert type(event) is getattr(events, class_name)
    assert dig(event.data, path) == expected
    assert event.data.author is not None and event.data.author.identifier == "julia"
    assert event.time == datetime(2024, 3, 7, 15, 16, 37, tzinfo=timezone.utc)


def test_the_worked_example_reads_as_a_product_deleted_event() -> None:
    event = events.parse_event(v.PRODUCT_DELETED)
    assert isinstance(event, events.ProductDeletedEvent)
    assert event.id == "018e197c-dfe2-70f8-9346-1a8e016f5fbb"
    assert event.subject == "0190fe8a-6213-76ce-8a9f-ba36a5ef555a"
    assert event.data.product.uuid == "3444ec1b-058e-4208-9b6c-284f47a7aa17"
    assert event.data.product.identifier is None  # only with send_product_identifier
    assert event.caused_by("b238e9f7-fcec-45bd-9431-d43cd624b244")
    assert not event.caused_by("another-client")


def test_an_unknown_type_is_a_plain_event_keeping_its_data() -> None:
    body = envelope("com.akeneo.pim.v2.product.exploded", {"product": {"uuid": "u"}, "new": 1})
    event = events.parse_event(json.dumps(body))
    assert type(event) is events.Event
    assert event.type == "com.akeneo.pim.v2.product.exploded"
    assert event.data.to_dict() == {"product": {"uuid": "u"}, "new": 1}
    assert event.data.author is None and not event.caused_by("x")


def test_unknown_fields_and_the_older_source_are_kept() -> None:
    body = envelope(
        "com.akeneo.pim.v1.product.updated",
        {"product": {"uuid": "u", "identifier": "sku-1", "extra": [1]}, "author": AUTHOR},
        source="pim",
        traceparent="00-abc",
    )
    event = events.parse_event(json.dumps(body))
    assert isinstance(event, events.ProductUpdatedEvent)
    assert event.source == "pim"
    assert event.to_dict()["traceparent"] == "00-abc"
    assert event.data.product.identifier == "sku-1"
    assert event.data.product.to_dict()["extra"] == [1]


def test_a_delta_keeps_value_changes_typed_and_their_shapes_open() -> None:
    changes = {
        "values": {
            "weight": [
                {
                    "previous": None,
                    "new": {"data": "1.5", "unit": "KILOGRAM"},
                    "type": "pim_catalog_metric",
                    "locale": None,
                    "scope": None,
                }
            ],
            "name": [
                {
                    "previous": "Old",
                    "new": None,
                    "type": "pim_catalog_text",
                    "locale": "en_US",
                    "scope": None,
                }
            ],
        },
        "associations": {"X_SELL": {"added": {"products": ["p2"]}, "removed": {}}},
        "family": {"previous": None, "new": "shoes"},
    }
    body = envelope(
        "com.akeneo.pim.v1.product.updated.delta",
        {"product": {"uuid": "u", "changes": changes}, "author": AUTHOR},
    )
    event = events.parse_event(json.dumps(body))
    assert isinstance(event, events.ProductUpdatedDeltaEvent)
    product_changes = event.data.product.changes
    assert product_changes.values is not None
    weight = product_changes.values["weight"][0]
    assert weight.previous is None and weight.new == {"data": "1.5", "unit": "KILOGRAM"}
    assert product_changes.values["name"][0].locale == "en_US"
    assert product_changes.family is not None and product_changes.family.new == "shoes"
    assert product_changes.associations == changes["associations"]
    assert product_changes.enabled is None  # not changed, not sent


def test_parse_events_reads_a_batch_and_a_single_object() -> None:
    batch = [
        envelope("com.akeneo.pim.v1.family.created", {"family": {"code": "f"}}),
        envelope("com.akeneo.pim.v1.whatever.new", {}),
    ]
    parsed = events.parse_events(json.dumps(batch).encode())
    assert [type(e).__name__ for e in parsed] == ["FamilyCreatedEvent", "Event"]
    assert [type(e) for e in events.parse_events(v.PRODUCT_DELETED)] == [events.ProductDeletedEvent]
    assert events.parse_events(b"[]") == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "body is no JSON"),
        (b"\xff\xfe", "body is no JSON"),
        (b"[1]", "body: expected a JSON object"),
        (b'{"specversion":"1.0","id":"x"}', "body.type: expected the event type"),
        (
            json.dumps(envelope("com.akeneo.pim.v1.product.created", {"product": {}})).encode(),
            "ProductCreatedEvent: body.data.product.uuid: Field required",
        ),
        (json.dumps(envelope("x.y", {}, time="yesterday")).encode(), "Event: body.time"),
    ],
)
def test_a_body_that_is_no_event_fails_saying_where(body: bytes, message: str) -> None:
    with pytest.raises(events.EventParseError, match=message) as caught:
        events.parse_event(body)
    assert isinstance(caught.value, AkeneoError)


def test_a_bad_batch_item_is_named_by_its_index() -> None:
    batch = [envelope("com.akeneo.pim.v1.family.created", {"family": {"code": "f"}}), "oops"]
    with pytest.raises(events.EventParseError, match=r"body\[1\]: expected a JSON object"):
        events.parse_events(json.dumps(batch))
    with pytest.raises(events.EventParseError, match="expected a JSON array"):
        events.parse_events(b"3")


def test_the_notification_example_reads_as_a_subscription_notification() -> None:
    notification = events.parse_notification(v.NOTIFICATION)
    assert notification.notification_type == "subscription.suspended.system"
    assert notification.subscription_id == "018e1ec5-29da-78ad-aae6-92065b9ca2a6"
    assert notification.events == [
        "com.akeneo.pim.v1.product.created",
        "com.akeneo.pim.v1.product.updated",
    ]
    assert notification.reason == "Success rate dropped below 90%"
    assert notification.timestamp == datetime(2026, 4, 29, 12, 34, 56, tzinfo=timezone.utc)
