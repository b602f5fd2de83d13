"""The generated README lists the statuses the runtime retries, read from the runtime itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import render
from generator.build import build_api
from generator.load import load_spec
from generator.runtime_retry import RuntimeFactError, retried_statuses

from .helpers import BASE_ROOT, BASE_SCHEMAS, write_spec

RETRY_MODULE = render.RUNTIME / "_retry.py"
TABLE = "RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})"


def readme_with(runtime: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    spec = write_spec(tmp_path / "spec", {"openapi.yaml": BASE_ROOT, "schemas.yaml": BASE_SCHEMAS})
    monkeypatch.setattr(render, "RUNTIME", runtime)
    return render.render_package(build_api(load_spec(spec)), source="spec/openapi.yaml")[
        "README.md"
    ]


def test_the_statuses_are_read_from_the_runtime() -> None:
    assert TABLE in RETRY_MODULE.read_text("utf-8")  # the line the next tests edit
    assert retried_statuses(RETRY_MODULE) == [408, 429, 500, 502, 503, 504]


def test_the_readme_follows_a_change_of_the_runtime_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "runtime"
    shutil.copytree(render.RUNTIME, runtime)
    assert "408, 429, 500, 502, 503, 504 and connection errors are retried" in readme_with(
        runtime, tmp_path, monkeypatch
    )
    retry = runtime / "_retry.py"
    edited = retry.read_text("utf-8").replace(TABLE, TABLE.replace("408, 429", "429"))
    retry.write_text(edited, "utf-8")
    readme = readme_with(runtime, tmp_path, monkeypatch)
    assert "\n429, 500, 502, 503, 504 and connection errors are retried" in readme


def test_a_table_in_another_shape_is_reported(tmp_path: Path) -> None:
    module = tmp_path / "_retry.py"
    module.write_text("RETRYABLE_STATUSES = statuses()\n", "utf-8")
    with pytest.raises(RuntimeFactError, match="no `RETRYABLE_STATUSES = frozenset"):
        retried_statuses(module)
