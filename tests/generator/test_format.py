"""The black formatter: cached by content hash; invalid Python raises GeneratedCodeError."""

from __future__ import annotations

from pathlib import Path

import black
import pytest

from generator.format import Formatter, GeneratedCodeError

UGLY = "x=[1,2,\n 3]\ndef f( a ):\n  return a\n"
PRETTY = "x = [1, 2, 3]\n\n\ndef f(a):\n    return a\n"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every source black.format_str is asked to format."""
    calls: list[str] = []
    real = black.format_str

    def counting(src_contents: str, *, mode: black.Mode) -> str:
        calls.append(src_contents)
        return real(src_contents, mode=mode)

    monkeypatch.setattr(black, "format_str", counting)
    return calls


def test_formats_python_with_black(tmp_path: Path) -> None:
    assert Formatter(tmp_path).format_file("m.py", UGLY) == PRETTY


def test_second_format_hits_the_cache(tmp_path: Path, counted: list[str]) -> None:
    first = Formatter(tmp_path).format_file("m.py", UGLY)
    second = Formatter(tmp_path).format_file("m.py", UGLY)  # a new instance: the cache is on disk
    assert first == second == PRETTY
    assert counted == [UGLY]
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 1


def test_cache_is_keyed_by_content(tmp_path: Path, counted: list[str]) -> None:
    formatter = Formatter(tmp_path)
    formatter.format_file("m.py", UGLY)
    assert formatter.format_file("m.py", UGLY + "y=1\n") == PRETTY + "\n\ny = 1\n"
    assert len(counted) == 2


def test_cached_entry_is_what_is_returned(tmp_path: Path, counted: list[str]) -> None:
    Formatter(tmp_path).format_file("m.py", UGLY)
    [entry] = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert entry.read_text() == PRETTY
    assert not list(tmp_path.rglob("*.tmp")), "no scratch file left behind"


def test_without_cache_black_runs_every_time(counted: list[str]) -> None:
    formatter = Formatter(None)
    formatter.format_file("m.py", UGLY)
    formatter.format_file("m.py", UGLY)
    assert len(counted) == 2


def test_non_python_files_pass_through(tmp_path: Path, counted: list[str]) -> None:
    files = Formatter(tmp_path).format_files(
        {"README.md": "x=1\n", "pyproject.toml": "a=1\n", "m.py": UGLY}
    )
    assert files == {"README.md": b"x=1\n", "pyproject.toml": b"a=1\n", "m.py": PRETTY.encode()}
    assert counted == [UGLY]


def test_unwritable_cache_does_not_stop_formatting(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert Formatter(blocker).format_file("m.py", UGLY) == PRETTY


def test_invalid_python_raises_generated_code_error(tmp_path: Path) -> None:
    with pytest.raises(
        GeneratedCodeError, match=r"pkg/broken\.py: the generated code is not valid Python"
    ):
        Formatter(tmp_path).format_file("pkg/broken.py", "def f(:\n    pass\n")
    assert not [p for p in tmp_path.rglob("*") if p.is_file()], "a failure must not be cached"


def test_invalid_python_is_not_served_from_a_valid_cache(tmp_path: Path) -> None:
    formatter = Formatter(tmp_path)
    formatter.format_file("m.py", UGLY)
    with pytest.raises(GeneratedCodeError):
        formatter.format_file("m.py", UGLY + "class:\n")


def test_parallel_formatting_gives_the_same_bytes(tmp_path: Path) -> None:
    files = {
        f"pkg/module_{i}.py": f"x  =  {{ 'a' : {i} }}\ndef f( y ) :\n  return y\n" for i in range(5)
    }
    files["README.md"] = "# kept as it is  \n"
    serial = Formatter(cache_dir=None, workers=1).format_files(files)
    parallel = Formatter(cache_dir=tmp_path, workers=2).format_files(files)
    assert parallel == serial
    assert serial["pkg/module_3.py"] == b'x = {"a": 3}\n\n\ndef f(y):\n    return y\n'
    assert serial["README.md"] == b"# kept as it is  \n"
    # the workers filled the cache: a second run reads it back identically
    assert Formatter(cache_dir=tmp_path, workers=2).format_files(files) == serial
