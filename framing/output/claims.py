"""The pieces every human view of a comparison shows: both sides' texts with the changed words
marked, the conflicting facts, the sentences only one side has and the wording differences."""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable

from framing.types import Alignment, Comparison, Document
from framing.wording import changed_spans, summarize, wrap_spans


def texts(comp: Comparison, al: Alignment) -> tuple[str, str]:
    """The joined sentence texts of both sides of an alignment."""
    a = " ".join(comp.a.sentences[i].text for i in al.a)
    b = " ".join(comp.b.sentences[j].text for j in al.b)
    return a, b


def marked(a: str, b: str, wrap: Callable[[str, str], str], escape: Callable[[str], str], *,
           diff: bool) -> tuple[str, str]:
    """Both texts escaped, with changed words wrapped by ``wrap(text, side)``."""
    if not diff:
        return escape(a), escape(b)
    spans_a, spans_b = changed_spans(a, b)
    return (wrap_spans(a, spans_a, lambda t: wrap(t, "a"), escape),
            wrap_spans(b, spans_b, lambda t: wrap(t, "b"), escape))


def ref(al: Alignment) -> str:
    """The sentence indices of an alignment: ``[3]↔[2, 4]``."""
    return f"{list(al.a)}↔{list(al.b)}"


def conflict_lines(comp: Comparison) -> list[str]:
    """One line per conflicting fact inside an aligned claim."""
    return [f"{ref(al)} {c.summary}" for al in comp.alignments for c in al.conflicts]


def gap_lines(doc: Document, indices: tuple[int, ...]) -> list[str]:
    """``[i] sentence`` for each of the given sentences."""
    return [f"[{i}] {doc.sentences[i].text}" for i in indices]


def wording_lines(comp: Comparison) -> list[str]:
    """Each labelled wording difference with the sentences it is in: ``[1]↔[2] ...``."""
    return [f"{ref(al)} {summarize(e)}" for al in comp.alignments for e in al.edits if e.labels]


def safe_url(url: str | None) -> str | None:
    """A link target only for http(s) URLs: a ``javascript:`` URL from a manifest is no link."""
    if not url:
        return None
    return url if urllib.parse.urlsplit(url.strip()).scheme.lower() in ("http", "https") else None
