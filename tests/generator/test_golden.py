"""The baseline spec's output, byte for byte against tests/golden/expected, and sound code.

When a change of the generator or templates is intended: `make golden`, review the diff, commit it.
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.document import iter_operations, resolve
from generator.load import load_spec
from generator.naming import class_name
from generator.pipeline import produce
from generator.render import runtime_files
from generator.write import read_tree, write_tree
from tests.golden import regenerate

from .helpers import BASELINE_SPEC, BIN, EXPECTED, ROOT, tree_digest


@pytest.fixture(scope="module")
def fresh() -> dict[str, bytes]:
    return produce(BASELINE_SPEC)


@pytest.fixture(scope="module")
def baseline_output(fresh: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("baseline") / "out"
    write_tree(out, fresh)
    return out


def describe_drift(expected: dict[str, bytes], actual: dict[str, bytes]) -> list[str]:
    report = []
    for path in sorted(expected.keys() | actual.keys()):
        if path not in actual:
            report.append(f"missing from the fresh output: {path}")
        elif path not in expected:
            report.append(f"extra in the fresh output (not in tests/golden/expected): {path}")
        elif expected[path] != actual[path]:
            diff = difflib.unified_diff(
                expected[path].decode().splitlines(keepends=True),
                actual[path].decode().splitlines(keepends=True),
                fromfile=f"expected/{path}",
                tofile=f"fresh/{path}",
            )
            report.append("".join(diff))
    return report


def test_baseline_output_matches_the_golden_copy(fresh: dict[str, bytes]) -> None:
    expected = read_tree(EXPECTED)
    assert expected, "tests/golden/expected is empty: run `make golden`"
    # the runtime is not kept twice: it must be templates/runtime, byte for byte
    runtime = runtime_files()
    assert {path: fresh[path] for path in runtime} == runtime
    drift = describe_drift(expected, regenerate.rendered_only(fresh))
    assert (
        not drift
    ), "the output drifted from tests/golden/expected (`make golden` if intended):\n" + "\n".join(
        drift
    )


def test_golden_copy_covers_every_construct(fresh: dict[str, bytes]) -> None:
    """Guards the baseline: a construct dropped from the spec would silently shrink the test."""
    widgets = fresh["akeneo_pim/resources/widgets.py"].decode()
    media = fresh["akeneo_pim/resources/media_files.py"].decode()
    system = fresh["akeneo_pim/resources/system.py"].decode()
    models = fresh["akeneo_pim/models.py"].decode()
    params = fresh["akeneo_pim/params.py"].decode()
    for call in ("paginate", "fetch_model", "fetch_list", "write", "delete", "upsert_many"):
        assert f"self._client.{call}(" in widgets, call
    assert 'format="ndjson"' in widgets and 'format="json_array"' in widgets
    assert "search: SearchArg | None = None" in widgets
    assert 'deprecated="Use `archive` instead; deletion goes away in v2."' in widgets
    assert "Note: Enterprise Edition only." in widgets
    assert "self._client.upload(" in media and 'code_header="Asset-Media-File-Code"' in media
    assert 'json_parts={"product": product}' in media
    assert "self._client.download(" in media and 'keep_slashes=frozenset({"code"})' in media
    assert "Note: Only on Akeneo's SaaS" in media and "Note: Needs an App token" in media
    assert "authenticated=False" in system and "authenticated=False" not in widgets
    assert 'n3d: bool | None = Field(default=None, alias="3d")' in models
    assert 'class_: str | None = Field(default=None, alias="class")' in models
    assert 'Color: TypeAlias = Literal["red", "green", "dark blue"] | str' in models
    assert "Labels: TypeAlias = dict[str, str | None]" in models
    assert "weight: int | float | str | None = None" in models
    assert "parent: Link | None = None" in models
    assert 'DimensionsParam = TypedDict(\n    "DimensionsParam",' in params
    assert "secret" not in models and "created" not in params  # writeOnly / readOnly
    assert "color: Required[ColorParam]" in params  # allOf + required flattening
    # x-python-read: a typed plain dict on the read side, and a union read as decoded JSON
    reading = '@with_config(ConfigDict(extra="allow"))\nclass Reading(TypedDict, total=False):'
    assert reading in models
    assert "value: Required[Any]" in models and "ReadingValue" not in models
    assert "ReadingValueParam: TypeAlias = int | float | str" in params


def run_tool(tool: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / tool), *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def test_baseline_output_passes_mypy_strict(baseline_output: Path, tmp_path: Path) -> None:
    result = run_tool(
        "mypy",
        "--strict",
        "--cache-dir",
        str(tmp_path / "mypy-cache"),
        "akeneo_pim",
        cwd=baseline_output,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_baseline_output_passes_ruff(baseline_output: Path, tmp_path: Path) -> None:
    result = run_tool("ruff", "check", "--no-cache", ".", cwd=baseline_output)
    assert result.returncode == 0, result.stdout + result.stderr
    formatted = run_tool("ruff", "format", "--check", "--no-cache", ".", cwd=baseline_output)
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr


def spec_examples() -> list[tuple[str, Any]]:
    """(model or alias name, example) for every example of a named schema in the baseline."""
    spec = load_spec(BASELINE_SPEC)
    document = spec.document
    pairs: list[tuple[str, Any]] = []
    for name, schema in document["components"]["schemas"].items():
        if "example" in schema:
            pairs.append((class_name(name), schema["example"]))
    for _path, _method, operation in iter_operations(document):
        for response in operation.get("responses", {}).values():
            media = resolve(document, response).get("content", {}).get("application/json", {})
            schema, example = media.get("schema", {}), media.get("example")
            if example is None:
                continue
            if isinstance(schema.get("$ref"), str):
                pairs.append((class_name(schema["$ref"].rsplit("/", 1)[1]), example))
            elif schema.get("type") == "array" and "$ref" in schema.get("items", {}):
                item = class_name(schema["items"]["$ref"].rsplit("/", 1)[1])
                pairs.extend((item, value) for value in example)
            elif operation.get("x-akeneo-pagination"):
                pairs.extend(("Widget", value) for value in example["_embedded"]["items"])
    return pairs


IMPORT_CHECK = """
import json, sys
import pydantic
from akeneo_pim import Akeneo, AsyncAkeneo, models, params
from akeneo_pim.resources import widgets, media_files, system
checked = []
for name, example in json.load(sys.stdin):
    target = getattr(models, name, None)
    if target is None:  # a request-only schema: no response model
        continue
    if isinstance(target, type) and issubclass(target, pydantic.BaseModel):
        value = target.model_validate(example)
        assert value.to_dict() == example, (name, value.to_dict(), example)
    else:
        assert pydantic.TypeAdapter(target).validate_python(example) == example, name
    checked.append(name)
print(json.dumps(sorted(set(checked))))
"""


def test_baseline_output_imports_and_models_validate_the_spec_examples(
    baseline_output: Path,
) -> None:
    examples = spec_examples()
    env = {**os.environ, "PYTHONPATH": str(baseline_output), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_CHECK],
        input=json.dumps(examples),
        capture_output=True,
        text=True,
        env=env,
        cwd=baseline_output,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    checked = json.loads(result.stdout)
    assert {"Widget", "Link", "Labels", "Dimensions"} <= set(checked), checked


def test_regenerate_writes_every_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "expected", tmp_path / "generated"
    copies = ((BASELINE_SPEC, first, False), (ROOT / "spec" / "openapi.yaml", second, True))
    assert regenerate.regenerate(copies) == 0
    assert read_tree(first) == read_tree(EXPECTED)
    assert read_tree(second) == produce(ROOT / "spec" / "openapi.yaml")
    before = tree_digest(tmp_path)
    assert regenerate.regenerate(copies) == 0
    assert tree_digest(tmp_path) == before
    assert "0 changed" in capsys.readouterr().out


def test_regenerate_targets_the_golden_copies() -> None:
    assert regenerate.COPIES == (
        (BASELINE_SPEC, EXPECTED, False),
        (ROOT / "spec" / "openapi.yaml", ROOT / "generated", True),
    )


def test_regenerate_keeps_outputs_when_a_spec_is_broken(tmp_path: Path) -> None:
    broken = tmp_path / "spec" / "openapi.yaml"
    broken.parent.mkdir()
    broken.write_text("openapi: [\n")
    out = tmp_path / "out"
    write_tree(out, {"a.txt": b"keep\n"})
    assert regenerate.regenerate(((broken, out, True),)) == 1
    assert read_tree(out) == {"a.txt": b"keep\n"}
