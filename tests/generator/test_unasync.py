"""The sync runtime is derived from the async one, and `check` fails when a derived file drifts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator import pipeline, unasync
from generator.render import RUNTIME

from .helpers import REAL_SPEC, run_cli

SOURCE = '''\
# Runtime header.
"""Fetches things; _fetch_async.py is the source of _fetch_sync.py."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

from ._flavours import AsyncLock, async_sleep
from ._thing_async import AsyncThing


class AsyncFetcher:
    """Uses an `AsyncThing` and closes it with `aclose`."""

    def __init__(self, thing: AsyncThing) -> None:
        self._lock = AsyncLock()  # one at a time
        self._thing = thing

    async def fetch(self, get: Callable[[], object]) -> object:
        async with self._lock:
            await async_sleep(0.1)
            return await self._thing.fetch(get)

    async def __aiter__(self) -> AsyncIterator[object]:
        async for page in self._thing.pages():
            for item in page:
                yield item

    async def aclose(self) -> None:
        await self._thing.aclose()
'''

EXPECTED = '''\
# Derived by akeneo-codegen from _fetch_async.py (unasync): edit that file, then make generate.
"""Fetches things; _fetch_async.py is the source of _fetch_sync.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ._flavours import SyncLock, sync_sleep
from ._thing_sync import SyncThing


class SyncFetcher:
    """Uses an `SyncThing` and closes it with `close`."""

    def __init__(self, thing: SyncThing) -> None:
        self._lock = SyncLock()  # one at a time
        self._thing = thing

    def fetch(self, get: Callable[[], object]) -> object:
        with self._lock:
            sync_sleep(0.1)
            return self._thing.fetch(get)

    def __iter__(self) -> Iterator[object]:
        for page in self._thing.pages():
            yield from page

    def close(self) -> None:
        self._thing.close()
'''
RENAMES = {**unasync.RENAMES, "AsyncFetcher": "SyncFetcher", "AsyncThing": "SyncThing"}
MODULES = {"_thing_async": "_thing_sync", "_fetch_async": "_fetch_sync"}


def test_keywords_go_names_get_their_sync_twin_and_imports_stay_sorted() -> None:
    assert unasync.derive(SOURCE, "_fetch_async.py", RENAMES, MODULES) == EXPECTED


def test_an_async_name_without_a_twin_is_refused_with_the_place_and_the_fix() -> None:
    source = "# Header.\nasync def run(client: AsyncWidget) -> None:\n    await client.go()\n"
    with pytest.raises(unasync.UnasyncError) as info:
        unasync.derive(source, "_run_async.py", unasync.RENAMES)
    message = str(info.value)
    assert "_run_async.py:2: `AsyncWidget` has no sync twin" in message
    assert "RENAMES in generator/unasync.py" in message


def test_every_rename_is_used_by_the_runtime() -> None:
    """An entry no source needs any more is dead weight that hides real renames."""
    sources = "\n".join(pair.source.read_text("utf-8") for pair in unasync.pairs(RUNTIME))
    unused = [name for name in unasync.RENAMES if not re.search(rf"\b{name}\b", sources)]
    assert unused == []


def test_each_async_runtime_module_has_its_committed_sync_twin() -> None:
    pairs = unasync.pairs(RUNTIME)
    assert {pair.source.name for pair in pairs} >= {
        "_auth_async.py",
        "_client_async.py",
        "_pagination_async.py",
    }
    assert unasync.stale_derived(RUNTIME) == []
    for pair in pairs:
        first = pair.derived.read_text("utf-8").split("\n", 1)[0]
        assert first == unasync.header(pair.source.name)


@pytest.fixture
def runtime_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CLI working on a copy of templates/runtime, so that tests may edit it."""
    copy = tmp_path / "runtime"
    shutil.copytree(RUNTIME, copy)
    monkeypatch.setattr(pipeline, "RUNTIME", copy)
    return copy


def test_check_fails_on_a_hand_edited_derived_file_naming_it_and_the_fix(
    runtime_copy: Path,
) -> None:
    derived = runtime_copy / "_client_sync.py"
    derived.write_text(derived.read_text("utf-8") + "\n# a quick fix\n", "utf-8")
    result = run_cli("check", REAL_SPEC)
    assert result.exit_code == 1
    assert f"error: {derived} differs from what _client_async.py gives" in result.stderr
    assert "make the change in _client_async.py instead, then run `make generate`" in result.stderr


def test_check_fails_on_a_missing_derived_file(runtime_copy: Path) -> None:
    (runtime_copy / "_auth_sync.py").unlink()
    result = run_cli("check", REAL_SPEC)
    assert result.exit_code == 1
    assert "_auth_sync.py is missing: it is derived from _auth_async.py" in result.stderr


def test_generate_rewrites_the_derived_file(runtime_copy: Path, tmp_path: Path) -> None:
    derived = runtime_copy / "_pagination_sync.py"
    expected = derived.read_text("utf-8")
    derived.write_text("# stale\n", "utf-8")
    result = run_cli("generate", REAL_SPEC, "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert derived.read_text("utf-8") == expected


def test_generate_refuses_a_source_that_cannot_be_derived(runtime_copy: Path) -> None:
    source = runtime_copy / "_auth_async.py"
    source.write_text(source.read_text("utf-8") + "\nWIDGET = AsyncWidget\n", "utf-8")
    result = run_cli("generate", REAL_SPEC, "-o", str(runtime_copy.parent / "out"))
    assert result.exit_code == 1
    assert "`AsyncWidget` has no sync twin" in result.stderr
    assert not (runtime_copy.parent / "out").exists()
