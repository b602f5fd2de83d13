# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""One batch item as strict JSON bytes, or a clear reason why it cannot be sent.

Strict where `json.dumps` is lenient: NaN and Infinity are not JSON (Akeneo would refuse the whole
request of a JSON-array batch), and a string holding a lone surrogate (what `surrogateescape`
decoding leaves behind) cannot be UTF-8. Each such item fails alone, before anything is sent.

`encode_body` is the batch path: `_links` stripped, then pydantic-core's `to_json` (several times
faster than `json`) for an item made only of plain JSON values, which one Python walk checks (the
walk replaces the copy `strip_links` made anyway). Anything else — a NaN, a datetime, a Decimal,
a non-string key, a float whose text the two encoders write differently, a lone surrogate (which
`to_json` refuses) — goes to the strict encoder, so the bytes and the refusals are the same as
`encode_item(strip_links(value))`.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic_core import PydanticSerializationError, to_json

from ._serialization import _json_default as json_default
from ._serialization import strip_links

__all__ = ["ItemEncodingError", "encode_body", "encode_item"]

_ENCODER = json.JSONEncoder(
    separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=json_default
)


class ItemEncodingError(ValueError):
    """Why an item cannot be sent as JSON; the message is meant for the batch report."""


def encode_item(value: object) -> tuple[bytes, int]:
    """(UTF-8 JSON bytes, length in characters, which Akeneo's line limit counts)."""
    try:
        text = _ENCODER.encode(value)
    except ValueError as exc:
        if "Out of range float" in str(exc):
            raise ItemEncodingError("NaN and Infinity are not JSON numbers") from None
        raise ItemEncodingError(str(exc)) from None
    except TypeError as exc:
        raise ItemEncodingError(str(exc)) from None
    except RecursionError:
        raise ItemEncodingError("it holds a circular reference or is nested too deeply") from None
    try:
        return text.encode("utf-8"), len(text)
    except UnicodeEncodeError as exc:
        where = text[max(0, exc.start - 20) : exc.start]
        raise ItemEncodingError(
            f"it holds a lone surrogate {text[exc.start]!r} (after {where!r}), which UTF-8 cannot "
            "encode; decode the source with errors='replace' or fix its encoding"
        ) from None


class _NotPlain(Exception):
    """The item holds a value the fast path does not write exactly as the strict encoder does."""


# In this range (and at 0) both encoders write a float without exponent; outside, 1e-05 vs 0.000015.
_FLOAT_LOW = 1e-4
_FLOAT_HIGH = 1e16


def _plain_float(value: float) -> bool:
    size = abs(value)
    return size == 0.0 or _FLOAT_LOW <= size < _FLOAT_HIGH  # NaN and Infinity compare False


_PLAIN_LEAVES = frozenset((str, int, bool, type(None)))


def _check_dict(value: dict[Any, Any], top: bool) -> None:
    # Checks without copying: the top-level `_links` is left out by to_json's `exclude`; a nested
    # one (rare) makes the item take the strict path, which strips it.
    for key, item in value.items():
        if type(key) is not str:
            raise _NotPlain
        if key == "_links":
            if top:
                continue
            raise _NotPlain
        kind = type(item)
        if kind in _PLAIN_LEAVES:
            continue
        if kind is dict:
            _check_dict(item, False)
        elif kind is list:
            _check_list(item)
        elif kind is not float or not _plain_float(item):
            raise _NotPlain


def _check_list(value: list[Any]) -> None:
    for item in value:
        kind = type(item)
        if kind in _PLAIN_LEAVES:
            continue
        if kind is dict:
            _check_dict(item, False)
        elif kind is list:
            _check_list(item)
        elif kind is not float or not _plain_float(item):
            raise _NotPlain


_TOP_LINKS: set[str] = {"_links"}  # to_json wants a set


def encode_body(value: object) -> tuple[bytes, int]:
    """`encode_item(strip_links(value))`: the same bytes or the same refusal, faster if plain."""
    if type(value) is dict:
        try:
            _check_dict(value, True)
            data = to_json(value, exclude=_TOP_LINKS)
        except (_NotPlain, PydanticSerializationError, RecursionError):
            pass
        else:
            return data, len(data) if data.isascii() else len(data.decode("utf-8"))
    return encode_item(strip_links(value))
