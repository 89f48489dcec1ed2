"""The data files shipped in ``framing/data`` (word lists, prompts, gazetteer), read by name."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from typing import Any


def packaged_text(name: str) -> str:
    """The text of ``framing/data/NAME``."""
    return files("framing").joinpath("data", name).read_text(encoding="utf-8")


def packaged_toml(name: str) -> dict[str, Any]:
    """``framing/data/NAME`` parsed as TOML."""
    return tomllib.loads(packaged_text(name))
