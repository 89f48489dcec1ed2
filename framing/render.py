"""Render results as JSON-ready dicts (the shapes of CONTRACT.md)."""

from __future__ import annotations

from typing import Any

from framing.types import Document


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
