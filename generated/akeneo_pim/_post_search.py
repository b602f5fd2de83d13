# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""A product list too long for a URL, sent as `POST .../search` instead: the switch, the body, the
limits. I/O-free; the client's paginate path decides when and sends.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from typing import Any

import httpx

from ._errors import SearchError
from ._search import SearchBuilder, serialize_search

__all__ = [
    "MAX_SEARCH_ARRAY_ITEMS",
    "MAX_SEARCH_ATTRIBUTES",
    "MAX_SEARCH_CRITERIA",
    "MAX_URL_BYTES",
    "PostSearch",
    "no_post_search",
    "url_bytes",
]

# The longest GET request target sent as is. Common servers and proxies refuse longer request
# lines: nginx's `large_client_header_buffers` is 8 KiB by default, Apache's `LimitRequestLine`
# 8190 bytes; the request line also holds the method and `HTTP/1.1`, hence some margin.
MAX_URL_BYTES = 8000
# Documented limits of POST /products-uuid/search (api-updates-2024-2026.md §2.1).
MAX_SEARCH_CRITERIA = 20
MAX_SEARCH_ARRAY_ITEMS = 800
MAX_SEARCH_ATTRIBUTES = 800
# Query parameters that stay in the query string of the POST: pagination.
PAGINATION_KEYS = frozenset({"pagination_type", "page", "search_after", "limit", "with_count"})
# List parameters the GET route has but the POST body does not take.
_NOT_IN_BODY = ("search_locale", "search_scope")


def url_bytes(url: str, params: list[tuple[str, str]]) -> int:
    """Length of the request target as sent (base URL, path and encoded query)."""
    return len(str(httpx.URL(url, params=params)).encode("ascii", "replace"))


class PostSearch:
    """The same listing as a GET query, as the POST route's body plus its pagination query."""

    def __init__(self, query: Mapping[str, object] | None, *, url_length: int) -> None:
        self.url_length = url_length
        given = {name: value for name, value in (query or {}).items() if value is not None}
        kept = [name for name in _NOT_IN_BODY if name in given]
        if kept:
            raise SearchError(
                f"a search of {url_length} bytes is too long for a URL and goes to POST search, "
                f"whose body has no {', '.join(kept)}: give the locale and scope in each filter"
            )
        self.query = {name: value for name, value in given.items() if name in PAGINATION_KEYS}
        self.body: dict[str, object] = {
            name: _body_value(name, value)
            for name, value in given.items()
            if name not in PAGINATION_KEYS
        }
        self._check_limits()

    def _check_limits(self) -> None:
        search = self.body.get("search")
        if isinstance(search, str):
            criteria = _criteria(json.loads(search))
            if len(criteria) > MAX_SEARCH_CRITERIA:
                raise SearchError(
                    f"POST search takes at most {MAX_SEARCH_CRITERIA} search criteria; "
                    f"this search has {len(criteria)}"
                )
            for where, condition in criteria:
                value = condition.get("value") if isinstance(condition, Mapping) else None
                if isinstance(value, list) and len(value) > MAX_SEARCH_ARRAY_ITEMS:
                    raise SearchError(
                        f"POST search takes at most {MAX_SEARCH_ARRAY_ITEMS} items in a list "
                        f"value; the filter on {where!r} has {len(value)}"
                    )
        attributes = self.body.get("attributes")
        if isinstance(attributes, str) and len(attributes.split(",")) > MAX_SEARCH_ATTRIBUTES:
            raise SearchError(
                f"POST search takes at most {MAX_SEARCH_ATTRIBUTES} attributes; "
                f"{len(attributes.split(','))} given"
            )


def _body_value(name: str, value: object) -> object:
    """The POST body's spelling: `search` a JSON string, lists comma-joined, booleans kept."""
    if name == "search" and isinstance(value, SearchBuilder | Mapping | str):
        return serialize_search(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple | set | frozenset):
        return ",".join(str(item) for item in value)
    return value


def _criteria(search: object) -> list[tuple[str, Any]]:
    """Every condition of a product search: `{property: [condition, ...]}`."""
    if not isinstance(search, Mapping):
        return []
    found: list[tuple[str, Any]] = []
    for name, conditions in search.items():
        items = conditions if isinstance(conditions, list) else [conditions]
        found.extend((str(name), condition) for condition in items)
    return found


def no_post_search(path: str, status: int, url_length: int) -> SearchError:
    """The error when the PIM has no POST search route (it is SaaS only)."""
    return SearchError(
        f"the search is {url_length} bytes long, over the {MAX_URL_BYTES} bytes a URL may take "
        f"(or refused by the server as too long), and this PIM has no POST {path} (it answered "
        f"{status}; the route exists on Akeneo SaaS only): shorten the search, e.g. split an IN "
        f"list over several listings"
    )
