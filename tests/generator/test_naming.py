"""naming: identifiers from any name, literals and docstrings that survive any text."""

from __future__ import annotations

import ast
import keyword
import warnings

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.naming import (
    class_name,
    constant_name,
    docstring,
    field_name,
    parameter_name,
    py_literal,
    snake_case,
)
from generator.render import RUNTIME as RENDER_RUNTIME

HOSTILE_NAMES = [
    "class",
    "def",
    "None",
    "True",
    "False",
    "import",
    "lambda",
    "async",
    "await",  # keywords
    "match",
    "case",
    "type",
    "_",  # soft keywords
    "3d",
    "2nd_place",
    "123",  # leading digits
    "foo-bar",
    "a.b.c",
    "Product [uuid]",
    "with space",
    "  padded  ",  # separators
    "été",
    "Größe",
    "日本語",
    "ÅngströmUnit",
    "😀",  # non-ASCII
    "schema",
    "json",
    "dict",
    "copy",
    "validate",
    "construct",
    "model_config",
    "model_dump",  # pydantic
    "_links",
    "__init__",
    "",
    "-",
    "attributeCode",
    "HTTPResponse",
]


def is_safe_identifier(name: str) -> bool:
    return name.isidentifier() and name.isascii() and not keyword.iskeyword(name)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_every_name_becomes_a_safe_identifier(name: str) -> None:
    for convert in (snake_case, field_name, parameter_name, class_name, constant_name):
        result = convert(name)
        assert is_safe_identifier(result), f"{convert.__name__}({name!r}) = {result!r}"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("class", "class_"),
        ("import", "import_"),
        ("match", "match"),
        ("case", "case"),
        ("3d", "n3d"),
        ("foo-bar", "foo_bar"),
        ("a.b", "a_b"),
        ("with space", "with_space"),
        ("attributeCode", "attribute_code"),
        ("Product [uuid]", "product_uuid"),
        ("été", "ete"),
        ("HTTPResponse", "http_response"),
    ],
)
def test_snake_case(name: str, expected: str) -> None:
    assert snake_case(name) == expected


@pytest.mark.parametrize("name", ["type", "match", "case"])
def test_soft_keywords_stay_as_they_are_whatever_python_runs_the_generator(name: str) -> None:
    # Soft keywords are valid names on every Python; renaming them would depend on the Python that
    # runs the generator (`type` became one in 3.12) and would rename Akeneo's common `type` field.
    assert snake_case(name) == name
    assert field_name(name) == name


def test_non_ascii_only_names_get_a_stable_ascii_stand_in() -> None:
    assert snake_case("日本") == snake_case("日本")
    assert snake_case("日本") != snake_case("中国")
    assert is_safe_identifier(snake_case("😀"))


@pytest.mark.parametrize("name", ["None", "True", "False", "class", "import"])
def test_class_names_are_never_keywords(name: str) -> None:
    result = class_name(name)
    assert is_safe_identifier(result), result
    compile(f"class {result}:\n    pass\n", "<test>", "exec")


def test_class_name() -> None:
    assert class_name("channel_update") == "ChannelUpdate"
    assert class_name("ChannelUpdate") == "ChannelUpdate"
    assert class_name("3d-model") == "N3dModel"


def test_constant_name() -> None:
    assert constant_name("get_channels__code_") == "GET_CHANNELS_CODE"


@pytest.mark.parametrize(
    "name", ["schema", "json", "dict", "copy", "validate", "model_config", "model_dump"]
)
def test_pydantic_reserved_names_are_renamed_and_work(name: str) -> None:
    python = field_name(name)
    assert python != name
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pydantic warns when a field shadows a BaseModel attribute
        model = pydantic.create_model(  # type: ignore[call-overload]
            "M", __base__=akeneo_model(), **{python: (int, pydantic.Field(alias=name))}
        )
    assert getattr(model.model_validate({name: 5}), python) == 5


def akeneo_model() -> type[pydantic.BaseModel]:
    """The runtime's AkeneoModel, read from the template (it only needs pydantic)."""
    namespace: dict[str, object] = {}
    exec((RENDER_RUNTIME / "_models.py").read_text(), namespace)
    base = namespace["AkeneoModel"]
    assert isinstance(base, type) and issubclass(base, pydantic.BaseModel)
    return base


@pytest.mark.parametrize(
    "name", ["self", "timeout", "extra_headers", "extra_query", "body", "items"]
)
def test_parameter_names_never_clash_with_the_common_arguments(name: str) -> None:
    assert parameter_name(name) == f"{name}_"


HOSTILE_TEXT = [
    '"""',
    "'''",
    'ends with a quote"',
    'ends with two quotes""',
    '""""""',
    "back\\slash",
    "ends with a backslash\\",
    "\\n is not a newline",
    "\\N{BULLET} is no escape",
    "tab\there",
    "bell\x07 and nul\x00",
    "line\nbreak\r\nand\rreturn",
    "unicode: é ü 日本 😀",
    "line separator\u2028here",
    "zero\u200bwidth space",
    "byte order mark\ufeff",
    "{braces} and %s and {{jinja}}",
    "",
]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_py_literal_round_trips_hostile_strings(text: str) -> None:
    literal = py_literal(text)
    assert literal.startswith('"') and literal.endswith('"')
    assert "\n" not in literal
    assert eval(literal) == text


def test_py_literal_round_trips_json_values() -> None:
    value = {'a"b': [1, 2.5, True, False, None, "x\\y"], "nested": {"k": [{"z": "日本"}]}}
    assert eval(py_literal(value)) == value


def test_py_literal_rejects_what_is_not_json() -> None:
    with pytest.raises(TypeError):
        py_literal(object())


@given(st.text())
@settings(max_examples=200, deadline=None)
def test_py_literal_round_trips_any_text(text: str) -> None:
    literal = py_literal(text)
    assert "\n" not in literal and "\r" not in literal
    assert ast.literal_eval(literal) == text


def squash(text: str) -> str:
    """Undo re-wrapping: every run of whitespace becomes one space."""
    return " ".join(text.split())


def read_docstring(text: str) -> str:
    """What Python reads from `text` placed between triple double quotes."""
    source = '"""' + docstring(text) + '"""'
    tree = ast.parse(source)
    [statement] = tree.body
    assert isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
    value = statement.value.value
    assert isinstance(value, str)
    return value


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_docstring_never_closes_the_docstring(text: str) -> None:
    expected = text.replace("\t", "    ")
    assert squash(read_docstring(text)) == squash(expected)


@given(st.text())
@settings(max_examples=200, deadline=None)
def test_docstring_keeps_any_text(text: str) -> None:
    assert squash(read_docstring(text)) == squash(text.replace("\t", "    "))


def test_docstring_wraps_long_paragraphs_and_keeps_paragraphs() -> None:
    text = ("word " * 60).strip() + "\n\nSecond paragraph."
    result = docstring(text)
    assert all(len(line) <= 84 for line in result.splitlines())
    assert result.endswith("\n\nSecond paragraph.")
