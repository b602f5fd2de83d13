"""Compare two annotations of the IR as trees: union members and the values of `Literal[...]`."""

from __future__ import annotations

from ..typeref import ANY, STR, LiteralType, TypeRef, members
from .changes import Change


def enum_delta(before: TypeRef, after: TypeRef) -> tuple[list[str], list[str]] | None:
    """(values added, values removed) when the two annotations differ only by Literal values."""
    old_members, new_members = members(before), members(after)
    old_rest = {m for m in old_members if not isinstance(m, LiteralType)}
    new_rest = {m for m in new_members if not isinstance(m, LiteralType)}
    if old_rest != new_rest:
        return None
    old_values = _literal_values(old_members)
    new_values = _literal_values(new_members)
    if not old_values or not new_values:
        return None
    return sorted(new_values - old_values), sorted(old_values - new_values)


def widens(before: TypeRef, after: TypeRef) -> bool:
    """Does `after` accept everything `before` does (as a union of members)?"""
    old, new = members(before), members(after)
    if ANY in new:
        return True
    old_plain = {m for m in old if not isinstance(m, LiteralType)}
    new_plain = {m for m in new if not isinstance(m, LiteralType)}
    values_kept = _literal_values(old) <= _literal_values(new) or STR in new_plain
    return old_plain <= new_plain and values_kept


def _literal_values(found: tuple[TypeRef, ...]) -> set[str]:
    return {value for m in found if isinstance(m, LiteralType) for value in m.values}


def type_change(
    before: TypeRef, after: TypeRef, group: str, subject: str, where: str, what: str
) -> list[Change]:
    """Changes between two annotations: Literal members added or removed, or a type change."""
    if before == after:
        return []
    delta = enum_delta(before, after)
    if delta is not None:
        added, removed = delta
        return [
            *(Change("client-enum-member-added", group, subject, where, None, v) for v in added),
            *(
                Change("client-enum-member-removed", group, subject, where, v, None)
                for v in removed
            ),
        ]
    rule = what
    if what == "parameter":
        rule = "client-parameter-type-changed"
        if widens(before, after):
            rule = "client-parameter-type-widened"
    elif what == "client-param-field-type-changed" and widens(before, after):
        rule = "client-param-field-type-widened"
    elif what == "client-model-field-type-changed" and widens(after, before):
        rule = "client-model-field-type-narrowed"
    return [Change(rule, group, subject, where, before.source(), after.source())]
