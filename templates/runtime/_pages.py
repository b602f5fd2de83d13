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
from typing import Any, Generic, Literal, TypeVar, cast

from pydantic import ConfigDict, PydanticSchemaGenerationError, TypeAdapter, ValidationError
from typing_extensions import Required, TypedDict

from ._errors import AkeneoError, CatalogUnavailableError, InvalidLinkError, UnexpectedResponseError
from ._logging import logger

__all__ = ["InvalidItem", "OnInvalid", "Page", "PaginatorBase", "parse_page"]

# Items are usually models, but some lists hold plain values (the uuids of a catalog).
M = TypeVar("M")

# url (None: the endpoint's first request) -> (absolute url requested, decoded JSON)
SyncPageFetcher = Callable[[str | None], tuple[str, object]]
AsyncPageFetcher = Callable[[str | None], Awaitable[tuple[str, object]]]
LinkResolver = Callable[[str], str]
# What to do with an item that does not fit its model: raise (the default), leave it out, or
# deliver it unvalidated (`model_construct`: the fields as the server sent them).
OnInvalid = Literal["raise", "skip", "raw"]
_ON_INVALID: tuple[OnInvalid, ...] = ("raise", "skip", "raw")
_KEYS = ("uuid", "identifier", "code")


@dataclass(frozen=True, slots=True)
class InvalidItem:
    """An item that did not fit its model, skipped or delivered raw (`on_invalid`)."""

    url: str  # of its page
    index: int  # 0-based position on that page
    key: str | None  # its uuid, identifier or code, when it has one
    message: str  # what pydantic found wrong
    raw: object = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Page(Generic[M]):
    """One page of a list. `next_url` is absolute (already resolved against the base URL)."""

    items: list[M]
    items_count: int | None = None
    current_page: int | None = None
    next_url: str | None = None
    links: Mapping[str, Any] = field(default_factory=dict)
    url: str | None = None
    # A next link that cannot be followed (malformed, another host): raised once the page's
    # items are delivered, so the listing never ends as if it were finished.
    next_error: AkeneoError | None = field(default=None, repr=False, compare=False)
    invalid: tuple[InvalidItem, ...] = ()  # items left out or delivered raw (on_invalid)

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
            # cache_strings="keys": pydantic-core's JSON parser otherwise caches every short string
            # value (uuids, labels) in a process-wide cache that grows over the first pages.
            _ENVELOPES[item_type] = TypeAdapter(
                cast(Any, _Envelope)[item_type], config=ConfigDict(cache_strings="keys")
            )
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


def parse_page(
    data: object,
    item_type: type[M],
    url: str,
    resolve: LinkResolver,
    on_invalid: OnInvalid = "raise",
) -> Page[M]:
    """A page from the raw body (bytes) or from decoded JSON.

    Raw bytes go straight through pydantic's JSON parser with the item type: for big pages of
    products this costs about half of decoding with `json` and validating afterwards. Anything
    that does not fit (a disabled catalog's `{"error": ...}`, a malformed page, an item that does
    not match its model) takes the slow path, which says precisely what is wrong.
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
    items, invalid = _items(raw_items, item_type, url, on_invalid)
    return _page(items, data, url, resolve, invalid)


def _items(
    raw_items: list[Any], item_type: type[M], url: str, on_invalid: OnInvalid
) -> tuple[list[M], tuple[InvalidItem, ...]]:
    validate = _validator(item_type)
    items: list[M] = []
    invalid: list[InvalidItem] = []
    for index, raw in enumerate(raw_items):
        try:
            items.append(validate(raw))
            continue
        except ValidationError as exc:
            found = InvalidItem(url, index, _key(raw), _short(exc), raw)
        if on_invalid == "raise":
            who = f" ({found.key})" if found.key else ""
            raise UnexpectedResponseError(
                f"item {index}{who} of the page from {url} does not match "
                f"{item_type.__name__}: {found.message}; pass on_invalid='skip' or 'raw' to go on",
                body=raw,
            )
        invalid.append(found)
        logger.warning(
            "%s item %d%s of %s: does not match %s: %s",
            "skipped" if on_invalid == "skip" else "delivered unvalidated",
            index,
            f" ({found.key})" if found.key else "",
            url,
            item_type.__name__,
            found.message,
        )
        if on_invalid == "raw":
            items.append(_unvalidated(item_type, raw))
    return items, tuple(invalid)


def _key(raw: object) -> str | None:
    if isinstance(raw, Mapping):
        for name in _KEYS:
            value = raw.get(name)
            if isinstance(value, str | int) and not isinstance(value, bool):
                return str(value)
    return None


def _short(error: ValidationError) -> str:
    parts = [
        f"{'.'.join(str(part) for part in detail['loc']) or 'item'}: {detail['msg']}"
        for detail in error.errors()[:3]
    ]
    more = error.error_count() - len(parts)
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def _unvalidated(item_type: type[M], raw: object) -> M:
    """The item as sent: a model built without validation, or the value itself."""
    construct = getattr(item_type, "model_construct", None)
    if callable(construct) and isinstance(raw, Mapping):
        return cast(M, construct(**raw))
    return cast(M, raw)


def check_on_invalid(value: str) -> OnInvalid:
    if value not in _ON_INVALID:
        raise ValueError(f"on_invalid must be one of {', '.join(_ON_INVALID)}, not {value!r}")
    return value


def _decode(body: bytes, url: str) -> object:
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        raise UnexpectedResponseError(
            f"the page from {url} is not JSON", body=body[:1000].decode("utf-8", "replace")
        ) from None


def _page(
    items: list[M],
    data: Mapping[str, Any],
    url: str,
    resolve: LinkResolver,
    invalid: tuple[InvalidItem, ...] = (),
) -> Page[M]:
    links = data.get("_links")
    links = links if isinstance(links, Mapping) else {}
    next_url, next_error = _next_link(links.get("next"), url, resolve)
    count = data.get("items_count")
    current = data.get("current_page")
    return Page(
        items=items,
        items_count=count if isinstance(count, int) else None,
        current_page=current if isinstance(current, int) else None,
        next_url=next_url,
        links=dict(links),
        url=url,
        next_error=next_error,
        invalid=invalid,
    )


def _next_link(
    link: object, url: str, resolve: LinkResolver
) -> tuple[str | None, AkeneoError | None]:
    """The next page's absolute URL, or why it cannot be followed; (None, None) on the last page."""
    if link is None:
        return None, None
    href = link.get("href") if isinstance(link, Mapping) else None
    if not isinstance(href, str) or not href.strip():
        return None, InvalidLinkError(f"the page from {url} has a malformed next link: {link!r}")
    try:
        return resolve(href), None
    except InvalidLinkError as exc:
        return None, exc


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
        on_invalid: OnInvalid = "raise",
    ) -> None:
        self._on_invalid = check_on_invalid(on_invalid)
        # Every item left out or delivered raw so far (on_invalid="skip" or "raw"), in order.
        self.invalid_items: list[InvalidItem] = []
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
        self._done = page.next_url is None and page.next_error is None
        self.invalid_items.extend(page.invalid)

    @staticmethod
    def _follow(page: Page[M], seen: set[int]) -> str | None:
        """The next URL to fetch once `page` is delivered; a link that cannot be followed raises.

        `seen` holds a hash of each URL fetched in this listing (a few bytes per page, however
        long the export): a next link back to one of them would loop forever.
        """
        if page.next_error is not None:
            raise page.next_error
        url = page.next_url
        if url is None:
            return None
        if hash(url) in seen:
            raise InvalidLinkError(
                f"the next link of the page from {page.url} leads back to {url}, already fetched "
                "in this listing; stopping instead of looping"
            )
        seen.add(hash(url))
        return url

    def _delivered(self, page: Page[M], count: int) -> None:
        """`count` items of `page` are now in the caller's hands."""
        if count >= len(page.items) and page.next_url is not None:
            self._at_url, self._at_skip = page.next_url, 0
        else:
            self._at_url, self._at_skip = page.url, count

    def __repr__(self) -> str:
        start = f" from {self._start_url}" if self._start_url else ""
        return f"<{type(self).__name__} {self._operation_id}{start}>"
