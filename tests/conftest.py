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


def build_tiny_classifier(path: Path, labels: tuple[str, ...]) -> Path:
    """Save a tiny random BERT sequence classifier with these labels (no download): it tests
    the loading and scoring path of models the user brings, not any accuracy."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    torch.manual_seed(0)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
             *"the a of to pakistan india us called on act this is not named statement".split()]
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n")
    BertTokenizerFast(vocab_file=str(path / "vocab.txt")).save_pretrained(path)
    config = BertConfig(vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, num_labels=len(labels), initializer_range=0.5,
                        id2label=dict(enumerate(labels)), label2id={v: i for i, v in enumerate(labels)})
    BertForSequenceClassification(config).save_pretrained(path)
    return path


@pytest.fixture(scope="session")
def tiny_nli(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random NLI model (entailment / neutral / contradiction) built by the tests."""
    return build_tiny_classifier(tmp_path_factory.mktemp("tiny-nli"), ("entailment", "neutral", "contradiction"))
