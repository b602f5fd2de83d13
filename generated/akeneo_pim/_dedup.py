# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""De-duplication of event deliveries: the Event Platform delivers at least once and in no
guaranteed order, so the same event `id` can arrive twice. Public through `akeneo_pim.events`."""

from __future__ import annotations

import threading
from collections import OrderedDict

__all__ = ["DEFAULT_MAX_IDS", "EventDeduplicator"]

DEFAULT_MAX_IDS = 10_000


class EventDeduplicator:
    """Remembers the last `max_ids` event ids seen, in memory; the oldest is forgotten first.

    `first_time(event_id)` records the id and says whether it is new. Safe to share between
    threads. Memory is bounded, so an id older than the last `max_ids` counts as new again: size
    it above the number of events a retry can lag behind (the platform retries for up to 35 min).
    One process only: several workers need a shared store (a database unique key) instead.
    """

    def __init__(self, max_ids: int = DEFAULT_MAX_IDS) -> None:
        if isinstance(max_ids, bool) or not isinstance(max_ids, int) or max_ids < 1:
            raise ValueError(f"max_ids must be a positive int, got {max_ids!r}")
        self._max_ids = max_ids
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def max_ids(self) -> int:
        return self._max_ids

    def first_time(self, event_id: str) -> bool:
        """True the first time `event_id` is seen (and record it), False for a duplicate."""
        if not isinstance(event_id, str) or not event_id:
            raise ValueError(f"an event id must be a non-empty str, got {event_id!r}")
        with self._lock:
            if event_id in self._seen:
                self._seen.move_to_end(event_id)
                return False
            self._seen[event_id] = None
            if len(self._seen) > self._max_ids:
                self._seen.popitem(last=False)
            return True

    def forget(self, event_id: str) -> None:
        """Drop `event_id`, so that a redelivery is processed: call it when handling failed."""
        with self._lock:
            self._seen.pop(event_id, None)

    def __contains__(self, event_id: object) -> bool:
        with self._lock:
            return event_id in self._seen

    def __len__(self) -> int:
        with self._lock:
            return len(self._seen)
