"""The `diff` subcommand: compare two specs, print the report, set the exit code for CI."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from .changes import DiffReport
from .companions import companion_changes
from .engine import diff_sides, group_titles
from .report import render_json, render_markdown, render_text
from .rules import Level
from .sides import Side, SideError, read_side

DEFAULT_HEAD = "spec"
EXIT_FAIL_ON = 1
EXIT_USAGE = 2
EXIT_SPEC = 3
_EPILOG = """
\b
Each side is a spec file, a directory holding openapi.yaml, or a git revision
(its spec/ is read through `git archive`, no checkout). A path wins over a
revision of the same name. HEAD defaults to the work tree's spec/.
\b
Exit codes:
  0  no change at or above the --fail-on level (always 0 without --fail-on)
  1  changes at or above the --fail-on level
  2  usage error: bad option, or a side that is no file, directory or revision
  3  a side's spec cannot be loaded, validated (--validate) or turned into the IR
"""


@click.command(name="diff", epilog=_EPILOG)
@click.argument("base_arg", metavar="[BASE]", required=False)
@click.argument("head_arg", metavar="[HEAD]", required=False)
@click.option("--base", "base_opt", metavar="REV|PATH", help="Base side (instead of BASE).")
@click.option("--head", "head_opt", metavar="REV|PATH", help="Head side (default: spec/).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--fail-on",
    type=click.Choice(["breaking", "warning"]),
    default=None,
    help="Exit 1 when a change at this level or above is found.",
)
@click.option("--validate", is_flag=True, help="Fully validate both sides first (slower).")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file."
)
def diff_command(
    base_arg: str | None,
    head_arg: str | None,
    base_opt: str | None,
    head_opt: str | None,
    output_format: str,
    fail_on: Level | None,
    validate: bool,
    output: Path | None,
) -> None:
    """Report every change from BASE to HEAD to the HTTP API and to the Python client."""
    if base_arg and base_opt:
        raise click.UsageError("give BASE either as an argument or as --base, not both")
    base_ref = base_opt or base_arg
    if base_ref is None:
        raise click.UsageError("missing BASE (an argument or --base)")
    if head_arg and head_opt:
        raise click.UsageError("give HEAD either as an argument or as --head, not both")
    head_ref = head_opt or head_arg or DEFAULT_HEAD
    with tempfile.TemporaryDirectory(prefix="akeneo-diff-") as scratch:
        sides: list[Side] = []
        for ref in (base_ref, head_ref):
            try:
                sides.append(read_side(ref, Path(scratch) / str(len(sides)), validate))
            except SideError as error:
                for problem in error.problems:
                    click.echo(f"error: {problem}", err=True)
                click.echo(f"error: {error.message}", err=True)
                sys.exit(EXIT_USAGE if error.usage else EXIT_SPEC)
        base, head = sides
        report = diff_sides(base, head)
        titles = group_titles(base, head)
        try:  # the companion documents beside each side's spec (generator/companions.py)
            extra, extra_titles = companion_changes(base, head, Path(scratch), validate)
        except SideError as error:
            for problem in error.problems:
                click.echo(f"error: {problem}", err=True)
            click.echo(f"error: {error.message}", err=True)
            sys.exit(EXIT_SPEC)
    report = DiffReport(report.base, report.head, [*report.changes, *extra])
    titles.update(extra_titles)
    if output_format == "json":
        text = render_json(report)
    elif output_format == "markdown":
        text = render_markdown(report, titles)
    else:
        text = render_text(report, titles)
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    if fail_on is not None and report.at_least(fail_on):
        sys.exit(EXIT_FAIL_ON)
