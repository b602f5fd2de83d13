"""The pytest plugin as a user's test suite loads it: its fixtures in a separate pytest run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import GENERATED

USER_TESTS = """
import pytest
from akeneo_pim import Akeneo, AsyncAkeneo, UnprocessableEntityError
from akeneo_pim.testing import FakeAkeneo


def my_sync_job(akeneo: Akeneo) -> int:
    return akeneo.products.upsert_many(
        {"identifier": f"p{n}", "family": "shoes"} for n in range(5)
    ).ok_count


def test_my_job(akeneo: Akeneo, akeneo_fake: FakeAkeneo) -> None:
    akeneo.families.upsert("shoes", {"attribute_as_label": "sku"})
    assert my_sync_job(akeneo) == 5
    assert len(akeneo_fake.items("products_uuid")) == 5


def test_a_fresh_fake_per_test(akeneo: Akeneo) -> None:
    assert list(akeneo.products_uuid.list()) == []
    with pytest.raises(UnprocessableEntityError):
        akeneo.products.upsert("p1", {"family": "shoes"})


@pytest.mark.anyio
async def test_async(async_akeneo: AsyncAkeneo) -> None:
    assert (await async_akeneo.channels.get("ecommerce")).code == "ecommerce"
"""


def test_the_plugin_gives_fresh_fixtures_to_a_users_tests(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(USER_TESTS)
    env = {**os.environ, "PYTHONPATH": str(GENERATED)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "akeneo_pim.testing.pytest_plugin",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "test_user.py",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout
