"""Build the IR from the validated, bundled document: resources, operations, models, names."""

from __future__ import annotations

import keyword as python_keyword
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import SpecError, SpecProblem
from .extensions import (
    APP_TOKEN,
    BATCH,
    CODE_HEADER,
    DEPRECATED,
    ENTERPRISE,
    KEEP_SLASHES,
    PAGINATION,
    PYTHON_METHOD,
    PYTHON_NAME,
    PYTHON_READ,
    PYTHON_SECRET,
    SAAS_ONLY,
    SEARCH,
)
from .ir import (
    Alias,
    Api,
    CallKind,
    ErrorResponse,
    Field,
    Model,
    Operation,
    Parameter,
    Resource,
    UploadPart,
)
from .load import LoadedSpec, escape_pointer_token
from .naming import (
    class_name,
    constant_name,
    docstring,
    field_name,
    indent_continuation,
    isort_key,
    parameter_name,
    py_literal,
    snake_case,
    wrapped_literal,
)
from .signature import MethodFacts, exception_for, signature
from .types import SCHEMA_PREFIX, Side, TypeMapper, param_class_name
from .validate import iter_operations, operation_pointer, resolve

NDJSON = "application/vnd.akeneo.collection+json"
JSON = "application/json"
MULTIPART = "multipart/form-data"
FORM = "application/x-www-form-urlencoded"
_SIDES: tuple[Side, ...] = ("read", "write")


def build_api(spec: LoadedSpec) -> Api:
    """The whole IR; raises SpecError with every problem the spec has for the generator."""
    builder = _Builder(spec)
    api = builder.build()
    # the same schema is walked once per side: report each problem once
    problems = list({str(p): p for p in builder.problems + builder.types.problems}.values())
    if problems:
        raise SpecError(problems)
    return api


class _Builder:
    def __init__(self, spec: LoadedSpec) -> None:
        self.spec = spec
        self.document = spec.document
        self.schemas: dict[str, Any] = self.document.get("components", {}).get("schemas", {})
        self.problems: list[SpecProblem] = []
        self.types = TypeMapper(self.schemas, spec.problem)

    def problem(self, message: str, pointer: str) -> None:
        self.problems.append(self.spec.problem(message, pointer))

    # -- resources and operations --------------------------------------------------------------
    def build(self) -> Api:
        tags = {tag["name"]: tag for tag in self.document.get("tags", [])}
        by_tag: dict[str, list[Operation]] = defaultdict(list)
        for path, method, operation in iter_operations(self.document):
            built = self.operation(path, method, operation)
            if built is not None:
                by_tag[operation["tags"][0]].append(built)
        resources = [self.resource(tags[tag], operations) for tag, operations in by_tag.items()]
        self._check_unique(
            ((r.attribute, f"/tags/{self._tag_index(r.tag)}") for r in resources),
            "resource attribute",
        )
        models = self.models()
        info = self.document.get("info", {})
        return Api(
            title=info.get("title", ""),
            version=str(info.get("version", "")),
            description=docstring(info.get("description", "")),
            resources=tuple(sorted(resources, key=lambda r: r.attribute)),
            models=models,
        )

    def _tag_index(self, tag: str) -> int:
        names = [t.get("name") for t in self.document.get("tags", [])]
        return names.index(tag)

    def _check_unique(self, names: Iterable[tuple[str, str]], what: str) -> None:
        seen: dict[str, str] = {}
        for name, pointer in names:
            if name in seen:
                self.problem(
                    f"{what} {name!r} collides with the one at {self.spec.locate(seen[name])}",
                    pointer,
                )
            else:
                seen[name] = pointer

    def resource(self, tag: dict[str, Any], operations: list[Operation]) -> Resource:
        attribute = PYTHON_NAME.required(tag)
        where = f"/tags/{self._tag_index(tag['name'])}"
        if snake_case(attribute) != attribute:
            self.problem(f"{PYTHON_NAME.name} {attribute!r} is not a snake_case identifier", where)
        base = class_name(attribute)
        self._check_unique(
            (
                (op.method_name, operation_pointer(op.path, op.http_method.lower()))
                for op in operations
            ),
            f"method name in {attribute}",
        )
        annotations = [
            text
            for op in operations
            for text in (
                op.body_annotation or "",
                op.return_type,
                *(p.annotation for p in (*op.path_params, *op.query_params)),
                *(part.annotation for part in op.upload_parts),
            )
        ]
        return Resource(
            attribute=attribute,
            class_name=f"{base}Resource",
            async_class_name=f"Async{base}Resource",
            module=attribute,
            tag=tag["name"],
            description=docstring(tag.get("description", "")),
            docstring=docstring(f"{tag['name']}: {tag.get('description', '')}"),
            exports=tuple(sorted((f"{base}Resource", f"Async{base}Resource"), key=isort_key)),
            operations=tuple(operations),
            models=tuple(sorted(_names_used(annotations, self._model_names("read")))),
            params=tuple(sorted(_names_used(annotations, self._model_names("write")))),
        )

    def _model_names(self, side: Side) -> set[str]:
        if side == "read":
            return {class_name(name) for name in self.schemas}
        return {param_class_name(name) for name in self.schemas}

    def operation(self, path: str, method: str, operation: dict[str, Any]) -> Operation | None:
        where = operation_pointer(path, method)
        method_name = PYTHON_METHOD.required(operation)
        if snake_case(method_name) != method_name:
            self.problem(
                f"{PYTHON_METHOD.name} {method_name!r} is not a snake_case identifier", where
            )
        path_params, query_params = self.parameters(path, method, operation)
        body = _Body(self, operation, where)
        kind, result_model = self.call_kind(operation, method, path, where, body)
        return_type, async_return_type, returns = _returns(kind, result_model)
        self._check_unique(
            (
                (name, f"{where}/parameters")
                for name in [p.name for p in (*path_params, *query_params)]
                + [part.name for part in body.parts]
            ),
            f"parameter name of {operation['operationId']}",
        )
        security = operation.get("security", self.document.get("security", []))
        deprecated = None
        if operation.get("deprecated"):
            deprecated = DEPRECATED.read(operation) or "This operation is deprecated."
        facts = MethodFacts(
            kind=kind,
            summary=docstring(operation.get("summary", "")),
            description=docstring(operation.get("description", "")),
            notes=tuple(_notes(operation)),
            deprecated=docstring(deprecated) if deprecated else None,
            path_params=path_params,
            query_params=query_params,
            body_annotation=body.annotation,
            body_required=body.required,
            body_description=body.description,
            result_model=result_model,
            returns=returns,
            batch_format=body.batch_format,
            batch_key=body.batch_key,
            upload_parts=tuple(body.parts),
            code_header=CODE_HEADER.read(operation),
            errors=tuple(
                ErrorResponse(
                    status,
                    docstring(resolve(self.document, response).get("description", "")),
                    exception_for(status),
                )
                for status, response in operation.get("responses", {}).items()
                if status[0] in "45"
            ),
        )
        return Operation(
            operation_id=operation["operationId"],
            method_name=method_name,
            http_method=method.upper(),
            path=path,
            constant=constant_name(operation["operationId"]),
            summary=facts.summary,
            description=facts.description,
            notes=facts.notes,
            deprecated=facts.deprecated,
            authenticated=any("bearerAuth" in requirement for requirement in security),
            client_credentials=any("basicAuth" in requirement for requirement in security),
            kind=kind,
            path_params=path_params,
            query_params=query_params,
            body_annotation=body.annotation,
            body_required=body.required,
            body_description=body.description,
            result_model=result_model,
            return_type=return_type,
            async_return_type=async_return_type,
            returns=returns,
            batch_format=body.batch_format,
            batch_key=body.batch_key,
            upload_parts=tuple(body.parts),
            code_header=facts.code_header,
            errors=facts.errors,
            signature=signature(facts),
            operation_id_literal=py_literal(operation["operationId"]),
            path_literal=py_literal(path),
            keep_slashes=", ".join(py_literal(p.wire_name) for p in path_params if p.keep_slashes),
            deprecated_literal=(
                wrapped_literal(" ".join(deprecated.split())) if deprecated else None
            ),
        )

    def parameters(
        self, path: str, method: str, operation: dict[str, Any]
    ) -> tuple[tuple[Parameter, ...], tuple[Parameter, ...]]:
        where = operation_pointer(path, method)
        item_params = self.document["paths"][path].get("parameters", [])
        merged: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        path_item_pointer = f"/paths/{escape_pointer_token(path)}/parameters"
        for index, raw in enumerate(item_params):
            param = resolve(self.document, raw)
            merged[(param["name"], param["in"])] = (param, f"{path_item_pointer}/{index}")
        for index, raw in enumerate(operation.get("parameters", [])):
            param = resolve(self.document, raw)
            merged[(param["name"], param["in"])] = (param, f"{where}/parameters/{index}")
        order = [segment[1:-1] for segment in path.split("/") if segment.startswith("{")]
        path_params: list[Parameter] = []
        query_params: list[Parameter] = []
        for (name, location), (param, pointer) in merged.items():
            if location not in ("path", "query"):
                self.problem(
                    f"{location} parameter {name!r} is not supported; the runtime sets headers",
                    pointer,
                )
                continue
            if SEARCH.read(param):
                annotation = "SearchArg"
            else:
                annotation = self.types.annotation(
                    param.get("schema", {}), "write", f"{pointer}/schema"
                )
            built = Parameter(
                name=parameter_name(name),
                wire_name=name,
                annotation=annotation,
                required=bool(param.get("required")),
                description=docstring(_describe_parameter(param)),
                keep_slashes=KEEP_SLASHES.read(param),
            )
            (path_params if location == "path" else query_params).append(built)
        path_params.sort(
            key=lambda p: order.index(p.wire_name) if p.wire_name in order else len(order)
        )
        query_params.sort(key=lambda p: (not p.required, 0))
        return tuple(path_params), tuple(query_params)

    def call_kind(
        self, operation: dict[str, Any], method: str, operation_path: str, where: str, body: _Body
    ) -> tuple[CallKind, str | None]:
        """How the generated method calls the runtime, and the model its answer is parsed into."""
        if body.kind == "upsert_many":
            return "upsert_many", None
        if body.kind == "upload":
            # A file posted onto a resource the path names (a PAM asset's reference file) writes
            # that resource; a file posted to a collection creates a file with a new code.
            return ("upload_to" if "{" in operation_path else "upload"), None
        responses = operation.get("responses", {})
        success = sorted(status for status in responses if status.startswith("2"))
        if not success:
            self.problem("the operation has no 2xx response", f"{where}/responses")
            return "fetch_json", None
        status = success[0]
        response = resolve(self.document, responses[status])
        content = response.get("content", {})
        pointer = _definition_pointer(responses[status], f"{where}/responses/{status}")
        json_schema = f"{pointer}/content/{escape_pointer_token(JSON)}/schema"
        if any(_is_binary(media.get("schema", {})) for media in content.values()):
            return "download", None
        if PAGINATION.present(operation):
            item = self.page_item(content.get(JSON, {}).get("schema", {}))
            if item is None:
                self.problem("a paginated answer must hold an `_embedded.items` array", pointer)
                return "fetch_json", None
            return "paginate", self.types.annotation(item, "read", json_schema)
        if not content:
            return ("delete" if method == "delete" else "write"), None
        schema = content.get(JSON, {}).get("schema")
        if schema is None:
            self.problem(f"a {status} answer must be JSON or a binary file", pointer)
            return "fetch_json", None
        if isinstance(schema.get("$ref"), str) and self._is_object(schema["$ref"]):
            return "fetch_model", self.types.named(schema["$ref"], "read", json_schema)
        items = schema.get("items", {}) if schema.get("type") == "array" else {}
        if isinstance(items.get("$ref"), str) and self._is_object(items["$ref"]):
            return "fetch_list", self.types.named(items["$ref"], "read", f"{json_schema}/items")
        self.types.annotation(schema, "read", json_schema)
        return "fetch_json", None

    def _is_object(self, ref: str) -> bool:
        name = ref.removeprefix(SCHEMA_PREFIX)
        return isinstance(self.schemas.get(name), dict) and self._is_model(self.schemas[name])

    def page_item(self, schema: dict[str, Any]) -> dict[str, Any] | None:
        """The item schema of a page envelope, searched through allOf/oneOf/anyOf."""
        for keyword in ("allOf", "oneOf", "anyOf"):
            for part in schema.get(keyword, []):
                found = self.page_item(part)
                if found is not None:
                    return found
        embedded = schema.get("properties", {}).get("_embedded", {})
        items = embedded.get("properties", {}).get("items", {})
        if items.get("type") == "array" and isinstance(items.get("items"), dict) and items["items"]:
            item: dict[str, Any] = items["items"]
            return item
        return None

    # -- models ---------------------------------------------------------------------------------
    def models(self) -> tuple[Model | Alias, ...]:
        """Every named schema an operation reaches, following references to a fixed point."""
        done: dict[Side, set[str]] = {"read": set(), "write": set()}
        while True:
            pending = [
                (side, name)
                for side in _SIDES
                for name in sorted(self.types.reached[side] - done[side])
            ]
            if not pending:
                break
            for side, name in pending:
                done[side].add(name)
                self._annotate_schema(name, side)
        built: list[Model | Alias] = []
        for name in sorted(done["read"] | done["write"]):
            built.append(self.model(name, name in done["read"], name in done["write"]))
        self._check_unique(
            (
                (m.name, f"/components/schemas/{escape_pointer_token(n)}")
                for m, n in zip(built, sorted(done["read"] | done["write"]), strict=True)
            ),
            "class name",
        )
        classes = [m for m in built if isinstance(m, Model)]
        aliases = _alias_order([m for m in built if isinstance(m, Alias)])
        return (*classes, *aliases)

    def _annotate_schema(self, name: str, side: Side) -> None:
        """Walk a named schema on one side so every schema it refers to is reached too."""
        pointer = f"/components/schemas/{escape_pointer_token(name)}"
        schema = self.schemas[name]
        if self._is_model(schema):
            for _wire, prop, prop_pointer, _required in self._properties(name, schema, pointer):
                if not self._on_side(prop, side):
                    continue
                self.types.annotation(prop, side, prop_pointer)
            extra = self._flatten(schema)[2]
            if isinstance(extra, dict):
                self.types.annotation(extra, side, f"{pointer}/additionalProperties")
        else:
            self.types.annotation(schema, side, pointer)

    def _on_side(self, prop: Any, side: Side) -> bool:
        """Read-only properties are never sent, write-only ones never read back."""
        resolved = resolve(self.document, prop)
        flag = "writeOnly" if side == "read" else "readOnly"
        return not (prop.get(flag) or resolved.get(flag))

    def _is_model(self, schema: dict[str, Any]) -> bool:
        properties, _, _ = self._flatten(schema)
        return bool(properties) or ("allOf" in schema and len(schema["allOf"]) > 1)

    def _flatten(self, schema: dict[str, Any]) -> tuple[dict[str, tuple[Any, str]], list[str], Any]:
        """Properties (with pointers), required names and additionalProperties of an allOf chain."""
        properties: dict[str, tuple[Any, str]] = {}
        required: list[str] = []
        extra: Any = None
        parts: list[tuple[dict[str, Any], str]] = [(schema, "")]
        seen: set[str] = set()
        while parts:
            part, prefix = parts.pop(0)
            ref = part.get("$ref")
            if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX) and ref not in seen:
                seen.add(ref)
                target = ref[len(SCHEMA_PREFIX) :]
                if target in self.schemas:
                    parts.insert(
                        0,
                        (
                            self.schemas[target],
                            f"/components/schemas/{escape_pointer_token(target)}",
                        ),
                    )
                continue
            for index, sub in enumerate(part.get("allOf", [])):
                parts.append((sub, f"{prefix}/allOf/{index}"))
            for key, prop in part.get("properties", {}).items():
                properties[key] = (prop, f"{prefix}/properties/{escape_pointer_token(key)}")
            required.extend(r for r in part.get("required", []) if r not in required)
            if "additionalProperties" in part:
                extra = part["additionalProperties"]
        return properties, required, extra

    def _properties(
        self, name: str, schema: dict[str, Any], pointer: str
    ) -> Iterator[tuple[str, Any, str, bool]]:
        properties, required, _ = self._flatten(schema)
        for wire, (prop, prop_pointer) in properties.items():
            absolute = (
                prop_pointer
                if prop_pointer.startswith("/components")
                else f"{pointer}{prop_pointer}"
            )
            yield wire, prop, absolute, wire in required

    def model(self, name: str, read: bool, write: bool) -> Model | Alias:
        pointer = f"/components/schemas/{escape_pointer_token(name)}"
        schema = self.schemas[name]
        description = docstring(schema.get("description", "") or schema.get("title", ""))
        if not self._is_model(schema):
            return Alias(
                name=class_name(name),
                param_name=param_class_name(name),
                description=description,
                read_type=self.types.annotation(schema, "read", pointer),
                write_type=self.types.annotation(schema, "write", pointer),
                read=read,
                write=write,
            )
        read_dict = PYTHON_READ.read(schema) == "dict"
        if read_dict and not all(
            _identifier(wire) for wire, *_ in self._properties(name, schema, pointer)
        ):
            self.problem(
                f"{PYTHON_READ.name}: dict needs property names that are Python identifiers",
                pointer,
            )
        fields: list[Field] = []
        pointers: list[str] = []
        for wire, prop, prop_pointer, required in self._properties(name, schema, pointer):
            pointers.append(prop_pointer)
            resolved = resolve(self.document, prop)
            read_only = not self._on_side(prop, "write")
            write_only = not self._on_side(prop, "read")
            read_type = "Any" if write_only else self.types.annotation(prop, "read", prop_pointer)
            # A model field the server left out reads as None; a TypedDict key is simply absent.
            if not required and not read_dict and "None" not in read_type.split(" | "):
                read_type += " | None"
            python = field_name(wire)
            fields.append(
                Field(
                    name=python,
                    wire_name=wire,
                    read_type=read_type,
                    write_type=(
                        "Any" if read_only else self.types.annotation(prop, "write", prop_pointer)
                    ),
                    required=required,
                    read_only=read_only,
                    write_only=write_only,
                    description=indent_continuation(
                        docstring(prop.get("description") or resolved.get("description", ""))
                    ),
                    aliased=python != wire,
                    wire_literal=py_literal(wire),
                    read_default=_read_default(
                        required,
                        python != wire,
                        py_literal(wire),
                        PYTHON_SECRET.read(prop),
                    ),
                )
            )
        self._check_unique(
            ((f.name, at) for f, at in zip(fields, pointers, strict=True)),
            f"field name in {class_name(name)}",
        )
        extra = self._flatten(schema)[2]
        return Model(
            name=class_name(name),
            param_name=param_class_name(name),
            description=description,
            fields=tuple(fields),
            read=read,
            write=write,
            open_write=extra not in (None, False),
            functional=any(not _identifier(f.wire_name) for f in fields),
            read_dict=read_dict,
        )


class _Body:
    """What a request body turns into: a JSON body, a batch of items or multipart parts."""

    def __init__(self, builder: _Builder, operation: dict[str, Any], where: str) -> None:
        self.kind: str | None = None
        self.annotation: str | None = None
        self.required = False
        self.description = ""
        self.batch_format: str | None = None
        self.batch_key: str | None = None
        self.parts: list[UploadPart] = []
        raw = operation.get("requestBody")
        if raw is None:
            return
        body = resolve(builder.document, raw)
        pointer = f"{where}/requestBody"
        content: dict[str, Any] = body.get("content", {})
        self.required = bool(body.get("required"))
        self.description = docstring(body.get("description", ""))
        batch = BATCH.value(operation)
        types = builder.types
        if NDJSON in content or batch is not None:
            self.kind = "upsert_many"
            if not isinstance(batch, dict) or batch.get("format") not in ("ndjson", "json_array"):
                builder.problem(f"a collection PATCH needs {BATCH.name} with format and key", where)
                return
            self.batch_format, self.batch_key = batch["format"], batch.get("key", "code")
            media = NDJSON if self.batch_format == "ndjson" else JSON
            schema = content.get(media, {}).get("schema", {})
            item = schema.get("items", {}) if self.batch_format == "json_array" else schema
            self.annotation = _with_models(types.annotation(item, "write", f"{pointer}/content"))
        elif MULTIPART in content:
            self.kind = "upload"
            self._multipart(
                builder, content[MULTIPART], f"{pointer}/content/{escape_pointer_token(MULTIPART)}"
            )
        elif JSON in content or FORM in content:
            schema = content.get(JSON, content.get(FORM, {})).get("schema", {})
            self.annotation = _with_models(types.annotation(schema, "write", f"{pointer}/content"))
        else:
            builder.problem(f"request content {sorted(content)} is not supported", pointer)

    def _multipart(self, builder: _Builder, media: dict[str, Any], pointer: str) -> None:
        schema = media.get("schema", {})
        properties = schema.get("properties", {})
        if not _is_binary(properties.get("file", {})):
            builder.problem("a multipart body needs a binary `file` property", f"{pointer}/schema")
        required = set(schema.get("required", []))
        for wire, prop in properties.items():
            if wire == "file":
                continue
            prop_pointer = f"{pointer}/schema/properties/{escape_pointer_token(wire)}"
            if media.get("encoding", {}).get(wire, {}).get("contentType") != JSON:
                builder.problem(
                    f"multipart part {wire!r} needs encoding contentType application/json",
                    prop_pointer,
                )
            annotation = builder.types.annotation(prop, "write", prop_pointer)
            self.parts.append(
                UploadPart(
                    name=parameter_name(wire),
                    wire_name=wire,
                    annotation=annotation,
                    required=wire in required,
                    description=docstring(resolve(builder.document, prop).get("description", "")),
                )
            )


def _definition_pointer(value: Any, here: str) -> str:
    """Where a possibly referenced definition really is: its component, or `here` when inline."""
    if isinstance(value, dict) and isinstance(value.get("$ref"), str):
        return str(value["$ref"]).removeprefix("#")
    return here


def _read_default(required: bool, aliased: bool, wire_literal: str, secret: bool) -> str:
    """The model field's default: None when the server may leave it out, the JSON name when it is
    no Python name, and no repr for secrets (tokens) so that logging a model shows none."""
    arguments = [
        *(["default=None"] if not required else []),
        *([f"alias={wire_literal}"] if aliased else []),
        *(["repr=False"] if secret else []),
    ]
    if arguments == ["default=None"]:
        return " = None"
    return f" = Field({', '.join(arguments)})" if arguments else ""


def _identifier(name: str) -> bool:
    return name.isidentifier() and not python_keyword.iskeyword(name)


def _with_models(annotation: str) -> str:
    """A body typed by a TypedDict also takes a model read from the API, sent back as it is."""
    if annotation.endswith("Param"):
        return f"{annotation} | AkeneoModel"
    return annotation


def _is_binary(schema: Any) -> bool:
    return isinstance(schema, dict) and (
        (schema.get("type") == "string" and schema.get("format") == "binary")
        or "contentMediaType" in schema
    )


def _returns(kind: CallKind, model: str | None) -> tuple[str, str, str]:
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


def _describe_parameter(param: dict[str, Any]) -> str:
    text = str(param.get("description", ""))
    schema = param.get("schema", {})
    facts = []
    if "default" in schema:
        facts.append(f"server default: {schema['default']}")
    if "minimum" in schema or "maximum" in schema:
        facts.append(f"range {schema.get('minimum', '')}..{schema.get('maximum', '')}")
    if facts:
        text = f"{text} ({', '.join(facts)})" if text else ", ".join(facts)
    return text


def _notes(operation: dict[str, Any]) -> Iterator[str]:
    if ENTERPRISE.read(operation):
        yield "Enterprise Edition only."
    if SAAS_ONLY.read(operation):
        yield "Only on Akeneo's SaaS (Serenity), not on-premise."
    if APP_TOKEN.read(operation):
        yield "Needs an App token (a connected App), not a connection's token."


def _names_used(annotations: Iterable[str], names: set[str]) -> set[str]:
    tokens = {token for text in annotations for token in _tokens(text)}
    return tokens & names


def _tokens(text: str) -> list[str]:
    word = []
    out = []
    for ch in text + " ":
        if ch.isalnum() or ch == "_":
            word.append(ch)
        elif word:
            out.append("".join(word))
            word = []
    return out


def _alias_order(aliases: list[Alias]) -> list[Alias]:
    """Aliases are evaluated at import time: put each after the aliases it names."""
    by_name = {alias.name: alias for alias in aliases}
    by_param = {alias.param_name: alias for alias in aliases}
    ordered: list[Alias] = []
    placed: set[str] = set()

    def place(alias: Alias, trail: tuple[str, ...]) -> None:
        if alias.name in placed or alias.name in trail:
            return
        for token in _tokens(alias.read_type + " " + alias.write_type):
            dependency = by_name.get(token) or by_param.get(token)
            if dependency is not None and dependency is not alias:
                place(dependency, (*trail, alias.name))
        placed.add(alias.name)
        ordered.append(alias)

    for alias in sorted(aliases, key=lambda a: a.name):
        place(alias, ())
    return ordered
