"""One resource of the client per tag: its class names, its operations and what it imports."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..ir import Operation, Resource
from ..naming import class_name, docstring, isort_key, snake_case
from ..types import Side, param_class_name
from . import spec_extensions, uniqueness
from .context import BuildContext


def build_resource(
    context: BuildContext, tag: dict[str, Any], operations: list[Operation]
) -> Resource:
    attribute = spec_extensions.python_name(tag)
    if snake_case(attribute) != attribute:
        context.problem(
            f"x-python-name {attribute!r} is not a snake_case identifier",
            uniqueness.tag_pointer(context, tag["name"]),
        )
    base = class_name(attribute)
    uniqueness.check_methods(context, attribute, operations)
    annotations = [
        text
        for op in operations
        for text in (
            op.body_annotation or "",
            op.return_type,
            *(p.annotation for p in (*op.path_params, *op.query_params)),
            *(part.annotation for part in op.upload_parts),
        )
    ]
    return Resource(
        attribute=attribute,
        class_name=f"{base}Resource",
        async_class_name=f"Async{base}Resource",
        module=attribute,
        tag=tag["name"],
        description=docstring(tag.get("description", "")),
        docstring=docstring(f"{tag['name']}: {tag.get('description', '')}"),
        exports=tuple(sorted((f"{base}Resource", f"Async{base}Resource"), key=isort_key)),
        operations=tuple(operations),
        models=tuple(sorted(_names_used(annotations, _model_names(context, "read")))),
        params=tuple(sorted(_names_used(annotations, _model_names(context, "write")))),
    )


def _model_names(context: BuildContext, side: Side) -> set[str]:
    if side == "read":
        return {class_name(name) for name in context.schemas}
    return {param_class_name(name) for name in context.schemas}


def _names_used(annotations: Iterable[str], names: set[str]) -> set[str]:
    tokens = {token for text in annotations for token in _tokens(text)}
    return tokens & names


def _tokens(text: str) -> list[str]:
    word = []
    out = []
    for ch in text + " ":
        if ch.isalnum() or ch == "_":
            word.append(ch)
        elif word:
            out.append("".join(word))
            word = []
    return out
