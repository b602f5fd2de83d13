"""The real spec gives the same bytes whatever the hash seed, working directory or file order."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from generator.pipeline import produce
from generator.write import read_tree

from .helpers import BIN, REAL_SPEC, SPEC_DIR


def copy_spec(target: Path, reverse: bool) -> Path:
    """Copy spec/ file by file, in forward or reverse order, so directory listings differ."""
    files = sorted(p for p in SPEC_DIR.rglob("*") if p.is_file())
    for source in reversed(files) if reverse else files:
        destination = target / source.relative_to(SPEC_DIR)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
    return target / "openapi.yaml"


def generate(spec: Path, output: Path, cwd: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [str(BIN / "akeneo-codegen"), "generate", os.path.relpath(spec, cwd), "-o", str(output)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_same_bytes_across_hash_seeds_directories_and_file_order(tmp_path: Path) -> None:
    first_spec = copy_spec(tmp_path / "one" / "spec", reverse=False)
    second_spec = copy_spec(tmp_path / "two" / "deeper" / "spec", reverse=True)
    generate(first_spec, tmp_path / "out1", cwd=tmp_path / "one", seed="0")
    generate(second_spec, tmp_path / "out2", cwd=tmp_path, seed="4242")
    first, second = read_tree(tmp_path / "out1"), read_tree(tmp_path / "out2")
    assert first, "nothing was generated"
    assert first.keys() == second.keys()
    different = sorted(path for path in first if first[path] != second[path])
    assert not different, f"output differs between runs: {different}"
    assert first == produce(REAL_SPEC), "a subprocess run differs from an in-process one"
