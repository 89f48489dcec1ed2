"""Compare: two articles about one event, aligned claim by claim, with framing differences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz

from framing.align import align
from framing.models import Encoder, get_encoder
from framing.segment import segment
from framing.types import Alignment, Article, Comparison, Document
from framing.wording import LabelEntry, load_labels, word_edits

EDIT_MIN_SIMILARITY = 50  # token-sort ratio below which two sentences are too unlike to diff


def embed_documents(docs: Sequence[Document], encoder: Encoder) -> list[np.ndarray]:
    """Sentence embeddings of several documents in one batched (and cached) call."""
    texts = [s.text for d in docs for s in d.sentences]
    vectors = encoder.encode(texts) if texts else np.zeros((0, 0), dtype=np.float32)
    out, start = [], 0
    for doc in docs:
        out.append(vectors[start : start + len(doc.sentences)])
        start += len(doc.sentences)
    return out


def with_edits(alignment: Alignment, a: Document, b: Document, labels: Sequence[LabelEntry]) -> Alignment:
    """The alignment with the word edits between its most similar pair of sentences."""
    pairs = [(a.sentences[i].text, b.sentences[j].text) for i in alignment.a for j in alignment.b]
    text_a, text_b = max(pairs, key=lambda p: fuzz.token_sort_ratio(*p))
    if fuzz.token_sort_ratio(text_a, text_b) < EDIT_MIN_SIMILARITY:
        return alignment
    return replace(alignment, edits=word_edits(text_a, text_b, labels=labels))


def compare_documents(
    a: Document,
    b: Document,
    *,
    encoder: Encoder | None = None,
    embeddings: tuple[np.ndarray, np.ndarray] | None = None,
    labels_file: str | Path | None = None,
) -> Comparison:
    """Compare two segmented articles: alignments, coverage gaps and wording differences."""
    if embeddings is None:
        emb_a, emb_b = embed_documents([a, b], encoder or get_encoder())
    else:
        emb_a, emb_b = embeddings
    result = align(a, b, emb_a, emb_b)
    labels = load_labels(labels_file)
    alignments = tuple(with_edits(al, a, b, labels) for al in result.alignments)
    return Comparison(
        a=a, b=b, alignments=alignments, only_in_a=result.only_in_a, only_in_b=result.only_in_b,
        cut_off_a=result.cut_off_a, cut_off_b=result.cut_off_b,
    )


def compare(a: Article, b: Article, *, encoder: Encoder | None = None, labels_file: str | Path | None = None) -> Comparison:
    """Compare two articles (segmenting them first).

    Args:
        a: the first article.
        b: the second article.
        encoder: the sentence encoder (default: the offline MiniLM).
        labels_file: a TOML of extra label words for wording differences.
    """
    return compare_documents(segment(a), segment(b), encoder=encoder, labels_file=labels_file)
