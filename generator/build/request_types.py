"""Request types that fit their resource: a body takes its TypedDict or a model of that resource.

A model read from the API can be sent back unchanged, but only to the resource it came from: the
body of `channels.upsert` accepts `ChannelUpdateParam | Channel`, never a product. The models of a
resource are the ones its own operations answer with.
"""

from __future__ import annotations

from dataclasses import replace

from ..ir import Operation
from ..signature import signature
from ..typeref import Named, TypeRef, Union, members


def fit_bodies(operations: list[Operation]) -> list[Operation]:
    """The operations of one resource, each TypedDict body widened to the resource's models."""
    models = _resource_models(operations)
    fitted = []
    for op in operations:
        annotation = op.body_annotation
        if annotation is None or not models or not _is_param(annotation):
            fitted.append(op)
            continue
        widened = replace(op, body_annotation=Union((*members(annotation), *models)))
        fitted.append(replace(widened, signature=signature(widened)))
    return fitted


def _resource_models(operations: list[Operation]) -> tuple[Named, ...]:
    """The models the resource's operations answer with, in a stable (sorted) order."""
    found = {
        member
        for op in operations
        if op.result_model is not None
        for member in members(op.result_model)
        if isinstance(member, Named)
    }
    return tuple(sorted(found, key=lambda named: named.name))


def _is_param(annotation: TypeRef) -> bool:
    """A body typed by a generated TypedDict (`XParam`), not a bare mapping or list."""
    last = members(annotation)[-1]
    return isinstance(last, Named) and last.name.endswith("Param")
