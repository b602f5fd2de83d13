"""Every ```python block of the site's hand-written pages: type-checked with `mypy --strict`, then
run.

The blocks of one page form one module, in order, after `PRELUDE`, which names what they may use
without defining: `akeneo` and `async_akeneo`, clients of the PIM that `docs_clients`
(conftest.py) gives. One mypy run covers every page. Each page's blocks then run in order in one
namespace, in a fresh working directory, against that PIM. The reference pages are generated
from docstrings and hold no blocks of their own.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from akeneo_pim import Akeneo, AsyncAkeneo

from tests import mypy_strict
from tests.conftest import ROOT

DOCS = ROOT / "docs"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
PRELUDE = """\
from akeneo_pim import Akeneo, AsyncAkeneo

akeneo: Akeneo
async_akeneo: AsyncAkeneo
"""


def pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if BLOCK.search(p.read_text()))


def blocks(page: Path) -> list[str]:
    return BLOCK.findall(page.read_text())


def module_name(page: Path) -> str:
    return "docs_" + re.sub(r"\W", "_", str(page.relative_to(DOCS).with_suffix("")))


PAGES = pages()


def test_every_guide_has_examples() -> None:
    guides = sorted((DOCS / "guides").glob("*.md"))
    assert len(guides) >= 10 and not [g.name for g in guides if g not in PAGES]


@pytest.fixture(scope="module")
def mypy_errors(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    where = tmp_path_factory.mktemp("docs-typing")
    files = []
    for page in PAGES:
        path = where / f"{module_name(page)}.py"
        path.write_text(PRELUDE + "\n\n".join(blocks(page)))
        files.append(path)
    errors: dict[str, list[str]] = {}
    for (file, line), messages in mypy_strict.mypy_errors(files, cache="docs").items():
        errors.setdefault(Path(file).stem, []).extend(f"{file}:{line}: {m}" for m in messages)
    return errors


@pytest.mark.parametrize("page", PAGES, ids=[module_name(p) for p in PAGES])
def test_page_examples_pass_mypy_strict(page: Path, mypy_errors: dict[str, list[str]]) -> None:
    assert not mypy_errors.get(module_name(page)), "\n".join(mypy_errors[module_name(page)])


@pytest.mark.parametrize("page", PAGES, ids=[module_name(p) for p in PAGES])
def test_page_examples_run(
    page: Path,
    docs_clients: tuple[Akeneo, AsyncAkeneo],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    sync, async_ = docs_clients
    namespace: dict[str, object] = {"akeneo": sync, "async_akeneo": async_, "__name__": "__docs__"}
    for number, source in enumerate(blocks(page), start=1):
        code = compile(source, f"{page.relative_to(ROOT)} block {number}", "exec")
        try:
            exec(code, namespace)
        except Exception as error:  # the block and line that failed, then the error itself
            raise AssertionError(f"{page.name}, block {number}: {error!r}") from error
    asyncio.run(async_.aclose())
