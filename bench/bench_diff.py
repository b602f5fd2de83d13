"""Time `akeneo-codegen diff` between two versions of the whole spec.

Usage: python bench/bench_diff.py [bench/results.md]
The head side is a copy of spec/ with a dozen typical edits (`edit_spec`). The figure is the median
of several runs of what the command does: read both sides (load + IR) and diff them. It is written
into its own marked section of the results file, so `bench_generate.py` (run first by `make bench`)
and this script share bench/results.md.
"""

from __future__ import annotations

import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from bench.results import write_section
from generator.diff.engine import diff_sides
from generator.diff.sides import read_side

ROOT = Path(__file__).resolve().parent.parent

RUNS = 5
START = "<!-- bench_diff:start -->"
END = "<!-- bench_diff:end -->"


def _edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def edit_spec(spec: Path) -> None:
    """Typical edits of a spec pull request, a few of them breaking."""

    def channels(data: Any) -> None:
        props = data["ChannelUpdate"]["properties"]
        del props["category_tree"]  # a response (and request) property removed
        props["is_default"] = {"type": "boolean", "description": "Default channel."}
        data["Channel"]["allOf"][1]["required"] = ["code", "locales", "currencies"]

    def parameters(data: Any) -> None:
        data["limit"]["schema"]["maximum"] = 50  # range narrowed
        data["with_count"]["required"] = True  # parameter became required

    def attributes(data: Any) -> None:
        data["AttributeType"]["enum"].append("pim_catalog_rich_text")  # response enum value added

    def locales(data: Any) -> None:
        item = data["item"]["get"]
        item["x-python-method"] = "fetch"  # method renamed
        item["deprecated"] = True
        item["x-akeneo-deprecated"] = "Use the list with a search instead."
        data["collection"]["get"]["responses"].pop("406", None)

    def locale_schema(data: Any) -> None:
        data["Locale"]["properties"]["enabled"]["type"] = ["boolean", "null"]  # became nullable
        data["Locale"]["properties"]["region"] = {"type": "string", "description": "Region."}

    _edit(spec / "schemas" / "channels.yaml", channels)
    _edit(spec / "common" / "parameters.yaml", parameters)
    _edit(spec / "schemas" / "attributes.yaml", attributes)
    _edit(spec / "paths" / "locales.yaml", locales)
    _edit(spec / "schemas" / "locales.yaml", locale_schema)


def run(base: Path, head: Path, scratch: Path) -> int:
    report = diff_sides(read_side(str(base), scratch), read_side(str(head), scratch))
    return len(report.changes)


def main(target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        head = scratch / "head"
        shutil.copytree(ROOT / "spec", head)
        edit_spec(head)
        base = ROOT / "spec"
        changes = run(base, head, scratch)
        samples = []
        for _ in range(RUNS):
            start = time.perf_counter()
            run(base, head, scratch)
            samples.append(time.perf_counter() - start)
        noop = []
        for _ in range(RUNS):
            start = time.perf_counter()
            run(base, base, scratch)
            noop.append(time.perf_counter() - start)
    lines = [
        "## Spec diff benchmark",
        "",
        f"Written by `bench/bench_diff.py` (`make bench`; {RUNS} runs each, median). "
        f"Machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.system()}. Both sides are read in full (load + bundle + IR, no --validate).",
        "",
        "| what | seconds | goal |",
        "|---|---|---|",
        f"| whole spec vs an edited copy ({changes} changes) | {statistics.median(samples):.3f}"
        " | < 2 |",
        f"| whole spec vs itself (no change) | {statistics.median(noop):.3f} | < 2 |",
    ]
    write_section(target, START, END, lines)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "results.md")
