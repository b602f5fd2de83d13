# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""The Event Platform management client's base: the platform's own host, and the X-PIM-URL,
X-PIM-TOKEN and X-PIM-CLIENT-ID headers in place of `Authorization` (event-platform.md §2).

The token comes from an `Akeneo` client's token lifecycle (`from_akeneo`: the same token, renewed
once for both when the platform answers 401) or is an App token (`access_token=`, which never
expires). The generated `EventPlatform` / `AsyncEventPlatform` subclass these and add the
resources (`subscribers`, `subscriptions`, `event_logs`). Both flavours are written here: they
differ only in how the token is awaited.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator, Mapping
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel
from typing_extensions import Self

from ._app_flow import normalize_pim_url
from ._auth_async import AsyncTokenManager
from ._auth_sync import SyncTokenManager
from ._base import DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_TIME
from ._base import DEFAULT_TIMEOUT as _DEFAULT_TIMEOUT
from ._client import AsyncAPIClient, SyncAPIClient
from ._endpoint import Endpoint
from ._errors import AkeneoError, APIStatusError, ConfigurationError
from ._secrets import Secret
from ._types import DEFAULT_OPTIONS, RequestOptions, Timeout

__all__ = [
    "EVENT_PLATFORM_URL",
    "AsyncEventPlatformClient",
    "EventPlatformClient",
    "EventPlatformLimitError",
    "PimHeadersAuth",
]

EVENT_PLATFORM_URL = "https://event.prd.sdk.akeneo.cloud"
PIM_URL_HEADER = "X-PIM-URL"
PIM_TOKEN_HEADER = "X-PIM-TOKEN"
PIM_CLIENT_ID_HEADER = "X-PIM-CLIENT-ID"
# The documented limits (event-platform.md §3.3), by the operation that runs into them.
LIMITS = {
    "create_subscriber": "a PIM holds at most 20 subscribers: delete one before creating another",
    "create_subscription": (
        "a subscriber holds at most 20 subscriptions: delete one before creating another"
    ),
}
# How a refusal is told apart from a bad request: the platform's error format is unpublished, so
# this looks for the words a limit message uses.
_LIMIT_WORDS = ("limit", "maximum", "exceed", "too many", "quota")

M = TypeVar("M", bound=BaseModel)


class EventPlatformLimitError(AkeneoError):
    """The platform refused to create a subscriber or subscription: a documented limit is reached
    (20 subscribers per PIM, 20 subscriptions per subscriber). `status_error` is the platform's
    answer as the client read it."""

    def __init__(self, message: str, status_error: APIStatusError) -> None:
        super().__init__(message)
        self.status_error = status_error


def limit_error(error: APIStatusError) -> EventPlatformLimitError | None:
    """The limit a refused create ran into, when the answer says so; None otherwise."""
    limit = LIMITS.get(error.operation_id or "")
    if limit is None or not 400 <= error.status_code < 500 or error.status_code in (401, 404):
        return None
    said = str(error.server_message or error.body or "")
    if not any(word in said.lower() for word in _LIMIT_WORDS):
        return None
    return EventPlatformLimitError(
        f"{limit} (the platform answered {error.status_code}: {said[:200]})", error
    )


class PimHeadersAuth(httpx.Auth):
    """Adds the three X-PIM headers to each request; on a 401, renews a renewable token once and
    sends the request again (an App token is permanent: its 401 is raised)."""

    def __init__(
        self,
        pim_url: str,
        client_id: str,
        *,
        access_token: str | None = None,
        sync_tokens: SyncTokenManager | None = None,
        async_tokens: AsyncTokenManager | None = None,
    ) -> None:
        if not client_id:
            raise ConfigurationError(
                "client_id is empty: the Event Platform needs the client id of the Connection "
                "or App that owns the token (X-PIM-CLIENT-ID)"
            )
        if access_token is None and sync_tokens is None and async_tokens is None:
            raise ConfigurationError(
                "no token: pass access_token= (an App token) or use from_akeneo(akeneo_client)"
            )
        self._pim_url = normalize_pim_url(pim_url)
        self._client_id = client_id
        self._access_token = access_token
        self._sync_tokens = sync_tokens
        self._async_tokens = async_tokens

    def _sign(self, request: httpx.Request, token: str | Secret) -> httpx.Request:
        request.headers[PIM_URL_HEADER] = self._pim_url
        # the token managers hand out masked Secrets; an App token is passed as a plain str
        request.headers[PIM_TOKEN_HEADER] = token.get() if isinstance(token, Secret) else token
        request.headers[PIM_CLIENT_ID_HEADER] = self._client_id
        return request

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        tokens = self._sync_tokens
        if tokens is None:
            if self._access_token is None:
                raise ConfigurationError("this Event Platform client has no blocking token source")
            yield self._sign(request, self._access_token)
            return
        token = tokens.token()
        response = yield self._sign(request, token)
        if response.status_code == 401 and tokens.can_renew:
            tokens.forget(token)
            yield self._sign(request, tokens.token())

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        tokens = self._async_tokens
        if tokens is None:
            if self._access_token is None:
                raise ConfigurationError("this Event Platform client has no async token source")
            yield self._sign(request, self._access_token)
            return
        token = await tokens.token()
        response = yield self._sign(request, token)
        if response.status_code == 401 and tokens.can_renew:
            await tokens.forget(token)
            yield self._sign(request, await tokens.token())


def _no_http_client(settings: dict[str, Any]) -> None:
    if settings.get("http_client") is not None:
        raise TypeError("the Event Platform client makes its own httpx client: pass transport=")


class EventPlatformClient(SyncAPIClient):
    """Blocking client of the Event Platform's management API (the generated `EventPlatform`)."""

    def __init__(
        self,
        *,
        pim_url: str,
        client_id: str,
        access_token: str | None = None,
        base_url: str = EVENT_PLATFORM_URL,
        timeout: Timeout = _DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        max_retry_time: float = DEFAULT_MAX_RETRY_TIME,
        transport: httpx.BaseTransport | None = None,
        _tokens: SyncTokenManager | None = None,
    ) -> None:
        auth = PimHeadersAuth(pim_url, client_id, access_token=access_token, sync_tokens=_tokens)
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            max_concurrency=max_concurrency,
            max_retry_time=max_retry_time,
            transport=transport,
        )
        self._http.auth = auth
        self._tokens = _tokens

    @classmethod
    def from_akeneo(cls, akeneo: SyncAPIClient, **settings: Any) -> Self:
        """A client for the PIM of `akeneo`, sharing its token (renewed once for both)."""
        _no_http_client(settings)
        credentials = akeneo._credentials
        client_id = settings.pop("client_id", None) or (credentials and credentials.client_id)
        if not client_id:
            raise ConfigurationError(
                "this Akeneo client has no client_id (an App token?): pass client_id= too"
            )
        return cls(pim_url=akeneo.base_url, client_id=client_id, _tokens=akeneo._auth, **settings)

    def fetch_model(
        self,
        endpoint: Endpoint,
        *,
        cast_to: type[M],
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        json: object = None,
        options: RequestOptions = DEFAULT_OPTIONS,
    ) -> M:
        try:
            return super().fetch_model(
                endpoint,
                cast_to=cast_to,
                path_params=path_params,
                query=query,
                json=json,
                options=options,
            )
        except APIStatusError as error:
            limit = limit_error(error)
            if limit is None:
                raise
            raise limit from error

    def with_options(self, **changes: Any) -> Self:
        raise ConfigurationError("with_options() is not offered here: build another client")


class AsyncEventPlatformClient(AsyncAPIClient):
    """Asyncio client of the Event Platform's management API (generated `AsyncEventPlatform`)."""

    def __init__(
        self,
        *,
        pim_url: str,
        client_id: str,
        access_token: str | None = None,
        base_url: str = EVENT_PLATFORM_URL,
        timeout: Timeout = _DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        max_retry_time: float = DEFAULT_MAX_RETRY_TIME,
        transport: httpx.AsyncBaseTransport | None = None,
        _tokens: AsyncTokenManager | None = None,
    ) -> None:
        auth = PimHeadersAuth(pim_url, client_id, access_token=access_token, async_tokens=_tokens)
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            max_concurrency=max_concurrency,
            max_retry_time=max_retry_time,
            transport=transport,
        )
        self._http.auth = auth
        self._tokens = _tokens

    @classmethod
    def from_akeneo(cls, akeneo: AsyncAPIClient, **settings: Any) -> Self:
        """A client for the PIM of `akeneo`, sharing its token (renewed once for both)."""
        _no_http_client(settings)
        credentials = akeneo._credentials
        client_id = settings.pop("client_id", None) or (credentials and credentials.client_id)
        if not client_id:
            raise ConfigurationError(
                "this Akeneo client has no client_id (an App token?): pass client_id= too"
            )
        return cls(pim_url=akeneo.base_url, client_id=client_id, _tokens=akeneo._auth, **settings)

    async def fetch_model(
        self,
        endpoint: Endpoint,
        *,
        cast_to: type[M],
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        json: object = None,
        options: RequestOptions = DEFAULT_OPTIONS,
    ) -> M:
        try:
            return await super().fetch_model(
                endpoint,
                cast_to=cast_to,
                path_params=path_params,
                query=query,
                json=json,
                options=options,
            )
        except APIStatusError as error:
            limit = limit_error(error)
            if limit is None:
                raise
            raise limit from error

    def with_options(self, **changes: Any) -> Self:
        raise ConfigurationError("with_options() is not offered here: build another client")
