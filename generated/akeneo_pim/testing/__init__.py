# Runtime of akeneo_pim.testing, the fake PIM: static file copied verbatim from templates/testing/.
"""Test your own Akeneo code without a PIM: `FakeAkeneo`, an in-memory PIM behind an httpx
transport, and a pytest plugin (`akeneo_fake`, `akeneo`, `async_akeneo` fixtures)."""

from ._fake import BASE_URL, FakeAkeneo, RecordedRequest

__all__ = ["BASE_URL", "FakeAkeneo", "RecordedRequest"]
