"""Format generated Python with black, in-process or in worker processes; cached by content."""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

LINE_LENGTH = 100
# The generated package supports Python 3.10 and newer.
TARGET_VERSIONS = {
    TargetVersion.PY310,
    TargetVersion.PY311,
    TargetVersion.PY312,
    TargetVersion.PY313,
}
MODE = Mode(target_versions=TARGET_VERSIONS, line_length=LINE_LENGTH)
BLACK_VERSION = version("black")


class Formatter:
    """Formats `.py` files; others pass through. Cache keys: black's version and the source.

    With `workers` > 1, files missing from the cache are formatted in parallel processes (black is
    CPU-bound); the result is the same bytes either way.
    """

    def __init__(self, cache_dir: Path | None = None, workers: int = 1) -> None:
        self.cache_dir = cache_dir
        self.workers = workers

    def format_files(self, files: dict[str, str]) -> dict[str, bytes]:
        results: dict[str, str] = {}
        missing: list[tuple[str, str, str]] = []  # (path, text, cache key)
        for path, text in sorted(files.items()):
            if not path.endswith(".py"):
                results[path] = text
                continue
            key = _key(path, text)
            cached = self._read(key)
            if cached is None:
                missing.append((path, text, key))
            else:
                results[path] = cached
        for (path, _, key), formatted in zip(missing, self._format_all(missing), strict=True):
            self._write(key, formatted)
            results[path] = formatted
        return {path: results[path].encode("utf-8") for path in sorted(results)}

    def format_file(self, path: str, text: str) -> str:
        return self.format_files({path: text})[path].decode("utf-8")

    def _format_all(self, missing: list[tuple[str, str, str]]) -> list[str]:
        jobs = [(path, text) for path, text, _ in missing]
        if self.workers <= 1 or len(jobs) < 2:
            return [_format(job) for job in jobs]
        # Largest files first, so that no worker is left with a big one at the end.
        order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i][1]))
        with ProcessPoolExecutor(max_workers=min(self.workers, len(jobs))) as pool:
            done = dict(zip(order, pool.map(_format, [jobs[i] for i in order]), strict=True))
        return [done[i] for i in range(len(jobs))]

    def _read(self, key: str) -> str | None:
        if self.cache_dir is None:
            return None
        try:
            return (self.cache_dir / key[:2] / key).read_text(encoding="utf-8")
        except OSError:
            return None

    def _write(self, key: str, text: str) -> None:
        if self.cache_dir is None:
            return
        target = self.cache_dir / key[:2] / key
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            scratch = target.with_suffix(f".{os.getpid()}.tmp")
            scratch.write_text(text, encoding="utf-8")
            scratch.replace(target)  # atomic: a parallel run never reads half a file
        except OSError:
            pass  # the cache only saves time; a read-only disk must not stop generation


def _key(path: str, text: str) -> str:
    return hashlib.sha256(f"{BLACK_VERSION}|{LINE_LENGTH}|{path}\0{text}".encode()).hexdigest()


def _format(job: tuple[str, str]) -> str:
    path, text = job
    try:
        return black.format_str(text, mode=MODE)
    except InvalidInput as error:
        raise GeneratedCodeError(
            f"{path}: the generated code is not valid Python: {error}"
        ) from None


class GeneratedCodeError(Exception):
    """A template produced Python that does not parse: a bug in the templates, not in the spec."""
