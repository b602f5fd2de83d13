"""Build the IR from the validated, bundled document: resources, operations, models, names.

`operations` turns each operation into a method (its request body in `bodies`), `resources` groups
them by tag, `models` builds the classes the operations reach, `uniqueness` checks that the names
declared side by side differ, and `spec_extensions` is the one place each `x-` extension is read.
"""

from __future__ import annotations

from collections import defaultdict

from ..document import iter_operations
from ..errors import SpecError
from ..ir import Api, Operation
from ..load import LoadedSpec
from ..naming import docstring
from . import uniqueness
from .context import BuildContext
from .models import build_models
from .operations import build_operation
from .post_search import link_post_searches
from .request_types import fit_bodies
from .resources import build_resource

__all__ = ["build_api"]


def build_api(spec: LoadedSpec) -> Api:
    """The whole IR; raises SpecError with every problem the spec has for the generator."""
    context = BuildContext(spec)
    document = context.document
    tags = {tag["name"]: tag for tag in document.get("tags", [])}
    by_tag: dict[str, list[Operation]] = defaultdict(list)
    for path, method, operation in iter_operations(document):
        by_tag[operation["tags"][0]].append(build_operation(context, path, method, operation))
    resources = [
        build_resource(context, tags[tag], link_post_searches(fit_bodies(ops)))
        for tag, ops in by_tag.items()
    ]
    uniqueness.check_resources(context, resources)
    models = build_models(context)
    problems = context.all_problems()
    if problems:
        raise SpecError(problems)
    info = document.get("info", {})
    return Api(
        title=info.get("title", ""),
        version=str(info.get("version", "")),
        description=docstring(info.get("description", "")),
        resources=tuple(sorted(resources, key=lambda r: r.attribute)),
        models=models,
    )
