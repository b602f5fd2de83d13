"""The generated classes: each named schema an operation reaches, as model, TypedDict or alias."""

from __future__ import annotations

import keyword as python_keyword
from collections.abc import Iterator
from typing import Any

from ..document import escape_pointer_token, resolve
from ..extensions import PYTHON_NOMINAL, PYTHON_READ
from ..ir import Alias, Field, Model
from ..naming import class_name, docstring, field_name, indent_continuation, py_literal
from ..typeref import ANY, Container, TypeRef, classes, with_none
from ..types import SCHEMA_PREFIX, Side, param_class_name
from . import spec_extensions, uniqueness
from .context import BuildContext

_SIDES: tuple[Side, ...] = ("read", "write")
_NOT_A_MAP = f"{PYTHON_NOMINAL.name} needs a map schema (additionalProperties, no properties)"

# A named schema's properties: (JSON key, property schema, pointer, required)
_Property = tuple[str, Any, str, bool]


def build_models(context: BuildContext) -> tuple[Model | Alias, ...]:
    """Every named schema an operation reaches, following references to a fixed point."""
    done: dict[Side, set[str]] = {"read": set(), "write": set()}
    while True:
        pending = [
            (side, name)
            for side in _SIDES
            for name in sorted(context.types.reached[side] - done[side])
        ]
        if not pending:
            break
        for side, name in pending:
            done[side].add(name)
            _annotate_schema(context, name, side)
    names = sorted(done["read"] | done["write"])
    built = [_model(context, name, name in done["read"], name in done["write"]) for name in names]
    uniqueness.check_classes(context, built, names)
    classes = [m for m in built if isinstance(m, Model)]
    aliases = _alias_order([m for m in built if isinstance(m, Alias)])
    return (*classes, *aliases)


def is_object(context: BuildContext, ref: str) -> bool:
    """Does the reference name an object schema with properties (a generated model)?"""
    name = ref.removeprefix(SCHEMA_PREFIX)
    schema = context.schemas.get(name)
    return isinstance(schema, dict) and _is_model(context, schema)


def _annotate_schema(context: BuildContext, name: str, side: Side) -> None:
    """Walk a named schema on one side so every schema it refers to is reached too."""
    pointer = f"/components/schemas/{escape_pointer_token(name)}"
    schema = context.schemas[name]
    if not _is_model(context, schema):
        context.types.annotation(schema, side, pointer)
        return
    for _wire, prop, prop_pointer, _required in _properties(context, schema, pointer):
        if _on_side(context, prop, side):
            context.types.annotation(prop, side, prop_pointer)
    extra = _flatten(context, schema)[2]
    if isinstance(extra, dict):
        context.types.annotation(extra, side, f"{pointer}/additionalProperties")


def _on_side(context: BuildContext, prop: Any, side: Side) -> bool:
    """Read-only properties are never sent, write-only ones never read back."""
    resolved = resolve(context.document, prop)
    flag = "writeOnly" if side == "read" else "readOnly"
    return not (prop.get(flag) or resolved.get(flag))


def _is_model(context: BuildContext, schema: dict[str, Any]) -> bool:
    properties, _, _ = _flatten(context, schema)
    return bool(properties) or ("allOf" in schema and len(schema["allOf"]) > 1)


def _flatten(
    context: BuildContext, schema: dict[str, Any]
) -> tuple[dict[str, tuple[Any, str]], list[str], Any]:
    """Properties (with pointers), required names and additionalProperties of an allOf chain."""
    properties: dict[str, tuple[Any, str]] = {}
    required: list[str] = []
    extra: Any = None
    parts: list[tuple[dict[str, Any], str]] = [(schema, "")]
    seen: set[str] = set()
    while parts:
        part, prefix = parts.pop(0)
        ref = part.get("$ref")
        if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX) and ref not in seen:
            seen.add(ref)
            target = ref[len(SCHEMA_PREFIX) :]
            if target in context.schemas:
                target_pointer = f"/components/schemas/{escape_pointer_token(target)}"
                parts.insert(0, (context.schemas[target], target_pointer))
            continue
        for index, sub in enumerate(part.get("allOf", [])):
            parts.append((sub, f"{prefix}/allOf/{index}"))
        for key, prop in part.get("properties", {}).items():
            properties[key] = (prop, f"{prefix}/properties/{escape_pointer_token(key)}")
        required.extend(r for r in part.get("required", []) if r not in required)
        if "additionalProperties" in part:
            extra = part["additionalProperties"]
    return properties, required, extra


def _properties(
    context: BuildContext, schema: dict[str, Any], pointer: str
) -> Iterator[_Property]:
    properties, required, _ = _flatten(context, schema)
    for wire, (prop, prop_pointer) in properties.items():
        absolute = (
            prop_pointer if prop_pointer.startswith("/components") else f"{pointer}{prop_pointer}"
        )
        yield wire, prop, absolute, wire in required


def _model(context: BuildContext, name: str, read: bool, write: bool) -> Model | Alias:
    pointer = f"/components/schemas/{escape_pointer_token(name)}"
    schema = context.schemas[name]
    description = docstring(schema.get("description", "") or schema.get("title", ""))
    if not _is_model(context, schema):
        write_type = context.types.annotation(schema, "write", pointer)
        return Alias(
            name=class_name(name),
            param_name=param_class_name(name),
            description=description,
            read_type=context.types.annotation(schema, "read", pointer),
            write_type=write_type,
            read=read,
            write=write,
            write_base=_nominal_base(context, schema, write_type, pointer),
        )
    if spec_extensions.nominal(schema):
        context.problem(_NOT_A_MAP, pointer)
    read_dict = spec_extensions.read_as_dict(schema)
    properties = list(_properties(context, schema, pointer))
    if read_dict and not all(_identifier(wire) for wire, *_ in properties):
        context.problem(
            f"{PYTHON_READ.name}: dict needs property names that are Python identifiers", pointer
        )
    fields = [_field(context, prop, read_dict) for prop in properties]
    uniqueness.check_fields(context, class_name(name), fields, (p[2] for p in properties))
    extra = _flatten(context, schema)[2]
    return Model(
        name=class_name(name),
        param_name=param_class_name(name),
        description=description,
        fields=tuple(fields),
        read=read,
        write=write,
        open_write=extra not in (None, False),
        functional=any(not _identifier(f.wire_name) for f in fields),
        read_dict=read_dict,
    )


def _nominal_base(
    context: BuildContext, schema: dict[str, Any], write_type: TypeRef, pointer: str
) -> TypeRef | None:
    """`dict[str, V]` for a map marked nominal (its request type subclasses it), else None."""
    if not spec_extensions.nominal(schema):
        return None
    if isinstance(write_type, Container) and write_type.name == "Mapping":
        return Container("dict", write_type.args)
    context.problem(_NOT_A_MAP, pointer)
    return None


def _field(context: BuildContext, prop_facts: _Property, read_dict: bool) -> Field:
    wire, prop, prop_pointer, required = prop_facts
    resolved = resolve(context.document, prop)
    read_only = not _on_side(context, prop, "write")
    write_only = not _on_side(context, prop, "read")
    read_type = ANY if write_only else context.types.annotation(prop, "read", prop_pointer)
    # A model field the server left out reads as None; a TypedDict key is simply absent.
    if not required and not read_dict:
        read_type = with_none(read_type)
    python = field_name(wire)
    return Field(
        name=python,
        wire_name=wire,
        read_type=read_type,
        write_type=ANY if read_only else context.types.annotation(prop, "write", prop_pointer),
        required=required,
        read_only=read_only,
        write_only=write_only,
        description=indent_continuation(
            docstring(prop.get("description") or resolved.get("description", ""))
        ),
        aliased=python != wire,
        wire_literal=py_literal(wire),
        read_default=_read_default(
            required, python != wire, py_literal(wire), spec_extensions.secret(prop)
        ),
    )


def _read_default(required: bool, aliased: bool, wire_literal: str, secret: bool) -> str:
    """The model field's default: None when the server may leave it out, the JSON name when it is
    no Python name, and no repr for secrets (tokens) so that logging a model shows none."""
    arguments = [
        *(["default=None"] if not required else []),
        *([f"alias={wire_literal}"] if aliased else []),
        *(["repr=False"] if secret else []),
    ]
    if arguments == ["default=None"]:
        return " = None"
    return f" = Field({', '.join(arguments)})" if arguments else ""


def _identifier(name: str) -> bool:
    return name.isidentifier() and not python_keyword.iskeyword(name)


def _alias_order(aliases: list[Alias]) -> list[Alias]:
    """Aliases are evaluated at import time: put each after the aliases it names."""
    by_name = {alias.name: alias for alias in aliases}
    by_param = {alias.param_name: alias for alias in aliases}
    ordered: list[Alias] = []
    placed: set[str] = set()

    def place(alias: Alias, trail: tuple[str, ...]) -> None:
        if alias.name in placed or alias.name in trail:
            return
        for token in classes(alias.read_type) + classes(alias.write_type):
            dependency = by_name.get(token) or by_param.get(token)
            if dependency is not None and dependency is not alias:
                place(dependency, (*trail, alias.name))
        placed.add(alias.name)
        ordered.append(alias)

    for alias in sorted(aliases, key=lambda a: a.name):
        place(alias, ())
    return ordered
