"""`akeneo-codegen diff`: sides, formats, exit codes, the JSON schema, the real spec, the README."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner, Result

from generator.cli import main
from generator.diff.report import SCHEMA_PATH
from generator.diff.rules import RULES, count_text, markdown_table

from .support import base_spec, write

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["diff", *map(str, args)], catch_exceptions=False)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """A base spec, and a head with one breaking, one warning and one info change."""
    base = base_spec()
    head = base_spec()
    del head["components"]["schemas"]["Thing"]["properties"]["size"]  # breaking
    head["components"]["schemas"]["NewThing"]["properties"].pop("when")  # warning
    head["paths"]["/things"]["get"]["responses"]["404"] = {"description": "x"}  # info
    return write(tmp_path / "base", base), write(tmp_path / "head", head)


def test_text_report(pair: tuple[Path, Path]) -> None:
    result = run(*pair)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[1].startswith("4 breaking, 1 warning(s), 1 info")
    assert "== akeneo.things (Thing) ==" in lines
    body = result.output.split("== akeneo.things (Thing) ==")[1]
    levels = [line.split()[0] for line in body.strip().splitlines()]
    assert levels == sorted(levels, key=["BREAKING", "WARNING", "INFO"].index)
    assert "GET /things, GET /things/{code}" not in result.output  # paths differ: [].size, size


def test_markdown_report(pair: tuple[Path, Path]) -> None:
    result = run(*pair, "--format", "markdown")
    assert result.exit_code == 0
    assert result.output.startswith("## Spec diff: ")
    assert "### akeneo.things (Thing) (" in result.output
    assert "| ❌ breaking | HTTP | `GET /things/{code}` |" in result.output
    assert "`size: int \\| None`" in result.output  # pipes escaped inside table cells


def test_json_report_matches_its_schema(pair: tuple[Path, Path]) -> None:
    result = run(*pair, "--format", "json")
    report = json.loads(result.output)
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(report, schema)
    assert report["summary"] == {
        "breaking": 4,
        "warning": 1,
        "info": 1,
        "total": 6,
        "api": 4,
        "client": 2,
    }
    assert {c["rule"] for c in report["changes"]} <= set(RULES)


def test_empty_json_report_matches_its_schema(tmp_path: Path) -> None:
    root = write(tmp_path, base_spec())
    report = json.loads(run(root, root, "--format", "json").output)
    jsonschema.validate(report, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert report["changes"] == []


@pytest.mark.parametrize(("fail_on", "code"), [(None, 0), ("breaking", 1), ("warning", 1)])
def test_fail_on(pair: tuple[Path, Path], fail_on: str | None, code: int) -> None:
    args = ["--fail-on", fail_on] if fail_on else []
    assert run(*pair, *args).exit_code == code


def test_fail_on_below_threshold(tmp_path: Path) -> None:
    base = base_spec()
    head = base_spec()
    head["paths"]["/things"]["get"]["responses"]["404"] = {"description": "x"}  # info only
    sides = write(tmp_path / "b", base), write(tmp_path / "h", head)
    assert run(*sides, "--fail-on", "warning").exit_code == 0


def test_directory_side_and_output_file(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = run(
        "--base", pair[0].parent, "--head", pair[1].parent, "--format", "markdown", "-o", out
    )
    assert result.exit_code == 0 and result.output == ""
    assert out.read_text(encoding="utf-8").startswith("## Spec diff")


def test_unknown_side_is_a_usage_error(tmp_path: Path) -> None:
    result = run("no-such-revision-or-file", write(tmp_path, base_spec()))
    assert result.exit_code == 2
    assert "neither a file, a directory nor a git revision" in result.output


def test_broken_side_reports_its_problems(tmp_path: Path) -> None:
    broken = base_spec()
    broken["components"]["schemas"]["Thing"]["properties"]["dims"] = {"$ref": "#/nowhere"}
    result = run(write(tmp_path / "a", base_spec()), write(tmp_path / "b", broken))
    assert result.exit_code == 3
    assert "the spec has" in result.output and "error:" in result.output


def test_git_revision_sides() -> None:
    """HEAD's spec/ read through git archive, twice: nothing changed between them."""
    if (
        shutil.which("git") is None
        or subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, check=False
        ).returncode
    ):
        pytest.skip("no git repository")
    result = run("--base", "HEAD", "--head", "HEAD")
    assert result.exit_code == 0, result.output
    assert "No changes" in result.output


def test_real_spec_noop_edit_reports_nothing(tmp_path: Path) -> None:
    """Rewriting every file of the real spec (same data, other YAML layout) changes nothing."""
    copy = tmp_path / "spec"
    shutil.copytree(ROOT / "spec", copy)
    for path in copy.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(data, sort_keys=True, width=60), encoding="utf-8")
    result = run(ROOT / "spec", copy, "--fail-on", "warning")
    assert result.exit_code == 0, result.output
    assert "No changes to the HTTP API or the Python client." in result.output


def test_readme_documents_every_rule() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "run `python -m generator.diff.rules` into the README"
    assert count_text() in " ".join(readme.split()), "the README's rule count is out of date"
    assert "akeneo-codegen diff" in readme and "make spec-diff" in readme


def test_git_side_problems_name_the_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A revision whose spec/ is broken: exit 3, problems located as `REV:spec/<file>`."""
    if shutil.which("git") is None:
        pytest.skip("no git")
    broken = base_spec()
    broken["components"]["schemas"]["Thing"]["properties"]["dims"] = {"$ref": "#/nowhere"}
    write(tmp_path / "spec", broken)

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", "spec")
    git("commit", "-q", "-m", "broken")
    git("tag", "broken")
    write(tmp_path / "spec", base_spec())
    monkeypatch.chdir(tmp_path)
    result = run("--base", "broken")
    assert result.exit_code == 3
    assert "broken:spec/openapi.yaml" in result.output, result.output
