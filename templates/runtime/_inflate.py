# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Inflating compressed answers a bounded piece at a time.

httpx inflates each network read whole: a 64 KiB read of a gzip bomb becomes tens of megabytes at
once. The client reads raw bytes instead and inflates them here with `max_length`, so memory stays
bounded by `PIECE_SIZE` per step whatever the compression ratio; JSON answers are also capped in
total (`MAX_JSON_BYTES`, in `_responses.py`). Only the encodings the client asks for are accepted.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Final

__all__ = ["ACCEPT_ENCODING", "BoundedInflater", "UnsupportedEncoding"]

# What the client asks for: no brotli/zstd, whose decoders may not be installed or bounded.
ACCEPT_ENCODING: Final = "gzip, deflate"
PIECE_SIZE: Final = 64 * 1024


class UnsupportedEncoding(ValueError):
    """The answer uses a Content-Encoding the client did not ask for."""


class BoundedInflater:
    """Decodes one body's raw chunks in pieces of at most `PIECE_SIZE` bytes."""

    def __init__(self, content_encoding: str | None) -> None:
        names = [name.strip().lower() for name in (content_encoding or "").split(",")]
        names = [name for name in names if name and name != "identity"]
        if len(names) > 1:
            raise UnsupportedEncoding(f"stacked Content-Encoding {content_encoding!r}")
        self._name = names[0] if names else None
        self._inflater: zlib._Decompress | None = None
        self._deflate_raw_checked = False
        if self._name in ("gzip", "x-gzip"):
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif self._name == "deflate":
            self._inflater = zlib.decompressobj()
        elif self._name is not None:
            raise UnsupportedEncoding(f"Content-Encoding {self._name!r} was not asked for")

    def feed(self, chunk: bytes) -> Iterator[bytes]:
        """The decoded pieces of one raw chunk."""
        if self._inflater is None:
            if chunk:
                yield chunk
            return
        if self._name == "deflate" and not self._deflate_raw_checked and chunk:
            # "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
            self._deflate_raw_checked = True
            if chunk[0] & 0x0F != 8:
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        data = chunk
        while data:
            try:
                piece = self._inflater.decompress(data, PIECE_SIZE)
            except zlib.error as exc:
                raise UnsupportedEncoding(f"the {self._name} body is corrupt: {exc}") from None
            if piece:
                yield piece
            data = self._inflater.unconsumed_tail
            if not piece and not data:
                break

    def flush(self) -> Iterator[bytes]:
        """Whatever is left once the raw body has ended, in pieces."""
        if self._inflater is None:
            return
        while True:
            try:
                piece = self._inflater.decompress(b"", PIECE_SIZE)
            except zlib.error as exc:
                raise UnsupportedEncoding(f"the {self._name} body is corrupt: {exc}") from None
            if not piece:
                break
            yield piece
