# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""The Connected-App authorization flow (apps.md §2-§8): the authorize URL with a fresh `state`,
the `state` check on the callback, `code_challenge`, and the code-for-token exchange, blocking
and async. Public through `akeneo_pim.apps`.

The PIM's routes live outside `/api/rest/v1` and outside its Swagger file, so they are written
here by hand: `{pim_url}/connect/apps/v1/authorize`, `.../oauth2/token`, `.../openid/public-key`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from ._errors import AkeneoError, ConfigurationError

__all__ = [
    "AUTHORIZE_PATH",
    "PUBLIC_KEY_PATH",
    "TOKEN_PATH",
    "AppSignInError",
    "AppToken",
    "StateMismatchError",
    "TokenExchangeError",
    "async_exchange_code",
    "authorize_url",
    "check_state",
    "code_challenge",
    "exchange_code",
    "new_code_identifier",
    "new_state",
    "normalize_pim_url",
]

AUTHORIZE_PATH = "/connect/apps/v1/authorize"
TOKEN_PATH = "/connect/apps/v1/oauth2/token"
PUBLIC_KEY_PATH = "/connect/apps/v1/openid/public-key"
DEFAULT_TIMEOUT = 10.0  # the authorization code lives 30 s: no long retries here
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


class AppSignInError(AkeneoError):
    """A step of the App sign-in failed; the subclass and message say which."""


class StateMismatchError(AppSignInError):
    """The callback's `state` is missing or is not the one stored for this user (CSRF)."""


class TokenExchangeError(AppSignInError):
    """The PIM refused the code-for-token exchange, or answered something that is no token.

    `error` is the OAuth error code (`invalid_grant` for an expired or used code, `invalid_client`
    for a wrong code challenge), `description` the PIM's text, `status_code` the HTTP status."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        error: str | None = None,
        description: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.error = error
        self.description = description


@dataclass(frozen=True, slots=True)
class AppToken:
    """What the token request gives. The App token never expires and cannot be refreshed: a new
    one needs the whole flow with a user again. Store it as a secret (a secrets manager)."""

    access_token: str
    token_type: str
    scope: str  # space-separated, as granted (may differ from what was asked)
    id_token: str | None = None  # with the `openid` scope only

    @property
    def scopes(self) -> frozenset[str]:
        return frozenset(self.scope.split())

    def __repr__(self) -> str:  # never print the token itself
        return f"AppToken(token_type={self.token_type!r}, scope={self.scope!r})"


def normalize_pim_url(pim_url: str) -> str:
    """The PIM base URL without its trailing `/`; HTTPS, except on the loopback for tests."""
    if not isinstance(pim_url, str) or not pim_url.strip():
        raise ConfigurationError("pim_url is empty: give the PIM's base URL (`pim_url` query)")
    parts = urlsplit(pim_url.strip())
    loopback = parts.hostname in _LOOPBACK
    if not parts.hostname or not (parts.scheme == "https" or (parts.scheme == "http" and loopback)):
        raise ConfigurationError(
            f"pim_url {pim_url!r} must be an https:// URL with a host (http:// only on loopback)"
        )
    return pim_url.strip().rstrip("/")


def new_state() -> str:
    """A fresh random `state` (64 hex digits) against CSRF: store it in the user's session."""
    return secrets.token_hex(32)


def new_code_identifier() -> str:
    """A fresh high-entropy `code_identifier` (64 hex digits), one per token request."""
    return secrets.token_hex(32)


def authorize_url(pim_url: str, client_id: str, scopes: Iterable[str], state: str) -> str:
    """Where to redirect the user from your Activate URL. List **all** the scopes the App needs
    (those already granted too); add `openid`, `profile`, `email` to identify the user. There is
    no `redirect_uri`: the PIM always goes back to the App's registered Callback URL."""
    if not client_id:
        raise ConfigurationError("client_id is empty")
    if not state:
        raise ConfigurationError("state is empty: pass new_state() and store it")
    scope_list = [scopes] if isinstance(scopes, str) else list(scopes)
    query: dict[str, str] = {"response_type": "code", "client_id": client_id}
    scope = " ".join(s for part in scope_list for s in part.split())
    if scope:
        query["scope"] = scope
    query["state"] = state
    return f"{normalize_pim_url(pim_url)}{AUTHORIZE_PATH}?{urlencode(query)}"


def check_state(expected: str | None, received: str | None) -> None:
    """Compare the callback's `state` with the stored one in constant time; raise if they differ."""
    if not expected:
        raise StateMismatchError("no state was stored for this sign-in: start it again")
    if not received:
        raise StateMismatchError("the callback has no `state` parameter")
    if not hmac.compare_digest(expected.encode("utf-8"), received.encode("utf-8")):
        raise StateMismatchError("the callback's `state` is not the one stored for this sign-in")


def code_challenge(code_identifier: str, client_secret: str) -> str:
    """Lower-case hex SHA-256 of `code_identifier + client_secret` (a plain digest, not an HMAC;
    identifier first): how the token request proves the secret without sending it."""
    if not code_identifier or not client_secret:
        raise ConfigurationError("code_identifier and client_secret must both be non-empty")
    return hashlib.sha256((code_identifier + client_secret).encode("utf-8")).hexdigest()


def _token_form(client_id: str, client_secret: str, code: str) -> dict[str, str]:
    if not code:
        raise TokenExchangeError("the callback has no `code` parameter")
    identifier = new_code_identifier()
    return {
        "client_id": client_id,
        "code_identifier": identifier,
        "code_challenge": code_challenge(identifier, client_secret),
        "code": code,
        "grant_type": "authorization_code",
    }


def exchange_code(
    pim_url: str,
    client_id: str,
    client_secret: str,
    code: str,
    *,
    http_client: httpx.Client | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> AppToken:
    """Exchange the callback's `code` for the App token, at once (the code lives 30 s)."""
    url = normalize_pim_url(pim_url) + TOKEN_PATH
    form = _token_form(client_id, client_secret, code)
    try:
        if http_client is not None:
            response = http_client.post(url, data=form, timeout=timeout)
        else:
            with httpx.Client(timeout=timeout) as client:
                response = client.post(url, data=form)
    except httpx.HTTPError as error:
        raise TokenExchangeError(f"POST {url} failed: {type(error).__name__}") from None
    return _token(response, url)


async def async_exchange_code(
    pim_url: str,
    client_id: str,
    client_secret: str,
    code: str,
    *,
    http_client: httpx.AsyncClient | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> AppToken:
    """`exchange_code` for asyncio."""
    url = normalize_pim_url(pim_url) + TOKEN_PATH
    form = _token_form(client_id, client_secret, code)
    try:
        if http_client is not None:
            response = await http_client.post(url, data=form, timeout=timeout)
        else:
            async with httpx.AsyncClient(timeout=timeout) as client:
                response = await client.post(url, data=form)
    except httpx.HTTPError as error:
        raise TokenExchangeError(f"POST {url} failed: {type(error).__name__}") from None
    return _token(response, url)


def _token(response: httpx.Response, url: str) -> AppToken:
    body = _json_object(response)
    if response.status_code != 200:
        error = _text(body.get("error"))
        description = _text(body.get("error_description"))
        said = ": ".join(part for part in (error, description) if part) or response.text[:200]
        raise TokenExchangeError(
            f"POST {url} answered {response.status_code}: {said}",
            status_code=response.status_code,
            error=error,
            description=description,
        )
    token = body.get("access_token")
    if not isinstance(token, str) or not token:
        raise TokenExchangeError(
            f"POST {url} answered 200 without an access_token", status_code=200
        )
    return AppToken(
        access_token=token,
        token_type=_text(body.get("token_type")) or "bearer",
        scope=_text(body.get("scope")) or "",
        id_token=_text(body.get("id_token")),
    )


def _json_object(response: httpx.Response) -> Mapping[str, Any]:
    try:
        decoded = response.json()
    except ValueError:
        return {}
    return decoded if isinstance(decoded, Mapping) else {}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
