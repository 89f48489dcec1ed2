"""One output layer: every format framing writes lives in this package; the analysis modules
never format.

- :mod:`~framing.output.json_csv`: JSON objects (CONTRACT.md shapes), JSONL and CSV rows.
- :mod:`~framing.output.text`: terminal text fitted to the terminal's width.
- :mod:`~framing.output.markdown`: Markdown, with every article text escaped.
- :mod:`~framing.output.compare_html`: the self-contained comparison page.
- :mod:`~framing.output.claims`: the pieces every human view of a comparison shows.
- :mod:`~framing.output.worksheet`: worksheets, answer keys and the quiz page.
- :mod:`~framing.output.tables`: the evaluation reports as text tables.
- :mod:`~framing.output.progress`: progress bars on stderr and what a Ctrl-C keeps.
"""

from __future__ import annotations

import json

from framing.types import Comparison

COMPARISON_FORMATS = ("text", "json", "markdown", "html")


def render_comparison(comp: Comparison, fmt: str, *, color: bool = False, width: int | None = None) -> str:
    """A comparison in one of :data:`COMPARISON_FORMATS`.

    Args:
        comp: the comparison.
        fmt: text, json, markdown or html.
        color: ANSI colours in the text view.
        width: the text view's width (default: ``$COLUMNS``, the terminal's, or 120).
    """
    if fmt == "json":
        from framing.output.json_csv import comparison_json

        return json.dumps(comparison_json(comp), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        from framing.output.markdown import comparison_markdown

        return comparison_markdown(comp)
    if fmt == "html":
        from framing.output.compare_html import comparison_html

        return comparison_html(comp)
    from framing.output.text import comparison_text

    return comparison_text(comp, color=color, width=width)
