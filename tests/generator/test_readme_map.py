"""The README's "Where to change what" names files, functions, tests and commands that exist."""

from __future__ import annotations

import ast
import re

from .helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
_SECTION = re.search(r"^## Where to change what\n(.*?)^## ", README, re.S | re.M)
SECTION = _SECTION.group(1) if _SECTION else ""
# `path/file.py`, `path/file.py:function`, `dir/`; not globs or placeholders (`<resource>`)
_PATH = re.compile(r"`((?:\.\./)?[\w./-]+/[\w./-]*|[\w-]+\.(?:py|md|yaml|tsv|json))(?::(\w+))?`")


def _candidates(name: str) -> list[str]:
    """Where a bare or relative name may live: as written, or under the folders the table uses."""
    if "/" in name:
        return [name]
    return [f"templates/runtime/{name}", f"generator/{name}", f"tests/generator/{name}", name]


def test_the_section_exists_and_names_things() -> None:
    assert SECTION, "README.md has no '## Where to change what' section"
    assert len(_PATH.findall(SECTION)) >= 20


def test_every_path_it_names_exists() -> None:
    missing = []
    for name, function in _PATH.findall(SECTION):
        name = name.rstrip(".")
        found = [ROOT / c for c in _candidates(name) if (ROOT / c).exists()]
        if not found:
            missing.append(name)
            continue
        if function:
            tree = ast.parse(found[0].read_text(encoding="utf-8"))
            kinds = (ast.FunctionDef, ast.ClassDef)
            names = {n.name for n in ast.walk(tree) if isinstance(n, kinds)}
            if function not in names:
                missing.append(f"{name}:{function}")
    assert not missing, f"README 'Where to change what' names what does not exist: {missing}"


def test_every_make_target_it_names_exists() -> None:
    targets = set(re.findall(r"`make ([\w-]+)", SECTION))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    defined = set(re.findall(r"^([\w-]+):", makefile, re.M))
    assert targets and targets <= defined, targets - defined


def test_every_module_it_runs_has_a_main() -> None:
    modules = sorted(set(re.findall(r"python -m ([\w.]+)", SECTION)))
    assert modules
    for module in modules:
        source = ROOT / (module.replace(".", "/") + ".py")
        assert source.exists(), module
        assert 'if __name__ == "__main__":' in source.read_text(encoding="utf-8"), module
