"""Machine-readable outputs: JSON-ready dicts (the shapes of CONTRACT.md), JSONL and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from framing.types import Comparison, Document, Edit, FrameResult
from framing.wording import summarize

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run: text starting ``= + - @`` gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_row(values: Sequence[Any]) -> list[Any]:
    """Every cell of a row made safe (see :func:`csv_cell`)."""
    return [csv_cell(v) for v in values]


def document_json(doc: Document) -> dict[str, Any]:
    """An article with its sentences, as in ``compare --format json``."""
    art = doc.article
    return {
        "id": art.id, "source": art.source, "outlet": art.outlet, "title": art.title,
        "url": art.url, "date": art.date, "event": art.event, "cut_off": doc.cut_off,
        "sentences": [
            {"index": s.index, "text": s.text, "start": s.start, "end": s.end} for s in doc.sentences
        ],
    }


def frame_json(frame: FrameResult) -> dict[str, Any]:
    """A FRAME of CONTRACT.md."""
    return {
        "frame": frame.frame, "entity": frame.entity, "present": frame.present,
        "score": round(frame.score, 4), "label": frame.label,
        "evidence": [
            {"sentence": e.sentence, "text": e.text, "voice": e.voice, "score": round(e.score, 4)}
            for e in frame.evidence
        ],
    }


def edit_json(edit: Edit) -> dict[str, Any]:
    """One wording difference."""
    return {"op": edit.op, "a": edit.a, "b": edit.b, "labels": list(edit.labels), "summary": summarize(edit)}


def comparison_json(comp: Comparison) -> dict[str, Any]:
    """The ``compare --format json`` object of CONTRACT.md."""
    articles = []
    for doc, frames in ((comp.a, comp.frames_a), (comp.b, comp.frames_b)):
        articles.append({**document_json(doc), "frames": [frame_json(f) for f in frames]})
    return {
        "articles": articles,
        "alignments": [
            {"a": list(al.a), "b": list(al.b), "relation": al.relation, "score": round(al.score, 4),
             "edits": [edit_json(e) for e in al.edits],
             "conflicts": [{"kind": c.kind, "a": c.a, "b": c.b, "summary": c.summary} for c in al.conflicts]}
            for al in comp.alignments
        ],
        "only_in_a": list(comp.only_in_a),
        "only_in_b": list(comp.only_in_b),
        "possibly_cut_off_a": list(comp.cut_off_a),
        "possibly_cut_off_b": list(comp.cut_off_b),
        "differences": [
            {"frame": d.frame, "entity": d.entity, "a": d.a, "b": d.b, "summary": d.summary,
             "evidence_a": [{"sentence": e.sentence, "text": e.text, "voice": e.voice} for e in d.evidence_a],
             "evidence_b": [{"sentence": e.sentence, "text": e.text, "voice": e.voice} for e in d.evidence_b]}
            for d in comp.differences
        ],
        "notices": [{"kind": n.kind, "message": n.message} for n in comp.notices],
    }


def frames_records(docs: Sequence[Document], results: Sequence[Sequence[FrameResult]]) -> list[dict[str, Any]]:
    """One ``framing frames`` object per article (CONTRACT.md)."""
    return [{"id": doc.id, "source": doc.article.source, "outlet": doc.article.outlet,
             "frames": [frame_json(f) for f in frames]} for doc, frames in zip(docs, results, strict=True)]


def frames_jsonl(docs: Sequence[Document], results: Sequence[Sequence[FrameResult]]) -> str:
    """``framing frames --format jsonl``: one object per article and line."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in frames_records(docs, results))


def evidence_cells(f: FrameResult) -> list[str]:
    """A frame's evidence as CSV cells: sentence numbers, texts, and voices ("outlet": the
    outlet's own words; "quoted", "attributed": someone it quotes or reports), aligned by " | "."""
    return [" ".join(str(e.sentence) for e in f.evidence), " | ".join(e.text for e in f.evidence),
            " | ".join(e.voice for e in f.evidence)]


def frames_csv(docs: Sequence[Document], results: Sequence[Sequence[FrameResult]]) -> str:
    """One row per article and frame: id, source, outlet, frame, entity, present, score, evidence
    (sentence numbers, texts) and the evidence's voices."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "source", "outlet", "frame", "entity", "present", "score", "evidence_sentences", "evidence",
                     "voice"])
    for doc, frames in zip(docs, results, strict=True):
        for f in frames:
            writer.writerow(csv_row([doc.id, doc.article.source, doc.article.outlet or "", f.frame, f.entity or "",
                                     f.present, round(f.score, 4), *evidence_cells(f)]))
    return buf.getvalue()
