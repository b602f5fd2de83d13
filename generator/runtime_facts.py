"""Facts about the hand-written runtime the generated code relies on, read from its source with
`ast` so that they are written once, in the runtime: which module defines each public name, and
which exception class each documented error status raises."""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

RUNTIME = Path(__file__).resolve().parent.parent / "templates" / "runtime"
ERRORS_MODULE = "_errors"
STATUS_TABLE = "_STATUS_CLASSES"


class RuntimeFactError(RuntimeError):
    """The runtime no longer has a fact the generator reads from it."""


def defining_modules(runtime: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Each public name defined at the top of a runtime module, and the modules (`_batch`) that
    define it: one, unless it is a module's own helper such as a TypeVar."""
    return dict(_defining_modules(runtime or RUNTIME))


def module_of(name: str, runtime: Path | None = None) -> str:
    """The runtime module that defines `name`, for the generated code's imports."""
    modules = defining_modules(runtime).get(name, ())
    if len(modules) != 1:
        where = f"in {', '.join(modules)}" if modules else "nowhere"
        raise RuntimeFactError(f"the runtime defines {name!r} {where}: it must define it once")
    return modules[0]


def status_classes(runtime: Path | None = None) -> dict[str, str]:
    """The runtime's exception class for each error status with a class of its own (`"404"`)."""
    return dict(_status_classes(runtime or RUNTIME))


def exception_for(status: str) -> str:
    """The exception class the runtime raises for a documented error status: its own class from
    the table, else (as `status_error_class` decides) InternalServerError or APIStatusError."""
    specific = status_classes().get(status)
    if specific is not None:
        return specific
    return "InternalServerError" if status.startswith("5") else "APIStatusError"


@functools.cache
def _defining_modules(runtime: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    found: dict[str, list[str]] = {}
    for path in sorted(runtime.glob("*.py")):
        for name in _top_level_names(_parse(path)):
            if not name.startswith("_") and path.stem not in found.get(name, []):
                found.setdefault(name, []).append(path.stem)
    return tuple((name, tuple(modules)) for name, modules in sorted(found.items()))


def _top_level_names(tree: ast.Module) -> Iterator[str]:
    """Names a module defines at its top level (also inside top-level if/try blocks)."""
    statements: list[ast.stmt] = list(tree.body)
    while statements:
        node = statements.pop(0)
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name
        elif isinstance(node, ast.Assign):
            yield from (t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            yield node.target.id
        elif isinstance(node, ast.If | ast.Try):
            statements.extend(node.body)
            statements.extend(node.orelse)


@functools.cache
def _status_classes(runtime: Path) -> tuple[tuple[str, str], ...]:
    path = runtime / f"{ERRORS_MODULE}.py"
    for node in _parse(path).body:
        targets, value = _assignment(node)
        if any(isinstance(t, ast.Name) and t.id == STATUS_TABLE for t in targets):
            return _status_pairs(value, path)
    raise RuntimeFactError(f"{path}: no {STATUS_TABLE} table of status codes and classes")


def _assignment(node: ast.stmt) -> tuple[list[ast.expr], ast.expr | None]:
    """The targets and value of a top-level assignment (annotated or not); none otherwise."""
    if isinstance(node, ast.AnnAssign):
        return [node.target], node.value
    if isinstance(node, ast.Assign):
        return list(node.targets), node.value
    return [], None


def _status_pairs(value: ast.expr | None, path: Path) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, ast.Dict):
        raise RuntimeFactError(f"{path}: {STATUS_TABLE} is no literal dict")
    pairs = []
    for key, item in zip(value.keys, value.values, strict=True):
        status = key.value if isinstance(key, ast.Constant) else None
        name = item.id if isinstance(item, ast.Name) else None
        if isinstance(item, ast.Attribute):
            name = item.attr
        if not isinstance(status, int | str) or name is None:
            raise RuntimeFactError(
                f"{path}:{item.lineno}: {STATUS_TABLE} entries must be `status: ClassName`"
            )
        pairs.append((str(status), name))
    return tuple(pairs)


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
