# Runtime of akeneo_pim.testing, the fake PIM: static file copied verbatim from templates/testing/.
"""pytest fixtures wired to a fresh seeded `FakeAkeneo` per test; registered under the
`pytest11` entry point, so installing the package is enough."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from .. import Akeneo, AsyncAkeneo
from ._fake import FakeAkeneo


@pytest.fixture
def akeneo_fake() -> FakeAkeneo:
    """A fresh `FakeAkeneo.seeded()`: seed it further, assert on `.requests`."""
    return FakeAkeneo.seeded()


@pytest.fixture
def akeneo(akeneo_fake: FakeAkeneo) -> Iterator[Akeneo]:
    """A sync client talking to `akeneo_fake`."""
    client = akeneo_fake.client()
    yield client
    client.close()


@pytest.fixture
async def async_akeneo(akeneo_fake: FakeAkeneo) -> AsyncIterator[AsyncAkeneo]:
    """An async client talking to `akeneo_fake` (needs an async test runner such as anyio)."""
    client = akeneo_fake.async_client()
    yield client
    await client.aclose()
