# Derived by akeneo-codegen from _auth_async.py (unasync): edit that file, then make generate.
"""The token manager: it holds the current token and renews it when needed.

One refresh at a time: a lock guards the renewal, and whoever waited on it re-checks the token
before asking the server again.
"""

from __future__ import annotations

import time

from ._auth import REFUSED_REFRESH, Clock, Credentials, SyncTokenFetcher, TokenState
from ._errors import AuthenticationError
from ._flavours import SyncLock
from ._secrets import Secret, SecretScrubber

__all__ = ["SyncTokenManager"]


class SyncTokenManager:
    def __init__(
        self,
        *,
        credentials: Credentials | None,
        access_token: str | None,
        fetch: SyncTokenFetcher,
        clock: Clock = time.monotonic,
        scrubber: SecretScrubber | None = None,
    ) -> None:
        self._state = TokenState(credentials, access_token, clock, scrubber)
        self._fetch = fetch
        self._lock = SyncLock()

    @property
    def can_renew(self) -> bool:
        return self._state.can_renew

    @property
    def has_credentials(self) -> bool:
        return self._state.credentials is not None or self._state.static

    def token(self) -> Secret:
        token = self._state.current()
        if token is not None:
            return token
        with self._lock:
            token = self._state.current()  # someone may have renewed while we waited
            if token is not None:
                return token
            if self._state.static:
                raise AuthenticationError(
                    "the App access token was rejected; App tokens cannot be refreshed",
                    status_code=401,
                    method="-",
                    url="-",
                )
            return self._renew()

    def _renew(self) -> Secret:
        # Grants stay masked (TokenGrant): these frames are what an error reporter records.
        credentials = self._state.require_credentials()
        if self._state.refresh is not None:
            try:
                answer = self._fetch(credentials.refresh_grant(self._state.refresh))
                return self._state.store(answer)
            except REFUSED_REFRESH:
                self._state.refresh = None
        return self._state.store(self._fetch(credentials.password_grant()))

    def login(self) -> None:
        """Ask for a fresh token now (password grant), whatever the current state."""
        if self._state.static:
            return
        with self._lock:
            credentials = self._state.require_credentials()
            answer = self._fetch(credentials.password_grant())
            self._state.store(answer)

    def forget(self, rejected: Secret) -> None:
        with self._lock:
            self._state.forget(rejected)

    def __repr__(self) -> str:
        return repr(self._state)
