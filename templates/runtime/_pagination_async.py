# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""The paginator: lazy iteration over every page of a list, one page held at a time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

from ._pages import AsyncPageFetcher, LinkResolver, M, OnInvalid, Page, PaginatorBase, parse_page

__all__ = ["AsyncPaginator"]


class AsyncPaginator(PaginatorBase[M]):
    """Iterating yields every item of every page; `pages()` yields the pages. Nothing is sent before
    iteration starts, and each new iteration starts again from the beginning (or the resume point).
    """

    def __init__(
        self,
        fetch: AsyncPageFetcher,
        *,
        item_type: type[M],
        resolve: LinkResolver,
        start_url: str | None = None,
        operation_id: str = "",
        on_invalid: OnInvalid = "raise",
    ) -> None:
        super().__init__(
            item_type=item_type,
            resolve=resolve,
            start_url=start_url,
            operation_id=operation_id,
            on_invalid=on_invalid,
        )
        self._fetch = fetch

    async def _page_at(self, url: str | None) -> Page[M]:
        requested, data = await self._fetch(url)
        page = parse_page(data, self._item_type, requested, self._resolve, self._on_invalid)
        self._record(page)
        return page

    async def _walk(self) -> AsyncIterator[tuple[Page[M], int]]:
        """Every page with the number of its leading items already delivered before a resume."""
        url, skip = self._start_url, self._start_skip
        seen: set[int] = set()
        while True:
            page = await self._page_at(url)
            seen.add(hash(page.url))
            yield page, min(skip, len(page.items))
            next_url = self._follow(page, seen)
            if next_url is None:
                return
            url, skip = next_url, 0

    async def pages(self) -> AsyncIterator[Page[M]]:
        """Every page; after a resume, the first one holds only the items not yet delivered."""
        async for page, skip in self._walk():
            self._delivered(page, len(page.items))
            yield replace(page, items=page.items[skip:]) if skip else page

    async def __aiter__(self) -> AsyncIterator[M]:
        async for page, skip in self._walk():
            items = page.items
            for index in range(skip, len(items)):
                # Before handing the item over: a cursor read while it is processed is past it.
                self._delivered(page, index + 1)
                yield items[index]

    def resume_from(self, cursor: str | None) -> AsyncPaginator[M]:
        """A paginator that continues right after the item a saved `cursor` was read at (None:
        from the beginning). Same endpoint, filters and page size as this one."""
        return AsyncPaginator(
            self._fetch,
            item_type=self._item_type,
            resolve=self._resolve,
            start_url=cursor,
            operation_id=self._operation_id,
            on_invalid=self._on_invalid,
        )

    async def first_page(self) -> Page[M]:
        """Fetch only the first page (handy with `with_count=true` to read `items_count`); the
        cursor then stands after it."""
        page = await self._page_at(self._start_url)
        self._delivered(page, len(page.items))
        return replace(page, items=page.items[self._start_skip :]) if self._start_skip else page
