"""Shared fixtures: an isolated cache, the shared dev corpus (when present), one encoder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_A = CORPUS / "000_241931a7261d106c.txt"
SEED_B = CORPUS / "001_6dab095141be1bf5.txt"
SHARED = ROOT.parent / "shared" / "corpus"
DEV = SHARED / "dev"


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test run gets its own embedding cache; no network for model loading."""
    os.environ["FRAMING_CACHE_DIR"] = str(tmp_path_factory.mktemp("framing-cache"))
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"


@pytest.fixture(scope="session")
def encoder():  # noqa: ANN201 - the Encoder type is imported lazily
    """The default encoder, loaded once per session."""
    from framing.models import get_encoder

    return get_encoder()


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    """The shared dev corpus; tests that need it skip where ../shared is absent."""
    if not DEV.is_dir():
        pytest.skip("../shared/corpus/dev is not present")
    return DEV
