"""`make docs-test`: the built site in headless Chromium, served from SITE on 127.0.0.1.

`python -m tests.docs.browser SITE SHOTS [--chromium PATH]` loads the home page, types
`upsert_many` into the search box, follows the first result, then loads every page of SITE and
checks every internal link (the file it names exists, and so does the anchor on the target page).
Any console error, page error, failed request or broken link fails the run. Screenshots go to
SHOTS. Playwright drives the system's Chromium (no browser download).
"""

from __future__ import annotations

import argparse
import functools
import sys
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from playwright.sync_api import ConsoleMessage, Error, Page, sync_playwright

SEARCH_TERM = "upsert_many"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> ThreadingHTTPServer:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def page_url(base: str, html: Path, site: Path) -> str:
    relative = html.relative_to(site).as_posix()
    return f"{base}/{relative.removesuffix('index.html')}"


def target_file(site: Path, path: str) -> Path:
    """The file of SITE a URL path names (a directory URL names its index.html)."""
    local = site / unquote(path).lstrip("/")
    return local / "index.html" if path.endswith("/") or local.is_dir() else local


class Check:
    def __init__(self, site: Path, shots: Path, base: str) -> None:
        self.site, self.shots, self.base = site, shots, base
        self.problems: list[str] = []
        self.ids: dict[Path, set[str]] = {}  # page file -> ids of its elements
        self.links: list[tuple[str, str]] = []  # (page url, absolute href)

    def watch(self, page: Page) -> None:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                self.problems.append(f"console error on {page.url}: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", self._page_error(page))
        page.on(
            "requestfailed",
            lambda request: (
                None  # a request cut short by leaving the page (the search worker) is no failure
                if request.failure == "net::ERR_ABORTED"
                else self.problems.append(f"request failed: {request.url} ({request.failure})")
            ),
        )
        page.on(
            "response",
            lambda response: (
                self.problems.append(f"{response.status} for {response.url}")
                if response.status >= 400 and response.url.startswith(self.base)
                else None
            ),
        )

    def _page_error(self, page: Page) -> Callable[[Error], None]:
        return lambda error: self.problems.append(f"page error on {page.url}: {error}")

    def search(self, page: Page) -> str:
        page.goto(self.base + "/", wait_until="networkidle")
        page.screenshot(path=str(self.shots / "home.png"))
        page.click("input.md-search__input")
        page.keyboard.type(SEARCH_TERM, delay=20)  # as a reader types it
        first = page.locator(".md-search-result__item a").first
        first.wait_for(state="visible", timeout=15_000)
        page.screenshot(path=str(self.shots / "search.png"))
        href = first.get_attribute("href") or ""
        first.click()
        page.wait_for_load_state("load")
        body = page.inner_text("body")
        if SEARCH_TERM not in body:
            self.problems.append(f"first result for {SEARCH_TERM} ({page.url}) does not mention it")
        page.screenshot(path=str(self.shots / "first-result.png"))
        return href

    def crawl(self, page: Page) -> int:
        pages = sorted(self.site.rglob("*.html"))
        for html in pages:
            page.goto(page_url(self.base, html, self.site), wait_until="load")
            self.ids[html] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
            for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
                self.links.append((page.url, href))
        return len(pages)

    def check_links(self) -> int:
        checked = 0
        for source, href in self.links:
            if not href.startswith(self.base):
                continue  # another site: not ours to check
            checked += 1
            address, fragment = urldefrag(href)
            target = target_file(self.site, urlsplit(address).path)
            if not target.is_file():
                self.problems.append(f"{source}: broken link {href}")
            elif fragment and target in self.ids and unquote(fragment) not in self.ids[target]:
                self.problems.append(f"{source}: no anchor #{fragment} on {target.name} ({href})")
        return checked


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("shots", type=Path)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    args.shots.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    server = serve(args.site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    check = Check(args.site.resolve(), args.shots, base)
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=args.chromium, headless=True, args=["--no-sandbox"]
            )
            page = browser.new_page()
            check.watch(page)
            first = check.search(page)
            pages = check.crawl(page)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    links = check.check_links()
    elapsed = time.monotonic() - started
    print(
        f"docs-test: {pages} pages, {links} internal links checked, first result for "
        f"{SEARCH_TERM!r}: {first}, screenshots in {args.shots}/, {elapsed:.1f} s"
    )
    for problem in check.problems:
        print(f"  {problem}", file=sys.stderr)
    return 1 if check.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
