"""Time full regeneration of the real spec, cold (empty format cache) and warm (nothing changed).

Usage: python bench/bench_generate.py bench/results.md
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import build_api  # noqa: E402  (the path is set just above)
from generator.format import Formatter  # noqa: E402
from generator.load import load_spec  # noqa: E402
from generator.render import render_package  # noqa: E402
from generator.validate import validate  # noqa: E402
from generator.write import write_tree  # noqa: E402

SPEC = ROOT / "spec" / "openapi.yaml"
RUNS = 5


def regenerate(cache: Path, output: Path) -> int:
    spec = load_spec(SPEC)
    validate(spec)
    api = build_api(spec)
    files = Formatter(cache_dir=cache).format_files(render_package(api, source="spec/openapi.yaml"))
    write_tree(output, files)
    return sum(len(r.operations) for r in api.resources)


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
        validate_s = median_seconds(lambda: validate(spec))
        operations = regenerate(base / "warm-cache", base / "warm-out")
    lines = [
        "# Regeneration benchmark",
        "",
        f"Written by `make bench` ({RUNS} runs each, median). Machine: {platform.machine()}, "
        f"Python {platform.python_version()}, {platform.system()}. Spec: {operations} operations.",
        "",
        "| what | seconds | goal |",
        "|---|---|---|",
        f"| cold regeneration (empty black cache, new output dir) | {cold_s:.3f} | < 5 |",
        f"| warm regeneration (cache filled, nothing changed) | {warm_s:.3f} | < 1 |",
        f"| of which: load + bundle the YAML | {load_s:.3f} | |",
        f"| of which: validate (OpenAPI + rules + examples) | {validate_s:.3f} | |",
        "",
    ]
    target.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "results.md")
