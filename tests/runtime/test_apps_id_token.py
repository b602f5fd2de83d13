"""The id_token check refuses every token the PIM did not issue for this App, each with a message
naming the failed check; a missing `apps` extra is a clear error."""

from __future__ import annotations

import asyncio
import importlib
import time
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import jwt
import pytest
from akeneo_runtime_under_test import apps
from akeneo_runtime_under_test._errors import AkeneoError
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.runtime.app_pim import CLIENT_ID, AppPIM, make_key_pair, serve_app_pim

PIM_URL = "https://my-pim.cloud.akeneo.com"


@pytest.fixture(scope="module")
def key_pair() -> tuple[rsa.RSAPrivateKey, str]:
    return make_key_pair()


def token(key: rsa.RSAPrivateKey, **changes: Any) -> str:
    now = time.time()
    claims = {"iss": PIM_URL, "sub": "ppid", "aud": CLIENT_ID, "iat": now, "exp": now + 3600}
    claims.update(changes)
    return jwt.encode({k: v for k, v in claims.items() if v is not None}, key, algorithm="RS256")


def decode(id_token: str, pem: str, **options: Any) -> apps.IdTokenClaims:
    return apps.decode_id_token(id_token, pem, pim_url=PIM_URL, client_id=CLIENT_ID, **options)


def test_a_genuine_token_gives_typed_claims(key_pair: tuple[rsa.RSAPrivateKey, str]) -> None:
    key, pem = key_pair
    claims = decode(token(key, email="j@example.com", iat=1643029678.467703), pem)
    assert claims.sub == "ppid" and claims.email == "j@example.com"
    assert claims.iat == 1643029678.467703
    # an issuer with a trailing slash is the same PIM
    decode(token(key, iss=PIM_URL + "/"), pem)
    # a bare public key works as well as the certificate
    bare = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    decode(token(key), bare.decode())


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"iss": "https://another-pim.cloud.akeneo.com"}, "issuer .* is not the PIM"),
        ({"aud": "another-app"}, "audience is not this App's client_id"),
        ({"exp": time.time() - 10}, "expired"),
        ({"sub": None}, "invalid: .*sub"),
        ({"exp": None}, "invalid: .*exp"),
    ],
)
def test_a_token_failing_a_claim_check_is_refused(
    key_pair: tuple[rsa.RSAPrivateKey, str], changes: dict[str, Any], message: str
) -> None:
    key, pem = key_pair
    with pytest.raises(apps.IdTokenError, match=message):
        decode(token(key, **changes), pem)


def test_expiry_is_checked_at_now_with_leeway(key_pair: tuple[rsa.RSAPrivateKey, str]) -> None:
    key, pem = key_pair
    id_token = token(key, exp=1_000_000.0)
    decode(id_token, pem, now=999_999.0)
    decode(id_token, pem, now=1_000_010.0, leeway=30)
    with pytest.raises(apps.IdTokenError, match="expired 10 s ago"):
        decode(id_token, pem, now=1_000_010.0)


def test_a_token_signed_by_another_key_or_tampered_is_refused(
    key_pair: tuple[rsa.RSAPrivateKey, str],
) -> None:
    key, pem = key_pair
    other_key, _ = make_key_pair()
    with pytest.raises(apps.IdTokenError, match="signature does not match"):
        decode(token(other_key), pem)
    header, _payload, signature = token(key).split(".")
    forged = jwt.encode({"iss": PIM_URL, "sub": "admin", "aud": CLIENT_ID, "exp": 2e9}, "k" * 32)
    with pytest.raises(apps.IdTokenError):
        decode(f"{header}.{forged.split('.')[1]}.{signature}", pem)


def test_other_algorithms_are_refused(key_pair: tuple[rsa.RSAPrivateKey, str]) -> None:
    _, pem = key_pair
    claims = {"iss": PIM_URL, "sub": "ppid", "aud": CLIENT_ID, "exp": time.time() + 60}
    unsigned = jwt.encode(claims, None, algorithm="none")
    hs256 = jwt.encode(claims, "a-shared-secret-of-at-least-32-bytes!!", algorithm="HS256")
    for forged in (unsigned, hs256):
        with pytest.raises(apps.IdTokenError, match="invalid"):
            decode(forged, pem)
    with pytest.raises(apps.IdTokenError, match="openid"):
        decode("", pem)
    with pytest.raises(apps.IdTokenError, match="no PEM certificate or key"):
        decode(token(key_pair[0]), "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----")


@pytest.fixture
def pim(key_pair: tuple[rsa.RSAPrivateKey, str]) -> Iterator[AppPIM]:
    key, pem = key_pair
    with serve_app_pim(AppPIM(key=key, certificate_pem=pem)) as running:
        yield running


@pytest.mark.parametrize("as_text", [False, True], ids=["json", "older-pim-text"])
def test_the_public_key_is_read_from_both_answer_forms(pim: AppPIM, as_text: bool) -> None:
    pim.public_key_as_text = as_text
    assert apps.fetch_public_key(pim.url) == pim.certificate_pem
    assert asyncio.run(apps.async_fetch_public_key(pim.url)) == pim.certificate_pem
    claims = apps.verify_id_token(pim.url, CLIENT_ID, pim.id_token("openid"))
    assert claims.iss == pim.url


def test_a_token_from_another_issuer_fails_end_to_end_sync_and_async(pim: AppPIM) -> None:
    pim.issuer = "https://evil.example.com"
    id_token = pim.id_token("openid")
    with pytest.raises(apps.IdTokenError, match="issuer"):
        apps.verify_id_token(pim.url, CLIENT_ID, id_token)
    with pytest.raises(apps.IdTokenError, match="issuer"):
        asyncio.run(apps.async_verify_id_token(pim.url, CLIENT_ID, id_token))


def test_a_public_key_route_that_fails_is_an_id_token_error() -> None:
    with pytest.raises(apps.IdTokenError, match="failed: ConnectError"):
        apps.fetch_public_key("http://127.0.0.1:9")


def test_without_the_apps_extra_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = importlib.import_module

    def without_jwt(name: str, package: str | None = None) -> ModuleType:
        if name == "jwt" or name.startswith("cryptography"):
            raise ModuleNotFoundError(f"No module named {name!r}")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_jwt)
    with pytest.raises(apps.MissingDependencyError, match=r"pip install 'akeneo-pim\[apps\]'"):
        apps.verify_id_token("http://127.0.0.1:9", CLIENT_ID, "a.b.c")  # before any network
    assert issubclass(apps.MissingDependencyError, AkeneoError)
    assert issubclass(apps.MissingDependencyError, ImportError)
