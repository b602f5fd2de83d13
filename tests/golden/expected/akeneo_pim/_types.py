# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Small shared types: the NOT_GIVEN sentinel, type aliases and per-call request options."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Final, Literal, TypeAlias

import httpx

__all__ = [
    "NOT_GIVEN",
    "FileInput",
    "Headers",
    "NotGiven",
    "Query",
    "RequestOptions",
    "Timeout",
]


class NotGiven:
    """Marks an argument the caller did not pass, so that `None` can keep its own meaning.

    `timeout=None` means "no timeout"; `timeout=NOT_GIVEN` means "use the client's default".
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        # A singleton keeps `is NOT_GIVEN` checks reliable, even after copies.
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __copy__(self) -> NotGiven:
        return self

    def __deepcopy__(self, memo: object) -> NotGiven:
        return self


NOT_GIVEN: Final = NotGiven()

Timeout: TypeAlias = float | httpx.Timeout | None
Headers: TypeAlias = Mapping[str, str]
Query: TypeAlias = Mapping[str, object]
FileInput: TypeAlias = str | os.PathLike[str] | bytes | IO[bytes]


@dataclass(frozen=True, slots=True)
class RequestOptions:
    """Per-call escape hatches that every generated method accepts.

    `max_retries` (an addition to the contract) overrides the client's retry count for one call.
    """

    timeout: Timeout | NotGiven = NOT_GIVEN
    extra_headers: Headers | None = None
    extra_query: Query | None = None
    max_retries: int | NotGiven = NOT_GIVEN


DEFAULT_OPTIONS: Final = RequestOptions()
