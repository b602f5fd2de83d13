# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""One batch item as strict JSON bytes, or a clear reason why it cannot be sent.

Strict where `json.dumps` is lenient: NaN and Infinity are not JSON (Akeneo would refuse the whole
request of a JSON-array batch), and a string holding a lone surrogate (what `surrogateescape`
decoding leaves behind) cannot be UTF-8. Each such item fails alone, before anything is sent.
"""

from __future__ import annotations

import json

from ._serialization import _json_default as json_default

__all__ = ["ItemEncodingError", "encode_item"]

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
