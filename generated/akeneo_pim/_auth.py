# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Access tokens: password grant, refresh before expiry and after a 401, App tokens used as given.

The I/O-free part shared by both token managers (`_auth_async.py`, and `_auth_sync.py` derived
from it): the credentials, the current token pair and when to renew it.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from ._errors import (
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    UnexpectedResponseError,
    UnprocessableEntityError,
)
from ._secrets import Secret, SecretScrubber

__all__ = ["Credentials", "Secret", "TokenGrant", "TokenState"]

TOKEN_PATH: Final = "/api/oauth/v1/token"
# A refresh refused with one of these falls back to a new password grant (expired refresh token).
REFUSED_REFRESH = (BadRequestError, UnprocessableEntityError, AuthenticationError)
DEFAULT_LIFETIME: Final = 3600.0
# A server may announce any lifetime (10**400 included); past a day the 401 replay renews anyway.
MAX_LIFETIME: Final = 86400.0


@dataclass(frozen=True, slots=True)
class TokenGrant:
    """One request to the token route, masked: the body (JSON holding the password or the refresh
    token) and the Basic header stay `Secret` until the request is built."""

    grant_type: str
    body: Secret
    basic: Secret


@dataclass(frozen=True, slots=True)
class Credentials:
    """What the password grant needs; `secret` and `password` stay wrapped."""

    client_id: str
    secret: Secret
    username: str
    password: Secret

    def basic_header(self) -> Secret:
        raw = f"{self.client_id}:{self.secret.get()}".encode()
        # b64encode adds no newline; a trailing newline is a classic cause of Akeneo's 422 here.
        return Secret("Basic " + base64.b64encode(raw).decode("ascii"))

    def password_grant(self) -> TokenGrant:
        body = {"grant_type": "password", "username": self.username}
        body["password"] = self.password.get()
        return TokenGrant("password", Secret(json.dumps(body)), self.basic_header())

    def refresh_grant(self, refresh_token: Secret) -> TokenGrant:
        body = json.dumps({"grant_type": "refresh_token", "refresh_token": refresh_token.get()})
        return TokenGrant("refresh_token", Secret(body), self.basic_header())


# grant -> decoded JSON answer of the token route
SyncTokenFetcher = Callable[[TokenGrant], object]
AsyncTokenFetcher = Callable[[TokenGrant], Awaitable[object]]
Clock = Callable[[], float]


class TokenState:
    """The current token pair and when to renew it; shared logic of both managers."""

    def __init__(
        self,
        credentials: Credentials | None,
        access_token: str | None,
        clock: Clock,
        scrubber: SecretScrubber | None = None,
    ) -> None:
        self.credentials = credentials
        self.scrubber = scrubber or SecretScrubber()
        self.static = access_token is not None  # App token: used as given, never refreshed
        self.access: Secret | None = Secret(access_token) if access_token is not None else None
        self.refresh: Secret | None = None
        self.renew_at: float | None = None
        self.clock = clock

    @property
    def can_renew(self) -> bool:
        return not self.static and self.credentials is not None

    def current(self) -> Secret | None:
        """The token if it is still good to use, else None."""
        if self.access is None:
            return None
        if self.renew_at is not None and self.clock() >= self.renew_at:
            return None
        return self.access

    def require_credentials(self) -> Credentials:
        if self.credentials is None:
            raise ConfigurationError(
                "no credentials: pass client_id, secret, username and password (or set "
                "AKENEO_CLIENT_ID, AKENEO_SECRET, AKENEO_USERNAME, AKENEO_PASSWORD), "
                "or pass access_token= for an App"
            )
        return self.credentials

    def store(self, answer: object) -> Secret:
        if (
            not isinstance(answer, Mapping)
            or not isinstance(answer.get("access_token"), str)
            or not answer["access_token"]
        ):
            raise UnexpectedResponseError(
                "the token route answered without an access_token", body=None
            )
        data: Mapping[str, Any] = answer
        if not _fits_in_header(data["access_token"]):
            # It could not be sent, and httpx's error would quote it in its message.
            raise UnexpectedResponseError(
                "the token route answered an access_token that cannot be sent in a header "
                "(not printable ASCII)",
                body=None,
            )
        self.access = Secret(data["access_token"])
        self.scrubber.add_token(self.access)
        refresh = data.get("refresh_token")
        # Akeneo rotates the refresh token on every answer; keeping the old one would fail later.
        if isinstance(refresh, str) and refresh:
            self.refresh = Secret(refresh)
            self.scrubber.add_token(self.refresh)
        seconds = token_lifetime(data.get("expires_in"))
        # Renew a little early so that a request never leaves with a token about to die.
        margin = min(60.0, seconds * 0.1)
        self.renew_at = self.clock() + seconds - margin
        return self.access

    def forget(self, rejected: Secret) -> None:
        """After a 401: drop the token, unless another caller already replaced it."""
        if self.access is not None and self.access == rejected:
            self.access = None
            self.renew_at = None

    def __repr__(self) -> str:
        kind = "app-token" if self.static else "password"
        return f"<token state {kind} has_token={self.access is not None}>"


def token_lifetime(value: object) -> float:
    """Seconds a token lives, from `expires_in`: a positive finite number, at most a day; anything
    else (missing, a string, 0, NaN, 10**400) is the usual hour."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return DEFAULT_LIFETIME
    if isinstance(value, int) and value > MAX_LIFETIME:
        return MAX_LIFETIME  # float() of a huge int raises OverflowError
    seconds = float(value)
    if not math.isfinite(seconds) or seconds <= 0:
        return DEFAULT_LIFETIME if not seconds > 0 else MAX_LIFETIME
    return min(seconds, MAX_LIFETIME)


def _fits_in_header(token: str) -> bool:
    return token.isascii() and token.isprintable() and " " not in token
