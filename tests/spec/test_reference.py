"""Our spec against Akeneo's own Swagger file, operation by operation.

reference_table.json is what scripts/reference_table.py derives from
../shared/akeneo/reference/akeneo-web-api.json for every operation of coverage.tsv: method, path,
query parameter names and response codes. Every difference between it and our bundled spec must be
a deliberate correction listed in corrections.yaml, and every entry there must still match a real
difference.

corrections.yaml: operationId -> list of {field, added, removed, reason}. `field` is one of query,
responses, method, path; `added` holds what our spec has and Akeneo's file lacks, `removed` the
reverse (for method and path: added [ours], removed [Akeneo's]). Several entries may share one
field, each with its own reason; together they must give exactly the difference.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest
import yaml

from .support import (
    CORRECTIONS,
    REFERENCE_TABLE,
    covered_operation_ids,
    reference_script,
    spec_operations,
    spec_summary,
)

FIELDS = ("method", "path", "query", "responses")
COVERED = covered_operation_ids()


@cache
def _reference_table() -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = json.loads(REFERENCE_TABLE.read_text(encoding="utf-8"))
    return table


@cache
def _corrections() -> dict[str, list[dict[str, Any]]]:
    data = yaml.safe_load(CORRECTIONS.read_text(encoding="utf-8")) or {}
    assert isinstance(data, dict), "corrections.yaml must map operationIds to lists of entries"
    return data


def _differences(operation_id: str) -> dict[str, tuple[set[str], set[str]]]:
    """field -> (added, removed) where our spec differs from the reference table."""
    reference = _reference_table()[operation_id]
    ours = spec_summary(spec_operations()[operation_id])
    found: dict[str, tuple[set[str], set[str]]] = {}
    for field in FIELDS:
        theirs_value, ours_value = reference[field], ours[field]
        if isinstance(theirs_value, str):
            theirs_value, ours_value = [theirs_value], [ours_value]
        added, removed = set(ours_value) - set(theirs_value), set(theirs_value) - set(ours_value)
        if added or removed:
            found[field] = (added, removed)
    return found


def _allowed(operation_id: str) -> dict[str, tuple[set[str], set[str]]]:
    allowed: dict[str, tuple[set[str], set[str]]] = {}
    for entry in _corrections().get(operation_id, []):
        added, removed = allowed.setdefault(entry["field"], (set(), set()))
        added.update(entry.get("added", []))
        removed.update(entry.get("removed", []))
    return allowed


def test_the_reference_table_is_what_akeneos_file_gives() -> None:
    regenerated = reference_script().generate()
    assert REFERENCE_TABLE.read_text(encoding="utf-8") == regenerated, (
        "tests/spec/reference_table.json is out of date: run `python scripts/reference_table.py`"
    )


def test_the_reference_table_has_every_covered_operation() -> None:
    assert sorted(_reference_table()) == COVERED


def test_corrections_are_well_formed() -> None:
    problems = []
    for operation_id, entries in _corrections().items():
        if operation_id not in COVERED:
            problems.append(f"{operation_id}: not an operation of coverage.tsv")
        if not isinstance(entries, list) or not entries:
            problems.append(f"{operation_id}: expected a non-empty list of entries")
            continue
        for index, entry in enumerate(entries):
            where = f"{operation_id}[{index}]"
            if not isinstance(entry, dict) or set(entry) != {"field", "added", "removed", "reason"}:
                problems.append(f"{where}: keys must be field, added, removed, reason")
                continue
            if entry["field"] not in FIELDS:
                problems.append(f"{where}: field {entry['field']!r} is not one of {FIELDS}")
            lists = (entry["added"], entry["removed"])
            if not all(isinstance(v, list) and all(isinstance(i, str) for i in v) for v in lists):
                problems.append(f"{where}: added and removed must be lists of strings")
            elif not entry["added"] and not entry["removed"]:
                problems.append(f"{where}: lists no difference")
            reason = entry["reason"]
            if not isinstance(reason, str) or len(reason.strip()) < 20 or "\n" in reason.strip():
                problems.append(f"{where}: the reason must be one specific line")
    assert not problems, "corrections.yaml:\n" + "\n".join(problems)


@pytest.mark.parametrize("operation_id", COVERED)
def test_every_difference_is_a_listed_correction(operation_id: str) -> None:
    assert operation_id in spec_operations(), (
        f"{operation_id} is not in the spec (see test_coverage)"
    )
    allowed = _allowed(operation_id)
    unlisted = []
    for field, (added, removed) in sorted(_differences(operation_id).items()):
        allowed_added, allowed_removed = allowed.get(field, (set(), set()))
        if extra := sorted(added - allowed_added):
            unlisted.append(f"{field}: our spec adds {extra}")
        if extra := sorted(removed - allowed_removed):
            unlisted.append(f"{field}: our spec drops {extra} (Akeneo documents it)")
    assert not unlisted, (
        f"{operation_id} differs from Akeneo's Swagger file without a listed correction "
        "(fix the spec, or add a reason to tests/spec/corrections.yaml):\n  "
        + "\n  ".join(unlisted)
    )


@pytest.mark.parametrize("operation_id", sorted(set(COVERED) | set(_corrections())))
def test_no_stale_correction(operation_id: str) -> None:
    if operation_id not in COVERED or operation_id not in spec_operations():
        pytest.fail(f"corrections.yaml lists {operation_id}, which is not a covered spec operation")
    differences = _differences(operation_id)
    stale = []
    for field, (added, removed) in sorted(_allowed(operation_id).items()):
        real_added, real_removed = differences.get(field, (set(), set()))
        if extra := sorted(added - real_added):
            stale.append(f"{field}: added {extra} is no longer a difference")
        if extra := sorted(removed - real_removed):
            stale.append(f"{field}: removed {extra} is no longer a difference")
    assert not stale, (
        f"stale entries in tests/spec/corrections.yaml for {operation_id}:\n  " + "\n  ".join(stale)
    )
