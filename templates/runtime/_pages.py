# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Pages of a list and what both paginators share (no I/O here).

Akeneo says never to build `page` or `search_after` values: the paginator follows `_links.next.href`
until it is absent. Only one page is held at a time, so memory stays bounded on big exports.

`cursor` names the position after the last item delivered: the link of that item's page plus how
many of its items were delivered (`<link>#skip=<n>`), or just the next page's link when the whole
page was. Resuming fetches that link again and skips what was already delivered, so no item is
lost or repeated at any cut point, in both pagination modes.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from pydantic import PydanticSchemaGenerationError, TypeAdapter, ValidationError
from typing_extensions import Required, TypedDict

from ._errors import CatalogUnavailableError, UnexpectedResponseError

__all__ = ["Page", "PaginatorBase", "parse_page"]

# Items are usually models, but some lists hold plain values (the uuids of a catalog).
M = TypeVar("M")

# url (None: the endpoint's first request) -> (absolute url requested, decoded JSON)
SyncPageFetcher = Callable[[str | None], tuple[str, object]]
AsyncPageFetcher = Callable[[str | None], Awaitable[tuple[str, object]]]
LinkResolver = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Page(Generic[M]):
    """One page of a list. `next_url` is absolute (already resolved against the base URL)."""

    items: list[M]
    items_count: int | None = None
    current_page: int | None = None
    next_url: str | None = None
    links: Mapping[str, Any] = field(default_factory=dict)
    url: str | None = None

    @property
    def has_next(self) -> bool:
        return self.next_url is not None


_ADAPTERS: dict[object, TypeAdapter[Any]] = {}


def _validator(item_type: type[M]) -> Callable[[object], M]:
    """How to parse one item: a model validates itself; a plain type (str) through a TypeAdapter."""
    model_validate = getattr(item_type, "model_validate", None)
    if callable(model_validate):
        return cast(Callable[[object], M], model_validate)
    adapter = _ADAPTERS.get(item_type)
    if adapter is None:
        adapter = _ADAPTERS[item_type] = TypeAdapter(item_type)
    return cast(Callable[[object], M], adapter.validate_python)


class _Embedded(TypedDict, Generic[M]):
    items: list[M]


class _Envelope(TypedDict, Generic[M], total=False):
    """The parts of a page the paginator reads; other keys are ignored."""

    _embedded: Required[_Embedded[M]]
    _links: dict[str, Any]
    current_page: int
    items_count: int


_ENVELOPES: dict[object, TypeAdapter[Any] | None] = {}


def _envelope(item_type: type[M]) -> TypeAdapter[_Envelope[M]] | None:
    """The page validator for this item type; None for a type pydantic cannot describe."""
    if item_type not in _ENVELOPES:
        try:
            # The item type is only known at run time: subscript the generic dynamically.
            _ENVELOPES[item_type] = TypeAdapter(cast(Any, _Envelope)[item_type])
        except PydanticSchemaGenerationError:
            _ENVELOPES[item_type] = None
    return cast("TypeAdapter[_Envelope[M]] | None", _ENVELOPES[item_type])


def _fast_envelope(body: bytes, item_type: type[M]) -> _Envelope[M] | None:
    """The page parsed and validated in one pass, or None to take the slow, explanatory path."""
    adapter = _envelope(item_type)
    if adapter is None:
        return None
    try:
        return adapter.validate_json(body)
    except ValidationError:
        return None


def parse_page(data: object, item_type: type[M], url: str, resolve: LinkResolver) -> Page[M]:
    """A page from the raw body (bytes) or from decoded JSON.

    Raw bytes go straight through pydantic's JSON parser with the item type: for big pages of
    products this costs about half of decoding with `json` and validating afterwards. Anything
    that does not fit (a disabled catalog's `{"error": ...}`, a malformed page) takes the slow
    path, which says precisely what is wrong.
    """
    if isinstance(data, bytes):
        envelope = _fast_envelope(data, item_type)
        if envelope is not None:
            return _page(envelope["_embedded"]["items"], envelope, url, resolve)
        data = _decode(data, url)
    if not isinstance(data, Mapping):
        raise UnexpectedResponseError(f"expected a page object from {url}", body=data)
    embedded = data.get("_embedded")
    if embedded is None and isinstance(data.get("error"), str):
        # A disabled App catalog answers 200 with {"error": "..."} in place of a page.
        raise CatalogUnavailableError(data["error"], url=url, body=data)
    raw_items = embedded.get("items") if isinstance(embedded, Mapping) else None
    if not isinstance(raw_items, list):
        raise UnexpectedResponseError(
            f"expected `_embedded.items` in the page from {url}", body=data
        )
    validate = _validator(item_type)
    try:
        items = [validate(item) for item in raw_items]
    except ValidationError as exc:
        raise UnexpectedResponseError(
            f"an item of the page from {url} does not match {item_type.__name__}: {exc}"
        ) from exc
    return _page(items, data, url, resolve)


def _decode(body: bytes, url: str) -> object:
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        raise UnexpectedResponseError(
            f"the page from {url} is not JSON", body=body[:1000].decode("utf-8", "replace")
        ) from None


def _page(items: list[M], data: Mapping[str, Any], url: str, resolve: LinkResolver) -> Page[M]:
    links = data.get("_links")
    links = links if isinstance(links, Mapping) else {}
    next_link = links.get("next")
    href = next_link.get("href") if isinstance(next_link, Mapping) else None
    count = data.get("items_count")
    current = data.get("current_page")
    return Page(
        items=items,
        items_count=count if isinstance(count, int) else None,
        current_page=current if isinstance(current, int) else None,
        next_url=resolve(href) if isinstance(href, str) and href else None,
        links=dict(links),
        url=url,
    )


def search_after_unless_paged(query: Mapping[str, object] | None) -> dict[str, object]:
    """The query with `pagination_type=search_after`, unless the caller chose a mode or asked for
    something only numbered pages give (`page`, `with_count`)."""
    chosen = dict(query or {})
    if (
        chosen.get("pagination_type") is None
        and chosen.get("page") is None
        and not chosen.get("with_count")
    ):
        chosen["pagination_type"] = "search_after"
    return chosen


_SKIP_MARK = "#skip="


def encode_cursor(url: str, skip: int) -> str:
    """The cursor of the position after `skip` items of the page at `url`."""
    return url if skip == 0 else f"{url}{_SKIP_MARK}{skip}"


def decode_cursor(cursor: str) -> tuple[str, int]:
    """(page link, items of that page already delivered); a plain link (skip 0) is accepted too."""
    url, mark, count = cursor.rpartition(_SKIP_MARK)
    if mark and count.isdigit() and url:
        return url, int(count)
    return cursor, 0


class PaginatorBase(Generic[M]):
    """Settings and progress of one paginator; `_pagination_async.py` adds the fetching."""

    def __init__(
        self,
        *,
        item_type: type[M],
        resolve: LinkResolver,
        start_url: str | None = None,
        operation_id: str = "",
    ) -> None:
        self._item_type = item_type
        self._resolve = resolve
        url, skip = decode_cursor(start_url) if start_url else (None, 0)
        self._start_url = resolve(url) if url else None
        self._start_skip = skip
        self._operation_id = operation_id
        # The position after the last item delivered: a page link and how many of its items
        # were delivered. Kept as two fields, the cursor string is only built when asked for.
        self._at_url: str | None = None
        self._at_skip = 0
        self._done = False

    @property
    def cursor(self) -> str | None:
        """Where the listing stands: None before the first item, then after every item a string
        that `resume_from(cursor)` continues from with exactly the next item (in this process or
        another one, later). Store it with your own progress; it is opaque, do not build it.

        Iterating `pages()`, it stands after the page just handed over.
        """
        if self._at_url is None:
            return None
        return encode_cursor(self._at_url, self._at_skip)

    @property
    def exhausted(self) -> bool:
        """True once the last page (the one without a next link) has been fetched."""
        return self._done

    def _record(self, page: Page[M]) -> None:
        self._done = page.next_url is None

    def _delivered(self, page: Page[M], count: int) -> None:
        """`count` items of `page` are now in the caller's hands."""
        if count >= len(page.items) and page.next_url is not None:
            self._at_url, self._at_skip = page.next_url, 0
        else:
            self._at_url, self._at_skip = page.url, count

    def __repr__(self) -> str:
        start = f" from {self._start_url}" if self._start_url else ""
        return f"<{type(self).__name__} {self._operation_id}{start}>"
