"""Write the generated files: build a complete new tree beside the output, then swap it in.

A failure at any point leaves the output directory exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath


class UnsafePathError(ValueError):
    """A generated path would land outside the output directory."""


def _checked(relative: str) -> PurePosixPath:
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts or relative != str(path):
        raise UnsafePathError(f"refusing to write {relative!r}: not a plain path inside the output")
    return path


# Tool caches that appear in an output directory used in place; never part of the generated tree.
IGNORED = frozenset({"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "build", "dist"})


def _ignored(relative: Path) -> bool:
    return any(part in IGNORED or part.endswith(".egg-info") for part in relative.parts)


def read_tree(root: Path) -> dict[str, bytes]:
    """Every generated file under root, keyed by its POSIX path relative to root."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not _ignored(path.relative_to(root))
    }


def write_tree(output: Path, files: dict[str, bytes]) -> int:
    """Make `output` hold exactly `files`; return how many files were added, changed or removed."""
    for relative in files:
        _checked(relative)
    current = read_tree(output)
    changed = sum(1 for path, data in files.items() if current.get(path) != data)
    changed += sum(1 for path in current if path not in files)
    if changed == 0 and output.is_dir():
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        for relative, data in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return changed


def _swap(staging: Path, output: Path) -> None:
    """Swap staging in with two renames; the old tree goes only once the new one is in place."""
    if not output.exists():
        os.replace(staging, output)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    os.rmdir(retired)
    os.replace(output, retired)
    try:
        os.replace(staging, output)
    except BaseException:
        os.replace(retired, output)
        raise
    shutil.rmtree(retired, ignore_errors=True)
