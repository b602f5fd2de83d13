"""Webhook signature checks: the worked examples of event-platform.md §8 pass, and each way a
request can be wrong fails with its own error class and a message naming the check."""

from __future__ import annotations

import json
from typing import Any

import pytest
from akeneo_runtime_under_test import events
from akeneo_runtime_under_test._errors import AkeneoError

from tests.runtime import event_vectors as v

HEADERS = {
    "X-AKENEO-SIGNATURE-PRIMARY": v.PRIMARY_SIGNATURE,
    "X-AKENEO-SIGNATURE-SECONDARY": v.SECONDARY_SIGNATURE,
    "X-AKENEO-SIGNATURE-ALGORITHM": "HmacSHA256",
}
LEGACY_HEADERS = {
    "X-Akeneo-Request-Signature": v.LEGACY_SIGNATURE,
    "X-Akeneo-Request-Timestamp": str(v.LEGACY_TIMESTAMP),
}


def flipped(body: bytes, at: int) -> bytes:
    return body[:at] + bytes([body[at] ^ 0x01]) + body[at + 1 :]


def test_signature_gives_the_worked_examples() -> None:
    assert events.signature(v.PRODUCT_DELETED, v.PRIMARY_SECRET) == v.PRIMARY_SIGNATURE
    assert events.signature(v.PRODUCT_DELETED, v.SECONDARY_SECRET) == v.SECONDARY_SIGNATURE
    assert events.signature(v.NOTIFICATION, v.NOTIFICATION_SECRET) == v.NOTIFICATION_SIGNATURE
    assert (
        events.legacy_signature(v.LEGACY_BODY, v.LEGACY_SECRET, v.LEGACY_TIMESTAMP)
        == v.LEGACY_SIGNATURE
    )
    assert events.signature(v.LEGACY_BODY, v.LEGACY_SECRET) == v.LEGACY_BODY_ONLY_SIGNATURE


@pytest.mark.parametrize(
    "secrets",
    [
        v.PRIMARY_SECRET,
        v.SECONDARY_SECRET,
        [v.PRIMARY_SECRET, v.SECONDARY_SECRET],
        ["another-subscription-secret", v.SECONDARY_SECRET],
        v.PRIMARY_SECRET.encode(),
    ],
)
def test_the_worked_example_passes_with_either_secret(secrets: str | bytes | list[str]) -> None:
    assert events.verify_signature(v.PRODUCT_DELETED, HEADERS, secrets) is None


def test_rotation_only_secondary_header_matches() -> None:
    # The subscription's primary secret was rotated: only the secondary header still matches
    # the secret this receiver knows.
    headers = {**HEADERS, "X-AKENEO-SIGNATURE-PRIMARY": "00" * 32}
    events.verify_signature(v.PRODUCT_DELETED, headers, v.SECONDARY_SECRET)
    with pytest.raises(events.SignatureMismatchError):
        events.verify_signature(v.PRODUCT_DELETED, headers, v.PRIMARY_SECRET)


def test_header_names_and_hex_case_do_not_matter() -> None:
    lower = {name.lower(): value.upper() for name, value in HEADERS.items()}
    events.verify_signature(v.PRODUCT_DELETED, lower, v.PRIMARY_SECRET)
    asgi_pairs = [(name.lower().encode(), value.encode()) for name, value in HEADERS.items()]
    events.verify_signature(v.PRODUCT_DELETED, asgi_pairs, v.PRIMARY_SECRET)


def test_the_notification_webhook_example_passes_with_its_single_header() -> None:
    headers = {
        "x-akeneo-signature-primary": v.NOTIFICATION_SIGNATURE,
        "x-akeneo-signature-algorithm": "HmacSHA256",
        "content-type": "application/json",
        "user-agent": "akeneo/event-platform",
    }
    events.verify_signature(v.NOTIFICATION, headers, v.NOTIFICATION_SECRET)


@pytest.mark.parametrize("at", [0, 250, 500])
def test_a_flipped_body_byte_is_a_mismatch(at: int) -> None:
    with pytest.raises(events.SignatureMismatchError, match="changed on the way"):
        events.verify_signature(flipped(v.PRODUCT_DELETED, at), HEADERS, v.PRIMARY_SECRET)


def test_a_re_serialised_body_is_a_mismatch() -> None:
    reserialised = json.dumps(json.loads(v.PRODUCT_DELETED)).encode()
    assert events.signature(reserialised, v.PRIMARY_SECRET) == v.RESERIALISED_SIGNATURE
    with pytest.raises(events.SignatureMismatchError):
        events.verify_signature(reserialised, HEADERS, v.PRIMARY_SECRET)


def test_a_wrong_secret_is_a_mismatch_naming_the_headers_and_secret_count() -> None:
    with pytest.raises(events.SignatureMismatchError) as caught:
        events.verify_signature(v.PRODUCT_DELETED, HEADERS, ["wrong-one", "wrong-two"])
    message = str(caught.value)
    assert "X-AKENEO-SIGNATURE-PRIMARY and X-AKENEO-SIGNATURE-SECONDARY" in message
    assert "2 secret(s)" in message
    assert "wrong-one" not in message  # a secret never lands in a message


@pytest.mark.parametrize("value", ["", "   "])
def test_a_missing_signature_header_has_its_own_error(value: str) -> None:
    headers = {"X-AKENEO-SIGNATURE-PRIMARY": value, "X-AKENEO-SIGNATURE-ALGORITHM": "HmacSHA256"}
    with pytest.raises(events.MissingSignatureHeaderError, match="no X-AKENEO-SIGNATURE-PRIMARY"):
        events.verify_signature(v.PRODUCT_DELETED, headers, v.PRIMARY_SECRET)
    with pytest.raises(events.MissingSignatureHeaderError):
        events.verify_signature(v.PRODUCT_DELETED, {}, v.PRIMARY_SECRET)


@pytest.mark.parametrize(
    "value", ["not-hex", v.PRIMARY_SIGNATURE[:-2], v.PRIMARY_SIGNATURE + "00", "zz" * 32]
)
def test_a_signature_that_is_no_sha256_hex_is_malformed(value: str) -> None:
    headers = {"X-AKENEO-SIGNATURE-PRIMARY": value}
    with pytest.raises(events.MalformedSignatureError, match="64 hex digits"):
        events.verify_signature(v.PRODUCT_DELETED, headers, v.PRIMARY_SECRET)


def test_an_unknown_algorithm_is_refused_and_a_missing_one_is_hmac_sha256() -> None:
    with pytest.raises(events.UnsupportedAlgorithmError, match="'HmacSHA512'"):
        events.verify_signature(
            v.PRODUCT_DELETED,
            {**HEADERS, "X-AKENEO-SIGNATURE-ALGORITHM": "HmacSHA512"},
            v.PRIMARY_SECRET,
        )
    headers = {"X-AKENEO-SIGNATURE-PRIMARY": v.PRIMARY_SIGNATURE}
    events.verify_signature(v.PRODUCT_DELETED, headers, v.PRIMARY_SECRET)


def test_every_signature_error_is_an_akeneo_error() -> None:
    for cls in (
        events.MissingSignatureHeaderError,
        events.MalformedSignatureError,
        events.UnsupportedAlgorithmError,
        events.SignatureMismatchError,
        events.StaleTimestampError,
    ):
        assert issubclass(cls, events.SignatureError)
    assert issubclass(events.SignatureError, AkeneoError)


def test_a_decoded_body_or_no_secret_is_a_usage_error() -> None:
    with pytest.raises(TypeError, match="raw request bytes"):
        decoded: Any = v.PRODUCT_DELETED.decode()
        events.verify_signature(decoded, HEADERS, v.PRIMARY_SECRET)
    with pytest.raises(ValueError, match="secrets is empty"):
        events.verify_signature(v.PRODUCT_DELETED, HEADERS, [])
    with pytest.raises(ValueError, match="non-empty"):
        events.verify_signature(v.PRODUCT_DELETED, HEADERS, "")


# ------------------------------------------------------------------------------- legacy scheme
def test_the_legacy_worked_example_passes_within_the_window() -> None:
    for now in (v.LEGACY_TIMESTAMP, v.LEGACY_TIMESTAMP + 299.0, v.LEGACY_TIMESTAMP - 299.0):
        assert (
            events.verify_legacy_signature(v.LEGACY_BODY, LEGACY_HEADERS, v.LEGACY_SECRET, now=now)
            is None
        )
    lower = {name.lower(): value for name, value in LEGACY_HEADERS.items()}
    events.verify_legacy_signature(
        v.LEGACY_BODY, lower, v.LEGACY_SECRET, now=v.LEGACY_TIMESTAMP + 3500, max_age=3600
    )


def test_a_stale_legacy_timestamp_has_its_own_error() -> None:
    with pytest.raises(events.StaleTimestampError, match="301 s old, over the 300 s"):
        events.verify_legacy_signature(
            v.LEGACY_BODY, LEGACY_HEADERS, v.LEGACY_SECRET, now=v.LEGACY_TIMESTAMP + 301
        )
    with pytest.raises(events.StaleTimestampError, match="in the future"):
        events.verify_legacy_signature(
            v.LEGACY_BODY, LEGACY_HEADERS, v.LEGACY_SECRET, now=v.LEGACY_TIMESTAMP - 400
        )
    # without `now`, the clock says 2020 is long gone
    with pytest.raises(events.StaleTimestampError):
        events.verify_legacy_signature(v.LEGACY_BODY, LEGACY_HEADERS, v.LEGACY_SECRET)


def test_the_legacy_signature_covers_the_timestamp_body_flips_and_secret() -> None:
    now = float(v.LEGACY_TIMESTAMP)
    moved = {**LEGACY_HEADERS, "X-Akeneo-Request-Timestamp": str(v.LEGACY_TIMESTAMP + 1)}
    body_only = {**LEGACY_HEADERS, "X-Akeneo-Request-Signature": v.LEGACY_BODY_ONLY_SIGNATURE}
    cases = [
        (v.LEGACY_BODY, moved, v.LEGACY_SECRET),
        (v.LEGACY_BODY, body_only, v.LEGACY_SECRET),
        (flipped(v.LEGACY_BODY, 100), LEGACY_HEADERS, v.LEGACY_SECRET),
        (v.LEGACY_BODY, LEGACY_HEADERS, "not-the-secret"),
    ]
    for body, headers, secret in cases:
        with pytest.raises(events.SignatureMismatchError, match=r"<timestamp>\.<body>"):
            events.verify_legacy_signature(body, headers, secret, now=now)


@pytest.mark.parametrize("missing", ["X-Akeneo-Request-Signature", "X-Akeneo-Request-Timestamp"])
def test_a_missing_legacy_header_has_its_own_error_naming_it(missing: str) -> None:
    headers = {name: value for name, value in LEGACY_HEADERS.items() if name != missing}
    with pytest.raises(events.MissingSignatureHeaderError, match=f"no {missing} header"):
        events.verify_legacy_signature(v.LEGACY_BODY, headers, v.LEGACY_SECRET)


@pytest.mark.parametrize("value", ["1602565368.5", "yesterday", "-1602565368", "١٢٣"])
def test_a_legacy_timestamp_that_is_no_unix_seconds_is_malformed(value: str) -> None:
    headers = {**LEGACY_HEADERS, "X-Akeneo-Request-Timestamp": value}
    with pytest.raises(events.MalformedSignatureError, match="not Unix seconds"):
        events.verify_legacy_signature(v.LEGACY_BODY, headers, v.LEGACY_SECRET)
