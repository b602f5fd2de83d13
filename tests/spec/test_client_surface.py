"""The generated client has exactly one sync and one async method for every operation of the spec.

The operations of the client are the module-level `Endpoint` constants of akeneo_pim.resources.*; a
method uses an operation when its code loads that constant. Needs generated/ (`make generate`).
"""

from __future__ import annotations

import typing
from collections import defaultdict

import pytest

from generator.companions import companion_documents
from generator.document import iter_operations
from generator.load import load_spec

from .support import SPEC, client_surface, import_client, spec_document, spec_operations


def _methods_by_operation() -> dict[tuple[str, str], list[str]]:
    _, methods, _ = client_surface()
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for method in methods:
        found[(method.operation_id, method.flavour)].append(f"{method.cls.__name__}.{method.name}")
    return found


def _companion_operation_ids() -> set[str]:
    """The operations of the companion documents beside the spec (generator/companions.py): their
    resources are generated into the same package."""
    return {
        node["operationId"]
        for _, document in companion_documents(SPEC)
        for _, _, node in iter_operations(load_spec(document).document)
    }


def test_the_client_has_one_endpoint_per_operation_of_the_spec() -> None:
    endpoints, _, _ = client_surface()
    companions = _companion_operation_ids()
    assert "create_subscription" in companions
    ours, theirs = set(spec_operations()) | companions, set(endpoints)
    assert not ours - theirs, (
        f"operations of the spec missing from the client: {sorted(ours - theirs)}"
    )
    assert not theirs - ours, f"client endpoints that are not in the spec: {sorted(theirs - ours)}"


def test_endpoints_have_the_spec_method_and_path() -> None:
    endpoints, _, _ = client_surface()
    problems = [
        f"{operation_id}: client {endpoint.method} {endpoint.path}, spec "
        f"{spec_operations()[operation_id].method} {spec_operations()[operation_id].path}"
        for operation_id, endpoint in sorted(endpoints.items())
        if operation_id in spec_operations()
        and (endpoint.method.upper(), endpoint.path)
        != (spec_operations()[operation_id].method, spec_operations()[operation_id].path)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_each_operation_is_used_by_exactly_one_method(flavour: str) -> None:
    found = _methods_by_operation()
    problems = []
    for operation_id in sorted(spec_operations()):
        users = found.get((operation_id, flavour), [])
        if len(users) != 1:
            problems.append(f"{operation_id}: {len(users)} {flavour} methods {users}")
    assert not problems, "\n".join(problems)


def test_method_names_follow_x_python_method() -> None:
    _, methods, _ = client_surface()
    problems = []
    for method in methods:
        operation = spec_operations().get(method.operation_id)
        expected = operation.node.get("x-python-method") if operation else None
        if expected and method.name != expected:
            problems.append(
                f"{method.operation_id}: {method.cls.__name__}.{method.name}, "
                f"x-python-method says {expected}"
            )
    assert not problems, "\n".join(problems)


def test_every_tag_has_a_python_name() -> None:
    tags = spec_document().get("tags", [])
    missing = [tag.get("name") for tag in tags if not tag.get("x-python-name")]
    assert not missing, f"tags without x-python-name: {missing}"
    names = [tag["x-python-name"] for tag in tags]
    assert len(names) == len(set(names)), f"duplicate x-python-name: {names}"


def test_every_operation_tag_is_declared() -> None:
    declared = {tag["name"] for tag in spec_document().get("tags", [])}
    problems = [
        f"{operation_id}: tags {operation.node.get('tags')}"
        for operation_id, operation in sorted(spec_operations().items())
        if len(operation.node.get("tags", [])) != 1 or operation.node["tags"][0] not in declared
    ]
    assert not problems, "operations without exactly one declared tag:\n" + "\n".join(problems)


@pytest.mark.parametrize("client_name", ["Akeneo", "AsyncAkeneo"])
def test_each_operation_is_reachable_through_its_tag_resource(client_name: str) -> None:
    client = getattr(import_client(), client_name)
    flavour = "async" if client_name.startswith("Async") else "sync"
    python_names = {tag["name"]: tag.get("x-python-name") for tag in spec_document()["tags"]}
    _, methods, _ = client_surface()
    classes_of = defaultdict(set)
    for method in methods:
        if method.flavour == flavour:
            classes_of[method.operation_id].add(method.cls)
    problems = []
    for operation_id, operation in sorted(spec_operations().items()):
        tag = operation.node.get("tags", ["?"])[0]
        name = python_names.get(tag)
        attribute = client.__dict__.get(name) if name else None
        if attribute is None:
            problems.append(f"{operation_id}: {client_name} has no resource {name!r} (tag {tag!r})")
            continue
        getter = getattr(attribute, "func", getattr(attribute, "fget", None))
        resource_class = typing.get_type_hints(getter).get("return") if getter else None
        if resource_class not in classes_of.get(operation_id, set()):
            problems.append(
                f"{operation_id}: {client_name}.{name} gives {resource_class}: no method for it"
            )
    assert not problems, "\n".join(problems)
