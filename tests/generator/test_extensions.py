"""The registry of our x- extensions: the only place their names are written, and what it checks."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

from generator import extensions
from generator.extensions import EXTENSIONS, KEEP_SLASHES, PLACES, PYTHON_NAME
from generator.load import load_spec
from generator.validate_extensions import extension_problems, extension_sites

from .helpers import (
    BASE_ROOT,
    BASE_SCHEMAS,
    REAL_SPEC,
    ROOT,
    SPEC_DIR,
    line_of,
    replaced,
    run_cli,
    write_spec,
)

_X_NAME = re.compile(r"(?<![\w/.-])x-[a-z]")  # `application/x-www-form-urlencoded` is no extension


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_no_extension_name_is_written_outside_the_registry() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in sorted((ROOT / "generator").rglob("*.py"))
        if path.name != "extensions.py"
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8")))
        if _X_NAME.search(text)
    ]
    assert not found, "read extensions through generator/extensions.py:\n" + "\n".join(found)


def test_the_literal_scan_sees_an_extension_name() -> None:
    # Guards the scan above: it must flag a name in a plain string and in an f-string.
    code = 'a = "x-akeneo-batch"\nb = f"{a} has no x-python-name"\nc = "application/x-www-form"'
    assert [text for _, text in _strings(ast.parse(code)) if _X_NAME.search(text)] == [
        "x-akeneo-batch",
        " has no x-python-name",
    ]


def test_spec_readme_table_is_printed_from_the_registry() -> None:
    readme = (SPEC_DIR / "README.md").read_text(encoding="utf-8")
    assert extensions.markdown_table() in readme, "run `python -m generator.extensions`"
    rows = [line for line in readme.splitlines() if line.startswith("| `x-")]
    assert len(rows) == len(EXTENSIONS), "spec/README.md lists an extension the registry lacks"


def test_every_entry_is_well_formed() -> None:
    for extension in EXTENSIONS.values():
        jsonschema.Draft202012Validator.check_schema(extension.schema)
        assert extension.places and set(extension.places) <= set(PLACES), extension.name
        assert extension.name.startswith("x-") and extension.meaning, extension.name
        # A change of what the client does is reported by the diff: by its own rule or another.
        if extension.client_effect is not None:
            assert bool(extension.diff_level) != bool(extension.covered_by), extension.name
        else:
            assert extension.diff_level is None and extension.covered_by is None


def test_every_extension_of_the_real_spec_is_known_and_in_place() -> None:
    spec = load_spec(REAL_SPEC)
    assert list(extension_problems(spec)) == []
    used = {
        key for _, _, node in extension_sites(spec.document) for key in node if key.startswith("x-")
    }
    assert used == set(EXTENSIONS), "an extension of the registry is not used by the spec"


def test_accessors_read_typed_values() -> None:
    assert KEEP_SLASHES.read({}) is False
    assert KEEP_SLASHES.read({"x-akeneo-keep-slashes": True}) is True
    assert PYTHON_NAME.read({"x-python-name": 3}) is None
    assert PYTHON_NAME.required({"x-python-name": "channels"}) == "channels"


def _validate_errors(tmp_path: Path, root: str = BASE_ROOT, schemas: str = BASE_SCHEMAS) -> str:
    spec = write_spec(tmp_path / "spec", {"openapi.yaml": root, "schemas.yaml": schemas})
    result = run_cli("validate", spec)
    assert result.exit_code == 1, result.output
    return result.stderr


_PATH_PARAM = "          in: path\n"
_OPERATION = "      x-python-method: get\n"


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            _PATH_PARAM,
            _PATH_PARAM + "          x-akeneo-keep-slash: true\n",
            "x-akeneo-keep-slash:",
            "unknown extension x-akeneo-keep-slash: did you mean x-akeneo-keep-slashes?",
        ),
        (
            _OPERATION,
            _OPERATION + "      x-akeneo-enterprize: true\n",
            "x-akeneo-enterprize",
            "unknown extension x-akeneo-enterprize: did you mean x-akeneo-enterprise?",
        ),
        (
            _OPERATION,
            _OPERATION + "      x-banana: 1\n",
            "x-banana",
            "unknown extension x-banana: ours are listed in spec/README.md",
        ),
        (
            _OPERATION,
            _OPERATION + "      x-akeneo-keep-slashes: true\n",
            "x-akeneo-keep-slashes",
            "x-akeneo-keep-slashes does not belong on this operation (only on: path parameter)",
        ),
        (
            _OPERATION,
            _OPERATION + "      x-akeneo-enterprise: false\n",
            "x-akeneo-enterprise",
            "x-akeneo-enterprise: True was expected",
        ),
        (
            _OPERATION,
            _OPERATION + "      x-akeneo-deprecated: Use the other one.\n",
            "x-akeneo-deprecated",
            "x-akeneo-deprecated means nothing without deprecated: true",
        ),
        (
            _OPERATION,
            _OPERATION + "      x-akeneo-batch: {format: ndjson, key: code, size: 3}\n",
            "x-akeneo-batch",
            "x-akeneo-batch: Additional properties are not allowed ('size' was unexpected)",
        ),
        (
            "    x-python-name: things\n",
            "    x-python-name: things\n    x-python-read: dict\n",
            "x-python-read",
            "x-python-read does not belong on this tag (only on: named schema)",
        ),
        (
            _OPERATION,
            _OPERATION + "      x-python-nominal: true\n",
            "x-python-nominal",
            "x-python-nominal does not belong on this operation (only on: named schema)",
        ),
    ],
    ids=[
        "typo-keep-slashes",
        "typo-enterprise",
        "unknown-no-hint",
        "wrong-place",
        "value-against-schema",
        "needs-its-sibling",
        "object-value",
        "named-schema-only",
        "nominal-named-schema-only",
    ],
)
def test_extension_problems_are_located(
    tmp_path: Path, old: str, new: str, needle: str, message: str
) -> None:
    stderr = _validate_errors(tmp_path, replaced(BASE_ROOT, old, new))
    root = tmp_path / "spec" / "openapi.yaml"
    [error] = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert error.startswith(f"error: {root}:{line_of(root, needle)}:"), error
    assert message in error
    assert "(at /paths/~1things~1{code}/get" in error or "(at /tags/0/" in error


def test_a_value_error_inside_an_object_points_at_the_field(tmp_path: Path) -> None:
    root = replaced(
        BASE_ROOT,
        _OPERATION,
        _OPERATION + "      x-akeneo-batch:\n        format: csv\n        key: code\n",
    )
    stderr = _validate_errors(tmp_path, root)
    path = tmp_path / "spec" / "openapi.yaml"
    assert f"{path}:{line_of(path, 'format: csv')}:" in stderr
    assert "x-akeneo-batch: 'csv' is not one of ['ndjson', 'json_array']" in stderr
    assert "(at /paths/~1things~1{code}/get/x-akeneo-batch/format)" in stderr


def test_an_extension_beside_a_parameter_ref_is_refused(tmp_path: Path) -> None:
    # Siblings of a $ref are never read: the flag would be lost without a word.
    root = replaced(
        BASE_ROOT,
        "      parameters:\n        - name: code\n",
        "      parameters:\n"
        "        - $ref: '#/components/parameters/Code'\n"
        "          x-akeneo-keep-slashes: true\n"
        "        - name: code\n",
    )
    root = replaced(
        root,
        "components:\n",
        "components:\n  parameters:\n    Code:\n      name: code\n      in: path\n"
        "      required: true\n      schema: {type: string}\n",
    )
    root = replaced(
        root,
        "        - name: code\n          in: path\n",
        "        - name: other\n          in: query\n",
    )
    stderr = _validate_errors(tmp_path, root)
    assert "x-akeneo-keep-slashes does not belong on this parameter reference" in stderr


def test_names_and_data_that_look_like_extensions_are_left_alone(tmp_path: Path) -> None:
    """A property, a header or an example key named `x-...` is data, not an extension."""
    schemas = replaced(
        BASE_SCHEMAS,
        "    size:\n",
        "    x-trace:\n      type: string\n      description: A trace id.\n    size:\n",
    )
    root = replaced(
        BASE_ROOT,
        "          description: The thing.\n",
        "          description: The thing.\n          headers:\n            x-request-id:\n"
        "              schema: {type: string}\n",
    )
    root = replaced(
        root, "                size: 3\n", "                size: 3\n                x-trace: abc\n"
    )
    spec = write_spec(tmp_path / "spec", {"openapi.yaml": root, "schemas.yaml": schemas})
    result = run_cli("validate", spec)
    assert result.exit_code == 0, result.output


def test_the_issue_experiment_renamed_extensions_fail_validation(tmp_path: Path) -> None:
    """Issue 9: renaming keep-slashes and enterprise everywhere used to stay `valid`, exit 0."""
    copy = tmp_path / "spec"
    shutil.copytree(SPEC_DIR, copy)
    renamed = 0
    for path in copy.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        new = text.replace("x-akeneo-keep-slashes", "x-akeneo-keep-slash").replace(
            "x-akeneo-enterprise", "x-akeneo-enterprize"
        )
        renamed += text.count("x-akeneo-keep-slashes") + text.count("x-akeneo-enterprise")
        path.write_text(new, encoding="utf-8")
    result = run_cli("validate", copy / "openapi.yaml")
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == renamed
    media = copy / "paths" / "asset_media_files.yaml"
    assert any(
        e.startswith(f"error: {media}:{line_of(media, 'x-akeneo-enterprize')}:")
        and "unknown extension x-akeneo-enterprize: did you mean x-akeneo-enterprise?" in e
        for e in errors
    ), errors
    slash = [e for e in errors if "did you mean x-akeneo-keep-slashes?" in e]
    assert slash and all(re.match(r"error: \S+parameters/\w+\.yaml:\d+:\d+: ", e) for e in slash)



def test_nominal_needs_a_map_schema(tmp_path: Path) -> None:
    """Only a map (`Mapping[str, V]`) can become `class XParam(dict[str, V])`; on a schema with
    properties the flag would otherwise be ignored without a word."""
    schemas = BASE_SCHEMAS.replace("  type: object\n", "  type: object\n  x-python-nominal: true\n")
    stderr = _validate_errors(tmp_path, schemas=schemas)
    assert "x-python-nominal needs a map schema (additionalProperties, no properties)" in stderr
