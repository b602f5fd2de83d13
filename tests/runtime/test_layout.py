"""How the runtime is laid out: no import cycle, and `_errors.py` holds the exception classes."""

from __future__ import annotations

import ast
import inspect
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from akeneo_runtime_under_test import _errors as errors

RUNTIME = Path(__file__).resolve().parents[2] / "templates" / "runtime"


def runtime_imports() -> dict[str, set[str]]:
    """Module -> the runtime modules it imports, `if TYPE_CHECKING:` imports included."""
    graph: dict[str, set[str]] = {}
    for path in sorted(RUNTIME.glob("*.py")):
        imported = graph.setdefault(path.stem, set())
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    imported.add(node.module)
                else:
                    imported.update(alias.name for alias in node.names)
    return graph


def test_runtime_modules_import_each_other_without_a_cycle() -> None:
    graph = runtime_imports()
    assert "_batch" in graph["_client_async"] and "_retry" in graph["_errors"]  # the graph is read
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        raise AssertionError(f"import cycle: {' -> '.join(error.args[1])}") from None
    assert set(order) >= set(graph)


def test_errors_module_holds_the_exception_classes_and_the_status_table_only() -> None:
    defined = [
        value
        for value in vars(errors).values()
        if getattr(value, "__module__", None) == errors.__name__
    ]
    classes = [value for value in defined if inspect.isclass(value)]
    functions = sorted(value.__name__ for value in defined if inspect.isfunction(value))
    # ValidationErrorDetail: one entry of an APIStatusError's `errors`.
    assert [cls for cls in classes if not issubclass(cls, Exception)] == [
        errors.ValidationErrorDetail
    ]
    assert functions == ["_server_message", "status_error_class"]
    assert errors._STATUS_CLASSES[422] is errors.UnprocessableEntityError  # read by the generator
