"""EventDeduplicator: at-least-once delivery made idempotent, with a bounded memory."""

from __future__ import annotations

import threading
from typing import Any, cast

import pytest
from akeneo_runtime_under_test.events import EventDeduplicator


def test_an_id_is_new_once_then_a_duplicate() -> None:
    seen = EventDeduplicator()
    assert seen.first_time("018e197c-dfe2-70f8-9346-1a8e016f5fbb")
    assert not seen.first_time("018e197c-dfe2-70f8-9346-1a8e016f5fbb")
    assert seen.first_time("018e197c-dfe2-70f8-9346-1a8e016f5fbc")
    assert len(seen) == 2 and "018e197c-dfe2-70f8-9346-1a8e016f5fbb" in seen


def test_memory_is_bounded_and_the_least_recently_seen_id_goes_first() -> None:
    seen = EventDeduplicator(max_ids=3)
    for event_id in ("a", "b", "c"):
        seen.first_time(event_id)
    assert not seen.first_time("a")  # seen again: now the most recent
    assert seen.first_time("d")  # evicts "b", the least recent
    assert len(seen) == 3
    assert "b" not in seen and "a" in seen
    assert seen.first_time("b")  # forgotten, so new again


def test_forget_lets_a_redelivery_through_after_a_failed_handling() -> None:
    seen = EventDeduplicator()
    assert seen.first_time("e1")
    seen.forget("e1")
    seen.forget("never-seen")  # no error
    assert seen.first_time("e1")


def test_threads_sharing_one_deduplicator_see_each_id_once() -> None:
    seen = EventDeduplicator(max_ids=100_000)
    firsts: list[str] = []
    lock = threading.Lock()

    def deliver() -> None:
        for number in range(2_000):
            if seen.first_time(f"id-{number}"):
                with lock:
                    firsts.append(f"id-{number}")

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(firsts) == sorted(f"id-{n}" for n in range(2_000))


@pytest.mark.parametrize("bad", [0, -1, True, 2.5])
def test_a_bad_size_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="max_ids must be a positive int"):
        EventDeduplicator(max_ids=cast(Any, bad))


@pytest.mark.parametrize("bad", ["", None, 12])
def test_a_bad_id_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="non-empty str"):
        EventDeduplicator().first_time(cast(Any, bad))
