"""write_tree: atomic swap, stale files removed, no-op when unchanged, unsafe paths refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import generator.cli
import generator.write
from generator.write import UnsafePathError, read_tree, write_tree

from .helpers import BASE_ROOT, BASE_SCHEMAS, run_cli, tree_digest, write_spec

FILES = {"pkg/__init__.py": b"x = 1\n", "pkg/sub/mod.py": b"y = 2\n", "README.md": b"hello\n"}


def siblings(output: Path) -> list[str]:
    """Whatever write_tree left beside the output (staging or retired trees)."""
    return sorted(p.name for p in output.parent.iterdir() if p != output)


def test_creates_the_tree(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    assert write_tree(out, FILES) == 3
    assert read_tree(out) == FILES
    assert siblings(out) == []


def test_replaces_changed_files_and_removes_stale_ones(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    (out / "pkg" / "__pycache__").mkdir()
    (out / "pkg" / "__pycache__" / "mod.cpython-311.pyc").write_bytes(b"\0")
    new = {"pkg/__init__.py": b"x = 2\n", "README.md": b"hello\n", "pkg/new.py": b"z = 3\n"}
    assert write_tree(out, new) == 3  # one changed, one added, one removed
    assert read_tree(out) == new
    assert not (out / "pkg" / "sub").exists(), "stale directories must go too"
    assert not (out / "pkg" / "__pycache__").exists()
    assert siblings(out) == []


def test_swaps_the_whole_directory_at_once(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    before = os.stat(out).st_ino
    write_tree(out, {**FILES, "README.md": b"changed\n"})
    assert os.stat(out).st_ino != before, "the new tree must be renamed in, not edited in place"


def test_leaves_the_tree_untouched_when_nothing_changed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    inode = os.stat(out).st_ino
    assert write_tree(out, dict(FILES)) == 0
    assert os.stat(out).st_ino == inode
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == stamps
    assert siblings(out) == []


def test_empty_output_directory_is_filled(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert write_tree(out, FILES) == 3
    assert read_tree(out) == FILES


@pytest.mark.parametrize(
    "bad",
    ["../escape.py", "pkg/../../escape.py", "/etc/evil.py", "pkg/./mod.py", "pkg//mod.py", "", "."],
)
def test_refuses_unsafe_paths_without_touching_output(tmp_path: Path, bad: str) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    before = tree_digest(tmp_path)
    with pytest.raises(UnsafePathError):
        write_tree(out, {**FILES, bad: b"evil\n"})
    assert tree_digest(tmp_path) == before
    assert siblings(out) == []
    assert not (tmp_path / "escape.py").exists()


def test_a_failure_while_writing_leaves_output_and_no_staging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    before = tree_digest(out)
    calls = 0
    real = Path.write_bytes

    def flaky(self: Path, data: bytes) -> int:  # type: ignore[override]
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", flaky)
    with pytest.raises(OSError, match="No space left"):
        write_tree(out, {**FILES, "pkg/__init__.py": b"x = 99\n"})
    assert tree_digest(out) == before
    assert siblings(out) == []


def test_a_failed_swap_restores_the_old_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    before = tree_digest(out)
    real = os.replace
    calls = 0

    def failing_second_rename(src: str | Path, dst: str | Path) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:  # the new tree moving in
            raise OSError("rename failed")
        real(src, dst)

    monkeypatch.setattr(generator.write.os, "replace", failing_second_rename)
    with pytest.raises(OSError, match="rename failed"):
        write_tree(out, {**FILES, "README.md": b"new\n"})
    assert tree_digest(out) == before
    assert siblings(out) == []


def test_a_render_failure_leaves_generated_output_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = write_spec(tmp_path / "spec", {"openapi.yaml": BASE_ROOT, "schemas.yaml": BASE_SCHEMAS})
    out = tmp_path / "out"
    assert run_cli("generate", spec, "-o", out).exit_code == 0
    before = tree_digest(tmp_path)

    def broken_render(*args: object, **kwargs: object) -> dict[str, str]:
        raise RuntimeError("template exploded")

    monkeypatch.setattr(generator.cli, "render_package", broken_render)
    spec.write_text(spec.read_text().replace("Fetches one thing.", "Fetches one thing, changed."))
    after_spec_edit = tree_digest(tmp_path / "spec")
    with pytest.raises(RuntimeError, match="template exploded"):
        run_cli("generate", spec, "-o", out)
    assert tree_digest(out) == {
        k.removeprefix("out/"): v for k, v in before.items() if k.startswith("out/")
    }
    assert tree_digest(tmp_path / "spec") == after_spec_edit
    assert siblings(out) == ["spec"]
