"""The second reference: tests/spec/api_updates.yaml, the machine-readable list of every
operation, parameter, field, enum value, filter grammar and answer of
../shared/akeneo/api-updates-2024-2026.md. Each entry must be in the bundled spec, so that a later
Akeneo release is a diff of that list to review.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.document import resolve

from .support import read_coverage, spec_document, spec_operations

UPDATES = Path(__file__).resolve().parent / "api_updates.yaml"
COVERAGE_NEWER = Path(__file__).resolve().parent / "coverage_newer.tsv"


@cache
def _updates() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(UPDATES.read_text(encoding="utf-8"))
    return data


def _entries(kind: str) -> list[dict[str, Any]]:
    return _updates()[kind]


def _query_names(operation_id: str) -> dict[str, dict[str, Any]]:
    operation = spec_operations()[operation_id]
    document = spec_document()
    declared = [
        *document["paths"][operation.path].get("parameters", []),
        *operation.node.get("parameters", []),
    ]
    found = {}
    for raw in declared:
        parameter = resolve(document, raw)
        if parameter.get("in") == "query":
            found[parameter["name"]] = parameter
    return found


def _properties(schema: Any) -> set[str]:
    schema = resolve(spec_document(), schema)
    names = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        names |= _properties(part)
    return names


def _label(entry: dict[str, Any]) -> str:
    return str(entry.get("id") or entry.get("name") or entry.get("schema") or entry)[:60]


def test_the_list_has_every_kind_of_entry() -> None:
    assert set(_updates()) == {
        "operations",
        "parameters",
        "fields",
        "enums",
        "grammars",
        "responses",
    }
    assert all(entry.get("section") for entries in _updates().values() for entry in entries)


def test_the_operations_are_the_25_of_coverage_newer() -> None:
    listed = {(e["method"], e["path"], e["id"]) for e in _entries("operations")}
    rows = {(r["method"], r["path"], r["operationId"]) for r in read_coverage(COVERAGE_NEWER)}
    assert listed == rows


@pytest.mark.parametrize("entry", _entries("operations"), ids=_label)
def test_operation(entry: dict[str, Any]) -> None:
    operation = spec_operations().get(entry["id"])
    assert operation is not None, f"{entry['id']} is not in the spec"
    assert (operation.method, operation.path) == (entry["method"], entry["path"])
    if "content" in entry:
        body = resolve(spec_document(), operation.node["requestBody"])
        assert list(body["content"]) == [entry["content"]]


@pytest.mark.parametrize("entry", _entries("parameters"), ids=_label)
def test_parameter(entry: dict[str, Any]) -> None:
    missing = [op for op in entry["operations"] if entry["name"] not in _query_names(op)]
    assert not missing, f"{entry['name']} is not a query parameter of {missing}"
    if entry.get("required"):
        for op in entry["operations"]:
            assert _query_names(op)[entry["name"]].get("required") is True, op


@pytest.mark.parametrize("entry", _entries("fields"), ids=_label)
def test_field(entry: dict[str, Any]) -> None:
    schema = spec_document()["components"]["schemas"].get(entry["schema"])
    assert schema is not None, f"no schema {entry['schema']}"
    missing = sorted(set(entry["names"]) - _properties(schema))
    assert not missing, f"{entry['schema']} lacks {missing}"


@pytest.mark.parametrize("entry", _entries("enums"), ids=_label)
def test_enum(entry: dict[str, Any]) -> None:
    schema = resolve(spec_document(), spec_document()["components"]["schemas"][entry["schema"]])
    missing = sorted(set(entry["values"]) - set(schema.get("enum", [])))
    assert not missing, f"{entry['schema']} lacks {missing}"


@pytest.mark.parametrize("entry", _entries("grammars"), ids=lambda e: str(e["operations"]))
def test_grammar(entry: dict[str, Any]) -> None:
    for operation_id in entry["operations"]:
        description = " ".join(_query_names(operation_id)["search"]["description"].split())
        missing = [word for word in entry["words"] if word not in description]
        assert not missing, f"the search of {operation_id} does not name {missing}"


@pytest.mark.parametrize("entry", _entries("responses"), ids=lambda e: str(e["status"]))
def test_response(entry: dict[str, Any]) -> None:
    batches = [op for op in spec_operations().values() if "x-akeneo-batch" in op.node]
    assert len(batches) == 16
    for operation in batches:
        response = operation.node["responses"].get(entry["status"])
        assert response is not None, f"{operation.operation_id} lacks {entry['status']}"
        if "response" in entry:
            expected = {"$ref": f"#/components/responses/{entry['response']}"}
            assert response == expected, operation.operation_id
