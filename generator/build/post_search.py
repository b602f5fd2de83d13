"""A list's POST twin: where a search too long for a URL goes (POST /products-uuid/search).

Derived from the spec, no extension: a GET list whose resource also has a POST list at the same
path plus `/search` sends a listing longer than the runtime's `MAX_URL_BYTES` (or one the server
refuses with 414) there, filters in the JSON body and pagination in the query string. The list's
docstring says so, with the numbers read (by `ast`) from the runtime's `_post_search.py`.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from functools import cache

from ..ir import Operation
from ..runtime_facts import RUNTIME
from ..signature import signature

_NOTE = (
    "A search too long for a URL (over {MAX_URL_BYTES:,} bytes, or refused by the server with "
    "414) is sent as POST {path} by itself, with the same filters and options in the body; "
    "every page is asked for with that body, and a cursor resumes there. That route exists on "
    "Akeneo SaaS only: elsewhere such a search raises SearchError. Its limits "
    "({MAX_SEARCH_CRITERIA} criteria, {MAX_SEARCH_ARRAY_ITEMS} items per list value, "
    "{MAX_SEARCH_ATTRIBUTES} attributes) are checked before sending."
)


def link_post_searches(operations: list[Operation]) -> list[Operation]:
    """The operations of one resource, each GET list that has a POST twin pointing to it."""
    twins = {
        op.path: op for op in operations if op.http_method == "POST" and op.kind == "paginate"
    }
    linked = []
    for op in operations:
        twin = twins.get(op.path + "/search")
        if op.http_method != "GET" or op.kind != "paginate" or twin is None:
            linked.append(op)
            continue
        path = twin.path.removeprefix("/api/rest/v1")
        notes = (*op.notes, _NOTE.format(path=path, **runtime_limits()))
        found = replace(op, post_search=twin.constant, notes=notes)
        linked.append(replace(found, signature=signature(found)))
    return linked


@cache
def runtime_limits() -> dict[str, int]:
    """The integer constants of the runtime's `_post_search.py` (`MAX_URL_BYTES`, ...)."""
    source = RUNTIME / "_post_search.py"
    found: dict[str, int] = {}
    for node in ast.parse(source.read_text("utf-8"), filename=str(source)).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            value = node.value.value
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(value, int):
                    found[target.id] = value
    return found
