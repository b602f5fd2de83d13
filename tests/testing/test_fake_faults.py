"""The fault controls of FakeAkeneo as the client's retries see them, tokens, and the recorder."""

from __future__ import annotations

import asyncio

import pytest
from akeneo_pim import (
    Akeneo,
    APIConnectionError,
    AuthenticationError,
    InternalServerError,
    RateLimitError,
)
from akeneo_pim.testing import FakeAkeneo

from .helpers import raw_client


def test_a_429_then_success_is_retried_after_retry_after(akeneo_fake: FakeAkeneo) -> None:
    akeneo_fake.rate_limit(1, retry_after=0)
    with akeneo_fake.client() as akeneo:
        assert [c.code for c in akeneo.channels.list()] == ["ecommerce"]
    assert [r.path for r in akeneo_fake.requests].count("/api/rest/v1/channels") == 2


def test_a_429_reaches_a_client_that_does_not_retry(akeneo_fake: FakeAkeneo) -> None:
    akeneo_fake.rate_limit(1, retry_after=7)
    with akeneo_fake.client(max_retries=0) as akeneo, pytest.raises(RateLimitError) as refused:
        akeneo.channels.get("ecommerce")
    assert refused.value.status_code == 429
    assert refused.value.headers["Retry-After"] == "7"


def test_5xx_failures_are_retried_then_given_up(akeneo_fake: FakeAkeneo) -> None:
    akeneo_fake.fail_next(1, status=503)
    with akeneo_fake.client() as akeneo:
        assert akeneo.channels.get("ecommerce").code == "ecommerce"
    akeneo_fake.fail_next(2, status=500)
    with akeneo_fake.client(max_retries=1) as akeneo, pytest.raises(InternalServerError):
        akeneo.channels.get("ecommerce")


def test_a_dropped_connection_is_retried_sync_and_async(akeneo_fake: FakeAkeneo) -> None:
    akeneo_fake.drop_next(1)
    with akeneo_fake.client() as akeneo:
        assert akeneo.locales.get("en_US").code == "en_US"

    async def main() -> str:
        akeneo_fake.drop_next(1)
        async with akeneo_fake.async_client() as akeneo:
            return (await akeneo.locales.get("en_US")).code

    assert asyncio.run(main()) == "en_US"
    akeneo_fake.drop_next(5)
    with akeneo_fake.client(max_retries=0) as akeneo, pytest.raises(APIConnectionError):
        akeneo.locales.get("en_US")


def test_an_expired_token_is_renewed_with_the_refresh_grant(akeneo_fake: FakeAkeneo) -> None:
    with akeneo_fake.client() as akeneo:
        akeneo.channels.get("ecommerce")
        akeneo_fake.expire_tokens()
        assert akeneo.channels.get("ecommerce").code == "ecommerce"
    grants = [r.json["grant_type"] for r in akeneo_fake.requests if r.path.endswith("/token")]
    assert grants == ["password", "refresh_token"]


def test_calls_without_or_with_a_bad_token_are_401s(akeneo_fake: FakeAkeneo) -> None:
    with raw_client(akeneo_fake) as http:
        assert http.get("/api/rest/v1/channels", headers={"Authorization": ""}).status_code == 401
        bad = http.get("/api/rest/v1/channels", headers={"Authorization": "Bearer forged"})
        assert bad.status_code == 401 and bad.json()["message"] == "Authentication is required"
        assert http.get("/api/rest/v1").status_code == 200  # the API root needs no token
    with akeneo_fake.client(access_token="forged") as akeneo, pytest.raises(AuthenticationError):
        akeneo.channels.get("ecommerce")


def test_the_recorder_keeps_bodies_and_leaves_secrets_out(
    akeneo: Akeneo, akeneo_fake: FakeAkeneo
) -> None:
    akeneo.channels.upsert("print", {"labels": {"en_US": "Print"}, "category_tree": "master"})
    akeneo.families.upsert_many([{"code": "a", "attribute_as_label": "sku"}])
    token, upsert, batch = akeneo_fake.requests
    assert token.path == "/api/oauth/v1/token"
    assert (upsert.method, upsert.path) == ("PATCH", "/api/rest/v1/channels/print")
    assert upsert.json == {"labels": {"en_US": "Print"}, "category_tree": "master"}
    assert batch.json == [{"code": "a", "attribute_as_label": "sku"}]
    for request in akeneo_fake.requests:
        assert "authorization" not in {name.lower() for name in request.headers}
