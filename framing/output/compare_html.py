"""``compare --format html``: one self-contained page (no script, no CDN) of a comparison."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from framing.output.claims import conflict_lines, marked, safe_url, texts
from framing.types import Comparison, outlet_name
from framing.wording import summarize


def comparison_html(comp: Comparison) -> str:
    """One self-contained HTML page; every article text is escaped."""
    env = Environment(loader=PackageLoader("framing", "data"), autoescape=select_autoescape(["html"]))
    rows = []
    for al in comp.alignments:
        a, b = texts(comp, al)
        a_html, b_html = marked(
            a, b, lambda t, side: f'<mark class="{side}">{t}</mark>', lambda t: str(escape(t)),
            diff=bool(al.edits),
        )
        rows.append({"al": al, "a": Markup(a_html), "b": Markup(b_html),
                     "edits": [summarize(e) for e in al.edits if e.labels]})
    return env.get_template("compare.html").render(
        comp=comp, rows=rows, conflicts=conflict_lines(comp), name_a=outlet_name(comp.a),
        name_b=outlet_name(comp.b), url_a=safe_url(comp.a.article.url), url_b=safe_url(comp.b.article.url),
    )
