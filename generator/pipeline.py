"""The generator's stages, top to bottom: load -> validate -> build the IR -> render -> format.

`cli` only parses arguments and prints; `diff`, the golden copies and the benchmarks call these.
"""

from __future__ import annotations

import os
from pathlib import Path

from .build import build_api
from .companions import Companion, companion_documents
from .contract import render_contract_tests
from .errors import SpecError, SpecProblem
from .format import Formatter
from .ir import Api
from .load import LoadedSpec, load_spec
from .render import RUNTIME, header, render_companion, render_package, runtime_files, testing_files
from .unasync import stale_derived, write_derived
from .validate import validate

CACHE = (
    Path(__file__).resolve().parent.parent / ".cache"
)  # content-hash caches; safe to delete
ROOT_FILE = "openapi.yaml"  # the root document of a spec directory


class SpecPathError(ValueError):
    """SPEC names neither a file nor a directory holding `openapi.yaml` (a usage error)."""


def spec_root(path: Path) -> Path:
    """The root document SPEC names: the file itself, or `openapi.yaml` inside a directory."""
    if path.is_file():
        return path
    if path.is_dir():
        root = path / ROOT_FILE
        if root.is_file():
            return root
        raise SpecPathError(f"{path}: directory has no {ROOT_FILE}")
    raise SpecPathError(f"{path}: no such file or directory")


def read_api(spec_path: Path) -> Api:
    """load -> validate -> IR. Raises SpecError with every problem found."""
    spec = load_spec(spec_path)
    validate(spec)
    return build_api(spec)


def produce(spec_path: Path, cache: Path | None = CACHE) -> dict[str, bytes]:
    """Every file of the generated package keyed by its relative path: rendered files formatted
    with black, the runtime copied as it is. `cache` holds the validation and black caches.
    """
    spec = load_spec(spec_path)
    validate(spec, cache_dir=cache / "valid" if cache else None)
    api = build_api(spec)
    source = source_name(spec)
    companions = _companions(spec_path, cache)
    rendered = render_package(
        api, source=source, companions=tuple((c, a) for c, a, _ in companions)
    )
    rendered.update(render_contract_tests(api, spec, header(source)))
    for companion, companion_api, companion_source in companions:
        own = render_companion(companion_api, companion_source, companion)
        clashes = sorted(own.keys() & rendered.keys())
        if clashes:
            message = f"companion {companion.directory!r} would overwrite {', '.join(clashes)}"
            raise SpecError([SpecProblem(message)])
        rendered.update(own)
    formatter = Formatter(
        cache_dir=cache / "black" if cache else None, workers=os.cpu_count() or 1
    )
    files = formatter.format_files(rendered)
    files.update(runtime_files())
    files.update(testing_files())
    return files


def _companions(spec_path: Path, cache: Path | None) -> list[tuple[Companion, Api, str]]:
    """Each companion document beside the spec (`companions`), loaded, validated and built."""
    built = []
    for companion, document in companion_documents(spec_root(spec_path)):
        spec = load_spec(document)
        validate(spec, cache_dir=cache / "valid" if cache else None)
        built.append((companion, build_api(spec), source_name(spec)))
    return built


def source_name(spec: LoadedSpec) -> str:
    """The spec as generated headers name it: by its title and version, never by the folder it
    sits in, so an identical copy anywhere generates byte-identical files."""
    info = spec.document["info"]  # validation guarantees both fields
    # on one line whatever the title holds: the header is a comment, a newline would end it
    return " ".join(f'"{info["title"]}" {info["version"]}'.split())


def derive_runtime() -> list[str]:
    """Rewrite the sync runtime files from their async sources; the problems found, if any."""
    return write_derived(RUNTIME)


def stale_runtime() -> list[str]:
    """Each derived runtime file that differs from what its async source gives, with the fix."""
    return stale_derived(RUNTIME)
