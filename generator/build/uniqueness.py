"""The names the generated code declares side by side must differ: each check reports a collision
at the place of the second name, naming where the first one is."""

from __future__ import annotations

from collections.abc import Iterable

from ..document import escape_pointer_token, operation_pointer
from ..ir import Alias, Field, Model, Operation, Parameter, Resource, UploadPart
from .context import BuildContext


def check_unique(context: BuildContext, names: Iterable[tuple[str, str]], what: str) -> None:
    """`names` are (name, pointer) pairs; every repeated name is a problem."""
    seen: dict[str, str] = {}
    for name, pointer in names:
        if name in seen:
            context.problem(
                f"{what} {name!r} collides with the one at {context.spec.locate(seen[name])}",
                pointer,
            )
        else:
            seen[name] = pointer


def tag_pointer(context: BuildContext, tag: str) -> str:
    names = [t.get("name") for t in context.document.get("tags", [])]
    return f"/tags/{names.index(tag)}"


def check_resources(context: BuildContext, resources: Iterable[Resource]) -> None:
    pairs = ((r.attribute, tag_pointer(context, r.tag)) for r in resources)
    check_unique(context, pairs, "resource attribute")


def check_methods(context: BuildContext, attribute: str, operations: Iterable[Operation]) -> None:
    pairs = (
        (op.method_name, operation_pointer(op.path, op.http_method.lower())) for op in operations
    )
    check_unique(context, pairs, f"method name in {attribute}")


def check_parameters(
    context: BuildContext,
    operation_id: str,
    where: str,
    parameters: Iterable[Parameter | UploadPart],
) -> None:
    pairs = ((p.name, f"{where}/parameters") for p in parameters)
    check_unique(context, pairs, f"parameter name of {operation_id}")


def check_fields(
    context: BuildContext, class_name: str, fields: Iterable[Field], pointers: Iterable[str]
) -> None:
    pairs = ((f.name, at) for f, at in zip(fields, pointers, strict=True))
    check_unique(context, pairs, f"field name in {class_name}")


def check_classes(
    context: BuildContext, models: Iterable[Model | Alias], schema_names: Iterable[str]
) -> None:
    pairs = (
        (m.name, f"/components/schemas/{escape_pointer_token(n)}")
        for m, n in zip(models, schema_names, strict=True)
    )
    check_unique(context, pairs, "class name")
