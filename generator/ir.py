"""The intermediate representation: everything the templates print, already decided.

Plain frozen dataclasses. Every name is a valid Python identifier, every type annotation a
`TypeRef` tree (templates print its `.source()`), every description is safe to print inside a
docstring. Templates loop over these and print; they decide nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .typeref import TypeRef

CallKind = Literal[
    "fetch_model",
    "fetch_list",
    "fetch_json",
    "paginate",
    "write",
    "delete",
    "upsert_many",
    "upload",
    "upload_to",
    "download",
]


@dataclass(frozen=True)
class Field:
    """One property of an object schema."""

    name: str  # Python name
    wire_name: str  # JSON key
    read_type: TypeRef  # in the response model, `| None` included when the field may be absent
    write_type: TypeRef  # in the request TypedDict, without Required/NotRequired
    required: bool
    read_only: bool
    write_only: bool
    description: str
    aliased: bool  # the wire name differs from the Python name
    wire_literal: str  # the wire name as a Python string literal
    read_default: str  # what follows the annotation in the model: ` = None`, ` = Field(...)` or ``


@dataclass(frozen=True)
class Model:
    """A named object schema: a pydantic model (read side) and a TypedDict (write side)."""

    name: str  # response model class
    param_name: str  # request TypedDict class
    description: str
    fields: tuple[Field, ...]
    read: bool  # reachable from a response: emit the pydantic model
    write: bool  # reachable from a request: emit the TypedDict
    open_write: bool  # additionalProperties allowed: the TypedDict cannot list every key
    functional: bool  # a wire name is no identifier: the TypedDict needs the functional syntax
    read_dict: (
        bool  # x-python-read: dict: the read side is a TypedDict too (a plain dict, no model)
    )


@dataclass(frozen=True)
class Alias:
    """A named schema that is not an object with properties: a map, a union, an enum, a scalar."""

    name: str
    param_name: str
    description: str
    read_type: TypeRef
    write_type: TypeRef
    read: bool
    write: bool
    # x-python-nominal: the request type is `class XParam(<this>)`, e.g. `dict[str, Any]`
    write_base: TypeRef | None = None


@dataclass(frozen=True)
class Parameter:
    name: str  # Python name
    wire_name: str
    annotation: TypeRef  # without `| None`
    required: bool
    description: str
    keep_slashes: bool = False
    maximum: int | None = None  # of an integer parameter's schema
    choices: tuple[str, ...] = ()  # of an enum parameter's schema
    client_default: str | None = None  # source of the method's default when not None


@dataclass(frozen=True)
class UploadPart:
    """A multipart form field other than the file itself."""

    name: str
    wire_name: str
    annotation: TypeRef
    required: bool
    description: str


@dataclass(frozen=True)
class Arg:
    """One argument of a generated method, before the options every method has."""

    name: str
    wire_name: str | None  # the query parameter or multipart part it sends, if any
    annotation: TypeRef
    default: str | None  # source of the default value; None when the argument is required
    kind: Literal["positional", "keyword"]
    description: str

    def source(self) -> str:
        """`body: ChannelParam | Channel`, `limit: int | None = None`."""
        default = "" if self.default is None else f" = {self.default}"
        return f"{self.name}: {self.annotation.source()}{default}"


@dataclass(frozen=True)
class Signature:
    """How an operation reads as a Python method."""

    args: tuple[Arg, ...]  # in the order the docstring lists them
    call: tuple[str, ...]  # arguments of the runtime call after the endpoint
    docstring: str
    returns_value: bool
    awaited: bool  # the async flavour awaits the runtime call (paginators are returned as they are)
    async_def: str  # `async def`, or `def` for a method that returns an async paginator at once

    @property
    def positional(self) -> tuple[Arg, ...]:
        return tuple(arg for arg in self.args if arg.kind == "positional")

    @property
    def keyword(self) -> tuple[Arg, ...]:
        """Keyword-only arguments, printed after `*`."""
        return tuple(arg for arg in self.args if arg.kind == "keyword")


@dataclass(frozen=True)
class ErrorResponse:
    status: str
    description: str
    exception: str  # the runtime's exception class raised for this status


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method_name: str
    http_method: str
    path: str
    constant: str  # module-level name of the Endpoint
    summary: str
    description: str
    notes: tuple[str, ...]  # Enterprise-only, SaaS-only, App token
    flags: tuple[str, ...]  # the same as short labels (EE, SaaS, App token, deprecated)
    deprecated: str | None
    authenticated: bool
    client_credentials: bool  # the token route: Basic client id and secret instead of a token
    kind: CallKind
    path_params: tuple[Parameter, ...]
    query_params: tuple[Parameter, ...]
    body_annotation: TypeRef | None  # request body parameter (JSON) or batch item type
    body_required: bool
    body_description: str
    body_default: str | None  # Python literal sent when the optional body argument is left out
    result_model: TypeRef | None  # model the answer is parsed into (item model for lists)
    return_type: TypeRef  # sync return annotation
    async_return_type: TypeRef
    returns: str  # what the docstring says it returns
    batch_format: str | None
    batch_key: str | None
    upload_parts: tuple[UploadPart, ...]
    code_header: str | None
    errors: tuple[ErrorResponse, ...]
    signature: Signature
    # source literals of the Endpoint constant
    operation_id_literal: str
    path_literal: str
    keep_slashes: str  # `"code", "file_path"` or empty
    deprecated_literal: str | None
    # lists: the runtime asks for search_after unless the caller picks numbered pages
    prefer_search_after: bool = False
    # lists: the constant of the POST twin a search too long for a URL goes to (post_search.py)
    post_search: str | None = None


@dataclass(frozen=True)
class Resource:
    attribute: str  # on the client: `akeneo.channels`
    class_name: str
    async_class_name: str
    module: str
    tag: str
    description: str
    docstring: str  # `<tag>: <description>`, for the module and its classes
    exports: tuple[str, ...]  # the two class names, in import order
    operations: tuple[Operation, ...]
    models: tuple[str, ...]  # model names the module imports
    params: tuple[str, ...]  # TypedDict names the module imports


@dataclass(frozen=True)
class Api:
    title: str
    version: str
    description: str
    resources: tuple[Resource, ...]
    models: tuple[Model | Alias, ...]  # in dependency order
