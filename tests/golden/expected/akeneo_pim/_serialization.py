# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Turning request bodies (dicts, TypedDicts, pydantic models) into compact JSON."""

from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

__all__ = ["dumps_compact", "to_body"]


def _json_default(value: object) -> object:
    # Types people naturally put in a dict body; Akeneo wants them as strings.
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def dumps_compact(value: object) -> str:
    """JSON without insignificant spaces, non-ASCII kept as is (Akeneo counts characters)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=_json_default)


def strip_links(value: Any) -> Any:
    """Drop every `_links` key: links are read-only in Akeneo and must not be sent back."""
    if isinstance(value, Mapping):
        return {key: strip_links(item) for key, item in value.items() if key != "_links"}
    if isinstance(value, list):
        return [strip_links(item) for item in value]
    return value


def to_body(value: object) -> Any:
    """A body as plain JSON-able data: models dumped by alias with only the fields that were set."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return strip_links(value)
