# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""What a single write (create, upsert, submit) returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote

import httpx

__all__ = ["WriteResult"]


@dataclass(frozen=True, slots=True)
class WriteResult:
    """Akeneo answers writes with no body: the status and the `Location` header are the result.

    `created` is True for 201 (a PATCH creates what does not exist yet, 204 means updated).
    `code` is the last segment of `Location`, unquoted: the code or uuid of the resource written;
    None when the server sent no Location or one that is no URL (the write still succeeded, and
    `location` keeps the raw header).
    """

    status_code: int
    location: str | None = None
    created: bool = False
    code: str | None = None
    headers: httpx.Headers = field(default_factory=httpx.Headers, repr=False, compare=False)
    # The decoded JSON body, on the rare writes that send one (warnings of a PAM file upload).
    body: object = field(default=None, compare=False)

    @classmethod
    def from_response(cls, response: httpx.Response) -> WriteResult:
        location = response.headers.get("location")
        return cls(
            status_code=response.status_code,
            location=location,
            created=response.status_code == 201,
            code=last_segment(location),
            headers=response.headers,
            body=_json_body(response),
        )


def _json_body(response: httpx.Response) -> object:
    content_type = response.headers.get("content-type", "")
    if not response.content or "json" not in content_type:
        return None
    try:
        return response.json()
    except ValueError:  # a body that is not JSON after all is kept out of the result
        return None


def last_segment(location: str | None) -> str | None:
    if not location:
        return None
    try:
        path = httpx.URL(location).raw_path.decode("ascii").split("?", 1)[0].rstrip("/")
    except (httpx.InvalidURL, UnicodeError):
        return None  # the write succeeded; an unreadable Location must not turn it into a failure
    segment = path.rsplit("/", 1)[-1]
    return unquote(segment) or None
