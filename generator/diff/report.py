"""Print a diff report as text, Markdown (for a pull request) or JSON (see report.schema.json).

Changes are grouped by resource (the client attribute, with the API tag), breaking ones first. In
text and Markdown, one change that several operations share (a shared schema edited once) is one
line naming every operation; JSON lists each change on its own.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from .changes import Change, DiffReport
from .rules import LEVELS

SCHEMA_PATH = Path(__file__).with_name("report.schema.json")
FORMAT_VERSION = 1
_AREA_NAMES = {"api": "HTTP", "client": "Python"}
_MD_LEVEL = {"breaking": "❌ breaking", "warning": "⚠️ warning", "info": "ℹ️ info"}  # noqa: RUF001


def summary_line(report: DiffReport) -> str:
    counts = report.counts()
    total = len(report.changes)
    if not total:
        return "No changes to the HTTP API or the Python client."
    return (
        f"{counts['breaking']} breaking, {counts['warning']} warning(s), {counts['info']} info "
        f"({_split(report)})"
    )


def _split(report: DiffReport) -> str:
    total = len(report.changes)
    api = sum(1 for c in report.changes if c.area == "api")
    return f"{total} changes: {api} to the HTTP API, {total - api} to the Python client"


def _merged(changes: list[Change]) -> list[tuple[Change, list[str]]]:
    """Changes that differ only by subject, as one change with every subject."""
    merged: dict[tuple[str, str, str | None, str | None], tuple[Change, list[str]]] = {}
    for change in changes:
        key = (change.rule, change.where, change.before, change.after)
        if key in merged:
            merged[key][1].append(change.subject)
        else:
            merged[key] = (change, [change.subject])
    return list(merged.values())


def _grouped(report: DiffReport) -> dict[str, list[tuple[Change, list[str]]]]:
    groups: dict[str, list[Change]] = defaultdict(list)
    for change in report.ordered():
        groups[change.group].append(change)
    return {group: _merged(changes) for group, changes in groups.items()}


def _subjects(subjects: list[str], limit: int = 4) -> str:
    if len(subjects) <= limit:
        return ", ".join(subjects)
    return ", ".join(subjects[:limit]) + f" and {len(subjects) - limit} more"


def _delta(change: Change) -> str:
    if change.before is not None and change.after is not None:
        return f"{change.before} -> {change.after}"
    if change.after is not None:
        return f"added {change.after}"
    if change.before is not None:
        return f"removed {change.before}"
    return ""


def render_text(report: DiffReport, titles: dict[str, str]) -> str:
    lines = [f"spec diff {report.base} -> {report.head}", summary_line(report)]
    for group, entries in _grouped(report).items():
        lines.append("")
        lines.append(f"== {titles.get(group, group)} ==")
        for change, subjects in entries:
            where = f" | {change.where}" if change.where else ""
            delta = _delta(change)
            lines.append(
                f"  {change.level.upper():8} {_AREA_NAMES[change.area]:6} {_subjects(subjects)}"
                f"{where}: {delta}  [{change.rule}]".replace(":   [", "  [")
            )
    return "\n".join(lines) + "\n"


def _cell(text: str | None) -> str:
    if not text:
        return ""
    return "`" + text.replace("|", "\\|").replace("`", "'").replace("\n", " ") + "`"


def render_markdown(report: DiffReport, titles: dict[str, str]) -> str:
    counts = report.counts()
    lines = [f"## Spec diff: `{report.base}` → `{report.head}`", ""]
    if not report.changes:
        return "\n".join([*lines, summary_line(report), ""])
    lines.append(
        f"**{counts['breaking']} breaking**, {counts['warning']} warning(s), {counts['info']} info"
        f" — {_split(report)}"
    )
    for group, entries in _grouped(report).items():
        levels = [c.level for c, _ in entries]
        tally = ", ".join(f"{levels.count(lv)} {lv}" for lv in LEVELS if lv in levels)
        lines += ["", f"### {titles.get(group, group)} ({tally})", ""]
        lines.append("| level | side | what | where | before | after | rule |")
        lines.append("|---|---|---|---|---|---|---|")
        for change, subjects in entries:
            what = "<br>".join(_cell(s) for s in subjects[:6])
            if len(subjects) > 6:
                what += f"<br>and {len(subjects) - 6} more"
            lines.append(
                f"| {_MD_LEVEL[change.level]} | {_AREA_NAMES[change.area]} | {what} | "
                f"{_cell(change.where)} | {_cell(change.before)} | {_cell(change.after)} | "
                f"`{change.rule}` |"
            )
    return "\n".join(lines) + "\n"


def as_json(report: DiffReport) -> dict[str, Any]:
    counts = report.counts()
    api = sum(1 for c in report.changes if c.area == "api")
    return {
        "format_version": FORMAT_VERSION,
        "base": report.base,
        "head": report.head,
        "summary": {
            **counts,
            "total": len(report.changes),
            "api": api,
            "client": len(report.changes) - api,
        },
        "changes": [c.as_json() for c in report.ordered()],
    }


def render_json(report: DiffReport) -> str:
    return json.dumps(as_json(report), indent=2, ensure_ascii=False) + "\n"
