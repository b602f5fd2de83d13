# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Exceptions raised by the client, and which one each failed status gets. Everything derives from
`AkeneoError` (`BatchError`, of `BatchReport.raise_for_errors()`, lives in `_batch.py`).

Messages name the operation, the method, the URL and the server's own text, and never hold a token,
secret or password: request headers and bodies are never copied into an exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

import httpx

from ._retry import parse_retry_after

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AkeneoError",
    "AuthenticationError",
    "BadRequestError",
    "CatalogUnavailableError",
    "ConfigurationError",
    "ConflictError",
    "DownloadError",
    "FileToUploadNotFoundError",
    "InternalServerError",
    "InvalidLinkError",
    "InvalidRequestError",
    "MethodNotAllowedError",
    "NotAcceptableError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "SearchError",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
    "UnreadableLocationError",
    "UnsupportedMediaTypeError",
    "ValidationErrorDetail",
    "ValueShapeError",
]


class AkeneoError(Exception):
    """Base class of every error raised by this client."""


class ConfigurationError(AkeneoError, ValueError):
    """The client is missing a setting (base URL, credentials) or got an invalid one."""


@dataclass(frozen=True, slots=True)
class ValidationErrorDetail:
    """One entry of the `errors` list of a 422 answer (or of a failed batch line)."""

    property: str | None = None
    message: str | None = None
    attribute: str | None = None
    locale: str | None = None
    scope: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_raw(cls, raw: object) -> ValidationErrorDetail:
        if not isinstance(raw, Mapping):
            return cls(message=str(raw), raw={"message": raw})

        def text(name: str) -> str | None:
            value = raw.get(name)
            return None if value is None else str(value)

        return cls(
            property=text("property"),
            message=text("message"),
            attribute=text("attribute"),
            locale=text("locale"),
            scope=text("scope") or text("channel"),
            raw=dict(raw),
        )

    @classmethod
    def list_from(cls, raw: object) -> list[ValidationErrorDetail]:
        if not isinstance(raw, list):
            return []
        return [cls.from_raw(entry) for entry in raw]

    def __str__(self) -> str:
        where = []
        if self.property:
            where.append(f'property "{self.property}"')
        if self.attribute:
            where.append(f'attribute "{self.attribute}"')
        if self.locale:
            where.append(f'locale "{self.locale}"')
        if self.scope:
            where.append(f'scope "{self.scope}"')
        prefix = ", ".join(where)
        message = self.message or "invalid"
        return f"{prefix}: {message}" if prefix else message


class APIError(AkeneoError):
    """An error tied to one request: it knows the method, the URL and the operation."""

    method: str
    url: str
    operation_id: str | None

    def __init__(
        self, message: str, *, method: str, url: str, operation_id: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url
        self.operation_id = operation_id


class APIConnectionError(APIError):
    """The request could not be sent or no answer arrived (DNS, refused connection, reset...)."""

    def __init__(
        self,
        *,
        method: str,
        url: str,
        operation_id: str | None = None,
        message: str | None = None,
    ) -> None:
        op = f" ({operation_id})" if operation_id else ""
        text = message or "Connection error"
        super().__init__(
            f"{text} on {method} {url}{op}", method=method, url=url, operation_id=operation_id
        )


class APITimeoutError(APIConnectionError):
    """The request timed out."""

    def __init__(
        self,
        *,
        method: str,
        url: str,
        operation_id: str | None = None,
        message: str | None = None,
    ) -> None:
        super().__init__(
            method=method,
            url=url,
            operation_id=operation_id,
            message=message or "Request timed out",
        )


def _server_message(body: object) -> str | None:
    if isinstance(body, Mapping):
        for name in ("message", "error_description", "error"):
            value = body.get(name)
            if isinstance(value, str) and value:
                return value
        return None
    if isinstance(body, str):
        text = " ".join(body.split())
        return text[:500] if text else None
    return None


class APIStatusError(APIError):
    """The server answered with a status code that means failure (4xx, 5xx).

    `body` is the decoded JSON when the answer was JSON, else its text. `errors` holds Akeneo's
    validation details when the body has an `errors` list (mostly on 422).
    """

    status_code: int

    def __init__(
        self,
        message: str | None = None,
        *,
        status_code: int,
        headers: httpx.Headers | Mapping[str, str] | None = None,
        body: object = None,
        method: str,
        url: str,
        operation_id: str | None = None,
        response: httpx.Response | None = None,
        detail: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.headers = httpx.Headers(headers or {})
        self.body = body
        self.response = response
        self.server_message = _server_message(body)
        self.errors: list[ValidationErrorDetail] = (
            ValidationErrorDetail.list_from(body.get("errors")) if isinstance(body, Mapping) else []
        )
        text = message or self._describe(status_code, method, url, operation_id)
        # Why the client stopped retrying, when it could have (a Retry-After beyond the budget).
        self.detail = detail
        if detail:
            text = f"{text} [{detail}]"
        super().__init__(text, method=method, url=url, operation_id=operation_id)

    def _describe(self, status: int, method: str, url: str, operation_id: str | None) -> str:
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Error"
        op = f" ({operation_id})" if operation_id else ""
        text = f"{status} {reason} from {method} {url}{op}"
        detail = self.server_message or "(no message from the server)"
        text = f"{text}: {detail}"
        if self.errors:
            text += " " + "; ".join(str(error) for error in self.errors)
        return text


class BadRequestError(APIStatusError):
    """400: malformed request, usually a body that is not valid JSON."""


class AuthenticationError(APIStatusError):
    """401: no token, an expired one, or a revoked App token."""


class PermissionDeniedError(APIStatusError):
    """403: the connection lacks a permission (Akeneo may also use it for an oversized payload)."""


class NotFoundError(APIStatusError):
    """404: the resource does not exist, or the connection may not see it."""


class MethodNotAllowedError(APIStatusError):
    """405."""


class NotAcceptableError(APIStatusError):
    """406: the Accept header asked for something other than JSON."""


class ConflictError(APIStatusError):
    """409."""


class PayloadTooLargeError(APIStatusError):
    """413: more than 100 items in a batch, or a line over 1,000,000 characters."""


class UnsupportedMediaTypeError(APIStatusError):
    """415: wrong Content-Type."""


class UnprocessableEntityError(APIStatusError):
    """422: validation failed; `errors` lists what and where."""


class RateLimitError(APIStatusError):
    """429: too many requests. `retry_after` is the server's hint in seconds, when it gave one."""

    @property
    def retry_after(self) -> float | None:
        return parse_retry_after(self.headers.get("retry-after"))


class InternalServerError(APIStatusError):
    """5xx."""


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    405: MethodNotAllowedError,
    406: NotAcceptableError,
    409: ConflictError,
    413: PayloadTooLargeError,
    415: UnsupportedMediaTypeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    if status_code >= 500:
        return InternalServerError
    return _STATUS_CLASSES.get(status_code, APIStatusError)


class UnexpectedResponseError(AkeneoError):
    """The server answered with success but the body is not what the operation documents."""

    def __init__(self, message: str, *, body: object = None) -> None:
        super().__init__(message)
        self.body = body


class CatalogUnavailableError(UnexpectedResponseError):
    """An App catalog answered 200 with `{"error": ...}` in place of a page (e.g. disabled)."""

    def __init__(self, message: str, *, url: str, body: object = None) -> None:
        super().__init__(f"Catalog unavailable at {url}: {message}", body=body)
        self.server_message = message
        self.url = url


class ResponseTooLargeError(UnexpectedResponseError):
    """An answer inflated past the client's bound (`MAX_JSON_BYTES` for JSON answers)."""


class InvalidRequestError(AkeneoError, ValueError):
    """The caller asked for a request that cannot be sent as given (a header value holding a line
    break or a non-ASCII character); raised before anything is sent, never retried."""


class DownloadError(AkeneoError, OSError):
    """A downloaded file could not be written where it was asked to go (disk full, no permission,
    a name that is no file name). The server's answer was fine; nothing is left half-written."""


class FileToUploadNotFoundError(InvalidRequestError, FileNotFoundError):
    """The path given as the file to upload is no readable file."""


class UnreadableLocationError(UnexpectedResponseError):
    """The write SUCCEEDED (`status_code`, 201 mostly) but its `Location` does not name what the
    client returns (an upload's new file code), so that value is unknown. Do not retry the write:
    look the resource up instead."""

    def __init__(self, message: str, *, status_code: int, location: str | None) -> None:
        super().__init__(message, body=None)
        self.status_code = status_code
        self.location = location


class InvalidLinkError(AkeneoError):
    """A pagination link points outside the PIM the client talks to; it is not followed."""


class ValueShapeError(AkeneoError, ValueError):
    """A product, asset or record value whose `data` does not have its attribute type's shape,
    or a value built with the wrong shape; the message names the attribute, locale and scope."""

    def __init__(
        self, message: str, *, attribute: str, locale: str | None, scope: str | None
    ) -> None:
        super().__init__(
            f"value of attribute {attribute!r} (locale {locale!r}, scope {scope!r}): {message}"
        )
        self.attribute = attribute
        self.locale = locale
        self.scope = scope


class SearchError(AkeneoError, ValueError):
    """A search condition that Akeneo would refuse: an unknown operator for the field, or a value
    of the wrong shape for the operator."""
