# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""The `data` part of Event Platform events (event-platform.md §6.1, §6.2): the entity keys and
the author. Lenient like every model here: unknown fields are kept (`model_extra`), and every key
the documentation marks optional or shows only sometimes is optional."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from ._models import AkeneoModel

__all__ = [
    "AppEventData",
    "AssetEventData",
    "AttributeEventData",
    "AttributeGroupEventData",
    "AttributeOptionEventData",
    "CategoryEventData",
    "CompletenessEventData",
    "ConnectionEventData",
    "EventAddedRemoved",
    "EventApp",
    "EventAsset",
    "EventAuthor",
    "EventChange",
    "EventCode",
    "EventCompleteness",
    "EventData",
    "EventJob",
    "EventLocaleScope",
    "EventOption",
    "EventProduct",
    "EventProductChanges",
    "EventProductDelta",
    "EventProductModel",
    "EventProductModelDelta",
    "EventRecord",
    "EventTask",
    "EventUuid",
    "EventValueChange",
    "FamilyEventData",
    "JobEventData",
    "ProductDeltaEventData",
    "ProductEventData",
    "ProductModelDeltaEventData",
    "ProductModelEventData",
    "RecordEventData",
    "WorkflowTaskEventData",
]


class EventAuthor(AkeneoModel):
    """Who made the change. For API changes `identifier` is the client id of the Connection or
    App: compare it with yours to drop the events your own calls caused."""

    identifier: str | None = None
    type: str | None = None  # user, api, job, system, unknown-user-type (kept open)


class EventData(AkeneoModel):
    """`data` of any event; the typed events below add their entity. Completeness events carry
    no author."""

    author: EventAuthor | None = None


class EventCode(AkeneoModel):
    code: str


class EventUuid(AkeneoModel):
    uuid: str


# ------------------------------------------------------------------------------------ products
class EventProduct(AkeneoModel):
    """`identifier` is sent only when the subscription has `send_product_identifier: true`."""

    uuid: str
    identifier: str | None = None


class EventChange(AkeneoModel):
    previous: Any = None
    new: Any = None


class EventAddedRemoved(AkeneoModel):
    added: list[Any] = Field(default_factory=list)
    removed: list[Any] = Field(default_factory=list)


class EventValueChange(AkeneoModel):
    """One changed value: `previous` is None for an added value, `new` None for a removed one.
    Their shapes differ from the REST API's `data` (event-platform.md §6.2), so they stay Any."""

    previous: Any = None
    new: Any = None
    type: str | None = None
    locale: str | None = None
    scope: str | None = None


class EventProductChanges(AkeneoModel):
    """Only the parts that changed are present (product and product-model deltas)."""

    enabled: EventChange | None = None
    family: EventChange | None = None
    parent: EventChange | None = None
    categories: EventAddedRemoved | None = None
    groups: EventAddedRemoved | None = None
    associations: dict[str, Any] | None = None
    quantified_associations: dict[str, Any] | None = None
    values: dict[str, list[EventValueChange]] | None = None
    table_attributes: EventAddedRemoved | None = None


class EventProductDelta(EventProduct):
    # a PHP-style {"date": "2024-10-14 13:01:21.000000", "timezone": "UTC"}, not an ISO string
    updated_at: Any = None
    changes: EventProductChanges = Field(default_factory=EventProductChanges)


class EventLocaleScope(AkeneoModel):
    locale: str | None = None
    scope: str | None = None


class EventCompleteness(EventProduct):
    complete_on: list[EventLocaleScope] | None = None
    incomplete_on: list[EventLocaleScope] | None = None


class EventProductModel(AkeneoModel):
    code: str


class EventProductModelDelta(EventProductModel):
    updated_at: Any = None
    changes: EventProductChanges = Field(default_factory=EventProductChanges)


class ProductEventData(EventData):
    product: EventProduct


class ProductDeltaEventData(EventData):
    product: EventProductDelta


class CompletenessEventData(EventData):
    product: EventCompleteness


class ProductModelEventData(EventData):
    product_model: EventProductModel


class ProductModelDeltaEventData(EventData):
    product_model: EventProductModelDelta


# ----------------------------------------------------------------------- catalog and assets
class EventAsset(AkeneoModel):
    code: str
    asset_family: EventCode | None = None


class EventOption(AkeneoModel):
    code: str
    attribute: EventCode | None = None


class EventRecord(AkeneoModel):
    code: str
    reference_entity: EventCode | None = None


class AssetEventData(EventData):
    asset: EventAsset


class AttributeEventData(EventData):
    attribute: EventCode


class AttributeGroupEventData(EventData):
    attribute_group: EventCode


class AttributeOptionEventData(EventData):
    attribute_option: EventOption


class CategoryEventData(EventData):
    category: EventCode


class FamilyEventData(EventData):
    family: EventCode


class RecordEventData(EventData):
    reference_entity_record: EventRecord


# ------------------------------------------------------------------ jobs, workflows, apps
class EventJob(AkeneoModel):
    """A job execution's status. Imports add the `total_rows_*` and `total_warnings` counts; mass
    edits report `read` instead of `total_rows`. Only `starting` is a documented status."""

    execution_id: int | None = None
    code: str | None = None
    name: str | None = None
    label: str | None = None
    status: str | None = None
    start_time: datetime | None = None
    end_time: datetime | None = None
    total_rows: int | None = None
    total_rows_processed: int | None = None
    total_rows_skipped: int | None = None
    total_warnings: int | None = None
    read: int | None = None


class JobEventData(EventData):
    job: EventJob


class EventTask(AkeneoModel):
    uuid: str
    rejected: bool | None = None


class WorkflowTaskEventData(EventData):
    """The task's product (`product`) or product model (`product_model`): one of the two."""

    task: EventTask
    workflow: EventUuid | None = None
    step: EventUuid | None = None
    product: EventUuid | None = None
    product_model: EventCode | None = None


class EventApp(AkeneoModel):
    client_id: str


class AppEventData(EventData):
    app: EventApp


class ConnectionEventData(EventData):
    connection: EventApp
