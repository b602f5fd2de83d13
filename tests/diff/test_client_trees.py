"""The client diff compares annotation trees: a class rename is followed through the annotations
that name the class, and never into data such as a Literal value spelled like the class."""

from __future__ import annotations

from dataclasses import replace

from generator.build import build_api
from generator.diff.client import diff_client
from generator.ir import Alias, Api, Model
from generator.load import load_spec
from generator.typeref import LiteralType, rename
from tests.generator.helpers import BASELINE_SPEC


def _renamed_class(api: Api, old: str, new: str) -> Api:
    """The IR as if the schema behind class `old` were named `new` (its TypedDict too)."""
    names = {old: new, f"{old}Param": f"{new}Param"}

    def fix(model: Model | Alias) -> Model | Alias:
        name, param = names.get(model.name, model.name), names.get(
            model.param_name, model.param_name
        )
        if isinstance(model, Alias):
            return replace(
                model,
                name=name,
                param_name=param,
                read_type=rename(model.read_type, names),
                write_type=rename(model.write_type, names),
            )
        fields = tuple(
            replace(f, read_type=rename(f.read_type, names), write_type=rename(f.write_type, names))
            for f in model.fields
        )
        return replace(model, name=name, param_name=param, fields=fields)

    return replace(api, models=tuple(fix(m) for m in api.models))


def test_a_class_rename_is_one_change_and_leaves_literal_values_alone() -> None:
    base = build_api(load_spec(BASELINE_SPEC))
    assert any(m.name == "Link" for m in base.models)
    # an alias whose only value is spelled like the class being renamed
    mode = Alias(
        "Mode", "ModeParam", "", LiteralType(('"Link"',)), LiteralType(('"Link"',)), True, False
    )
    base = replace(base, models=(*base.models, mode))
    head = _renamed_class(base, "Link", "Href")
    changes = [(c.rule, c.before, c.after) for c in diff_client(base, head)]
    assert changes == [
        ("client-class-renamed", "Link", "Href"),
        ("client-class-renamed", "LinkParam", "HrefParam"),
    ]
