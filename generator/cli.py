"""Command line: validate the spec, generate the client, check the committed copy.

This module parses arguments and prints; the stages themselves are in `pipeline`
(load -> validate -> build the IR -> render -> format), then `write` (or `compare`).
Exit codes: 0 success, 1 spec problems or drift, 2 usage or output error.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from .bundle import write_bundle
from .compare import compare_trees
from .diff.command import diff_command
from .errors import SpecError
from .pipeline import (
    SpecPathError,
    derive_runtime,
    produce,
    read_api,
    spec_root,
    stale_runtime,
)
from .write import UnsafeOutputError, write_tree

DEFAULT_SPEC = Path("spec/openapi.yaml")
DEFAULT_OUTPUT = Path("generated")
DISTRIBUTION = "akeneo-codegen"
_EXIT_CODES = """
\b
Exit codes:
  0  success
  1  the spec has problems, or (check) generated/ differs from what the spec gives
  2  usage or output error: a bad option or argument, an output directory that was
     not generated, or (generate) files it would delete that it never wrote
"""
# Exit code of a usage or output error, as click gives for a bad option.
USAGE = 2


def _report(error: SpecError) -> None:
    count = len(error.problems)
    for problem in error.problems:
        click.echo(f"error: {problem}", err=True)
    click.echo(
        f"{count} problem{'s' if count != 1 else ''} found; nothing was written.",
        err=True,
    )


def _spec_file(context: click.Context, parameter: click.Parameter, value: Path) -> Path:
    """SPEC as a root file: a directory stands for the `openapi.yaml` it holds."""
    try:
        return spec_root(value)
    except SpecPathError as error:
        raise click.BadParameter(str(error), context, parameter) from None


spec_argument = click.argument(
    "spec",
    required=False,
    default=str(DEFAULT_SPEC),
    type=click.Path(exists=True, path_type=Path),
    callback=_spec_file,
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
@click.version_option(package_name=DISTRIBUTION, prog_name=DISTRIBUTION)
def main() -> None:
    """Generate the typed Akeneo PIM Python client from the curated OpenAPI document.

    SPEC is the root file of the spec, or a directory holding `openapi.yaml`."""


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
@click.option(
    "--force",
    is_flag=True,
    help="Delete files in OUTPUT that akeneo-codegen never wrote, instead of refusing.",
)
def generate(spec: Path, output: Path, force: bool) -> None:
    """Generate the client from SPEC into OUTPUT; on any problem OUTPUT stays as it was.

    Files OUTPUT holds that are no longer generated are removed (each is named); a file that
    akeneo-codegen never wrote there is only removed with --force."""
    problems = derive_runtime()  # the sync runtime, derived from the async one
    if problems:
        click.echo("\n".join(f"error: {problem}" for problem in problems), err=True)
        sys.exit(1)
    try:
        files = produce(spec)
    except SpecError as error:
        _report(error)
        sys.exit(1)
    try:
        changes = write_tree(output, files, force=force)
    except UnsafeOutputError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(USAGE)
    for path in changes.removed:
        click.echo(f"removed: {output / path}")
    summary = f"{len(changes.written)} changed"
    if changes.removed:
        summary += f", {len(changes.removed)} removed"
    click.echo(f"generated {len(files)} files in {output} ({summary}).")


@main.command(epilog=_EXIT_CODES)
@spec_argument
@output_option
def check(spec: Path, output: Path) -> None:
    """Regenerate SPEC in a temporary directory and compare it byte for byte with OUTPUT."""
    problems = stale_runtime()
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
        make = " (or `make generate`)" if output == DEFAULT_OUTPUT else ""
        click.echo(
            f"{output} (on disk) is out of date: {len(differences)} file(s) differ from what "
            f"{spec} and the templates give.\n"
            f"`akeneo-codegen generate {spec} -o {output}`{make} rewrites them and discards any "
            f"hand edit made in {output}: make lasting changes in the spec or the templates.",
            err=True,
        )
        sys.exit(1)
    click.echo(f"{output} matches {spec} ({len(files)} files).")


main.add_command(diff_command)


@main.command(epilog=_EXIT_CODES)
@spec_argument
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write the bundled document to (YAML).",
)
def bundle(spec: Path, output: Path) -> None:
    """Write SPEC as one self-contained OpenAPI document (YAML), for linters and other tools."""
    try:
        write_bundle(spec, output)
    except SpecError as error:
        _report(error)
        sys.exit(1)
    click.echo(f"bundled {spec} into {output}.")
