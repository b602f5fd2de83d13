"""Companion documents: a second curated OpenAPI document generated into the same package.

A companion sits in a subdirectory of the main spec's directory, `<spec>/<directory>/openapi.yaml`
(the main document never references it, so its loader and validator do not see it). It goes
through the same stages (load, validate, build) and templates, into modules of its own: its
resources beside the main ones in `resources/`, its models and request types in
`<module>_models.py` / `<module>_params.py`, and its client classes in `<module>.py`, which
subclass a runtime base that knows the companion's host and authentication. A copy of the spec
directory carries its companions along, so it generates the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT_FILE = "openapi.yaml"


@dataclass(frozen=True)
class Companion:
    """One companion document and the client generated from it."""

    directory: str  # under the main spec's directory
    module: str  # the public module of its clients: `akeneo_pim.<module>`
    client_class: str
    async_client_class: str
    base_class: str  # runtime base class (host, authentication)
    async_base_class: str
    reexports: tuple[str, ...] = ()  # more names of the base's runtime module, offered publicly


# The known companions; a subdirectory not listed here is an ordinary part of the main spec.
COMPANIONS = (
    Companion(
        directory="event-platform",
        module="event_platform",
        client_class="EventPlatform",
        async_client_class="AsyncEventPlatform",
        base_class="EventPlatformClient",
        async_base_class="AsyncEventPlatformClient",
        reexports=("EventPlatformLimitError",),
    ),
)


def companion_documents(root: Path) -> list[tuple[Companion, Path]]:
    """The companions present beside the main root document `root`, with their root files."""
    found = []
    for companion in COMPANIONS:
        document = root.parent / companion.directory / ROOT_FILE
        if document.is_file():
            found.append((companion, document))
    return found
