"""The benchmarks and scripts name only framing modules that exist (a module moved by one change
must not leave a benchmark that fails when someone runs it)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted([*ROOT.glob("benchmarks/*.py"), *ROOT.glob("scripts/*.py")])
_MODULE = re.compile(r"\bframing(?:\.[a-z_][a-z0-9_]*)+")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_framing_module_a_benchmark_names_exists(path: Path) -> None:
    missing = []
    for name in sorted(set(_MODULE.findall(path.read_text(encoding="utf-8")))):
        parts = name.split(".")
        # "framing.output.report_html.write_report": the longest prefix that is a module must exist
        found = any(importlib.util.find_spec(".".join(parts[:k])) is not None for k in range(len(parts), 1, -1)
                    if _is_module_path(parts[:k]))
        if not found:
            missing.append(name)
    assert not missing, missing


def _is_module_path(parts: list[str]) -> bool:
    """Whether ``parts`` could name a module of the package (a file or a package folder)."""
    base = ROOT.joinpath(*parts)
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()
