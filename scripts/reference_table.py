"""Derive the reference table of the covered operations from Akeneo's own Swagger file.

For each operationId of tests/spec/coverage.tsv, the table gives what Akeneo's definition
(`../shared/akeneo/reference/akeneo-web-api.json`) says about it: method, path, the names of its
query parameters and its response codes, all sorted. tests/spec/test_reference.py compares it with
our spec and checks that the committed copy (tests/spec/reference_table.json) is what this script
gives.

Usage: python scripts/reference_table.py [--check]
    writes tests/spec/reference_table.json; with --check, only says whether it is up to date.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / "../shared"
REFERENCE = SHARED / "akeneo" / "reference" / "akeneo-web-api.json"
COVERAGE = ROOT / "tests" / "spec" / "coverage.tsv"
TABLE = ROOT / "tests" / "spec" / "reference_table.json"

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")


def load_reference(path: Path = REFERENCE) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def covered_operation_ids(path: Path = COVERAGE) -> list[str]:
    """The distinct operationIds of the coverage table, sorted."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return sorted({row["operationId"] for row in rows})


def _resolve(document: dict[str, Any], node: Any) -> Any:
    """Follow Swagger's internal `#/...` references (the bundle has only `#/parameters/...`)."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        target: Any = document
        for token in node["$ref"].removeprefix("#/").split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def reference_operations(document: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """operationId -> (method, path, operation) for every operation of the Swagger file."""
    found: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for path, item in document["paths"].items():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict) and "operationId" in operation:
                found[operation["operationId"]] = (method.upper(), path, operation)
    return found


def query_parameters(document: dict[str, Any], path: str, operation: dict[str, Any]) -> list[str]:
    """Names of the query parameters of an operation, path-level ones included."""
    declared = [*document["paths"][path].get("parameters", []), *operation.get("parameters", [])]
    names = set()
    for parameter in declared:
        parameter = _resolve(document, parameter)
        if parameter.get("in") == "query":
            names.add(parameter["name"])
    return sorted(names)


def flags(operation: dict[str, Any]) -> dict[str, bool]:
    """The availability flags Akeneo puts on an operation (see operations.md, "Flags")."""
    return {
        "enterprise": bool(operation.get("x-ee")),
        "saas_only": operation.get("x-versions") == ["SaaS"],
        "deprecated": bool(operation.get("x-deprecated")),
        "app_token": bool(operation.get("x-app-token")),
        "no_auth": bool(operation.get("x-no-token")),
    }


def build_table(document: dict[str, Any], operation_ids: list[str]) -> dict[str, dict[str, Any]]:
    operations = reference_operations(document)
    missing = [op for op in operation_ids if op not in operations]
    if missing:
        raise KeyError(f"not in Akeneo's Swagger file: {', '.join(missing)}")
    table: dict[str, dict[str, Any]] = {}
    for operation_id in sorted(operation_ids):
        method, path, operation = operations[operation_id]
        table[operation_id] = {
            "method": method,
            "path": path,
            "query": query_parameters(document, path, operation),
            "responses": sorted(str(code) for code in operation.get("responses", {})),
        }
    return table


def render(table: dict[str, dict[str, Any]]) -> str:
    return json.dumps(table, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def generate() -> str:
    return render(build_table(load_reference(), covered_operation_ids()))


def main(argv: list[str]) -> int:
    table = build_table(load_reference(), covered_operation_ids())
    text = render(table)
    if "--check" in argv:
        current = TABLE.read_text(encoding="utf-8") if TABLE.exists() else ""
        if current != text:
            print(
                f"{TABLE.relative_to(ROOT)} is out of date: run python scripts/reference_table.py"
            )
            return 1
        print(f"{TABLE.relative_to(ROOT)} is up to date")
        return 0
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)} ({len(table)} operations)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
