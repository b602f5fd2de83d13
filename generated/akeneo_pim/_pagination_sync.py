# Derived by akeneo-codegen from _pagination_async.py (unasync): edit that file, then make generate.
"""The paginator: lazy iteration over every page of a list, one page held at a time."""

from __future__ import annotations

from collections.abc import Iterator

from ._pages import LinkResolver, M, Page, PaginatorBase, SyncPageFetcher, parse_page

__all__ = ["SyncPaginator"]


class SyncPaginator(PaginatorBase[M]):
    """Iterating yields every item of every page; `pages()` yields the pages. Nothing is sent before
    iteration starts, and each new iteration starts again from the beginning (or the resume point).
    """

    def __init__(
        self,
        fetch: SyncPageFetcher,
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

    def _page_at(self, url: str | None) -> Page[M]:
        requested, data = self._fetch(url)
        page = parse_page(data, self._item_type, requested, self._resolve)
        self._record(page)
        return page

    def pages(self) -> Iterator[Page[M]]:
        url = self._start_url
        while True:
            page = self._page_at(url)
            yield page
            if page.next_url is None:
                return
            url = page.next_url

    def __iter__(self) -> Iterator[M]:
        for page in self.pages():
            yield from page.items

    def resume_from(self, cursor: str) -> SyncPaginator[M]:
        """A paginator that starts at a saved `cursor` (a next link) instead of the first page."""
        return SyncPaginator(
            self._fetch,
            item_type=self._item_type,
            resolve=self._resolve,
            start_url=cursor,
            operation_id=self._operation_id,
        )

    def first_page(self) -> Page[M]:
        """Fetch only the first page (handy with `with_count=true` to read `items_count`)."""
        return self._page_at(self._start_url)
