"""Frames: which framing choices an article makes, each with the sentences that prove it.

Entity frames (for each ``--entity``) combine the explicit detectors of :mod:`framing.detectors`
with the zero-shot classifier; inventory frames (the 15 Media Frames Corpus frames) and user
frames (TOML) come from the classifier, gated by their lexical cues when they have any.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from framing import detectors
from framing.classify import Classifier
from framing.entities import Entity, in_document, mentions, resolve_entity, voice
from framing.errors import FrameSpecError
from framing.packaged import packaged_text, packaged_toml
from framing.syntax import parse, recalled, remembered
from framing.types import Document, Evidence, FrameResult

PRESENT = 0.5  # calibrated score from which a built-in frame is present
# A user frame's default threshold for sentences holding one of its cues, chosen on half of a
# labelled set (basil-dev's odd articles, 6 frames written before the labels; see README) as the
# best F1 with precision >= 0.95, and measured on the other half.
USER_PRESENT = 0.2
CLEAR = 0.9  # a sentence without any of a frame's cues must fit a hypothesis this clearly
MAX_EVIDENCE = 3


@dataclass(frozen=True)
class FrameSpec:
    """A frame the classifier looks for."""

    id: str
    label: str
    hypotheses: tuple[str, ...]
    cues: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    threshold: float = PRESENT
    require_cues: bool = False

    def cue_hit(self, sentence: str) -> bool:
        """Whether a sentence contains one of the frame's cues (whole words, any case)."""
        return bool(self.cues) and _cue_pattern(self.cues).search(sentence) is not None


@lru_cache(maxsize=256)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a frame's cues, compiled once (not one search per cue and sentence)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in cues) + ")", re.IGNORECASE)


ENTITY_FRAMES = ("names_entity", "calls_on_entity", "attributes_to_entity", "highlights_omission", "veiled_reference")
def _entity_hypotheses() -> dict[str, tuple[str, ...]]:
    """The entity frames' hypotheses ({e}: the entity), from ``data/entity_hypotheses.toml``."""
    data = packaged_toml("entity_hypotheses.toml")
    return {frame: tuple(lines) for frame, lines in data.items()}


ENTITY_HYPOTHESES = _entity_hypotheses()


def parse_frames(text: str, source: str, *, default_threshold: float = PRESENT) -> tuple[FrameSpec, ...]:
    """Frames from TOML ``[[frame]]`` tables (id, label, hypotheses; cues, examples, threshold,
    require_cues)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise FrameSpecError(source, f"invalid TOML ({err})") from None
    tables = data.get("frame")
    if not isinstance(tables, list) or not tables:
        raise FrameSpecError(source, "no [[frame]] table")
    return tuple(_frame(t, n, source, default_threshold) for n, t in enumerate(tables, 1))


def _frame(table: dict[str, object], n: int, source: str, default_threshold: float = PRESENT) -> FrameSpec:
    """One validated FrameSpec."""
    for key in ("id", "label"):
        if not isinstance(table.get(key), str) or not table[key]:
            raise FrameSpecError(source, f"[[frame]] #{n} needs a non-empty string '{key}'")
    hyps = table.get("hypotheses")
    if not isinstance(hyps, list) or not hyps or not all(isinstance(h, str) for h in hyps):
        raise FrameSpecError(source, f"[[frame]] #{n} ('{table['id']}') needs 'hypotheses', a list of strings")
    threshold = table.get("threshold", default_threshold)
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0 <= threshold <= 1:
        raise FrameSpecError(source, f"[[frame]] #{n} ('{table['id']}'): 'threshold' must be a number in [0, 1]")
    lists: dict[str, Any] = {key: table.get(key, []) for key in ("cues", "examples")}
    for key, value in lists.items():
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise FrameSpecError(source, f"[[frame]] #{n} ('{table['id']}'): '{key}' must be a list of non-empty strings")
    require = table.get("require_cues", False)
    if not isinstance(require, bool) or (require and not lists["cues"]):
        raise FrameSpecError(source, f"[[frame]] #{n} ('{table['id']}'): 'require_cues' must be true or false, "
                             "and true needs 'cues'")
    return FrameSpec(
        id=str(table["id"]), label=str(table["label"]), hypotheses=tuple(hyps),
        cues=tuple(lists["cues"]), examples=tuple(lists["examples"]),
        threshold=float(threshold), require_cues=require,
    )


def load_frames(path: str | Path) -> tuple[FrameSpec, ...]:
    """User frames from a TOML file."""
    path = Path(path)
    if not path.is_file():
        raise FrameSpecError(str(path), "no such file")
    return parse_frames(path.read_text(encoding="utf-8"), str(path), default_threshold=USER_PRESENT)


@lru_cache(maxsize=1)
def media_frames() -> tuple[FrameSpec, ...]:
    """The built-in inventory: the 15 Media Frames Corpus policy frames."""
    text = packaged_text("media_frames.toml")
    return parse_frames(text, "media_frames.toml")


def _evidence(doc: Document, hits: Sequence[tuple[int, int | None, float]]) -> tuple[Evidence, ...]:
    """Evidence from (sentence index, offset in sentence, score), best first."""
    ordered = sorted(hits, key=lambda h: (-h[2], h[0]))[:MAX_EVIDENCE]
    return tuple(
        Evidence(sentence=i, text=doc.sentences[i].text, voice=voice(doc.sentences[i].text, at), score=round(float(s), 4))
        for i, at, s in sorted(ordered)
    )


# Each detector reads one sentence with its context: the sentence before ("its soil" refers back)
# or the whole article (a remark about "any country" is about the entity only if it is named).
DETECTORS = {
    "calls_on_entity": (detectors.calls_on, "none"),
    "attributes_to_entity": (detectors.attributes_to, "previous"),
    "highlights_omission": (detectors.highlights_omission, "article"),
    "veiled_reference": (detectors.veiled_reference, "article"),
}


def _context(doc: Document, index: int, kind: str) -> str:
    """The context a detector reads beside sentence ``index``."""
    if kind == "previous":
        return doc.sentences[index - 1].text if index else ""
    return doc.article.text if kind == "article" else ""


def entity_frames(doc: Document, entity: Entity, scores: dict[str, np.ndarray]) -> list[FrameResult]:
    """The five entity frames: detector decides, the classifier's score backs the evidence."""
    entity = in_document(entity, doc.article.text)
    detections = remembered(_findings_key(doc, entity), lambda: _detect(doc, entity))
    out = []
    for frame in ENTITY_FRAMES:
        hits = detections[frame]
        model = scores.get(frame)
        conf = [(i, at, 1.0 if model is None else 0.5 + 0.5 * float(model[i])) for i, at in hits]
        score = max((c for _, _, c in conf), default=0.0 if model is None or not len(model) else 0.5 * float(model.max()))
        out.append(FrameResult(frame=frame, entity=entity.name, present=bool(hits), score=round(score, 4),
                               evidence=_evidence(doc, conf)))
    return out


def _detect(doc: Document, entity: Entity) -> dict[str, list[list[int | None]]]:
    """[sentence index, offset] of every detector's hits (parsing only what they need)."""
    texts = _to_parse(doc, entity)
    if texts:  # one parser batch for the detectors (already parsed if parse_ahead saw the article)
        parse(texts)
    detections: dict[str, list[list[int | None]]] = {
        "names_entity": [[s.index, m.start()] for s in doc.sentences for m in mentions(entity, s.text)[:1]],
    }
    for frame, (detect, kind) in DETECTORS.items():
        found = ((s.index, detect(s.text, entity, _context(doc, s.index, kind))) for s in doc.sentences)
        detections[frame] = [[i, at] for i, at in found if at is not None]
    return detections


def _findings_key(doc: Document, entity: Entity) -> list[str]:
    """What the detectors' findings for an entity (resolved in the article) are stored under."""
    return [repr(entity), doc.article.text, *(s.text for s in doc.sentences)]


def _to_parse(doc: Document, entity: Entity) -> list[str]:
    """The sentences whose parse the detectors read: those that name the entity and those that
    might remark an omission; none if the entity is not named."""
    named = [bool(mentions(entity, s.text)) for s in doc.sentences]
    if not any(named):
        return []
    return [s.text for s, n in zip(doc.sentences, named, strict=True) if n or detectors.might_remark_omission(s.text)]


def parse_ahead(docs: Sequence[Document], entities: Sequence[str | Entity]) -> None:
    """Parse, in one batch, the sentences the detectors will read in ``docs`` (fewer and fuller
    parser batches than one per article: 0.1-0.2 CPU-s on the 40 dev articles), skipping the
    articles whose findings are stored already (then no parser is loaded)."""
    resolved = [e if isinstance(e, Entity) else resolve_entity(e) for e in entities]
    texts = []
    for doc in docs:
        for entity in (in_document(e, doc.article.text) for e in resolved):
            if recalled(_findings_key(doc, entity)) is None:
                texts.extend(_to_parse(doc, entity))
    if texts:
        parse(texts)


def classified_frames(doc: Document, frames: Sequence[FrameSpec], scores: np.ndarray) -> list[FrameResult]:
    """Inventory and user frames from classifier scores (sentences × frames).

    Cues are hints, not requirements: a sentence without any of a frame's cues counts only when it
    fits a hypothesis clearly (score >= :data:`CLEAR`); only a frame with ``require_cues`` is limited
    to sentences with a cue (a keyword frame such as "mentions X").
    """
    out = []
    for k, frame in enumerate(frames):
        col = scores[:, k] if scores.size else np.zeros(len(doc.sentences))
        ok = [i for i, s in enumerate(doc.sentences) if _passes(frame, s.text, float(col[i]))]
        score = float(max((col[i] for i in ok), default=col.max() if len(col) and not frame.require_cues else 0.0))
        hits = [(i, None, float(col[i])) for i in ok]
        out.append(FrameResult(frame=frame.id, entity=None, present=bool(ok), score=round(score, 4),
                               evidence=_evidence(doc, hits), label=frame.label))
    return out


def _passes(frame: FrameSpec, sentence: str, score: float) -> bool:
    """Whether one sentence is evidence of a classified frame."""
    if not frame.cues:
        return score >= frame.threshold
    hit = frame.cue_hit(sentence)
    if frame.require_cues:
        return hit and score >= frame.threshold
    return score >= (frame.threshold if hit else max(frame.threshold, CLEAR))


def entity_specs(entity: Entity) -> list[FrameSpec]:
    """Classifier hypotheses of the entity frames, filled in with the entity's name."""
    return [FrameSpec(id=f, label=f, hypotheses=tuple(h.format(e=entity.name) for h in hyps))
            for f, hyps in ENTITY_HYPOTHESES.items()]


def detect_frames(
    doc: Document,
    *,
    classifier: Classifier | None = None,
    entities: Sequence[str | Entity] = (),
    frames: Sequence[FrameSpec] = (),
    inventory: bool = True,
    vectors: np.ndarray | None = None,
) -> tuple[FrameResult, ...]:
    """Every frame of one article.

    Args:
        doc: the segmented article.
        classifier: the zero-shot backend (None: detectors only, no classified frames).
        entities: entity names ("Pakistan", "Donald Trump") or resolved entities (with user aliases).
        frames: user frames (from a TOML file).
        inventory: include the 15 Media Frames Corpus frames.
        vectors: the article's sentence embeddings, if already computed (shared with alignment).
    """
    texts = [s.text for s in doc.sentences]
    resolved = [e if isinstance(e, Entity) else resolve_entity(e) for e in entities]
    specs = [*(media_frames() if inventory else ()), *frames]
    ent_specs = [spec for ent in resolved for spec in entity_specs(ent)]
    all_specs = specs + ent_specs
    if classifier is not None and texts and all_specs:
        matrix = classifier.scores(texts, all_specs, vectors=vectors)
    else:
        matrix = np.zeros((len(texts), len(all_specs)), dtype=np.float32)
    out: list[FrameResult] = []
    for n, ent in enumerate(resolved):
        base = len(specs) + n * len(ENTITY_HYPOTHESES)
        cols = {f: matrix[:, base + k] for k, f in enumerate(ENTITY_HYPOTHESES)} if classifier else {}
        out.extend(entity_frames(doc, ent, cols))
    if classifier is not None:
        out.extend(classified_frames(doc, specs, matrix[:, : len(specs)]))
    return tuple(out)
