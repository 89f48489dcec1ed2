"""Rescore: a cross-encoder's second opinion on the sentence pairs the aligner is unsure of.

The aligner's score (cosine + shared content words) separates most pairs, but its misses sit in
a band around the threshold: a headline against the body sentence it summarises, loose
paraphrases. A cross-encoder reads both sentences at once and tells these apart better, at one
forward pass per pair and order, so only the pairs within ``BAND`` of the threshold go to it; a
rescored pair's score becomes the mean of the two opinions. Two kinds of model work:

- an NLI model (its labels include entailment): the larger entailment probability of the two
  directions, since a pair is linked when either sentence reports at least part of the other;
- a similarity cross-encoder (one output, such as an STS-B model): the sigmoid of its output,
  averaged over both orders.

Both give the same score for (a, b) and (b, a), so alignment stays symmetric. No such model ships
offline: pass a local directory, or a registry name or hub id with ``--allow-download``. Scores
are cached on disk by model and sentence pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from framing.cache import EmbeddingCache, default_cache_dir
from framing.errors import ModelLoadError
from framing.models import load_transformer, resolve

BAND = 0.15  # pairs whose aligner score is within this of the threshold are rescored
PAIR_SEPARATOR = "\x00"  # joins a sentence pair into one cache text


class CrossEncoderRescorer:
    """Rescore uncertain sentence pairs with an NLI or similarity cross-encoder."""

    def __init__(self, name_or_path: str, *, allow_download: bool = False, batch_size: int = 16,
                 cache: bool = True) -> None:
        self.model = resolve(name_or_path, kind=("cross", "nli"), allow_download=allow_download)
        self.batch_size = batch_size
        self.cache = EmbeddingCache(default_cache_dir() / "pairs.sqlite") if cache else None
        self._net: Any = None
        self._tokenizer: Any = None
        self._entail: int | None = None

    @property
    def key(self) -> str:
        """Identifies the scores this rescorer gives (its weights)."""
        return f"cross:{self.model.fingerprint}"

    def _load(self) -> None:
        """Load the model on first use; tell an NLI head from a one-output similarity head."""
        if self._net is not None:
            return
        tokenizer, net = load_transformer(self.model, auto_class="AutoModelForSequenceClassification")
        labels = {i: str(v).lower() for i, v in net.config.id2label.items()}
        entail = [i for i, v in labels.items() if v.startswith("entail")]
        if entail:
            self._entail = int(entail[0])
        elif net.config.num_labels != 1:
            raise ModelLoadError(
                f"model '{self.model.name}' is neither an NLI model (no 'entailment' label in "
                f"{sorted(labels.values())}) nor a one-output similarity cross-encoder"
            )
        self._tokenizer, self._net = tokenizer, net

    def _forward(self, firsts: list[str], seconds: list[str]) -> np.ndarray:
        """The model's score for each (first, second) order: entailment probability or similarity."""
        import torch

        out = []
        for i in range(0, len(firsts), self.batch_size):
            batch = self._tokenizer(firsts[i : i + self.batch_size], seconds[i : i + self.batch_size],
                                    padding=True, truncation=True, max_length=512, return_tensors="pt")
            with torch.inference_mode():
                logits = self._net(**batch).logits.float()
            if self._entail is None:
                out.append(torch.sigmoid(logits[:, 0]).numpy())
            else:
                out.append(torch.softmax(logits, dim=-1)[:, self._entail].numpy())
        return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)

    def pair_scores(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """A symmetric score in [0, 1] for each sentence pair."""
        keys = [PAIR_SEPARATOR.join(sorted(p)) for p in pairs]
        found = self.cache.get_many(self.key, keys) if self.cache else {}
        todo = sorted({k for k in keys if k not in found})
        if todo:
            self._load()
            firsts, seconds = zip(*(k.split(PAIR_SEPARATOR, 1) for k in todo), strict=True)
            forward = self._forward(list(firsts), list(seconds))
            backward = self._forward(list(seconds), list(firsts))
            both = np.maximum(forward, backward) if self._entail is not None else (forward + backward) / 2
            fresh = {k: np.array([s], dtype=np.float32) for k, s in zip(todo, both, strict=True)}
            if self.cache:
                self.cache.put_many(self.key, fresh)
            found.update(fresh)
        return np.array([float(found[k][0]) for k in keys], dtype=np.float32)

    def rescore(self, scores: np.ndarray, a: Sequence[str], b: Sequence[str], *, threshold: float) -> np.ndarray:
        """``scores`` with every pair within ``BAND`` of ``threshold`` averaged with the model's score."""
        rows, cols = np.nonzero(np.abs(scores - threshold) <= BAND)
        if rows.size == 0:
            return scores
        cross = self.pair_scores([(a[int(i)], b[int(j)]) for i, j in zip(rows, cols, strict=True)])
        out = scores.copy()
        out[rows, cols] = (scores[rows, cols] + cross) / 2
        return out
