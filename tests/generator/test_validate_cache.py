"""A sound document is remembered by content hash; problems are never cached."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import validate as validate_module
from generator.errors import SpecError, SpecProblem
from generator.load import LoadedSpec, load_spec
from tests.conftest import SPEC


def count_openapi_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = validate_module._openapi_problems

    def counting(spec: LoadedSpec) -> Iterator[SpecProblem]:
        calls.append(1)
        return real(spec)

    monkeypatch.setattr(validate_module, "_openapi_problems", counting)
    return calls


def test_unchanged_document_skips_the_openapi_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = count_openapi_checks(monkeypatch)
    spec = load_spec(SPEC)
    validate_module.validate(spec, cache_dir=tmp_path)
    validate_module.validate(spec, cache_dir=tmp_path)
    assert len(calls) == 1
    changed = copy.deepcopy(spec)
    changed.document["info"]["title"] = "Another title"
    validate_module.validate(changed, cache_dir=tmp_path)
    assert len(calls) == 2  # any change to the document is validated again


def test_problems_are_found_again_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = count_openapi_checks(monkeypatch)
    spec = load_spec(SPEC)
    spec.document["paths"]["/api/rest/v1/locales"]["get"]["operationId"] = "get_channels"
    for _ in range(2):
        with pytest.raises(SpecError, match="get_channels"):
            validate_module.validate(spec, cache_dir=tmp_path)
    assert len(calls) == 2
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("source", ["validate.py", "validate_extensions.py", "extensions.py"])
def test_a_change_of_our_rules_or_the_extension_registry_invalidates_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    spec = load_spec(SPEC)
    before = validate_module._marker(spec, tmp_path)
    real = Path.read_bytes

    def edited(path: Path) -> bytes:
        return real(path) + (b"\n# edited\n" if path.name == source else b"")

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert validate_module._marker(spec, tmp_path) != before
