"""Decide how each operation reads as a Python method: arguments, runtime call, docstring."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from .call_kinds import BodyUse, call_kind
from .ir import Operation, Signature
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


@dataclass
class _Arguments:
    """The method's arguments and its runtime call, in the order they are printed."""

    positional: list[str] = field(default_factory=list)
    keyword: list[str] = field(default_factory=list)
    call: list[str] = field(default_factory=list)
    docs: list[tuple[str, str]] = field(default_factory=list)


def signature(op: Operation) -> Signature:
    row = call_kind(op.kind)
    body = _BODY_USES[row.body]
    args = _Arguments(
        positional=[f"{p.name}: {p.annotation}" for p in op.path_params],
        docs=[(p.name, p.description) for p in op.path_params],
    )
    args.call.extend(body.call_before(op))
    body.before_query(op, args)
    for param in op.query_params:
        default = "" if param.required else " | None = None"
        args.keyword.append(f"{param.name}: {param.annotation}{default}")
        args.docs.append((param.name, param.description))
    body.after_query(op, args)
    for extra in row.extra:
        args.keyword.append(f"{extra.name}: {extra.annotation} = {extra.default}")
        args.docs.append((extra.name, extra.description))
    args.call.extend(_wire_arguments(op))
    args.call.extend(body.call_after(op))
    if row.result_keyword is not None:
        args.call.append(f"{row.result_keyword}={op.result_model}")
    args.call.extend(extra.call for extra in row.extra)
    return Signature(
        positional=tuple(args.positional),
        keyword=tuple(args.keyword),
        call=tuple(args.call),
        docstring=_docstring(op, args.docs),
        returns_value=row.returns_value,
        awaited=row.awaited,
        async_def="async def" if row.awaited else "def",
    )


def _wire_arguments(op: Operation) -> list[str]:
    """The path and query parameters, by wire name."""
    call = []
    if op.path_params:
        pairs = ", ".join(f"{py_literal(p.wire_name)}: {p.name}" for p in op.path_params)
        call.append(f"path_params={{{pairs}}}")
    if op.query_params:
        pairs = ", ".join(f"{py_literal(p.wire_name)}: {p.name}" for p in op.query_params)
        call.append(f"query={{{pairs}}}")
    return call


class _BodyUse:
    """How one way of sending the request body adds arguments and runtime call arguments."""

    def before_query(self, op: Operation, args: _Arguments) -> None:
        """Arguments before the query parameters."""

    def after_query(self, op: Operation, args: _Arguments) -> None:
        """Arguments after the query parameters."""

    def call_before(self, op: Operation) -> list[str]:
        """Runtime call arguments before the path and query parameters."""
        return []

    def call_after(self, op: Operation) -> list[str]:
        """Runtime call arguments after the path and query parameters."""
        return []


class _JsonBody(_BodyUse):
    def before_query(self, op: Operation, args: _Arguments) -> None:
        if op.body_annotation is None:
            return
        if op.body_required:
            args.positional.append(f"body: {op.body_annotation}")
        else:
            args.keyword.append(f"body: {op.body_annotation} | None = None")
        args.docs.append(("body", op.body_description or "The request body."))

    def call_after(self, op: Operation) -> list[str]:
        return [] if op.body_annotation is None else ["json=body"]


class _Items(_BodyUse):
    def before_query(self, op: Operation, args: _Arguments) -> None:
        args.positional.append(f"items: Iterable[{op.body_annotation}]")
        args.docs.append(
            ("items", "Any iterable of items, even a lazy generator; sent in chunks of 100.")
        )
        args.keyword.append("concurrency: int = 1")
        args.docs.append(
            ("concurrency", "Chunks in flight at once; capped by the client's max_concurrency.")
        )

    def call_before(self, op: Operation) -> list[str]:
        return [
            "items",
            f"key={py_literal(op.batch_key)}",
            f"format={py_literal(op.batch_format)}",
            "concurrency=concurrency",
        ]


class _File(_BodyUse):
    def after_query(self, op: Operation, args: _Arguments) -> None:
        args.positional.append("file: FileInput")
        args.keyword.append("filename: str | None = None")
        args.docs.append(("file", "The file: a path, bytes or a binary file object."))
        args.docs.append(("filename", "Name to send for the file; by default the path's name."))
        for part in op.upload_parts:
            default = "" if part.required else " | None = None"
            args.keyword.append(f"{part.name}: {part.annotation}{default}")
            args.docs.append((part.name, part.description))

    def call_after(self, op: Operation) -> list[str]:
        call = ["file=file", "filename=filename"]
        if op.upload_parts:
            parts = ", ".join(f"{py_literal(p.wire_name)}: {p.name}" for p in op.upload_parts)
            call.append(f"json_parts={{{parts}}}")
        if op.code_header:
            call.append(f"code_header={py_literal(op.code_header)}")
        return call


_BODY_USES: dict[BodyUse, _BodyUse] = {"json": _JsonBody(), "items": _Items(), "file": _File()}


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
