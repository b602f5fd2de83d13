# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""The `akeneo_pim` logger. Only the method, URL, status and timing are logged: never headers or
bodies, which carry tokens, the client secret and the password."""

from __future__ import annotations

import logging

__all__ = ["log_request", "log_retry", "logger"]

logger = logging.getLogger("akeneo_pim")


def log_request(
    operation_id: str, method: str, url: str, status: int | str, duration: float
) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("%s %s -> %s in %.3fs (%s)", method, url, status, duration, operation_id)


def log_retry(operation_id: str, method: str, url: str, reason: str, delay: float) -> None:
    logger.info("retrying %s %s (%s) in %.2fs after %s", method, url, operation_id, delay, reason)
