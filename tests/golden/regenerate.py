"""Regenerate every golden copy: the baseline's expected output and the real client in generated/.

Run from the project root: `python -m tests.golden.regenerate` (`make golden`); review, then commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.errors import SpecError
from generator.pipeline import produce
from generator.render import runtime_files, testing_files
from generator.write import write_tree

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"

# (spec, output directory, whether the copy holds the runtime) of every golden copy. The
# baseline's copy leaves out the runtime: it is templates/runtime byte for byte (tested), and
# keeping a second copy of it here would only repeat it.
COPIES: tuple[tuple[Path, Path, bool], ...] = (
    (GOLDEN / "spec" / "openapi.yaml", GOLDEN / "expected", False),
    (ROOT / "spec" / "openapi.yaml", ROOT / "generated", True),
)


def rendered_only(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files the generator renders, without the static runtime and fake it copies."""
    runtime = runtime_files() | testing_files()
    return {path: data for path, data in files.items() if path not in runtime}


def regenerate(copies: tuple[tuple[Path, Path, bool], ...] = COPIES) -> int:
    """Write every copy; nothing is written for a spec with problems. Returns the exit code."""
    status = 0
    for spec, output, with_runtime in copies:
        try:
            files = produce(spec)
            if not with_runtime:
                files = rendered_only(files)
        except SpecError as error:
            for problem in error.problems:
                print(f"error: {problem}", file=sys.stderr)
            print(
                f"{spec}: {len(error.problems)} problem(s); {output} left as it was.",
                file=sys.stderr,
            )
            status = 1
            continue
        changed = write_tree(output, files).count
        print(
            f"{output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}: "
            f"{len(files)} files, {changed} changed."
        )
    return status


if __name__ == "__main__":
    sys.exit(regenerate())
