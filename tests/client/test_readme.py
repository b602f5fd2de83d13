"""The generated README's examples are valid Python and name methods the client really has."""

from __future__ import annotations

import ast
import re

import pytest
from akeneo_pim import Akeneo

from tests.conftest import GENERATED

BLOCKS = re.findall(r"```python\n(.*?)```", (GENERATED / "README.md").read_text(), re.S)
PROJECT_README = (GENERATED.parent / "README.md").read_text()
PROJECT_BLOCKS = re.findall(r"```python\n(.*?)```", PROJECT_README, re.S)


def test_the_readme_shows_each_capability() -> None:
    text = "\n".join(BLOCKS)
    for capability in (
        "Search()",
        ".pages()",
        ".cursor",
        "resume_from(",
        "upsert_many(",
        "raise_for_errors()",
        ".upload(",
        ".download(",
        "UnprocessableEntityError",
        "with_options(",
        "AsyncAkeneo",
        "access_token=",
        "timeout=",
        "extra_headers=",
        "extra_query=",
        ".request(",
    ):
        assert capability in text, capability


@pytest.mark.parametrize("block", BLOCKS)
def test_each_example_compiles(block: str) -> None:
    compile(block, "README.md", "exec")


def test_the_project_readme_shows_the_client_first() -> None:
    # a newcomer meets the client's use before the generator's layout and commands
    sections = re.findall(r"^## (.+)$", PROJECT_README, re.M)
    assert sections[0] == "Using the generated client", sections
    assert PROJECT_BLOCKS[0].startswith("from akeneo_pim import Akeneo\n")
    compile(PROJECT_BLOCKS[0], "README.md", "exec")


@pytest.mark.parametrize("blocks", [BLOCKS, PROJECT_BLOCKS], ids=["generated", "project"])
def test_examples_call_methods_that_exist(blocks: list[str]) -> None:
    for block in blocks:
        for node in ast.walk(ast.parse(block)):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Attribute)
                and isinstance(node.value.value, ast.Name)
                and node.value.value.id == "akeneo"
            ):
                # `akeneo.<resource>` is a cached_property whose annotation names the class
                resource_class = getattr(Akeneo, node.value.attr).func.__annotations__["return"]
                # (or `structure`): _akeneo imports every class it names
                module = __import__("akeneo_pim._akeneo", fromlist=[resource_class])
                assert hasattr(
                    getattr(module, resource_class), node.attr
                ), f"akeneo.{node.value.attr}.{node.attr}"
