"""Decide how each operation reads as a Python method: arguments, runtime call, docstring."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from .call_kinds import BodyUse, call_kind
from .ir import Arg, Operation, Signature
from .naming import DOC_WIDTH, py_literal, rewrap
from .typeref import ANY, STR, Container, Named, Scalar, TypeRef, with_none


@dataclass
class _Arguments:
    """The method's arguments (in docstring order) and its runtime call, as they are printed."""

    args: list[Arg] = field(default_factory=list)
    call: list[str] = field(default_factory=list)

    def positional(self, name: str, annotation: TypeRef, description: str) -> None:
        self.args.append(Arg(name, None, annotation, None, "positional", description))

    def keyword(
        self,
        name: str,
        annotation: TypeRef,
        description: str,
        default: str | None = None,
        wire_name: str | None = None,
    ) -> None:
        self.args.append(Arg(name, wire_name, annotation, default, "keyword", description))

    def optional(
        self, name: str, annotation: TypeRef, description: str, wire_name: str | None = None
    ) -> None:
        """A keyword argument that defaults to None: `name: annotation | None = None`."""
        self.keyword(name, with_none(annotation), description, "None", wire_name)


def signature(op: Operation) -> Signature:
    row = call_kind(op.kind)
    body = _BODY_USES[row.body]
    args = _Arguments()
    for p in op.path_params:
        args.args.append(Arg(p.name, p.wire_name, p.annotation, None, "positional", p.description))
    args.call.extend(body.call_before(op))
    body.before_query(op, args)
    for param in op.query_params:
        if param.required:
            args.keyword(param.name, param.annotation, param.description, wire_name=param.wire_name)
        elif param.client_default is not None:
            annotation = with_none(param.annotation)
            args.keyword(
                param.name, annotation, param.description, param.client_default, param.wire_name
            )
        else:
            args.optional(param.name, param.annotation, param.description, param.wire_name)
    body.after_query(op, args)
    for extra in row.extra:
        args.keyword(extra.name, extra.annotation, extra.description, extra.default)
    args.call.extend(_wire_arguments(op))
    args.call.extend(body.call_after(op))
    if row.result_keyword is not None and op.result_model is not None:
        args.call.append(f"{row.result_keyword}={op.result_model.source()}")
    args.call.extend(extra.call for extra in row.extra)
    if op.prefer_search_after:
        args.call.append("prefer_search_after=True")
    if op.post_search is not None:
        args.call.append(f"post_search={op.post_search}")
    return Signature(
        args=tuple(args.args),
        call=tuple(args.call),
        docstring=_docstring(op, [(a.name, a.description) for a in args.args]),
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
        description = op.body_description or "The request body."
        if op.body_required:
            args.positional("body", op.body_annotation, description)
        else:
            args.optional("body", op.body_annotation, description)

    def call_after(self, op: Operation) -> list[str]:
        if op.body_annotation is None:
            return []
        if op.body_default is not None:
            return [f"json={op.body_default} if body is None else body"]
        return ["json=body"]


class _Items(_BodyUse):
    def before_query(self, op: Operation, args: _Arguments) -> None:
        item = ANY if op.body_annotation is None else op.body_annotation
        args.positional(
            "items",
            Container("Iterable", (item,)),
            "Any iterable of items, even a lazy generator; sent in chunks of 100.",
        )
        args.keyword(
            "concurrency",
            Scalar("int"),
            "Chunks in flight at once; capped by the client's max_concurrency.",
            default="1",
        )
        args.optional(
            "on_result",
            Named("ResultCallback"),
            "Called with each item's result, key included, as it arrives.",
        )
        args.optional(
            "on_progress",
            Named("ProgressCallback"),
            "Called as `on_progress(done, total)` after each request; `total` is None when "
            "the input has no length (a generator).",
        )

    def call_before(self, op: Operation) -> list[str]:
        return [
            "items",
            f"key={py_literal(op.batch_key)}",
            f"format={py_literal(op.batch_format)}",
            "concurrency=concurrency",
            "on_result=on_result",
            "on_progress=on_progress",
        ]


class _File(_BodyUse):
    def after_query(self, op: Operation, args: _Arguments) -> None:
        args.positional(
            "file", Named("FileInput"), "The file: a path, bytes or a binary file object."
        )
        args.optional("filename", STR, "Name to send for the file; by default the path's name.")
        for part in op.upload_parts:
            if part.required:
                args.keyword(part.name, part.annotation, part.description, wire_name=part.wire_name)
            else:
                args.optional(part.name, part.annotation, part.description, part.wire_name)

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
