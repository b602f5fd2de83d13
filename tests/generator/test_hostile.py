"""Property test: hostile text and names give valid, black-clean Python that keeps the text."""

from __future__ import annotations

import ast
import tempfile
from pathlib import Path
from typing import Any

import black
import yaml
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from generator.format import MODE
from generator.naming import field_name
from generator.pipeline import produce

FRAGMENTS = [
    '"""',
    "'''",
    '"',
    "'",
    "\\",
    "\\n",
    "\\x00",
    "\\N{DASH}",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\x00",
    "\x07",
    "\x1b[31m",
    "é",
    "ß",
    "日本語",
    "😀",
    "\u00a0",
    "\u2028",
    "\u200b",
    "{{ jinja }}",
    "{% if %}",
    "# not a comment",
]
hostile_text = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8),
    ),
    min_size=1,
    max_size=6,
).map(lambda parts: "Text " + "".join(parts))

NAMES = [
    "class",
    "def",
    "return",
    "import",
    "lambda",
    "match",
    "case",
    "3d",
    "2nd_place",
    "foo-bar",
    "with.dot",
    "with space",
    "été",
    "schema",
    "json",
    "model_config",
    "_links",
    "plain",
]
property_names = st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique_by=field_name)
enum_values = st.lists(
    st.one_of(
        st.sampled_from(['a"b', "c\\d", "'", '"""', "é", "x\ny", "\x00", "", " "]),
        st.text(max_size=5),
    ),
    min_size=1,
    max_size=5,
    unique=True,
)


def build_spec(
    tag_text: str, op_text: str, model_text: str, props: dict[str, str], values: list[str]
) -> dict[str, Any]:
    properties: dict[str, Any] = {
        name: {"type": "string", "description": text} for name, text in props.items()
    }
    properties["kind"] = {"$ref": "#/components/schemas/Kind"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Hostile", "version": "1", "description": model_text},
        "tags": [{"name": "Thing", "x-python-name": "things", "description": tag_text}],
        "paths": {
            "/things/{code}": {
                "get": {
                    "operationId": "get_thing",
                    "x-python-method": "get",
                    "tags": ["Thing"],
                    "summary": op_text,
                    "description": op_text,
                    "parameters": [
                        {
                            "name": "code",
                            "in": "path",
                            "required": True,
                            "description": op_text,
                            "schema": {"type": "string"},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": op_text,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Thing": {"type": "object", "description": model_text, "properties": properties},
                "Kind": {"type": "string", "description": model_text, "enum": values},
            }
        },
    }


def squash(text: str) -> str:
    return " ".join(text.replace("\t", "    ").split())


def field_docstrings(cls: ast.ClassDef) -> dict[str, str]:
    """Attribute name -> the docstring right below it."""
    found: dict[str, str] = {}
    for statement, following in zip(cls.body, cls.body[1:], strict=False):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[statement.target.id] = following.value.value
    return found


def literal_values(tree: ast.Module, alias: str) -> list[Any]:
    for statement in tree.body:
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and statement.target.id == alias
            and statement.value is not None
        ):
            literal = next(
                node
                for node in ast.walk(statement.value)
                if isinstance(node, ast.Subscript)
                and isinstance(node.value, ast.Name)
                and node.value.id == "Literal"
            )
            elements = (
                literal.slice.elts if isinstance(literal.slice, ast.Tuple) else [literal.slice]
            )
            return [ast.literal_eval(element) for element in elements]
    raise AssertionError(f"no alias {alias} in the module")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.generate],
    derandomize=True,
)
@given(
    tag_text=hostile_text,
    op_text=hostile_text,
    model_text=hostile_text,
    names=property_names,
    texts=st.lists(hostile_text, min_size=5, max_size=5),
    values=enum_values,
)
def test_hostile_specs_give_sound_code_that_keeps_the_text(
    tag_text: str,
    op_text: str,
    model_text: str,
    names: list[str],
    texts: list[str],
    values: list[str],
) -> None:
    assume("kind" not in {field_name(n) for n in names})
    props = dict(zip(names, texts, strict=False))
    spec = build_spec(tag_text, op_text, model_text, props, values)
    dumped = yaml.safe_dump(spec, allow_unicode=True, sort_keys=False)
    assume(yaml.safe_load(dumped) == spec)  # only what YAML itself can carry
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "spec" / "openapi.yaml"
        root.parent.mkdir()
        root.write_text(dumped, encoding="utf-8")
        files = produce(root)

    for path, data in files.items():
        if not path.endswith(".py"):
            continue
        text = data.decode("utf-8")
        compile(text, path, "exec")
        assert black.format_str(text, mode=MODE) == text, f"{path} is not black-clean"

    models = ast.parse(files["akeneo_pim/models.py"].decode())
    [thing] = [n for n in models.body if isinstance(n, ast.ClassDef) and n.name == "Thing"]
    assert squash(ast.get_docstring(thing, clean=False) or "") == squash(model_text)
    docs = field_docstrings(thing)
    for name, text in props.items():
        assert squash(docs[field_name(name)]) == squash(text), name
    assert literal_values(models, "Kind") == values

    resource = ast.parse(files["akeneo_pim/resources/things.py"].decode())
    assert squash(ast.get_docstring(resource, clean=False) or "") == squash(f"Thing: {tag_text}")
    [method] = [n for n in ast.walk(resource) if isinstance(n, ast.FunctionDef) and n.name == "get"]
    method_doc = squash(ast.get_docstring(method, clean=False) or "")
    assert squash(op_text) in method_doc
    package = ast.parse(files["akeneo_pim/__init__.py"].decode())
    assert squash(ast.get_docstring(package, clean=False) or "") == squash(model_text)
