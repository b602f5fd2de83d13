"""Changes to the generated Python client's public surface, from the IR of the two sides.

Resources are matched by attribute (a changed attribute with the same tag is a rename), methods by
name and then by operation (method and path, or operationId) to find renames and moves, arguments by
wire name (a new Python name for the same wire name is a rename). The classes are compared in
`classes`.
"""

from __future__ import annotations

from dataclasses import replace

from ..ir import Alias, Api, Arg, Model, Operation, Resource
from ..typeref import rename, without_none
from .annotations import type_change
from .changes import Change
from .classes import MODELS_GROUP, class_renames, class_table, diff_classes

__all__ = ["MODELS_GROUP", "diff_client"]

# (resource attribute, method name)
_MethodKey = tuple[str, str]


def diff_client(base: Api, head: Api) -> list[Change]:
    head_table = class_table(head)
    renames = class_renames(class_table(base), head_table)
    base = _renamed_api(base, renames)
    renamed = [
        Change("client-class-renamed", MODELS_GROUP, new, head_table[new].kind, old, new)
        for old, new in renames.items()
    ]
    return [*renamed, *_resources(base, head), *diff_classes(class_table(base), head_table)]


def _renamed_api(api: Api, renames: dict[str, str]) -> Api:
    """The base IR with renamed classes already under their new names, so that a class rename is
    reported once and not again in every annotation that names the class."""
    if not renames:
        return api

    def fix_op(op: Operation) -> Operation:
        args = tuple(
            replace(arg, annotation=rename(arg.annotation, renames)) for arg in op.signature.args
        )
        return replace(
            op,
            return_type=rename(op.return_type, renames),
            async_return_type=rename(op.async_return_type, renames),
            signature=replace(op.signature, args=args),
        )

    def fix_model(m: Model | Alias) -> Model | Alias:
        name = renames.get(m.name, m.name)
        param_name = renames.get(m.param_name, m.param_name)
        if isinstance(m, Alias):
            read, write = rename(m.read_type, renames), rename(m.write_type, renames)
            return replace(m, name=name, param_name=param_name, read_type=read, write_type=write)
        fields = tuple(
            replace(
                f, read_type=rename(f.read_type, renames), write_type=rename(f.write_type, renames)
            )
            for f in m.fields
        )
        return replace(m, name=name, param_name=param_name, fields=fields)

    resources = tuple(
        replace(r, operations=tuple(fix_op(op) for op in r.operations)) for r in api.resources
    )
    return replace(api, resources=resources, models=tuple(fix_model(m) for m in api.models))


# -- resources -----------------------------------------------------------------------------------
def _resources(base: Api, head: Api) -> list[Change]:
    changes: list[Change] = []
    base_res = {r.attribute: r for r in base.resources}
    head_res = {r.attribute: r for r in head.resources}
    pairs: dict[str, str] = {a: a for a in base_res if a in head_res}
    head_by_tag = {r.tag: r.attribute for r in head.resources if r.attribute not in base_res}
    for attribute, resource in base_res.items():
        if attribute in head_res:
            continue
        renamed = head_by_tag.get(resource.tag)
        subject = f"akeneo.{attribute}"
        if renamed is not None:
            pairs[attribute] = renamed
            changes.append(
                Change(
                    "client-resource-renamed", renamed, f"akeneo.{renamed}", "", attribute, renamed
                )
            )
        else:
            changes.append(
                Change("client-resource-removed", attribute, subject, "", resource.class_name, None)
            )
    for attribute, resource in head_res.items():
        if attribute not in pairs.values():
            subject = f"akeneo.{attribute}"
            changes.append(
                Change("client-resource-added", attribute, subject, "", None, resource.class_name)
            )
    changes.extend(_methods(base_res, head_res, pairs))
    return changes


# -- methods -------------------------------------------------------------------------------------
class _HeadMethods:
    """The head's methods, found by name, by route or by operationId; each matched once."""

    def __init__(self, head_res: dict[str, Resource]) -> None:
        found = [(r.attribute, op) for r in head_res.values() for op in r.operations]
        self.by_key = {(attribute, op.method_name): op for attribute, op in found}
        self.by_route = {(op.http_method, op.path): (a, op.method_name) for a, op in found}
        self.by_id = {op.operation_id: (a, op.method_name) for a, op in found}
        self.matched: set[_MethodKey] = set()

    def match(self, op: Operation, target: str | None) -> _MethodKey | None:
        """The head method of the base's `op`, whose resource is now `target`."""
        if target is not None and (target, op.method_name) in self.by_key:
            candidate = self.by_key[(target, op.method_name)]
            same_route = (candidate.http_method, candidate.path) == (op.http_method, op.path)
            if candidate.operation_id == op.operation_id or same_route:
                self.matched.add((target, op.method_name))
                return (target, op.method_name)
        found = self.by_route.get((op.http_method, op.path)) or self.by_id.get(op.operation_id)
        if found is None or found in self.matched:
            return None
        self.matched.add(found)
        return found


def _methods(
    base_res: dict[str, Resource], head_res: dict[str, Resource], pairs: dict[str, str]
) -> list[Change]:
    changes: list[Change] = []
    head = _HeadMethods(head_res)
    for attribute, resource in base_res.items():
        target = pairs.get(attribute)
        for op in resource.operations:
            old_name = f"akeneo.{attribute}.{op.method_name}"
            found = head.match(op, target)
            if found is None:
                group = target or attribute
                changes.append(
                    Change("client-method-removed", group, old_name, "", _describe(op), None)
                )
                continue
            new_attr, new_method = found
            new_name = f"akeneo.{new_attr}.{new_method}"
            if new_attr != target:
                changes.append(
                    Change("client-method-moved", new_attr, new_name, "", old_name, new_name)
                )
            elif new_method != op.method_name:
                rule = "client-method-renamed"
                changes.append(Change(rule, new_attr, new_name, "", op.method_name, new_method))
            changes.extend(_method(op, head.by_key[found], new_attr, new_name))
    for key, op in head.by_key.items():
        if key not in head.matched:
            subject = f"akeneo.{key[0]}.{key[1]}"
            changes.append(Change("client-method-added", key[0], subject, "", None, _describe(op)))
    return changes


def _describe(op: Operation) -> str:
    return f"{op.method_name}() -> {op.return_type.source()}  ({op.http_method} {op.path})"


def _method(base: Operation, head: Operation, group: str, subject: str) -> list[Change]:
    changes: list[Change] = []
    if base.return_type != head.return_type:
        before, after = base.return_type.source(), head.return_type.source()
        changes.append(
            Change("client-method-return-type-changed", group, subject, "returns", before, after)
        )
    if head.deprecated and not base.deprecated:
        changes.append(
            Change("client-method-deprecated", group, subject, "", None, "DeprecationWarning")
        )
    base_args, head_args = _arguments(base), _arguments(head)
    for wire in [w for w in head_args if w not in base_args]:
        arg = head_args[wire]
        rule = f"client-{'optional' if arg.default is not None else 'required'}-parameter-added"
        changes.append(Change(rule, group, subject, f"argument {arg.name}", None, _show_arg(arg)))
    for wire in [w for w in base_args if w not in head_args]:
        arg = base_args[wire]
        where = f"argument {arg.name}"
        changes.append(
            Change("client-parameter-removed", group, subject, where, _show_arg(arg), None)
        )
    for wire in [w for w in base_args if w in head_args]:
        changes.extend(_argument(base_args[wire], head_args[wire], group, subject))
    return changes


def _argument(old: Arg, new: Arg, group: str, subject: str) -> list[Change]:
    """Changes of one argument kept for the same wire name."""
    where = f"argument {new.name}"
    changes: list[Change] = []
    if old.name != new.name:
        changes.append(
            Change("client-parameter-renamed", group, subject, where, old.name, new.name)
        )
    if old.kind != new.kind:
        changes.append(
            Change("client-parameter-kind-changed", group, subject, where, old.kind, new.kind)
        )
    old_optional, new_optional = old.default is not None, new.default is not None
    if old_optional != new_optional:
        rule = f"client-parameter-became-{'optional' if new_optional else 'required'}"
        before = "optional" if old_optional else "required"
        after = "optional" if new_optional else "required"
        changes.append(Change(rule, group, subject, where, before, after))
    # an optional argument's `| None` is its default's, not a type of its own
    before_type = without_none(old.annotation) if old_optional else old.annotation
    after_type = without_none(new.annotation) if new_optional else new.annotation
    changes.extend(type_change(before_type, after_type, group, subject, where, "parameter"))
    return changes


def _arguments(op: Operation) -> dict[str, Arg]:
    """The method's own arguments as the user sees them, keyed by what they send: path
    parameters by position, others by wire name, or by name when they send no named value."""
    positions = {p.name: f"(path #{i})" for i, p in enumerate(op.path_params, 1)}
    return {
        positions.get(arg.name) or arg.wire_name or f"({arg.name})": arg
        for arg in op.signature.args
    }


def _show_arg(arg: Arg) -> str:
    return f"{arg.source()} ({arg.kind})"
