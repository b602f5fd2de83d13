"""What a request body turns into: a JSON body, a batch of items, or a file and multipart parts."""

from __future__ import annotations

from typing import Any

from ..document import escape_pointer_token, resolve
from ..extensions import BATCH
from ..ir import CallKind, UploadPart
from ..naming import docstring, parameter_name
from ..typeref import TypeRef
from . import spec_extensions
from .context import BuildContext

NDJSON = "application/vnd.akeneo.collection+json"
JSON = "application/json"
MULTIPART = "multipart/form-data"
FORM = "application/x-www-form-urlencoded"

class Body:
    """The request body of one operation, as the generated method takes it."""

    def __init__(
        self, context: BuildContext, operation: dict[str, Any], path: str, where: str
    ) -> None:
        # set when the body alone decides how the runtime is called
        self.call_kind: CallKind | None = None
        self.annotation: TypeRef | None = None
        self.required = False
        self.description = ""
        # a required JSON body whose schema has a `default`: the argument may be left out, and the
        # default is sent then
        self.default: object | None = None
        self.batch_format: str | None = None
        self.batch_key: str | None = None
        self.parts: list[UploadPart] = []
        raw = operation.get("requestBody")
        if raw is None:
            return
        body = resolve(context.document, raw)
        pointer = f"{where}/requestBody"
        content: dict[str, Any] = body.get("content", {})
        self.required = bool(body.get("required"))
        self.description = docstring(body.get("description", ""))
        batch = spec_extensions.batch(operation)
        if NDJSON in content or batch is not None:
            self.call_kind = "upsert_many"
            self._batch(context, batch, content, where, pointer)
        elif MULTIPART in content:
            # A file posted onto a resource the path names (a PAM asset's reference file) writes
            # that resource; a file posted to a collection creates a file with a new code.
            self.call_kind = "upload_to" if "{" in path else "upload"
            media_pointer = f"{pointer}/content/{escape_pointer_token(MULTIPART)}"
            self._multipart(context, content[MULTIPART], media_pointer)
        elif JSON in content or FORM in content:
            schema = content.get(JSON, content.get(FORM, {})).get("schema", {})
            self.annotation = context.types.annotation(schema, "write", f"{pointer}/content")
            default = resolve(context.document, schema).get("default")
            if self.required and default is not None:
                self.required, self.default = False, default
        else:
            context.problem(f"request content {sorted(content)} is not supported", pointer)

    def _batch(
        self, context: BuildContext, batch: Any, content: dict[str, Any], where: str, pointer: str
    ) -> None:
        if not isinstance(batch, dict) or batch.get("format") not in ("ndjson", "json_array"):
            context.problem(f"a collection PATCH needs {BATCH.name} with format and key", where)
            return
        self.batch_format, self.batch_key = batch["format"], batch.get("key", "code")
        media = NDJSON if self.batch_format == "ndjson" else JSON
        schema = content.get(media, {}).get("schema", {})
        item = schema.get("items", {}) if self.batch_format == "json_array" else schema
        self.annotation = context.types.annotation(item, "write", f"{pointer}/content")

    def _multipart(self, context: BuildContext, media: dict[str, Any], pointer: str) -> None:
        schema = media.get("schema", {})
        properties = schema.get("properties", {})
        if not is_binary(properties.get("file", {})):
            context.problem("a multipart body needs a binary `file` property", f"{pointer}/schema")
        required = set(schema.get("required", []))
        for wire, prop in properties.items():
            if wire == "file":
                continue
            prop_pointer = f"{pointer}/schema/properties/{escape_pointer_token(wire)}"
            if media.get("encoding", {}).get(wire, {}).get("contentType") != JSON:
                context.problem(
                    f"multipart part {wire!r} needs encoding contentType application/json",
                    prop_pointer,
                )
            annotation = context.types.annotation(prop, "write", prop_pointer)
            self.parts.append(
                UploadPart(
                    name=parameter_name(wire),
                    wire_name=wire,
                    annotation=annotation,
                    required=wire in required,
                    description=docstring(resolve(context.document, prop).get("description", "")),
                )
            )


def is_binary(schema: Any) -> bool:
    return isinstance(schema, dict) and (
        (schema.get("type") == "string" and schema.get("format") == "binary")
        or "contentMediaType" in schema
    )

