"""The fake's own pytest fixtures (the `pytest11` plugin of an installed package), imported here
because the tests run the package from generated/ without installing it."""

from akeneo_pim.testing.pytest_plugin import akeneo, akeneo_fake, async_akeneo

__all__ = ["akeneo", "akeneo_fake", "async_akeneo"]
