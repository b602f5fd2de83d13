"""The generated client built from an App token: sign in against a local PIM on 127.0.0.1, then
call the REST API with `Akeneo(access_token=...)`, sync and async; a disconnected App's token is
refused with the PIM's message."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from akeneo_pim import Akeneo, AsyncAkeneo, AuthenticationError, apps

from tests.runtime.app_pim import CLIENT_ID, CLIENT_SECRET, AppPIM, make_key_pair, serve_app_pim


@pytest.fixture
def pim() -> Iterator[AppPIM]:
    key, certificate = make_key_pair()
    with serve_app_pim(AppPIM(key=key, certificate_pem=certificate)) as running:
        yield running


def sign_in(pim: AppPIM) -> apps.AppToken:
    state = apps.new_state()
    url = apps.authorize_url(pim.url, CLIENT_ID, ["read_channel_settings", "openid"], state)
    location = httpx.get(url).headers["location"]
    callback = {name: values[0] for name, values in parse_qs(urlsplit(location).query).items()}
    apps.check_state(state, callback["state"])
    return apps.exchange_code(pim.url, CLIENT_ID, CLIENT_SECRET, callback["code"])


def test_an_akeneo_client_from_the_app_token(pim: AppPIM) -> None:
    token = sign_in(pim)
    with Akeneo(base_url=pim.url, access_token=token.access_token) as akeneo:
        assert [channel.code for channel in akeneo.channels.list()] == ["ecommerce"]

    async def run() -> list[str]:
        async with AsyncAkeneo(base_url=pim.url, access_token=token.access_token) as akeneo:
            return [channel.code async for channel in akeneo.channels.list()]

    assert asyncio.run(run()) == ["ecommerce"]


def test_a_disconnected_app_token_is_an_authentication_error(pim: AppPIM) -> None:
    token = sign_in(pim)
    pim.tokens.clear()  # the user disconnected the App in the PIM
    with (
        Akeneo(base_url=pim.url, access_token=token.access_token) as akeneo,
        pytest.raises(AuthenticationError, match="disconnected"),
    ):
        list(akeneo.channels.list())
