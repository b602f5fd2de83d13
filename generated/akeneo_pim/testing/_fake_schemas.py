# Runtime of akeneo_pim.testing, the fake PIM: static file copied verbatim from templates/testing/.
"""Request bodies checked against the spec's request types, as the fake receives them.

The request types of `akeneo_pim.params` are generated from the spec's schemas, so a pydantic
`TypeAdapter` of a route's body type checks a body against the spec: JSON types, required fields,
enums, the shapes of nested objects. Keys the type does not name are left to Akeneo's own rules
(the merge and value checks of `_fake_merge`).
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .. import params

# Enough to say what is wrong without drowning the answer.
MAX_ERRORS = 10


def body_errors(type_name: str, body: Any) -> list[dict[str, Any]]:
    """Akeneo-style `errors` entries for what the request type `type_name` refuses in `body`."""
    try:
        _adapter(type_name).validate_python(body, strict=True)
    except ValidationError as refused:
        return [
            {"property": _property(error["loc"]), "message": f"{error['msg']}."}
            for error in refused.errors(include_url=False)[:MAX_ERRORS]
        ]
    return []


@functools.cache
def _adapter(type_name: str) -> TypeAdapter[Any]:
    return TypeAdapter(getattr(params, type_name))


def _property(location: tuple[int | str, ...]) -> str:
    """`values.name.0.locale`, as Akeneo names a property path; the body itself when empty."""
    return ".".join(str(part) for part in location) or "body"
