"""The 25 operations of Akeneo's reference that the endpoint list lacks: coverage_newer.tsv follows
the table of ../shared/akeneo/operations.md, section 4, line for line, and each row is an operation
of the spec with the flags that table gives, and a method on both generated clients.

coverage.tsv keeps following endpoint-list.txt (test_coverage.py); together the two tables name
every operation of the spec (test_coverage.py, test_every_spec_operation_has_a_row).
"""

from __future__ import annotations

import pytest

from .support import (
    COVERAGE_NEWER,
    client_surface,
    parse_newer_operations,
    read_coverage,
    spec_operations,
)

EXPECTED_NEWER = 25
# operations.md flag -> our extension
FLAG_EXTENSIONS = {
    "SaaS-only": "x-akeneo-saas-only",
    "EE": "x-akeneo-enterprise",
    "app-token": "x-akeneo-app-token",
}
ROWS = read_coverage(COVERAGE_NEWER)


def test_operations_md_lists_the_25() -> None:
    newer = parse_newer_operations()
    assert len(newer) == EXPECTED_NEWER
    assert len({operation.operation_id for operation in newer}) == EXPECTED_NEWER


def test_one_row_per_operations_md_line() -> None:
    expected = [
        [op.tag, op.summary, op.method, op.path, op.operation_id] for op in parse_newer_operations()
    ]
    rows = [
        [row["group"], row["summary"], row["method"], row["path"], row["operationId"]]
        for row in ROWS
    ]
    assert rows == expected, "coverage_newer.tsv does not follow operations.md section 4"


@pytest.mark.parametrize("row", ROWS, ids=[row["operationId"] for row in ROWS])
def test_every_row_is_an_operation_of_the_spec(row: dict[str, str]) -> None:
    operation = spec_operations().get(row["operationId"])
    assert operation is not None, f"{row['operationId']} is not in the spec"
    assert (operation.method, operation.path) == (row["method"], row["path"])
    assert operation.node.get("tags") == [row["group"]]


@pytest.mark.parametrize(
    "newer", parse_newer_operations(), ids=lambda operation: operation.operation_id
)
def test_the_spec_carries_the_flags(newer: object) -> None:
    from .support import NewerOperation

    assert isinstance(newer, NewerOperation)
    node = spec_operations()[newer.operation_id].node
    wrong = [
        f"{extension}: operations.md {'sets' if flag in newer.flags else 'does not set'} {flag}"
        for flag, extension in FLAG_EXTENSIONS.items()
        if (node.get(extension) is True) != (flag in newer.flags)
    ]
    assert not wrong, f"{newer.operation_id}: " + "; ".join(wrong)


def test_each_has_a_sync_and_an_async_method() -> None:
    _, methods, _ = client_surface()
    flavours: dict[str, set[str]] = {}
    for method in methods:
        flavours.setdefault(method.operation_id, set()).add(method.flavour)
    missing = [
        row["operationId"] for row in ROWS if flavours.get(row["operationId"]) != {"sync", "async"}
    ]
    assert not missing, f"operations without both client methods: {missing}"
