"""Incremental sync: `changes()` / `achanges()` against a server on 127.0.0.1.

Two nightly runs over a catalogue whose items change between and during the runs: an update made
during the first run, an update the server only shows late (inside the overlap window), and an
unchanged item the second run lists again because of the overlap (left out as a duplicate).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from akeneo_pim import (
    Akeneo,
    AsyncAkeneo,
    Checkpoint,
    CheckpointError,
    achanges,
    changes,
)
from akeneo_pim._errors import ConfigurationError

from tests.runtime.local_pim import PRODUCTS_PATH, LocalPIM, product, running, uuid_of

RUN_1 = datetime(2026, 3, 1, 10, 0, 0, tzinfo=timezone.utc)
RUN_2 = datetime(2026, 3, 2, 10, 0, 0, tzinfo=timezone.utc)
OLD = "2026-02-01T00:00:00+00:00"
IN_WINDOW = "2026-03-01T09:58:00+00:00"  # before RUN_1, inside its 5-minute overlap
LATE = 90  # number of the product the server only shows after run 1 (index lag)

# Runs a change listing and returns (uuids delivered, skipped, checkpoint string).
Runner = Callable[..., tuple[list[str], int, str]]


def catalogue() -> list[dict[str, Any]]:
    items = [product(i, OLD) for i in range(12)]
    items[5] = product(5, IN_WINDOW)
    return items


def run_sync(
    pim: LocalPIM, since: str | None, during: Callable[[], None] | None = None, **kwargs: Any
) -> tuple[list[str], int, str]:
    with Akeneo(**pim.settings()) as akeneo:
        listing = changes(akeneo.products_uuid, since, limit=5, **kwargs)
        uuids = []
        for item in listing:
            uuids.append(item.uuid)
            if during is not None and len(uuids) == 1:
                during()
        return uuids, listing.skipped, listing.checkpoint.to_str()


def run_async(
    pim: LocalPIM, since: str | None, during: Callable[[], None] | None = None, **kwargs: Any
) -> tuple[list[str], int, str]:
    async def main() -> tuple[list[str], int, str]:
        async with AsyncAkeneo(**pim.settings()) as akeneo:
            listing = achanges(akeneo.products_uuid, since, limit=5, **kwargs)
            uuids = []
            async for item in listing:
                uuids.append(item.uuid)
                if during is not None and len(uuids) == 1:
                    during()
            return uuids, listing.skipped, listing.checkpoint.to_str()

    return asyncio.run(main())


RUNNERS = [pytest.param(run_sync, id="sync"), pytest.param(run_async, id="async")]


def searches(pim: LocalPIM, since: int) -> list[dict[str, Any] | None]:
    found: list[dict[str, Any] | None] = []
    for _, path in pim.requests[since:]:
        parts = urlsplit(path)
        if parts.path == PRODUCTS_PATH:
            query = parse_qs(parts.query)
            found.append(json.loads(query["search"][0]) if "search" in query else None)
    return found


@pytest.fixture
def pim() -> Iterator[LocalPIM]:
    with running(LocalPIM(catalogue())) as server:
        yield server


@pytest.mark.parametrize("run", RUNNERS)
def test_two_nightly_runs_miss_nothing_and_repeat_nothing(pim: LocalPIM, run: Runner) -> None:
    def update_during_run() -> None:  # product 0 was already delivered when it changes
        pim.products[0] = product(0, "2026-03-01T10:00:10+00:00")

    first, skipped, saved = run(pim, None, update_during_run, now=lambda: RUN_1)
    assert first == [uuid_of(i) for i in range(12)] and skipped == 0
    assert searches(pim, 0)[0] is None  # no checkpoint: a full sync, no filter
    checkpoint = Checkpoint.from_str(saved)
    assert checkpoint.since == RUN_1
    # Only what the next run lists again (delivered with `updated` in the overlap) is remembered;
    # product 0 was delivered with its old date.
    assert checkpoint.seen == {(uuid_of(5), IN_WINDOW)}

    # Between runs: the late one appears with a date inside the window, product 7 changes.
    pim.products.append(product(LATE, "2026-03-01T09:57:00+00:00"))
    pim.products[7] = product(7, "2026-03-01T22:00:00+00:00")
    before = len(pim.requests)
    second, skipped, saved_2 = run(pim, saved, now=lambda: RUN_2)
    assert sorted(second) == sorted([uuid_of(0), uuid_of(7), uuid_of(LATE)])
    assert skipped == 1  # product 5, unchanged, listed again because of the overlap
    assert searches(pim, before)[0] == {
        "updated": [{"operator": ">", "value": "2026-03-01 09:55:00"}]
    }
    assert Checkpoint.from_str(saved_2).since == RUN_2

    # A third run with nothing changed delivers nothing.
    third, _, _ = run(pim, saved_2, now=lambda: RUN_2 + timedelta(days=1))
    assert third == []


@pytest.mark.parametrize("run", RUNNERS)
def test_without_overlap_the_late_update_is_lost(pim: LocalPIM, run: Runner) -> None:
    _, _, saved = run(pim, None, now=lambda: RUN_1)
    pim.products.append(product(LATE, "2026-03-01T09:57:00+00:00"))
    with_overlap, _, _ = run(pim, saved, now=lambda: RUN_2)
    without, _, _ = run(pim, saved, now=lambda: RUN_2, overlap=timedelta(0))
    assert uuid_of(LATE) in with_overlap
    assert uuid_of(LATE) not in without


@pytest.mark.parametrize("run", RUNNERS)
def test_an_item_changed_again_inside_the_window_is_delivered_again(
    pim: LocalPIM, run: Runner
) -> None:
    _, _, saved = run(pim, None, now=lambda: RUN_1)
    pim.products[5] = product(5, "2026-03-01T09:59:30+00:00")  # same uuid, new `updated`
    second, skipped, _ = run(pim, saved, now=lambda: RUN_2)
    assert second == [uuid_of(5)] and skipped == 0


@pytest.mark.parametrize("run", RUNNERS)
def test_on_premise_dates_are_written_in_the_server_time_zone(pim: LocalPIM, run: Runner) -> None:
    since = Checkpoint(since=RUN_1).to_str()
    before = len(pim.requests)
    run(pim, since, now=lambda: RUN_2, timezone="Europe/Paris", overlap=timedelta(minutes=10))
    # 09:50 UTC is 10:50 in Paris in March (UTC+1).
    assert searches(pim, before)[0] == {
        "updated": [{"operator": ">", "value": "2026-03-01 10:50:00"}]
    }


@pytest.mark.parametrize("run", RUNNERS)
def test_linked_entities_filter_is_opt_in(pim: LocalPIM, run: Runner) -> None:
    since = Checkpoint(since=RUN_1).to_str()
    before = len(pim.requests)
    run(
        pim,
        since,
        now=lambda: RUN_2,
        linked_entities=["asset"],
        search={"enabled": [{"operator": "=", "value": True}]},
    )
    assert searches(pim, before)[0] == {
        "enabled": [{"operator": "=", "value": True}],
        "updated_including_linked_entities": [{"operator": ">", "value": "2026-03-01 09:55:00"}],
        "updated_including_linked_type": [{"operator": "IN", "value": ["asset"]}],
    }


def test_the_checkpoint_of_an_unfinished_listing_is_refused(pim: LocalPIM) -> None:
    with Akeneo(**pim.settings()) as akeneo:
        listing = changes(akeneo.products_uuid, None, limit=5)
        next(iter(listing))
        with pytest.raises(CheckpointError, match="not iterated to its end"):
            _ = listing.checkpoint


def test_bad_arguments_are_named(pim: LocalPIM) -> None:
    with Akeneo(**pim.settings()) as akeneo:
        with pytest.raises(CheckpointError, match="Cannot read checkpoint"):
            changes(akeneo.products_uuid, "yesterday")
        with pytest.raises(ConfigurationError, match="unknown time zone 'Mars/Olympus'"):
            changes(akeneo.products_uuid, None, timezone="Mars/Olympus")
        with pytest.raises(ConfigurationError, match="ChannelsResource cannot filter"):
            changes(akeneo.channels, None)
        with pytest.raises(ConfigurationError, match="only for products and product models"):
            changes(akeneo.families, None, linked_entities=True)
    with pytest.raises(CheckpointError, match="aware datetime"):
        Checkpoint(since=datetime(2026, 1, 1))


def test_checkpoint_round_trips_through_its_string() -> None:
    checkpoint = Checkpoint(since=RUN_1, seen=frozenset({("a", "2026-03-01T09:58:00+00:00")}))
    assert Checkpoint.from_str(checkpoint.to_str()) == checkpoint


def test_iso_lists_get_an_iso_date_in_utc() -> None:
    from akeneo_pim._changes import change_search

    query = change_search(Checkpoint(since=RUN_1), style="iso", server_timezone=timezone.utc)
    assert query == {"updated": [{"operator": ">", "value": "2026-03-01T09:55:00Z"}]}


@pytest.mark.parametrize("run", RUNNERS)
def test_a_repeat_stays_left_out_in_the_runs_after(pim: LocalPIM, run: Runner) -> None:
    # Runs a minute apart: product 5 (inside every window) is listed by the server each time.
    _, _, saved = run(pim, None, now=lambda: RUN_1)
    for later in (RUN_1 + timedelta(minutes=n) for n in (1, 2, 3)):
        again, skipped, saved = run(pim, saved, now=lambda at=later: at)
        assert again == [] and skipped == 1
