# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Receiving Akeneo events: webhook signature checks, de-duplication, typed CloudEvents.

```python
from akeneo_pim import events

events.verify_signature(body, headers, [primary_secret, secondary_secret])  # raises SignatureError
```
Everything here works on the raw request `bytes` and a headers mapping, whatever the framework.
"""

from __future__ import annotations

from ._dedup import DEFAULT_MAX_IDS, EventDeduplicator
from ._signatures import (
    ALGORITHM,
    ALGORITHM_HEADER,
    LEGACY_SIGNATURE_HEADER,
    LEGACY_TIMESTAMP_HEADER,
    PRIMARY_HEADER,
    SECONDARY_HEADER,
    HeaderSource,
    MalformedSignatureError,
    MissingSignatureHeaderError,
    SignatureError,
    SignatureMismatchError,
    StaleTimestampError,
    UnsupportedAlgorithmError,
    legacy_signature,
    signature,
    verify_legacy_signature,
    verify_signature,
)

__all__ = [
    "ALGORITHM",
    "ALGORITHM_HEADER",
    "DEFAULT_MAX_IDS",
    "LEGACY_SIGNATURE_HEADER",
    "LEGACY_TIMESTAMP_HEADER",
    "PRIMARY_HEADER",
    "SECONDARY_HEADER",
    "EventDeduplicator",
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
