"""Compare two JSON schemas of the bundled documents, in the direction the data travels.

`$ref`s to `#/components/...` are followed on each side (a pair of references already being
compared is not entered again, so recursive schemas end). Names do not matter, structure does:
a property typed by `Channel` on one side and by an identical `ChannelV2` on the other is no change.
A request schema is what the client sends (readOnly properties left out), a response schema what it
reads (writeOnly left out); the rule prefix (`request-`/`response-`) gives the direction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Literal

from ..document import split_pointer

Direction = Literal["request", "response"]
# (rule, location inside the body, before, after)
Emit = Callable[[str, str, "str | None", "str | None"], None]

_LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
_UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")


def deref(document: dict[str, Any], node: Any) -> tuple[Any, str | None]:
    """The node a `$ref` chain leads to, and the first reference followed (None: no reference)."""
    first: str | None = None
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if ref in seen or not ref.startswith("#"):
            return {}, first or ref
        seen.add(ref)
        first = first or ref
        target: Any = document
        for token in split_pointer(ref[1:]):
            if isinstance(target, dict) and token in target:
                target = target[token]
            elif isinstance(target, list) and token.isdigit() and int(token) < len(target):
                target = target[int(token)]
            else:
                return {}, ref
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        node = {**target, **siblings} if isinstance(target, dict) and siblings else target
    return node, first


def show(value: Any) -> str:
    """A JSON value as it reads in the report."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class SchemaDiffer:
    """Compares schemas of two documents; reports through `emit`."""

    def __init__(self, base_doc: dict[str, Any], head_doc: dict[str, Any]) -> None:
        self.base_doc = base_doc
        self.head_doc = head_doc

    # -- facets ----------------------------------------------------------------------------------
    def resolved(self, document: dict[str, Any], schema: Any) -> dict[str, Any]:
        node, _ = deref(document, schema)
        return node if isinstance(node, dict) else {}

    def types(self, document: dict[str, Any], schema: Any, depth: int = 0) -> set[str]:
        """The JSON types a schema allows (`null` included); empty when it allows anything."""
        node = self.resolved(document, schema)
        found: set[str] = set()
        declared = node.get("type")
        if isinstance(declared, str):
            found.add(declared)
        elif isinstance(declared, list):
            found.update(t for t in declared if isinstance(t, str))
        if node.get("nullable") is True:
            found.add("null")
        if "const" in node:
            found.add(_json_type(node["const"]))
        if not declared and isinstance(node.get("enum"), list):
            found.update(_json_type(v) for v in node["enum"])
        if not declared and "properties" in node:
            found.add("object")
        if depth < 8:
            for keyword in ("oneOf", "anyOf", "allOf"):
                parts = node.get(keyword)
                if not isinstance(parts, list):
                    continue
                part_types = [self.types(document, p, depth + 1) for p in parts]
                if keyword == "allOf":
                    known = [t for t in part_types if t]
                    if known:
                        found.update(set.intersection(*known))
                elif all(part_types):
                    found.update(*part_types)
        if "integer" in found and "number" in found:
            found.discard("integer")
        return found

    def describe(self, document: dict[str, Any], schema: Any) -> str:
        """`string (date-time)`, `array of integer`, `object`, `string | null`, or `any`."""
        node = self.resolved(document, schema)
        types = self.types(document, schema)
        if not types:
            return "any"
        words = []
        for type_name in sorted(types - {"null"}) + (["null"] if "null" in types else []):
            word = type_name
            if type_name == "array":
                word = f"array of {self.describe(document, node.get('items', {}))}"
            elif isinstance(node.get("format"), str) and type_name != "null":
                word = f"{type_name} ({node['format']})"
            words.append(word)
        return " | ".join(words)

    def merged_object(
        self, document: dict[str, Any], schema: Any, depth: int = 0
    ) -> tuple[dict[str, Any], set[str]]:
        """Properties and required names, allOf parts merged in."""
        node = self.resolved(document, schema)
        properties: dict[str, Any] = {}
        required: set[str] = set()
        if depth < 8:
            for part in node.get("allOf", []) if isinstance(node.get("allOf"), list) else []:
                part_props, part_required = self.merged_object(document, part, depth + 1)
                properties.update(part_props)
                required |= part_required
        if isinstance(node.get("properties"), dict):
            properties.update(node["properties"])
        if isinstance(node.get("required"), list):
            required |= {r for r in node["required"] if isinstance(r, str)}
        return properties, required

    # -- comparison ------------------------------------------------------------------------------
    def compare(self, base: Any, head: Any, direction: Direction, emit: Emit) -> None:
        self._compare(base, head, direction, "", emit, frozenset())

    def _compare(
        self,
        base: Any,
        head: Any,
        direction: Direction,
        where: str,
        emit: Emit,
        stack: frozenset[tuple[str | None, str | None]],
    ) -> None:
        base_node, base_ref = deref(self.base_doc, base)
        head_node, head_ref = deref(self.head_doc, head)
        if not isinstance(base_node, dict) or not isinstance(head_node, dict):
            return
        key = (base_ref, head_ref)
        if (base_ref or head_ref) and key in stack:
            return
        stack = stack | {key}
        prefix = direction
        base_types = self.types(self.base_doc, base_node)
        head_types = self.types(self.head_doc, head_node)
        if (
            base_types - {"null"}
            and head_types - {"null"}
            and (base_types - {"null"} != head_types - {"null"})
        ):
            rule = f"{prefix}-body-type-changed" if not where else f"{prefix}-property-type-changed"
            emit(
                rule,
                where,
                self.describe(self.base_doc, base_node),
                self.describe(self.head_doc, head_node),
            )
            return
        self._nullability(base_types, head_types, prefix, where, emit)
        self._scalar_facets(base_node, head_node, prefix, where, emit)
        self._additional(base_node, head_node, direction, where, emit, stack)
        self._properties(base_node, head_node, direction, where, emit, stack)
        if "items" in base_node or "items" in head_node:
            self._compare(
                base_node.get("items", {}),
                head_node.get("items", {}),
                direction,
                f"{where}[]",
                emit,
                stack,
            )
        for keyword in ("oneOf", "anyOf"):
            base_parts = base_node.get(keyword)
            head_parts = head_node.get(keyword)
            if (
                isinstance(base_parts, list)
                and isinstance(head_parts, list)
                and len(base_parts) == len(head_parts)
            ):
                for index, (b, h) in enumerate(zip(base_parts, head_parts, strict=True)):
                    self._compare(b, h, direction, f"{where}<{keyword}[{index}]>", emit, stack)

    @staticmethod
    def _nullability(
        base_types: set[str], head_types: set[str], prefix: str, where: str, emit: Emit
    ) -> None:
        if not base_types or not head_types:
            return
        if "null" in head_types and "null" not in base_types:
            emit(f"{prefix}-property-became-nullable", where, "not nullable", "nullable")
        elif "null" in base_types and "null" not in head_types:
            emit(f"{prefix}-property-became-not-nullable", where, "nullable", "not nullable")

    def _scalar_facets(
        self, base: dict[str, Any], head: dict[str, Any], prefix: str, where: str, emit: Emit
    ) -> None:
        if base.get("format") != head.get("format"):
            emit(
                f"{prefix}-property-format-changed",
                where,
                _opt(base.get("format")),
                _opt(head.get("format")),
            )
        base_enum, head_enum = base.get("enum"), head.get("enum")
        if isinstance(base_enum, list) and isinstance(head_enum, list):
            base_values = {show(v) for v in base_enum}
            head_values = {show(v) for v in head_enum}
            for value in sorted(head_values - base_values):
                emit(f"{prefix}-property-enum-value-added", where, None, value)
            for value in sorted(base_values - head_values):
                emit(f"{prefix}-property-enum-value-removed", where, value, None)
        if prefix == "request" and base.get("default") != head.get("default"):
            emit(
                "request-property-default-value-changed",
                where,
                _shown(base, "default"),
                _shown(head, "default"),
            )
        narrowed, widened = range_change(base, head)
        if narrowed:
            emit(f"{prefix}-property-range-narrowed", where, *_bounds(base, head, narrowed))
        if widened:
            emit(f"{prefix}-property-range-widened", where, *_bounds(base, head, widened))

    def _additional(
        self,
        base: dict[str, Any],
        head: dict[str, Any],
        direction: Direction,
        where: str,
        emit: Emit,
        stack: frozenset[tuple[str | None, str | None]],
    ) -> None:
        base_extra = base.get("additionalProperties", True)
        head_extra = head.get("additionalProperties", True)
        base_open = base_extra is not False
        head_open = head_extra is not False
        if base_open and not head_open:
            emit(f"{direction}-additional-properties-disallowed", where, "allowed", "disallowed")
        elif head_open and not base_open:
            emit(f"{direction}-additional-properties-allowed", where, "disallowed", "allowed")
        if isinstance(base_extra, dict) and isinstance(head_extra, dict):
            self._compare(base_extra, head_extra, direction, _join(where, "*"), emit, stack)

    def _properties(
        self,
        base: dict[str, Any],
        head: dict[str, Any],
        direction: Direction,
        where: str,
        emit: Emit,
        stack: frozenset[tuple[str | None, str | None]],
    ) -> None:
        base_props, base_required = self.merged_object(self.base_doc, base)
        head_props, head_required = self.merged_object(self.head_doc, head)
        hidden = "readOnly" if direction == "request" else "writeOnly"
        base_props = {
            k: v for k, v in base_props.items() if not self.resolved(self.base_doc, v).get(hidden)
        }
        head_props = {
            k: v for k, v in head_props.items() if not self.resolved(self.head_doc, v).get(hidden)
        }
        for name in head_props.keys() - base_props.keys():
            at = _join(where, name)
            kind = self.describe(self.head_doc, head_props[name])
            if direction == "response":
                emit("response-property-added", at, None, kind)
            elif name in head_required:
                emit("new-required-request-property", at, None, kind)
            else:
                emit("new-optional-request-property", at, None, kind)
        for name in base_props.keys() - head_props.keys():
            kind = self.describe(self.base_doc, base_props[name])
            emit(f"{direction}-property-removed", _join(where, name), kind, None)
        for name in sorted(base_props.keys() & head_props.keys()):
            at = _join(where, name)
            was, now = name in base_required, name in head_required
            if was and not now:
                emit(f"{direction}-property-became-optional", at, "required", "optional")
            elif now and not was:
                emit(f"{direction}-property-became-required", at, "optional", "required")
            self._compare(base_props[name], head_props[name], direction, at, emit, stack)


def range_change(base: dict[str, Any], head: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The bound keywords that got stricter, and those that got looser."""
    narrowed: list[str] = []
    widened: list[str] = []
    for keyword in (*_LOWER_BOUNDS, *_UPPER_BOUNDS):
        old, new = base.get(keyword), head.get(keyword)
        if old == new or isinstance(old, bool) or isinstance(new, bool):
            continue
        lower = keyword in _LOWER_BOUNDS
        if old is None:
            narrowed.append(keyword)
        elif new is None:
            widened.append(keyword)
        elif isinstance(old, int | float) and isinstance(new, int | float):
            stricter = new > old if lower else new < old
            (narrowed if stricter else widened).append(keyword)
    return narrowed, widened


def _bounds(base: dict[str, Any], head: dict[str, Any], keywords: list[str]) -> tuple[str, str]:
    before = ", ".join(f"{k}={_opt(base.get(k))}" for k in keywords)
    after = ", ".join(f"{k}={_opt(head.get(k))}" for k in keywords)
    return before, after


def _opt(value: Any) -> str:
    return "none" if value is None else str(value)


def _shown(node: dict[str, Any], key: str) -> str:
    return show(node[key]) if key in node else "none"


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
