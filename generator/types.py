"""Map JSON schemas to Python annotations: read side (pydantic) and write side (TypedDict).

Named schemas become references to generated classes; the mapper records which named schemas each
side reaches, so only what is used gets generated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import SpecProblem
from .extensions import PYTHON_READ
from .naming import class_name, py_literal
from .typeref import ANY, NONE, STR, Container, LiteralType, Named, Scalar, TypeRef, Union, union_of

Side = Literal["read", "write"]
SCHEMA_PREFIX = "#/components/schemas/"


def comma_separated(param: dict[str, Any]) -> bool:
    """A query parameter sent as one comma-joined value (`style: form`, `explode: false`)."""
    schema = param.get("schema", {})
    return (
        param.get("style", "form") == "form"
        and param.get("explode") is False
        and isinstance(schema, dict)
        and schema.get("type") == "array"
    )


def param_class_name(name: str) -> str:
    return f"{class_name(name)}Param"


@dataclass
class TypeMapper:
    """Converts schemas to annotations; collects problems instead of stopping at the first."""

    schemas: dict[str, Any]
    problem: Callable[[str, str], SpecProblem]
    problems: list[SpecProblem] = field(default_factory=list)
    reached: dict[Side, set[str]] = field(default_factory=lambda: {"read": set(), "write": set()})

    def annotation(self, schema: Any, side: Side, pointer: str) -> TypeRef:
        """The annotation of `schema`, `None` included when the schema allows null."""
        members = self._members(schema, side, pointer)
        return union_of(one_sequence(members) if side == "write" else members)

    def _members(self, schema: Any, side: Side, pointer: str) -> list[TypeRef]:
        if schema is True or schema == {}:
            return [ANY]
        if not isinstance(schema, dict):
            self.problems.append(self.problem("a schema must be a mapping", pointer))
            return [ANY]
        ref = schema.get("$ref")
        if isinstance(ref, str):
            return [self.named(ref, side, pointer)]
        for keyword in ("oneOf", "anyOf"):
            if keyword in schema:
                members: list[TypeRef] = []
                for index, part in enumerate(schema[keyword]):
                    members.extend(self._members(part, side, f"{pointer}/{keyword}/{index}"))
                return members
        if "allOf" in schema:
            parts = schema["allOf"]
            if len(parts) == 1:
                return self._members(parts[0], side, f"{pointer}/allOf/0")
            self.problems.append(
                self.problem(
                    "an inline allOf of several schemas is not supported; name it in components",
                    pointer,
                )
            )
            return [ANY]
        if "enum" in schema:
            return self._enum(schema["enum"], side)
        if "const" in schema:
            return self._enum([schema["const"]], side)
        types = schema.get("type")
        type_list = types if isinstance(types, list) else [types] if types else []
        if not type_list:
            return [ANY]
        members = []
        for type_name in type_list:
            members.append(self._scalar_or_container(schema, type_name, side, pointer))
        return members

    def _enum(self, values: list[Any], side: Side) -> list[TypeRef]:
        literal_values = [v for v in values if v is not None]
        members: list[TypeRef] = []
        if literal_values:
            members.append(LiteralType(tuple(py_literal(v) for v in literal_values)))
            if side == "read":  # servers add values over time: accept them rather than fail
                members.append(_base_type(literal_values))
        if None in values:
            members.append(NONE)
        return members

    def _scalar_or_container(
        self, schema: dict[str, Any], type_name: str, side: Side, pointer: str
    ) -> TypeRef:
        if type_name == "string":
            return Scalar("bytes") if schema.get("format") == "binary" else STR
        if type_name == "integer":
            return Scalar("int")
        if type_name == "number":
            # keep 5 as 5: a float type would turn it into 5.0 on the way back
            return Union((Scalar("int"), Scalar("float")))
        if type_name == "boolean":
            return Scalar("bool")
        if type_name == "null":
            return NONE
        if type_name == "array":
            items = self.annotation(schema.get("items", {}), side, f"{pointer}/items")
            return Container("list" if side == "read" else "Sequence", (items,))
        if type_name == "object":
            if schema.get("properties"):
                self.problems.append(
                    self.problem(
                        "an inline object schema with properties has no class name; "
                        "name it in components/schemas",
                        pointer,
                    )
                )
                return Container("dict", (STR, ANY))
            extra = schema.get("additionalProperties", True)
            value = (
                ANY
                if extra is True
                else self.annotation(extra, side, f"{pointer}/additionalProperties")
            )
            return Container("dict" if side == "read" else "Mapping", (STR, value))
        self.problems.append(self.problem(f"unknown schema type {type_name!r}", pointer))
        return ANY

    def named(self, ref: str, side: Side, pointer: str) -> TypeRef:
        if not ref.startswith(SCHEMA_PREFIX) or ref[len(SCHEMA_PREFIX) :] not in self.schemas:
            self.problems.append(self.problem(f"$ref {ref!r} is not a named schema", pointer))
            return ANY
        name = ref[len(SCHEMA_PREFIX) :]
        target = self.schemas[name]
        if side == "read" and isinstance(target, dict) and PYTHON_READ.read(target) == "any":
            return ANY  # kept as the decoded JSON: see x-python-read in spec/README.md
        self.reached[side].add(name)
        return Named(class_name(name) if side == "read" else param_class_name(name))


def _base_type(values: list[Any]) -> TypeRef:
    kinds = {type(v) for v in values}
    if kinds == {str}:
        return STR
    if kinds <= {int}:
        return Scalar("int")
    return ANY


def one_sequence(members: list[TypeRef]) -> list[TypeRef]:
    """Request-side union members with every `Sequence[X]` joined into one `Sequence[X | Y]`.

    Given `Sequence[str] | Sequence[PriceParam] | ...`, mypy cannot pick the member a list literal
    is meant for, so it checks none of its dicts against the TypedDict (a price without `currency`
    went through); with one `Sequence` it checks each item. A mixed list is accepted in exchange.
    """
    sequences = [m for m in members if isinstance(m, Container) and m.name == "Sequence"]
    if len(sequences) < 2:
        return members
    joined = Container("Sequence", (union_of(arg for s in sequences for arg in s.args),))
    first = members.index(sequences[0])
    rest = [m for m in members if m not in sequences]
    return [*rest[:first], joined, *rest[first:]]

