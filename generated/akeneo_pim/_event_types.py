# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""CloudEvents 1.0 envelope of Event Platform events, and one model per documented event type
(the 37 types of Akeneo's list of 2025-08-12, event-platform.md §6.1). An event type added later
is read as a plain `Event`, its `data` kept as it came."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import Field

from ._event_data import (
    AppEventData,
    AssetEventData,
    AttributeEventData,
    AttributeGroupEventData,
    AttributeOptionEventData,
    CategoryEventData,
    CompletenessEventData,
    ConnectionEventData,
    EventData,
    FamilyEventData,
    JobEventData,
    ProductDeltaEventData,
    ProductEventData,
    ProductModelDeltaEventData,
    ProductModelEventData,
    RecordEventData,
    WorkflowTaskEventData,
)
from ._models import AkeneoModel

__all__ = [
    "EVENT_CLASSES",
    "TYPE_PREFIX",
    "AppDeletedEvent",
    "AssetCreatedEvent",
    "AssetDeletedEvent",
    "AssetUpdatedEvent",
    "AttributeCreatedEvent",
    "AttributeDeletedEvent",
    "AttributeGroupCreatedEvent",
    "AttributeGroupDeletedEvent",
    "AttributeGroupUpdatedEvent",
    "AttributeOptionCreatedEvent",
    "AttributeOptionDeletedEvent",
    "AttributeOptionUpdatedEvent",
    "AttributeUpdatedEvent",
    "CategoryCreatedEvent",
    "CategoryDeletedEvent",
    "CategoryUpdatedEvent",
    "ConnectionDeletedEvent",
    "Event",
    "FamilyCreatedEvent",
    "FamilyDeletedEvent",
    "FamilyUpdatedEvent",
    "JobExportStatusChangedEvent",
    "JobImportStatusChangedEvent",
    "JobMassEditStatusChangedEvent",
    "ProductBecameCompleteEvent",
    "ProductBecameIncompleteEvent",
    "ProductCreatedEvent",
    "ProductDeletedEvent",
    "ProductModelCreatedEvent",
    "ProductModelDeletedEvent",
    "ProductModelUpdatedDeltaEvent",
    "ProductModelUpdatedEvent",
    "ProductUpdatedDeltaEvent",
    "ProductUpdatedEvent",
    "RecordCreatedEvent",
    "RecordDeletedEvent",
    "RecordUpdatedEvent",
    "WorkflowTaskCreatedEvent",
]

TYPE_PREFIX = "com.akeneo.pim.v1."


class Event(AkeneoModel):
    """One event as delivered (structured mode: metadata and `data` in one JSON object).

    `id` is unique per event: de-duplicate on it, since delivery is at least once. `time` is when
    the change happened: order on it, since delivery order is not guaranteed. `subject` is the id
    of the subscription that delivered it. `source` is `akeneo-event-platform` today (`pim` in
    older examples); both are accepted, as is any other value.
    """

    EVENT_TYPE: ClassVar[str | None] = None  # the `type` a subclass stands for

    specversion: str
    id: str
    type: str
    source: str | None = None
    subject: str | None = None
    datacontenttype: str | None = None
    dataschema: str | None = None
    time: datetime | None = None
    data: EventData = Field(default_factory=EventData)

    def caused_by(self, client_id: str) -> bool:
        """Whether the change was made through the API by `client_id` (your own Connection or
        App): the platform delivers the events your own calls cause, so drop them to avoid
        loops."""
        author = self.data.author
        return author is not None and author.type == "api" and author.identifier == client_id


class ProductCreatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "product.created"
    data: ProductEventData


class ProductUpdatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "product.updated"
    data: ProductEventData


class ProductDeletedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "product.deleted"
    data: ProductEventData


class ProductUpdatedDeltaEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "product.updated.delta"
    data: ProductDeltaEventData


class ProductBecameCompleteEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "product.became-complete"
    data: CompletenessEventData


class ProductBecameIncompleteEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "product.became-incomplete"
    data: CompletenessEventData


class ProductModelCreatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "product-model.created"
    data: ProductModelEventData


class ProductModelUpdatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "product-model.updated"
    data: ProductModelEventData


class ProductModelDeletedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "product-model.deleted"
    data: ProductModelEventData


class ProductModelUpdatedDeltaEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "product-model.updated.delta"
    data: ProductModelDeltaEventData


class AssetCreatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "asset.created"
    data: AssetEventData


class AssetUpdatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "asset.updated"
    data: AssetEventData


class AssetDeletedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "asset.deleted"
    data: AssetEventData


class AttributeCreatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "attribute.created"
    data: AttributeEventData


class AttributeUpdatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "attribute.updated"
    data: AttributeEventData


class AttributeDeletedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "attribute.deleted"
    data: AttributeEventData


class AttributeGroupCreatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "attribute-group.created"
    data: AttributeGroupEventData


class AttributeGroupUpdatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "attribute-group.updated"
    data: AttributeGroupEventData


class AttributeGroupDeletedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "attribute-group.deleted"
    data: AttributeGroupEventData


class AttributeOptionCreatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "attribute-option.created"
    data: AttributeOptionEventData


class AttributeOptionUpdatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "attribute-option.updated"
    data: AttributeOptionEventData


class AttributeOptionDeletedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "attribute-option.deleted"
    data: AttributeOptionEventData


class CategoryCreatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "category.created"
    data: CategoryEventData


class CategoryUpdatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "category.updated"
    data: CategoryEventData


class CategoryDeletedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "category.deleted"
    data: CategoryEventData


class FamilyCreatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "family.created"
    data: FamilyEventData


class FamilyUpdatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "family.updated"
    data: FamilyEventData


class FamilyDeletedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "family.deleted"
    data: FamilyEventData


class RecordCreatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "reference-entity-record.created"
    data: RecordEventData


class RecordUpdatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "reference-entity-record.updated"
    data: RecordEventData


class RecordDeletedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "reference-entity-record.deleted"
    data: RecordEventData


class JobExportStatusChangedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "job.export.status-changed"
    data: JobEventData


class JobImportStatusChangedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "job.import.status-changed"
    data: JobEventData


class JobMassEditStatusChangedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "job.mass-edit.status-changed"
    data: JobEventData


class WorkflowTaskCreatedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "workflow.task.created"
    data: WorkflowTaskEventData


class AppDeletedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "app.deleted"
    data: AppEventData


class ConnectionDeletedEvent(Event):
    EVENT_TYPE = TYPE_PREFIX + "connection.deleted"
    data: ConnectionEventData


EVENT_CLASSES: dict[str, type[Event]] = {
    cls.EVENT_TYPE: cls
    for cls in (
        ProductCreatedEvent,
        ProductUpdatedEvent,
        ProductDeletedEvent,
        ProductUpdatedDeltaEvent,
        ProductBecameCompleteEvent,
        ProductBecameIncompleteEvent,
        ProductModelCreatedEvent,
        ProductModelUpdatedEvent,
        ProductModelDeletedEvent,
        ProductModelUpdatedDeltaEvent,
        AssetCreatedEvent,
        AssetUpdatedEvent,
        AssetDeletedEvent,
        AttributeCreatedEvent,
        AttributeUpdatedEvent,
        AttributeDeletedEvent,
        AttributeGroupCreatedEvent,
        AttributeGroupUpdatedEvent,
        AttributeGroupDeletedEvent,
        AttributeOptionCreatedEvent,
        AttributeOptionUpdatedEvent,
        AttributeOptionDeletedEvent,
        CategoryCreatedEvent,
        CategoryUpdatedEvent,
        CategoryDeletedEvent,
        FamilyCreatedEvent,
        FamilyUpdatedEvent,
        FamilyDeletedEvent,
        RecordCreatedEvent,
        RecordUpdatedEvent,
        RecordDeletedEvent,
        JobExportStatusChangedEvent,
        JobImportStatusChangedEvent,
        JobMassEditStatusChangedEvent,
        WorkflowTaskCreatedEvent,
        AppDeletedEvent,
        ConnectionDeletedEvent,
    )
    if cls.EVENT_TYPE is not None
}
