"""Helpers of the spec checks: the endpoint list, the coverage table, the bundled spec, the client.

`../shared` is beside the project's root (CI checks it out there too).
"""

from __future__ import annotations

import csv
import dis
import importlib
import importlib.util
import pkgutil
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from generator.document import iter_operations, resolve
from generator.load import load_spec

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / "../shared"
ENDPOINT_LIST = SHARED / "endpoint-list.txt"
REFERENCE = SHARED / "akeneo" / "reference" / "akeneo-web-api.json"
SPEC = ROOT / "spec" / "openapi.yaml"
HERE = Path(__file__).resolve().parent
COVERAGE = HERE / "coverage.tsv"
# the 25 operations of Akeneo's reference that the endpoint list lacks (operations.md section 4)
COVERAGE_NEWER = HERE / "coverage_newer.tsv"
OPERATIONS_MD = SHARED / "akeneo" / "operations.md"
REFERENCE_TABLE = HERE / "reference_table.json"
CORRECTIONS = HERE / "corrections.yaml"
REFERENCE_SCRIPT = ROOT / "scripts" / "reference_table.py"

COVERAGE_COLUMNS = ["group", "summary", "method", "path", "operationId"]

# The endpoint list's group "Product" is the old name of "Product [identifier]": its 8 lines repeat
# the operations listed again under "Product [identifier]", so they map to operations with that tag.
GROUP_TAGS = {"Product": "Product [identifier]"}


def tag_of_group(group: str) -> str:
    return GROUP_TAGS.get(group, group)


@dataclass(frozen=True)
class EndpointLine:
    line: int  # 1-based line number in endpoint-list.txt
    group: str
    summary: str
    method: str | None  # only the first items of the list give their method


_GROUP = re.compile(r"^  • (?P<text>\S.*)$")
_OPERATION = re.compile(r"^    • (?P<text>\S.*)$")
_METHOD = re.compile(r"^      (?P<method>GET|POST|PATCH|PUT|DELETE)$")


def parse_endpoint_list(path: Path = ENDPOINT_LIST) -> list[EndpointLine]:
    """The operation lines of the tree at the top of endpoint-list.txt, in order.

    The tree is made of group lines (`  • Group`), operation lines (`    • Summary`) and, for the
    first items, a method line under the operation (`      GET`). It ends at the first other line.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[EndpointLine] = []
    group: str | None = None
    started = False
    for number, text in enumerate(lines, start=1):
        if match := _GROUP.match(text):
            group, started = match["text"].strip(), True
        elif match := _OPERATION.match(text):
            if group is None:
                raise ValueError(f"endpoint-list.txt:{number}: operation line before any group")
            found.append(EndpointLine(number, group, match["text"].strip(), None))
        elif match := _METHOD.match(text):
            if not found or found[-1].line != number - 1:
                raise ValueError(f"endpoint-list.txt:{number}: method line not under an operation")
            last = found[-1]
            found[-1] = EndpointLine(last.line, last.group, last.summary, match["method"])
        elif started:
            break
    return found


def read_coverage(path: Path = COVERAGE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        if reader.fieldnames != COVERAGE_COLUMNS:
            raise ValueError(
                f"{path.name} columns are {reader.fieldnames}, expected {COVERAGE_COLUMNS}"
            )
        return list(reader)


@dataclass(frozen=True)
class NewerOperation:
    """A row of the table of operations.md section 4."""

    method: str
    path: str
    operation_id: str
    tag: str
    summary: str
    flags: frozenset[str]  # SaaS-only, EE, app-token (not-in-HEAD is about Akeneo's files)


_NEWER_ROW = re.compile(
    r"^\| (?P<method>GET|POST|PUT|PATCH|DELETE) \| `(?P<path>[^`]+)` \| `(?P<id>[^`]+)` \| "
    r"(?P<tag>[^|]+) \| (?P<summary>[^|]+) \| (?P<flags>[^|]*) \|$"
)


def parse_newer_operations(path: Path = OPERATIONS_MD) -> list[NewerOperation]:
    """The rows of operations.md section 4, "Official operations missing from the endpoint-list"."""
    text = path.read_text(encoding="utf-8")
    start = text.index("\n## 4. ")
    end = text.index("\n## ", start + 1)
    found = []
    for line in text[start:end].splitlines():
        if match := _NEWER_ROW.match(line):
            found.append(
                NewerOperation(
                    match["method"],
                    match["path"],
                    match["id"],
                    match["tag"].strip(),
                    match["summary"].strip(),
                    frozenset(match["flags"].split()),
                )
            )
    return found


def uncovered_operations(operations: dict[str, Operation], rows: list[dict[str, str]]) -> list[str]:
    """`METHOD /path (operationId)` of every operation no row of coverage.tsv names."""
    covered = {row["operationId"] for row in rows}
    return [
        f"{operation.method} {operation.path} ({operation_id})"
        for operation_id, operation in sorted(operations.items())
        if operation_id not in covered
    ]


def covered_operation_ids() -> list[str]:
    return sorted({row["operationId"] for row in read_coverage()})


@cache
def spec_document() -> dict[str, Any]:
    document: dict[str, Any] = load_spec(SPEC).document
    return document


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # upper case
    path: str
    node: dict[str, Any]


@cache
def spec_operations() -> dict[str, Operation]:
    """operationId -> operation of the bundled spec (a duplicated id keeps its first occurrence)."""
    found: dict[str, Operation] = {}
    for path, method, node in iter_operations(spec_document()):
        operation_id = node.get("operationId")
        if isinstance(operation_id, str) and operation_id not in found:
            found[operation_id] = Operation(operation_id, method.upper(), path, node)
    return found


def spec_query_parameters(operation: Operation) -> list[str]:
    document = spec_document()
    declared = [
        *document["paths"][operation.path].get("parameters", []),
        *operation.node.get("parameters", []),
    ]
    names = {
        resolve(document, p)["name"] for p in declared if resolve(document, p).get("in") == "query"
    }
    return sorted(names)


def spec_response_codes(operation: Operation) -> list[str]:
    return sorted(str(code) for code in operation.node.get("responses", {}))


def spec_summary(operation: Operation) -> dict[str, Any]:
    """The same fields as a row of the reference table, read from our spec."""
    return {
        "method": operation.method,
        "path": operation.path,
        "query": spec_query_parameters(operation),
        "responses": spec_response_codes(operation),
    }


@cache
def reference_script() -> ModuleType:
    """scripts/reference_table.py, imported by path (scripts/ is not a package)."""
    name = "akeneo_reference_table_script"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REFERENCE_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# -- the generated client -------------------------------------------------------------------------
@dataclass(frozen=True)
class ClientMethod:
    operation_id: str
    flavour: str  # "sync" or "async"
    cls: type
    name: str
    function: Any


def import_client() -> ModuleType:
    """The generated package `akeneo_pim` (tests/conftest.py puts generated/ on sys.path)."""
    try:
        return importlib.import_module("akeneo_pim")
    except ImportError as error:  # pragma: no cover - depends on the checkout
        raise AssertionError(
            f"cannot import the generated client akeneo_pim ({error}): run `make generate`"
        ) from error


def _global_names(code: Any) -> list[str]:
    """Names a function's code (nested code objects included) loads as globals, in load order."""
    names: list[str] = []
    for instruction in dis.get_instructions(code):
        if instruction.opname == "LOAD_GLOBAL" and instruction.argval not in names:
            names.append(instruction.argval)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names += [name for name in _global_names(const) if name not in names]
    return names


@cache
def client_surface() -> tuple[dict[str, Any], list[ClientMethod], dict[str, str]]:
    """(operationId -> Endpoint, every method using an Endpoint, operationId -> module name).

    Walks the modules of akeneo_pim.resources: module-level `Endpoint` instances are the operations,
    and a method of a resource class uses the first one its code loads.
    """
    package = import_client()
    endpoint_type = importlib.import_module("akeneo_pim._endpoint").Endpoint
    resource = importlib.import_module("akeneo_pim._resource")
    resources = importlib.import_module("akeneo_pim.resources")
    endpoints: dict[str, Any] = {}
    modules: dict[str, str] = {}
    methods: list[ClientMethod] = []
    duplicates: list[str] = []
    for info in pkgutil.iter_modules(resources.__path__):
        module = importlib.import_module(f"{resources.__name__}.{info.name}")
        constants = {
            name: value for name, value in vars(module).items() if isinstance(value, endpoint_type)
        }
        for value in constants.values():
            if value.operation_id in endpoints:
                duplicates.append(value.operation_id)
            endpoints[value.operation_id] = value
            modules[value.operation_id] = module.__name__
        for cls in vars(module).values():
            if not isinstance(cls, type) or cls.__module__ != module.__name__:
                continue
            if issubclass(cls, resource.SyncResource):
                flavour = "sync"
            elif issubclass(cls, resource.AsyncResource):
                flavour = "async"
            else:
                continue
            for name, function in vars(cls).items():
                code = getattr(function, "__code__", None)
                if code is None:
                    continue
                # The endpoint a method calls is the first constant it loads (the runtime call's
                # first argument); a later one is a fallback route (a list's `post_search=` twin).
                used = [constant for constant in _global_names(code) if constant in constants]
                if used:
                    operation_id = constants[used[0]].operation_id
                    methods.append(ClientMethod(operation_id, flavour, cls, name, function))
    assert not duplicates, f"operationIds with more than one Endpoint constant: {duplicates}"
    assert package is not None
    return endpoints, methods, modules
