"""A small spec that exercises every diff rule, and helpers to diff two edited copies of it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from generator.diff.changes import DiffReport
from generator.diff.engine import diff_sides
from generator.diff.sides import read_side

Spec = dict[str, Any]
Edit = Callable[[Spec], None]


def _op(op_id: str, method: str, summary: str, **extra: Any) -> dict[str, Any]:
    return {
        "operationId": op_id,
        "x-python-method": method,
        "tags": ["Thing"],
        "summary": summary,
        **extra,
    }


def _json(schema: Any) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def base_spec() -> Spec:
    thing = {"$ref": "#/components/schemas/Thing"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "security": [{"bearerAuth": []}],
        "tags": [{"name": "Thing", "x-python-name": "things", "description": "Things."}],
        "paths": {
            "/things": {
                "get": _op(
                    "list_things",
                    "list",
                    "List things",
                    parameters=[
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": 100,
                                "default": 10,
                            },
                        },
                        {
                            "name": "sort",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["asc", "desc"]},
                        },
                    ],
                    responses={
                        "200": {
                            "description": "ok",
                            "content": _json({"type": "array", "items": thing}),
                        },
                        "401": {"description": "no"},
                    },
                ),
                "post": _op(
                    "create_thing",
                    "create",
                    "Create a thing",
                    requestBody={
                        "required": True,
                        "content": _json({"$ref": "#/components/schemas/NewThing"}),
                    },
                    responses={"201": {"description": "created"}},
                ),
            },
            "/things/{code}": {
                "parameters": [
                    {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "get": _op(
                    "get_thing",
                    "get",
                    "Get a thing",
                    responses={"200": {"description": "ok", "content": _json(thing)}},
                ),
                "delete": _op(
                    "delete_thing", "delete", "Delete", responses={"204": {"description": "gone"}}
                ),
            },
        },
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer"},
                "basicAuth": {"type": "http", "scheme": "basic"},
            },
            "schemas": {
                "Thing": {
                    "type": "object",
                    "required": ["code"],
                    "properties": {
                        "code": {"type": "string"},
                        "size": {"type": "integer", "minimum": 0, "maximum": 10},
                        "status": {"type": "string", "enum": ["on", "off"]},
                        "created": {"type": "string", "format": "date-time", "readOnly": True},
                        "note": {"type": ["string", "null"]},
                        "color": {"$ref": "#/components/schemas/Color"},
                        "dims": {"$ref": "#/components/schemas/Dimensions"},
                        "parent": thing,  # a recursive schema
                    },
                },
                "NewThing": {
                    "type": "object",
                    "required": ["code"],
                    "properties": {
                        "code": {"type": "string"},
                        "size": {"type": "integer", "minimum": 0, "maximum": 10, "default": 1},
                        "kind": {"type": "string", "enum": ["a", "b"]},
                        "when": {"type": "string", "format": "date"},
                        "note": {"type": ["string", "null"]},
                        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                    },
                },
                "Color": {"type": "string", "enum": ["red", "green"]},
                "Dimensions": {
                    "type": "object",
                    "properties": {"width": {"type": "integer"}, "height": {"type": "integer"}},
                },
            },
        },
    }


def write(directory: Path, spec: Spec) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    root = directory / "openapi.yaml"
    root.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return root


def diff_edit(tmp: Path, head_edit: Edit | None, base_edit: Edit | None = None) -> DiffReport:
    """Diff the base spec (after `base_edit`) against a copy with `head_edit` applied too."""
    base = base_spec()
    if base_edit is not None:
        base_edit(base)
    head = copy.deepcopy(base)
    if head_edit is not None:
        head_edit(head)
    base_root = write(tmp / "base", base)
    head_root = write(tmp / "head", head)
    return diff_sides(
        read_side(str(base_root), tmp / "scratch"), read_side(str(head_root), tmp / "scratch")
    )


def paths(spec: Spec) -> dict[str, Any]:
    result: dict[str, Any] = spec["paths"]
    return result


def schema(spec: Spec, name: str) -> dict[str, Any]:
    result: dict[str, Any] = spec["components"]["schemas"][name]
    return result


def props(spec: Spec, name: str) -> dict[str, Any]:
    result: dict[str, Any] = schema(spec, name)["properties"]
    return result


def param(spec: Spec, name: str) -> dict[str, Any]:
    for p in paths(spec)["/things"]["get"]["parameters"]:
        if p["name"] == name:
            result: dict[str, Any] = p
            return result
    raise KeyError(name)
