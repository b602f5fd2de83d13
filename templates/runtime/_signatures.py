# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Webhook signatures: the Event Platform's HMAC of the raw body and the legacy Events API's HMAC
of `<timestamp>.<body>`, checked in constant time. Public through `akeneo_pim.events`.

Framework-agnostic: the body is the raw `bytes` the server received (never a re-serialised JSON:
any whitespace or key order change breaks the HMAC) and the headers any mapping or list of pairs,
looked up case-insensitively.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, cast

from ._errors import AkeneoError

__all__ = [
    "ALGORITHM",
    "ALGORITHM_HEADER",
    "LEGACY_SIGNATURE_HEADER",
    "LEGACY_TIMESTAMP_HEADER",
    "PRIMARY_HEADER",
    "SECONDARY_HEADER",
    "HeaderItems",
    "HeaderSource",
    "MalformedSignatureError",
    "MissingSignatureHeaderError",
    "SignatureError",
    "SignatureMismatchError",
    "StaleTimestampError",
    "UnsupportedAlgorithmError",
    "legacy_signature",
    "signature",
    "verify_legacy_signature",
    "verify_signature",
]

PRIMARY_HEADER = "X-AKENEO-SIGNATURE-PRIMARY"
SECONDARY_HEADER = "X-AKENEO-SIGNATURE-SECONDARY"
ALGORITHM_HEADER = "X-AKENEO-SIGNATURE-ALGORITHM"
ALGORITHM = "HmacSHA256"  # the only value the platform sends today
LEGACY_SIGNATURE_HEADER = "X-Akeneo-Request-Signature"
LEGACY_TIMESTAMP_HEADER = "X-Akeneo-Request-Timestamp"
DEFAULT_MAX_AGE = 300.0  # Akeneo gives no window for the legacy scheme: 5 minutes is our choice


class HeaderItems(Protocol):
    """Anything with `items()`: a dict, httpx/Starlette/Werkzeug headers, `email.message.Message`
    (the headers of `http.server`)."""

    def items(self) -> Iterable[tuple[str, str]]: ...


# A headers mapping, or the raw (name, value) pairs of an ASGI scope.
HeaderSource = Mapping[str, str] | HeaderItems | Iterable[tuple[str | bytes, str | bytes]]
Secret = str | bytes


class SignatureError(AkeneoError):
    """A webhook request failed signature verification; the message says which check failed.
    Answer such a request with 401 and do not process it."""


class MissingSignatureHeaderError(SignatureError):
    """A header the scheme needs is absent or empty."""


class MalformedSignatureError(SignatureError):
    """A signature or timestamp header holds something that is no hex digest or no number."""


class UnsupportedAlgorithmError(SignatureError):
    """The algorithm header names an algorithm other than HmacSHA256."""


class SignatureMismatchError(SignatureError):
    """No signature matches the body under any given secret: the body was changed on the way
    (a flipped byte, a re-serialised JSON) or the secret is not the subscription's."""


class StaleTimestampError(SignatureError):
    """The legacy timestamp lies outside the replay window (too old, or too far ahead)."""


def signature(body: bytes, secret: Secret) -> str:
    """Lower-case hex HMAC-SHA256 of the raw body: what the platform puts in its headers."""
    return hmac.new(_key(secret), body, hashlib.sha256).hexdigest()


def legacy_signature(body: bytes, secret: Secret, timestamp: int) -> str:
    """Lower-case hex HMAC-SHA256 of `<timestamp>.<body>` (the legacy Events API scheme)."""
    signed = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(_key(secret), signed, hashlib.sha256).hexdigest()


def verify_signature(
    body: bytes, headers: HeaderSource, secrets: Secret | Sequence[Secret]
) -> None:
    """Check an Event Platform delivery (or notification webhook); return None when it is genuine.

    `secrets` is one secret or several (the primary and the secondary during a rotation, or the
    secrets of several subscriptions): the request passes when the primary or secondary signature
    header matches the body under any of them. No timestamp is signed: protect against replays
    by de-duplicating on the event `id` (`EventDeduplicator`). A missing algorithm header is read
    as HmacSHA256, the only algorithm documented.

    Raises a `SignatureError` subclass naming the failed check.
    """
    _check_body(body)
    keys = _keys(secrets)
    found = _header_lookup(headers)
    algorithm = found.get(ALGORITHM_HEADER.lower())
    if algorithm is not None and algorithm.strip().lower() != ALGORITHM.lower():
        raise UnsupportedAlgorithmError(
            f"{ALGORITHM_HEADER} is {algorithm!r}: only {ALGORITHM!r} is supported"
        )
    given = {
        name: found[name.lower()]
        for name in (PRIMARY_HEADER, SECONDARY_HEADER)
        if found.get(name.lower(), "").strip()
    }
    if not given:
        raise MissingSignatureHeaderError(
            f"the request has no {PRIMARY_HEADER} (nor {SECONDARY_HEADER}) header"
        )
    digests = {name: _hex_digest(name, value) for name, value in given.items()}
    expected = [hmac.new(key, body, hashlib.sha256).digest() for key in keys]
    # Every comparison runs, so the time taken does not tell which header or secret matched.
    matched = False
    for digest in digests.values():
        for candidate in expected:
            matched |= hmac.compare_digest(candidate, digest)
    if not matched:
        raise SignatureMismatchError(
            f"{' and '.join(digests)} match(es) the body under none of the {len(keys)} "
            "secret(s) given: the body changed on the way, or the secret is wrong"
        )


def verify_legacy_signature(
    body: bytes,
    headers: HeaderSource,
    secret: Secret,
    *,
    max_age: float = DEFAULT_MAX_AGE,
    now: float | None = None,
) -> None:
    """Check a legacy Events API delivery (retired on 2026-12-31); return None when genuine.

    The signature is checked first, then that `X-Akeneo-Request-Timestamp` (Unix seconds) is at
    most `max_age` seconds away from `now` (default: the current time), in either direction.
    Akeneo documents no window; 300 s is this client's default.

    Raises a `SignatureError` subclass naming the failed check.
    """
    _check_body(body)
    key = _keys(secret)[0]
    found = _header_lookup(headers)
    for name in (LEGACY_SIGNATURE_HEADER, LEGACY_TIMESTAMP_HEADER):
        if not found.get(name.lower(), "").strip():
            raise MissingSignatureHeaderError(f"the request has no {name} header")
    raw_timestamp = found[LEGACY_TIMESTAMP_HEADER.lower()].strip()
    if not raw_timestamp.isascii() or not raw_timestamp.isdigit():
        raise MalformedSignatureError(
            f"{LEGACY_TIMESTAMP_HEADER} is {raw_timestamp[:40]!r}, not Unix seconds"
        )
    digest = _hex_digest(LEGACY_SIGNATURE_HEADER, found[LEGACY_SIGNATURE_HEADER.lower()])
    signed = raw_timestamp.encode("ascii") + b"." + body
    if not hmac.compare_digest(hmac.new(key, signed, hashlib.sha256).digest(), digest):
        raise SignatureMismatchError(
            f"{LEGACY_SIGNATURE_HEADER} does not match '<timestamp>.<body>' under the secret "
            "given: the body or timestamp changed on the way, or the secret is wrong"
        )
    age = (time.time() if now is None else now) - int(raw_timestamp)
    if abs(age) > max_age:
        where = "old" if age > 0 else "in the future"
        raise StaleTimestampError(
            f"{LEGACY_TIMESTAMP_HEADER} is {abs(age):.0f} s {where}, over the {max_age:g} s "
            "replay window"
        )


def _check_body(body: object) -> None:
    if not isinstance(body, bytes | bytearray | memoryview):
        raise TypeError(
            f"body must be the raw request bytes, got {type(body).__name__}: a decoded or "
            "re-serialised body no longer matches the signature"
        )


def _key(secret: Secret) -> bytes:
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    if not isinstance(secret, bytes) or not secret:
        raise ValueError("a webhook secret must be a non-empty str or bytes")
    return secret


def _keys(secrets: Secret | Sequence[Secret]) -> list[bytes]:
    listed = [secrets] if isinstance(secrets, str | bytes) else list(secrets)
    if not listed:
        raise ValueError("secrets is empty: give at least one webhook secret")
    return [_key(secret) for secret in listed]


def _header_lookup(headers: HeaderSource) -> dict[str, str]:
    """Lower-cased name -> value (the first one of a repeated header)."""
    items = getattr(headers, "items", None)
    pairs: Iterable[tuple[str | bytes, str | bytes]] = (
        items() if callable(items) else cast(Iterable[tuple[str | bytes, str | bytes]], headers)
    )
    found: dict[str, str] = {}
    for name, value in pairs:
        text_name = name.decode("latin-1") if isinstance(name, bytes) else name
        text_value = value.decode("latin-1") if isinstance(value, bytes) else value
        found.setdefault(text_name.lower(), text_value)
    return found


def _hex_digest(name: str, value: str) -> bytes:
    text = value.strip()
    try:
        digest = bytes.fromhex(text)
    except ValueError:
        digest = b""
    if len(digest) != hashlib.sha256().digest_size:
        raise MalformedSignatureError(
            f"{name} is no hex SHA-256 digest (64 hex digits): got {len(text)} characters"
        )
    return digest
