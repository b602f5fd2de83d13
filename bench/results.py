"""bench/results.md: each benchmark owns a marked section (bench_generate's heads the file)."""

from __future__ import annotations

from pathlib import Path


def write_section(target: Path, start: str, end: str, lines: list[str]) -> None:
    """Replace the text between the `start` and `end` markers, or append the section; print it."""
    section = "\n".join([start, *lines, end])
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + section + rest.split(end, 1)[1]
    else:
        text = (text.rstrip("\n") + "\n\n" if text.strip() else "") + section + "\n"
    target.write_text(text, encoding="utf-8")
    print(section)
