"""One row per call kind: everything that differs between the ways a method calls the runtime.

A call kind is the runtime method a generated method calls (`self._client.<kind>(...)`), decided
per operation in `build.operations`. Adding one is a row here plus its runtime method on both
clients (tests/generator/test_call_kinds.py checks both).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .ir import CallKind
from .typeref import ANY, NONE, STR, Container, LiteralType, Named, Scalar, TypeRef, Union

# How the request body travels: a JSON body, an iterable of items sent in chunks, or a file with
# multipart parts.
BodyUse = Literal["json", "items", "file"]


@dataclass(frozen=True)
class ExtraArg:
    """A keyword argument the kind adds after the operation's own arguments."""

    name: str
    annotation: TypeRef
    default: str
    description: str
    call: str  # how it is passed on to the runtime
    contract: str  # how the generated contract test passes it


@dataclass(frozen=True)
class CallKindRow:
    # the sync and async return annotations, from the model the answer is parsed into
    returns: Callable[[TypeRef], TypeRef]
    async_returns: Callable[[TypeRef], TypeRef]
    returns_text: str  # the docstring's Returns section; `{model}` is the model
    body: BodyUse
    result_keyword: str | None = None  # runtime keyword that receives the model class
    extra: tuple[ExtraArg, ...] = ()
    returns_value: bool = True  # the method returns what the runtime call gives
    awaited: bool = True  # the async flavour awaits the call (a paginator is returned at once)
    contract_parameter: str = ""  # extra parameter of the contract test's calling helpers
    contract_split: bool = False  # the contract test sends more items than one chunk holds
    contract_stream: bool = False  # the contract test streams the answer to a file


def _model(model: TypeRef) -> TypeRef:
    return model


def _builtin_list(model: TypeRef) -> TypeRef:
    # `builtins.`: inside a resource class, a method named `list` shadows the builtin
    return Container("builtins.list", (model,))


def _generic(name: str) -> Callable[[TypeRef], TypeRef]:
    def returns(model: TypeRef) -> TypeRef:
        return Container(name, (model,))

    return returns


def _always(annotation: TypeRef) -> Callable[[TypeRef], TypeRef]:
    def returns(_model: TypeRef) -> TypeRef:
        return annotation

    return returns


_TO = ExtraArg(
    name="to",
    annotation=Union((STR, Container("os.PathLike", (STR,)), NONE)),
    default="None",
    description="Path to stream the file to; when None the bytes are returned.",
    call="to=to",
    contract="to=to",
)

_ON_INVALID = ExtraArg(
    name="on_invalid",
    annotation=LiteralType(('"raise"', '"skip"', '"raw"')),
    default='"raise"',
    description="An item that does not fit its model: `raise` (naming the item), `skip` it, or "
    "deliver it `raw` (unvalidated); each skipped or raw item is logged and listed in the "
    "paginator's `invalid_items`.",
    call="on_invalid=on_invalid",
    contract='on_invalid="raise"',
)

_PREFETCH = ExtraArg(
    name="prefetch",
    annotation=Scalar("bool"),
    default="True",
    description="Fetch the next page while the current one is consumed (at most one page "
    "ahead, counted against the client's concurrency limit); False fetches each page only "
    "when the previous one is done.",
    call="prefetch=prefetch",
    contract="prefetch=True",
)

CALL_KINDS: dict[CallKind, CallKindRow] = {
    "fetch_model": CallKindRow(
        returns=_model,
        async_returns=_model,
        returns_text="The {model}.",
        body="json",
        result_keyword="cast_to",
    ),
    "fetch_list": CallKindRow(
        returns=_builtin_list,
        async_returns=_builtin_list,
        returns_text="Every {model}.",
        body="json",
        result_keyword="cast_to",
    ),
    "fetch_json": CallKindRow(
        returns=_always(ANY),
        async_returns=_always(ANY),
        returns_text="The decoded JSON answer.",
        body="json",
    ),
    "paginate": CallKindRow(
        returns=_generic("SyncPaginator"),
        async_returns=_generic("AsyncPaginator"),
        returns_text="A lazy paginator over every {model}, following the server's next links.",
        body="json",
        result_keyword="item_type",
        extra=(_ON_INVALID, _PREFETCH),
        awaited=False,
    ),
    "write": CallKindRow(
        returns=_always(Named("WriteResult")),
        async_returns=_always(Named("WriteResult")),
        returns_text="Status, Location and code of the written resource.",
        body="json",
    ),
    "delete": CallKindRow(
        returns=_always(NONE),
        async_returns=_always(NONE),
        returns_text="Nothing.",
        body="json",
        returns_value=False,
    ),
    "upsert_many": CallKindRow(
        returns=_always(Named("BatchReport")),
        async_returns=_always(Named("BatchReport")),
        returns_text="One result per item, in input order.",
        body="items",
        contract_parameter=", items: list[Any] | None = None",
        contract_split=True,
    ),
    "upload": CallKindRow(
        returns=_always(STR),
        async_returns=_always(STR),
        returns_text="The code of the new file.",
        body="file",
    ),
    "upload_to": CallKindRow(
        returns=_always(Named("WriteResult")),
        async_returns=_always(Named("WriteResult")),
        returns_text="Status and Location of the resource the file was attached to; `body` holds "
        "the server's JSON warnings when it sends some.",
        body="file",
    ),
    "download": CallKindRow(
        returns=_always(Named("DownloadedFile")),
        async_returns=_always(Named("DownloadedFile")),
        returns_text="The file: its bytes, or its path when `to` is given.",
        body="json",
        extra=(_TO,),
        contract_parameter=", to: Path | None = None",
        contract_stream=True,
    ),
}


def call_kind(kind: CallKind) -> CallKindRow:
    return CALL_KINDS[kind]


def returns(kind: CallKind, model: TypeRef | None) -> tuple[TypeRef, TypeRef, str]:
    """Sync annotation, async annotation and docstring text of what a method returns."""
    row = CALL_KINDS[kind]
    parsed = ANY if model is None else model
    return (
        row.returns(parsed),
        row.async_returns(parsed),
        row.returns_text.format(model=parsed.source()),
    )
