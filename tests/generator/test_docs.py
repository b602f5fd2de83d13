"""The documentation site's sources (generator/docs.py): every resource and method of the IR has its
reference page, and the guides say what the runtime does where both state the same fact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.docs import RUNTIME_PAGES, write_sources
from generator.pipeline import read_api
from generator.runtime_retry import retried_statuses

from .helpers import ROOT

SPEC = ROOT / "spec" / "openapi.yaml"


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs-src") / "src"
    write_sources(SPEC, out)
    return out


def test_one_page_per_resource_listing_every_method_with_its_flags(sources: Path) -> None:
    api = read_api(SPEC)
    for resource in api.resources:
        page = (sources / "reference" / f"{resource.module}.md").read_text()
        assert f"::: akeneo_pim.resources.{resource.module}.{resource.class_name}\n" in page
        assert resource.async_class_name in page
        for operation in resource.operations:
            anchor = f"#akeneo_pim.resources.{resource.module}.{resource.class_name}."
            row = next(
                line for line in page.splitlines() if f"{anchor}{operation.method_name})" in line
            )
            assert f"`{operation.http_method} {operation.path}`" in row
            assert all(flag in row for flag in operation.flags), (resource.module, row)
    index = (sources / "reference" / "index.md").read_text()
    assert all(f"({resource.module}.md)" in index for resource in api.resources)


def test_runtime_pages_and_guides_are_in_the_sources(sources: Path) -> None:
    for page, _, target, _ in RUNTIME_PAGES:
        assert f"::: {target}\n" in (sources / "reference" / f"{page}.md").read_text()
    guides = sorted(p.relative_to(ROOT / "docs") for p in (ROOT / "docs").rglob("*.md"))
    assert guides and all((sources / guide).read_text() for guide in guides)


def test_every_page_in_the_nav_exists(sources: Path) -> None:
    nav = re.findall(r":\s*(\S+\.md)\s*$", (ROOT / "mkdocs.yml").read_text(), re.M)
    assert len(nav) >= 12
    assert [page for page in nav if not (sources / page).is_file()] == []


def test_the_errors_guide_names_the_statuses_the_runtime_retries() -> None:
    guide = (ROOT / "docs" / "guides" / "errors.md").read_text()
    said = re.search(r"^((?:\d{3}, )+\d{3}) and connection errors are retried", guide, re.M)
    assert said, "the errors guide no longer lists the retried statuses"
    statuses = retried_statuses(ROOT / "templates" / "runtime" / "_retry.py")
    assert [int(s) for s in said.group(1).split(", ")] == sorted(statuses)
