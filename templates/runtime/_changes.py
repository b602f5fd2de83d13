# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Incremental sync: what changed since a stored checkpoint, and the checkpoint to store next.

`changes(akeneo.products_uuid, since=checkpoint)` (sync) and `achanges(...)` (async) list the
items whose `updated` date is after the checkpoint, less an overlap window, and hand back a new
checkpoint once the listing is complete. The checkpoint logic here does no I/O.

Why the overlap: the new checkpoint is the time the run *started* (the client's clock), so an
update made during the run is listed again next time; the overlap also covers a client clock
ahead of the server's and the search index catching up late. Items listed twice because of the
overlap (same key and same `updated`) are left out: the checkpoint remembers the ones it saw
inside the window.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, Generic, Literal, Protocol, TypeVar

from ._errors import AkeneoError, ConfigurationError
from ._pagination_async import AsyncPaginator
from ._pagination_sync import SyncPaginator

__all__ = [
    "AsyncChanges",
    "Checkpoint",
    "CheckpointError",
    "SyncChanges",
    "achanges",
    "change_search",
    "changes",
]

T = TypeVar("T")

DEFAULT_OVERLAP = timedelta(minutes=5)
LinkedType = Literal["asset", "reference_entity_record"]

# How each list that filters on `updated` writes the date (facts.md §6, "Product properties" and
# "Other entities"): the product lists take "YYYY-MM-DD hh:mm:ss" in the server's time zone, the
# others ISO 8601 (written here in UTC, so the server's zone does not matter).
_PRODUCT_STYLE = "server_local"
_ISO_STYLE = "iso"
_DATE_STYLES: dict[str, str] = {
    "ProductsUuidResource": _PRODUCT_STYLE,
    "ProductsResource": _PRODUCT_STYLE,
    "ProductModelsResource": _PRODUCT_STYLE,
    "PublishedProductsResource": _PRODUCT_STYLE,
    "AttributesResource": _ISO_STYLE,
    "AttributeGroupsResource": _ISO_STYLE,
    "FamiliesResource": _ISO_STYLE,
    "CategoriesResource": _ISO_STYLE,
    "ReferenceEntityRecordsResource": _ISO_STYLE,
    "AssetsResource": _ISO_STYLE,
}
# `updated_including_linked_entities` exists for products and product models only (SaaS, EE).
_LINKED_ENTITIES = {"ProductsUuidResource", "ProductsResource", "ProductModelsResource"}
_KEY_FIELDS = ("uuid", "identifier", "code")


class CheckpointError(AkeneoError, ValueError):
    """A checkpoint string that cannot be read, or a checkpoint asked for too early."""


@dataclass(frozen=True)
class Checkpoint:
    """Where the last complete run started (aware datetime) and the items it saw in the overlap.

    Store `to_str()` after a run and pass it back (or `Checkpoint.from_str`) as `since` next time.
    """

    since: datetime
    seen: frozenset[tuple[str, str]] = field(default_factory=frozenset)  # (key, updated in UTC)

    def __post_init__(self) -> None:
        if self.since.tzinfo is None or self.since.utcoffset() is None:
            raise CheckpointError(
                f"Checkpoint.since must be an aware datetime (with a time zone), got {self.since!r}"
            )

    def to_str(self) -> str:
        return json.dumps(
            {
                "v": 1,
                "since": _utc_iso(self.since),
                "seen": sorted([key, updated] for key, updated in self.seen),
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_str(cls, text: str) -> Checkpoint:
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("v") != 1:
                raise ValueError("not a version-1 checkpoint object")
            since = _parse_date(str(data["since"]), timezone.utc)
            seen = frozenset((str(key), str(updated)) for key, updated in data["seen"])
        except (ValueError, KeyError, TypeError) as exc:
            raise CheckpointError(f"Cannot read checkpoint {text[:80]!r}: {exc}") from exc
        return cls(since=since, seen=seen)


def change_search(
    since: Checkpoint | None,
    *,
    style: str,
    overlap: timedelta = DEFAULT_OVERLAP,
    server_timezone: tzinfo = timezone.utc,
    linked_entities: bool | Sequence[LinkedType] = False,
    search: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The `search` filter of a change listing: the caller's filters plus the `updated` bound."""
    merged: dict[str, Any] = {name: list(conditions) for name, conditions in (search or {}).items()}
    if since is None:
        return merged
    bound = since.since - overlap
    if style == _PRODUCT_STYLE:
        value = bound.astimezone(server_timezone).strftime("%Y-%m-%d %H:%M:%S")
    else:
        value = bound.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    name = "updated_including_linked_entities" if linked_entities else "updated"
    merged.setdefault(name, []).append({"operator": ">", "value": value})
    if linked_entities and not isinstance(linked_entities, bool):
        types = list(linked_entities)
        merged.setdefault("updated_including_linked_type", []).append(
            {"operator": "IN", "value": types}
        )
    return merged


class ChangeTracker:
    """Leaves out items already seen in the overlap and builds the next checkpoint (no I/O)."""

    def __init__(
        self,
        since: Checkpoint | None,
        *,
        started: datetime,
        overlap: timedelta,
        server_timezone: tzinfo,
    ) -> None:
        self._previous = since.seen if since is not None else frozenset()
        self._started = started
        self._window_start = started - overlap
        self._zone = server_timezone
        self._seen: set[tuple[str, str]] = set()
        self.skipped = 0

    def accept(self, item: object) -> bool:
        key = _key_of(item)
        updated = _updated_of(item, self._zone)
        if key is None or updated is None:
            return True
        mark = (key, _utc_iso(updated))
        repeated = mark in self._previous or mark in self._seen
        # Only what the next run will list again is remembered, a repeat left out here included
        # (the run after would list it again too): memory stays bounded by the changes inside
        # the overlap, not by the size of the catalog.
        if updated > self._window_start:
            self._seen.add(mark)
        if repeated:
            self.skipped += 1
        return not repeated

    def checkpoint(self) -> Checkpoint:
        return Checkpoint(since=self._started, seen=frozenset(self._seen))


class _ChangesBase:
    def __init__(self, tracker: ChangeTracker, paginator: SyncPaginator[Any] | AsyncPaginator[Any]):
        self._tracker = tracker
        self._paginator = paginator

    @property
    def skipped(self) -> int:
        """Items left out because the previous run (or this one) already delivered them."""
        return self._tracker.skipped

    @property
    def checkpoint(self) -> Checkpoint:
        """The checkpoint to store, once every change was iterated (else `CheckpointError`)."""
        if not self._paginator.exhausted:
            raise CheckpointError(
                "The change listing was not iterated to its end: storing its checkpoint would "
                "skip the changes not yet delivered. Iterate it fully first."
            )
        return self._tracker.checkpoint()


class SyncChanges(_ChangesBase, Generic[T]):
    """Iterate once for the changed items; then read `checkpoint`."""

    def __init__(self, tracker: ChangeTracker, paginator: SyncPaginator[T]) -> None:
        super().__init__(tracker, paginator)
        self._items = paginator

    def __iter__(self) -> Iterator[T]:
        for item in self._items:
            if self._tracker.accept(item):
                yield item


class AsyncChanges(_ChangesBase, Generic[T]):
    """Iterate once (`async for`) for the changed items; then read `checkpoint`."""

    def __init__(self, tracker: ChangeTracker, paginator: AsyncPaginator[T]) -> None:
        super().__init__(tracker, paginator)
        self._items = paginator

    async def __aiter__(self) -> AsyncIterator[T]:
        async for item in self._items:
            if self._tracker.accept(item):
                yield item


class SyncChangeLister(Protocol[T]):
    def list(self, *args: Any, **kwargs: Any) -> SyncPaginator[T]: ...  # pragma: no cover


class AsyncChangeLister(Protocol[T]):
    def list(self, *args: Any, **kwargs: Any) -> AsyncPaginator[T]: ...  # pragma: no cover


def changes(
    resource: SyncChangeLister[T],
    since: Checkpoint | str | None,
    *,
    overlap: timedelta = DEFAULT_OVERLAP,
    timezone: str | tzinfo = "UTC",
    linked_entities: bool | Sequence[LinkedType] = False,
    search: Mapping[str, Any] | None = None,
    now: Callable[[], datetime] | None = None,
    **list_args: Any,
) -> SyncChanges[T]:
    """Items of `resource.list()` changed since `since` (None: everything, a first full sync).

    `timezone`: the server's time zone, for the product lists that take local dates ("UTC" on
    SaaS; an on-premise server's own, e.g. "Europe/Paris"). `overlap`: how far before the
    checkpoint to look again. `linked_entities=True` (or a list of "asset",
    "reference_entity_record") filters on `updated_including_linked_entities` (SaaS, products
    and product models). `search` adds filters; `list_args` go to `list()` as they are.
    """
    tracker, query = _plan(resource, since, overlap, timezone, linked_entities, search, now)
    return SyncChanges(tracker, resource.list(search=query, **list_args))


def achanges(
    resource: AsyncChangeLister[T],
    since: Checkpoint | str | None,
    *,
    overlap: timedelta = DEFAULT_OVERLAP,
    timezone: str | tzinfo = "UTC",
    linked_entities: bool | Sequence[LinkedType] = False,
    search: Mapping[str, Any] | None = None,
    now: Callable[[], datetime] | None = None,
    **list_args: Any,
) -> AsyncChanges[T]:
    """The async `changes()`: same arguments, iterate with `async for`."""
    tracker, query = _plan(resource, since, overlap, timezone, linked_entities, search, now)
    return AsyncChanges(tracker, resource.list(search=query, **list_args))


def _plan(
    resource: object,
    since: Checkpoint | str | None,
    overlap: timedelta,
    zone: str | tzinfo,
    linked_entities: bool | Sequence[LinkedType],
    search: Mapping[str, Any] | None,
    now: Callable[[], datetime] | None,
) -> tuple[ChangeTracker, dict[str, Any] | None]:
    name = type(resource).__name__.removeprefix("Async")
    style = _DATE_STYLES.get(name)
    if style is None:
        raise ConfigurationError(
            f"changes(): {type(resource).__name__} cannot filter on `updated`; lists that can: "
            + ", ".join(sorted(_DATE_STYLES))
        )
    if linked_entities and name not in _LINKED_ENTITIES:
        raise ConfigurationError(
            f"changes(): linked_entities is only for products and product models, not {name}"
        )
    if overlap < timedelta(0):
        raise ConfigurationError(f"changes(): overlap must not be negative, got {overlap}")
    checkpoint = Checkpoint.from_str(since) if isinstance(since, str) else since
    server_timezone = _zone(zone)
    started = (now or _utc_now)()
    if started.tzinfo is None:
        raise ConfigurationError("changes(): now() must return an aware datetime")
    tracker = ChangeTracker(
        checkpoint, started=started, overlap=overlap, server_timezone=server_timezone
    )
    query = change_search(
        checkpoint,
        style=style,
        overlap=overlap,
        server_timezone=server_timezone,
        linked_entities=linked_entities,
        search=search,
    )
    return tracker, query or None  # no filter at all: a full first sync


def _zone(zone: str | tzinfo) -> tzinfo:
    if not isinstance(zone, str):
        return zone
    if zone.upper() == "UTC":
        return timezone.utc
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigurationError(
            f"changes(): unknown time zone {zone!r} (an IANA name such as 'Europe/Paris'; "
            "on Windows install the tzdata package)"
        ) from exc


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _utc_iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat()


def _parse_date(text: str, zone: tzinfo) -> datetime:
    # fromisoformat before 3.11 does not read a trailing Z; a date without offset is the server's.
    parsed = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)


def _key_of(item: object) -> str | None:
    for name in _KEY_FIELDS:
        value = getattr(item, name, None)
        if isinstance(value, str) and value:
            return value
    return None


def _updated_of(item: object, zone: tzinfo) -> datetime | None:
    value = getattr(item, "updated", None)
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    if isinstance(value, str) and value:
        try:
            return _parse_date(value, zone)
        except ValueError:
            return None
    return None
