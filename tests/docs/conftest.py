"""The one place that says what the site's examples run against.

Today a small stateful PIM on 127.0.0.1 (`store_pim.StorePIM`). To run them against the fake, make
`docs_clients` yield `fake.client(), fake.async_client()` of a fresh `akeneo_pim.testing.FakeAkeneo`
(seeded with the `ATTRIBUTES` below) and drop store_pim.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from akeneo_pim import Akeneo, AsyncAkeneo

from tests.docs.store_pim import StorePIM

# What the examples assume the PIM holds: (code, type).
ATTRIBUTES = (
    ("sku", "pim_catalog_identifier"),
    ("name", "pim_catalog_text"),
    ("description", "pim_catalog_textarea"),
    ("weight", "pim_catalog_metric"),
    ("price", "pim_catalog_price_collection"),
    ("color", "pim_catalog_simpleselect"),
    ("picture", "pim_catalog_image"),
)


@pytest.fixture
def docs_clients() -> Iterator[tuple[Akeneo, AsyncAkeneo]]:
    pim = StorePIM().start()
    for code, kind in ATTRIBUTES:
        pim.upsert("attributes", code, {"type": kind, "group": "other"})
    pim.upsert(
        "channels",
        "ecommerce",
        {"locales": ["en_US"], "currencies": ["EUR"], "category_tree": "master"},
    )
    pim.documents["system-information"] = {"version": "7.0.0", "edition": "Serenity"}
    credentials = {"client_id": "docs", "secret": "docs", "username": "docs", "password": "docs"}
    sync = Akeneo(base_url=pim.base_url, **credentials)
    async_ = AsyncAkeneo(base_url=pim.base_url, **credentials)
    try:
        yield sync, async_
    finally:
        sync.close()
        pim.stop()
