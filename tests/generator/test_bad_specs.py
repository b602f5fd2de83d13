"""Every class of spec error: message names file, line and problem; exit 1; output untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .helpers import BASE_ROOT, BASE_SCHEMAS, line_of, replaced, run_cli, tree_digest, write_spec


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    """A valid spec already generated into `out`: (spec directory, output directory)."""
    spec = write_spec(tmp_path / "spec", {"openapi.yaml": BASE_ROOT, "schemas.yaml": BASE_SCHEMAS})
    out = tmp_path / "out"
    result = run_cli("generate", spec, "-o", out)
    assert result.exit_code == 0, result.output
    return spec.parent, out


def fail_generation(spec_dir: Path, out: Path, files: dict[str, str]) -> str:
    """Write the broken files; `generate` and `validate` both exit 1, `out` stays byte for byte."""
    before = tree_digest(out)
    spec = write_spec(spec_dir, files)
    generated = run_cli("generate", spec, "-o", out)
    assert generated.exit_code == 1, generated.output
    assert "nothing was written" in generated.stderr
    assert tree_digest(out) == before, "a failed generation changed the output directory"
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".out.")], (
        "staging directory left over"
    )
    validated = run_cli("validate", spec)
    assert validated.exit_code == 1
    assert validated.stderr == generated.stderr
    return generated.stderr


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def located(stderr: str, path: Path, line: int) -> list[str]:
    """The error lines that point at `path`:`line`."""
    return [
        e
        for e in error_lines(stderr)
        if re.match(rf"error: {re.escape(str(path))}:{line}:\d+: ", e)
    ]


def test_yaml_syntax_error_names_file_line_and_column(project: tuple[Path, Path]) -> None:
    spec_dir, out = project
    broken = replaced(BASE_ROOT, "summary: Get a thing", "summary: Get a thing: now")
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": broken})
    root = spec_dir / "openapi.yaml"
    line = line_of(root, "summary: Get a thing: now")
    column = root.read_text().splitlines()[line - 1].index(": now") + 1
    [error] = error_lines(stderr)
    assert error.startswith(f"error: {root}:{line}:{column}: YAML syntax error"), error
    assert "mapping values are not allowed" in error


def test_yaml_syntax_error_in_referenced_file_names_that_file(project: tuple[Path, Path]) -> None:
    spec_dir, out = project
    broken = replaced(BASE_SCHEMAS, "required: [code]", "required: [code")
    stderr = fail_generation(spec_dir, out, {"schemas.yaml": broken})
    errors = [e for e in error_lines(stderr) if "YAML syntax error" in e]
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {spec_dir / 'schemas.yaml'}:")


def test_missing_ref_target_file(project: tuple[Path, Path]) -> None:
    spec_dir, out = project
    broken = replaced(BASE_ROOT, "$ref: 'schemas.yaml#/Thing'\n", "$ref: 'missing.yaml#/Thing'\n")
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": broken})
    line = line_of(spec_dir / "openapi.yaml", "missing.yaml")
    [error] = located(stderr, spec_dir / "openapi.yaml", line)
    assert "$ref 'missing.yaml#/Thing' is broken" in error
    assert "missing.yaml cannot be loaded" in error


def test_missing_ref_pointer(project: tuple[Path, Path]) -> None:
    spec_dir, out = project
    broken = replaced(BASE_ROOT, "$ref: 'schemas.yaml#/Thing'\n", "$ref: 'schemas.yaml#/Thingy'\n")
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": broken})
    line = line_of(spec_dir / "openapi.yaml", "#/Thingy")
    [error] = located(stderr, spec_dir / "openapi.yaml", line)
    assert "$ref 'schemas.yaml#/Thingy' is broken: no '/Thingy' in" in error


def test_invalid_openapi_parameter_location(project: tuple[Path, Path]) -> None:
    spec_dir, out = project
    broken = replaced(BASE_ROOT, "in: path", "in: body")
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": broken})
    line = line_of(spec_dir / "openapi.yaml", "in: body")
    [error] = located(stderr, spec_dir / "openapi.yaml", line)
    assert "invalid OpenAPI" in error
    assert "'body' is not one of ['query', 'header', 'path', 'cookie']" in error
    assert "/parameters/0/in" in error


def test_duplicate_operation_id(project: tuple[Path, Path]) -> None:
    spec_dir, out = project
    second = """\
    delete:
      operationId: get_thing
      x-python-method: delete
      tags: [Thing]
      summary: Delete a thing
      parameters:
        - name: code
          in: path
          required: true
          schema:
            type: string
      responses:
        '204':
          description: Deleted.
components:
"""
    broken = replaced(BASE_ROOT, "components:\n", second)
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": broken})
    line = line_of(spec_dir / "openapi.yaml", "operationId: get_thing", occurrence=2)
    errors = [e for e in error_lines(stderr) if "get_thing" in e]
    assert errors, stderr
    # The duplicate is reported where it is: the second operationId, not the top of the file.
    assert located(stderr, spec_dir / "openapi.yaml", line), stderr


def test_property_names_colliding_as_python_identifiers(project: tuple[Path, Path]) -> None:
    spec_dir, out = project
    schemas = BASE_SCHEMAS + "    foo-bar:\n      type: string\n    foo_bar:\n      type: string\n"
    stderr = fail_generation(spec_dir, out, {"schemas.yaml": schemas})
    schemas_path = spec_dir / "schemas.yaml"
    [error] = [e for e in error_lines(stderr) if "collides" in e]
    assert "field name in Thing 'foo_bar'" in error
    # Both colliding properties are pointed at: the second where it is, the first in the message.
    first, second = line_of(schemas_path, "foo-bar:"), line_of(schemas_path, "foo_bar:")
    assert error.startswith(f"error: {schemas_path}:{second}:"), error
    assert f"{schemas_path}:{first}:" in error


def test_tags_with_the_same_python_name(project: tuple[Path, Path]) -> None:
    spec_dir, out = project
    second_tag = "  - name: Other\n    x-python-name: things\n    description: Others.\npaths:\n"
    second_op = """\
  /others:
    get:
      operationId: get_others
      x-python-method: list_all
      tags: [Other]
      summary: List others
      responses:
        '200':
          description: Others.
          content:
            application/json:
              schema:
                type: array
                items:
                  type: string
              example: [a]
components:
"""
    broken = replaced(replaced(BASE_ROOT, "paths:\n", second_tag), "components:\n", second_op)
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": broken})
    root = spec_dir / "openapi.yaml"
    [error] = located(stderr, root, line_of(root, "- name: Other"))
    assert "resource attribute 'things' collides with the one at" in error
    assert f"{root}:{line_of(root, '- name: Thing')}:" in error


def test_inline_object_schema_with_properties(project: tuple[Path, Path]) -> None:
    spec_dir, out = project
    inline = """\
              schema:
                type: object
                properties:
                  code: {type: string}
              example:
"""
    broken = replaced(
        BASE_ROOT,
        "              schema:\n"
        "                $ref: 'schemas.yaml#/Thing'\n"
        "              example:\n",
        inline,
    )
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": broken})
    root = spec_dir / "openapi.yaml"
    # the `schema:` key holding the inline object (the line above `type: object`), or the object
    lines = {line_of(root, "type: object") - 1, line_of(root, "type: object")}
    errors = [e for e in error_lines(stderr) if "inline object schema with properties" in e]
    assert len(errors) == 1, stderr
    assert any(located(stderr, root, line) for line in lines), errors
    assert "name it in components/schemas" in errors[0]


def test_example_not_matching_its_schema(project: tuple[Path, Path]) -> None:
    spec_dir, out = project
    broken = replaced(BASE_ROOT, "size: 3", "size: three")
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": broken})
    root = spec_dir / "openapi.yaml"
    [error] = located(stderr, root, line_of(root, "size: three"))
    assert "example does not match its schema: 'three' is not of type 'integer'" in error
    assert error.endswith("/example/size)")


def test_undeclared_path_parameter(project: tuple[Path, Path]) -> None:
    spec_dir, out = project
    broken = replaced(BASE_ROOT, "/things/{code}:", "/things/{code}/parts/{part}:")
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": broken})
    root = spec_dir / "openapi.yaml"
    errors = [e for e in error_lines(stderr) if "part" in e]
    assert errors, stderr
    # Reported at the path or its operation, not at the top of the file.
    candidates = (line_of(root, "/parts/{part}:"), line_of(root, "get:"))
    assert any(located(stderr, root, line) for line in candidates), errors


def test_every_problem_is_reported_in_one_run(project: tuple[Path, Path]) -> None:
    spec_dir, out = project
    root_text = replaced(BASE_ROOT, "size: 3", "size: three")
    root_text = replaced(root_text, "code: t1", "code: 1")
    schemas = BASE_SCHEMAS + "    class:\n      type: string\n    class_:\n      type: string\n"
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": root_text, "schemas.yaml": schemas})
    root = spec_dir / "openapi.yaml"
    assert located(stderr, root, line_of(root, "size: three"))
    assert located(stderr, root, line_of(root, "code: 1"))
    assert "2 problems found" in stderr
    # Problems of the later stage (names) come once the examples are fixed, again all at once.
    fixed = replaced(replaced(root_text, "size: three", "size: 3"), "code: 1", "code: t1")
    schemas += "    3d:\n      type: string\n    n3d:\n      type: string\n"
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": fixed, "schemas.yaml": schemas})
    collisions = [e for e in error_lines(stderr) if "collides" in e]
    assert len(collisions) == 2, stderr
    assert any("'class_'" in e for e in collisions) and any("'n3d'" in e for e in collisions)
    assert "2 problems found" in stderr


def test_rule_problems_come_with_openapi_problems_in_one_run(project: tuple[Path, Path]) -> None:
    spec_dir, out = project
    # a structural error (a wrong type) and a rule error (no summary) in the same run
    broken = replaced(BASE_ROOT, "  version: '1.0'", "  version: [1, 0]")
    broken = replaced(broken, "      summary: Get a thing\n", "")
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": broken})
    root = spec_dir / "openapi.yaml"
    assert "is not of type 'string'" in stderr
    assert located(stderr, root, line_of(root, "version: [1, 0]"))
    assert "GET /things/{code} has no summary" in stderr
    assert "2 problems found" in stderr


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        # wrong types where mappings or lists belong stop openapi-spec-validator's deeper checks
        (
            "tags:\n  - name: Thing\n    x-python-name: things\n    description: Things.\n",
            "tags: Thing\n",
            "tags: Thing",
            "'Thing' is not of type 'array'",
        ),
        (
            "      parameters:\n        - name: code\n",
            "      parameters:\n        - hello\n        - name: code\n",
            "- hello",
            "'hello' is not of type 'object'",
        ),
        (
            "    Thing: {$ref: 'schemas.yaml#/Thing'}\n",
            "    Thing: {$ref: 'schemas.yaml#/Thing'}\n"
            "    Loop: {$ref: '#/components/schemas/Loop'}\n",
            "Loop:",
            "$ref loop",
        ),
    ],
    ids=["tags-not-a-list", "parameter-not-a-mapping", "ref-loop"],
)
def test_malformed_structure_is_reported_not_a_traceback(
    project: tuple[Path, Path], old: str, new: str, needle: str, message: str
) -> None:
    spec_dir, out = project
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": replaced(BASE_ROOT, old, new)})
    root = spec_dir / "openapi.yaml"
    assert "Traceback" not in stderr
    assert message in stderr
    assert located(stderr, root, line_of(root, needle)), stderr


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "      x-python-method: get\n",
            "      x-python-method: get\n      x-akeneo-pagination: pages\n",
            "x-akeneo-pagination: pages",
            "x-akeneo-pagination: 'pages' is not one of ['page', 'search_after',",
        ),
        (
            "        '200':\n",
            "        '2XX':\n",
            "'2XX':",
            "only exact codes are supported, not ranges",
        ),
    ],
    ids=["unknown-pagination", "status-range"],
)
def test_extension_values_and_status_keys_are_checked(
    project: tuple[Path, Path], old: str, new: str, needle: str, message: str
) -> None:
    spec_dir, out = project
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": replaced(BASE_ROOT, old, new)})
    root = spec_dir / "openapi.yaml"
    assert message in stderr
    assert located(stderr, root, line_of(root, needle)), stderr


def test_unknown_python_read_is_refused(project: tuple[Path, Path]) -> None:
    spec_dir, out = project
    schemas = replaced(
        BASE_SCHEMAS, "  type: object\n", "  type: object\n  x-python-read: banana\n"
    )
    stderr = fail_generation(spec_dir, out, {"schemas.yaml": schemas})
    assert "x-python-read: 'banana' is not one of ['dict', 'any']" in stderr
    assert located(stderr, spec_dir / "schemas.yaml", line_of(spec_dir / "schemas.yaml", "banana"))


def test_pagination_extension_must_agree_with_the_paging_parameters(
    project: tuple[Path, Path],
) -> None:
    spec_dir, out = project
    # Declared paginated, but the operation has no paging parameter.
    declared = replaced(
        BASE_ROOT,
        "x-python-method: get\n",
        "x-python-method: get\n      x-akeneo-pagination: page\n",
    )
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": declared})
    root = spec_dir / "openapi.yaml"
    [error] = located(stderr, root, line_of(root, "x-akeneo-pagination: page"))
    assert (
        "x-akeneo-pagination is 'page' but GET /things/{code} declares no paging parameter" in error
    )

    # A paging parameter, but no extension saying how the endpoint pages.
    page = (
        "        - name: page\n          in: query\n          description: Page number.\n"
        "          schema:\n            type: integer\n"
    )
    undeclared = replaced(BASE_ROOT, "      responses:\n", page + "      responses:\n")
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": undeclared})
    [error] = error_lines(stderr)
    assert "GET /things/{code} has paging parameters (page) but no x-akeneo-pagination" in error

    # Both present and disagreeing.
    both = replaced(
        undeclared,
        "x-python-method: get\n",
        "x-python-method: get\n      x-akeneo-pagination: search_after\n",
    )
    stderr = fail_generation(spec_dir, out, {"openapi.yaml": both})
    [error] = error_lines(stderr)
    assert (
        "x-akeneo-pagination is 'search_after' but the parameters of GET /things/{code} say 'page'"
        in error
    )
