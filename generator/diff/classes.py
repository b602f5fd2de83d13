"""Changes to the generated classes: response models, request TypedDicts and aliases.

Classes are matched by name (a class gone while a new one has exactly its fields is a rename),
fields by JSON key. Response models (pydantic) and request TypedDicts are separate symbols: a field
that may now be absent breaks a reader, a key that is now Required breaks a writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..ir import Alias, Api, Model
from ..typeref import TypeRef
from .annotations import type_change
from .changes import Change

MODELS_GROUP = "(models)"

ClassKind = Literal["model", "typeddict", "alias"]


@dataclass(frozen=True)
class ClassField:
    name: str
    annotation: TypeRef
    required: bool


@dataclass(frozen=True)
class ClassShape:
    name: str
    kind: ClassKind
    fields: tuple[tuple[str, ClassField], ...]  # by JSON key
    alias_of: TypeRef | None


def class_table(api: Api) -> dict[str, ClassShape]:
    """Every generated class of the client by name: both sides of each model, and aliases."""
    table: dict[str, ClassShape] = {}
    for model in api.models:
        if isinstance(model, Model):
            if model.read:
                fields = tuple(
                    (f.wire_name, ClassField(f.name, f.read_type, f.required))
                    for f in model.fields
                    if not f.write_only
                )
                table[model.name] = ClassShape(model.name, "model", fields, None)
            if model.write:
                fields = tuple(
                    (f.wire_name, ClassField(f.wire_name, f.write_type, f.required))
                    for f in model.fields
                    if not f.read_only
                )
                table[model.param_name] = ClassShape(model.param_name, "typeddict", fields, None)
        elif isinstance(model, Alias):
            if model.read:
                table[model.name] = ClassShape(model.name, "alias", (), model.read_type)
            if model.write:
                table[model.param_name] = ClassShape(
                    model.param_name, "alias", (), model.write_type
                )
    return table


def _shape(cls: ClassShape) -> tuple[object, ...]:
    return (cls.kind, cls.fields, cls.alias_of)


def class_renames(base: dict[str, ClassShape], head: dict[str, ClassShape]) -> dict[str, str]:
    """Classes gone from `base` while a new class of `head` has exactly their shape."""
    added = {
        _shape(c): n
        for n, c in head.items()
        if n not in base and (c.fields or c.alias_of is not None)
    }
    renames: dict[str, str] = {}
    for name, cls in base.items():
        if name not in head and _shape(cls) in added:
            renames[name] = added.pop(_shape(cls))
    return renames


def diff_classes(base: dict[str, ClassShape], head: dict[str, ClassShape]) -> list[Change]:
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


def _kind_text(cls: ClassShape) -> str:
    if cls.alias_of is not None:
        return f"alias of {cls.alias_of.source()}"
    return f"{cls.kind} with {len(cls.fields)} field(s)"


def _alias_text(cls: ClassShape) -> str:
    return cls.kind if cls.alias_of is None else cls.alias_of.source()


def _class(base: ClassShape, head: ClassShape) -> list[Change]:
    group, subject = MODELS_GROUP, head.name
    if base.alias_of is not None and head.alias_of is not None:
        return type_change(
            base.alias_of, head.alias_of, group, subject, "alias", "client-alias-type-changed"
        )
    if base.alias_of is not None or head.alias_of is not None:
        before, after = _alias_text(base), _alias_text(head)
        return [Change("client-alias-type-changed", group, subject, "alias", before, after)]
    typed = head.kind == "typeddict"
    old_fields, new_fields = dict(base.fields), dict(head.fields)
    changes: list[Change] = []
    for wire in [w for w in new_fields if w not in old_fields]:
        new = new_fields[wire]
        rule = "client-model-field-added"
        if typed:
            rule = f"client-param-{'required' if new.required else 'optional'}-field-added"
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
        changes.extend(_field(old_fields[wire], new_fields[wire], typed, subject))
    return changes


def _field(old: ClassField, new: ClassField, typed: bool, subject: str) -> list[Change]:
    """Changes of one field kept under its JSON key."""
    group, where = MODELS_GROUP, f"field {new.name}"
    changes: list[Change] = []
    if old.name != new.name:
        changes.append(
            Change("client-model-field-renamed", group, subject, where, old.name, new.name)
        )
    if typed and old.required != new.required:
        rule = f"client-param-field-became-{'required' if new.required else 'optional'}"
        before = "Required" if old.required else "NotRequired"
        after = "Required" if new.required else "NotRequired"
        changes.append(Change(rule, group, subject, where, before, after))
    rule = "client-param-field-type-changed" if typed else "client-model-field-type-changed"
    changes.extend(type_change(old.annotation, new.annotation, group, subject, where, rule))
    return changes


def _show_field(field: ClassField, typed: bool) -> str:
    if typed and field.required:
        return f"{field.name}: Required[{field.annotation.source()}]"
    return f"{field.name}: {field.annotation.source()}"
