"""The diff of the companion documents (`generator/companions.py`) of two sides, merged into the
main report: each companion's groups and client names are prefixed with its module
(`event_platform.subscribers`), so that they never mix with the main document's. A companion
present on one side only is compared with an empty document: all of it is added (or removed)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..build import build_api
from ..companions import COMPANIONS, ROOT_FILE, Companion
from ..errors import SpecError
from ..load import load_spec
from ..validate import validate as validate_spec
from .changes import Change
from .client import MODELS_GROUP
from .engine import diff_sides, group_titles
from .sides import Side, SideError

_EMPTY = "openapi: 3.1.0\ninfo: {{title: {title}, version: '0'}}\npaths: {{}}\n"


def companion_changes(
    base: Side, head: Side, scratch: Path, validate: bool
) -> tuple[list[Change], dict[str, str]]:
    """The changes of every companion from `base` to `head`, and the titles of their groups."""
    changes: list[Change] = []
    titles: dict[str, str] = {}
    for companion in COMPANIONS:
        documents = [s.spec.root.parent / companion.directory / ROOT_FILE for s in (base, head)]
        if not any(document.is_file() for document in documents):
            continue
        sides = [
            _side(side, document, companion, scratch / f"{companion.directory}-{n}", validate)
            for n, (side, document) in enumerate(zip((base, head), documents, strict=True))
        ]
        prefix = f"{companion.module}."
        for change in diff_sides(*sides).changes:
            group = f"{prefix}{'models' if change.group == MODELS_GROUP else change.group}"
            subject = change.subject.replace("akeneo.", prefix, 1)
            changes.append(replace(change, group=group, subject=subject))
        for group, title in group_titles(*sides).items():
            if group == MODELS_GROUP:
                titles[f"{prefix}models"] = f"{companion.module}: {title}"
            else:
                titles[f"{prefix}{group}"] = title.replace("akeneo.", prefix, 1)
    return changes, titles


def _side(side: Side, document: Path, companion: Companion, scratch: Path, validate: bool) -> Side:
    label = f"{side.label}:{companion.directory}"
    if not document.is_file():
        scratch.mkdir(parents=True, exist_ok=True)
        document = scratch / ROOT_FILE
        document.write_text(_EMPTY.format(title=companion.module), encoding="utf-8")
    try:
        spec = load_spec(document)
        if validate:
            validate_spec(spec)
        return Side(label, spec, build_api(spec))
    except SpecError as error:
        problems = [str(p) for p in error.problems]
        raise SideError(f"{label}: the spec has {len(problems)} problem(s)", problems) from error
