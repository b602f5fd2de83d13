"""The CLI: help texts, exit codes, and `check` catching every kind of drift with a diff."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

import generator.cli
import generator.render
from generator.cli import main
from generator.write import MANIFEST

from .helpers import BASE_ROOT, BASE_SCHEMAS, run_cli, write_spec


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    return write_spec(tmp_path / "spec", {"openapi.yaml": BASE_ROOT, "schemas.yaml": BASE_SCHEMAS})


@pytest.fixture
def generated(spec: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    result = run_cli("generate", spec, "-o", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("command", [[], *([name] for name in sorted(main.commands))])
def test_help_lists_the_exit_codes(command: list[str]) -> None:
    result = run_cli(*command, "--help")
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    codes = text.split("Exit codes:")[1]
    assert " 0 " in f" {codes}" and " 1 " in codes
    assert "2 usage" in codes


@pytest.mark.parametrize("command", [[], ["validate"], ["generate"], ["check"]])
def test_help_says_exit_1_means_spec_problems_or_drift(command: list[str]) -> None:
    text = " ".join(run_cli(*command, "--help").output.split())
    assert "1 the spec has problems, or (check) generated/ differs" in text


@pytest.mark.parametrize("command", ["validate", "generate", "check"])
def test_unknown_option_is_a_usage_error(command: str, spec: Path) -> None:
    result = run_cli(command, spec, "--no-such-option")
    assert result.exit_code == 2
    assert "No such option" in result.stderr


@pytest.mark.parametrize("command", ["validate", "generate", "check"])
def test_missing_spec_file_is_a_usage_error(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = (
        run_cli(command, missing, "-o", tmp_path / "out")
        if command != "validate"
        else run_cli(command, missing)
    )
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_command_is_a_usage_error() -> None:
    assert run_cli("frobnicate").exit_code == 2


def test_validate_ok(spec: Path) -> None:
    result = run_cli("validate", spec)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{spec}: valid (1 operations, 1 models)."
    assert result.stderr == ""


def test_generate_reports_changes_and_is_idempotent(spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_cli("generate", spec, "-o", out)
    assert first.exit_code == 0
    count = len([p for p in out.rglob("*") if p.is_file() and p.name != MANIFEST])
    assert first.stdout.strip() == f"generated {count} files in {out} ({count} changed)."
    second = run_cli("generate", spec, "-o", out)
    assert second.stdout.strip() == f"generated {count} files in {out} (0 changed)."


def test_check_passes_on_fresh_output(spec: Path, generated: Path) -> None:
    result = run_cli("check", spec, "-o", generated)
    assert result.exit_code == 0, result.output
    assert "matches" in result.stdout


def test_check_shows_a_unified_diff_of_a_hand_edited_file(spec: Path, generated: Path) -> None:
    models = generated / "akeneo_pim" / "models.py"
    text = models.read_text()
    models.write_text(text.replace('"""A thing."""', '"""A thing, edited by hand."""'))
    result = run_cli("check", spec, "-o", generated)
    assert result.exit_code == 1
    assert f"changed: {models}" in result.stdout
    assert f"--- {models} (on disk)" in result.stdout
    assert f"+++ {models} (what the spec and templates give)" in result.stdout
    assert '-    """A thing, edited by hand."""' in result.stdout
    assert '+    """A thing."""' in result.stdout
    assert "@@ " in result.stdout
    assert "(on disk) is out of date: 1 file(s) differ" in result.stderr
    assert "discards any hand edit" in result.stderr
    assert "committed" not in result.output and "expected" not in result.output
    assert models.read_text() != text, "check must not repair the output"


def test_check_reports_an_extra_file(spec: Path, generated: Path) -> None:
    extra = generated / "akeneo_pim" / "leftover.py"
    extra.write_text("x = 1\n")
    result = run_cli("check", spec, "-o", generated)
    assert result.exit_code == 1
    assert f"extra: {extra}" in result.stdout
    assert extra.exists()


def test_check_reports_a_missing_file(spec: Path, generated: Path) -> None:
    missing = generated / "akeneo_pim" / "params.py"
    missing.unlink()
    result = run_cli("check", spec, "-o", generated)
    assert result.exit_code == 1
    assert f"missing: {missing}" in result.stdout


def test_check_reports_an_empty_or_absent_output(spec: Path, tmp_path: Path) -> None:
    result = run_cli("check", spec, "-o", tmp_path / "absent")
    assert result.exit_code == 1
    assert "missing: " in result.stdout
    assert not (tmp_path / "absent").exists()


def test_check_catches_a_template_changed_without_regeneration(
    spec: Path, generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(generator.render.TEMPLATES, templates)
    monkeypatch.setattr(generator.render, "TEMPLATES", templates)
    monkeypatch.setattr(generator.render, "PACKAGE_TEMPLATES", templates / "package")
    monkeypatch.setattr(generator.render, "RUNTIME", templates / "runtime")
    assert run_cli("check", spec, "-o", generated).exit_code == 0  # the copy alone changes nothing

    readme = templates / "package" / "README.md.j2"
    readme.write_text(readme.read_text() + "\nA line added to the template.\n")
    runtime = templates / "runtime" / "_version.py"
    runtime.write_text(runtime.read_text() + "# a runtime change\n")
    result = run_cli("check", spec, "-o", generated)
    assert result.exit_code == 1
    assert f"changed: {generated / 'README.md'}" in result.stdout
    assert "+A line added to the template." in result.stdout
    assert f"changed: {generated / 'akeneo_pim' / '_version.py'}" in result.stdout
    assert "+# a runtime change" in result.stdout
    assert "(on disk) is out of date: 2 file(s) differ" in result.stderr


def test_check_exits_1_on_spec_problems(spec: Path, generated: Path) -> None:
    spec.write_text(spec.read_text().replace("summary: Get a thing", "summary: ''"))
    result = run_cli("check", spec, "-o", generated)
    assert result.exit_code == 1
    assert "has no summary" in result.stderr


def test_main_is_the_console_entry_point() -> None:
    assert main.name == "main"
    assert {"validate", "generate", "check"} <= set(main.commands)


def test_the_cli_runs_no_stage_itself() -> None:
    # cli parses and prints; the stages live in pipeline (issue 9, part 3)
    tree = ast.parse(Path(generator.cli.__file__).read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    stages = {"build", "load", "validate", "render", "format", "contract"}
    assert not stages & {name.rsplit(".", 1)[-1] for name in imported if name}
    assert "pipeline" in imported
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert not {"read_api", "produce"} & defined
