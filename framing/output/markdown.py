"""``compare --format markdown``: a comparison as CommonMark / GitHub Markdown.

Every text taken from an article is escaped (:func:`markdown_text`), so no article markup, HTML
or link survives rendering; only the view's own headings, lists, tables and bold words do.
"""

from __future__ import annotations

import html
import re

from framing.output.claims import conflict_lines, gap_lines, marked, ref, texts, wording_lines
from framing.types import Comparison, outlet_name

# Every ASCII mark with a meaning in CommonMark / GitHub Markdown inline text; a backslash makes
# each a literal character. "<", ">" and "&" become entities, so no article text is ever HTML.
_MD_MARKS = re.compile(r"([\\`*_{}\[\]()#+!|~$^])")
_AUTOLINK = re.compile(r"(?i)(://|www\.)")  # GitHub Markdown links bare URLs: break them


def markdown_text(text: str) -> str:
    """Article text as literal Markdown inline text: no markup, no HTML, no link survives.

    Newlines become spaces, so the text never starts a block (heading, list, quote, table row).
    """
    text = html.escape(" ".join(text.split("\n")), quote=False)
    text = _MD_MARKS.sub(r"\\\1", text)
    return _AUTOLINK.sub(lambda m: "\\:\\/\\/" if m.group(1) == "://" else m.group(1)[:3] + "\\.", text)


def _bold(escaped: str) -> str:
    """Changed words in bold. The spans are whole whitespace-delimited chunks, so each ``**``
    has a space (or a cell's edge) on its outer side and CommonMark always reads it as emphasis,
    even around a chunk that starts or ends with punctuation (``**\\(LeT\\),**``)."""
    return f"**{escaped}**"


def comparison_markdown(comp: Comparison) -> str:
    """A Markdown view (changed words in bold); every text from an article is escaped."""
    md = markdown_text
    name_a, name_b = outlet_name(comp.a), outlet_name(comp.b)
    lines = [f"# {md(name_a)} vs {md(name_b)}", "",
             f"- A: {md(comp.a.article.title or comp.a.id)} ({md(comp.a.article.source)})",
             f"- B: {md(comp.b.article.title or comp.b.id)} ({md(comp.b.article.source)})", ""]
    if comp.notices:
        lines += ["## Notices", ""] + [f"- **{md(n.kind)}**: {md(n.message)}" for n in comp.notices] + [""]
    if conflict_lines(comp):
        lines += ["## Where the outlets disagree", ""] + [f"- {md(c)}" for c in conflict_lines(comp)] + [""]
    lines += ["## Aligned claims", "", "| A | B | match |", "|---|---|---|"]
    for al in comp.alignments:
        a, b = texts(comp, al)
        a, b = marked(a, b, lambda t, side: _bold(t), md, diff=bool(al.edits))
        lines.append(f"| {a} | {b} | {al.relation} {al.score:.2f} {md(ref(al))} |")
    sections = [
        (f"Only in A ({name_a})", gap_lines(comp.a, comp.only_in_a)),
        (f"Only in B ({name_b})", gap_lines(comp.b, comp.only_in_b)),
        ("Possibly cut off in B", gap_lines(comp.a, comp.cut_off_a)),
        ("Possibly cut off in A", gap_lines(comp.b, comp.cut_off_b)),
        ("Wording differences", wording_lines(comp)),
        ("Framing differences", [d.summary for d in comp.differences]),
    ]
    for title, items in sections:
        if items:
            lines += ["", f"## {md(title)}", ""] + [f"- {md(item)}" for item in items]
    return "\n".join(lines) + "\n"
