"""The diff reports every x- extension change that changes the client, each exactly once."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.diff.extensions import DIFF_PLACES
from generator.diff.rules import RULES
from generator.extensions import EXTENSIONS

from .support import Spec, diff_edit, paths

ROOT = Path(__file__).resolve().parents[2]


def test_every_client_changing_extension_is_reported_by_a_rule() -> None:
    for extension in EXTENSIONS.values():
        if extension.client_effect is None:
            continue
        rule = extension.diff_rule or extension.covered_by
        assert rule in RULES, f"{extension.name}: no diff rule reports its change"
        if extension.diff_rule is not None:
            # Its own rule only compares the places the diff visits.
            assert set(extension.places) <= DIFF_PLACES, extension.name
            assert RULES[extension.diff_rule].level == extension.diff_level


def test_the_issue_experiment_keep_slashes_flipped_is_reported(tmp_path: Path) -> None:
    """Issue 9: `x-akeneo-keep-slashes: false` changed the Endpoints, the diff said "No changes"."""
    head = tmp_path / "spec"
    shutil.copytree(ROOT / "spec", head)
    flipped = 0
    for path in head.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        flipped += text.count("x-akeneo-keep-slashes: true")
        path.write_text(
            text.replace("x-akeneo-keep-slashes: true", "x-akeneo-keep-slashes: false"),
            encoding="utf-8",
        )
    assert flipped == 3
    runner = CliRunner()
    result = runner.invoke(main, ["diff", str(ROOT / "spec"), str(head)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "No changes" not in result.output
    lines = [line for line in result.output.splitlines() if "[client-" in line]
    assert lines and all("[client-akeneo-keep-slashes-changed]" in line for line in lines)
    assert "akeneo.product_media_files.download" in result.output
    assert "x-akeneo-keep-slashes: true -> false" in result.output
    failing = runner.invoke(main, ["diff", str(ROOT / "spec"), str(head), "--fail-on", "warning"])
    assert failing.exit_code == 1


def _deprecate_with_reason(spec: Spec) -> None:
    operation = paths(spec)["/things/{code}"]["delete"]
    operation["deprecated"] = True
    operation["x-akeneo-deprecated"] = "Use the other one."


def test_deprecating_with_a_reason_is_one_deprecation_not_two(tmp_path: Path) -> None:
    report = diff_edit(tmp_path, _deprecate_with_reason)
    assert sorted(c.rule for c in report.changes) == [
        "client-method-deprecated",
        "endpoint-deprecated",
    ]


def _keep_slashes_on_query(spec: Spec) -> None:
    paths(spec)["/things"]["get"]["parameters"][0]["x-akeneo-keep-slashes"] = True


def test_an_extension_out_of_its_place_changes_nothing_in_the_diff(tmp_path: Path) -> None:
    # The generator ignores it there (and validation refuses it): the client is unchanged.
    assert diff_edit(tmp_path, _keep_slashes_on_query).changes == []


def _dimensions_in_all_of(spec: Spec) -> None:
    schemas = spec["components"]["schemas"]
    schemas["Dimensions"] = {"allOf": [schemas["Dimensions"]]}


def _secret_in_all_of(spec: Spec) -> None:
    member = spec["components"]["schemas"]["Dimensions"]["allOf"][0]
    member["properties"]["width"]["x-python-secret"] = True


def test_a_property_of_an_all_of_member_is_compared_too(tmp_path: Path) -> None:
    report = diff_edit(tmp_path, _secret_in_all_of, _dimensions_in_all_of)
    assert [(c.rule, c.subject, c.where) for c in report.changes] == [
        ("client-python-secret-changed", "Dimensions", "property width: x-python-secret")
    ]
