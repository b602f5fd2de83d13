"""Decide the generated contract tests: one per operation, calling the client with the examples.

Python decides here what each test calls (method, arguments as Python literals taken from the spec's
examples, what else to check for its kind of operation); `templates/tests/test_operations.py.j2`
only prints. The tests run against `tests/contract/support.py`, a mock PIM that validates every
request and answer against the spec with openapi-core.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .call_kinds import BodyUse, call_kind
from .document import resolve
from .extensions import PAGINATION
from .ir import Api, Operation, Parameter
from .load import LoadedSpec
from .naming import py_literal

# Example strings longer than this are split, so that nested literals fit in 100 columns.
_WRAP = 40

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "tests"
TARGET = "tests/test_operations.py"
NDJSON = "application/vnd.akeneo.collection+json"
# A fixed, valid UUID for path parameters typed `format: uuid` that have no example.
_UUID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
_PAGE_MODES = {
    "page": ("page",),
    "search_after": ("search_after",),
    "page_or_search_after": ("page", "search_after"),
}


@dataclass(frozen=True)
class ContractCase:
    """What the tests of one operation call and check."""

    name: str  # stem of the test names: `channels_get`
    operation_id: str  # as a Python string literal
    comment: tuple[str, ...]  # `GET /api/rest/v1/channels/{code}`, on two lines when long
    call: str  # `channels.get("print")`: the call after `akeneo.`
    extra: str  # extra parameter of the calling helpers (`, items: list[Any] | None = None`)
    awaited: bool  # the async helper awaits the call (paginators are returned as they are)
    error_statuses: tuple[str, ...]  # documented 4xx statuses, as Python string literals
    page_modes: tuple[str, ...]  # `"page"`, `"search_after"`: list operations iterated over 2 pages
    batch: bool  # collection PATCH: sent 101+ items, must split
    download: bool  # streamed to a file


def contract_cases(api: Api, spec: LoadedSpec) -> list[ContractCase]:
    cases: list[ContractCase] = []
    used: set[str] = set()
    for resource in api.resources:
        for op in resource.operations:
            name = _unique(f"{resource.attribute}_{op.method_name}", used)
            node = spec.document["paths"][op.path][op.http_method.lower()]
            cases.append(_case(name, resource.attribute, op, node, spec.document))
    return cases


def render_contract_tests(api: Api, spec: LoadedSpec, header_line: str) -> dict[str, str]:
    """The generated test module, keyed by its path relative to the output directory."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # we emit Python
    )
    cases = contract_cases(api, spec)
    text = env.get_template("test_operations.py.j2").render(
        header_hash=f"# {header_line}",
        cases=cases,
        imports=_imports(cases),
    )
    return {TARGET: text}


def _imports(cases: list[ContractCase]) -> list[str]:
    """Import lines the module needs, grouped as isort would."""
    standard = []
    if any(c.download for c in cases):
        standard.append("from pathlib import Path")
    if any(c.batch for c in cases):
        standard.append("from typing import Any")
    third = ["import pytest"] if any(c.error_statuses or c.page_modes for c in cases) else []
    # `tests` (the project's tests/contract) is no package of the generated tree: third party.
    third.append("from tests.contract import support")
    own = ["from akeneo_pim import Akeneo, AsyncAkeneo"]
    lines: list[str] = []
    for group in (standard, third, own):
        if group:
            lines.extend([*([""] if lines else []), *group])
    return lines


def _unique(name: str, used: set[str]) -> str:
    candidate, number = name, 2
    while candidate in used:
        candidate, number = f"{name}_{number}", number + 1
    used.add(candidate)
    return candidate


def _case(
    name: str, attribute: str, op: Operation, node: dict[str, Any], document: dict[str, Any]
) -> ContractCase:
    request_example = _request_example(node, document)
    response_example = _success_example(node, document)
    args = [
        py_literal(_path_value(p, node, document, request_example, response_example))
        for p in op.path_params
    ]
    row = call_kind(op.kind)
    args.extend(_CONTRACT_BODIES[row.body](op, request_example, node, document))
    args.extend(extra.contract for extra in row.extra)
    statuses = tuple(e.status for e in op.errors if e.status.startswith("4"))
    return ContractCase(
        name=name,
        operation_id=py_literal(op.operation_id),
        comment=_comment_lines(op.http_method, op.path),
        call=f"{attribute}.{op.method_name}({', '.join(args)})",
        extra=row.contract_parameter,
        awaited=op.signature.awaited,
        error_statuses=tuple(py_literal(s) for s in statuses),
        page_modes=tuple(py_literal(m) for m in _PAGE_MODES.get(str(PAGINATION.value(node)), ())),
        batch=row.contract_split,
        download=row.contract_stream,
    )


def _json_body(
    op: Operation, request_example: Any, node: dict[str, Any], document: dict[str, Any]
) -> list[str]:
    args = []
    if op.body_annotation is not None:
        body = py_literal(request_example if request_example is not None else {}, wrap=_WRAP)
        args.append(body if op.body_required else f"body={body}")
    return [*args, *_required_query(op, node, document)]


def _items(
    op: Operation, request_example: Any, node: dict[str, Any], document: dict[str, Any]
) -> list[str]:
    items = request_example if isinstance(request_example, list) else [request_example or {}]
    literal = f"{py_literal(items, wrap=_WRAP)} if items is None else items"
    return [literal, *_required_query(op, node, document)]


def _file(
    op: Operation, request_example: Any, node: dict[str, Any], document: dict[str, Any]
) -> list[str]:
    args = _required_query(op, node, document)
    parts = request_example if isinstance(request_example, dict) else {}
    filename = _upload_filename(parts.get("file"))
    args.append(repr(f"contents of {filename}".encode()))
    args.append(f"filename={py_literal(filename, wrap=_WRAP)}")
    for part in op.upload_parts:
        if part.wire_name in parts:
            args.append(f"{part.name}={py_literal(parts[part.wire_name], wrap=_WRAP)}")
    return args


def _required_query(op: Operation, node: dict[str, Any], document: dict[str, Any]) -> list[str]:
    return [
        f"{param.name}={py_literal(_parameter_value(param, node, document), wrap=_WRAP)}"
        for param in op.query_params
        if param.required
    ]


# The contract test's arguments for each way of sending the body (call_kinds.BodyUse): from the
# operation, the request example, the operation's node and the document.
_BodyArguments = Callable[[Operation, Any, dict[str, Any], dict[str, Any]], list[str]]
_CONTRACT_BODIES: dict[BodyUse, _BodyArguments] = {
    "json": _json_body,
    "items": _items,
    "file": _file,
}


def _example_of(media: dict[str, Any], document: dict[str, Any]) -> Any:
    if "example" in media:
        return media["example"]
    for example in (media.get("examples") or {}).values():
        example = resolve(document, example)
        if isinstance(example, dict) and "value" in example:
            return example["value"]
    return None


def _request_example(node: dict[str, Any], document: dict[str, Any]) -> Any:
    body = resolve(document, node.get("requestBody") or {})
    content = body.get("content") or {}
    # The client sends JSON where the spec also allows a form: prefer the JSON example.
    for media_type in sorted(content, key=lambda m: m != "application/json"):
        example = _example_of(content[media_type], document)
        if example is not None:
            return example
    return None


def _success_example(node: dict[str, Any], document: dict[str, Any]) -> Any:
    for status in sorted(node.get("responses") or {}):
        if not status.startswith("2"):
            continue
        content = resolve(document, node["responses"][status]).get("content") or {}
        for media in content.values():
            example = _example_of(media, document)
            if example is not None:
                return example
    return None


def _parameter_node(param: Parameter, node: dict[str, Any], document: dict[str, Any]) -> Any:
    for raw in node.get("parameters") or []:
        found = resolve(document, raw)
        if found.get("name") == param.wire_name:
            return found
    return {}


def _path_value(
    param: Parameter,
    node: dict[str, Any],
    document: dict[str, Any],
    request_example: Any,
    response_example: Any,
) -> Any:
    """The example of the parameter, else the same field of the body or answer, else made up."""
    declared = _parameter_node(param, node, document)
    if "example" in declared:
        return declared["example"]
    for example in (request_example, response_example):
        value = example.get(param.wire_name) if isinstance(example, dict) else None
        if isinstance(value, str) and value:
            return value
    return _made_up(param, declared.get("schema") or {})


def _parameter_value(param: Parameter, node: dict[str, Any], document: dict[str, Any]) -> Any:
    declared = _parameter_node(param, node, document)
    if "example" in declared:
        return declared["example"]
    return _made_up(param, declared.get("schema") or {})


def _made_up(param: Parameter, schema: dict[str, Any]) -> Any:
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    schema_type = schema.get("type")
    if schema_type == "integer":
        return 1
    if schema_type == "boolean":
        return True
    if schema.get("format") == "uuid":
        return _UUID
    if param.keep_slashes:
        return "a/b/c/d/contract_test_file.png"  # media codes hold slashes
    return f"{param.wire_name}_1"


def _upload_filename(description: Any) -> str:
    """The file name in an example such as `(the bytes of user_manual_en.pdf)`."""
    found = re.search(r"([\w.-]+\.\w+)", description) if isinstance(description, str) else None
    return found.group(1) if found else "file.bin"


def _comment_lines(method: str, path: str) -> tuple[str, ...]:
    """`METHOD path` as one comment line, or two when it would not fit in 100 columns."""
    line = f"{method} {path}"
    return (line,) if len(line) <= 96 else (method, path)
