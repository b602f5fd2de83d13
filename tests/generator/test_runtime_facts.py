"""Facts about the runtime are read from the runtime: the generator keeps no copy of them."""

from __future__ import annotations

import ast
import shutil
import textwrap
from pathlib import Path

import pytest

from generator import runtime_facts
from generator.build import build_api
from generator.load import load_spec
from generator.render import render_package
from generator.runtime_facts import (
    RUNTIME,
    RuntimeFactError,
    exception_for,
    module_of,
    status_classes,
)

from .helpers import BASELINE_SPEC, ROOT


def test_status_classes_are_the_runtime_table() -> None:
    from akeneo_pim import _errors  # the generated copy of templates/runtime (make check)

    expected = {str(status): cls.__name__ for status, cls in _errors._STATUS_CLASSES.items()}
    assert status_classes() == expected
    assert exception_for("404") == "NotFoundError"
    assert exception_for("503") == "InternalServerError"
    assert exception_for("418") == "APIStatusError"
    for fallback in ("InternalServerError", "APIStatusError"):
        assert module_of(fallback) == "_errors"


def test_the_contract_suite_expects_the_runtime_table() -> None:
    """tests/contract/support.py keeps its own table on purpose (written from CONTRACT.md, not
    from the generator): it must still agree with the runtime."""
    source = (ROOT / "tests" / "contract" / "support.py").read_text(encoding="utf-8")
    table = next(
        node.value
        for node in ast.parse(source).body
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.target.id == "EXCEPTIONS"
    )
    assert isinstance(table, ast.Dict)
    contract = {
        str(key.value): value.attr
        for key, value in zip(table.keys, table.values, strict=True)
        if isinstance(key, ast.Constant) and isinstance(value, ast.Attribute)
    }
    assert contract == status_classes()


def _runtime_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "runtime"
    shutil.copytree(RUNTIME, copy)
    return copy


def test_a_status_changed_in_the_runtime_changes_the_raised_class(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = _runtime_copy(tmp_path)
    errors = runtime / "_errors.py"
    text = errors.read_text(encoding="utf-8")
    errors.write_text(
        text.replace("    404: NotFoundError,", "    404: MissingError,\n    418: X,")
    )
    monkeypatch.setattr(runtime_facts, "RUNTIME", runtime)
    assert exception_for("404") == "MissingError"
    assert exception_for("418") == "X"
    widgets = render_package(build_api(load_spec(BASELINE_SPEC)), source="spec/openapi.yaml")[
        "akeneo_pim/resources/widgets.py"
    ]
    assert "MissingError:" in widgets and "NotFoundError" not in widgets


def _errors_module(tmp_path: Path, name: str, text: str) -> Path:
    """A runtime directory holding only an `_errors.py` (a new directory: reads are cached)."""
    runtime = tmp_path / name
    runtime.mkdir()
    (runtime / "_errors.py").write_text(textwrap.dedent(text), encoding="utf-8")
    return runtime


def test_the_table_is_read_however_it_is_spelled(tmp_path: Path) -> None:
    spelled = """\
        from . import classes
        _STATUS_CLASSES = {404: classes.NotFound, "409": Conflict}
        """
    assert status_classes(_errors_module(tmp_path, "plain", spelled)) == {
        "404": "NotFound",
        "409": "Conflict",
    }
    called = _errors_module(tmp_path, "called", "_STATUS_CLASSES = dict(a=1)\n")
    with pytest.raises(RuntimeFactError, match="no literal dict"):
        status_classes(called)
    missing = _errors_module(tmp_path, "missing", "STATUS = {}\n")
    with pytest.raises(RuntimeFactError, match="no _STATUS_CLASSES"):
        status_classes(missing)


def test_a_class_moved_in_the_runtime_is_imported_from_its_new_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = _runtime_copy(tmp_path)
    (runtime / "_results.py").rename(runtime / "_outcomes.py")
    monkeypatch.setattr(runtime_facts, "RUNTIME", runtime)
    files = render_package(build_api(load_spec(BASELINE_SPEC)), source="spec/openapi.yaml")
    widgets = files["akeneo_pim/resources/widgets.py"]
    assert "from .._outcomes import WriteResult\n" in widgets
    assert "_results" not in widgets


def test_a_name_the_runtime_defines_twice_is_refused(tmp_path: Path) -> None:
    runtime = _runtime_copy(tmp_path)
    (runtime / "_extra.py").write_text("class WriteResult:\n    pass\n")
    with pytest.raises(RuntimeFactError, match="'WriteResult' in _extra, _results"):
        module_of("WriteResult", runtime)
    with pytest.raises(RuntimeFactError, match="'Nowhere' nowhere"):
        module_of("Nowhere", runtime)
