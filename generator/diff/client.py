"""Changes to the generated Python client's public surface, from the IR of the two sides.

Resources are matched by attribute (a changed attribute with the same tag is a rename), methods by
name and then by operation (method and path, or operationId) to find renames and moves, arguments by
wire name (a new Python name for the same wire name is a rename), classes by name (a class gone
while a new one has exactly its fields is a rename), fields by JSON key.
Response models (pydantic) and request TypedDicts are separate symbols: a field that may now be
absent breaks a reader, a key that is now Required breaks a writer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from ..ir import Alias, Api, Model, Operation, Resource
from .annotations import enum_delta, split_top, widens, without_none
from .changes import Change

MODELS_GROUP = "(models)"


@dataclass(frozen=True)
class _Arg:
    name: str
    wire: str
    annotation: str
    kind: Literal["positional", "keyword"]
    has_default: bool


@dataclass(frozen=True)
class _Field:
    name: str
    annotation: str
    required: bool


@dataclass(frozen=True)
class _Class:
    name: str
    kind: Literal["model", "typeddict", "alias"]
    fields: tuple[tuple[str, _Field], ...]  # by JSON key
    alias_of: str


def diff_client(base: Api, head: Api) -> list[Change]:
    head_table = _class_table(head)
    renames = _class_renames(_class_table(base), head_table)
    base = _renamed_api(base, renames)
    renamed = [
        Change("client-class-renamed", MODELS_GROUP, new, head_table[new].kind, old, new)
        for old, new in renames.items()
    ]
    return [*renamed, *_resources(base, head), *_classes(_class_table(base), head_table)]


def _renamed_api(api: Api, renames: dict[str, str]) -> Api:
    """The base IR with renamed classes already under their new names, so that a class rename is
    reported once and not again in every annotation that names the class."""
    if not renames:
        return api
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in renames) + r")\b")

    def fix(text: str) -> str:
        return pattern.sub(lambda m: renames[m.group(1)], text)

    def fix_op(op: Operation) -> Operation:
        sig = op.signature
        return replace(
            op,
            return_type=fix(op.return_type),
            signature=replace(
                sig,
                positional=tuple(fix(t) for t in sig.positional),
                keyword=tuple(fix(t) for t in sig.keyword),
            ),
        )

    resources = tuple(
        replace(r, operations=tuple(fix_op(op) for op in r.operations)) for r in api.resources
    )
    models = tuple(
        (
            replace(
                m,
                name=fix(m.name),
                param_name=fix(m.param_name),
                fields=tuple(
                    replace(f, read_type=fix(f.read_type), write_type=fix(f.write_type))
                    for f in m.fields
                ),
            )
            if isinstance(m, Model)
            else replace(
                m,
                name=fix(m.name),
                param_name=fix(m.param_name),
                read_type=fix(m.read_type),
                write_type=fix(m.write_type),
            )
        )
        for m in api.models
    )
    return replace(api, resources=resources, models=models)


# -- resources and methods -----------------------------------------------------------------------
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
        if renamed is not None:
            pairs[attribute] = renamed
            changes.append(
                Change(
                    "client-resource-renamed", renamed, f"akeneo.{renamed}", "", attribute, renamed
                )
            )
        else:
            changes.append(
                Change(
                    "client-resource-removed",
                    attribute,
                    f"akeneo.{attribute}",
                    "",
                    resource.class_name,
                    None,
                )
            )
    for attribute, resource in head_res.items():
        if attribute not in pairs.values():
            changes.append(
                Change(
                    "client-resource-added",
                    attribute,
                    f"akeneo.{attribute}",
                    "",
                    None,
                    resource.class_name,
                )
            )
    changes.extend(_methods(base_res, head_res, pairs))
    return changes


def _methods(
    base_res: dict[str, Resource], head_res: dict[str, Resource], pairs: dict[str, str]
) -> list[Change]:
    changes: list[Change] = []
    head_ops = {(r.attribute, op.method_name): op for r in head_res.values() for op in r.operations}
    head_by_route = {
        (op.http_method, op.path): (r.attribute, op.method_name)
        for r in head_res.values()
        for op in r.operations
    }
    head_by_id = {
        op.operation_id: (r.attribute, op.method_name)
        for r in head_res.values()
        for op in r.operations
    }
    matched: set[tuple[str, str]] = set()
    for attribute, resource in base_res.items():
        for op in resource.operations:
            target = pairs.get(attribute)
            found: tuple[str, str] | None = None
            if target is not None and (target, op.method_name) in head_ops:
                candidate = head_ops[(target, op.method_name)]
                if candidate.operation_id == op.operation_id or (
                    (candidate.http_method, candidate.path) == (op.http_method, op.path)
                ):
                    found = (target, op.method_name)
            if found is None:
                found = head_by_route.get((op.http_method, op.path)) or head_by_id.get(
                    op.operation_id
                )
                if found is not None and found in matched:
                    found = None
            old_name = f"akeneo.{attribute}.{op.method_name}"
            if found is None:
                changes.append(
                    Change(
                        "client-method-removed",
                        target or attribute,
                        old_name,
                        "",
                        _describe(op),
                        None,
                    )
                )
                continue
            matched.add(found)
            new_attr, new_method = found
            new_name = f"akeneo.{new_attr}.{new_method}"
            if new_attr != target:
                changes.append(
                    Change("client-method-moved", new_attr, new_name, "", old_name, new_name)
                )
            elif new_method != op.method_name:
                changes.append(
                    Change(
                        "client-method-renamed", new_attr, new_name, "", op.method_name, new_method
                    )
                )
            changes.extend(_method(op, head_ops[found], new_attr, new_name))
    for key, op in head_ops.items():
        if key not in matched:
            changes.append(
                Change(
                    "client-method-added",
                    key[0],
                    f"akeneo.{key[0]}.{key[1]}",
                    "",
                    None,
                    _describe(op),
                )
            )
    return changes


def _describe(op: Operation) -> str:
    return f"{op.method_name}() -> {op.return_type}  ({op.http_method} {op.path})"


def _method(base: Operation, head: Operation, group: str, subject: str) -> list[Change]:
    changes: list[Change] = []
    if base.return_type != head.return_type:
        changes.append(
            Change(
                "client-method-return-type-changed",
                group,
                subject,
                "returns",
                base.return_type,
                head.return_type,
            )
        )
    if head.deprecated and not base.deprecated:
        changes.append(
            Change("client-method-deprecated", group, subject, "", None, "DeprecationWarning")
        )
    base_args = {a.wire: a for a in _arguments(base)}
    head_args = {a.wire: a for a in _arguments(head)}
    for wire in [w for w in head_args if w not in base_args]:
        arg = head_args[wire]
        rule = (
            "client-optional-parameter-added"
            if arg.has_default
            else ("client-required-parameter-added")
        )
        changes.append(Change(rule, group, subject, f"argument {arg.name}", None, _show_arg(arg)))
    for wire in [w for w in base_args if w not in head_args]:
        arg = base_args[wire]
        changes.append(
            Change(
                "client-parameter-removed",
                group,
                subject,
                f"argument {arg.name}",
                _show_arg(arg),
                None,
            )
        )
    for wire in [w for w in base_args if w in head_args]:
        old, new = base_args[wire], head_args[wire]
        where = f"argument {new.name}"
        if old.name != new.name:
            changes.append(
                Change("client-parameter-renamed", group, subject, where, old.name, new.name)
            )
        if old.kind != new.kind:
            changes.append(
                Change("client-parameter-kind-changed", group, subject, where, old.kind, new.kind)
            )
        if old.has_default and not new.has_default:
            changes.append(
                Change(
                    "client-parameter-became-required",
                    group,
                    subject,
                    where,
                    "optional",
                    "required",
                )
            )
        elif new.has_default and not old.has_default:
            changes.append(
                Change(
                    "client-parameter-became-optional",
                    group,
                    subject,
                    where,
                    "required",
                    "optional",
                )
            )
        changes.extend(
            _type_change(
                without_none(old.annotation) if old.has_default else old.annotation,
                without_none(new.annotation) if new.has_default else new.annotation,
                group,
                subject,
                where,
                "parameter",
            )
        )
    return changes


def _arguments(op: Operation) -> list[_Arg]:
    """The method's own arguments as the user sees them, keyed by what they send."""
    wires = {p.name: f"(path #{i})" for i, p in enumerate(op.path_params, 1)}
    wires.update({p.name: p.wire_name for p in op.query_params})
    wires.update({p.name: p.wire_name for p in op.upload_parts})
    args: list[_Arg] = []
    for kind, texts in (("positional", op.signature.positional), ("keyword", op.signature.keyword)):
        for text in texts:
            head, _, default = text.partition(" = ")
            name, _, annotation = head.partition(": ")
            args.append(
                _Arg(
                    name,
                    wires.get(name, f"({name})"),
                    annotation,
                    "positional" if kind == "positional" else "keyword",
                    bool(default),
                )
            )
    return args


def _show_arg(arg: _Arg) -> str:
    default = " = None" if arg.has_default else ""
    return f"{arg.name}: {arg.annotation}{default} ({arg.kind})"


def _type_change(
    before: str, after: str, group: str, subject: str, where: str, what: str
) -> list[Change]:
    """Changes between two annotations: Literal members added or removed, or a type change."""
    if before == after:
        return []
    delta = enum_delta(before, after)
    if delta is not None:
        added, removed = delta
        return [
            *(Change("client-enum-member-added", group, subject, where, None, v) for v in added),
            *(
                Change("client-enum-member-removed", group, subject, where, v, None)
                for v in removed
            ),
        ]
    rule = what
    if what == "parameter":
        rule = "client-parameter-type-changed"
        if widens(before, after):
            rule = "client-parameter-type-widened"
    elif what == "client-param-field-type-changed" and widens(before, after):
        rule = "client-param-field-type-widened"
    elif what == "client-model-field-type-changed" and widens(after, before):
        rule = "client-model-field-type-narrowed"
    return [Change(rule, group, subject, where, before, after)]


# -- classes -------------------------------------------------------------------------------------
def _class_table(api: Api) -> dict[str, _Class]:
    table: dict[str, _Class] = {}
    for model in api.models:
        if isinstance(model, Model):
            if model.read:
                fields = tuple(
                    (f.wire_name, _Field(f.name, f.read_type, f.required))
                    for f in model.fields
                    if not f.write_only
                )
                table[model.name] = _Class(model.name, "model", fields, "")
            if model.write:
                fields = tuple(
                    (f.wire_name, _Field(f.wire_name, f.write_type, f.required))
                    for f in model.fields
                    if not f.read_only
                )
                table[model.param_name] = _Class(model.param_name, "typeddict", fields, "")
        elif isinstance(model, Alias):
            if model.read:
                table[model.name] = _Class(model.name, "alias", (), model.read_type)
            if model.write:
                table[model.param_name] = _Class(model.param_name, "alias", (), model.write_type)
    return table


def _shape(cls: _Class) -> tuple[object, ...]:
    return (cls.kind, cls.fields, cls.alias_of)


def _class_renames(base: dict[str, _Class], head: dict[str, _Class]) -> dict[str, str]:
    """Classes gone from `base` while a new class of `head` has exactly their shape."""
    added = {_shape(c): n for n, c in head.items() if n not in base and (c.fields or c.alias_of)}
    renames: dict[str, str] = {}
    for name, cls in base.items():
        if name not in head and _shape(cls) in added:
            renames[name] = added.pop(_shape(cls))
    return renames


def _classes(base: dict[str, _Class], head: dict[str, _Class]) -> list[Change]:
    changes: list[Change] = []
    for name, cls in base.items():
        if name in head:
            changes.extend(_class(cls, head[name]))
        else:
            changes.append(
                Change("client-class-removed", MODELS_GROUP, name, cls.kind, _kind_text(cls), None)
            )
    for name, cls in head.items():
        if name not in base:
            changes.append(
                Change("client-class-added", MODELS_GROUP, name, cls.kind, None, _kind_text(cls))
            )
    return changes


def _kind_text(cls: _Class) -> str:
    if cls.kind == "alias":
        return f"alias of {cls.alias_of}"
    return f"{cls.kind} with {len(cls.fields)} field(s)"


def _class(base: _Class, head: _Class) -> list[Change]:
    group, subject = MODELS_GROUP, head.name
    if base.kind == "alias" or head.kind == "alias":
        if base.alias_of == head.alias_of and base.kind == head.kind:
            return []
        return _type_change(
            base.alias_of or base.kind,
            head.alias_of or head.kind,
            group,
            subject,
            "alias",
            "client-alias-type-changed",
        )
    changes: list[Change] = []
    old_fields, new_fields = dict(base.fields), dict(head.fields)
    typed = head.kind == "typeddict"
    for wire in [w for w in new_fields if w not in old_fields]:
        new = new_fields[wire]
        if typed:
            rule = (
                "client-param-required-field-added"
                if new.required
                else ("client-param-optional-field-added")
            )
        else:
            rule = "client-model-field-added"
        changes.append(
            Change(rule, group, subject, f"field {new.name}", None, _show_field(new, typed))
        )
    for wire in [w for w in old_fields if w not in new_fields]:
        old = old_fields[wire]
        rule = "client-param-field-removed" if typed else "client-model-field-removed"
        changes.append(
            Change(rule, group, subject, f"field {old.name}", _show_field(old, typed), None)
        )
    for wire in [w for w in old_fields if w in new_fields]:
        old, new = old_fields[wire], new_fields[wire]
        where = f"field {new.name}"
        if old.name != new.name:
            changes.append(
                Change("client-model-field-renamed", group, subject, where, old.name, new.name)
            )
        if typed and old.required != new.required:
            rule = (
                "client-param-field-became-required"
                if new.required
                else ("client-param-field-became-optional")
            )
            changes.append(
                Change(
                    rule,
                    group,
                    subject,
                    where,
                    "Required" if old.required else "NotRequired",
                    "Required" if new.required else "NotRequired",
                )
            )
        rule = "client-param-field-type-changed" if typed else "client-model-field-type-changed"
        changes.extend(_type_change(old.annotation, new.annotation, group, subject, where, rule))
    return changes


def _show_field(field: _Field, typed: bool) -> str:
    if typed:
        return (
            f"{field.name}: Required[{field.annotation}]"
            if field.required
            else (f"{field.name}: {field.annotation}")
        )
    return f"{field.name}: {field.annotation}"


__all__ = ["diff_client", "split_top"]
