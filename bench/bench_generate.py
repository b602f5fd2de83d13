"""Time full regeneration of the real spec, cold (empty caches) and warm (nothing changed).

Usage, from the project root: python -m bench.bench_generate bench/results.md
Each figure is the median of several runs, measured side by side in one process.
"""

from __future__ import annotations

import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generator.build import build_api
from generator.load import load_spec
from generator.pipeline import produce
from generator.validate import validate
from generator.write import write_tree

from .results import write_section

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "openapi.yaml"
RUNS = 5


def regenerate(cache: Path, output: Path) -> None:
    """The whole pipeline as `make generate` runs it, with its caches under `cache`."""
    write_tree(output, produce(SPEC, cache=cache))


def median_seconds(action: Callable[[], object]) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main(target: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        counter = iter(range(1000))

        def cold() -> None:
            n = next(counter)
            regenerate(base / f"cache-{n}", base / f"out-{n}")

        cold_s = median_seconds(cold)
        regenerate(base / "warm-cache", base / "warm-out")
        warm_s = median_seconds(lambda: regenerate(base / "warm-cache", base / "warm-out"))
        spec = load_spec(SPEC)
        load_s = median_seconds(lambda: load_spec(SPEC))
        validate_s = median_seconds(lambda: validate(spec, cache_dir=None))
        operations = sum(len(resource.operations) for resource in build_api(spec).resources)
    lines = [
        "# Regeneration benchmark",
        "",
        f"Written by `make bench` ({RUNS} runs each, median). Machine: {platform.machine()}, "
        f"Python {platform.python_version()}, {platform.system()}. Spec: {operations} operations.",
        "",
        "| what | seconds | goal |",
        "|---|---|---|",
        f"| cold regeneration (empty caches, new output dir) | {cold_s:.3f} | < 5 |",
        f"| warm regeneration (caches filled, nothing changed) | {warm_s:.3f} | < 1 |",
        f"| load + bundle the YAML (part of both) | {load_s:.3f} | |",
        f"| validate without cache (part of cold) | {validate_s:.3f} | |",
        "",
    ]
    write_first_section(target, lines)


START, END = "<!-- bench_generate:start -->", "<!-- bench_generate:end -->"


def write_first_section(target: Path, lines: list[str]) -> None:
    """Our section heads the file; the sections of the other benchmarks (the soak's among them,
    which `make bench` does not run) are kept."""
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    if START not in text:  # a file from before this section had markers: its head is ours
        rest = text[text.index("<!-- ") :] if "<!-- " in text else ""
        target.write_text(f"{START}\n{END}\n\n{rest}", encoding="utf-8")
    write_section(target, START, END, lines[:-1] if lines[-1] == "" else lines)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "results.md")
