"""Validate the bundled document: OpenAPI 3.1, our own rules, every example against its schema.

Every problem is collected, so one run reports them all, each with its file, line and JSON pointer.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jsonschema
import referencing
from openapi_spec_validator import OpenAPIV31SpecValidator
from openapi_spec_validator.schemas import schema_v31
from openapi_spec_validator.validation.exceptions import (
    DuplicateOperationIDError,
    UnresolvableParameterError,
)

from .document import escape_pointer_token, iter_operations, operation_pointer, resolve
from .errors import SpecError, SpecProblem
from .extensions import PYTHON_METHOD, PYTHON_NAME
from .load import LoadedSpec
from .validate_extensions import extension_problems
from .validate_pagination import pagination_problems

_SPEC_URI = "urn:akeneo-spec"
_SCHEMA_KEYS = {"type", "$ref", "allOf", "oneOf", "anyOf", "properties", "enum"}


def validate(spec: LoadedSpec, cache_dir: Path | None = None) -> None:
    """Raise SpecError listing every problem; return quietly when the spec is sound.

    A document found sound is remembered by its content hash (and the validators' versions), so
    regenerating an unchanged spec skips the slow OpenAPI check; problems are never cached.
    """
    marker = _marker(spec, cache_dir)
    if marker is not None and marker.exists():
        return
    problems = list(_openapi_problems(spec))
    if problems:
        # Our rules still run, so that one run reports as much as it can; where the structure is
        # too broken for them, the OpenAPI problems already say where.
        problems.extend(_best_effort(_rule_problems, spec))
    else:  # examples are checked against schemas known to be well formed
        problems.extend(_rule_problems(spec))
        problems.extend(_example_problems(spec))
    if problems:
        raise SpecError(problems)
    if marker is not None:
        with contextlib.suppress(OSError):  # the cache only saves time
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()


def _best_effort(
    check: Callable[[LoadedSpec], Iterator[SpecProblem]], spec: LoadedSpec
) -> list[SpecProblem]:
    found: list[SpecProblem] = []
    # A broken structure may stop the check midway: keep what it found before.
    with contextlib.suppress(AttributeError, IndexError, KeyError, TypeError, ValueError):
        found.extend(check(spec))
    return found


def _marker(spec: LoadedSpec, cache_dir: Path | None) -> Path | None:
    if cache_dir is None:
        return None
    versions = "|".join(version(name) for name in ("openapi-spec-validator", "jsonschema"))
    text = json.dumps(spec.document, sort_keys=True, ensure_ascii=False)
    # A change of our own rules (or of the extension registry) invalidates the cache too.
    rules = b"".join(
        (Path(__file__).parent / name).read_bytes()
        for name in (
            "validate.py",
            "validate_extensions.py",
            "validate_pagination.py",
            "extensions.py",
        )
    )
    digest = hashlib.sha256(f"{versions}\0{text}".encode() + rules).hexdigest()
    return cache_dir / digest


# -- OpenAPI conformance ------------------------------------------------------------------------
# Our own rules check these again and can say on which line: skip the pointer-less copies.
_COVERED_BY_RULES = (DuplicateOperationIDError, UnresolvableParameterError)


def _openapi_problems(spec: LoadedSpec) -> Iterator[SpecProblem]:
    problems: list[SpecProblem] = []
    reported: set[str] = set()
    try:
        for error in OpenAPIV31SpecValidator(spec.document).iter_errors():
            if isinstance(error, _COVERED_BY_RULES):
                continue
            pointer = _absolute_pointer(spec.document, list(error.path))
            if pointer is None:
                pointer = _find_relative(spec.document, list(error.path), error.instance, reported)
            reported.add(pointer or "")
            problems.append(
                spec.problem(f"invalid OpenAPI: {_short(error.message)}", pointer or "")
            )
    except (AssertionError, AttributeError, KeyError, RecursionError, TypeError, ValueError) as exc:
        # openapi-spec-validator's deeper checks assume the document's shape and stop with such
        # errors on, say, a list where a mapping belongs: say where, with the plain JSON Schema.
        for error in _shape_validator().iter_errors(spec.document):
            problem = spec.problem(
                f"invalid OpenAPI: {_short(error.message)}", _pointer(list(error.absolute_path))
            )
            if problem not in problems:
                problems.append(problem)
        if not problems:
            problems.append(
                spec.problem(
                    f"the OpenAPI validator stopped on this document ({type(exc).__name__}: "
                    f"{exc}): look for a value of the wrong type",
                    "",
                )
            )
    yield from problems


def _short(message: str, limit: int = 300) -> str:
    """Validator messages quote the whole value in error: keep them to a readable length."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


@functools.cache
def _shape_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_plain(schema_v31))


def _plain(value: Any) -> Any:
    """The validator's schema, which it keeps behind read-only proxies, as plain dicts and lists."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _pointer(parts: list[Any]) -> str:
    return "".join(f"/{escape_pointer_token(str(p))}" for p in parts)


def _walk(node: Any, parts: list[Any]) -> tuple[bool, Any]:
    """Follow `parts` down from `node`: (whether the whole path exists, the node reached)."""
    for part in parts:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            node = node[part]
        else:
            return False, None
    return True, node


def _absolute_pointer(document: dict[str, Any], parts: list[Any]) -> str | None:
    """The pointer of an error path that starts at the document root, else None."""
    if not parts:
        return ""
    if parts[0] not in document or not _walk(document, parts)[0]:
        return None
    return _pointer(parts)


def _find_relative(
    document: Any, parts: list[Any], instance: Any, taken: set[str], prefix: str = ""
) -> str | None:
    """Schema errors come with a path relative to the schema in error: find it in the document."""
    if isinstance(document, dict | list):
        found, node = _walk(document, parts)
        pointer = prefix + _pointer(parts)
        if found and node == instance and pointer not in taken:
            return pointer
        children = document.items() if isinstance(document, dict) else enumerate(document)
        for key, child in children:
            hit = _find_relative(
                child, parts, instance, taken, f"{prefix}/{escape_pointer_token(str(key))}"
            )
            if hit is not None:
                return hit
    return None


# -- our own rules ------------------------------------------------------------------------------
def _rule_problems(spec: LoadedSpec) -> Iterator[SpecProblem]:
    document = spec.document
    tags = {
        tag.get("name"): index
        for index, tag in enumerate(document.get("tags", []))
        if "name" in tag
    }
    for index, tag in enumerate(document.get("tags", [])):
        if not isinstance(PYTHON_NAME.value(tag), str):
            yield spec.problem(
                f"tag {tag.get('name')!r} has no {PYTHON_NAME.name}", f"/tags/{index}"
            )
    seen_ids: dict[str, str] = {}
    for path, method, operation in iter_operations(document):
        where = operation_pointer(path, method)
        operation_id = operation.get("operationId")
        if not isinstance(operation_id, str):
            yield spec.problem(f"{method.upper()} {path} has no operationId", where)
        elif operation_id in seen_ids:
            yield spec.problem(
                f"operationId {operation_id!r} is used twice (first at {seen_ids[operation_id]})",
                f"{where}/operationId",
            )
        else:
            seen_ids[operation_id] = str(spec.locate(f"{where}/operationId"))
        op_tags = operation.get("tags") or []
        if len(op_tags) != 1:
            yield spec.problem(f"{method.upper()} {path} must have exactly one tag", where)
        elif op_tags[0] not in tags:
            yield spec.problem(
                f"tag {op_tags[0]!r} is not declared in the root's tags", f"{where}/tags/0"
            )
        if not operation.get("summary"):
            yield spec.problem(f"{method.upper()} {path} has no summary", where)
        if not isinstance(PYTHON_METHOD.value(operation), str):
            yield spec.problem(f"{method.upper()} {path} has no {PYTHON_METHOD.name}", where)
        yield from _path_parameter_problems(spec, path, method, operation)
        yield from _status_problems(spec, where, operation)
    yield from extension_problems(spec)
    yield from pagination_problems(spec)


def _status_problems(
    spec: LoadedSpec, where: str, operation: dict[str, Any]
) -> Iterator[SpecProblem]:
    for status in operation.get("responses", {}):
        if not (status == "default" or (len(status) == 3 and status.isdigit())):
            yield spec.problem(
                f"response status {status!r}: only exact codes are supported, not ranges",
                f"{where}/responses/{escape_pointer_token(status)}",
            )


def _path_parameter_problems(
    spec: LoadedSpec, path: str, method: str, operation: dict[str, Any]
) -> Iterator[SpecProblem]:
    where = operation_pointer(path, method)
    item = spec.document["paths"][path]
    declared = {
        resolve(spec.document, p).get("name")
        for p in [*item.get("parameters", []), *operation.get("parameters", [])]
        if resolve(spec.document, p).get("in") == "path"
    }
    placeholders = [segment[1:-1] for segment in path.split("/") if segment.startswith("{")]
    for name in sorted({p for p in placeholders if placeholders.count(p) > 1}):
        yield spec.problem(f"path parameter {{{name}}} appears twice in {path}", where)
    in_template = set(placeholders)
    for name in sorted(in_template - declared):
        yield spec.problem(f"path parameter {{{name}}} of {path} is not declared", where)
    for name in sorted(declared - in_template):
        yield spec.problem(f"path parameter {name!r} is declared but not in {path}", where)


# -- examples -----------------------------------------------------------------------------------
def _example_problems(spec: LoadedSpec) -> Iterator[SpecProblem]:
    registry: referencing.Registry[Any] = referencing.Registry().with_resource(
        _SPEC_URI,
        referencing.Resource.from_contents(
            spec.document, default_specification=referencing.jsonschema.DRAFT202012
        ),
    )
    for schema_pointer, example_pointer, example in _examples(spec.document, "", None):
        validator = jsonschema.Draft202012Validator(
            {"$ref": f"{_SPEC_URI}#{schema_pointer}"},
            registry=registry,
            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
        )
        for error in validator.iter_errors(example):
            at = example_pointer + _pointer(list(error.absolute_path))
            yield spec.problem(f"example does not match its schema: {error.message}", at)


def _examples(node: Any, pointer: str, parent_key: str | None) -> Iterator[tuple[str, str, Any]]:
    """(schema pointer, example pointer, example) for media types, parameters and schemas."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _examples(item, f"{pointer}/{index}", None)
        return
    if not isinstance(node, dict):
        return
    is_schema_holder = "schema" in node and isinstance(node["schema"], dict)
    if is_schema_holder:
        schema_pointer = f"{pointer}/schema"
        if "example" in node:
            yield schema_pointer, f"{pointer}/example", node["example"]
        for name, example in (node.get("examples") or {}).items():
            if isinstance(example, dict) and "value" in example:
                key = escape_pointer_token(name)
                yield schema_pointer, f"{pointer}/examples/{key}/value", example["value"]
    elif parent_key != "properties" and "example" in node and _SCHEMA_KEYS & node.keys():
        yield pointer, f"{pointer}/example", node["example"]
    for key, child in node.items():
        if key in ("example", "examples") and parent_key != "properties":
            continue
        yield from _examples(child, f"{pointer}/{escape_pointer_token(key)}", key)
