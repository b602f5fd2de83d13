"""One small spec pair per diff rule: exactly the changes listed are reported, no more."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from generator.diff.client import diff_client
from generator.diff.rules import RULES
from generator.diff.sides import read_side
from generator.ir import Model

from .support import Edit, Spec, base_spec, diff_edit, param, paths, props, schema, write


@dataclass(frozen=True)
class Case:
    rule: str  # the rule this case is about
    edit: Edit
    expected: tuple[str, ...]  # every rule reported, with repeats (one per operation)
    base: Edit | None = None
    where: dict[str, set[str]] = field(default_factory=dict)  # rule -> every `where` expected


def _set(path: list[Any], value: Any) -> Edit:
    def edit(spec: Spec) -> None:
        node: Any = spec
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


def _delete(path: list[Any]) -> Edit:
    def edit(spec: Spec) -> None:
        node: Any = spec
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return edit


def _all(*edits: Edit) -> Edit:
    def edit(spec: Spec) -> None:
        for one in edits:
            one(spec)

    return edit


def _other_tag(spec: Spec) -> None:
    spec["tags"].append({"name": "Other", "x-python-name": "others", "description": "Others."})


def _other_op(spec: Spec) -> None:
    _other_tag(spec)
    paths(spec)["/others"] = {
        "get": {
            "operationId": "list_others",
            "x-python-method": "list",
            "tags": ["Other"],
            "summary": "List others",
            "responses": {"200": {"description": "ok"}},
        }
    }


def _new_param(required: bool) -> Edit:
    def edit(spec: Spec) -> None:
        paths(spec)["/things"]["get"]["parameters"].append(
            {"name": "q", "in": "query", "required": required, "schema": {"type": "string"}}
        )

    return edit


def _param_schema(name: str, key: str, value: Any) -> Edit:
    def edit(spec: Spec) -> None:
        param(spec, name)["schema"][key] = value

    return edit


def _param_set(name: str, key: str, value: Any) -> Edit:
    def edit(spec: Spec) -> None:
        param(spec, name)[key] = value

    return edit


def _named_labels(spec: Spec) -> None:
    """NewThing's `labels` map as a named schema (`Labels`), the kind x-python-nominal marks."""
    spec["components"]["schemas"]["Labels"] = props(spec, "NewThing")["labels"]
    props(spec, "NewThing")["labels"] = {"$ref": "#/components/schemas/Labels"}


def _prop(schema_name: str, name: str, key: str | None, value: Any) -> Edit:
    def edit(spec: Spec) -> None:
        if key is None:
            props(spec, schema_name)[name] = value
        else:
            props(spec, schema_name)[name][key] = value

    return edit


def _del_prop(schema_name: str, name: str) -> Edit:
    def edit(spec: Spec) -> None:
        del props(spec, schema_name)[name]

    return edit


def _required(schema_name: str, names: list[str]) -> Edit:
    return _set(["components", "schemas", schema_name, "required"], names)


def _body(spec: Spec) -> dict[str, Any]:
    body: dict[str, Any] = paths(spec)["/things"]["post"]["requestBody"]
    return body


def _no_body(spec: Spec) -> None:
    del paths(spec)["/things"]["post"]["requestBody"]


def _add_body(required: bool) -> Edit:
    def edit(spec: Spec) -> None:
        paths(spec)["/things"]["post"]["requestBody"] = {
            "required": required,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewThing"}}},
        }

    return edit


def _optional_body(spec: Spec) -> None:
    _body(spec)["required"] = False


def _form_body(spec: Spec) -> None:
    content = _body(spec)["content"]
    content["application/x-www-form-urlencoded"] = content["application/json"]


def _delete_security(value: list[dict[str, Any]]) -> Edit:
    return _set(["paths", "/things/{code}", "delete", "security"], value)


def _get_responses(spec: Spec) -> dict[str, Any]:
    responses: dict[str, Any] = paths(spec)["/things/{code}"]["get"]["responses"]
    return responses


def _extra_status(status: str) -> Edit:
    def edit(spec: Spec) -> None:
        _get_responses(spec)[status] = {"description": status}

    return edit


def _xml(spec: Spec) -> None:
    _get_responses(spec)["200"]["content"]["application/xml"] = {"schema": {"type": "string"}}


def _deprecate_delete(spec: Spec) -> None:
    paths(spec)["/things/{code}"]["delete"]["deprecated"] = True


def _rename_schema(old: str, new: str) -> Edit:
    def edit(spec: Spec) -> None:
        schemas = spec["components"]["schemas"]
        schemas[new] = schemas.pop(old)
        for entry in schemas.values():
            for prop in entry.get("properties", {}).values():
                if prop.get("$ref") == f"#/components/schemas/{old}":
                    prop["$ref"] = f"#/components/schemas/{new}"

    return edit


def _owner(spec: Spec) -> None:
    schema(spec, "Thing")["properties"]["owner"] = {"$ref": "#/components/schemas/Owner"}
    spec["components"]["schemas"]["Owner"] = {
        "type": "object",
        "properties": {"name": {"type": "string"}},
    }


def _move_delete(path: str) -> Edit:
    def edit(spec: Spec) -> None:
        item = paths(spec)["/things/{code}"]
        paths(spec)[path] = {"parameters": item["parameters"], "delete": item.pop("delete")}

    return edit


def _delete_to_post(spec: Spec) -> None:
    item = paths(spec)["/things/{code}"]
    item["post"] = item.pop("delete")


def _move_delete_to_other(spec: Spec) -> None:
    _other_tag(spec)
    paths(spec)["/things/{code}"]["delete"]["tags"] = ["Other"]


def _rename_path_param(spec: Spec) -> None:
    item = paths(spec).pop("/things/{code}")
    item["parameters"][0]["name"] = "thing_code"
    paths(spec)["/things/{thing_code}"] = item


def _remove_other(spec: Spec) -> None:
    del paths(spec)["/others"]
    spec["tags"] = [t for t in spec["tags"] if t["name"] != "Other"]


def _batch_patch(spec: Spec) -> None:
    paths(spec)["/things"]["patch"] = {
        "operationId": "patch_things",
        "x-python-method": "upsert_many",
        "tags": ["Thing"],
        "summary": "Update things",
        "x-akeneo-batch": {"format": "ndjson", "key": "code"},
        "requestBody": {
            "required": True,
            "content": {
                "application/vnd.akeneo.collection+json": {
                    "schema": {"$ref": "#/components/schemas/NewThing"}
                }
            },
        },
        "responses": {"200": {"description": "one result per line"}},
    }


def _upload(spec: Spec) -> None:
    file = {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
    paths(spec)["/thing-files"] = {
        "post": {
            "operationId": "post_thing_files",
            "x-python-method": "upload",
            "tags": ["Thing"],
            "summary": "Upload a file",
            "x-akeneo-code-header": "Thing-file-code",
            "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": file}}},
            "responses": {"201": {"description": "created"}},
        }
    }


def _delete_op(key: str, value: object) -> Edit:
    return _set(["paths", "/things/{code}", "delete", key], value)


T_RESPONSE = ("GET /things", "GET /things/{code}")  # both answer with Thing: changes come twice

CASES: list[Case] = [
    # -- operations
    Case(
        "endpoint-added",
        _other_op,
        ("endpoint-added", "client-resource-added", "client-method-added"),
    ),
    Case(
        "endpoint-removed",
        _delete(["paths", "/things/{code}", "delete"]),
        ("endpoint-removed", "client-method-removed"),
    ),
    Case(
        "deprecated-endpoint-removed",
        _delete(["paths", "/things/{code}", "delete"]),
        ("deprecated-endpoint-removed", "client-method-removed"),
        base=_deprecate_delete,
    ),
    Case(
        "endpoint-deprecated",
        _deprecate_delete,
        ("endpoint-deprecated", "client-method-deprecated"),
    ),
    Case(
        "endpoint-reactivated",
        _set(["paths", "/things/{code}", "delete", "deprecated"], False),
        ("endpoint-reactivated",),
        base=_deprecate_delete,
    ),
    Case(
        "api-operation-id-changed",
        _set(["paths", "/things/{code}", "get", "operationId"], "x"),
        ("api-operation-id-changed",),
        where={"api-operation-id-changed": {"operationId"}},
    ),
    Case("api-path-changed", _move_delete("/items/{code}"), ("api-path-changed",)),
    Case(
        "api-method-changed",
        _delete_to_post,
        ("api-method-changed", "client-method-return-type-changed"),
    ),
    Case(
        "api-tag-changed",
        _move_delete_to_other,
        ("api-tag-changed", "client-resource-added", "client-method-moved"),
    ),
    # -- parameters
    Case(
        "new-required-request-parameter",
        _new_param(True),
        ("new-required-request-parameter", "client-required-parameter-added"),
        where={"new-required-request-parameter": {"query parameter q"}},
    ),
    Case(
        "new-optional-request-parameter",
        _new_param(False),
        ("new-optional-request-parameter", "client-optional-parameter-added"),
    ),
    Case(
        "request-parameter-removed",
        _set(["paths", "/things", "get", "parameters"], [{"name": "limit", "in": "query"}]),
        (
            "request-parameter-removed",
            "client-parameter-removed",
            "request-parameter-type-changed",
            "client-parameter-type-widened",
        ),
    ),
    Case(
        "request-parameter-became-required",
        _param_set("limit", "required", True),
        ("request-parameter-became-required", "client-parameter-became-required"),
    ),
    Case(
        "request-parameter-became-optional",
        _param_set("limit", "required", False),
        ("request-parameter-became-optional", "client-parameter-became-optional"),
        base=_param_set("limit", "required", True),
    ),
    Case(
        "request-parameter-type-changed",
        _param_schema("limit", "type", "string"),
        ("request-parameter-type-changed", "client-parameter-type-changed"),
    ),
    Case(
        "request-parameter-format-changed",
        _param_schema("limit", "format", "int64"),
        ("request-parameter-format-changed",),
    ),
    Case(
        "request-parameter-enum-value-added",
        _param_schema("sort", "enum", ["asc", "desc", "x"]),
        ("request-parameter-enum-value-added", "client-enum-member-added"),
    ),
    Case(
        "request-parameter-enum-value-removed",
        _param_schema("sort", "enum", ["asc"]),
        ("request-parameter-enum-value-removed", "client-enum-member-removed"),
    ),
    Case(
        "request-parameter-default-value-changed",
        _param_schema("limit", "default", 20),
        ("request-parameter-default-value-changed",),
    ),
    Case(
        "request-parameter-range-narrowed",
        _param_schema("limit", "maximum", 50),
        ("request-parameter-range-narrowed",),
    ),
    Case(
        "request-parameter-range-widened",
        _param_schema("limit", "maximum", 500),
        ("request-parameter-range-widened",),
    ),
    # -- request body
    Case(
        "new-required-request-body",
        _add_body(True),
        (
            "new-required-request-body",
            "client-required-parameter-added",
            "client-class-added",
        ),
        base=_no_body,
    ),
    Case(
        "new-optional-request-body",
        _add_body(False),
        ("new-optional-request-body", "client-optional-parameter-added", "client-class-added"),
        base=_no_body,
    ),
    Case(
        "request-body-removed",
        _no_body,
        ("request-body-removed", "client-parameter-removed", "client-class-removed"),
    ),
    Case(
        "request-body-became-required",
        _set(["paths", "/things", "post", "requestBody", "required"], True),
        (
            "request-body-became-required",
            "client-parameter-became-required",
            "client-parameter-kind-changed",
        ),
        base=_optional_body,
    ),
    Case(
        "request-body-became-optional",
        _optional_body,
        (
            "request-body-became-optional",
            "client-parameter-became-optional",
            "client-parameter-kind-changed",
        ),
    ),
    Case("request-body-media-type-added", _form_body, ("request-body-media-type-added",)),
    Case(
        "request-body-media-type-removed",
        _delete(
            [
                "paths",
                "/things",
                "post",
                "requestBody",
                "content",
                "application/x-www-form-urlencoded",
            ]
        ),
        ("request-body-media-type-removed",),
        base=_form_body,
    ),
    Case(
        "request-body-type-changed",
        _set(
            ["paths", "/things", "post", "requestBody", "content", "application/json", "schema"],
            {"type": "array", "items": {"type": "string"}},
        ),
        ("request-body-type-changed", "client-parameter-type-changed", "client-class-removed"),
    ),
    Case(
        "new-required-request-property",
        _all(
            _prop("NewThing", "weight", None, {"type": "integer"}),
            _required("NewThing", ["code", "weight"]),
        ),
        ("new-required-request-property", "client-param-required-field-added"),
        where={"new-required-request-property": {"request body application/json: weight"}},
    ),
    Case(
        "new-optional-request-property",
        _prop("NewThing", "weight", None, {"type": "integer"}),
        ("new-optional-request-property", "client-param-optional-field-added"),
    ),
    Case(
        "request-property-removed",
        _del_prop("NewThing", "size"),
        ("request-property-removed", "client-param-field-removed"),
    ),
    Case(
        "request-property-became-required",
        _required("NewThing", ["code", "size"]),
        ("request-property-became-required", "client-param-field-became-required"),
    ),
    Case(
        "request-property-became-optional",
        _required("NewThing", []),
        ("request-property-became-optional", "client-param-field-became-optional"),
    ),
    Case(
        "request-property-type-changed",
        _prop("NewThing", "size", "type", "string"),
        ("request-property-type-changed", "client-param-field-type-changed"),
    ),
    Case(
        "request-property-format-changed",
        _prop("NewThing", "when", "format", "date-time"),
        ("request-property-format-changed",),
    ),
    Case(
        "request-property-became-nullable",
        _prop("NewThing", "size", "type", ["integer", "null"]),
        ("request-property-became-nullable", "client-param-field-type-widened"),
    ),
    Case(
        "request-property-became-not-nullable",
        _prop("NewThing", "note", "type", "string"),
        ("request-property-became-not-nullable", "client-param-field-type-changed"),
    ),
    Case(
        "request-property-enum-value-added",
        _prop("NewThing", "kind", "enum", ["a", "b", "c"]),
        ("request-property-enum-value-added", "client-enum-member-added"),
    ),
    Case(
        "request-property-enum-value-removed",
        _prop("NewThing", "kind", "enum", ["a"]),
        ("request-property-enum-value-removed", "client-enum-member-removed"),
    ),
    Case(
        "request-property-default-value-changed",
        _prop("NewThing", "size", "default", 2),
        ("request-property-default-value-changed",),
    ),
    Case(
        "request-property-range-narrowed",
        _prop("NewThing", "size", "maximum", 5),
        ("request-property-range-narrowed",),
    ),
    Case(
        "request-property-range-widened",
        _prop("NewThing", "size", "minimum", -5),
        ("request-property-range-widened",),
    ),
    Case(
        "request-additional-properties-disallowed",
        _set(["components", "schemas", "NewThing", "additionalProperties"], False),
        ("request-additional-properties-disallowed",),
    ),
    Case(
        "request-additional-properties-allowed",
        _delete(["components", "schemas", "NewThing", "additionalProperties"]),
        ("request-additional-properties-allowed",),
        base=_set(["components", "schemas", "NewThing", "additionalProperties"], False),
    ),
    # -- responses
    Case("response-success-status-added", _extra_status("202"), ("response-success-status-added",)),
    Case(
        "response-success-status-removed",
        _delete(["paths", "/things/{code}", "get", "responses", "202"]),
        ("response-success-status-removed",),
        base=_extra_status("202"),
    ),
    Case(
        "response-non-success-status-added",
        _extra_status("404"),
        ("response-non-success-status-added",),
    ),
    Case(
        "response-non-success-status-removed",
        _delete(["paths", "/things", "get", "responses", "401"]),
        ("response-non-success-status-removed",),
    ),
    Case("response-media-type-added", _xml, ("response-media-type-added",)),
    Case(
        "response-media-type-removed",
        _delete(
            ["paths", "/things/{code}", "get", "responses", "200", "content", "application/xml"]
        ),
        ("response-media-type-removed",),
        base=_xml,
    ),
    Case(
        "response-body-type-changed",
        _set(
            [
                "paths",
                "/things/{code}",
                "get",
                "responses",
                "200",
                "content",
                "application/json",
                "schema",
            ],
            {"type": "string"},
        ),
        ("response-body-type-changed", "client-method-return-type-changed"),
    ),
    Case(
        "response-property-added",
        _prop("Thing", "weight", None, {"type": "integer"}),
        ("response-property-added",) * 2 + ("client-model-field-added",),
        where={
            "response-property-added": {
                "response 200 application/json: weight",  # GET /things/{code}
                "response 200 application/json: [].weight",  # GET /things: a list
            }
        },
    ),
    Case(
        "response-property-removed",
        _del_prop("Thing", "size"),
        ("response-property-removed",) * 2 + ("client-model-field-removed",),
    ),
    Case(
        "response-property-became-optional",
        _required("Thing", []),
        ("response-property-became-optional",) * 2 + ("client-model-field-type-changed",),
    ),
    Case(
        "response-property-became-required",
        _required("Thing", ["code", "size"]),
        ("response-property-became-required",) * 2 + ("client-model-field-type-narrowed",),
    ),
    Case(
        "response-property-type-changed",
        _prop("Thing", "size", "type", "string"),
        ("response-property-type-changed",) * 2 + ("client-model-field-type-changed",),
    ),
    Case(
        "response-property-format-changed",
        _prop("Thing", "created", "format", "date"),
        ("response-property-format-changed",) * 2,
    ),
    Case(
        "response-property-became-nullable",
        _prop("Thing", "size", "type", ["integer", "null"]),
        ("response-property-became-nullable",) * 2,
    ),
    Case(
        "response-property-became-not-nullable",
        _prop("Thing", "note", "type", "string"),
        ("response-property-became-not-nullable",) * 2,
    ),
    Case(
        "response-property-enum-value-added",
        _prop("Thing", "status", "enum", ["on", "off", "x"]),
        ("response-property-enum-value-added",) * 2 + ("client-enum-member-added",),
    ),
    Case(
        "response-property-enum-value-removed",
        _prop("Thing", "status", "enum", ["on"]),
        ("response-property-enum-value-removed",) * 2 + ("client-enum-member-removed",),
    ),
    Case(
        "response-property-range-widened",
        _prop("Thing", "size", "maximum", 20),
        ("response-property-range-widened",) * 2,
    ),
    Case(
        "response-property-range-narrowed",
        _prop("Thing", "size", "maximum", 5),
        ("response-property-range-narrowed",) * 2,
    ),
    Case(
        "response-additional-properties-allowed",
        _delete(["components", "schemas", "Thing", "additionalProperties"]),
        ("response-additional-properties-allowed",) * 2,
        base=_set(["components", "schemas", "Thing", "additionalProperties"], False),
    ),
    Case(
        "response-additional-properties-disallowed",
        _set(["components", "schemas", "Thing", "additionalProperties"], False),
        ("response-additional-properties-disallowed",) * 2,
    ),
    # -- security
    Case(
        "api-security-requirement-added",
        _delete_security([{"bearerAuth": []}, {"basicAuth": []}]),
        ("api-security-requirement-added",),
    ),
    Case(
        "api-security-requirement-removed",
        _delete_security([{"bearerAuth": []}]),
        ("api-security-requirement-removed",),
        base=_delete_security([{"bearerAuth": []}, {"basicAuth": []}]),
    ),
    Case(
        "api-security-scope-added",
        _delete_security([{"bearerAuth": ["write"]}]),
        ("api-security-scope-added",),
    ),
    Case(
        "api-security-scope-removed",
        _delete_security([{"bearerAuth": []}]),
        ("api-security-scope-removed",),
        base=_delete_security([{"bearerAuth": ["write"]}]),
    ),
    Case(
        "security-scheme-changed",
        _set(["components", "securitySchemes", "bearerAuth", "bearerFormat"], "JWT"),
        ("security-scheme-changed",),
    ),
    # -- the Python client
    Case(
        "client-resource-added",
        _other_op,
        ("endpoint-added", "client-resource-added", "client-method-added"),
    ),
    Case(
        "client-resource-removed",
        _remove_other,
        ("endpoint-removed", "client-resource-removed", "client-method-removed"),
        base=_other_op,
    ),
    Case(
        "client-resource-renamed",
        _set(["tags", 0, "x-python-name"], "items"),
        ("client-resource-renamed",),
    ),
    Case(
        "client-method-added",
        _other_op,
        ("endpoint-added", "client-resource-added", "client-method-added"),
    ),
    Case(
        "client-method-removed",
        _delete(["paths", "/things/{code}", "delete"]),
        ("endpoint-removed", "client-method-removed"),
    ),
    Case(
        "client-method-renamed",
        _set(["paths", "/things/{code}", "get", "x-python-method"], "fetch"),
        ("client-method-renamed",),
    ),
    Case(
        "client-method-moved",
        _move_delete_to_other,
        ("api-tag-changed", "client-resource-added", "client-method-moved"),
    ),
    Case(
        "client-method-deprecated",
        _deprecate_delete,
        ("endpoint-deprecated", "client-method-deprecated"),
    ),
    Case(
        "client-method-return-type-changed",
        _delete_to_post,
        ("api-method-changed", "client-method-return-type-changed"),
    ),
    Case(
        "client-required-parameter-added",
        _new_param(True),
        ("new-required-request-parameter", "client-required-parameter-added"),
    ),
    Case(
        "client-optional-parameter-added",
        _new_param(False),
        ("new-optional-request-parameter", "client-optional-parameter-added"),
    ),
    Case(
        "client-parameter-removed",
        _no_body,
        ("request-body-removed", "client-parameter-removed", "client-class-removed"),
    ),
    Case(
        "client-parameter-renamed",
        _rename_path_param,
        ("client-parameter-renamed",) * 2,
        where={"client-parameter-renamed": {"argument thing_code"}},
    ),
    Case(
        "client-parameter-kind-changed",
        _optional_body,
        (
            "request-body-became-optional",
            "client-parameter-became-optional",
            "client-parameter-kind-changed",
        ),
    ),
    Case(
        "client-parameter-became-required",
        _param_set("limit", "required", True),
        ("request-parameter-became-required", "client-parameter-became-required"),
    ),
    Case(
        "client-parameter-became-optional",
        _param_set("limit", "required", False),
        ("request-parameter-became-optional", "client-parameter-became-optional"),
        base=_param_set("limit", "required", True),
    ),
    Case(
        "client-parameter-type-changed",
        _param_schema("limit", "type", "string"),
        ("request-parameter-type-changed", "client-parameter-type-changed"),
    ),
    Case(
        "client-parameter-type-widened",
        _param_schema("limit", "type", ["integer", "string"]),
        ("request-parameter-type-changed", "client-parameter-type-widened"),
    ),
    Case(
        "client-class-added",
        _owner,
        ("response-property-added",) * 2 + ("client-model-field-added", "client-class-added"),
    ),
    Case(
        "client-class-removed",
        _del_prop("Thing", "dims"),
        ("response-property-removed",) * 2 + ("client-model-field-removed", "client-class-removed"),
    ),
    Case("client-class-renamed", _rename_schema("Dimensions", "Size"), ("client-class-renamed",)),
    Case(
        "client-model-field-added",
        _prop("Thing", "weight", None, {"type": "integer"}),
        ("response-property-added",) * 2 + ("client-model-field-added",),
    ),
    Case(
        "client-model-field-removed",
        _del_prop("Thing", "size"),
        ("response-property-removed",) * 2 + ("client-model-field-removed",),
    ),
    Case(
        "client-model-field-type-changed",
        _prop("Thing", "size", "type", "string"),
        ("response-property-type-changed",) * 2 + ("client-model-field-type-changed",),
    ),
    Case(
        "client-model-field-type-narrowed",
        _required("Thing", ["code", "size"]),
        ("response-property-became-required",) * 2 + ("client-model-field-type-narrowed",),
    ),
    Case(
        "client-param-required-field-added",
        _all(
            _prop("NewThing", "weight", None, {"type": "integer"}),
            _required("NewThing", ["code", "weight"]),
        ),
        ("new-required-request-property", "client-param-required-field-added"),
    ),
    Case(
        "client-param-optional-field-added",
        _prop("NewThing", "weight", None, {"type": "integer"}),
        ("new-optional-request-property", "client-param-optional-field-added"),
    ),
    Case(
        "client-param-field-removed",
        _del_prop("NewThing", "size"),
        ("request-property-removed", "client-param-field-removed"),
    ),
    Case(
        "client-param-field-type-changed",
        _prop("NewThing", "size", "type", "string"),
        ("request-property-type-changed", "client-param-field-type-changed"),
    ),
    Case(
        "client-param-field-type-widened",
        _prop("NewThing", "size", "type", ["integer", "null"]),
        ("request-property-became-nullable", "client-param-field-type-widened"),
    ),
    Case(
        "client-param-field-became-required",
        _required("NewThing", ["code", "size"]),
        ("request-property-became-required", "client-param-field-became-required"),
    ),
    Case(
        "client-param-field-became-optional",
        _required("NewThing", []),
        ("request-property-became-optional", "client-param-field-became-optional"),
    ),
    Case(
        "client-enum-member-added",
        _set(["components", "schemas", "Color", "enum"], ["red", "green", "blue"]),
        ("response-property-enum-value-added",) * 2 + ("client-enum-member-added",),
    ),
    Case(
        "client-enum-member-removed",
        _prop("NewThing", "kind", "enum", ["a"]),
        ("request-property-enum-value-removed", "client-enum-member-removed"),
    ),
    Case(
        "client-alias-type-changed",
        _set(["components", "schemas", "Color"], {"type": "integer"}),
        ("response-property-type-changed",) * 2 + ("client-alias-type-changed",),
    ),
    # -- extensions the IR comparison does not see (generator/extensions.py)
    Case(
        "client-akeneo-keep-slashes-changed",
        _set(["paths", "/things/{code}", "parameters", 0, "x-akeneo-keep-slashes"], True),
        ("client-akeneo-keep-slashes-changed",) * 2,  # the get and the delete
        where={
            "client-akeneo-keep-slashes-changed": {"path parameter code: x-akeneo-keep-slashes"}
        },
    ),
    Case(
        "client-akeneo-batch-changed",
        _set(["paths", "/things", "patch", "x-akeneo-batch", "key"], "identifier"),
        ("client-akeneo-batch-changed",),
        base=_batch_patch,
    ),
    Case(
        "client-akeneo-code-header-changed",
        _set(["paths", "/thing-files", "post", "x-akeneo-code-header"], "Location"),
        ("client-akeneo-code-header-changed",),
        base=_upload,
    ),
    Case(
        "client-akeneo-deprecated-changed",
        _delete_op("x-akeneo-deprecated", "Use the other one."),
        ("client-akeneo-deprecated-changed",),
        base=_deprecate_delete,
    ),
    Case(
        "client-akeneo-enterprise-changed",
        _delete_op("x-akeneo-enterprise", True),
        ("client-akeneo-enterprise-changed",),
    ),
    Case(
        "client-akeneo-saas-only-changed",
        _delete_op("x-akeneo-saas-only", True),
        ("client-akeneo-saas-only-changed",),
    ),
    Case(
        "client-akeneo-app-token-changed",
        _delete_op("x-akeneo-app-token", True),
        ("client-akeneo-app-token-changed",),
    ),
    Case(
        "client-python-secret-changed",
        _prop("Thing", "note", "x-python-secret", True),
        ("client-python-secret-changed",),
        where={"client-python-secret-changed": {"property note: x-python-secret"}},
    ),
    Case(
        "client-python-read-changed",
        _set(["components", "schemas", "Dimensions", "x-python-read"], "dict"),
        # A TypedDict leaves an absent key out where a model says None: the IR diff sees that.
        ("client-python-read-changed",) + ("client-model-field-type-narrowed",) * 2,
    ),
    Case(
        "client-python-nominal-changed",
        _set(["components", "schemas", "Labels", "x-python-nominal"], True),
        ("client-python-nominal-changed",),
        base=_named_labels,
        where={"client-python-nominal-changed": {"x-python-nominal"}},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.rule for c in CASES])
def test_rule(case: Case, tmp_path: Path) -> None:
    report = diff_edit(tmp_path, case.edit, case.base)
    reported = sorted(c.rule for c in report.changes)
    assert reported == sorted(case.expected), "\n".join(map(str, report.changes))
    for change in report.changes:
        assert change.level == RULES[change.rule].level
    for rule, where in case.where.items():
        assert {c.where for c in report.changes if c.rule == rule} == where


def test_client_model_field_renamed(tmp_path: Path) -> None:
    """Field names come from the generator's naming rules, not the spec: edit the IR itself."""
    side = read_side(str(write(tmp_path, base_spec())), tmp_path / "scratch")
    models = tuple(
        (
            replace(
                m,
                fields=tuple(
                    replace(f, name=f"{f.name}_") if f.name == "size" else f for f in m.fields
                ),
            )
            if isinstance(m, Model) and m.name == "Thing"
            else m
        )
        for m in side.api.models
    )
    changes = diff_client(side.api, replace(side.api, models=models))
    assert [(c.rule, c.subject, c.where, c.before, c.after) for c in changes] == [
        ("client-model-field-renamed", "Thing", "field size_", "size", "size_")
    ]


IR_CASES = {"client-model-field-renamed"}  # tested on an edited IR just above


def test_every_rule_has_its_case() -> None:
    covered = {c.rule for c in CASES} | IR_CASES
    missing = sorted(set(RULES) - covered)
    unknown = sorted(covered - set(RULES))
    assert not missing, f"rules with no test: add a Case to CASES for each of {missing}"
    assert not unknown, f"cases naming no rule of generator/diff/rules.py: {unknown}"
    for case in CASES:
        assert case.rule in case.expected, case.rule
