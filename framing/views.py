"""Human views of a comparison: terminal (rich), Markdown and a self-contained HTML page."""

from __future__ import annotations

import io
from collections.abc import Callable

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from framing.render import markdown_text as _md
from framing.render import outlet_name
from framing.types import Alignment, Comparison, Document
from framing.wording import changed_spans, summarize, wrap_spans


def _texts(comp: Comparison, al: Alignment) -> tuple[str, str]:
    """The joined sentence texts of both sides of an alignment."""
    a = " ".join(comp.a.sentences[i].text for i in al.a)
    b = " ".join(comp.b.sentences[j].text for j in al.b)
    return a, b


def _marked(
    a: str, b: str, wrap: Callable[[str, str], str], escape: Callable[[str], str], *, diff: bool
) -> tuple[str, str]:
    """Both texts escaped, with changed words wrapped by ``wrap(text, side)``."""
    if not diff:
        return escape(a), escape(b)
    spans_a, spans_b = changed_spans(a, b)
    return (wrap_spans(a, spans_a, lambda t: wrap(t, "a"), escape),
            wrap_spans(b, spans_b, lambda t: wrap(t, "b"), escape))


def _conflict_lines(comp: Comparison) -> list[str]:
    """One line per conflicting fact inside an aligned claim."""
    return [f"{list(al.a)}↔{list(al.b)} {c.summary}" for al in comp.alignments for c in al.conflicts]


def _gap_lines(doc: Document, indices: tuple[int, ...]) -> list[str]:
    return [f"[{i}] {doc.sentences[i].text}" for i in indices]


def to_text(comp: Comparison, *, width: int = 120, color: bool = False) -> str:
    """A terminal view: aligned claims side by side, changed words highlighted, the gaps."""
    from rich.console import Console
    from rich.markup import escape as rich_escape
    from rich.table import Table

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None)
    name_a, name_b = outlet_name(comp.a), outlet_name(comp.b)
    _print_section(console, "Notices", [n.message for n in comp.notices])
    _print_section(console, "Where the outlets disagree", _conflict_lines(comp))
    table = Table(title=f"Aligned claims: A = {name_a}, B = {name_b}", show_lines=True, expand=True)
    table.add_column("A", ratio=1)
    table.add_column("B", ratio=1)
    table.add_column("match", width=12)
    style = {"a": "bold red", "b": "bold green"}
    for al in comp.alignments:
        a, b = _texts(comp, al)
        a, b = _marked(a, b, lambda t, side: f"[{style[side]}]{t}[/]", rich_escape, diff=bool(al.edits))
        ids = f"{list(al.a)}↔{list(al.b)}"
        table.add_row(a, b, f"{al.relation}\n{al.score:.2f}\n{ids}")
    console.print(table)
    _print_section(console, f"Only in A ({name_a})", _gap_lines(comp.a, comp.only_in_a))
    _print_section(console, f"Only in B ({name_b})", _gap_lines(comp.b, comp.only_in_b))
    _print_section(console, "Possibly cut off (A's claims after where B's excerpt ends)", _gap_lines(comp.a, comp.cut_off_a))
    _print_section(console, "Possibly cut off (B's claims after where A's excerpt ends)", _gap_lines(comp.b, comp.cut_off_b))
    words = [f"{list(al.a)}↔{list(al.b)} {summarize(e)}" for al in comp.alignments for e in al.edits if e.labels]
    _print_section(console, "Wording differences that carry framing", words)
    _print_section(console, "Framing differences", [d.summary for d in comp.differences])
    return buf.getvalue()


def _print_section(console: object, title: str, lines: list[str]) -> None:
    """A titled list, skipped when empty."""
    from rich.markup import escape as rich_escape

    if not lines:
        return
    console.print(f"\n[bold]{rich_escape(title)}[/bold]")  # type: ignore[attr-defined]
    for line in lines:
        console.print(f"  • {rich_escape(line)}", highlight=False)  # type: ignore[attr-defined]


def to_markdown(comp: Comparison) -> str:
    """A Markdown view (changed words in bold); every text from an article is escaped."""
    name_a, name_b = outlet_name(comp.a), outlet_name(comp.b)
    lines = [f"# {_md(name_a)} vs {_md(name_b)}", "",
             f"- A: {_md(comp.a.article.title or comp.a.id)} ({_md(comp.a.article.source)})",
             f"- B: {_md(comp.b.article.title or comp.b.id)} ({_md(comp.b.article.source)})", ""]
    if comp.notices:
        lines += ["## Notices", ""] + [f"- **{n.kind}**: {_md(n.message)}" for n in comp.notices] + [""]
    if _conflict_lines(comp):
        lines += ["## Where the outlets disagree", ""] + [f"- {_md(c)}" for c in _conflict_lines(comp)] + [""]
    lines += ["## Aligned claims", "", "| A | B | match |", "|---|---|---|"]
    for al in comp.alignments:
        a, b = _texts(comp, al)
        a, b = _marked(a, b, lambda t, side: f"**{t}**", _md, diff=bool(al.edits))
        lines.append(f"| {a} | {b} | {al.relation} {al.score:.2f} |")
    sections = [
        (f"Only in A ({name_a})", _gap_lines(comp.a, comp.only_in_a)),
        (f"Only in B ({name_b})", _gap_lines(comp.b, comp.only_in_b)),
        ("Possibly cut off in B", _gap_lines(comp.a, comp.cut_off_a)),
        ("Possibly cut off in A", _gap_lines(comp.b, comp.cut_off_b)),
        ("Wording differences", [summarize(e) for al in comp.alignments for e in al.edits if e.labels]),
        ("Framing differences", [d.summary for d in comp.differences]),
    ]
    for title, items in sections:
        if items:
            lines += ["", f"## {_md(title)}", ""] + [f"- {_md(item)}" for item in items]
    return "\n".join(lines) + "\n"


def to_html(comp: Comparison) -> str:
    """One self-contained HTML page; every article text is escaped."""
    env = Environment(loader=PackageLoader("framing", "data"), autoescape=select_autoescape(["html"]))
    rows = []
    for al in comp.alignments:
        a, b = _texts(comp, al)
        a_html, b_html = _marked(
            a, b, lambda t, side: f'<mark class="{side}">{t}</mark>', lambda t: str(escape(t)),
            diff=bool(al.edits),
        )
        rows.append({"al": al, "a": Markup(a_html), "b": Markup(b_html),
                     "edits": [summarize(e) for e in al.edits if e.labels]})
    return env.get_template("compare.html").render(
        comp=comp, rows=rows, conflicts=_conflict_lines(comp), name_a=outlet_name(comp.a), name_b=outlet_name(comp.b),
    )
