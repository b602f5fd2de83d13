"""Diff two sides: HTTP API changes from the bundled documents, client changes from the IR."""

from __future__ import annotations

from dataclasses import replace

from .api import diff_api
from .changes import Change, DiffReport
from .client import MODELS_GROUP, diff_client
from .extensions import diff_extensions, method_names
from .sides import Side


def diff_sides(base: Side, head: Side) -> DiffReport:
    """Every change from `base` to `head`, API changes grouped under the client resource."""
    by_tag = {r.tag: r.attribute for r in base.api.resources}
    by_tag.update({r.tag: r.attribute for r in head.api.resources})
    documents = (base.spec.document, head.spec.document)
    api_changes = [
        replace(c, group=by_tag.get(c.group, c.group))
        for c in (*diff_api(*documents), *diff_extensions(*documents, method_names(head.api)))
    ]
    changes: list[Change] = [*api_changes, *diff_client(base.api, head.api)]
    return DiffReport(base.label, head.label, list(dict.fromkeys(changes)))


def group_titles(base: Side, head: Side) -> dict[str, str]:
    """Heading of each group: `akeneo.channels (Channel)`."""
    titles = {MODELS_GROUP: "Models and request types", "(security schemes)": "Security schemes"}
    for side in (base, head):
        for resource in side.api.resources:
            titles[resource.attribute] = f"akeneo.{resource.attribute} ({resource.tag})"
    return titles
