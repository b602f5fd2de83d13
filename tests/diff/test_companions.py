"""`akeneo-codegen diff` covers the companion documents beside each side's spec: their changes are
reported under their own module's groups and count for --fail-on like the main document's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOLDEN_SPEC = ROOT / "tests" / "golden" / "spec"
EVENTS = ROOT / "spec" / "event-platform" / "openapi.yaml"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["diff", *map(str, args)], catch_exceptions=False)


def side(directory: Path, companion: str | None) -> Path:
    shutil.copytree(GOLDEN_SPEC, directory)
    if companion is not None:
        (directory / "event-platform").mkdir()
        (directory / "event-platform" / "openapi.yaml").write_text(companion, encoding="utf-8")
    return directory


def test_a_removed_companion_operation_is_breaking_under_its_own_group(tmp_path: Path) -> None:
    text = EVENTS.read_text(encoding="utf-8")
    start = text.index(
        "  /api/v1/subscribers/{subscriber_id}/subscriptions/{subscription_id}/resume:"
    )
    end = text.index("  /api/v1/logs:")
    base = side(tmp_path / "base", text)
    head = side(tmp_path / "head", text[:start] + text[end:])
    result = run(base, head, "--fail-on", "breaking")
    assert result.exit_code == 1, result.output
    assert "== event_platform.subscriptions (Subscription) ==" in result.output
    assert "POST /api/v1/subscribers/{subscriber_id}/subscriptions/{subscription_id}/resume" in (
        result.output
    )
    assert "event_platform.subscriptions.resume: removed" in result.output
    report = json.loads(run(base, head, "--format", "json").output)
    assert report["summary"]["breaking"] >= 2


def test_identical_companions_add_nothing_and_a_new_one_is_all_added(tmp_path: Path) -> None:
    text = EVENTS.read_text(encoding="utf-8")
    same = run(side(tmp_path / "a", text), side(tmp_path / "b", text))
    assert same.exit_code == 0 and "No changes to the HTTP API" in same.output
    added = run(side(tmp_path / "none", None), tmp_path / "a", "--fail-on", "breaking")
    assert added.exit_code == 0
    assert "event_platform.subscribers.create: added" in added.output
    assert "== event_platform: Models and request types ==" in added.output


def test_a_broken_companion_is_a_spec_error(tmp_path: Path) -> None:
    text = EVENTS.read_text(encoding="utf-8").replace(
        "$ref: '#/components/schemas/LogPage'", "$ref: '#/components/schemas/Missing'"
    )
    result = run(
        side(tmp_path / "a", EVENTS.read_text(encoding="utf-8")), side(tmp_path / "b", text)
    )
    assert result.exit_code == 3
    assert ":event-platform: the spec has" in result.output
