"""Format generated Python with black, in-process, caching results by content hash."""

from __future__ import annotations

import hashlib
import os
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
DEFAULT_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "black"


class Formatter:
    """Formats `.py` files; others pass through. Cache keys: black's version and the source."""

    def __init__(self, cache_dir: Path | None = DEFAULT_CACHE) -> None:
        self.cache_dir = cache_dir

    def format_files(self, files: dict[str, str]) -> dict[str, bytes]:
        return {
            path: self.format_file(path, text).encode("utf-8")
            for path, text in sorted(files.items())
        }

    def format_file(self, path: str, text: str) -> str:
        if not path.endswith(".py"):
            return text
        key = hashlib.sha256(f"{BLACK_VERSION}|{LINE_LENGTH}|{path}\0{text}".encode()).hexdigest()
        cached = self._read(key)
        if cached is not None:
            return cached
        try:
            formatted = black.format_str(text, mode=MODE)
        except InvalidInput as error:
            raise GeneratedCodeError(
                f"{path}: the generated code is not valid Python: {error}"
            ) from None
        self._write(key, formatted)
        return formatted

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


class GeneratedCodeError(Exception):
    """A template produced Python that does not parse: a bug in the templates, not in the spec."""
