"""Read one side of a diff: a spec file, a spec directory, or a git revision of spec/.

A path that exists wins over a revision of the same name. A revision is read through git without a
checkout: `git archive <rev> spec` is unpacked into a temporary directory and loaded from there.
Each side is loaded and turned into the IR (and, with `validate=True`, fully validated first).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from ..build import build_api
from ..errors import SpecError
from ..ir import Api
from ..load import LoadedSpec, load_spec
from ..pipeline import ROOT_FILE, SpecPathError, spec_root
from ..validate import validate as validate_spec


class SideError(Exception):
    """A side cannot be read (exit 2: usage) or its spec has problems (exit 3)."""

    def __init__(self, message: str, problems: list[str] | None = None, usage: bool = False):
        super().__init__(message)
        self.message = message
        self.problems = problems or []
        self.usage = usage


@dataclass(frozen=True)
class Side:
    label: str  # as the user named it
    spec: LoadedSpec
    api: Api


def locate(ref: str, scratch: Path, spec_dir: str = "spec") -> tuple[Path, str | None]:
    """The root file of a side, and the temporary prefix to hide in messages (git sides)."""
    path = Path(ref)
    if path.is_file() or path.is_dir():
        try:
            return spec_root(path), None
        except SpecPathError as error:
            raise SideError(str(error), usage=True) from None
    root, target = _from_git(ref, scratch, spec_dir)
    return root, str(target)


def _git(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], capture_output=True, cwd=cwd, check=False)


def _from_git(rev: str, scratch: Path, spec_dir: str) -> tuple[Path, Path]:
    top = _git("rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise SideError(
            f"{rev}: no such file or directory, and not inside a git repository", usage=True
        )
    repo = Path(top.stdout.decode().strip())
    commit = _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", cwd=repo)
    if commit.returncode != 0:
        raise SideError(f"{rev}: neither a file, a directory nor a git revision", usage=True)
    sha = commit.stdout.decode().strip()
    archive = _git("archive", "--format=tar", sha, "--", spec_dir, cwd=repo)
    if archive.returncode != 0:
        raise SideError(
            f"{rev}: no {spec_dir}/ at {sha[:12]}: " f"{archive.stderr.decode().strip()}"
        )
    target = scratch / sha[:12]
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    root = target / spec_dir / ROOT_FILE
    if not root.is_file():
        raise SideError(f"{rev}: {spec_dir}/{ROOT_FILE} does not exist at {sha[:12]}")
    return root, target


def read_side(ref: str, scratch: Path, validate: bool = False, spec_dir: str = "spec") -> Side:
    root, hidden = locate(ref, scratch, spec_dir)
    try:
        spec = load_spec(root)
        if validate:
            validate_spec(spec)
        api = build_api(spec)
    except SpecError as error:
        problems = [str(p) for p in error.problems]
        if hidden is not None:
            for prefix in {str(Path(hidden).resolve()), hidden}:
                problems = [p.replace(f"{prefix}/", f"{ref}:") for p in problems]
        raise SideError(f"{ref}: the spec has {len(problems)} problem(s)", problems) from error
    return Side(ref, spec, api)
