# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""The paginator: lazy iteration over every page of a list, one page held at a time."""

from __future__ import annotations

from collections.abc import AsyncIterator

from ._pages import AsyncPageFetcher, LinkResolver, M, Page, PaginatorBase, parse_page

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
    ) -> None:
        super().__init__(
            item_type=item_type, resolve=resolve, start_url=start_url, operation_id=operation_id
        )
        self._fetch = fetch

    async def _page_at(self, url: str | None) -> Page[M]:
        requested, data = await self._fetch(url)
        page = parse_page(data, self._item_type, requested, self._resolve)
        self._record(page)
        return page

    async def pages(self) -> AsyncIterator[Page[M]]:
        url = self._start_url
        while True:
            page = await self._page_at(url)
            yield page
            if page.next_url is None:
                return
            url = page.next_url

    async def __aiter__(self) -> AsyncIterator[M]:
        async for page in self.pages():
            for item in page.items:
                yield item

    def resume_from(self, cursor: str) -> AsyncPaginator[M]:
        """A paginator that starts at a saved `cursor` (a next link) instead of the first page."""
        return AsyncPaginator(
            self._fetch,
            item_type=self._item_type,
            resolve=self._resolve,
            start_url=cursor,
            operation_id=self._operation_id,
        )

    async def first_page(self) -> Page[M]:
        """Fetch only the first page (handy with `with_count=true` to read `items_count`)."""
        return await self._page_at(self._start_url)
