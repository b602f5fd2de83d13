# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Access tokens: password grant, refresh before expiry and after a 401, App tokens used as given.

The I/O-free part shared by both token managers (`_auth_async.py`, and `_auth_sync.py` derived
from it): the credentials, the current token pair and when to renew it.
"""

from __future__ import annotations

import base64
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

__all__ = ["Credentials", "Secret", "TokenState"]

TOKEN_PATH: Final = "/api/oauth/v1/token"
# A refresh refused with one of these falls back to a new password grant (expired refresh token).
REFUSED_REFRESH = (BadRequestError, UnprocessableEntityError, AuthenticationError)


class Secret:
    """A string that never shows itself in repr/str, so it cannot leak into logs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True, slots=True)
class Credentials:
    """What the password grant needs; `secret` and `password` stay wrapped."""

    client_id: str
    secret: Secret
    username: str
    password: Secret

    def basic_header(self) -> str:
        raw = f"{self.client_id}:{self.secret.get()}".encode()
        # b64encode adds no newline; a trailing newline is a classic cause of Akeneo's 422 here.
        return "Basic " + base64.b64encode(raw).decode("ascii")

    def password_body(self) -> dict[str, str]:
        return {
            "grant_type": "password",
            "username": self.username,
            "password": self.password.get(),
        }


def refresh_body(refresh_token: Secret) -> dict[str, str]:
    return {"grant_type": "refresh_token", "refresh_token": refresh_token.get()}


# (body, basic Authorization header) -> decoded JSON answer of the token route
SyncTokenFetcher = Callable[[Mapping[str, str], str], object]
AsyncTokenFetcher = Callable[[Mapping[str, str], str], Awaitable[object]]
Clock = Callable[[], float]


class TokenState:
    """The current token pair and when to renew it; shared logic of both managers."""

    def __init__(
        self, credentials: Credentials | None, access_token: str | None, clock: Clock
    ) -> None:
        self.credentials = credentials
        self.static = access_token is not None  # App token: used as given, never refreshed
        self.access: Secret | None = Secret(access_token) if access_token is not None else None
        self.refresh: Secret | None = None
        self.renew_at: float | None = None
        self.clock = clock

    @property
    def can_renew(self) -> bool:
        return not self.static and self.credentials is not None

    def current(self) -> str | None:
        """The token if it is still good to use, else None."""
        if self.access is None:
            return None
        if self.renew_at is not None and self.clock() >= self.renew_at:
            return None
        return self.access.get()

    def require_credentials(self) -> Credentials:
        if self.credentials is None:
            raise ConfigurationError(
                "no credentials: pass client_id, secret, username and password (or set "
                "AKENEO_CLIENT_ID, AKENEO_SECRET, AKENEO_USERNAME, AKENEO_PASSWORD), "
                "or pass access_token= for an App"
            )
        return self.credentials

    def store(self, answer: object) -> str:
        if not isinstance(answer, Mapping) or not isinstance(answer.get("access_token"), str):
            raise UnexpectedResponseError(
                "the token route answered without an access_token", body=None
            )
        data: Mapping[str, Any] = answer
        self.access = Secret(data["access_token"])
        refresh = data.get("refresh_token")
        # Akeneo rotates the refresh token on every answer; keeping the old one would fail later.
        if isinstance(refresh, str) and refresh:
            self.refresh = Secret(refresh)
        lifetime = data.get("expires_in")
        seconds = float(lifetime) if isinstance(lifetime, int | float) and lifetime > 0 else 3600.0
        # Renew a little early so that a request never leaves with a token about to die.
        margin = min(60.0, seconds * 0.1)
        self.renew_at = self.clock() + seconds - margin
        return self.access.get()

    def forget(self, rejected: str) -> None:
        """After a 401: drop the token, unless another caller already replaced it."""
        if self.access is not None and self.access.get() == rejected:
            self.access = None
            self.renew_at = None

    def __repr__(self) -> str:
        kind = "app-token" if self.static else "password"
        return f"<token state {kind} has_token={self.access is not None}>"
