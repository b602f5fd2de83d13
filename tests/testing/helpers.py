"""Raw HTTP against the fake, for what the client refuses to send (bad bodies, oversize batches)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from akeneo_pim.testing import BASE_URL, FakeAkeneo
from akeneo_pim.testing._fake import CLIENT_ID, PASSWORD, SECRET, USERNAME


@contextmanager
def raw_client(fake: FakeAkeneo) -> Iterator[httpx.Client]:
    """An httpx client on the fake's transport, holding a token from the password grant."""
    with httpx.Client(transport=fake.transport, base_url=BASE_URL) as client:
        yield _signed_in(client)


def _signed_in(client: httpx.Client) -> httpx.Client:
    answer = client.post(
        "/api/oauth/v1/token",
        auth=(CLIENT_ID, SECRET),
        json={"grant_type": "password", "username": USERNAME, "password": PASSWORD},
    )
    answer.raise_for_status()
    client.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
    return client
