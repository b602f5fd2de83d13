"""What the build reads of our `x-` extensions, each through the registry's accessor.

The names, places and meanings live in `generator/extensions.py` (one entry per extension).
"""

from __future__ import annotations

from typing import Any

from ..extensions import (
    APP_TOKEN,
    BATCH,
    CODE_HEADER,
    DEPRECATED,
    ENTERPRISE,
    KEEP_SLASHES,
    PAGINATION,
    PYTHON_METHOD,
    PYTHON_NAME,
    PYTHON_NOMINAL,
    PYTHON_READ,
    PYTHON_SECRET,
    SAAS_ONLY,
    SEARCH,
)


def python_name(tag: dict[str, Any]) -> str:
    """The resource's attribute on the client."""
    return PYTHON_NAME.required(tag)


def python_method(operation: dict[str, Any]) -> str:
    """The operation's method name on its resource."""
    return PYTHON_METHOD.required(operation)


def deprecation_text(operation: dict[str, Any]) -> str | None:
    """Why a deprecated operation is (a default text when it says nothing)."""
    if not operation.get("deprecated"):
        return None
    return DEPRECATED.read(operation) or "This operation is deprecated."


def code_header(operation: dict[str, Any]) -> str | None:
    """The answer header that carries the code of an uploaded file."""
    return CODE_HEADER.read(operation)


def batch(operation: dict[str, Any]) -> Any:
    """Format and key of a collection PATCH (None when absent)."""
    return BATCH.value(operation)


def paginated(operation: dict[str, Any]) -> bool:
    """The answer is a page of a list."""
    return PAGINATION.present(operation)


def notes(operation: dict[str, Any]) -> list[str]:
    """Where the operation works: Enterprise only, SaaS only, App token only."""
    found = []
    if ENTERPRISE.read(operation):
        found.append("Enterprise Edition only.")
    if SAAS_ONLY.read(operation):
        found.append("Only on Akeneo's SaaS (Serenity), not on-premise.")
    if APP_TOKEN.read(operation):
        found.append("Needs an App token (a connected App), not a connection's token.")
    return found


def flags(operation: dict[str, Any]) -> list[str]:
    """Short labels of the same facts, and deprecation, for the README's resource table."""
    found = []
    if ENTERPRISE.read(operation):
        found.append("EE")
    if SAAS_ONLY.read(operation):
        found.append("SaaS")
    if APP_TOKEN.read(operation):
        found.append("App token")
    if operation.get("deprecated") is True:
        found.append("deprecated")
    return found


def search(parameter: dict[str, Any]) -> bool:
    """The parameter is Akeneo's `search` filter (JSON in a query string)."""
    return SEARCH.read(parameter)


def keep_slashes(parameter: dict[str, Any]) -> bool:
    """The path parameter's slashes are sent as they are."""
    return KEEP_SLASHES.read(parameter)


def read_as_dict(schema: dict[str, Any]) -> bool:
    """The read side of the schema is a TypedDict, not a pydantic model."""
    return PYTHON_READ.read(schema) == "dict"


def secret(prop: Any) -> bool:
    """The property holds a secret, left out of the model's repr."""
    return isinstance(prop, dict) and PYTHON_SECRET.read(prop)


def nominal(schema: dict[str, Any]) -> bool:
    """The map schema's request type is a dict subclass of its own, not a `Mapping` alias."""
    return PYTHON_NOMINAL.read(schema)
