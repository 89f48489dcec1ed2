"""ruff and mypy run in CI: the package is lint-clean and type-checks (config in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(ROOT / ".venv" / "bin")) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return found


def test_ruff_is_clean() -> None:
    out = subprocess.run([_tool("ruff"), "check", "framing", "tests"], cwd=ROOT, capture_output=True, text=True,
                         check=False)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-1000:]


def test_mypy_is_clean() -> None:
    out = subprocess.run([sys.executable, "-m", "mypy", "framing"], cwd=ROOT, capture_output=True, text=True,
                         check=False)
    if "No module named mypy" in out.stderr:
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-1000:]
