"""The pagination extension against the paging parameters the operation declares.

The extension names the modes the contract tests try; the parameters are what the generated
`list()` sends (`generator/build/list_defaults.py`). Both say how an endpoint pages, so a spec
where they disagree is refused here rather than tested in a mode the client never uses.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .document import iter_operations, operation_pointer, resolve
from .errors import SpecProblem
from .extensions import PAGINATION
from .load import LoadedSpec


def pagination_problems(spec: LoadedSpec) -> Iterator[SpecProblem]:
    """Each operation whose pagination extension is not what its parameters say."""
    for path, method, operation in iter_operations(spec.document):
        declared = PAGINATION.value(operation)
        implied = implied_mode(_query_parameters(spec.document, path, operation))
        if declared == implied:
            continue
        where = operation_pointer(path, method)
        if declared is None:
            yield spec.problem(
                f"{method.upper()} {path} has paging parameters ({implied}) but no"
                f" {PAGINATION.name}",
                where,
            )
        elif implied is None:
            yield spec.problem(
                f"{PAGINATION.name} is {declared!r} but {method.upper()} {path} declares no"
                " paging parameter (`page`, `search_after` or `pagination_type`)",
                f"{where}/{PAGINATION.name}",
            )
        else:
            yield spec.problem(
                f"{PAGINATION.name} is {declared!r} but the parameters of {method.upper()} {path}"
                f" say {implied!r}",
                f"{where}/{PAGINATION.name}",
            )


def implied_mode(parameters: dict[str, dict[str, Any]]) -> str | None:
    """The paging mode a set of query parameters (by name) allows, or None if it has none."""
    choice = parameters.get("pagination_type")
    if choice is not None:
        modes = set(choice.get("schema", {}).get("enum", ()))
        if {"page", "search_after"} <= modes:
            return "page_or_search_after"
    if "search_after" in parameters:
        return "search_after"
    if "page" in parameters:
        return "page"
    return None


def _query_parameters(
    document: dict[str, Any], path: str, operation: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    item = document["paths"][path]
    found: dict[str, dict[str, Any]] = {}
    for reference in [*item.get("parameters", []), *operation.get("parameters", [])]:
        parameter = resolve(document, reference)
        if parameter.get("in") == "query" and isinstance(parameter.get("name"), str):
            found[parameter["name"]] = parameter
    return found
