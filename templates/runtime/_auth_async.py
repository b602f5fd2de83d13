# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""The token manager: it holds the current token and renews it when needed.

One refresh at a time: a lock guards the renewal, and whoever waited on it re-checks the token
before asking the server again.
"""

from __future__ import annotations

import time

from ._auth import REFUSED_REFRESH, AsyncTokenFetcher, Clock, Credentials, TokenState
from ._errors import AuthenticationError
from ._flavours import AsyncLock
from ._secrets import Secret, SecretScrubber

__all__ = ["AsyncTokenManager"]


class AsyncTokenManager:
    def __init__(
        self,
        *,
        credentials: Credentials | None,
        access_token: str | None,
        fetch: AsyncTokenFetcher,
        clock: Clock = time.monotonic,
        scrubber: SecretScrubber | None = None,
    ) -> None:
        self._state = TokenState(credentials, access_token, clock, scrubber)
        self._fetch = fetch
        self._lock = AsyncLock()

    @property
    def can_renew(self) -> bool:
        return self._state.can_renew

    @property
    def has_credentials(self) -> bool:
        return self._state.credentials is not None or self._state.static

    async def token(self) -> Secret:
        token = self._state.current()
        if token is not None:
            return token
        async with self._lock:
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
            return await self._renew()

    async def _renew(self) -> Secret:
        # Grants stay masked (TokenGrant): these frames are what an error reporter records.
        credentials = self._state.require_credentials()
        if self._state.refresh is not None:
            try:
                answer = await self._fetch(credentials.refresh_grant(self._state.refresh))
                return self._state.store(answer)
            except REFUSED_REFRESH:
                self._state.refresh = None
        return self._state.store(await self._fetch(credentials.password_grant()))

    async def login(self) -> None:
        """Ask for a fresh token now (password grant), whatever the current state."""
        if self._state.static:
            return
        async with self._lock:
            credentials = self._state.require_credentials()
            answer = await self._fetch(credentials.password_grant())
            self._state.store(answer)

    async def forget(self, rejected: Secret) -> None:
        async with self._lock:
            self._state.forget(rejected)

    def __repr__(self) -> str:
        return repr(self._state)
