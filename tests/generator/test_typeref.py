"""Annotations are trees: printed by `.source()`, imports decided by `.names()`, renamed by node."""

from __future__ import annotations

from generator.ir import Alias, Api, Arg
from generator.render import render_package
from generator.typeref import (
    ANY,
    NONE,
    STR,
    Container,
    LiteralType,
    Named,
    Scalar,
    Union,
    rename,
    union_of,
    with_none,
    without_none,
)

INT = Scalar("int")


def test_source_prints_the_annotation() -> None:
    tree = Union(
        (
            Container("Mapping", (STR, Container("Sequence", (Named("ColorParam"),)))),
            LiteralType(('"red"', '"dark blue"')),
            NONE,
        )
    )
    assert (
        tree.source() == 'Mapping[str, Sequence[ColorParam]] | Literal["red", "dark blue"] | None'
    )


def test_names_are_what_the_module_must_have_in_scope() -> None:
    assert Container("builtins.list", (Named("Channel"),)).names() == {"builtins", "Channel"}
    assert Container("os.PathLike", (STR,)).names() == {"os", "str"}
    # Literal values are data, not names: `Literal["Any"]` needs Literal, not Any
    assert LiteralType(('"Any"', '"Mapping"')).names() == {"Literal"}


def test_union_of_flattens_dedupes_and_puts_none_last() -> None:
    number = Union((INT, Scalar("float")))
    assert union_of([NONE, number, INT, STR]).source() == "int | float | str | None"
    assert union_of([STR, ANY, NONE]) == ANY
    assert union_of([]) == ANY
    assert union_of([STR]) == STR


def test_with_none_and_without_none() -> None:
    assert with_none(STR).source() == "str | None"
    assert with_none(Union((STR, NONE))).source() == "str | None"
    assert with_none(ANY).source() == "Any | None"  # an absent field: not absorbed by Any
    assert without_none(Union((STR, INT, NONE))).source() == "str | int"
    assert without_none(Union((STR, NONE))) == STR


def test_rename_touches_class_names_only() -> None:
    tree = Union((Container("list", (Named("Thing"),)), LiteralType(('"Thing"',)), Named("Things")))
    renamed = rename(tree, {"Thing": "Widget"})
    assert renamed.source() == 'list[Widget] | Literal["Thing"] | Things'


def test_arg_source() -> None:
    assert Arg("code", "code", STR, None, "positional", "").source() == "code: str"
    optional = Arg("limit", "limit", with_none(INT), "None", "keyword", "")
    assert optional.source() == "limit: int | None = None"


def _alias(name: str, annotation: Union | LiteralType | Container) -> Alias:
    return Alias(
        name=name,
        param_name=f"{name}Param",
        description="",
        read_type=annotation,
        write_type=annotation,
        read=True,
        write=True,
    )


def test_imports_follow_the_names_the_annotations_use() -> None:
    api = Api(
        title="t",
        version="1",
        description="",
        resources=(),
        models=(
            _alias("Mode", LiteralType(('"Mapping"', '"Iterable"'))),
            _alias("Table", Container("Sequence", (STR,))),
        ),
    )
    files = render_package(api, source="spec/openapi.yaml")
    models = files["akeneo_pim/models.py"]
    assert "from typing import Literal, TypeAlias" in models
    assert "Mapping" not in models.split("Mode: TypeAlias")[0]  # the value is no import
    assert "Iterable" not in models.split("Mode: TypeAlias")[0]
    assert "from collections.abc import Sequence" in models
