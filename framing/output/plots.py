"""The report's plots as inline SVG: frames by outlet group, and attention over time.

Both stay legible with any number of outlets: outlets are counted by their group (country, or
the user's groups), with one colour per group; frames are named in words.
"""

from __future__ import annotations

import io
import textwrap
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from markupsafe import Markup

from framing.outlets import UNKNOWN
from framing.output.report_common import OTHER_COLOUR, PALETTE, ReportIndex, frame_key
from framing.report import CorpusReport

MAX_ROWS = 12  # groups the heatmap shows; the rest make one "other groups" row
MAX_FRAMES = 20  # frames the heatmap shows (the most frequent)
MAX_PANELS = 9  # small multiples over time: all articles, then the most frequent frames
OTHERS = "Other groups"


def _figure(**kwargs: Any) -> Any:
    """A matplotlib figure on the file-only (Agg) canvas, made without pyplot: pyplot's imports
    and figure manager cost about 0.2 CPU-s, and there is no figure to close after."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(**kwargs)
    FigureCanvasAgg(fig)
    return fig


def svg(fig: Any) -> Markup:
    """A matplotlib figure as inline SVG (no external file: the report works offline)."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "framing"}):  # stable element ids: same input, same file
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buf.getvalue()
    return Markup(text[text.index("<svg") :])


def plot_groups(index: ReportIndex) -> list[str]:
    """The groups plots show by name (those with a colour of their own), then others, unknown."""
    named = [g for g in index.groups if g != UNKNOWN][: len(PALETTE)]
    rest = [g for g in index.groups if g not in named and g != UNKNOWN]
    return named + ([OTHERS] if rest else []) + ([UNKNOWN] if UNKNOWN in index.groups else [])


def _plot_group(index: ReportIndex, doc_id: str, shown: list[str]) -> str:
    """The group an article counts under in a plot."""
    group = index.outlets[doc_id].group
    return group if group in shown else OTHERS


def _colour(index: ReportIndex, group: str) -> str:
    return OTHER_COLOUR if group == OTHERS else index.colours[group]


def _text_colour(index: ReportIndex, group: str) -> str:
    """A group's colour for text: the unknown group's light grey is too pale to read."""
    return "#6b6b6b" if group == UNKNOWN else _colour(index, group)


def _frame_sets(report: CorpusReport) -> list[set[str]]:
    """The frame keys present in each article, in the report's order."""
    return [{frame_key(f) for f in fs if f.present} for fs in report.frames]


def heatmap_svg(report: CorpusReport, index: ReportIndex) -> Markup | None:
    """Frames (rows, in words) by outlet group (columns): the share of each group's articles that
    carry each frame, each cell also giving the count (1 of 1 reads differently from 30 of 40)."""
    sets = _frame_sets(report)
    totals = Counter(k for s in sets for k in s)
    frames = [k for k, _ in sorted(totals.items(), key=lambda kv: (-kv[1], index.names.index(kv[0])))][:MAX_FRAMES]
    if not frames:
        return None
    shown = plot_groups(index)[:MAX_ROWS]
    rows: dict[str, list[set[str]]] = defaultdict(list)
    for d, s in zip(report.docs, sets, strict=True):
        rows[_plot_group(index, d.id, shown)].append(s)
    groups = [g for g in [*shown, OTHERS] if rows.get(g)]
    groups = list(dict.fromkeys(groups))
    fig = _figure(figsize=(4.5 + 0.9 * len(groups), 1.2 + 0.36 * len(frames)))
    ax = fig.subplots()
    grid = [[sum(f in s for s in rows[g]) / len(rows[g]) for g in groups] for f in frames]
    image = ax.imshow(grid, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for r, f in enumerate(frames):
        for c, g in enumerate(groups):
            ax.text(c, r, f"{sum(f in s for s in rows[g])}/{len(rows[g])}", ha="center", va="center", fontsize=8,
                    color="white" if grid[r][c] > 0.6 else "#333")
    ax.set_yticks(range(len(frames)), [textwrap.shorten(index.labels[f], 48) for f in frames], fontsize=9)
    ax.set_xticks(range(len(groups)), [f"{textwrap.shorten(g, 28)} ({len(rows[g])})" for g in groups], fontsize=9,
                  rotation=30, ha="left", rotation_mode="anchor")
    ax.xaxis.tick_top()
    for label, g in zip(ax.get_xticklabels(), groups, strict=True):
        label.set_color(_text_colour(index, g))
        label.set_fontweight("bold")
    fig.colorbar(image, ax=ax, label="share of the group's articles", shrink=0.8, pad=0.02)
    return svg(fig)


def _bin(day: date, unit: str) -> date:
    """The start of the time bin a day falls in."""
    if unit == "day":
        return day
    return date(day.year, day.month, 1) if unit == "month" else date(day.year, 1, 1)


def _unit(days: list[date]) -> str:
    """Bins fine enough to show change, coarse enough to hold several articles."""
    span = (max(days) - min(days)).days
    return "day" if span <= 62 else "month" if span <= 3 * 366 else "year"


def _panels(report: CorpusReport, index: ReportIndex, dated: list[int]) -> list[tuple[str, set[int]]]:
    """The small multiples: every dated article, then the articles of each most frequent frame."""
    sets = _frame_sets(report)
    totals = Counter(k for i in dated for k in sets[i])
    top = [k for k, _ in sorted(totals.items(), key=lambda kv: (-kv[1], index.names.index(kv[0])))]
    panels = [("All articles", set(dated))]
    panels += [(index.labels[k], {i for i in dated if k in sets[i]}) for k in top[: MAX_PANELS - 1]]
    return panels


def timeline_svg(report: CorpusReport, index: ReportIndex) -> Markup | None:
    """Attention over time: articles per time bin, stacked by outlet group, one small panel for
    all articles and one for each of the most frequent frames (the same axes in every panel)."""
    from framing.events import parse_date

    ids = [d.id for d in report.docs]  # one pass: the report may keep its documents compact
    days = {i: day for i, d in enumerate(report.docs) if (day := parse_date(d.article.date))}
    if not days:
        return None
    unit = _unit(list(days.values()))
    shown = plot_groups(index)
    panels = _panels(report, index, sorted(days))
    from matplotlib.patches import Rectangle

    cols = min(3, len(panels))
    nrows = -(-len(panels) // cols)
    fig = _figure(figsize=(4.2 * cols, 0.8 + 2.1 * nrows))
    axes = fig.subplots(nrows, cols, sharex=True, squeeze=False)
    width = {"day": 0.8, "month": 25, "year": 300}[unit]
    for ax, (title, members) in zip(axes.flat, panels, strict=False):
        _stacked(ax, ids, index, members, days, unit, shown, width)
        ax.set_title(textwrap.shorten(title, 48), fontsize=9)
    for ax in list(axes.flat)[len(panels) :]:
        ax.set_visible(False)
    handles = [Rectangle((0, 0), 1, 1, color=_colour(index, g)) for g in shown]
    fig.legend(handles, shown, loc="upper center", ncol=min(6, len(shown)), fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, 1.0 + 0.12 / nrows))
    fig.suptitle(f"Articles per {unit}, by outlet group", y=1.0 + 0.22 / nrows, fontsize=10)
    fig.tight_layout()
    return svg(fig)


def _stacked(ax: Any, ids: list[str], index: ReportIndex, members: set[int], days: dict[int, date],
             unit: str, shown: list[str], width: float) -> None:
    """One panel: a bar per time bin, stacked by group."""
    import matplotlib.dates as mdates

    counts: dict[str, Counter[date]] = defaultdict(Counter)
    for i in members:
        counts[_plot_group(index, ids[i], shown)][_bin(days[i], unit)] += 1
    bins = sorted({_bin(day, unit) for day in days.values()})
    base = [0] * len(bins)
    for g in shown:
        heights = [counts[g][b] for b in bins]
        if any(heights):
            ax.bar([mdates.date2num(b) for b in bins], heights, width=width, bottom=base, color=_colour(index, g),
                   align="edge" if unit != "day" else "center", linewidth=0)
            base = [x + h for x, h in zip(base, heights, strict=True)]
    step = {"day": 1, "month": 31, "year": 366}[unit]
    ax.set_xlim(mdates.date2num(bins[0]) - step, mdates.date2num(bins[-1]) + 2 * step)  # room for a lone bin
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=6))
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.tick_params(labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
