"""Type annotations of the IR as trees: printed by `.source()`, their imports read from `.names()`.

A generated module imports what its annotations name, and the diff compares annotations member by
member: both read these trees, never annotation text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Scalar:
    """A name of builtins or typing used bare: `str`, `int`, `bytes`, `None`, `Any`."""

    name: str

    def source(self) -> str:
        return self.name

    def names(self) -> frozenset[str]:
        return frozenset({self.name})


@dataclass(frozen=True)
class Named:
    """A class: a generated model or TypedDict, an alias, or a runtime class."""

    name: str

    def source(self) -> str:
        return self.name

    def names(self) -> frozenset[str]:
        return frozenset({self.name})


@dataclass(frozen=True)
class LiteralType:
    """`Literal[...]`; each value as Python source (`"red"`, `3`)."""

    values: tuple[str, ...]

    def source(self) -> str:
        return f"Literal[{', '.join(self.values)}]"

    def names(self) -> frozenset[str]:
        return frozenset({"Literal"})


@dataclass(frozen=True)
class Container:
    """A generic: `list[X]`, `Mapping[str, X]`, `builtins.list[X]`, `SyncPaginator[X]`."""

    name: str  # possibly dotted: its first part is what the module must have imported
    args: tuple[TypeRef, ...]

    def source(self) -> str:
        return f"{self.name}[{', '.join(arg.source() for arg in self.args)}]"

    def names(self) -> frozenset[str]:
        return frozenset({self.name.split(".")[0]}).union(*(arg.names() for arg in self.args))


@dataclass(frozen=True)
class Union:
    """`A | B | None`, members in printing order."""

    members: tuple[TypeRef, ...]

    def source(self) -> str:
        return " | ".join(member.source() for member in self.members)

    def names(self) -> frozenset[str]:
        return frozenset().union(*(member.names() for member in self.members))


TypeRef = Scalar | Named | LiteralType | Container | Union

ANY = Scalar("Any")
NONE = Scalar("None")
STR = Scalar("str")


def members(annotation: TypeRef) -> tuple[TypeRef, ...]:
    """The members of a union, or the annotation itself."""
    return annotation.members if isinstance(annotation, Union) else (annotation,)


def union_of(parts: Iterable[TypeRef]) -> TypeRef:
    """One annotation of several: nested unions flattened, repeats dropped, `Any` absorbs the
    rest, `None` last (`str | None` reads best)."""
    seen: dict[TypeRef, None] = {}
    for part in parts:
        for member in members(part):
            seen.setdefault(member, None)
    found = list(seen)
    if not found:
        return ANY
    if ANY in found:
        return ANY
    if NONE in found:
        found = [m for m in found if m != NONE] + [NONE]
    return found[0] if len(found) == 1 else Union(tuple(found))


def with_none(annotation: TypeRef) -> TypeRef:
    """`annotation | None`, unless it already allows None (never absorbed by `Any`)."""
    found = members(annotation)
    return annotation if NONE in found else Union((*found, NONE))


def without_none(annotation: TypeRef) -> TypeRef:
    rest = [m for m in members(annotation) if m != NONE]
    if not rest:
        return annotation
    return rest[0] if len(rest) == 1 else Union(tuple(rest))


def walk(annotation: TypeRef) -> Iterator[TypeRef]:
    """The annotation and every annotation inside it, in the order they are printed."""
    yield annotation
    inner: tuple[TypeRef, ...] = ()
    if isinstance(annotation, Container):
        inner = annotation.args
    elif isinstance(annotation, Union):
        inner = annotation.members
    for part in inner:
        yield from walk(part)


def classes(annotation: TypeRef) -> list[str]:
    """The class names the annotation uses, in the order they are printed."""
    return [part.name for part in walk(annotation) if isinstance(part, Named)]


def rename(annotation: TypeRef, renames: dict[str, str]) -> TypeRef:
    """The annotation with the classes of `renames` under their new names."""
    if isinstance(annotation, Named):
        return Named(renames.get(annotation.name, annotation.name))
    if isinstance(annotation, Container):
        return Container(annotation.name, tuple(rename(a, renames) for a in annotation.args))
    if isinstance(annotation, Union):
        return Union(tuple(rename(m, renames) for m in annotation.members))
    return annotation
