"""Every operation shows an example of its success answer and of its request body, and every
example of the bundled spec validates against its schema.

Exemptions (nothing to show in JSON):
- a success answer without a body: 201 Created and 204 No Content carry only headers (`Location`);
- a binary download: every media type of the answer is a `format: binary` string (the raw file);
- a multipart upload whose only parts are binary files (`file`): the body is the file itself.
An operation whose success answers are all exempt needs no success example.

The examples are checked twice: by the generator's own validate() and here with jsonschema's
Draft 2020-12 validator over a registry of the bundled document, independently of the generator.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
import referencing
import referencing.jsonschema

from generator.errors import SpecError
from generator.load import load_spec
from generator.validate import validate

from .support import SPEC, spec_document, spec_operations

_URI = "urn:akeneo-spec-under-test"

# Keywords whose value is a subschema, a list or a map of subschemas (JSON Schema 2020-12).
_SUBSCHEMA = (
    "items",
    "contains",
    "not",
    "if",
    "then",
    "else",
    "additionalProperties",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
)
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_MAPS = ("properties", "patternProperties", "dependentSchemas", "$defs")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _deref(document: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        target: Any = document
        for token in node["$ref"].removeprefix("#/").split("/"):
            token = token.replace("~1", "/").replace("~0", "~")
            target = target[int(token)] if isinstance(target, list) else target[token]
        node = target
    return node


def _is_json(media_type: str) -> bool:
    essence = media_type.split(";")[0].strip().lower()
    return essence == "application/json" or essence.endswith("+json")


def _is_binary(document: dict[str, Any], schema: Any) -> bool:
    schema = _deref(document, schema)
    return (
        isinstance(schema, dict)
        and schema.get("type") == "string"
        and (
            schema.get("format") == "binary"
            or ("contentMediaType" in schema and not _is_json(schema["contentMediaType"]))
        )
    )


def _has_example(media: dict[str, Any]) -> bool:
    return "example" in media or bool(media.get("examples"))


# -- presence -------------------------------------------------------------------------------------
def _success_problems(operation: dict[str, Any]) -> list[str]:
    document = spec_document()
    problems: list[str] = []
    shown = exempt = 0
    for code, response in operation.get("responses", {}).items():
        if not str(code).startswith("2"):
            continue
        content = _deref(document, response).get("content") or {}
        if not content:
            exempt += 1  # 201/204 without a body
            continue
        if all(_is_binary(document, media.get("schema")) for media in content.values()):
            exempt += 1  # binary download
            continue
        if any(_has_example(media) for media in content.values()):
            shown += 1
        else:
            problems.append(f"{code} ({', '.join(content)}) has a body but no example")
    if not shown and not exempt and not problems:
        problems.append("no success (2xx) answer")
    return problems


def _request_problems(operation: dict[str, Any]) -> list[str]:
    document = spec_document()
    body = operation.get("requestBody")
    if body is None:
        return []
    content = _deref(document, body).get("content") or {}
    if any(_has_example(media) for media in content.values()):
        return []
    only_files = all(
        media_type.startswith("multipart/")
        and (properties := _deref(document, media.get("schema", {})).get("properties"))
        and all(_is_binary(document, part) for part in properties.values())
        for media_type, media in content.items()
    )
    if content and only_files:
        return []  # a file-only upload
    return [f"request body ({', '.join(content) or 'no content'}) has no example"]


_OPERATIONS = sorted(spec_operations())


@pytest.mark.parametrize("operation_id", _OPERATIONS)
def test_operation_has_examples(operation_id: str) -> None:
    node = spec_operations()[operation_id].node
    problems = _success_problems(node) + _request_problems(node)
    assert not problems, f"{operation_id}: " + "; ".join(problems)


def test_some_operations_use_each_exemption() -> None:
    # Guards the exemptions above against silently exempting everything.
    document = spec_document()
    binary = no_body = 0
    for operation in spec_operations().values():
        for code, response in operation.node["responses"].items():
            content = _deref(document, response).get("content") or {}
            if str(code).startswith("2") and not content:
                no_body += 1
            elif str(code).startswith("2") and all(
                _is_binary(document, m.get("schema")) for m in content.values()
            ):
                binary += 1
    assert binary >= 6 and no_body >= 40


# -- validity -------------------------------------------------------------------------------------
def _schemas_of(schema: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, schema) for a schema and every subschema written inside it (not through $refs)."""
    if not isinstance(schema, dict):
        return
    yield pointer, schema
    for key in _SUBSCHEMA:
        if key in schema:
            yield from _schemas_of(schema[key], f"{pointer}/{key}")
    for key in _SUBSCHEMA_LISTS:
        for index, item in enumerate(schema.get(key) or []):
            yield from _schemas_of(item, f"{pointer}/{key}/{index}")
    for key in _SUBSCHEMA_MAPS:
        for name, item in (schema.get(key) or {}).items():
            yield from _schemas_of(item, f"{pointer}/{key}/{_escape(name)}")


def _holders(node: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Media types, parameters and headers: objects with a `schema` and their own examples."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _holders(item, f"{pointer}/{index}")
        return
    if not isinstance(node, dict):
        return
    if isinstance(node.get("schema"), dict):
        yield pointer, node
    for key, child in node.items():
        if key in ("schema", "example", "examples"):
            continue
        yield from _holders(child, f"{pointer}/{_escape(key)}")


def _collect_examples() -> list[tuple[str, str, Any]]:
    """(where the example is, pointer of its schema, example) for every example of the document."""
    document = spec_document()
    found: list[tuple[str, str, Any]] = []
    schema_roots: list[tuple[str, Any]] = [
        (f"/components/schemas/{_escape(name)}", schema)
        for name, schema in document.get("components", {}).get("schemas", {}).items()
    ]
    for pointer, holder in _holders(
        {key: value for key, value in document.items() if key != "components"}, ""
    ):
        schema_roots.append((f"{pointer}/schema", holder["schema"]))
        if "example" in holder:
            found.append((f"{pointer}/example", f"{pointer}/schema", holder["example"]))
        for name, example in (holder.get("examples") or {}).items():
            example = _deref(document, example)
            if isinstance(example, dict) and "value" in example:
                found.append(
                    (f"{pointer}/examples/{_escape(name)}", f"{pointer}/schema", example["value"])
                )
    for section in ("responses", "parameters", "requestBodies", "headers"):
        for name, item in document.get("components", {}).get(section, {}).items():
            base = f"/components/{section}/{_escape(name)}"
            for pointer, holder in _holders(item, base):
                schema_roots.append((f"{pointer}/schema", holder["schema"]))
                if "example" in holder:
                    found.append((f"{pointer}/example", f"{pointer}/schema", holder["example"]))
                for key, example in (holder.get("examples") or {}).items():
                    example = _deref(document, example)
                    if isinstance(example, dict) and "value" in example:
                        found.append(
                            (
                                f"{pointer}/examples/{_escape(key)}",
                                f"{pointer}/schema",
                                example["value"],
                            )
                        )
    seen: set[str] = set()
    for root_pointer, root in schema_roots:
        for pointer, schema in _schemas_of(root, root_pointer):
            if pointer in seen:
                continue
            seen.add(pointer)
            if "example" in schema:
                found.append((f"{pointer}/example", pointer, schema["example"]))
            if isinstance(schema.get("examples"), list):
                for index, example in enumerate(schema["examples"]):
                    found.append((f"{pointer}/examples/{index}", pointer, example))
    return found


def test_examples_are_found() -> None:
    examples = _collect_examples()
    media_examples = [e for e in examples if "/content/" in e[0]]
    assert len(media_examples) >= len(spec_operations()), (
        f"only {len(media_examples)} media type examples found: the walker misses some"
    )


def test_every_example_matches_its_schema_with_jsonschema() -> None:
    document = spec_document()
    registry: referencing.Registry[Any] = referencing.Registry().with_resource(
        _URI,
        referencing.Resource.from_contents(
            document, default_specification=referencing.jsonschema.DRAFT202012
        ),
    )
    problems = []
    for where, schema_pointer, example in _collect_examples():
        validator = jsonschema.Draft202012Validator(
            {"$ref": f"{_URI}#{schema_pointer}"},
            registry=registry,
            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
        )
        for error in validator.iter_errors(example):
            at = "".join(f"/{_escape(str(p))}" for p in error.absolute_path)
            problems.append(f"{where}{at}: {error.message[:200]}")
    assert not problems, f"{len(problems)} example errors:\n" + "\n".join(problems[:50])


def test_generator_validate_accepts_the_spec() -> None:
    try:
        validate(load_spec(SPEC))
    except SpecError as error:
        pytest.fail(f"the generator's validate() reports problems:\n{error}")
