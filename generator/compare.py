"""Compare two generated trees file by file and describe every difference as a unified diff."""

from __future__ import annotations

import difflib
from pathlib import Path

from .write import read_tree


def compare_trees(committed: Path, fresh: Path) -> list[str]:
    """One entry per missing, extra or changed file; empty when the trees are byte-identical."""
    old = read_tree(committed, with_manifest=True)
    new = read_tree(fresh, with_manifest=True)
    report: list[str] = []
    for path in sorted(old.keys() | new.keys()):
        if path not in old:
            report.append(f"missing: {committed / path} (the spec and templates produce it)")
        elif path not in new:
            report.append(
                f"extra: {committed / path} (the spec and templates do not produce it)"
            )
        elif old[path] != new[path]:
            report.append(_diff(path, old[path], new[path], committed))
    return report


def _diff(path: str, old: bytes, new: bytes, committed: Path) -> str:
    try:
        old_lines = old.decode("utf-8").splitlines(keepends=True)
        new_lines = new.decode("utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return f"changed: {committed / path} (binary content differs)"
    diff = difflib.unified_diff(
        old_lines,
        new_lines,
        fromfile=f"{committed / path} (on disk)",
        tofile=f"{committed / path} (what the spec and templates give)",
    )
    return f"changed: {committed / path}\n" + "".join(diff).rstrip("\n")
