"""The fake PIM's pure logic modules, loaded from templates/testing by path (no generated code)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "testing"


def load(name: str) -> ModuleType:
    """templates/testing/<name>.py as the module `fake_logic<name>` (no generated code needed)."""
    qualified = f"fake_logic{name}"  # name starts with "_"
    if qualified in sys.modules:
        return sys.modules[qualified]
    spec = importlib.util.spec_from_file_location(qualified, TEMPLATES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[qualified] = module  # dataclasses and typing look the module up by name
    spec.loader.exec_module(module)
    return module


merge = load("_fake_merge")
filters = load("_fake_filters")
