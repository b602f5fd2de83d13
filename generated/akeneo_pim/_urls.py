# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Building URLs: path parameters, query strings, the base URL and pagination links."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from urllib.parse import quote

import httpx

from ._errors import ConfigurationError, InvalidLinkError
from ._search import SearchBuilder, serialize_search
from ._serialization import dumps_compact

__all__ = ["encode_query", "normalize_base_url", "render_path", "resolve_link"]

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _quote_segmentwise(value: str, *, keep_slashes: bool) -> str:
    safe = "/" if keep_slashes else ""
    encoded = quote(value, safe=safe)
    # "." and ".." are left alone by quote() but URL normalisation would resolve them and move the
    # request to another route; encode them so that a code is always a literal segment.
    segments = encoded.split("/")
    return "/".join(
        segment.replace(".", "%2E") if segment in (".", "..") else segment for segment in segments
    )


def render_path(
    template: str, params: Mapping[str, object] | None, keep_slashes: frozenset[str]
) -> str:
    """Substitute `{name}` placeholders; a code can never change which route is called."""
    values = params or {}

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name)
        if value is None or str(value) == "":
            raise ValueError(f"missing value for path parameter {name!r} of {template}")
        text = value.value if isinstance(value, enum.Enum) else value
        return _quote_segmentwise(str(text), keep_slashes=name in keep_slashes)

    return _PLACEHOLDER.sub(substitute, template)


def _query_value(name: str, value: object) -> str:
    if name == "search" and isinstance(value, SearchBuilder | Mapping | str):
        return serialize_search(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return _query_value(name, value.value)
    if isinstance(value, SearchBuilder):
        return value.to_json()
    if isinstance(value, Mapping):
        return dumps_compact(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ",".join(_query_value(name, item) for item in value)
    return str(value)


def encode_query(*queries: Mapping[str, object] | None) -> list[tuple[str, str]]:
    """Query pairs: `None` dropped, booleans as true/false, lists comma-joined, `search` as JSON.

    Later mappings override earlier ones key by key (extra_query wins over generated parameters).
    """
    merged: dict[str, object] = {}
    for query in queries:
        if query:
            merged.update(query)
    return [
        (name, _query_value(name, value)) for name, value in merged.items() if value is not None
    ]


def normalize_base_url(value: str) -> str:
    """`https://pim.example.com`, no trailing slash; a pasted `/api/rest/v1` suffix is dropped."""
    text = value.strip().rstrip("/")
    for suffix in ("/api/rest/v1", "/api/rest"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL as exc:
        raise ConfigurationError(f"invalid base_url {value!r}: {exc}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(
            "base_url must be an absolute http(s) URL such as https://pim.example.com, "
            f"got {value!r}"
        )
    if url.userinfo:
        raise ConfigurationError(
            "base_url must not contain a user name or password; pass the credentials as arguments"
        )
    if url.query or url.fragment:
        raise ConfigurationError(f"base_url must not have a query or fragment, got {value!r}")
    return text


def resolve_link(base_url: str, href: str) -> str:
    """An absolute URL for a `_links` href; links to another host are refused.

    Akeneo gives absolute hrefs, used as given. A relative href is resolved against the base URL.
    When the base URL is https and the PIM reports http (a TLS-terminating proxy), https is kept
    so that the token never travels in clear text.
    """
    if href.startswith(base_url + "/"):
        # Same scheme, host and port as the base URL, to the letter: nothing to check or resolve.
        # (This is the common case, met twice per page of a long export.)
        return href
    base = httpx.URL(base_url)
    try:
        absolute = href.lower().startswith(("http://", "https://"))
        target = httpx.URL(href) if absolute else base.join(href)
    except httpx.InvalidURL as exc:
        raise InvalidLinkError(f"invalid link {href!r}: {exc}") from None
    same_port = (
        _port(target) == _port(base)
        if target.scheme == base.scheme
        else target.port is None or target.port == base.port
    )
    if target.host.lower() != base.host.lower() or not same_port:
        raise InvalidLinkError(
            f"refusing to follow link {href!r}: it does not point to the PIM at {base_url}"
        )
    if base.scheme == "https" and target.scheme == "http":
        target = target.copy_with(scheme="https", port=base.port)
    return str(target)


def _port(url: httpx.URL) -> int | None:
    if url.port is not None:
        return url.port
    return {"http": 80, "https": 443}.get(url.scheme)
