"""Compare: two articles about one event, aligned claim by claim, with framing differences."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from framing.align import Rescorer, align
from framing.classify import Classifier, EmbeddingClassifier
from framing.conflicts import context_before, find_conflicts
from framing.differences import frame_differences
from framing.entities import Entity
from framing.frames import FrameSpec, detect_frames
from framing.models import Encoder, get_encoder
from framing.notices import comparison_notices
from framing.segment import segment
from framing.types import Alignment, Article, Comparison, Document, FrameResult, outlet_name
from framing.wording import LabelEntry, content_overlap, load_labels, loaded_words, word_edits

StageTicks = Callable[..., None]  # progress(stage, n, total=None): n more steps of a stage
EDIT_MIN_OVERLAP = (0.5, 0.5)  # shares of the shorter / longer claim's content words both must have


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
    """The alignment with its wording differences and conflicting facts.

    All sentences of each side are compared together (a one-to-many match is diffed over every
    sentence); claims that share too few content words to be diffed word by word get only the
    loaded words one side lacks, and a "same" match of a short fragment to a long sentence
    (most of the long one's content words missing from the fragment) becomes "partial".
    """
    text_a = " ".join(a.sentences[i].text for i in alignment.a)
    text_b = " ".join(b.sentences[j].text for j in alignment.b)
    short, long = content_overlap(text_a, text_b)
    diffable = short >= EDIT_MIN_OVERLAP[0] and long >= EDIT_MIN_OVERLAP[1]
    edits = word_edits(text_a, text_b, labels=labels) if diffable else loaded_words(text_a, text_b, labels=labels)
    # a short fragment standing for a long sentence reports only part of it
    relation = "partial" if alignment.relation == "same" and long < EDIT_MIN_OVERLAP[1] else alignment.relation
    return replace(alignment, relation=relation, edits=edits, conflicts=find_conflicts(
        text_a, text_b, edits, context_a=context_before(a, alignment.a), context_b=context_before(b, alignment.b)))


@dataclass(frozen=True)
class FrameOptions:
    """What framing to look for in a comparison."""

    entities: tuple[str | Entity, ...] = ()
    frames: tuple[FrameSpec, ...] = ()
    classifier: Classifier | None = None
    inventory: bool = True


def compare_documents(
    a: Document,
    b: Document,
    *,
    encoder: Encoder | None = None,
    options: FrameOptions | None = None,
    labels_file: str | Path | None = None,
    rescorer: Rescorer | None = None,
    progress: StageTicks | None = None,
) -> Comparison:
    """Compare two segmented articles: alignments, coverage gaps, wording and framing differences.

    The sentence embeddings are computed once and shared by alignment and the frame classifier;
    ``rescorer`` (a cross-encoder) revises the alignment scores near the threshold;
    ``progress(stage, n, total)`` hears of the stages: embedding, aligning, frames.
    """
    tick = progress or (lambda stage, n, total=None: None)
    encoder = encoder or get_encoder()
    options = options or FrameOptions()
    sentences = len(a.sentences) + len(b.sentences)
    tick("embedding", 0, sentences)
    emb_a, emb_b = embed_documents([a, b], encoder)
    tick("embedding", sentences)
    tick("aligning", 0, 1)
    result = align(a, b, emb_a, emb_b, rescorer=rescorer)
    labels = load_labels(labels_file)
    alignments = tuple(with_edits(al, a, b, labels) for al in result.alignments)
    tick("aligning", 1)
    tick("frames", 0, 2)
    frames_a, frames_b = (
        _frames(doc, options, vec, tick) for doc, vec in ((a, emb_a), (b, emb_b))
    )
    name_a, name_b = f"A ({outlet_name(a)})", f"B ({outlet_name(b)})"
    return Comparison(
        a=a, b=b, alignments=alignments, only_in_a=result.only_in_a, only_in_b=result.only_in_b,
        cut_off_a=result.cut_off_a, cut_off_b=result.cut_off_b, frames_a=frames_a, frames_b=frames_b,
        differences=frame_differences(frames_a, frames_b, name_a, name_b, alignments),
        notices=comparison_notices(a, b, alignments, name_a, name_b),
        nearest_a=_nearest(result.scores, 1), nearest_b=_nearest(result.scores, 0),
    )


def _nearest(scores: np.ndarray, axis: int) -> tuple[float, ...]:
    """Each sentence's best score against the other article (0.0 when that one is empty)."""
    if scores.size == 0:
        return (0.0,) * scores.shape[1 - axis]
    return tuple(float(x) for x in scores.max(axis=axis))


def _frames(doc: Document, options: FrameOptions, vectors: np.ndarray, tick: StageTicks) -> tuple[FrameResult, ...]:
    """The frames of one side, with one more step of the "frames" stage."""
    frames = detect_frames(doc, classifier=options.classifier, entities=options.entities,
                           frames=options.frames, inventory=options.inventory, vectors=vectors)
    tick("frames", 1)
    return frames


def compare(
    a: Article,
    b: Article,
    *,
    encoder: Encoder | None = None,
    entities: Sequence[str] = (),
    frames: Sequence[FrameSpec] = (),
    classifier: Classifier | None = None,
    labels_file: str | Path | None = None,
    rescorer: Rescorer | None = None,
) -> Comparison:
    """Compare two articles (segmenting them first).

    Args:
        a: the first article.
        b: the second article.
        encoder: the sentence encoder (default: the offline MiniLM).
        entities: entity names whose naming, calls, attribution and omission to compare.
        frames: user frames (see :func:`framing.frames.load_frames`).
        classifier: the zero-shot backend (default: the embedding classifier on ``encoder``).
        labels_file: a TOML of extra label words for wording differences.
        rescorer: a cross-encoder that revises uncertain pair scores (see ``framing.rescore``).
    """
    encoder = encoder or get_encoder()
    options = FrameOptions(tuple(entities), tuple(frames), classifier or EmbeddingClassifier(encoder))
    return compare_documents(segment(a), segment(b), encoder=encoder, options=options, labels_file=labels_file,
                             rescorer=rescorer)
