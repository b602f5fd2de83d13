"""Availability flags: what Akeneo's Swagger file says about each covered operation is carried by
our spec's extensions and shown by the generated client.

Akeneo's file (operations.md flag) -> our spec -> generated client:
- x-ee (EE) -> x-akeneo-enterprise: true -> docstring "Enterprise Edition only."
- x-versions == ["SaaS"] (SaaS-only) -> x-akeneo-saas-only: true -> "Only on Akeneo's SaaS ..."
- x-deprecated (DEPRECATED) -> deprecated: true and x-akeneo-deprecated (why, what replaces it)
  -> docstring "Deprecated: <x-akeneo-deprecated>" and Endpoint.deprecated set
- x-app-token (app-token) -> x-akeneo-app-token: true -> "Needs an App token ..."
- x-no-token (no-auth) -> security: [] (no bearer token) -> Endpoint.authenticated False

The one exception to `security: []`: the token route (`post_token`) is x-no-token in Akeneo's file
but sends the connection's client id and secret as Basic credentials, so our spec gives it
`security: [{basicAuth: []}]`: still no bearer token.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from .support import (
    client_surface,
    covered_operation_ids,
    reference_script,
    spec_document,
    spec_operations,
)

BASIC_AUTH_OPERATIONS = {"post_token"}  # no bearer token, but the client's Basic credentials
# x-no-token in Akeneo's file, but the authentication guide lists only the API root and the token
# route as token-free, and the official PHP client sends its token here: so does our spec.
TOKEN_SENT_ANYWAY = {"get_system_information"}

DOC_NOTES = {
    "enterprise": "Enterprise Edition only.",
    "saas_only": "Only on Akeneo's SaaS (Serenity), not on-premise.",
    "app_token": "Needs an App token (a connected App), not a connection's token.",
}

COVERED = covered_operation_ids()


def _expected(operation_id: str) -> dict[str, bool]:
    script = reference_script()
    operations = script.reference_operations(_reference())
    flags = dict(script.flags(operations[operation_id][2]))
    if operation_id in TOKEN_SENT_ANYWAY:
        flags["no_auth"] = False
    return flags


@cache
def _reference() -> dict[str, Any]:
    reference: dict[str, Any] = reference_script().load_reference()
    return reference


def _security(node: dict[str, Any]) -> list[dict[str, Any]]:
    security: list[dict[str, Any]] = node.get("security", spec_document().get("security", []))
    return security


def _ours(operation_id: str) -> dict[str, bool]:
    node = spec_operations()[operation_id].node
    requirements = _security(node)
    uses_bearer = any("bearerAuth" in requirement for requirement in requirements)
    return {
        "enterprise": node.get("x-akeneo-enterprise") is True,
        "saas_only": node.get("x-akeneo-saas-only") is True,
        "deprecated": node.get("deprecated") is True,
        "app_token": node.get("x-akeneo-app-token") is True,
        "no_auth": not uses_bearer,
    }


def test_the_reference_flags_are_the_documented_ones() -> None:
    # operations.md counts, restricted to the covered operations; guards the flag extraction itself.
    counts = {flag: 0 for flag in ("enterprise", "saas_only", "deprecated", "app_token", "no_auth")}
    for operation_id in COVERED:
        for flag, value in _expected(operation_id).items():
            counts[flag] += value
    # post_token, get_endpoints; get_system_information is in TOKEN_SENT_ANYWAY
    assert counts["no_auth"] == 2
    assert counts["app_token"] == 6  # the Catalogs operations and the product uuid list
    assert all(counts.values())


@pytest.mark.parametrize("operation_id", COVERED)
def test_spec_carries_the_reference_flags(operation_id: str) -> None:
    assert operation_id in spec_operations(), f"{operation_id} is not in the spec"
    expected, ours = _expected(operation_id), _ours(operation_id)
    wrong = [
        f"{flag}: Akeneo says {expected[flag]}, our spec says {ours[flag]}"
        for flag in expected
        if expected[flag] != ours[flag]
    ]
    assert not wrong, f"{operation_id}:\n  " + "\n  ".join(wrong)


@pytest.mark.parametrize("operation_id", sorted(spec_operations()))
def test_extensions_are_well_formed(operation_id: str) -> None:
    node = spec_operations()[operation_id].node
    problems = []
    for key in ("x-akeneo-enterprise", "x-akeneo-saas-only", "x-akeneo-app-token"):
        if key in node and node[key] is not True:
            problems.append(f"{key} is {node[key]!r}: write it only as true")
    reason = node.get("x-akeneo-deprecated")
    if node.get("deprecated") is True and not (isinstance(reason, str) and reason.strip()):
        problems.append("deprecated without an x-akeneo-deprecated explanation")
    if reason is not None and node.get("deprecated") is not True:
        problems.append("x-akeneo-deprecated without deprecated: true")
    requirements = _security(node)
    no_bearer = not any("bearerAuth" in requirement for requirement in requirements)
    if no_bearer and operation_id in BASIC_AUTH_OPERATIONS:
        if requirements != [{"basicAuth": []}]:
            problems.append(f"security is {requirements}, expected [{{basicAuth: []}}]")
    elif no_bearer and requirements != []:
        problems.append(f"no bearer token: security must be [], not {requirements}")
    assert not problems, f"{operation_id}: " + "; ".join(problems)


@pytest.mark.parametrize("operation_id", sorted(spec_operations()))
def test_client_shows_the_flags(operation_id: str) -> None:
    endpoints, methods, _ = client_surface()
    node = spec_operations()[operation_id].node
    flags = _ours(operation_id)
    endpoint = endpoints.get(operation_id)
    assert endpoint is not None, f"{operation_id}: no Endpoint in the client"
    problems = []
    if flags["deprecated"] and not endpoint.deprecated:
        problems.append("Endpoint.deprecated is not set")
    if not flags["deprecated"] and endpoint.deprecated:
        problems.append(f"Endpoint.deprecated is set ({endpoint.deprecated!r}) but the spec is not")
    if endpoint.authenticated == flags["no_auth"]:
        problems.append(f"Endpoint.authenticated is {endpoint.authenticated}")
    for method in (m for m in methods if m.operation_id == operation_id):
        doc = " ".join((method.function.__doc__ or "").split())
        where = f"{method.cls.__name__}.{method.name}"
        for flag, note in DOC_NOTES.items():
            if flags[flag] != (note in doc):
                problems.append(f"{where}: docstring {'lacks' if flags[flag] else 'has'} {note!r}")
        if flags["deprecated"] != ("Deprecated:" in doc):
            problems.append(
                f"{where}: docstring {'lacks' if flags['deprecated'] else 'has'} 'Deprecated:'"
            )
        if (
            flags["deprecated"]
            and " ".join(str(node["x-akeneo-deprecated"]).split())[:40] not in doc
        ):
            problems.append(f"{where}: docstring does not give the x-akeneo-deprecated explanation")
    assert not problems, f"{operation_id}:\n  " + "\n  ".join(problems)
