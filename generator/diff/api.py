"""HTTP API changes between two bundled documents: operations, parameters, bodies, security.

Operations are matched by method and path, path parameter names left out (`/a/{code}` and
`/a/{id}` are the same route on the wire). An operation left unmatched on both sides with the same
operationId is one operation whose path (or method) changed: it is reported as such and compared
like any matched pair. Parameters are matched by location and name, after merging the path item's
parameters into the operation's; path parameters by position, as only their place travels.
"""

from __future__ import annotations

from typing import Any

from ..document import iter_operations
from .changes import Change
from .schemas import Direction, Emit, SchemaDiffer, deref, range_change, show

_Op = tuple[str, str, dict[str, Any]]  # (path, method, operation)


def diff_api(base: dict[str, Any], head: dict[str, Any]) -> list[Change]:
    return _ApiDiff(base, head).run()


class _ApiDiff:
    def __init__(self, base: dict[str, Any], head: dict[str, Any]) -> None:
        self.base = base
        self.head = head
        self.schemas = SchemaDiffer(base, head)
        self.changes: list[Change] = []

    def run(self) -> list[Change]:
        base_ops = {(m, _route(p)): (p, m, op) for p, m, op in iter_operations(self.base)}
        head_ops = {(m, _route(p)): (p, m, op) for p, m, op in iter_operations(self.head)}
        removed = {k: v for k, v in base_ops.items() if k not in head_ops}
        added = {k: v for k, v in head_ops.items() if k not in base_ops}
        added_by_id = {op.get("operationId"): key for key, (_, _, op) in added.items()}
        for key, (path, method, op) in sorted(removed.items()):
            match = added_by_id.get(op.get("operationId"))
            if match is None or op.get("operationId") is None:
                continue
            new_path, new_method, new_op = added.pop(match)
            del removed[key]
            subject = _subject(new_method, new_path)
            group = _tag(new_op)
            if _route(new_path) != _route(path):
                self.add("api-path-changed", group, subject, "path", path, new_path)
            if new_method != method:
                self.add(
                    "api-method-changed",
                    group,
                    subject,
                    "method",
                    method.upper(),
                    new_method.upper(),
                )
            self.operation((path, method, op), (new_path, new_method, new_op))
        for path, method, op in added.values():
            self.add(
                "endpoint-added", _tag(op), _subject(method, path), "", None, op.get("operationId")
            )
        for path, method, op in removed.values():
            rule = "deprecated-endpoint-removed" if op.get("deprecated") else "endpoint-removed"
            self.add(rule, _tag(op), _subject(method, path), "", op.get("operationId"), None)
        for key in sorted(base_ops.keys() & head_ops.keys()):
            self.operation(base_ops[key], head_ops[key])
        self.security_schemes()
        return self.changes

    def add(self, rule: str, group: str, subject: str, where: str, before: Any, after: Any) -> None:
        self.changes.append(
            Change(
                rule,
                group,
                subject,
                where,
                None if before is None else str(before),
                None if after is None else str(after),
            )
        )

    # -- one operation ---------------------------------------------------------------------------
    def operation(self, base: _Op, head: _Op) -> None:
        _, _, base_op = base
        path, method, head_op = head
        group, subject = _tag(head_op), _subject(method, path)

        def add(rule: str, where: str, before: Any, after: Any) -> None:
            self.add(rule, group, subject, where, before, after)

        if base_op.get("operationId") != head_op.get("operationId"):
            add(
                "api-operation-id-changed",
                "operationId",
                base_op.get("operationId"),
                head_op.get("operationId"),
            )
        if _tag(base_op) != _tag(head_op):
            add("api-tag-changed", "tag", _tag(base_op), _tag(head_op))
        if head_op.get("deprecated") and not base_op.get("deprecated"):
            add("endpoint-deprecated", "", "active", "deprecated")
        elif base_op.get("deprecated") and not head_op.get("deprecated"):
            add("endpoint-reactivated", "", "deprecated", "active")
        self.parameters(base, head, add)
        self.request_body(base_op, head_op, add)
        self.responses(base_op, head_op, add)
        self.security(base_op, head_op, add)

    def parameters(self, base: _Op, head: _Op, add: Any) -> None:
        base_params = self._params(self.base, base)
        head_params = self._params(self.head, head)
        for key in sorted(head_params.keys() - base_params.keys()):
            param = head_params[key]
            rule = (
                "new-required-request-parameter"
                if param.get("required")
                else "new-optional-request-parameter"
            )
            add(rule, _param_where(param), None, self._param_type(self.head, param))
        for key in sorted(base_params.keys() - head_params.keys()):
            add(
                "request-parameter-removed",
                _param_where(base_params[key]),
                self._param_type(self.base, base_params[key]),
                None,
            )
        for key in sorted(base_params.keys() & head_params.keys()):
            self.parameter(base_params[key], head_params[key], _param_where(head_params[key]), add)

    def _params(self, document: dict[str, Any], op: _Op) -> dict[tuple[str, str], dict[str, Any]]:
        path, _, operation = op
        item = document.get("paths", {}).get(path, {})
        merged: dict[tuple[str, str], dict[str, Any]] = {}
        order = _path_names(path)
        for raw in [*item.get("parameters", []), *operation.get("parameters", [])]:
            param, _ = deref(document, raw)
            if isinstance(param, dict) and "name" in param and "in" in param:
                name = str(param["name"])
                if param["in"] == "path" and name in order:
                    name = f"#{order.index(name) + 1}"
                merged[(str(param["in"]), name)] = param
        return merged

    def _param_type(self, document: dict[str, Any], param: dict[str, Any]) -> str:
        return self.schemas.describe(document, param.get("schema", {}))

    def parameter(self, base: dict[str, Any], head: dict[str, Any], where: str, add: Any) -> None:
        if head.get("required") and not base.get("required"):
            add("request-parameter-became-required", where, "optional", "required")
        elif base.get("required") and not head.get("required"):
            add("request-parameter-became-optional", where, "required", "optional")
        base_schema = self.schemas.resolved(self.base, base.get("schema", {}))
        head_schema = self.schemas.resolved(self.head, head.get("schema", {}))
        base_types = self.schemas.types(self.base, base_schema) - {"null"}
        head_types = self.schemas.types(self.head, head_schema) - {"null"}
        if base_types != head_types or self._items_type(base_schema, head_schema):
            add(
                "request-parameter-type-changed",
                where,
                self.schemas.describe(self.base, base_schema),
                self.schemas.describe(self.head, head_schema),
            )
            return
        if base_schema.get("format") != head_schema.get("format"):
            add(
                "request-parameter-format-changed",
                where,
                base_schema.get("format") or "none",
                head_schema.get("format") or "none",
            )
        base_enum, head_enum = base_schema.get("enum"), head_schema.get("enum")
        if isinstance(base_enum, list) and isinstance(head_enum, list):
            base_values = {show(v) for v in base_enum}
            head_values = {show(v) for v in head_enum}
            for value in sorted(head_values - base_values):
                add("request-parameter-enum-value-added", where, None, value)
            for value in sorted(base_values - head_values):
                add("request-parameter-enum-value-removed", where, value, None)
        if base_schema.get("default") != head_schema.get("default"):
            add(
                "request-parameter-default-value-changed",
                where,
                show(base_schema["default"]) if "default" in base_schema else "none",
                show(head_schema["default"]) if "default" in head_schema else "none",
            )
        narrowed, widened = range_change(base_schema, head_schema)
        for rule, keywords in (("narrowed", narrowed), ("widened", widened)):
            if keywords:
                add(
                    f"request-parameter-range-{rule}",
                    where,
                    ", ".join(f"{k}={base_schema.get(k, 'none')}" for k in keywords),
                    ", ".join(f"{k}={head_schema.get(k, 'none')}" for k in keywords),
                )

    def _items_type(self, base: dict[str, Any], head: dict[str, Any]) -> bool:
        if "items" not in base or "items" not in head:
            return False
        return self.schemas.describe(self.base, base["items"]) != self.schemas.describe(
            self.head, head["items"]
        )

    # -- bodies ----------------------------------------------------------------------------------
    def request_body(self, base_op: dict[str, Any], head_op: dict[str, Any], add: Any) -> None:
        base_body, _ = deref(self.base, base_op.get("requestBody"))
        head_body, _ = deref(self.head, head_op.get("requestBody"))
        if not isinstance(base_body, dict) and not isinstance(head_body, dict):
            return
        if not isinstance(base_body, dict):
            required = bool(head_body.get("required"))
            rule = "new-required-request-body" if required else "new-optional-request-body"
            add(rule, "request body", None, ", ".join(sorted(head_body.get("content", {}))))
            return
        if not isinstance(head_body, dict):
            add(
                "request-body-removed",
                "request body",
                ", ".join(sorted(base_body.get("content", {}))),
                None,
            )
            return
        if head_body.get("required") and not base_body.get("required"):
            add("request-body-became-required", "request body", "optional", "required")
        elif base_body.get("required") and not head_body.get("required"):
            add("request-body-became-optional", "request body", "required", "optional")
        self.content(base_body, head_body, "request", "request body", add)

    def responses(self, base_op: dict[str, Any], head_op: dict[str, Any], add: Any) -> None:
        base_responses = base_op.get("responses", {})
        head_responses = head_op.get("responses", {})
        for status in sorted(head_responses.keys() - base_responses.keys()):
            kind = "non-success" if status[:1] in "45" else "success"
            add(f"response-{kind}-status-added", "responses", None, status)
        for status in sorted(base_responses.keys() - head_responses.keys()):
            kind = "non-success" if status[:1] in "45" else "success"
            add(f"response-{kind}-status-removed", "responses", status, None)
        for status in sorted(base_responses.keys() & head_responses.keys()):
            base_response, _ = deref(self.base, base_responses[status])
            head_response, _ = deref(self.head, head_responses[status])
            if isinstance(base_response, dict) and isinstance(head_response, dict):
                self.content(base_response, head_response, "response", f"response {status}", add)

    def content(
        self,
        base: dict[str, Any],
        head: dict[str, Any],
        direction: Direction,
        label: str,
        add: Any,
    ) -> None:
        base_content = base.get("content", {}) or {}
        head_content = head.get("content", {}) or {}
        prefix = "request-body" if direction == "request" else "response"
        for media in sorted(head_content.keys() - base_content.keys()):
            add(f"{prefix}-media-type-added", label, None, media)
        for media in sorted(base_content.keys() - head_content.keys()):
            add(f"{prefix}-media-type-removed", label, media, None)
        for media in sorted(base_content.keys() & head_content.keys()):
            base_schema = (base_content[media] or {}).get("schema")
            head_schema = (head_content[media] or {}).get("schema")
            if base_schema is None or head_schema is None:
                continue
            self.schemas.compare(
                base_schema, head_schema, direction, _prefixed(add, f"{label} {media}")
            )

    # -- security --------------------------------------------------------------------------------
    def security(self, base_op: dict[str, Any], head_op: dict[str, Any], add: Any) -> None:
        base_sec = _requirements(base_op.get("security", self.base.get("security", [])))
        head_sec = _requirements(head_op.get("security", self.head.get("security", [])))
        for name in sorted(head_sec.keys() - base_sec.keys()):
            add("api-security-requirement-added", "security", None, name)
        for name in sorted(base_sec.keys() - head_sec.keys()):
            add("api-security-requirement-removed", "security", name, None)
        for name in sorted(base_sec.keys() & head_sec.keys()):
            for scope in sorted(head_sec[name] - base_sec[name]):
                add("api-security-scope-added", f"security {name}", None, scope)
            for scope in sorted(base_sec[name] - head_sec[name]):
                add("api-security-scope-removed", f"security {name}", scope, None)

    def security_schemes(self) -> None:
        base = self.base.get("components", {}).get("securitySchemes", {}) or {}
        head = self.head.get("components", {}).get("securitySchemes", {}) or {}
        for name in sorted(base.keys() & head.keys()):
            old, _ = deref(self.base, base[name])
            new, _ = deref(self.head, head[name])
            if not isinstance(old, dict) or not isinstance(new, dict):
                continue
            for key in ("type", "scheme", "in", "name", "bearerFormat"):
                if old.get(key) != new.get(key):
                    self.add(
                        "security-scheme-changed",
                        "(security schemes)",
                        name,
                        key,
                        old.get(key, "none"),
                        new.get(key, "none"),
                    )


def _requirements(security: Any) -> dict[str, frozenset[str]]:
    """Each accepted alternative (`bearerAuth`, `a + b`, `(none)`) with the scopes it needs."""
    found: dict[str, frozenset[str]] = {}
    for requirement in security if isinstance(security, list) else []:
        if not isinstance(requirement, dict):
            continue
        name = " + ".join(sorted(requirement)) or "(none)"
        scopes = {
            str(s) for value in requirement.values() if isinstance(value, list) for s in value
        }
        found[name] = frozenset(scopes)
    if not found:
        found["(none)"] = frozenset()
    return found


def _prefixed(add: Any, prefix: str) -> Emit:
    """An emitter that puts `prefix` (`response 200 application/json`) before the location."""

    def emit(rule: str, where: str, before: str | None, after: str | None) -> None:
        add(rule, f"{prefix}: {where}" if where else prefix, before, after)

    return emit


def _path_names(path: str) -> list[str]:
    return [segment[1:-1] for segment in path.split("/") if segment.startswith("{")]


def _route(path: str) -> str:
    """The path with its parameter names left out: `/a/{}/b`."""
    return "/".join("{}" if s.startswith("{") else s for s in path.split("/"))


def _subject(method: str, path: str) -> str:
    return f"{method.upper()} {path}"


def _tag(operation: dict[str, Any]) -> str:
    tags = operation.get("tags") or ["(untagged)"]
    return str(tags[0])


def _param_where(param: dict[str, Any]) -> str:
    return f"{param['in']} parameter {param['name']}"
