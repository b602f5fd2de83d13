# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Configuration and request preparation shared by the sync and async clients (no I/O here)."""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import httpx

from ._auth import TOKEN_PATH, Credentials, TokenGrant
from ._deadline import Deadline, call_budget
from ._endpoint import Endpoint
from ._errors import (
    APIConnectionError,
    APITimeoutError,
    ConfigurationError,
    InvalidRequestError,
    ResponseTooLargeError,
    UnexpectedResponseError,
)
from ._files import UploadPayload
from ._inflate import ACCEPT_ENCODING
from ._responses import MAX_JSON_BYTES, redacted_request
from ._retry import RetryPolicy
from ._secrets import Secret, SecretScrubber
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


def check_header_values(headers: Mapping[str, str], where: str) -> None:
    """Refuse what cannot go on the wire before anything is sent: a line break would split the
    header (and httpx would report it as a connection failure, retried), a non-ASCII character
    does not encode."""
    for name, value in headers.items():
        text = f"{name}{value}" if isinstance(value, str) else None
        if text is None:
            raise InvalidRequestError(
                f"{where}: header {name!r} must be a str, got {type(value).__name__}"
            )
        bad = next((char for char in text if char in "\r\n\0" or not char.isascii()), None)
        if bad is not None:
            raise InvalidRequestError(
                f"{where}: header {name!r} holds {bad!r}; header names and values must be "
                "ASCII without line breaks"
            )


@dataclass(slots=True, repr=False)
class PreparedCall:
    """Everything needed to (re)build the request of one call; built once, sent once per attempt.

    Secret parts (the Basic header, the token grant's body) stay `Secret` until `build`, and the
    repr names only the operation, method and URL: a PreparedCall sits in the frame locals that
    error reporters record.
    """

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
    budget: float | None = None  # the whole call's seconds (`_deadline.py`), None: no deadline
    secret_headers: dict[str, Secret] = field(default_factory=dict)
    secret_content: Secret | None = None
    replayable: bool = False  # a POST safe to send again (the token grant)
    # The most bytes an answer may inflate to in memory; None for downloads, streamed in pieces.
    max_body: int | None = MAX_JSON_BYTES

    def __repr__(self) -> str:
        return f"<PreparedCall {self.endpoint.operation_id} {self.method} {self.url}>"

    @property
    def authenticated(self) -> bool:
        return (
            self.endpoint.authenticated
            and "authorization" not in self.headers
            and "authorization" not in self.secret_headers
        )

    def deadline(self) -> Deadline:
        """This call's deadline, counting from its first concurrency slot."""
        return Deadline(self.budget, started=False)

    @contextlib.contextmanager
    def build(
        self,
        http: httpx.Client | httpx.AsyncClient,
        token: Secret | None,
        deadline: Deadline | None = None,
    ) -> Iterator[httpx.Request]:
        """The request of one attempt; an upload's file stays open until the block ends. Its
        timeouts are cut to what is left of the call's deadline."""
        headers = httpx.Headers(self.headers)
        for name, secret in self.secret_headers.items():
            headers[name] = secret.get()
        if token is not None:
            headers["Authorization"] = "Bearer " + token.get()
        content = self.content
        if self.secret_content is not None:
            content = self.secret_content.get().encode("utf-8")
        with contextlib.ExitStack() as stack:
            files = None
            data: Mapping[str, str] | None = self.form
            if self.upload is not None:
                try:
                    files = stack.enter_context(self.upload.open())
                except OSError as exc:
                    raise InvalidRequestError(
                        f"{self.endpoint.operation_id}: cannot read the file to upload: {exc}"
                    ) from None
                data = self.upload.data
            params: list[tuple[str, str | int | float | bool | None]] | None = (
                list(self.params) or None
            )
            try:
                request = http.build_request(
                    self.method,
                    self.url,
                    params=params,
                    headers=headers,
                    content=content,
                    data=data,
                    files=files,
                    extensions={"timeout": (deadline or Deadline(None)).cap(self.timeout)},
                )
            except (httpx.InvalidURL, UnicodeError, TypeError) as exc:
                raise InvalidRequestError(
                    f"{self.endpoint.operation_id}: cannot build the request to {self.url}: "
                    f"{type(exc).__name__}"
                ) from None
            yield request

    @property
    def is_token_call(self) -> bool:
        """The token request carries the password and the Basic header: its failures must not
        chain the httpx error (whose `request` holds both)."""
        return self.path == TOKEN_PATH

    def connection_error(
        self,
        error: Exception,
        scrubber: SecretScrubber | None = None,
        refusal: str | None = None,
    ) -> APIConnectionError:
        """The error for a failed attempt. The caller chains `error` (except for the token call),
        so the Bearer token of its request is redacted first; the text is scrubbed of secrets (an
        h11 error quotes the header it refused). `refusal`: why no retry was made."""
        if isinstance(error, httpx.RequestError):
            with contextlib.suppress(RuntimeError):  # RuntimeError: no request attached
                error.request = redacted_request(error.request)
        kind = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        if scrubber is not None:
            detail = scrubber.scrub_text(detail)
        suffix = f" [{refusal}]" if refusal else ""
        return kind(
            method=self.method,
            url=self.url,
            operation_id=self.endpoint.operation_id,
            message=f"{'Timeout' if kind is APITimeoutError else 'Connection error'} "
            f"({detail}){suffix}",
        )

    def unexpected(self, response: httpx.Response, problem: str) -> UnexpectedResponseError:
        return UnexpectedResponseError(
            f"{self.method} {self.url} ({self.endpoint.operation_id}) answered "
            f"{response.status_code} with a body the client cannot read: {problem}"
        )

    def too_large(self, response: httpx.Response) -> ResponseTooLargeError:
        return ResponseTooLargeError(
            f"{self.method} {self.url} ({self.endpoint.operation_id}) answered "
            f"{response.status_code} with a body larger than {self.max_body:,} bytes once "
            "decoded; it was not read further"
        )

    @staticmethod
    def read_response(response: httpx.Response, body: bytes) -> httpx.Response:
        """A finished copy of `response` holding its decoded `body` (so no Content-Encoding)."""
        headers = [
            (name, value)
            for name, value in response.headers.multi_items()
            if name.lower() not in ("content-encoding", "content-length")
        ]
        return httpx.Response(
            response.status_code, headers=headers, content=body, request=response.request
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
        # Every secret this client knows, scrubbed from server text in errors and logs.
        self._scrubber = self._make_scrubber()

    def _make_scrubber(self) -> SecretScrubber:
        credentials = self._credentials
        scrubber = SecretScrubber(
            [self._access_token]
            + ([credentials.secret, credentials.password] if credentials else [])
        )
        if credentials is not None:
            scrubber.add_basic(credentials.client_id, credentials.secret)
        return scrubber

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
        merged = httpx.Headers({"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING})
        if accept is not None:
            merged["Accept"] = accept
        if json is not None:
            content = dumps_compact(to_body(json)).encode("utf-8")
            content_type = JSON_TYPE
        if content_type is not None:
            merged["Content-Type"] = content_type
        secret_headers: dict[str, Secret] = {}
        if endpoint.client_credentials and self._credentials is not None:
            secret_headers["authorization"] = self._credentials.basic_header()
        where = endpoint.operation_id
        check_header_values(headers or {}, f"{where}: headers")
        check_header_values(options.extra_headers or {}, f"{where}: extra_headers")
        merged.update(headers or {})
        merged.update(options.extra_headers or {})
        if "authorization" in merged:
            secret_headers.pop("authorization", None)
        max_retries = (
            self._max_retries if isinstance(options.max_retries, NotGiven) else options.max_retries
        )
        setting = (
            self._timeout_setting if isinstance(options.timeout, NotGiven) else options.timeout
        )
        timeout = to_httpx_timeout(setting)
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
            budget=call_budget(setting),
            secret_headers=secret_headers,
        )

    def _token_call(self, grant: TokenGrant) -> PreparedCall:
        call = self._prepare(TOKEN_ENDPOINT, options=RequestOptions(), content_type=JSON_TYPE)
        call.secret_headers["authorization"] = grant.basic
        call.secret_content = grant.body
        # A grant creates nothing: retried on 5xx and connection errors like a GET (facts §11).
        call.replayable = True
        return call
