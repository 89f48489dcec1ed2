"""Render results as JSON-ready dicts (the shapes of CONTRACT.md)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from framing.types import Comparison, Document, Edit, FrameResult
from framing.wording import summarize

# Every ASCII mark with a meaning in CommonMark / GitHub Markdown inline text; a backslash makes
# each a literal character. "<", ">" and "&" become entities, so no article text is ever HTML.
_MD_MARKS = re.compile(r"([\\`*_{}\[\]()#+!|~$^])")
_AUTOLINK = re.compile(r"(?i)(://|www\.)")  # GitHub Markdown links bare URLs: break them
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def markdown_text(text: str) -> str:
    """Article text as literal Markdown inline text: no markup, no HTML, no link survives.

    Newlines become spaces, so the text never starts a block (heading, list, quote, table row).
    """
    text = html.escape(" ".join(text.split("\n")), quote=False)
    text = _MD_MARKS.sub(r"\\\1", text)
    return _AUTOLINK.sub(lambda m: "\\:\\/\\/" if m.group(1) == "://" else m.group(1)[:3] + "\\.", text)


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


def outlet_name(doc: Document) -> str:
    """How to call an article's outlet in prose."""
    return doc.article.outlet or doc.article.id


def frames_records(docs: Sequence[Document], results: Sequence[Sequence[FrameResult]]) -> list[dict[str, Any]]:
    """One ``framing frames`` object per article (CONTRACT.md)."""
    return [{"id": doc.id, "source": doc.article.source, "outlet": doc.article.outlet,
             "frames": [frame_json(f) for f in frames]} for doc, frames in zip(docs, results, strict=True)]


def frames_jsonl(docs: Sequence[Document], results: Sequence[Sequence[FrameResult]]) -> str:
    """``framing frames --format jsonl``: one object per article and line."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in frames_records(docs, results))


def frames_csv(docs: Sequence[Document], results: Sequence[Sequence[FrameResult]]) -> str:
    """One row per article and frame: id, source, outlet, frame, entity, present, score, evidence."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "source", "outlet", "frame", "entity", "present", "score", "evidence_sentences", "evidence"])
    for doc, frames in zip(docs, results, strict=True):
        for f in frames:
            writer.writerow(csv_row([doc.id, doc.article.source, doc.article.outlet or "", f.frame, f.entity or "",
                                     f.present, round(f.score, 4), " ".join(str(e.sentence) for e in f.evidence),
                                     " | ".join(e.text for e in f.evidence)]))
    return buf.getvalue()


def frames_text(docs: Sequence[Document], results: Sequence[Sequence[FrameResult]], *, show_all: bool = False) -> str:
    """A readable list of each article's frames with evidence."""
    lines = []
    for doc, frames in zip(docs, results, strict=True):
        lines.append(f"# {doc.id} ({outlet_name(doc)})")
        for f in frames:
            if not f.present and not show_all:
                continue
            name = f"{f.frame}({f.entity})" if f.entity else f.frame
            lines.append(f"  {'+' if f.present else '-'} {name:<36} {f.score:.2f}")
            lines.extend(f"      [{e.sentence}] ({e.voice}) {e.text}" for e in f.evidence)
    return "\n".join(lines) + "\n"
