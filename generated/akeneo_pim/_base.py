# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Configuration and request preparation shared by the sync and async clients (no I/O here)."""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

import httpx

from ._auth import TOKEN_PATH, Credentials, Secret
from ._endpoint import Endpoint
from ._errors import APIConnectionError, APITimeoutError, ConfigurationError
from ._files import UploadPayload
from ._responses import redacted_request
from ._retry import RetryPolicy
from ._serialization import dumps_compact, to_body
from ._types import NotGiven, RequestOptions, Timeout
from ._urls import encode_query, normalize_base_url, render_path, resolve_link
from ._version import __version__

DEFAULT_TIMEOUT: Final = 60.0
DEFAULT_MAX_RETRIES: Final = 5
DEFAULT_MAX_RETRY_TIME: Final = 120.0
DEFAULT_MAX_CONCURRENCY: Final = 4  # Akeneo's guideline: at most 4 concurrent calls per connection
USER_AGENT: Final = f"akeneo-pim-python/{__version__}"
JSON_TYPE: Final = "application/json"

TOKEN_ENDPOINT: Final = Endpoint(
    operation_id="oauth_token", method="POST", path=TOKEN_PATH, authenticated=False
)

_ENV = {
    "base_url": "AKENEO_BASE_URL",
    "client_id": "AKENEO_CLIENT_ID",
    "secret": "AKENEO_SECRET",
    "username": "AKENEO_USERNAME",
    "password": "AKENEO_PASSWORD",
}
# Settings that with_options() may change; anything else is a typo and raises.
OPTION_NAMES: Final = frozenset(
    {
        "base_url",
        "client_id",
        "secret",
        "username",
        "password",
        "access_token",
        "timeout",
        "max_retries",
        "max_retry_time",
        "max_concurrency",
        "http_client",
        "transport",
    }
)
AUTH_OPTION_NAMES: Final = frozenset(
    {
        "base_url",
        "client_id",
        "secret",
        "username",
        "password",
        "access_token",
        "http_client",
        "transport",
    }
)


def to_httpx_timeout(value: Timeout) -> httpx.Timeout:
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value)


def _setting(name: str, value: str | None) -> str | None:
    if value:
        return value
    return os.environ.get(_ENV[name]) or None


@dataclass(slots=True)
class PreparedCall:
    """Everything needed to (re)build the request of one call; built once, sent once per attempt."""

    endpoint: Endpoint
    method: str
    url: str
    path: str
    params: list[tuple[str, str]]
    headers: httpx.Headers
    content: bytes | None
    upload: UploadPayload | None
    form: Mapping[str, str] | None
    timeout: httpx.Timeout
    max_retries: int
    retryable: bool

    @property
    def authenticated(self) -> bool:
        return self.endpoint.authenticated and "authorization" not in self.headers

    @contextlib.contextmanager
    def build(
        self, http: httpx.Client | httpx.AsyncClient, token: str | None
    ) -> Iterator[httpx.Request]:
        """The request of one attempt; an upload's file stays open until the block ends."""
        headers = httpx.Headers(self.headers)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        with contextlib.ExitStack() as stack:
            files = None
            data: Mapping[str, str] | None = self.form
            if self.upload is not None:
                files = stack.enter_context(self.upload.open())
                data = self.upload.data
            params: list[tuple[str, str | int | float | bool | None]] | None = (
                list(self.params) or None
            )
            yield http.build_request(
                self.method,
                self.url,
                params=params,
                headers=headers,
                content=self.content,
                data=data,
                files=files,
                timeout=self.timeout,
            )

    @property
    def is_token_call(self) -> bool:
        """The token request carries the password and the Basic header: its failures must not
        chain the httpx error (whose `request` holds both)."""
        return self.path == TOKEN_PATH

    def connection_error(self, error: Exception) -> APIConnectionError:
        """The error for a failed attempt. The caller chains `error` (except for the token call),
        so the Bearer token of its request is redacted first."""
        if isinstance(error, httpx.RequestError):
            with contextlib.suppress(RuntimeError):  # RuntimeError: no request attached
                error.request = redacted_request(error.request)
        kind = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        return kind(
            method=self.method,
            url=self.url,
            operation_id=self.endpoint.operation_id,
            message=f"{'Timeout' if kind is APITimeoutError else 'Connection error'} ({detail})",
        )


class BaseClient:
    """Settings, `repr` and request preparation common to both clients."""

    def __init__(
        self,
        *,
        base_url: str | None,
        client_id: str | None,
        secret: str | None,
        username: str | None,
        password: str | None,
        access_token: str | None,
        timeout: Timeout,
        max_retries: int,
        max_retry_time: float,
        max_concurrency: int,
    ) -> None:
        resolved_base = _setting("base_url", base_url)
        if not resolved_base:
            raise ConfigurationError(
                "no base URL: pass base_url='https://your-pim.example.com' or set AKENEO_BASE_URL"
            )
        self._base_url = normalize_base_url(resolved_base)
        if max_retries < 0:
            raise ConfigurationError("max_retries must be 0 or more")
        if max_concurrency < 1:
            raise ConfigurationError("max_concurrency must be at least 1")
        self._timeout_setting = timeout
        self._timeout = to_httpx_timeout(timeout)
        self._max_retries = max_retries
        self._max_retry_time = max_retry_time
        # One policy per client, shared by every call (each call counts its retries apart).
        self._retry_policy = RetryPolicy(max_retry_time=max_retry_time)
        self._max_concurrency = max_concurrency
        self._access_token = Secret(access_token) if access_token else None
        self._credentials = self._read_credentials(client_id, secret, username, password)

    def _read_credentials(
        self,
        client_id: str | None,
        secret: str | None,
        username: str | None,
        password: str | None,
    ) -> Credentials | None:
        values = {
            "client_id": _setting("client_id", client_id),
            "secret": _setting("secret", secret),
            "username": _setting("username", username),
            "password": _setting("password", password),
        }
        missing = [name for name, value in values.items() if not value]
        if not missing:
            return Credentials(
                client_id=values["client_id"] or "",
                secret=Secret(values["secret"] or ""),
                username=values["username"] or "",
                password=Secret(values["password"] or ""),
            )
        if len(missing) < len(values) and self._access_token is None:
            # Some but not all: surely a mistake, say so now rather than at the first call.
            names = ", ".join(f"{name} (env {_ENV[name]})" for name in missing)
            raise ConfigurationError(f"incomplete credentials: missing {names}")
        # None at all: fine for an App token or for unauthenticated routes; a call needing a token
        # raises a ConfigurationError that lists what to set.
        return None

    # ------------------------------------------------------------------------- properties
    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def timeout(self) -> httpx.Timeout:
        return self._timeout

    @property
    def max_retries(self) -> int:
        return self._max_retries

    @property
    def max_concurrency(self) -> int:
        return self._max_concurrency

    def _auth_kind(self) -> str:
        if self._access_token is not None:
            return "app-token"
        return "password" if self._credentials is not None else "none"

    def __repr__(self) -> str:
        client_id = self._credentials.client_id if self._credentials else None
        return (
            f"<{type(self).__name__} base_url={self._base_url!r} auth={self._auth_kind()} "
            f"client_id={client_id!r}>"
        )

    def _settings(self) -> dict[str, Any]:
        """Constructor arguments reproducing this client (used by with_options)."""
        credentials = self._credentials
        return {
            "base_url": self._base_url,
            "client_id": credentials.client_id if credentials else None,
            "secret": credentials.secret.get() if credentials else None,
            "username": credentials.username if credentials else None,
            "password": credentials.password.get() if credentials else None,
            "access_token": self._access_token.get() if self._access_token else None,
            "timeout": self._timeout_setting,
            "max_retries": self._max_retries,
            "max_retry_time": self._max_retry_time,
            "max_concurrency": self._max_concurrency,
        }

    @staticmethod
    def _check_option_names(changes: Mapping[str, object]) -> None:
        unknown = sorted(set(changes) - OPTION_NAMES)
        if unknown:
            raise TypeError(f"with_options() got unknown settings: {', '.join(unknown)}")

    # ------------------------------------------------------------------------ preparation
    @staticmethod
    def _warn_deprecated(endpoint: Endpoint) -> None:
        if endpoint.deprecated:
            # stacklevel 4: _warn_deprecated <- client method <- generated method <- user code
            warnings.warn(endpoint.deprecated, DeprecationWarning, stacklevel=4)

    def _resolve(self, href: str) -> str:
        return resolve_link(self._base_url, href)

    def _absolute(self, path: str) -> str:
        """`/api/rest/v1/...` under the base URL (which may have a path prefix), or a full URL."""
        if path.lower().startswith(("http://", "https://")):
            return path
        return self._base_url + "/" + path.lstrip("/")

    def _prepare(
        self,
        endpoint: Endpoint,
        *,
        options: RequestOptions,
        url: str | None = None,
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        json: object = None,
        content: bytes | None = None,
        content_type: str | None = None,
        form: Mapping[str, str] | None = None,
        upload: UploadPayload | None = None,
        accept: str | None = JSON_TYPE,
        headers: Mapping[str, str] | None = None,
    ) -> PreparedCall:
        path = render_path(endpoint.path, path_params, endpoint.keep_slashes)
        if url is None:
            target = self._base_url + path
            params = encode_query(query, options.extra_query)
        else:
            # A pagination link already carries every query parameter, cursor included.
            target = self._resolve(url)
            params = []
        merged = httpx.Headers({"User-Agent": USER_AGENT})
        if accept is not None:
            merged["Accept"] = accept
        if json is not None:
            content = dumps_compact(to_body(json)).encode("utf-8")
            content_type = JSON_TYPE
        if content_type is not None:
            merged["Content-Type"] = content_type
        if endpoint.client_credentials and self._credentials is not None:
            merged["Authorization"] = self._credentials.basic_header()
        merged.update(headers or {})
        merged.update(options.extra_headers or {})
        max_retries = (
            self._max_retries if isinstance(options.max_retries, NotGiven) else options.max_retries
        )
        timeout = (
            self._timeout
            if isinstance(options.timeout, NotGiven)
            else to_httpx_timeout(options.timeout)
        )
        return PreparedCall(
            endpoint=endpoint,
            method=endpoint.method.upper(),
            url=target,
            path=path,
            params=params,
            headers=merged,
            content=content,
            upload=upload,
            form=form,
            timeout=timeout,
            max_retries=max(0, max_retries),
            retryable=upload is None or upload.rewindable,
        )

    def _token_call(self, body: Mapping[str, str], basic: str) -> PreparedCall:
        return self._prepare(
            TOKEN_ENDPOINT,
            options=RequestOptions(),
            json=dict(body),
            headers={"Authorization": basic},
        )
