"""One operation of the document as a method of its resource: arguments, call kind, answer."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..call_kinds import returns
from ..document import escape_pointer_token, operation_pointer, resolve
from ..extensions import PYTHON_METHOD
from ..ir import CallKind, ErrorResponse, Operation, Parameter, Signature
from ..naming import (
    constant_name,
    docstring,
    parameter_name,
    py_literal,
    snake_case,
    wrapped_literal,
)
from ..runtime_facts import exception_for
from ..signature import signature
from ..typeref import STR, Named, TypeRef, union_of
from ..types import comma_separated
from . import list_defaults, spec_extensions, uniqueness
from .bodies import JSON, Body, is_binary
from .context import BuildContext
from .models import is_object

# Filled in by `signature`, which reads the rest of the operation.
_UNSIGNED = Signature((), (), "", False, False, "")


def build_operation(
    context: BuildContext, path: str, method: str, operation: dict[str, Any]
) -> Operation:
    where = operation_pointer(path, method)
    method_name = spec_extensions.python_method(operation)
    if snake_case(method_name) != method_name:
        context.problem(
            f"{PYTHON_METHOD.name} {method_name!r} is not a snake_case identifier", where
        )
    path_params, query_params = _parameters(context, path, method, operation)
    body = Body(context, operation, path, where)
    kind, result_model = _call_kind(context, operation, method, where, body)
    notes = spec_extensions.notes(operation)
    paging: list_defaults.Paging = "none"
    if kind == "paginate":
        query_params, paging, notes = list_defaults.for_list(query_params, notes)
    return_type, async_return_type, returns_text = returns(kind, result_model)
    uniqueness.check_parameters(
        context, operation["operationId"], where, (*path_params, *query_params, *body.parts)
    )
    security = operation.get("security", context.document.get("security", []))
    deprecated = spec_extensions.deprecation_text(operation)
    unsigned = Operation(
        operation_id=operation["operationId"],
        method_name=method_name,
        http_method=method.upper(),
        path=path,
        constant=constant_name(operation["operationId"]),
        summary=docstring(operation.get("summary", "")),
        description=docstring(operation.get("description", "")),
        notes=tuple(notes),
        flags=tuple(spec_extensions.flags(operation)),
        deprecated=docstring(deprecated) if deprecated else None,
        authenticated=any("bearerAuth" in requirement for requirement in security),
        client_credentials=any("basicAuth" in requirement for requirement in security),
        kind=kind,
        path_params=path_params,
        query_params=query_params,
        body_annotation=body.annotation,
        body_required=body.required,
        body_description=body.description,
        body_default=None if body.default is None else py_literal(body.default),
        result_model=result_model,
        return_type=return_type,
        async_return_type=async_return_type,
        returns=returns_text,
        batch_format=body.batch_format,
        batch_key=body.batch_key,
        upload_parts=tuple(body.parts),
        code_header=spec_extensions.code_header(operation),
        errors=_errors(context, operation),
        signature=_UNSIGNED,
        operation_id_literal=py_literal(operation["operationId"]),
        path_literal=py_literal(path),
        keep_slashes=", ".join(py_literal(p.wire_name) for p in path_params if p.keep_slashes),
        deprecated_literal=wrapped_literal(" ".join(deprecated.split())) if deprecated else None,
        prefer_search_after=paging == "search_after",
    )
    return replace(unsigned, signature=signature(unsigned))


def _errors(context: BuildContext, operation: dict[str, Any]) -> tuple[ErrorResponse, ...]:
    return tuple(
        ErrorResponse(
            status,
            docstring(resolve(context.document, response).get("description", "")),
            exception_for(status),
        )
        for status, response in operation.get("responses", {}).items()
        if status[0] in "45"
    )


def _parameters(
    context: BuildContext, path: str, method: str, operation: dict[str, Any]
) -> tuple[tuple[Parameter, ...], tuple[Parameter, ...]]:
    where = operation_pointer(path, method)
    item_params = context.document["paths"][path].get("parameters", [])
    merged: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
    path_item_pointer = f"/paths/{escape_pointer_token(path)}/parameters"
    for index, raw in enumerate(item_params):
        param = resolve(context.document, raw)
        merged[(param["name"], param["in"])] = (param, f"{path_item_pointer}/{index}")
    for index, raw in enumerate(operation.get("parameters", [])):
        param = resolve(context.document, raw)
        merged[(param["name"], param["in"])] = (param, f"{where}/parameters/{index}")
    order = [segment[1:-1] for segment in path.split("/") if segment.startswith("{")]
    path_params: list[Parameter] = []
    query_params: list[Parameter] = []
    for (name, location), (param, pointer) in merged.items():
        if location not in ("path", "query"):
            context.problem(
                f"{location} parameter {name!r} is not supported; the runtime sets headers",
                pointer,
            )
            continue
        built = _parameter(context, name, param, pointer)
        (path_params if location == "path" else query_params).append(built)
    path_params.sort(key=lambda p: order.index(p.wire_name) if p.wire_name in order else len(order))
    query_params.sort(key=lambda p: (not p.required, 0))
    return tuple(path_params), tuple(query_params)


def _parameter(context: BuildContext, name: str, param: dict[str, Any], pointer: str) -> Parameter:
    if spec_extensions.search(param):
        annotation: TypeRef = Named("SearchArg")
    else:
        annotation = context.types.annotation(param.get("schema", {}), "write", f"{pointer}/schema")
        if comma_separated(param):
            annotation = union_of((annotation, STR))  # "en_US,fr_FR" as well as a list
    schema = param.get("schema", {})
    maximum = schema.get("maximum")
    return Parameter(
        name=parameter_name(name),
        wire_name=name,
        annotation=annotation,
        required=bool(param.get("required")),
        description=docstring(_describe_parameter(param)),
        keep_slashes=spec_extensions.keep_slashes(param),
        maximum=maximum if isinstance(maximum, int) and not isinstance(maximum, bool) else None,
        choices=tuple(str(choice) for choice in schema.get("enum", ()) if isinstance(choice, str)),
    )


def _call_kind(
    context: BuildContext,
    operation: dict[str, Any],
    method: str,
    where: str,
    body: Body,
) -> tuple[CallKind, TypeRef | None]:
    """How the generated method calls the runtime, and the model its answer is parsed into."""
    if body.call_kind is not None:
        return body.call_kind, None
    responses = operation.get("responses", {})
    success = sorted(status for status in responses if status.startswith("2"))
    if not success:
        context.problem("the operation has no 2xx response", f"{where}/responses")
        return "fetch_json", None
    status = success[0]
    content = resolve(context.document, responses[status]).get("content", {})
    pointer = _definition_pointer(responses[status], f"{where}/responses/{status}")
    if any(is_binary(media.get("schema", {})) for media in content.values()):
        return "download", None
    if spec_extensions.paginated(operation):
        return _paginated(context, content, pointer)
    if not content:
        return ("delete" if method == "delete" else "write"), None
    return _json_answer(context, content, status, pointer)


def _paginated(
    context: BuildContext, content: dict[str, Any], pointer: str
) -> tuple[CallKind, TypeRef | None]:
    item = _page_item(content.get(JSON, {}).get("schema", {}))
    if item is None:
        context.problem("a paginated answer must hold an `_embedded.items` array", pointer)
        return "fetch_json", None
    json_schema = f"{pointer}/content/{escape_pointer_token(JSON)}/schema"
    return "paginate", context.types.annotation(item, "read", json_schema)


def _json_answer(
    context: BuildContext, content: dict[str, Any], status: str, pointer: str
) -> tuple[CallKind, TypeRef | None]:
    schema = content.get(JSON, {}).get("schema")
    if schema is None:
        context.problem(f"a {status} answer must be JSON or a binary file", pointer)
        return "fetch_json", None
    json_schema = f"{pointer}/content/{escape_pointer_token(JSON)}/schema"
    if isinstance(schema.get("$ref"), str) and is_object(context, schema["$ref"]):
        return "fetch_model", context.types.named(schema["$ref"], "read", json_schema)
    items = schema.get("items", {}) if schema.get("type") == "array" else {}
    if isinstance(items.get("$ref"), str) and is_object(context, items["$ref"]):
        return "fetch_list", context.types.named(items["$ref"], "read", f"{json_schema}/items")
    context.types.annotation(schema, "read", json_schema)
    return "fetch_json", None


def _page_item(schema: dict[str, Any]) -> dict[str, Any] | None:
    """The item schema of a page envelope, searched through allOf/oneOf/anyOf."""
    for keyword in ("allOf", "oneOf", "anyOf"):
        for part in schema.get(keyword, []):
            found = _page_item(part)
            if found is not None:
                return found
    embedded = schema.get("properties", {}).get("_embedded", {})
    items = embedded.get("properties", {}).get("items", {})
    if items.get("type") == "array" and isinstance(items.get("items"), dict) and items["items"]:
        item: dict[str, Any] = items["items"]
        return item
    return None


def _definition_pointer(value: Any, here: str) -> str:
    """Where a possibly referenced definition really is: its component, or `here` when inline."""
    if isinstance(value, dict) and isinstance(value.get("$ref"), str):
        return str(value["$ref"]).removeprefix("#")
    return here


def _describe_parameter(param: dict[str, Any]) -> str:
    text = str(param.get("description", ""))
    schema = param.get("schema", {})
    facts = []
    if "default" in schema:
        facts.append(f"server default: {schema['default']}")
    if "minimum" in schema or "maximum" in schema:
        facts.append(f"range {schema.get('minimum', '')}..{schema.get('maximum', '')}")
    if facts:
        text = f"{text} ({', '.join(facts)})" if text else ", ".join(facts)
    return text
