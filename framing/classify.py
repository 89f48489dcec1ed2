"""Zero-shot frame classifiers: two backends behind one keyword-only interface.

``scores(sentences, frames, *, vectors=None)`` returns an array (sentences × frames) in [0, 1].

- ``EmbeddingClassifier`` (default, offline): the encoder's similarity of each sentence to each
  frame's hypotheses (and few-shot examples), calibrated on a fixed cosine scale after
  discounting half of the sentence's similarity to a fixed set of off-topic statements, so that
  a long, generic sentence does not score high on everything. No per-article fitting. Sentences and
  hypotheses are embedded once and shared across frames (and with alignment).
- ``NLIClassifier``: transformers' zero-shot-classification pipeline over any NLI model the user
  has (hub id with ``allow_download``, or a local directory): entailment of each hypothesis.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from framing.errors import ModelLoadError
from framing.models import Encoder, load_transformer, resolve

# Statements about nothing in particular: how similar a sentence is to these is its baseline.
NULL_HYPOTHESES = (
    "This is a sentence.",
    "The weather was pleasant on the day.",
    "People talked about many different things.",
    "The report gives some information.",
    "Officials met and discussed various issues.",
)
TEMPERATURE = 0.05  # cosine margin that moves the calibrated score from 0.5 to 0.73
ANCHOR = 0.40  # adjusted cosine at which a sentence is even odds for a frame
BASELINE_WEIGHT = 0.5  # how much of a sentence's similarity to anything is discounted


class FrameLike(Protocol):
    """What a classifier needs of a frame."""

    @property
    def id(self) -> str: ...  # noqa: D102 - read-only, so frozen dataclasses match

    @property
    def hypotheses(self) -> tuple[str, ...]: ...  # noqa: D102

    @property
    def examples(self) -> tuple[str, ...]: ...  # noqa: D102


class Classifier(Protocol):
    """The interface both backends share."""

    name: str

    @property
    def key(self) -> str:
        """Identifies the scores this classifier gives (backend and weights)."""
        ...

    def scores(self, sentences: Sequence[str], frames: Sequence[FrameLike], *, vectors: np.ndarray | None = None) -> np.ndarray: ...


class EmbeddingClassifier:
    """Zero/few-shot by sentence-embedding similarity to hypotheses and examples."""

    name = "embedding"

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder

    @property
    def key(self) -> str:
        return f"embedding:{self.encoder.key}"

    def _prompt_vectors(self, prompts: Sequence[str]) -> np.ndarray:
        """Hypothesis vectors: embedded once per model, then cached by content (in memory and on
        disk, see ``Encoder.encode_constants``), never once per call or per article."""
        return self.encoder.encode_constants(prompts)

    def scores(self, sentences: Sequence[str], frames: Sequence[FrameLike], *, vectors: np.ndarray | None = None) -> np.ndarray:
        """Calibrated scores (len(sentences), len(frames)) in [0, 1]."""
        if not sentences or not frames:
            return np.zeros((len(sentences), len(frames)), dtype=np.float32)
        sent = self.encoder.encode(list(sentences)) if vectors is None else vectors
        prompts = list(dict.fromkeys([p for f in frames for p in (*f.hypotheses, *f.examples)] + list(NULL_HYPOTHESES)))
        hyp = self._prompt_vectors(prompts)
        index = {p: i for i, p in enumerate(prompts)}
        sims = sent @ hyp.T
        baseline = sims[:, [index[p] for p in NULL_HYPOTHESES]].max(axis=1)
        out = np.zeros((len(sentences), len(frames)), dtype=np.float32)
        for k, frame in enumerate(frames):
            cols = [index[p] for p in (*frame.hypotheses, *frame.examples)]
            best = sims[:, cols].max(axis=1)
            adjusted = best - BASELINE_WEIGHT * baseline
            out[:, k] = 1.0 / (1.0 + np.exp(-(adjusted - ANCHOR) / TEMPERATURE))
        return out


class NLIClassifier:
    """Zero-shot classification with an NLI cross-encoder (hypotheses used verbatim)."""

    name = "nli"

    def __init__(self, name_or_path: str, *, allow_download: bool = False, batch_size: int = 16) -> None:
        self.model = resolve(name_or_path, kind="nli", allow_download=allow_download)
        self.batch_size = batch_size
        self._pipe: Any = None

    @property
    def key(self) -> str:
        return f"nli:{self.model.fingerprint}"

    def _pipeline(self) -> Any:
        """Build the transformers pipeline on first use."""
        if self._pipe is None:
            from transformers import pipeline

            tokenizer, model = load_transformer(self.model, auto_class="AutoModelForSequenceClassification")
            labels = {v.lower() for v in model.config.id2label.values()}
            if not any(label.startswith("entail") for label in labels):
                raise ModelLoadError(
                    f"model '{self.model.name}' has no 'entailment' label ({sorted(labels)}): "
                    "not an NLI model"
                )
            self._pipe = pipeline("zero-shot-classification", model=model, tokenizer=tokenizer, device=-1)
        return self._pipe

    def scores(self, sentences: Sequence[str], frames: Sequence[FrameLike], *, vectors: np.ndarray | None = None) -> np.ndarray:
        """Entailment probability of each frame's best hypothesis for each sentence."""
        out = np.zeros((len(sentences), len(frames)), dtype=np.float32)
        if not sentences or not frames:
            return out
        pipe = self._pipeline()
        prompts = list(dict.fromkeys(p for f in frames for p in f.hypotheses))
        results = pipe(list(sentences), candidate_labels=prompts, hypothesis_template="{}",
                       multi_label=True, batch_size=self.batch_size)
        if isinstance(results, dict):
            results = [results]
        for i, result in enumerate(results):
            by_label = dict(zip(result["labels"], result["scores"], strict=True))
            for k, frame in enumerate(frames):
                out[i, k] = max(by_label[p] for p in frame.hypotheses)
        return out


def get_classifier(kind: str, *, encoder: Encoder, nli_model: str | None = None, allow_download: bool = False) -> Classifier:
    """The classifier ``--classifier`` names: "embedding" (default) or "nli"."""
    if kind == "nli":
        return NLIClassifier(nli_model or "deberta-zeroshot", allow_download=allow_download)
    return EmbeddingClassifier(encoder)
