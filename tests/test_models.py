"""The model registry, the offline default encoder, and the embedding cache."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from framing.errors import ModelLoadError, UnknownModelError
from framing.models import Encoder, describe_models, find_spec, get_encoder, resolve, verify_weights


def test_registry_lists_the_offline_default() -> None:
    rows = {r["name"]: r for r in describe_models()}
    assert rows["minilm"]["offline"] is True
    assert rows["deberta-zeroshot"]["kind"] == "nli"
    assert find_spec("all-MiniLM-L6-v2").name == "minilm"


def test_paraphrases_are_closer_than_unrelated(encoder: Encoder) -> None:
    vecs = encoder.encode([
        "India and the US urged Pakistan to act against terror groups.",
        "Washington and New Delhi called on Islamabad to take action against militants.",
        "The bakery sells fresh bread every morning.",
    ])
    assert vecs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2] + 0.3


def test_cache_is_hit_on_a_second_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    texts = ["A first sentence about dialogue.", "A second one about sanctions."]
    first = get_encoder()
    v1 = first.encode(texts)
    assert first.cache.misses == 2 and (tmp_path / "embeddings.sqlite").exists()
    second = get_encoder()  # a new run: a new encoder, the same cache file
    v2 = second.encode(texts)
    assert second.cache.hits == 2 and second._net is None  # nothing re-encoded, model not loaded
    assert np.allclose(v1, v2)


def test_unknown_model_message() -> None:
    with pytest.raises(UnknownModelError, match="unknown model 'nope'"):
        resolve("nope")
    with pytest.raises(UnknownModelError, match="not available offline: pass --allow-download"):
        resolve("mpnet")


def test_local_directory_model(encoder: Encoder) -> None:
    local = get_encoder(encoder.model.location, cache=False)
    assert local.model.local and local.model.spec is None
    assert local.encode(["One sentence."]).shape == (1, 384)


def test_checksum_mismatch_is_refused(encoder: Encoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    spec = dataclasses.replace(encoder.model.spec, sha256="0" * 64)
    with pytest.raises(ModelLoadError, match="sha256 of .* expected 0000"):
        verify_weights(spec, Path(encoder.model.location))
