"""Raw HTTP against the fake, for what the client refuses to send (bad bodies, oversize batches)."""

from __future__ import annotations

import httpx
from akeneo_pim.testing import BASE_URL, FakeAkeneo
from akeneo_pim.testing._fake import CLIENT_ID, PASSWORD, SECRET, USERNAME


def raw_client(fake: FakeAkeneo) -> httpx.Client:
    """An httpx client on the fake's transport, holding a token from the password grant."""
    client = httpx.Client(transport=fake.transport, base_url=BASE_URL)
    answer = client.post(
        "/api/oauth/v1/token",
        auth=(CLIENT_ID, SECRET),
        json={"grant_type": "password", "username": USERNAME, "password": PASSWORD},
    )
    answer.raise_for_status()
    client.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
    return client
