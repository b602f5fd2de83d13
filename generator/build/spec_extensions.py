"""Every `x-` extension the build reads, one accessor each, so that each is read in one place.

What each extension means is documented in spec/README.md.
"""

from __future__ import annotations

from typing import Any


def python_name(tag: dict[str, Any]) -> str:
    """x-python-name: the resource's attribute on the client."""
    return str(tag["x-python-name"])


def python_method(operation: dict[str, Any]) -> str:
    """x-python-method: the operation's method name on its resource."""
    return str(operation["x-python-method"])


def deprecation_text(operation: dict[str, Any]) -> str | None:
    """x-akeneo-deprecated: why a deprecated operation is (a default text when it says nothing)."""
    if not operation.get("deprecated"):
        return None
    return str(operation.get("x-akeneo-deprecated", "This operation is deprecated."))


def code_header(operation: dict[str, Any]) -> str | None:
    """x-akeneo-code-header: the answer header that carries the code of an uploaded file."""
    value = operation.get("x-akeneo-code-header")
    return None if value is None else str(value)


def batch(operation: dict[str, Any]) -> Any:
    """x-akeneo-batch: format and key of a collection PATCH (None when absent)."""
    return operation.get("x-akeneo-batch")


def paginated(operation: dict[str, Any]) -> bool:
    """x-akeneo-pagination: the answer is a page of a list."""
    return "x-akeneo-pagination" in operation


def notes(operation: dict[str, Any]) -> list[str]:
    """x-akeneo-enterprise, x-akeneo-saas-only, x-akeneo-app-token: where the operation works."""
    found = []
    if operation.get("x-akeneo-enterprise"):
        found.append("Enterprise Edition only.")
    if operation.get("x-akeneo-saas-only"):
        found.append("Only on Akeneo's SaaS (Serenity), not on-premise.")
    if operation.get("x-akeneo-app-token"):
        found.append("Needs an App token (a connected App), not a connection's token.")
    return found


def search(parameter: dict[str, Any]) -> bool:
    """x-akeneo-search: the parameter is Akeneo's `search` filter (JSON in a query string)."""
    return bool(parameter.get("x-akeneo-search"))


def keep_slashes(parameter: dict[str, Any]) -> bool:
    """x-akeneo-keep-slashes: the path parameter's slashes are sent as they are."""
    return bool(parameter.get("x-akeneo-keep-slashes"))


def read_as_dict(schema: dict[str, Any]) -> bool:
    """x-python-read: dict: the read side of the schema is a TypedDict, not a pydantic model."""
    return schema.get("x-python-read") == "dict"


def secret(prop: Any) -> bool:
    """x-python-secret: the property holds a secret, left out of the model's repr."""
    return isinstance(prop, dict) and bool(prop.get("x-python-secret"))
