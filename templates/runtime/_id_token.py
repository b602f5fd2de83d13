# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""OpenID Connect: verify the `id_token` of the App sign-in against the PIM's public key
(RS256 signature, issuer, audience, expiry) and return its claims (apps.md §10).

JWT handling needs PyJWT with its crypto extra, an optional dependency
(`pip install 'akeneo-pim[apps]'`): it is imported on first use, so the rest of the client
works without it. Public through `akeneo_pim.apps`.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Mapping
from typing import Any

import httpx

from ._app_flow import DEFAULT_TIMEOUT, PUBLIC_KEY_PATH, AppSignInError, normalize_pim_url
from ._errors import AkeneoError
from ._models import AkeneoModel

__all__ = [
    "IdTokenClaims",
    "IdTokenError",
    "MissingDependencyError",
    "async_fetch_public_key",
    "async_verify_id_token",
    "decode_id_token",
    "fetch_public_key",
    "verify_id_token",
]

ALGORITHMS = ["RS256"]  # the PIM signs with RSA SHA-256 only: never accept another (e.g. "none")
INSTALL_HINT = "pip install 'akeneo-pim[apps]'"


class MissingDependencyError(AkeneoError, ImportError):
    """An optional dependency is not installed; the message says which extra brings it."""


class IdTokenError(AppSignInError):
    """The `id_token` failed a check (signature, issuer, audience, expiry) or the PIM's public key
    could not be read; the message says which."""


class IdTokenClaims(AkeneoModel):
    """The claims of a verified `id_token`. Identify the user by `sub` only (a stable pairwise id):
    `email`, `firstname` and `lastname` are editable and unverified. `iat` and `exp` may be floats
    (the PIM writes microseconds)."""

    iss: str
    sub: str
    aud: str | list[str]
    iat: float | None = None
    exp: float
    jti: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    email: str | None = None
    email_verified: bool | None = None


def _jwt() -> Any:
    """PyJWT, imported on first use (the optional `apps` extra)."""
    try:
        return importlib.import_module("jwt")
    except ImportError:
        raise MissingDependencyError(
            f"verifying an App id_token needs PyJWT with its crypto extra: {INSTALL_HINT}"
        ) from None


def _public_key(pem: str) -> Any:
    """The RSA public key of a PEM certificate (what the PIM serves) or of a bare public key."""
    try:
        serialization = importlib.import_module("cryptography.hazmat.primitives.serialization")
        x509 = importlib.import_module("cryptography.x509")
    except ImportError:
        raise MissingDependencyError(
            f"reading the PIM's public key needs the cryptography package: {INSTALL_HINT}"
        ) from None
    data = pem.encode("ascii", "replace")
    try:
        if b"BEGIN CERTIFICATE" in data:
            return x509.load_pem_x509_certificate(data).public_key()
        return serialization.load_pem_public_key(data)
    except ValueError as error:
        raise IdTokenError(f"the PIM's public key is no PEM certificate or key: {error}") from None


def decode_id_token(
    id_token: str,
    public_key_pem: str,
    *,
    pim_url: str,
    client_id: str,
    now: float | None = None,
    leeway: float = 0.0,
) -> IdTokenClaims:
    """Verify an `id_token` against a public key you already have; no I/O.

    Checks the RS256 signature, `iss` equal to `pim_url` (a trailing `/` ignored on both sides),
    `aud` equal to `client_id`, and `exp` not passed at `now` (default: the current time), with
    `leeway` seconds of clock skew allowed."""
    if not isinstance(id_token, str) or not id_token:
        raise IdTokenError("no id_token: ask for the `openid` scope to get one")
    jwt = _jwt()
    key = _public_key(public_key_pem)
    moment = time.time() if now is None else now
    try:
        # the expiry is checked below against `moment`, so that `now` can be given
        claims = jwt.decode(
            id_token,
            key,
            algorithms=ALGORITHMS,
            audience=client_id,
            options={
                "require": ["iss", "sub", "aud", "exp"],
                "verify_exp": False,
                "verify_iat": False,
                "verify_iss": False,
            },
        )
    except jwt.InvalidAudienceError:
        raise IdTokenError(f"id_token audience is not this App's client_id {client_id!r}") from None
    except jwt.InvalidSignatureError:
        raise IdTokenError("id_token signature does not match the PIM's public key") from None
    except jwt.PyJWTError as error:
        raise IdTokenError(f"id_token is invalid: {error}") from None
    parsed = IdTokenClaims.model_validate(claims)
    if parsed.iss.rstrip("/") != normalize_pim_url(pim_url):
        raise IdTokenError(f"id_token issuer {parsed.iss!r} is not the PIM {pim_url!r}")
    if parsed.exp + leeway <= moment:
        raise IdTokenError(f"id_token expired {moment - parsed.exp:.0f} s ago")
    return parsed


def fetch_public_key(
    pim_url: str, *, http_client: httpx.Client | None = None, timeout: float = DEFAULT_TIMEOUT
) -> str:
    """The PIM's current public key (a PEM certificate). The key pair is regenerated regularly:
    fetch it for each verification rather than caching it for long."""
    url = normalize_pim_url(pim_url) + PUBLIC_KEY_PATH
    try:
        if http_client is not None:
            response = http_client.get(url, timeout=timeout)
        else:
            with httpx.Client(timeout=timeout) as client:
                response = client.get(url)
    except httpx.HTTPError as error:
        raise IdTokenError(f"GET {url} failed: {type(error).__name__}") from None
    return _pem(response, url)


async def async_fetch_public_key(
    pim_url: str,
    *,
    http_client: httpx.AsyncClient | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> str:
    """`fetch_public_key` for asyncio."""
    url = normalize_pim_url(pim_url) + PUBLIC_KEY_PATH
    try:
        if http_client is not None:
            response = await http_client.get(url, timeout=timeout)
        else:
            async with httpx.AsyncClient(timeout=timeout) as client:
                response = await client.get(url)
    except httpx.HTTPError as error:
        raise IdTokenError(f"GET {url} failed: {type(error).__name__}") from None
    return _pem(response, url)


def verify_id_token(
    pim_url: str,
    client_id: str,
    id_token: str,
    *,
    http_client: httpx.Client | None = None,
    now: float | None = None,
    leeway: float = 0.0,
) -> IdTokenClaims:
    """Fetch the PIM's public key and verify `id_token` with it (see `decode_id_token`)."""
    _jwt()  # fail on the missing extra before any network call
    pem = fetch_public_key(pim_url, http_client=http_client)
    return decode_id_token(
        id_token, pem, pim_url=pim_url, client_id=client_id, now=now, leeway=leeway
    )


async def async_verify_id_token(
    pim_url: str,
    client_id: str,
    id_token: str,
    *,
    http_client: httpx.AsyncClient | None = None,
    now: float | None = None,
    leeway: float = 0.0,
) -> IdTokenClaims:
    """`verify_id_token` for asyncio."""
    _jwt()
    pem = await async_fetch_public_key(pim_url, http_client=http_client)
    return decode_id_token(
        id_token, pem, pim_url=pim_url, client_id=client_id, now=now, leeway=leeway
    )


def _pem(response: httpx.Response, url: str) -> str:
    """Current PIMs answer `{"public_key": "<PEM>"}`; older ones the PEM as a text body."""
    if response.status_code != 200:
        raise IdTokenError(f"GET {url} answered {response.status_code}: {response.text[:200]}")
    try:
        decoded = response.json()
    except ValueError:
        decoded = response.text
    if isinstance(decoded, Mapping):
        decoded = decoded.get("public_key")
    if not isinstance(decoded, str) or "-----BEGIN" not in decoded:
        raise IdTokenError(f"GET {url} answered no PEM public key")
    return decoded
