# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""The paginator: lazy iteration over every page of a list, one page held (two with prefetch)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

from ._flavours import AsyncAhead
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
        prefetch: bool = True,
    ) -> None:
        super().__init__(
            item_type=item_type,
            resolve=resolve,
            start_url=start_url,
            operation_id=operation_id,
            on_invalid=on_invalid,
        )
        self._fetch = fetch
        self._prefetch = prefetch

    async def _page_at(self, url: str | None) -> Page[M]:
        return self._parsed(await self._fetch(url))

    def _parsed(self, fetched: tuple[str, object]) -> Page[M]:
        requested, data = fetched
        page = parse_page(data, self._item_type, requested, self._resolve, self._on_invalid)
        self._record(page)
        return page

    async def _walk(self) -> AsyncIterator[tuple[Page[M], int]]:
        """Every page with the number of its leading items already delivered before a resume.

        With prefetch, the next page's request starts before a page is handed over, so it is
        in flight while the caller works: at most one page ahead, sent through the client like
        any other (retries, concurrency limit). A link that cannot be followed still raises
        only after the page's items are delivered.
        """
        url, skip = self._start_url, self._start_skip
        seen: set[int] = set()
        ahead: AsyncAhead[tuple[str, object]] | None = None
        try:
            while True:
                if ahead is None:
                    page = await self._page_at(url)
                else:
                    page = self._parsed(await ahead.result())
                    ahead = None
                seen.add(hash(page.url))
                next_url: str | None = None
                link_error: Exception | None = None
                try:
                    next_url = self._follow(page, seen)
                except Exception as exc:  # raised once this page is delivered
                    link_error = exc
                if next_url is not None and self._prefetch:
                    ahead = AsyncAhead(self._fetch, next_url)
                yield page, min(skip, len(page.items))
                if link_error is not None:
                    raise link_error
                if next_url is None:
                    return
                url, skip = next_url, 0
        finally:
            if ahead is not None:  # the iteration was abandoned or failed: drop the page ahead
                ahead.cancel()

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
            prefetch=self._prefetch,
        )

    async def first_page(self) -> Page[M]:
        """Fetch only the first page (handy with `with_count=true` to read `items_count`); the
        cursor then stands after it."""
        page = await self._page_at(self._start_url)
        self._delivered(page, len(page.items))
        return replace(page, items=page.items[self._start_skip :]) if self._start_skip else page
