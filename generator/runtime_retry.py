"""The statuses the runtime retries, read from its `_retry.py` for the generated README.

An `ast` read: the generator does not import the runtime (it needs httpx, pydantic), and the
README then cannot list statuses that the client does not retry.
"""

from __future__ import annotations

import ast
from pathlib import Path

TABLE = "RETRYABLE_STATUSES"


class RuntimeFactError(Exception):
    """The runtime no longer holds the fact in the shape this reader knows."""


def retried_statuses(retry_module: Path) -> list[int]:
    """The sorted codes of `RETRYABLE_STATUSES = frozenset({...})` in `retry_module`."""
    tree = ast.parse(retry_module.read_text("utf-8"), filename=str(retry_module))
    for node in tree.body:
        if not isinstance(node, ast.Assign | ast.AnnAssign):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if not any(isinstance(target, ast.Name) and target.id == TABLE for target in targets):
            continue
        value = node.value
        if (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id == "frozenset"
            and len(value.args) == 1
        ):
            codes = ast.literal_eval(value.args[0])
            if isinstance(codes, set | frozenset | list | tuple) and all(
                isinstance(code, int) for code in codes
            ):
                return sorted(codes)
    raise RuntimeFactError(f"{retry_module}: no `{TABLE} = frozenset({{...}})` of status codes")
