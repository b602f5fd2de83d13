"""The one place that says what the site's examples run against: a fresh `FakeAkeneo`.

The fake starts as a new PIM does (`FakeAkeneo.seeded()`); the examples also assume the attributes
of `ATTRIBUTES` and EUR as a currency of the `ecommerce` channel.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from akeneo_pim import Akeneo, AsyncAkeneo
from akeneo_pim.testing import FakeAkeneo

# What the examples assume the PIM holds besides a fresh PIM's `sku`: (code, type, extra fields).
ATTRIBUTES: tuple[tuple[str, str, dict[str, object]], ...] = (
    ("name", "pim_catalog_text", {"localizable": True}),
    ("description", "pim_catalog_textarea", {"localizable": True}),
    (
        "weight",
        "pim_catalog_metric",
        {
            "metric_family": "Weight",
            "default_metric_unit": "KILOGRAM",
            "decimals_allowed": True,
        },
    ),
    ("price", "pim_catalog_price_collection", {"decimals_allowed": True}),
    ("color", "pim_catalog_simpleselect", {}),
    ("picture", "pim_catalog_image", {}),
)


def docs_fake() -> FakeAkeneo:
    fake = FakeAkeneo.seeded()
    fake.put("currencies", {"code": "EUR", "enabled": True})
    fake.put("channels", {"code": "ecommerce", "currencies": ["USD", "EUR"]})
    for code, kind, extra in ATTRIBUTES:
        attribute = {"code": code, "type": kind, "group": "other", "localizable": False}
        fake.put("attributes", {**attribute, "scopable": False, **extra})
    return fake


@pytest.fixture
def docs_clients() -> Iterator[tuple[Akeneo, AsyncAkeneo]]:
    fake = docs_fake()
    sync, async_ = fake.client(), fake.async_client()
    try:
        yield sync, async_
    finally:
        sync.close()
