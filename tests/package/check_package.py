"""`make package-test`: build the wheel and sdist of generated/, install the wheel into fresh
venvs on Python 3.10 and 3.13, run tests/package/user_script.py there and check it with
mypy --strict against the installed package.

Usage: python tests/package/check_package.py  (by the project's .venv: it needs `build` and mypy)
The interpreters default to pyenv's; AKENEO_PACKAGE_PYTHONS="path1 path2" overrides them. A missing
interpreter fails the run with a message saying what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated"
USER_SCRIPT = Path(__file__).resolve().parent / "user_script.py"
PYTHONS = (
    "/root/.pyenv/versions/3.10.13/bin/python3.10",
    "/root/.pyenv/versions/3.13.0/bin/python3.13",
)
# A clean environment: nothing of the project's venv or of generated/ may leak into the checks.
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}


class Failure(Exception):
    pass


def run(*args: str | Path, cwd: Path, timeout: int = 300) -> str:
    command = [str(a) for a in args]
    result = subprocess.run(
        command, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise Failure(f"$ {' '.join(command)}\n{result.stdout}{result.stderr}")
    return result.stdout


def build(scratch: Path) -> tuple[Path, Path]:
    """Wheel and sdist of a copy of generated/ (the build must not touch the golden copy)."""
    source = scratch / "src"
    shutil.copytree(GENERATED, source, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    run(sys.executable, "-m", "build", "--outdir", scratch / "dist", source, cwd=scratch)
    wheel = next((scratch / "dist").glob("*.whl"))
    sdist = next((scratch / "dist").glob("*.tar.gz"))
    return wheel, sdist


def check_archives(wheel: Path, sdist: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(
            next(n for n in names if n.endswith(".dist-info/METADATA"))
        ).decode()
    problems = []
    if "akeneo_pim/py.typed" not in names:
        problems.append("the wheel lacks akeneo_pim/py.typed")
    for needed in ("_fake.py", "_routes.py", "pytest_plugin.py", "__init__.py"):
        if f"akeneo_pim/testing/{needed}" not in names:
            problems.append(f"the wheel lacks akeneo_pim/testing/{needed}")
    with zipfile.ZipFile(wheel) as archive:
        entry_points = next((n for n in names if n.endswith(".dist-info/entry_points.txt")), None)
        plugins = archive.read(entry_points).decode() if entry_points else ""
    if "[pytest11]" not in plugins or "akeneo_pim.testing.pytest_plugin" not in plugins:
        problems.append(f"the wheel lacks the pytest11 entry point: {plugins!r}")
    if any(not n.startswith(("akeneo_pim/", "akeneo_pim-")) for n in names):
        problems.append(f"the wheel holds more than the package: {names}")
    for needed in (
        "Requires-Python: >=3.10",
        "Requires-Dist: httpx",
        "Requires-Dist: pydantic",
        "Classifier: Typing :: Typed",
        "Classifier: Programming Language :: Python :: 3.10",
        "Classifier: Programming Language :: Python :: 3.13",
    ):
        if needed not in metadata:
            problems.append(f"the wheel's METADATA lacks {needed!r}")
    with tarfile.open(sdist) as archive:
        members = [m.split("/", 1)[-1] for m in archive.getnames()]
    for needed in ("pyproject.toml", "README.md", "akeneo_pim/py.typed", "akeneo_pim/__init__.py"):
        if needed not in members:
            problems.append(f"the sdist lacks {needed}")
    if any(m.startswith("tests/") for m in members):
        problems.append("the sdist ships the contract tests")
    if problems:
        raise Failure("\n".join(problems))


def check_python(python: Path, wheel: Path, scratch: Path) -> str:
    if not python.exists():
        raise Failure(
            f"{python} is missing: the package test needs it (pyenv install "
            f"{python.parent.parent.name}), or set AKENEO_PACKAGE_PYTHONS"
        )
    version = run(python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])", cwd=scratch)
    version = version.strip()
    venv = scratch / f"venv-{version}"
    run(python, "-m", "venv", venv, cwd=scratch)
    venv_python = venv / "bin" / "python"
    run(
        venv_python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        wheel,
        cwd=scratch,
    )
    work = scratch / f"run-{version}"  # no generated/ nor project file around: only the install
    work.mkdir()
    script = work / "user_script.py"
    shutil.copy(USER_SCRIPT, script)
    output = run(venv_python, script, cwd=work).strip()
    if str(venv) not in output:
        raise Failure(f"Python {version} did not import the installed package: {output}")
    run(
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--no-incremental",
        "--python-executable",
        venv_python,
        "--python-version",
        version,
        script,
        cwd=work,
    )
    return f"Python {version}: wheel installed, scenario passed, mypy --strict passed"


def main() -> int:
    started = time.perf_counter()
    pythons = [Path(p) for p in os.environ.get("AKENEO_PACKAGE_PYTHONS", " ".join(PYTHONS)).split()]
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="akeneo-package-") as folder:
        scratch = Path(folder)
        try:
            wheel, sdist = build(scratch)
            check_archives(wheel, sdist)
            print(f"built {wheel.name} and {sdist.name}: contents and metadata ok")
            passed += 1
        except Failure as failure:
            print(f"FAILED build: {failure}", file=sys.stderr)
            print(f"package: {passed} passed, {failed + 1} failed")
            return 1
        for python in pythons:
            try:
                print(check_python(python, wheel, scratch))
                passed += 1
            except (Failure, subprocess.TimeoutExpired) as failure:
                print(f"FAILED {python}: {failure}", file=sys.stderr)
                failed += 1
    print(f"package: {passed} passed, {failed} failed in {time.perf_counter() - started:.0f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
