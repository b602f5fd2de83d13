"""The generated README's export, resume, incremental-sync and import-with-progress examples,
run as written against a server on 127.0.0.1 (only the names they leave to the reader are
filled in)."""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, ClassVar

import pytest
from akeneo_pim import Akeneo

from tests.conftest import GENERATED
from tests.runtime.local_pim import LocalPIM, product, running

BLOCKS = re.findall(r"```python\n(.*?)```", (GENERATED / "README.md").read_text(), re.S)


def block_with(text: str) -> str:
    [found] = [block for block in BLOCKS if text in block]
    return found


@pytest.fixture(scope="module")
def server() -> Iterator[LocalPIM]:
    with running(LocalPIM([product(i) for i in range(250)])) as pim:
        yield pim


@pytest.mark.parametrize("stop_after", [0, 1, 99, 100, 150, 249, 250])
def test_the_export_and_resume_example(server: LocalPIM, stop_after: int) -> None:
    saved: list[str] = []
    with Akeneo(**server.settings()) as akeneo:
        namespace: dict[str, Any] = {
            "akeneo": akeneo,
            "save": lambda item: saved.append(item.uuid),
            "time_is_up": lambda: len(saved) >= stop_after,
        }
        exec(block_with("resume_from(checkpoint)"), namespace)
    # cut after the item that made time_is_up() true (or never, at 250): each item exactly once
    assert saved == [product(i)["uuid"] for i in range(250)]


class FakeBar:
    """What the example uses of tqdm: a context manager with `n`, `total` and `update`."""

    made: ClassVar[list[FakeBar]] = []

    def __init__(self, *, total: int | None = None, unit: str = "") -> None:
        self.total, self.n = total, 0
        FakeBar.made.append(self)

    def __enter__(self) -> FakeBar:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def update(self, count: int) -> None:
        self.n += count


def test_the_import_with_progress_example(
    server: LocalPIM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", types.SimpleNamespace(tqdm=FakeBar))
    monkeypatch.chdir(tmp_path)
    rows = [{"uuid": f"u{n}", "values": {}} for n in range(230)]
    with Akeneo(**server.settings()) as akeneo:
        namespace: dict[str, Any] = {"akeneo": akeneo, "rows": lambda: iter(rows)}
        exec(block_with("on_progress="), namespace)
    report = namespace["report"]
    assert len(report) == 230 and report.ok
    assert FakeBar.made[-1].n == FakeBar.made[-1].total == 230
    logged = (tmp_path / "done.log").read_text().split()  # in the order requests were answered
    assert sorted(logged) == sorted(f"u{n}" for n in range(230))


def test_the_nightly_incremental_sync_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    def stamp(minutes_ago: float) -> str:
        return (datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)).isoformat()

    catalogue = [product(i, "2026-01-01T00:00:00+00:00") for i in range(120)]
    catalogue[3] = product(3, stamp(1))  # updated just before the first run: inside its overlap
    with running(LocalPIM(catalogue)) as pim, Akeneo(**pim.settings()) as akeneo:
        nightly = block_with("listing.checkpoint.to_str()")

        def run() -> list[str]:
            saved: list[str] = []
            exec(nightly, {"akeneo": akeneo, "save": lambda item: saved.append(item.uuid)})
            return saved

        assert run() == [item["uuid"] for item in catalogue]  # first run: everything
        pim.products[7] = product(7, stamp(0))
        pim.products.append(product(500, stamp(0)))
        # product 3 is listed again by the server (overlap) but left out as already delivered
        assert sorted(run()) == sorted([product(7)["uuid"], product(500)["uuid"]])
        assert run() == []
