"""Command line: validate the spec, generate the client, check the committed copy.

This module parses arguments and prints; the stages themselves are in `pipeline`
(load -> validate -> build the IR -> render -> format), then `write` (or `compare`).
Exit codes: 0 success, 1 spec problems or drift, 2 usage error.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from .compare import compare_trees
from .diff.command import diff_command
from .errors import SpecError
from .pipeline import produce, read_api
from .write import UnsafeOutputError, write_tree

DEFAULT_SPEC = Path("spec/openapi.yaml")
DEFAULT_OUTPUT = Path("generated")
_EXIT_CODES = """
\b
Exit codes:
  0  success
  1  the spec has problems, or (check) generated/ differs from what the spec gives
  2  usage error (bad option or argument)
"""


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
