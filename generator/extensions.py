"""Every `x-` extension of our spec: where it may appear, its value's JSON Schema, what it means.

The one place an extension's name is written: the generator reads values through the accessors
below, validation rejects any other `x-` key and any value its schema refuses, the diff reports a
change of each one that changes the client, and `spec/README.md`'s table is printed from here
(`python -m generator.extensions`; a test keeps the two in step). Adding an extension is one entry
here (and its use in `build`); see `EXTENSIONS`.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

# The levels of generator/diff/rules.py, repeated so that this module needs nothing of the diff.
DiffLevel = Literal["breaking", "warning", "info"]

# Where an extension may sit, named after the OpenAPI object that holds it.
PLACES = (
    "document",
    "tag",
    "path item",
    "operation",
    "path parameter",
    "query parameter",
    "header parameter",
    "cookie parameter",
    "parameter reference",  # {$ref: ...} in a parameter list: siblings of the $ref are never read
    "request body",
    "response",
    "media type",
    "header",
    "named schema",  # a schema under components/schemas: one generated class
    "property",  # a schema under `properties`: one field of its class
    "schema",  # any other schema (items, allOf members, ...)
    "other",  # any other object (info, servers, components, security schemes, ...)
)


@dataclass(frozen=True)
class Extension:
    name: str
    places: tuple[str, ...]
    schema: dict[str, Any]  # JSON Schema (2020-12) of the value
    meaning: str
    client_effect: str | None  # what it changes in the generated client; None: nothing
    diff_level: DiffLevel | None = None  # the level of its own diff rule
    covered_by: str | None = None  # the diff rule that already reports its change
    only_with: str | None = None  # a sibling key that must be true for it to mean anything

    def present(self, node: Mapping[str, Any]) -> bool:
        return self.name in node

    def value(self, node: Mapping[str, Any]) -> Any:
        """The raw value, None when absent."""
        return node.get(self.name)

    def effective(self, node: Mapping[str, Any]) -> Any:
        """The value as the generator understands it: what the diff compares."""
        return self.value(node)

    @property
    def diff_rule(self) -> str | None:
        """The id of the diff rule that reports a change of this extension, if it has its own."""
        return f"client-{self.name.removeprefix('x-')}-changed" if self.diff_level else None


class Flag(Extension):
    def read(self, node: Mapping[str, Any]) -> bool:
        return bool(node.get(self.name))

    def effective(self, node: Mapping[str, Any]) -> Any:
        return self.read(node)  # absent and false are the same client


class Text(Extension):
    def read(self, node: Mapping[str, Any]) -> str | None:
        value = node.get(self.name)
        return value if isinstance(value, str) else None

    def required(self, node: Mapping[str, Any]) -> str:
        """The value of an extension that validation makes mandatory (KeyError when absent)."""
        return str(node[self.name])


_OPERATION = ("operation",)
_TRUE: dict[str, Any] = {"const": True}
_BOOLEAN: dict[str, Any] = {"type": "boolean"}
_TEXT: dict[str, Any] = {"type": "string", "minLength": 1}

PYTHON_NAME = Text(
    "x-python-name",
    ("tag",),
    _TEXT,
    "attribute name of the resource on the client (`akeneo.channels`)",
    "the resource attribute",
    covered_by="client-resource-renamed",
)
PYTHON_METHOD = Text(
    "x-python-method",
    _OPERATION,
    _TEXT,
    "method name on the resource: `list`, `get`, `create`, `upsert`, `upsert_many`, `delete`,"
    " `upload`, `download`, `get_draft`, `submit_draft`, or another verb where none fits",
    "the method name",
    covered_by="client-method-renamed",
)
PAGINATION = Text(
    "x-akeneo-pagination",
    _OPERATION,
    {"enum": ["page", "search_after", "page_or_search_after"]},
    "the list is paginated: `page`, `search_after` or `page_or_search_after` (which methods the"
    " server accepts; refused unless the `page`, `search_after` and `pagination_type` parameters"
    " say the same)",
    "the method returns a paginator (the value only picks the modes the contract tests try)",
    covered_by="client-method-return-type-changed",
)
BATCH = Extension(
    "x-akeneo-batch",
    _OPERATION,
    {
        "type": "object",
        "properties": {
            "format": {"enum": ["ndjson", "json_array"]},
            "key": {"type": "string", "minLength": 1},
        },
        "required": ["format", "key"],
        "additionalProperties": False,
    },
    "a collection PATCH: `{format: ndjson or json_array, key: code, identifier or uuid}` (`key`"
    " names the field that identifies each item in the results)",
    "how `upsert_many` sends the items and matches the results",
    diff_level="warning",
)
SEARCH = Flag(
    "x-akeneo-search",
    ("query parameter",),
    _TRUE,
    "the parameter is a JSON filter: the client takes a dict or a `Search` and serialises it",
    "the argument's type (`SearchArg`)",
    covered_by="client-parameter-type-changed",
)
KEEP_SLASHES = Flag(
    "x-akeneo-keep-slashes",
    ("path parameter",),
    _BOOLEAN,
    "the value is sent with its `/` unescaped (media file codes contain slashes)",
    "the `Endpoint`'s `keep_slashes`: how the argument is put into the path",
    diff_level="warning",
)
CODE_HEADER = Text(
    "x-akeneo-code-header",
    _OPERATION,
    _TEXT,
    "the response header that carries the code of an uploaded file",
    "the header the upload method reads the new code from",
    diff_level="warning",
)
DEPRECATED = Text(
    "x-akeneo-deprecated",
    _OPERATION,
    _TEXT,
    "why it is deprecated and what replaces it; with `deprecated: true`. The client emits a"
    " `DeprecationWarning`",
    "the `DeprecationWarning`'s text and the docstring",
    diff_level="info",
    only_with="deprecated",
)
ENTERPRISE = Flag(
    "x-akeneo-enterprise",
    _OPERATION,
    _TRUE,
    "`true`: Enterprise Edition (and SaaS) only",
    "a docstring note",
    diff_level="info",
)
SAAS_ONLY = Flag(
    "x-akeneo-saas-only",
    _OPERATION,
    _TRUE,
    "`true`: only on Akeneo's SaaS (Serenity), not on-premise",
    "a docstring note",
    diff_level="info",
)
APP_TOKEN = Flag(
    "x-akeneo-app-token",
    _OPERATION,
    _TRUE,
    "`true`: needs an App token (connected App), not a connection's token",
    "a docstring note",
    diff_level="info",
)
PYTHON_SECRET = Flag(
    "x-python-secret",
    ("property",),
    _BOOLEAN,
    "`true`: a secret (an access or refresh token): the response model leaves it out of its"
    " `repr`, so logging a model shows none",
    "the model's `repr`",
    diff_level="info",
)
PYTHON_READ = Text(
    "x-python-read",
    ("named schema",),
    {"enum": ["dict", "any"]},
    "how the client reads it back: `dict`, a TypedDict (a plain, typed dict, validated but not"
    " turned into a model; unknown keys kept); `any`, the decoded JSON as it is (`Any`). Request"
    " types are unchanged. Used for product values, the hot path of exports: a product holds about"
    " 30 of them, and building a model for each, with its `data` matched against the union of"
    " value shapes, cost 3 times the JSON decoding of the whole product (`make bench`); and for"
    " `Link` and `ItemLinks`, carried by every item of every list",
    "the class read back: a pydantic model, a TypedDict or `Any`",
    diff_level="breaking",
)
PYTHON_NOMINAL = Flag(
    "x-python-nominal",
    ("named schema",),
    _TRUE,
    "`true`, on a map schema (no properties): its request type is a class of its own, a `dict`"
    " subclass (`class TableRowParam(dict[str, Any])`), not a `Mapping` alias, so that in a union"
    " of value shapes a plain dict of another shape (a price without `currency`) is not taken for"
    " it. Callers build it by name (`TableRowParam(ingredient=\"cocoa\")`); it is sent as the same"
    " JSON object. Used for `TableRow`",
    "the request type: a `dict` subclass instead of a `Mapping` alias",
    diff_level="breaking",
)

EXTENSIONS: dict[str, Extension] = {
    e.name: e
    for e in (
        PYTHON_NAME,
        PYTHON_METHOD,
        PAGINATION,
        BATCH,
        SEARCH,
        KEEP_SLASHES,
        CODE_HEADER,
        DEPRECATED,
        ENTERPRISE,
        SAAS_ONLY,
        APP_TOKEN,
        PYTHON_SECRET,
        PYTHON_READ,
        PYTHON_NOMINAL,
    )
}


def is_extension(key: object) -> bool:
    return isinstance(key, str) and key.startswith("x-")


def markdown_table() -> str:
    """The extension table of spec/README.md."""
    lines = [
        "| extension | where | value | meaning | changes in the client | diff rule |",
        "|---|---|---|---|---|---|",
    ]
    for e in EXTENSIONS.values():
        rule = e.diff_rule or e.covered_by
        lines.append(
            f"| `{e.name}` | {', '.join(e.places)} | {_show_schema(e.schema)} | {e.meaning} |"
            f" {e.client_effect or 'nothing'} | {f'`{rule}`' if rule else '-'} |"
        )
    return "\n".join(lines)


def _show_schema(schema: dict[str, Any]) -> str:
    if "const" in schema:
        return f"`{str(schema['const']).lower()}`"
    if "enum" in schema:
        return " or ".join(f"`{v}`" for v in schema["enum"])
    if schema.get("type") == "object":
        return "object: " + ", ".join(
            f"`{name}` ({_show_schema(sub)})" for name, sub in schema["properties"].items()
        )
    return str(schema.get("type", "any"))


if __name__ == "__main__":
    sys.stdout.write(markdown_table() + "\n")
