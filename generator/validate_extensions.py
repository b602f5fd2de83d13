"""Our `x-` keys in the bundled document: each one we define, in its place, with a value that fits.

A misspelt name or a key on the wrong object would otherwise be ignored in silence and change the
client. The document is walked object by object, each named after its OpenAPI type
(`extensions.PLACES`); values that are data (examples, defaults, enums) and keys that are names
(properties, media types, headers) are never taken for extensions.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator
from typing import Any

import jsonschema

from .document import escape_pointer_token
from .errors import SpecProblem
from .extensions import EXTENSIONS, Extension, is_extension
from .load import LoadedSpec

Site = tuple[str, str, dict[str, Any]]  # (place, JSON pointer, the object)

_HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
_ONE = {
    "requestBody": "request body",
    "components": "other",
    "info": "other",
    "contact": "other",
    "license": "other",
    "externalDocs": "other",
    "discriminator": "other",
    "xml": "other",
    "flows": "other",
    **dict.fromkeys(
        (
            "schema",
            "items",
            "additionalProperties",
            "not",
            "contains",
            "propertyNames",
            "if",
            "then",
            "else",
            "unevaluatedItems",
            "unevaluatedProperties",
            "contentSchema",
        ),
        "schema",
    ),
}
_LISTS = {
    "tags": "tag",
    "servers": "other",
    "parameters": "parameter",
    **dict.fromkeys(("allOf", "anyOf", "oneOf", "prefixItems"), "schema"),
}
# Maps keyed by names: their keys are never extensions, except in `paths` and `responses`, where
# OpenAPI allows `x-` keys beside the paths and status codes.
_MAPS = {
    "paths": "path item",
    "responses": "response",
    "content": "media type",
    "headers": "header",
    "properties": "property",
    "schemas": "named schema",
    "parameters": "parameter",
    "requestBodies": "request body",
    "securitySchemes": "other",
    "encoding": "other",
    "links": "other",
    "variables": "other",
    **dict.fromkeys(("patternProperties", "$defs", "dependentSchemas"), "schema"),
}
_EXTENSIBLE_MAPS = frozenset({"paths", "responses"})


def extension_sites(document: dict[str, Any]) -> Iterator[Site]:
    """Every object of the document that may carry extensions, with its place."""
    yield from _sites(document, "", "document")


def _sites(node: Any, pointer: str, place: str) -> Iterator[Site]:
    if not isinstance(node, dict):
        return
    if place == "parameter":
        place = _parameter_place(node)
    yield place, pointer, node
    for key, child in node.items():
        if is_extension(key):
            continue
        at = f"{pointer}/{escape_pointer_token(str(key))}"
        if place == "path item" and key in _HTTP_METHODS:
            yield from _sites(child, at, "operation")
        elif key in _LISTS and isinstance(child, list):
            for index, item in enumerate(child):
                yield from _sites(item, f"{at}/{index}", _LISTS[key])
        elif key in _MAPS and isinstance(child, dict):
            yield from _map_sites(key, child, at)
        elif key in _ONE:
            yield from _sites(child, at, _ONE[key])


def _map_sites(key: str, mapping: dict[str, Any], pointer: str) -> Iterator[Site]:
    if key in _EXTENSIBLE_MAPS:
        yield "other", pointer, mapping
    for name, child in mapping.items():
        if key in _EXTENSIBLE_MAPS and is_extension(name):
            continue
        yield from _sites(child, f"{pointer}/{escape_pointer_token(str(name))}", _MAPS[key])


def _parameter_place(node: dict[str, Any]) -> str:
    if "$ref" in node:
        return "parameter reference"
    location = node.get("in")
    return f"{location} parameter" if location in ("path", "query", "header", "cookie") else "other"


def extension_problems(spec: LoadedSpec) -> Iterator[SpecProblem]:
    """Unknown `x-` keys, keys out of their place, values their schema refuses."""
    for place, pointer, node in extension_sites(spec.document):
        for key, value in node.items():
            if not is_extension(key):
                continue
            at = f"{pointer}/{escape_pointer_token(key)}"
            extension = EXTENSIONS.get(key)
            if extension is None:
                yield spec.problem(unknown_message(key), at)
            elif place not in extension.places:
                where = ", ".join(extension.places)
                yield spec.problem(f"{key} does not belong on this {place} (only on: {where})", at)
            else:
                yield from _value_problems(spec, extension, node, value, at)


def unknown_message(key: str) -> str:
    close = difflib.get_close_matches(key, EXTENSIONS, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]}?" if close else "ours are listed in spec/README.md"
    return f"unknown extension {key}: {hint}"


def _value_problems(
    spec: LoadedSpec, extension: Extension, node: dict[str, Any], value: Any, at: str
) -> Iterator[SpecProblem]:
    for error in _validator(extension.name).iter_errors(value):
        inner = "".join(f"/{escape_pointer_token(str(p))}" for p in error.absolute_path)
        yield spec.problem(f"{extension.name}: {error.message}", at + inner)
    if extension.only_with and node.get(extension.only_with) is not True:
        yield spec.problem(
            f"{extension.name} means nothing without {extension.only_with}: true", at
        )


@functools.cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(EXTENSIONS[name].schema)
