"""The App sign-in kit end to end against a local PIM on 127.0.0.1: the authorize redirect, the
state check, the token exchange with its code challenge, and a real RS256 id_token verified
against the PIM's public key; sync and async."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from akeneo_runtime_under_test import apps
from akeneo_runtime_under_test._errors import AkeneoError, ConfigurationError
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.runtime.app_pim import (
    CALLBACK_URL,
    CLIENT_ID,
    CLIENT_SECRET,
    AppPIM,
    make_key_pair,
    serve_app_pim,
)

SCOPES = ["read_products", "write_products", "openid", "email", "profile"]


@pytest.fixture(scope="module")
def key_pair() -> tuple[rsa.RSAPrivateKey, str]:
    return make_key_pair()


@pytest.fixture
def pim(key_pair: tuple[rsa.RSAPrivateKey, str]) -> Iterator[AppPIM]:
    key, certificate = key_pair
    with serve_app_pim(AppPIM(key=key, certificate_pem=certificate)) as running:
        yield running


def consent(url: str) -> dict[str, str]:
    """The user's browser: open the authorize URL, follow the PIM's redirect to the callback."""
    response = httpx.get(url, follow_redirects=False)
    assert response.status_code == 302
    location = response.headers["location"]
    assert location.startswith(CALLBACK_URL + "?")
    return {name: values[0] for name, values in parse_qs(urlsplit(location).query).items()}


# ------------------------------------------------------------------------------ no network
def test_code_challenge_gives_the_worked_example_of_apps_md() -> None:
    identifier = "f1e2d3c4b5a697887766554433221100ffeeddccbbaa99887766554433221100"
    secret = "5zq0ns0y9rcwsk4oc0wwcog8kw8ss0oc8gc8ko4g0okgk0og4w"
    challenge = apps.code_challenge(identifier, secret)
    assert challenge == "74597463bb7e88f9624c51129a6086a4fa0f1a920181c847755f74f7d9d11911"
    # neither the reversed order nor an HMAC
    assert challenge != "c9ccd1d1844ade90f8374bf948419a070c4e271c5f8a614913022cd945b8a281"
    assert challenge != hmac.new(secret.encode(), identifier.encode(), hashlib.sha256).hexdigest()
    with pytest.raises(ConfigurationError):
        apps.code_challenge("", secret)


def test_authorize_url_has_the_documented_parameters_and_no_redirect_uri() -> None:
    state = apps.new_state()
    url = apps.authorize_url("https://my-pim.cloud.akeneo.com/", CLIENT_ID, SCOPES, state)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://my-pim.cloud.akeneo.com/connect/apps/v1/authorize"
    )
    assert parse_qs(parts.query) == {
        "response_type": ["code"],
        "client_id": [CLIENT_ID],
        "scope": [" ".join(SCOPES)],  # space-separated, percent-encoded on the wire
        "state": [state],
    }
    assert "&scope=read_products+write_products+openid+email+profile&" in url


def test_states_and_code_identifiers_are_fresh_and_long() -> None:
    states = {apps.new_state() for _ in range(50)}
    assert len(states) == 50 and all(len(s) == 64 for s in states)
    assert apps.new_code_identifier() != apps.new_code_identifier()


def test_check_state_refuses_a_missing_or_different_state() -> None:
    apps.check_state("abc", "abc")
    for expected, received, message in [
        ("abc", "abd", "not the one stored"),
        ("abc", None, "no `state` parameter"),
        (None, "abc", "no state was stored"),
    ]:
        with pytest.raises(apps.StateMismatchError, match=message):
            apps.check_state(expected, received)
    assert issubclass(apps.StateMismatchError, AkeneoError)


@pytest.mark.parametrize(
    "url", ["", "ftp://pim.example.com", "http://pim.example.com", "https://", "pim.example.com"]
)
def test_a_pim_url_that_is_no_https_url_is_refused(url: str) -> None:
    with pytest.raises(ConfigurationError, match="pim_url"):
        apps.authorize_url(url, CLIENT_ID, SCOPES, "state")


def test_an_app_token_never_shows_its_secret_value() -> None:
    token = apps.AppToken(access_token="s3cr3t", token_type="bearer", scope="a b")
    assert "s3cr3t" not in repr(token) and token.scopes == {"a", "b"}


# ------------------------------------------------------------------------------ end to end
def test_the_whole_sign_in_flow_blocking(pim: AppPIM) -> None:
    state = apps.new_state()
    callback = consent(apps.authorize_url(pim.url, CLIENT_ID, SCOPES, state))
    apps.check_state(state, callback["state"])
    token = apps.exchange_code(pim.url, CLIENT_ID, CLIENT_SECRET, callback["code"])
    assert token.access_token in pim.tokens
    assert token.token_type == "bearer" and token.scopes == set(SCOPES)
    form = pim.token_forms[-1]
    assert set(form) == {"client_id", "code_identifier", "code_challenge", "code", "grant_type"}
    assert CLIENT_SECRET not in form.values()  # the secret is proven, never sent
    assert token.id_token is not None
    claims = apps.verify_id_token(pim.url, CLIENT_ID, token.id_token)
    assert claims.sub == "ppid-0c9b4a7e" and claims.aud == CLIENT_ID
    assert claims.iss == pim.url and claims.email == "julia@example.com"
    assert claims.firstname == "Julia" and isinstance(claims.iat, float)


def test_the_whole_sign_in_flow_async(pim: AppPIM) -> None:
    async def flow() -> apps.IdTokenClaims:
        state = apps.new_state()
        url = apps.authorize_url(pim.url, CLIENT_ID, ["read_products", "openid"], state)
        async with httpx.AsyncClient() as browser:
            location = (await browser.get(url)).headers["location"]
        callback = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
        apps.check_state(state, callback["state"])
        async with httpx.AsyncClient() as http:
            token = await apps.async_exchange_code(
                pim.url, CLIENT_ID, CLIENT_SECRET, callback["code"], http_client=http
            )
            assert token.id_token is not None
            return await apps.async_verify_id_token(
                pim.url, CLIENT_ID, token.id_token, http_client=http
            )

    claims = asyncio.run(flow())
    assert claims.sub == "ppid-0c9b4a7e" and claims.email is None  # no `email` scope asked


def test_without_openid_there_is_no_id_token(pim: AppPIM) -> None:
    callback = consent(apps.authorize_url(pim.url, CLIENT_ID, ["read_products"], "s"))
    token = apps.exchange_code(pim.url, CLIENT_ID, CLIENT_SECRET, callback["code"])
    assert token.id_token is None and token.scope == "read_products"


def test_a_used_code_is_an_invalid_grant(pim: AppPIM) -> None:
    code = consent(apps.authorize_url(pim.url, CLIENT_ID, SCOPES, "s"))["code"]
    apps.exchange_code(pim.url, CLIENT_ID, CLIENT_SECRET, code)
    with pytest.raises(apps.TokenExchangeError, match="answered 400: invalid_grant") as caught:
        apps.exchange_code(pim.url, CLIENT_ID, CLIENT_SECRET, code)
    assert caught.value.error == "invalid_grant" and caught.value.status_code == 400


def test_an_expired_code_reports_the_pim_description(pim: AppPIM) -> None:
    code = consent(apps.authorize_url(pim.url, CLIENT_ID, SCOPES, "s"))["code"]
    issued, scope = pim.codes[code]
    pim.codes[code] = (issued - 31, scope)
    with pytest.raises(apps.TokenExchangeError, match="invalid_grant: Code has expired"):
        apps.exchange_code(pim.url, CLIENT_ID, CLIENT_SECRET, code)


def test_a_wrong_client_secret_is_an_invalid_client(pim: AppPIM) -> None:
    code = consent(apps.authorize_url(pim.url, CLIENT_ID, SCOPES, "s"))["code"]

    async def exchange() -> None:
        await apps.async_exchange_code(pim.url, CLIENT_ID, "not-the-secret", code)

    with pytest.raises(apps.TokenExchangeError, match="invalid_client") as caught:
        asyncio.run(exchange())
    assert "not-the-secret" not in str(caught.value)


def test_a_pim_that_does_not_answer_is_a_token_exchange_error() -> None:
    with pytest.raises(apps.TokenExchangeError, match="failed: ConnectError"):
        apps.exchange_code("http://127.0.0.1:9", CLIENT_ID, CLIENT_SECRET, "code")
    with pytest.raises(apps.TokenExchangeError, match="no `code`"):
        apps.exchange_code("http://127.0.0.1:9", CLIENT_ID, CLIENT_SECRET, "")
