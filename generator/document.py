"""Reading the bundled OpenAPI document: JSON pointers, $refs and operations, for every stage."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def split_pointer(pointer: str) -> list[str]:
    if pointer in ("", "/"):
        return []
    return [unescape_pointer_token(t) for t in pointer.lstrip("/").split("/")]


def iter_operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) for every operation, in document order."""
    for path, item in document.get("paths", {}).items():
        for method in HTTP_METHODS:
            if isinstance(item.get(method), dict):
                yield path, method, item[method]


def operation_pointer(path: str, method: str) -> str:
    return f"/paths/{escape_pointer_token(path)}/{method}"


def resolve(document: dict[str, Any], value: Any) -> Any:
    """Follow internal $refs until a value that is not a reference."""
    seen: set[str] = set()
    while isinstance(value, dict) and isinstance(value.get("$ref"), str):
        ref = value["$ref"]
        if ref in seen or not ref.startswith("#"):
            raise ValueError(f"cannot resolve {ref!r}")
        seen.add(ref)
        node: Any = document
        for token in split_pointer(ref[1:]):
            node = node[int(token)] if isinstance(node, list) else node[token]
        value = node
    return value
