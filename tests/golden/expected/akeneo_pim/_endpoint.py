# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""The static description of one API operation, written by the generator for each method."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Endpoint"]


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One operation of the Akeneo API.

    `path` is a template such as `/api/rest/v1/attributes/{attribute_code}/options/{code}`; the
    runtime substitutes and percent-encodes the parameters. Names listed in `keep_slashes` keep
    their `/` unescaped (media file codes contain slashes; Akeneo expects them as path segments).
    """

    operation_id: str
    method: str
    path: str
    keep_slashes: frozenset[str] = frozenset()
    authenticated: bool = True
    deprecated: str | None = None
    # The token route: the connection's client id and secret go as Basic credentials.
    client_credentials: bool = False
