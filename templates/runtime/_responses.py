# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Reading answers: decoding bodies, validating them, and the exception of a failed one.

Exceptions that keep a request (`response.request`, the `request` of a chained httpx error) get a
copy with the Bearer token redacted: error reporters such as Sentry record them. Server text that
goes into an exception (body, message, headers) is scrubbed of every secret the client knows: a
server echoing the password or the token must not put it into `str(error)` or a log.
"""

from __future__ import annotations

import json
from typing import Final, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from ._errors import APIStatusError, UnexpectedResponseError, status_error_class
from ._secrets import SecretScrubber

__all__ = [
    "MAX_JSON_BYTES",
    "REDACTED",
    "decode_body",
    "decode_json",
    "make_status_error",
    "redacted_request",
    "validate_list",
    "validate_model",
]

M = TypeVar("M", bound=BaseModel)

# The most bytes a JSON answer (or an error body) may inflate to; a page of 100 rich products is a
# few megabytes. Past it the call raises ResponseTooLargeError, never holding more than this.
MAX_JSON_BYTES: Final = 64 * 1024 * 1024
_NO_SCRUBBING: Final = SecretScrubber()


def decode_body(response: httpx.Response) -> object:
    """The body as JSON when it parses, else as text (HTML error pages, empty bodies)."""
    try:
        content = response.content
    except httpx.ResponseNotRead:
        return None
    if not content:
        return None
    try:
        return json.loads(content)
    except (ValueError, RecursionError):
        return response.text


REDACTED: Final = "[redacted]"


def redacted_request(request: httpx.Request) -> httpx.Request:
    """A copy of a finished request with its Authorization header blanked, for the exceptions that
    keep a request (`response.request`, the `request` of a chained httpx error): error reporters
    such as Sentry record them. A copy, so that whoever else holds the request is not affected."""
    if "authorization" not in request.headers:
        return request
    headers = request.headers.copy()
    headers["Authorization"] = REDACTED
    try:
        content = request.content
    except httpx.RequestNotRead:  # a streamed upload: keep the stream, do not read it again
        return httpx.Request(
            request.method,
            request.url,
            headers=headers,
            stream=request.stream,
            extensions=request.extensions,
        )
    return httpx.Request(
        request.method, request.url, headers=headers, content=content, extensions=request.extensions
    )


def make_status_error(
    response: httpx.Response,
    *,
    operation_id: str | None,
    keep_response: bool = True,
    scrubber: SecretScrubber = _NO_SCRUBBING,
    detail: str | None = None,
) -> APIStatusError:
    """The exception for a failed answer. `keep_response=False` for the token route: its request
    body holds the password, and the exception should not carry it around. A kept response's
    request has its Authorization header (the Bearer token) redacted, and its body is scrubbed."""
    cls = status_error_class(response.status_code)
    headers = httpx.Headers(
        [(name, scrubber.scrub_text(value)) for name, value in response.headers.multi_items()]
    )
    kept: httpx.Response | None = None
    if keep_response:
        request = redacted_request(response.request)
        try:
            content = scrubber.scrub_bytes(response.content)
        except httpx.ResponseNotRead:
            content = b""
        # A copy: its headers hold no Content-Encoding, since the content is already decoded.
        kept = httpx.Response(
            response.status_code,
            headers=[
                (name, value)
                for name, value in headers.multi_items()
                if name.lower() not in ("content-encoding", "content-length")
            ],
            content=content,
            request=request,
        )
    return cls(
        status_code=response.status_code,
        headers=headers,
        body=scrubber.scrub(decode_body(response)),
        method=response.request.method,
        url=scrubber.scrub_text(str(response.request.url)),
        operation_id=operation_id,
        response=kept,
        detail=detail,
    )


def decode_json(
    response: httpx.Response, operation_id: str, scrubber: SecretScrubber = _NO_SCRUBBING
) -> object:
    """The decoded body, None when empty; a body that is not JSON is an UnexpectedResponseError.
    The Content-Type is not looked at: a JSON body labelled text/html is still JSON."""
    if not response.content:
        return None
    try:
        return json.loads(response.content)
    except (ValueError, RecursionError):
        raise UnexpectedResponseError(
            f"{response.request.method} {response.request.url} ({operation_id}) answered "
            f"{response.status_code} with a body that is not JSON",
            body=scrubber.scrub_text(response.text[:1000]),
        ) from None


def validate_model(cast_to: type[M], data: object, where: str) -> M:
    try:
        return cast_to.model_validate(data)
    except ValidationError as exc:
        raise UnexpectedResponseError(
            f"the answer of {where} does not match {cast_to.__name__}: {exc}", body=data
        ) from exc


def validate_list(cast_to: type[M], data: object, where: str) -> list[M]:
    if not isinstance(data, list):
        raise UnexpectedResponseError(f"expected a JSON array from {where}", body=data)
    return [validate_model(cast_to, item, where) for item in data]
