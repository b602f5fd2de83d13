"""The spec covers the endpoint list: coverage.tsv maps every operation line of endpoint-list.txt
to one operation of the bundled spec (same method, same path, tagged with the line's group).

coverage.tsv was built from ../shared/akeneo/operations.md, section 2 ("Seed → official mapping"),
and is committed; these tests check it against the endpoint list and against the spec.
"""

from __future__ import annotations

from .support import (
    COVERAGE_NEWER,
    GROUP_TAGS,
    Operation,
    parse_endpoint_list,
    read_coverage,
    spec_operations,
    tag_of_group,
    uncovered_operations,
)

EXPECTED_LINES = 149  # operation lines of endpoint-list.txt
EXPECTED_OPERATIONS = (
    140  # distinct operations: "Product" repeats 8 of them, "System" lists one twice
)


def _describe(row: dict[str, str]) -> str:
    return (
        f"{row['group']} > {row['summary']} ({row['method']} {row['path']}, {row['operationId']})"
    )


def test_endpoint_list_parses_to_the_expected_operation_lines() -> None:
    lines = parse_endpoint_list()
    assert len(lines) == EXPECTED_LINES, f"endpoint-list.txt has {len(lines)} operation lines"
    assert len({line.group for line in lines}) == 38


def test_the_group_product_is_the_old_name_of_product_identifier() -> None:
    # Stated explicitly: rows of group "Product" are operations tagged "Product [identifier]".
    assert GROUP_TAGS == {"Product": "Product [identifier]"}
    lines = parse_endpoint_list()
    old = [line.summary for line in lines if line.group == "Product"]
    new = [line.summary for line in lines if line.group == "Product [identifier]"]
    assert old == new


def test_one_row_per_endpoint_list_operation_line() -> None:
    lines = parse_endpoint_list()
    rows = read_coverage()
    problems = []
    for index in range(max(len(lines), len(rows))):
        line = lines[index] if index < len(lines) else None
        row = rows[index] if index < len(rows) else None
        if line is None:
            problems.append(f"row {index + 2} has no endpoint-list line: {_describe(row or {})}")
        elif row is None:
            problems.append(f"endpoint-list.txt:{line.line} {line.group} > {line.summary}: no row")
        elif (row["group"], row["summary"]) != (line.group, line.summary):
            problems.append(
                f"endpoint-list.txt:{line.line} {line.group} > {line.summary}: "
                f"row {index + 2} is {row['group']} > {row['summary']}"
            )
    assert not problems, "coverage.tsv does not follow endpoint-list.txt:\n" + "\n".join(problems)
    assert len(rows) == EXPECTED_LINES


def test_distinct_operation_ids() -> None:
    rows = read_coverage()
    ids = {row["operationId"] for row in rows}
    assert len(ids) == EXPECTED_OPERATIONS, f"{len(ids)} distinct operationIds in coverage.tsv"
    empty = [_describe(row) for row in rows if not row["operationId"].strip()]
    assert not empty, "rows without an operationId:\n" + "\n".join(empty)


def test_a_repeated_operation_id_is_the_same_operation() -> None:
    seen: dict[str, dict[str, str]] = {}
    problems = []
    for row in read_coverage():
        first = seen.setdefault(row["operationId"], row)
        if (first["method"], first["path"], tag_of_group(first["group"])) != (
            row["method"],
            row["path"],
            tag_of_group(row["group"]),
        ):
            problems.append(f"{_describe(row)} differs from {_describe(first)}")
    assert not problems, "\n".join(problems)


def test_methods_given_by_the_endpoint_list_agree() -> None:
    problems = [
        f"endpoint-list.txt:{line.line} {line.group} > {line.summary}: "
        f"list says {line.method}, row says {row['method']}"
        for line, row in zip(parse_endpoint_list(), read_coverage(), strict=False)
        if line.method is not None and line.method != row["method"]
    ]
    assert not problems, "\n".join(problems)


def test_every_row_is_an_operation_of_the_spec() -> None:
    operations = spec_operations()
    missing, mismatched = [], []
    for row in read_coverage():
        operation = operations.get(row["operationId"])
        if operation is None:
            missing.append(_describe(row))
            continue
        tags = operation.node.get("tags", [])
        expected_tag = tag_of_group(row["group"])
        if operation.method != row["method"]:
            mismatched.append(f"{_describe(row)}: the spec has method {operation.method}")
        if operation.path != row["path"]:
            mismatched.append(f"{_describe(row)}: the spec has path {operation.path}")
        if tags != [expected_tag]:
            mismatched.append(
                f"{_describe(row)}: the spec tags it {tags}, expected [{expected_tag!r}]"
            )
    message = []
    if missing:
        message.append(
            f"{len(missing)} rows have no operation in the spec:\n  " + "\n  ".join(missing)
        )
    if mismatched:
        message.append(
            f"{len(mismatched)} rows differ from the spec:\n  " + "\n  ".join(mismatched)
        )
    assert not message, "\n".join(message)


def test_every_spec_operation_has_a_row() -> None:
    # an operation without a row is never compared with Akeneo's own file (test_reference.py)
    rows = read_coverage() + read_coverage(COVERAGE_NEWER)
    uncovered = uncovered_operations(spec_operations(), rows)
    assert not uncovered, (
        "operations of the spec without a row in tests/spec/coverage.tsv (add one, after the "
        "endpoint-list.txt line it stands for) or coverage_newer.tsv (operations.md section 4):\n  "
        + "\n  ".join(uncovered)
    )


def test_an_operation_added_to_the_spec_without_a_row_is_named() -> None:
    rows = read_coverage()
    operations = dict(spec_operations())
    before = uncovered_operations(operations, rows)
    operations["get_gadgets"] = Operation("get_gadgets", "GET", "/api/rest/v1/gadgets", {})
    added = set(uncovered_operations(operations, rows)) - set(before)
    assert added == {"GET /api/rest/v1/gadgets (get_gadgets)"}
