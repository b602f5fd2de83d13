"""One resource of the client per tag: its class names, its operations and what it imports."""

from __future__ import annotations

from typing import Any

from ..extensions import PYTHON_NAME
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
            f"{PYTHON_NAME.name} {attribute!r} is not a snake_case identifier",
            uniqueness.tag_pointer(context, tag["name"]),
        )
    base = class_name(attribute)
    uniqueness.check_methods(context, attribute, operations)
    used = frozenset().union(
        *(arg.annotation.names() for op in operations for arg in op.signature.args),
        *(op.return_type.names() for op in operations),
    )
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
        models=tuple(sorted(used & _model_names(context, "read"))),
        params=tuple(sorted(used & _model_names(context, "write"))),
    )


def _model_names(context: BuildContext, side: Side) -> set[str]:
    if side == "read":
        return {class_name(name) for name in context.schemas}
    return {param_class_name(name) for name in context.schemas}

