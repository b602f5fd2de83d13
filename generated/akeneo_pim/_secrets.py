# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Secrets held masked, and scrubbed out of whatever a server sends back.

A `Secret` never shows its value in `repr`/`str`, so a debugger, an error reporter capturing frame
locals (sentry-sdk does by default) or a log line sees `Secret('**********')`. `SecretScrubber`
knows every secret value the client holds or has held (client secret, password, the Basic header,
tokens) and replaces them in server text before it reaches an error message, a repr or a log.
"""

from __future__ import annotations

import base64
import threading
from collections import deque
from collections.abc import Iterable, Mapping
from typing import Final
from urllib.parse import quote, quote_plus

__all__ = ["MASK", "Secret", "SecretScrubber"]

MASK: Final = "**********"
# Forms shorter than this are not scrubbed: replacing "a" everywhere would garble any message.
# Tokens are opaque server values and scrubbed from this length; caller-chosen values must also
# be `distinctive`.
_MIN_SCRUBBED_LENGTH: Final = 4
# Tokens rotate; the last few stay known so that an echo of a just-replaced one is still hidden.
_REMEMBERED_TOKENS: Final = 16


class Secret:
    """A string that never shows itself in repr/str, so it cannot leak into logs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret('{MASK}')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


def distinctive(value: str) -> bool:
    """Whether a caller-chosen value (password, client secret) can be told from ordinary words in
    a server's message: a password "password" is not replaced in "the password is required"."""
    return len(value) >= 12 or (len(value) >= 6 and not value.isalpha())


def _variants(value: str) -> set[str]:
    """The forms a server may echo a value in: as is, JSON-escaped, URL-encoded."""
    forms = {value, quote(value, safe=""), quote_plus(value, safe="")}
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    forms.add(escaped)
    return {form for form in forms if len(form) >= _MIN_SCRUBBED_LENGTH}


class SecretScrubber:
    """Every secret value of one client; `scrub` replaces them by the mask in server text."""

    def __init__(self, secrets: Iterable[Secret | None] = ()) -> None:
        self._lock = threading.Lock()
        self._fixed: set[str] = set()
        self._tokens: deque[str] = deque(maxlen=_REMEMBERED_TOKENS)
        self._forms: tuple[str, ...] = ()
        for secret in secrets:
            if secret is not None and distinctive(secret.get()):
                self._fixed |= _variants(secret.get())

    def add_basic(self, client_id: str, secret: Secret) -> None:
        """The Basic header's base64 value: a server echoing the header leaks the secret."""
        raw = base64.b64encode(f"{client_id}:{secret.get()}".encode()).decode("ascii")
        with self._lock:
            self._fixed |= _variants(raw)
            self._forms = ()

    def add_token(self, token: Secret) -> None:
        with self._lock:
            if token.get() not in self._tokens:
                self._tokens.append(token.get())
                self._forms = ()

    def _all_forms(self) -> tuple[str, ...]:
        with self._lock:
            if not self._forms:
                forms = set(self._fixed)
                for token in self._tokens:
                    forms |= _variants(token)
                # Longest first, so that a value containing another is replaced whole.
                self._forms = tuple(sorted(forms, key=len, reverse=True))
            return self._forms

    def scrub_text(self, text: str) -> str:
        for form in self._all_forms():
            if form in text:
                text = text.replace(form, MASK)
        return text

    def scrub(self, value: object) -> object:
        """`value` (decoded JSON or text) with every secret replaced; other values as they are."""
        if isinstance(value, str):
            return self.scrub_text(value)
        if isinstance(value, Mapping):
            return {self.scrub_text(str(key)): self.scrub(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.scrub(item) for item in value]
        return value

    def scrub_bytes(self, content: bytes) -> bytes:
        forms = self._all_forms()
        if not any(form.encode() in content for form in forms):
            return content
        for form in forms:
            content = content.replace(form.encode(), MASK.encode())
        return content

    def __repr__(self) -> str:
        return "<SecretScrubber>"
