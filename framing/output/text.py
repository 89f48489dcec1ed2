"""Terminal text: a comparison side by side and each article's frames, fitted to the terminal."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Sequence
from typing import Any

from framing.output.claims import conflict_lines, gap_lines, marked, ref, texts, wording_lines
from framing.types import Comparison, Document, FrameResult, outlet_name

MIN_WIDTH = 40  # narrower than this, the side-by-side table has no room for a word per line
PIPE_WIDTH = 120  # the width when neither $COLUMNS nor a terminal says otherwise


def terminal_width() -> int:
    """The width to write for: ``$COLUMNS``, else the terminal's, else 120 (a pipe or a file)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.strip().isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, int(columns))
    return max(MIN_WIDTH, shutil.get_terminal_size((PIPE_WIDTH, 24)).columns)


def comparison_text(comp: Comparison, *, width: int | None = None, color: bool = False) -> str:
    """A terminal view: aligned claims side by side, changed words highlighted, the gaps.

    Args:
        comp: the comparison.
        width: columns no line may exceed (default: :func:`terminal_width`).
        color: ANSI colours for the changed words.
    """
    from rich.console import Console
    from rich.markup import escape as rich_escape
    from rich.table import Table

    buf = io.StringIO()
    width = max(MIN_WIDTH, width or terminal_width())
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      soft_wrap=False)
    name_a, name_b = outlet_name(comp.a), outlet_name(comp.b)
    _section(console, "Notices", [n.message for n in comp.notices])
    _section(console, "Where the outlets disagree", conflict_lines(comp))
    table = Table(title=f"Aligned claims: A = {name_a}, B = {name_b}", show_lines=True, expand=True)
    table.add_column("A", ratio=1, overflow="fold")
    table.add_column("B", ratio=1, overflow="fold")
    table.add_column("match", width=9 if width < 100 else 12, overflow="fold")
    style = {"a": "bold red", "b": "bold green"}
    for al in comp.alignments:
        a, b = texts(comp, al)
        a, b = marked(a, b, lambda t, side: f"[{style[side]}]{t}[/]", rich_escape, diff=bool(al.edits))
        table.add_row(a, b, f"{al.relation}\n{al.score:.2f}\n{ref(al).replace(', ', ',')}")
    console.print(table)
    _section(console, f"Only in A ({name_a})", gap_lines(comp.a, comp.only_in_a))
    _section(console, f"Only in B ({name_b})", gap_lines(comp.b, comp.only_in_b))
    _section(console, "Possibly cut off (A's claims after where B's excerpt ends)", gap_lines(comp.a, comp.cut_off_a))
    _section(console, "Possibly cut off (B's claims after where A's excerpt ends)", gap_lines(comp.b, comp.cut_off_b))
    _section(console, "Wording differences that carry framing", wording_lines(comp))
    _section(console, "Framing differences", [d.summary for d in comp.differences])
    return "".join(line.rstrip() + "\n" for line in buf.getvalue().splitlines())  # no padding to the width


def _section(console: Any, title: str, lines: list[str]) -> None:
    """A titled list, skipped when empty; a long item wraps under its own first word."""
    from rich.markup import escape as rich_escape
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    if not lines:
        return
    console.print(f"\n[bold]{rich_escape(title)}[/bold]", overflow="fold")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1)
    grid.add_column(ratio=1, overflow="fold")
    for line in lines:
        grid.add_row("•", Text(line))
    console.print(Padding(grid, (0, 0, 0, 2)), highlight=False)


def frames_text(docs: Sequence[Document], results: Sequence[Sequence[FrameResult]], *,
                show_all: bool = False, width: int | None = None) -> str:
    """A readable list of each article's frames with evidence, wrapped to ``width`` columns
    (default: :func:`terminal_width`)."""
    import textwrap

    width = max(MIN_WIDTH, width or terminal_width())
    lines = []
    for doc, frames in zip(docs, results, strict=True):
        lines.append(f"# {doc.id} ({outlet_name(doc)})")
        if not show_all and not any(f.present for f in frames):
            lines.append("  no frame found (--all lists every frame with its score)")
        for f in frames:
            if not f.present and not show_all:
                continue
            name = f"{f.frame}({f.entity})" if f.entity else f.frame
            lines.append(f"  {'+' if f.present else '-'} {name:<36} {f.score:.2f}")
            for e in f.evidence:
                lines += textwrap.wrap(f"[{e.sentence}] ({e.voice}) {e.text}", width, initial_indent=" " * 6,
                                       subsequent_indent=" " * 8, break_on_hyphens=False) or [""]
    return "\n".join(lines) + "\n"
