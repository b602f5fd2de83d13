"""Request types that fit their resource: a body takes its TypedDict or a model of that resource.

A model read from the API can be sent back unchanged, but only where it is the thing written: the
body of `channels.upsert` accepts `ChannelUpdateParam | Channel`, never a product. A body is the
resource when a GET on the same path answers with that model (PATCH /channels/{code} and GET
/channels/{code}; POST or PATCH /channels and the list GET /channels, or GET /channels/{code}
when the collection has no list). A body sent where nothing is read (a search, a token request,
a job launch, a duplication) is not a model of the resource, and neither is a body written under
another resource's path (POST /families/{code}/variants takes a family variant, not a family).
"""

from __future__ import annotations

from dataclasses import replace

from ..ir import Operation
from ..signature import signature
from ..typeref import Named, TypeRef, Union, members


def fit_bodies(operations: list[Operation]) -> list[Operation]:
    """The operations of one resource, each TypedDict body widened to the models read there."""
    fitted = []
    for op in operations:
        annotation = op.body_annotation
        models = _models_read_at(op.path, operations)
        if annotation is None or not models or not _is_param(annotation):
            fitted.append(op)
            continue
        widened = replace(op, body_annotation=Union((*members(annotation), *models)))
        fitted.append(replace(widened, signature=signature(widened)))
    return fitted


def _models_read_at(path: str, operations: list[Operation]) -> tuple[Named, ...]:
    """The models a GET on `path` answers with (the item model for a list), in a stable order."""
    found = {
        member
        for op in operations
        if op.http_method == "GET" and _reads_at(op.path, path) and op.result_model is not None
        for member in members(op.result_model)
        if isinstance(member, Named)
    }
    return tuple(sorted(found, key=lambda named: named.name))


def _is_param(annotation: TypeRef) -> bool:
    """A body typed by a generated TypedDict (`XParam`), not a bare mapping or list."""
    last = members(annotation)[-1]
    return isinstance(last, Named) and last.name.endswith("Param")


def _reads_at(get_path: str, path: str) -> bool:
    """The GET reads what is written at `path`: the same path, or one item of that collection."""
    if get_path == path:
        return True
    head, _, last = get_path.rpartition("/")
    return head == path and last.startswith("{") and last.endswith("}")
