"""What a generated `list()` asks for when the caller leaves pagination alone.

Akeneo's own defaults are 10 items per page and offset pages, which refuse to go past the 10,000th
item on products and product models (facts.md §4). A list method therefore asks for 100 items per
page (Akeneo's maximum on almost every list) and, where the endpoint has a `pagination_type` with
`search_after`, for search_after. Both are read from the parameters the spec declares; no extension.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final, Literal

from ..ir import Parameter
from ..naming import docstring

PAGE_SIZE: Final = 100
# How the endpoint pages: search_after chosen by the client, search_after as its only way,
# numbered pages only, or neither (a list without paging parameters).
Paging = Literal["search_after", "search_after_only", "page", "none"]

_NOTES: Final[dict[Paging, str]] = {
    "search_after": (
        "Lists with search_after by default, as Akeneo recommends for exports: offset pages stop "
        'at the 10,000th item. `pagination_type="page"` (implied by `page` or `with_count`) '
        "asks for numbered pages."
    ),
    "search_after_only": "Lists with search_after, the only way this endpoint pages.",
    "page": "Lists with numbered pages (offset), the only way this endpoint pages.",
    "none": "",
}


def for_list(
    params: tuple[Parameter, ...], notes: list[str]
) -> tuple[tuple[Parameter, ...], Paging, list[str]]:
    """A list's parameters with the page size default, how it pages, and its notes with that."""
    mode = paging(params)
    text = note(mode)
    return with_page_size(params), mode, [*notes, text] if text else notes


def paging(params: tuple[Parameter, ...]) -> Paging:
    by_wire = {param.wire_name: param for param in params}
    mode = by_wire.get("pagination_type")
    if mode is not None and "search_after" in mode.choices:
        return "search_after"
    if "search_after" in by_wire:
        return "search_after_only"
    if "page" in by_wire:
        return "page"
    return "none"


def with_page_size(params: tuple[Parameter, ...]) -> tuple[Parameter, ...]:
    """`limit` defaults to 100 (or the endpoint's maximum when lower), said in its description."""
    return tuple(_page_size(param) if param.wire_name == "limit" else param for param in params)


def _page_size(param: Parameter) -> Parameter:
    if param.required:
        return param
    size = PAGE_SIZE if param.maximum is None else min(PAGE_SIZE, param.maximum)
    if param.maximum is None or param.maximum == PAGE_SIZE:
        why = "Akeneo's maximum"
    elif param.maximum < PAGE_SIZE:
        why = "this endpoint's maximum"
    else:
        why = f"as on other lists (this one allows up to {param.maximum})"
    text = f"{param.description} Client default: {size}, {why}; None leaves it to the server."
    return replace(param, client_default=str(size), description=docstring(text))


def note(mode: Paging) -> str | None:
    text = _NOTES[mode]
    return docstring(text) if text else None
