"""The generated Event Platform client against a local platform on 127.0.0.1 (sync and async):
its own host, the X-PIM-URL / X-PIM-TOKEN / X-PIM-CLIENT-ID headers and no Authorization, the
token of an `Akeneo` client (renewed on a 401) or an App token, every subscription type, suspend
and resume, logs, and the documented limits as EventPlatformLimitError."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from akeneo_pim import Akeneo, AsyncAkeneo, AsyncEventPlatform, EventPlatform
from akeneo_pim._errors import ConfigurationError
from akeneo_pim.event_platform import EventPlatformLimitError
from akeneo_pim.event_platform_models import HttpsConfig, KafkaConfig, PubsubConfig
from akeneo_pim.event_platform_params import SubscriptionParam

from tests.client.event_platform_server import Platform, serve_platform

EVENTS = ["com.akeneo.pim.v1.product.updated", "com.akeneo.pim.v1.product.deleted"]


@pytest.fixture
def platform() -> Iterator[Platform]:
    with serve_platform() as running:
        yield running


def pim_client(platform: Platform) -> Akeneo:
    return Akeneo(
        base_url=platform.url, client_id="connection-1", secret="s", username="u", password="p"
    )


def https_subscription(platform: Platform) -> SubscriptionParam:
    return {
        "source": "pim",
        "subject": platform.url,
        "events": EVENTS,
        "type": "https",
        "config": {
            "url": "https://my-app.example.com/akeneo",
            "secret": {"primary": "averysecretprimarysecret"},
            "headers": {"X-Tenant": "acme"},
        },
        "filter": 'not user_type="system"',
    }


def test_from_an_akeneo_client_its_token_goes_in_the_pim_headers(platform: Platform) -> None:
    with (
        pim_client(platform) as akeneo,
        EventPlatform.from_akeneo(akeneo, base_url=platform.url) as events,
    ):
        subscriber = events.subscribers.create(
            {
                "name": "erp sync",
                "contact": {
                    "technical_email": "ops@example.com",
                    "notification_webhook_secret": "x" * 16,
                },
            }
        )
        assert subscriber.subject == platform.url and subscriber.status == "active"
        assert events.subscribers.get(subscriber.id or "").name == "erp sync"
    method, path, headers = platform.management_calls()[0]
    assert (method, path) == ("POST", "/api/v1/subscribers")
    assert headers["X-PIM-URL"] == platform.url
    assert headers["X-PIM-TOKEN"] == "pim-token-1"
    assert headers["X-PIM-CLIENT-ID"] == "connection-1"
    assert "Authorization" not in headers


def test_a_401_renews_the_shared_token_once_and_replays(platform: Platform) -> None:
    with pim_client(platform) as akeneo:
        events = EventPlatform.from_akeneo(akeneo, base_url=platform.url)
        events.subscribers.create({"name": "first"})
        platform.reject_next = 1
        events.subscribers.create({"name": "second"})
        tokens = [h["X-PIM-TOKEN"] for _, _, h in platform.management_calls()]
        assert tokens == ["pim-token-1", "pim-token-1", "pim-token-2"]
        events.close()


def test_every_subscription_type_suspend_resume_and_logs_with_an_app_token(
    platform: Platform,
) -> None:
    events = EventPlatform(
        pim_url=platform.url, client_id="app-1", access_token="app-token", base_url=platform.url
    )
    subscriber = events.subscribers.create({"name": "app"})
    assert subscriber.id is not None
    https = events.subscriptions.create(subscriber.id, https_subscription(platform))
    assert isinstance(https.config, HttpsConfig) and https.config.secret.primary == "***redacted***"
    pubsub = events.subscriptions.create(
        subscriber.id,
        {
            "source": "pim",
            "subject": platform.url,
            "events": EVENTS,
            "type": "pubsub",
            "config": {"project_id": "my-project", "topic_id": "akeneo-events"},
        },
    )
    assert isinstance(pubsub.config, PubsubConfig) and pubsub.config.topic_id == "akeneo-events"
    kafka = events.subscriptions.create(
        subscriber.id,
        {
            "source": "pim",
            "subject": platform.url,
            "events": EVENTS,
            "type": "kafka",
            "config": {
                "broker": "kafka.example.com:9093",
                "topic": "pim",
                "sasl_auth": {
                    "mechanism": "scram",
                    "username": "u",
                    "password": "p",
                    "scram_variant": "sha-512",
                },
            },
        },
    )
    assert (
        isinstance(kafka.config, KafkaConfig) and kafka.config.sasl_auth.scram_variant == "sha-512"
    )
    assert kafka.id is not None
    assert events.subscriptions.suspend(subscriber.id, kafka.id).status == "suspended"
    assert events.subscriptions.resume(subscriber.id, kafka.id).status == "active"
    logs = events.event_logs.list(subscription_id=kafka.id, log_type="error")
    assert logs.items is not None and logs.items[0].error_reason == "destination_timeout"
    assert platform.management_calls()[-1][1] == (
        f"/api/v1/logs?subscription_id={kafka.id}&log_type=error"
    )
    headers = platform.management_calls()[0][2]
    assert headers["X-PIM-TOKEN"] == "app-token" and headers["X-PIM-CLIENT-ID"] == "app-1"
    events.close()


def test_the_limits_are_clear_errors(platform: Platform) -> None:
    events = EventPlatform(
        pim_url=platform.url, client_id="app-1", access_token="app-token", base_url=platform.url
    )
    subscribers = [events.subscribers.create({"name": f"s{n}"}) for n in range(20)]
    with pytest.raises(EventPlatformLimitError, match="at most 20 subscribers") as caught:
        events.subscribers.create({"name": "one too many"})
    assert caught.value.status_error.status_code == 400
    first = subscribers[0].id or ""
    for _ in range(20):
        events.subscriptions.create(first, https_subscription(platform))
    with pytest.raises(EventPlatformLimitError, match="at most 20 subscriptions"):
        events.subscriptions.create(first, https_subscription(platform))
    events.close()


def test_async_from_an_async_akeneo_client(platform: Platform) -> None:
    async def run() -> list[str]:
        async with AsyncAkeneo(
            base_url=platform.url, client_id="connection-1", secret="s", username="u", password="p"
        ) as akeneo:
            events = AsyncEventPlatform.from_akeneo(akeneo, base_url=platform.url)
            subscriber = await events.subscribers.create({"name": "async"})
            assert subscriber.id is not None
            created = await events.subscriptions.create(subscriber.id, https_subscription(platform))
            assert created.id is not None
            suspended = await events.subscriptions.suspend(subscriber.id, created.id)
            await events.aclose()
            return [subscriber.status or "", suspended.status or ""]

    assert asyncio.run(run()) == ["active", "suspended"]
    assert {h["X-PIM-TOKEN"] for _, _, h in platform.management_calls()} == {"pim-token-1"}


def test_a_bad_request_that_is_no_limit_stays_a_status_error(platform: Platform) -> None:
    from akeneo_pim import BadRequestError

    events = EventPlatform(
        pim_url=platform.url, client_id="app-1", access_token="app-token", base_url=platform.url
    )
    subscriber = events.subscribers.create({"name": "s"})
    bad: SubscriptionParam = {
        **https_subscription(platform),
        "config": {"project_id": "p", "topic_id": "t"},
    }
    with pytest.raises(BadRequestError, match=r"config\.url is required"):
        events.subscriptions.create(subscriber.id or "", bad)


def test_settings_mistakes_are_configuration_errors() -> None:
    with pytest.raises(ConfigurationError, match="no token"):
        EventPlatform(pim_url="https://pim.example.com", client_id="app-1")
    with pytest.raises(ConfigurationError, match="client_id is empty"):
        EventPlatform(pim_url="https://pim.example.com", client_id="", access_token="t")
    with pytest.raises(ConfigurationError, match="must be an https:// URL"):
        EventPlatform(pim_url="http://pim.example.com", client_id="a", access_token="t")
    with (
        Akeneo(base_url="https://pim.example.com", access_token="app-token") as akeneo,
        pytest.raises(ConfigurationError, match=r"pass client_id\="),
    ):
        EventPlatform.from_akeneo(akeneo)
