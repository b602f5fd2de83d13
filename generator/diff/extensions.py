"""Client changes made by our x- extensions that the IR comparison does not see.

Each extension that changes the client without changing a signature or a class (the `Endpoint`'s
`keep_slashes`, a batch's format, a docstring note, ...) has its own rule, named and levelled by
its registry entry (`generator/extensions.py`); the others are reported by the rule the registry
names as `covered_by`, so nothing is reported twice. Operations are matched by method and route
(path parameter names left out), parameters by location and name (path ones by position), schemas
and properties by name.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from ..document import iter_operations, resolve
from ..extensions import EXTENSIONS, Extension
from ..ir import Api
from .changes import Change
from .client import MODELS_GROUP

_Node = dict[str, Any]
_Pair = tuple[str, str, _Node, _Node]  # (place, where, base object, head object)
# The places compared here: an extension with its own rule must sit in one of them (tested).
DIFF_PLACES = frozenset(
    {
        "operation",
        "path parameter",
        "query parameter",
        "header parameter",
        "named schema",
        "property",
    }
)


def method_names(api: Api) -> dict[tuple[str, str], str]:
    """(HTTP method, path) -> `akeneo.channels.get`: how the client rules name a method."""
    return {
        (op.http_method, op.path): f"akeneo.{resource.attribute}.{op.method_name}"
        for resource in api.resources
        for op in resource.operations
    }


def diff_extensions(
    base: _Node, head: _Node, names: Mapping[tuple[str, str], str] | None = None
) -> list[Change]:
    """Every extension change; operations named by `names` (head's) where it knows them."""
    changes: list[Change] = []
    base_ops = {_key(p, m): (p, op) for p, m, op in iter_operations(base)}
    for path, method, head_op in iter_operations(head):
        if (matched := base_ops.get(_key(path, method))) is None:
            continue
        base_path, base_op = matched
        tags = head_op.get("tags") or ["(untagged)"]
        route = f"{method.upper()} {path}"
        group, subject = str(tags[0]), (names or {}).get((method.upper(), path), route)
        for pair in _operation_nodes(base, head, (base_path, base_op), (path, head_op)):
            changes.extend(_changes(group, subject, pair))
    base_schemas = base.get("components", {}).get("schemas", {})
    for name, head_schema in head.get("components", {}).get("schemas", {}).items():
        base_schema = base_schemas.get(name)
        if isinstance(base_schema, dict) and isinstance(head_schema, dict):
            for pair in _schema_nodes(base_schema, head_schema):
                changes.extend(_changes(MODELS_GROUP, name, pair))
    return changes


def _key(path: str, method: str) -> tuple[str, str]:
    return method, "/".join("{}" if s.startswith("{") else s for s in path.split("/"))


def _operation_nodes(
    base: _Node, head: _Node, base_op: tuple[str, _Node], head_op: tuple[str, _Node]
) -> Iterator[_Pair]:
    """The operation, then each of its parameters."""
    yield "operation", "", base_op[1], head_op[1]
    base_params = _parameters(base, *base_op)
    for key, head_param in _parameters(head, *head_op).items():
        if key in base_params:
            place = f"{key[0]} parameter"
            yield place, f"{place} {head_param.get('name')}", base_params[key], head_param


def _parameters(document: _Node, path: str, operation: _Node) -> dict[tuple[str, str], _Node]:
    """The operation's parameters, the path item's merged in; path ones keyed by position."""
    placeholders = [s[1:-1] for s in path.split("/") if s.startswith("{")]
    merged: dict[tuple[str, str], _Node] = {}
    item = document["paths"][path]
    for raw in [*item.get("parameters", []), *operation.get("parameters", [])]:
        param = resolve(document, raw)
        if not isinstance(param, dict):
            continue
        name, location = str(param.get("name")), str(param.get("in"))
        if location == "path" and name in placeholders:
            name = str(placeholders.index(name))
        merged[(location, name)] = param
    return merged


def _schema_nodes(base: _Node, head: _Node) -> Iterator[_Pair]:
    """The named schema, then each of its properties."""
    yield "named schema", "", base, head
    base_props = _properties(base)
    for name, head_prop in _properties(head).items():
        base_prop = base_props.get(name)
        if isinstance(base_prop, dict) and isinstance(head_prop, dict):
            yield "property", f"property {name}", base_prop, head_prop


def _properties(schema: _Node) -> dict[str, Any]:
    """Its own properties and those of its inline `allOf` members, as the generator merges them."""
    found: dict[str, Any] = {}
    for member in [*schema.get("allOf", []), schema]:
        if isinstance(member, dict) and isinstance(member.get("properties"), dict):
            found.update(member["properties"])
    return found


def _changes(group: str, subject: str, pair: _Pair) -> Iterator[Change]:
    place, where, base, head = pair
    for extension in EXTENSIONS.values():
        if extension.diff_rule is None or place not in extension.places:
            continue
        if not _meaningful(extension, base, head):
            continue
        before, after = extension.effective(base), extension.effective(head)
        if before != after:
            at = f"{where}: {extension.name}" if where else extension.name
            yield Change(extension.diff_rule, group, subject, at, _show(before), _show(after))


def _meaningful(extension: Extension, base: _Node, head: _Node) -> bool:
    # Without its sibling on both sides the change is another rule's (`deprecated` came or went).
    key = extension.only_with
    return key is None or (base.get(key) is True and head.get(key) is True)


def _show(value: Any) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True)
