"""Decide how each operation reads as a Python method: arguments, runtime call, docstring."""

from __future__ import annotations

import textwrap

from .ir import CallKind, Operation, Signature
from .naming import DOC_WIDTH, py_literal, rewrap

# The runtime's exception class for each documented error status.
EXCEPTIONS = {
    "400": "BadRequestError",
    "401": "AuthenticationError",
    "403": "PermissionDeniedError",
    "404": "NotFoundError",
    "405": "MethodNotAllowedError",
    "406": "NotAcceptableError",
    "409": "ConflictError",
    "413": "PayloadTooLargeError",
    "415": "UnsupportedMediaTypeError",
    "422": "UnprocessableEntityError",
    "429": "RateLimitError",
}


def exception_for(status: str) -> str:
    return EXCEPTIONS.get(
        status, "InternalServerError" if status.startswith("5") else "APIStatusError"
    )


def signature(facts: Operation) -> Signature:
    positional = [f"{p.name}: {p.annotation}" for p in facts.path_params]
    keyword: list[str] = []
    call: list[str] = []
    args_doc: list[tuple[str, str]] = [(p.name, p.description) for p in facts.path_params]
    if facts.kind == "upsert_many":
        positional.append(f"items: Iterable[{facts.body_annotation}]")
        args_doc.append(
            ("items", "Any iterable of items, even a lazy generator; sent in chunks of 100.")
        )
        call.append("items")
        call.append(f"key={py_literal(facts.batch_key)}")
        call.append(f"format={py_literal(facts.batch_format)}")
        call.append("concurrency=concurrency")
        keyword.append("concurrency: int = 1")
        args_doc.append(
            ("concurrency", "Chunks in flight at once; capped by the client's max_concurrency.")
        )
    elif facts.body_annotation is not None:
        if facts.body_required:
            positional.append(f"body: {facts.body_annotation}")
        else:
            keyword.append(f"body: {facts.body_annotation} | None = None")
        args_doc.append(("body", facts.body_description or "The request body."))
    for param in facts.query_params:
        if param.required:
            keyword.append(f"{param.name}: {param.annotation}")
        else:
            keyword.append(f"{param.name}: {param.annotation} | None = None")
        args_doc.append((param.name, param.description))
    if facts.kind in ("upload", "upload_to"):
        positional.append("file: FileInput")
        keyword.append("filename: str | None = None")
        args_doc.append(("file", "The file: a path, bytes or a binary file object."))
        args_doc.append(("filename", "Name to send for the file; by default the path's name."))
        for part in facts.upload_parts:
            default = "" if part.required else " | None = None"
            keyword.append(f"{part.name}: {part.annotation}{default}")
            args_doc.append((part.name, part.description))
    if facts.kind == "download":
        keyword.append("to: str | os.PathLike[str] | None = None")
        args_doc.append(("to", "Path to stream the file to; when None the bytes are returned."))
    if facts.path_params:
        pairs = ", ".join(f"{py_literal(p.wire_name)}: {p.name}" for p in facts.path_params)
        call.append(f"path_params={{{pairs}}}")
    if facts.query_params:
        pairs = ", ".join(f"{py_literal(p.wire_name)}: {p.name}" for p in facts.query_params)
        call.append(f"query={{{pairs}}}")
    if facts.body_annotation is not None and facts.kind != "upsert_many":
        call.append("json=body")
    if facts.kind in ("fetch_model", "fetch_list"):
        call.append(f"cast_to={facts.result_model}")
    if facts.kind == "paginate":
        call.append(f"item_type={facts.result_model}")
    if facts.kind in ("upload", "upload_to"):
        call.append("file=file")
        call.append("filename=filename")
        if facts.upload_parts:
            parts = ", ".join(f"{py_literal(p.wire_name)}: {p.name}" for p in facts.upload_parts)
            call.append(f"json_parts={{{parts}}}")
        if facts.code_header:
            call.append(f"code_header={py_literal(facts.code_header)}")
    if facts.kind == "download":
        call.append("to=to")
    return Signature(
        positional=tuple(positional),
        keyword=tuple(keyword),
        call=tuple(call),
        docstring=_docstring(facts, args_doc),
        returns_value=facts.kind != "delete",
        awaited=facts.kind != "paginate",
        async_def="def" if facts.kind == "paginate" else "async def",
    )


def _docstring(facts: Operation, args_doc: list[tuple[str, str]]) -> str:
    """Google-style docstring, assembled from text that already passed through naming.docstring."""
    sections = [facts.summary.rstrip(".") + "."]
    if facts.description:
        sections.append(facts.description)
    if facts.deprecated:
        sections.append(rewrap(f"Deprecated: {facts.deprecated}", DOC_WIDTH))
    sections.extend(rewrap(f"Note: {note}", DOC_WIDTH) for note in facts.notes)
    args = [_item(name, text) for name, text in args_doc]
    args.append("    timeout: Timeout of this call, overriding the client's.")
    args.append("    extra_headers: Headers to add to this request.")
    args.append("    extra_query: Query parameters to add to this request.")
    sections.append("Args:\n" + "\n".join(args))
    returns = textwrap.fill(
        facts.returns, width=DOC_WIDTH, initial_indent="    ", subsequent_indent="    "
    )
    sections.append(f"Returns:\n{returns}")
    if facts.errors:
        raises = [_item(e.exception, e.description or e.status) for e in facts.errors]
        sections.append("Raises:\n" + "\n".join(raises))
    return "\n\n".join(sections).replace("\n", "\n        ").replace("\n        \n", "\n\n")


def _item(name: str, text: str) -> str:
    """One `name: text` entry of an Args or Raises section, wrapped under its name."""
    return textwrap.fill(
        " ".join((text or "-").split()),
        width=DOC_WIDTH,
        initial_indent=f"    {name}: ",
        subsequent_indent="        ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def returns(kind: CallKind, model: str | None) -> tuple[str, str, str]:
    """Sync annotation, async annotation and docstring text of what a method returns."""
    if kind == "paginate":
        return (
            f"SyncPaginator[{model}]",
            f"AsyncPaginator[{model}]",
            f"A lazy paginator over every {model}, following the server's next links.",
        )
    table: dict[str, tuple[str, str]] = {
        "fetch_model": (str(model), f"The {model}."),
        # `builtins.`: inside a resource class, a method named `list` shadows the builtin
        "fetch_list": (f"builtins.list[{model}]", f"Every {model}."),
        "fetch_json": ("Any", "The decoded JSON answer."),
        "write": ("WriteResult", "Status, Location and code of the written resource."),
        "delete": ("None", "Nothing."),
        "upsert_many": ("BatchReport", "One result per item, in input order."),
        "upload": ("str", "The code of the new file."),
        "upload_to": (
            "WriteResult",
            "Status and Location of the resource the file was attached to; `body` holds the "
            "server's JSON warnings when it sends some.",
        ),
        "download": ("DownloadedFile", "The file: its bytes, or its path when `to` is given."),
    }
    annotation, text = table[kind]
    return annotation, annotation, text
