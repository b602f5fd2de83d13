"""Command line: validate the spec, generate the client, check the committed copy.

The pipeline, top to bottom:
load -> validate -> build the IR -> render -> format -> write (or compare).
Exit codes: 0 success, 1 spec problems or drift, 2 usage error.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from .build import build_api
from .compare import compare_trees
from .contract import render_contract_tests
from .diff.command import diff_command
from .errors import SpecError
from .format import Formatter
from .ir import Api
from .load import load_spec
from .render import RUNTIME, header, render_package, runtime_files
from .unasync import stale_derived, write_derived
from .validate import validate
from .write import UnsafeOutputError, write_tree

DEFAULT_SPEC = Path("spec/openapi.yaml")
CACHE = Path(__file__).resolve().parent.parent / ".cache"  # content-hash caches; safe to delete
DEFAULT_OUTPUT = Path("generated")
_EXIT_CODES = """
\b
Exit codes:
  0  success
  1  the spec has problems, or (check) generated/ differs from what the spec gives
  2  usage error (bad option or argument)
"""


def read_api(spec_path: Path) -> Api:
    """load -> validate -> IR. Raises SpecError with every problem found."""
    spec = load_spec(spec_path)
    validate(spec)
    return build_api(spec)


def produce(spec_path: Path, cache: Path | None = CACHE) -> dict[str, bytes]:
    """Every file of the generated package keyed by its relative path: rendered files formatted
    with black, the runtime copied as it is. `cache` holds the validation and black caches."""
    spec = load_spec(spec_path)
    validate(spec, cache_dir=cache / "valid" if cache else None)
    api = build_api(spec)
    source = _source_name(spec_path)
    rendered = render_package(api, source=source)
    rendered.update(render_contract_tests(api, spec, header(source)))
    formatter = Formatter(cache_dir=cache / "black" if cache else None, workers=os.cpu_count() or 1)
    files = formatter.format_files(rendered)
    files.update(runtime_files())
    return files


def _source_name(spec_path: Path) -> str:
    """The spec's name as printed in generated headers: stable whatever the working directory."""
    resolved = spec_path.resolve()
    return f"{resolved.parent.name}/{resolved.name}"


def _report(error: SpecError) -> None:
    count = len(error.problems)
    for problem in error.problems:
        click.echo(f"error: {problem}", err=True)
    click.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", err=True)


spec_argument = click.argument(
    "spec",
    required=False,
    default=str(DEFAULT_SPEC),
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
output_option = click.option(
    "-o",
    "--output",
    default=str(DEFAULT_OUTPUT),
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory of the generated package.",
)


@click.group(epilog=_EXIT_CODES)
def main() -> None:
    """Generate the typed Akeneo PIM Python client from the curated OpenAPI document."""


@main.command(name="validate", epilog=_EXIT_CODES)
@spec_argument
def validate_command(spec: Path) -> None:
    """Check SPEC (default spec/openapi.yaml); report every problem with file, line, pointer."""
    try:
        api = read_api(spec)
    except SpecError as error:
        _report(error)
        sys.exit(1)
    operations = sum(len(resource.operations) for resource in api.resources)
    click.echo(f"{spec}: valid ({operations} operations, {len(api.models)} models).")


@main.command(epilog=_EXIT_CODES)
@spec_argument
@output_option
def generate(spec: Path, output: Path) -> None:
    """Generate the client from SPEC into OUTPUT; on any problem OUTPUT stays as it was."""
    problems = write_derived(RUNTIME)  # the sync runtime, derived from the async one
    if problems:
        click.echo("\n".join(f"error: {problem}" for problem in problems), err=True)
        sys.exit(1)
    try:
        files = produce(spec)
    except SpecError as error:
        _report(error)
        sys.exit(1)
    try:
        changed = write_tree(output, files)
    except UnsafeOutputError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"generated {len(files)} files in {output} ({changed} changed).")


@main.command(epilog=_EXIT_CODES)
@spec_argument
@output_option
def check(spec: Path, output: Path) -> None:
    """Regenerate SPEC in a temporary directory and compare it byte for byte with OUTPUT."""
    problems = stale_derived(RUNTIME)
    if problems:
        click.echo("\n".join(f"error: {problem}" for problem in problems), err=True)
        sys.exit(1)
    try:
        files = produce(spec)
    except SpecError as error:
        _report(error)
        sys.exit(1)
    with tempfile.TemporaryDirectory(prefix="akeneo-codegen-") as scratch:
        fresh = Path(scratch) / "generated"
        write_tree(fresh, files)
        differences = compare_trees(output, fresh)
    if differences:
        click.echo("\n".join(differences))
        click.echo(
            f"{output} is out of date: {len(differences)} file(s) differ; run `make generate`.",
            err=True,
        )
        sys.exit(1)
    click.echo(f"{output} matches {spec} ({len(files)} files).")


main.add_command(diff_command)
