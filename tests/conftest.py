"""Shared fixtures: paths of the project, and the generated package importable as `akeneo_pim`."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "openapi.yaml"
GENERATED = ROOT / "generated"

if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))

# The golden baseline's generated contract tests are expected output, not tests of this project.
collect_ignore_glob = ["golden/expected/*"]
