# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Base class of every response model."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

__all__ = ["AkeneoModel"]


class AkeneoModel(BaseModel):
    """Lenient pydantic model: unknown fields are kept, so a model read can be sent back unchanged.

    Akeneo adds fields between versions and editions; refusing them would break old clients on
    new PIMs. `to_dict()` gives the body form: aliases (`_links`), JSON types and only the fields
    that were set, so a `null` the server sent stays apart from a field it did not send.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        arbitrary_types_allowed=False,
    )

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)
