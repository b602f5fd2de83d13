"""Read the Python annotations of the IR: union members and the members of `Literal[...]`."""

from __future__ import annotations


def split_top(text: str, separator: str) -> list[str]:
    """`text` split on `separator` outside brackets and quotes."""
    parts: list[str] = []
    depth = 0
    quote = ""
    start = 0
    index = 0
    while index < len(text):
        ch = text[index]
        if quote:
            if ch == "\\":
                index += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        elif depth == 0 and text.startswith(separator, index):
            parts.append(text[start:index].strip())
            start = index + len(separator)
            index = start
            continue
        index += 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def union_members(annotation: str) -> list[str]:
    return split_top(annotation, "|")


def literal_values(member: str) -> list[str] | None:
    """The values of a `Literal[...]` member, or None when the member is no Literal."""
    if member.startswith("Literal[") and member.endswith("]"):
        return split_top(member[len("Literal[") : -1], ",")
    return None


def without_none(annotation: str) -> str:
    return " | ".join(m for m in union_members(annotation) if m != "None")


def enum_delta(before: str, after: str) -> tuple[list[str], list[str]] | None:
    """(values added, values removed) when the two annotations differ only by Literal values."""
    old_members, new_members = union_members(before), union_members(after)
    old_rest = [m for m in old_members if literal_values(m) is None]
    new_rest = [m for m in new_members if literal_values(m) is None]
    if sorted(old_rest) != sorted(new_rest):
        return None
    old_values = {v for m in old_members for v in literal_values(m) or []}
    new_values = {v for m in new_members for v in literal_values(m) or []}
    if not old_values or not new_values:
        return None
    return sorted(new_values - old_values), sorted(old_values - new_values)


def widens(before: str, after: str) -> bool:
    """Does `after` accept everything `before` does (as a union of members)?"""
    old = set(union_members(before))
    new = set(union_members(after))
    if "Any" in new:
        return True
    old_values = {v for m in old if (vals := literal_values(m)) for v in vals}
    new_values = {v for m in new if (vals := literal_values(m)) for v in vals}
    old_plain = {m for m in old if literal_values(m) is None}
    new_plain = {m for m in new if literal_values(m) is None}
    return old_plain <= new_plain and (old_values <= new_values or "str" in new_plain)
