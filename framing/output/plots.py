"""The report's plots as inline SVG: frames by outlet group, and attention over time.

Both stay legible with any number of outlets: outlets are counted by their group (country, or
the user's groups), with one colour per group; frames are named in words.

The charts are drawn here as plain SVG elements (cells, bars, axis lines, text): no plotting
library is imported, which kept about 1.5 CPU-s of a report's cost (matplotlib's import, layout
and SVG writer) for two simple charts. Each chart carries a ``<title>`` and an ``aria-label``
saying what it shows; each cell and bar a ``<title>`` with its numbers (a tooltip).
"""

from __future__ import annotations

import textwrap
from collections import Counter, defaultdict
from datetime import date

from markupsafe import Markup, escape

from framing.outlets import UNKNOWN
from framing.output.report_common import OTHER_COLOUR, PALETTE, ReportIndex, frame_key
from framing.report import CorpusReport

MAX_ROWS = 12  # groups the heatmap shows; the rest make one "other groups" row
MAX_FRAMES = 20  # frames the heatmap shows (the most frequent)
MAX_PANELS = 9  # small multiples over time: all articles, then the most frequent frames
OTHERS = "Other groups"
# ColorBrewer's sequential "Blues" (9 classes), light to dark: the heatmap's scale from 0 to 1.
BLUES = ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
FONT = "font-family:DejaVu Sans,Verdana,Arial,sans-serif"
CELL_W, CELL_H = 72, 24  # heatmap cell
PANEL_W, PANEL_H = 300, 120  # one panel of the timeline: its plot area
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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


def blues(share: float) -> str:
    """The colour of a share (0 to 1) on the :data:`BLUES` scale, interpolated between its steps."""
    x = min(max(share, 0.0), 1.0) * (len(BLUES) - 1)
    k = min(int(x), len(BLUES) - 2)
    low, high = BLUES[k], BLUES[k + 1]
    mix = [round(int(low[i : i + 2], 16) + (x - k) * (int(high[i : i + 2], 16) - int(low[i : i + 2], 16)))
           for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def _width(text: str, size: float) -> float:
    """About how wide ``text`` is drawn at font ``size`` (an average sans-serif letter)."""
    return 0.58 * size * len(text)


def _text(x: float, y: float, text: str, size: float, *, anchor: str = "start", extra: str = "") -> str:
    """One text element (escaped), its baseline at ``y``."""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}"{extra}>'
            f"{escape(text)}</text>")


def _svg(width: float, height: float, title: str, body: list[str]) -> Markup:
    """A standalone inline SVG chart with its title (read out by screen readers)."""
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
                  f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{escape(title)}" '
                  f'style="{FONT}"><title>{escape(title)}</title>\n' + "\n".join(body) + "\n</svg>")


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
    groups = list(dict.fromkeys(g for g in [*shown, OTHERS] if rows.get(g)))
    counts = [[sum(f in s for s in rows[g]) for g in groups] for f in frames]
    names = [textwrap.shorten(index.labels[f], 48) for f in frames]
    heads = [f"{textwrap.shorten(g, 28)} ({len(rows[g])})" for g in groups]
    left = 12 + max(_width(n, 12) for n in names)
    slant = max(_width(h, 11) for h in heads) * 1.1  # bold letters are wider
    top = 26 + slant * 0.5
    body = []
    for c, (g, head) in enumerate(zip(groups, heads, strict=True)):  # column heads, slanted up to the right
        x = left + (c + 0.5) * CELL_W
        body.append(_text(x, top - 8, head, 11, extra=f' font-weight="bold" fill="{_text_colour(index, g)}" '
                          f'transform="rotate(-30 {x:.1f} {top - 8:.1f})"'))
    for r, (f, name) in enumerate(zip(frames, names, strict=True)):
        y = top + r * CELL_H
        body.append(_text(left - 6, y + CELL_H / 2 + 4, name, 12, anchor="end"))
        for c, g in enumerate(groups):
            share = counts[r][c] / len(rows[g])
            label = f"{counts[r][c]}/{len(rows[g])}"
            body.append(f'<rect class="cell" x="{left + c * CELL_W:.1f}" y="{y:.1f}" width="{CELL_W}" '
                        f'height="{CELL_H}" fill="{blues(share)}"><title>{escape(index.labels[f])}, '
                        f"{escape(g)}: {label} articles</title></rect>")
            body.append(_text(left + (c + 0.5) * CELL_W, y + CELL_H / 2 + 4, label, 10, anchor="middle",
                              extra=f' fill="{"white" if share > 0.6 else "#333"}"'))
    grid_w, grid_h = len(groups) * CELL_W, len(frames) * CELL_H
    body.append(f'<rect x="{left:.1f}" y="{top:.1f}" width="{grid_w}" height="{grid_h}" fill="none" stroke="#000" '
                f'stroke-width="0.8"/>')
    body += _scale(left + grid_w + 18, top, min(grid_h, 240))
    width = max(left + grid_w + 90, left + (len(groups) - 0.5) * CELL_W + _width(heads[-1], 11) * 1.1 * 0.87 + 12)
    return _svg(width, top + grid_h + 8, "Frames by outlet group: the share of each group's articles that carry "
                "each frame", body)


def _scale(x: float, y: float, height: float) -> list[str]:
    """The heatmap's colour scale: a bar from 0 (bottom) to 1 (top), ticks, and what it measures."""
    stops = "".join(f'<stop offset="{k / (len(BLUES) - 1):.3f}" stop-color="{c}"/>' for k, c in enumerate(BLUES))
    out = [f'<defs><linearGradient id="framing-blues" x1="0" y1="1" x2="0" y2="0">{stops}</linearGradient></defs>',
           f'<rect x="{x:.1f}" y="{y:.1f}" width="12" height="{height:.1f}" fill="url(#framing-blues)" '
           f'stroke="#000" stroke-width="0.8"/>']
    for k in range(6):
        ty = y + height - height * k / 5
        out.append(f'<line x1="{x + 12:.1f}" y1="{ty:.1f}" x2="{x + 16:.1f}" y2="{ty:.1f}" stroke="#000"/>')
        out.append(_text(x + 19, ty + 4, f"{k / 5:.1f}", 11))
    mid = y + height / 2
    out.append(_text(x + 56, mid, "share of the group's articles", 11, anchor="middle",
                     extra=f' transform="rotate(90 {x + 56:.1f} {mid:.1f})"'))
    return out


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
    all articles and one for each of the most frequent frames (the same time axis in every panel)."""
    from framing.events import parse_date

    ids = [d.id for d in report.docs]  # one pass: the report may keep its documents compact
    days = {i: day for i, d in enumerate(report.docs) if (day := parse_date(d.article.date))}
    if not days:
        return None
    unit = _unit(list(days.values()))
    shown = plot_groups(index)
    panels = _panels(report, index, sorted(days))
    bins = sorted({_bin(day, unit) for day in days.values()})
    axis = _TimeAxis(bins, unit)
    cols = min(3, len(panels))
    title = f"Articles per {unit}, by outlet group"
    body = [_text(cols * (PANEL_W + 50) / 2, 18, title, 13, anchor="middle")]
    body += _legend([(g, _colour(index, g)) for g in shown], cols * (PANEL_W + 50))
    for k, (name, members) in enumerate(panels):
        x0, y0 = 40 + (k % cols) * (PANEL_W + 50), 70 + (k // cols) * (PANEL_H + 64)
        body.append(_text(x0 + PANEL_W / 2, y0 + 14, textwrap.shorten(name, 48), 11, anchor="middle"))
        counts: dict[str, Counter[date]] = defaultdict(Counter)
        for i in members:
            counts[_plot_group(index, ids[i], shown)][_bin(days[i], unit)] += 1
        body += _stacked(x0, y0 + 24, [(g, _colour(index, g), counts[g]) for g in shown if counts[g]], axis)
    height = 70 + -(-len(panels) // cols) * (PANEL_H + 64)
    return _svg(cols * (PANEL_W + 50), height, f"{title}: all articles, then the articles of each of the most "
                "frequent frames", body)


def _legend(items: list[tuple[str, str]], width: float) -> list[str]:
    """One row of colour swatches with their group names, centred (wrapping after six)."""
    out = []
    for start in range(0, len(items), 6):
        row = items[start : start + 6]
        widths = [24 + _width(name, 10) + 14 for name, _ in row]
        x, y = (width - sum(widths)) / 2, 34 + 16 * (start // 6)
        for (name, colour), w in zip(row, widths, strict=True):
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="18" height="9" fill="{colour}"/>')
            out.append(_text(x + 24, y + 9, name, 10))
            x += w
    return out


class _TimeAxis:
    """The time axis every panel shares: bins placed by their dates, with a few labelled ticks."""

    def __init__(self, bins: list[date], unit: str) -> None:
        self.unit = unit
        self.step = {"day": 1, "month": 31, "year": 366}[unit]
        self.width = {"day": 0.8, "month": 25, "year": 300}[unit]  # of a bar, in days
        self.low = bins[0].toordinal() - self.step
        self.high = bins[-1].toordinal() + 2 * self.step  # room for a lone bin
        self.ticks = _ticks(bins, unit)

    def name(self, start: date) -> str:
        """A bin in words: "2020", "Mar 2020", "2020-03-05"."""
        return {"year": f"{start.year}", "month": f"{MONTHS[start.month - 1]} {start.year}"}.get(self.unit, start.isoformat())

    def x(self, day: date | float) -> float:
        """The horizontal position (0 to PANEL_W) of a day."""
        ordinal = day.toordinal() if isinstance(day, date) else day
        return (ordinal - self.low) / (self.high - self.low) * PANEL_W

    def bar(self, start: date) -> tuple[float, float]:
        """Left edge and width of the bar of a bin (a day's bar is centred on its day)."""
        left = start.toordinal() - (self.width / 2 if self.unit == "day" else 0)
        return self.x(left), self.width / (self.high - self.low) * PANEL_W


def _ticks(bins: list[date], unit: str) -> list[tuple[date, str]]:
    """At most six evenly stepped, labelled dates between the first and the last bin."""
    first, last = bins[0], bins[-1]
    if unit == "year":
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if (last.year - first.year) // s < 6)
        return [(date(y, 1, 1), str(y)) for y in range(-(-first.year // step) * step, last.year + 1, step)]
    if unit == "month":
        months = (last.year - first.year) * 12 + last.month - first.month
        step = next(s for s in (1, 2, 3, 6, 12, 24) if months // s < 6)
        out = []
        for m in range(first.year * 12 + first.month - 1, last.year * 12 + last.month, step):
            out.append((date(m // 12, m % 12 + 1, 1), f"{MONTHS[m % 12]} {m // 12}"))
        return out
    step = next(s for s in (1, 2, 7, 14, 31) if (last - first).days // s < 6)
    return [(date.fromordinal(o), f"{MONTHS[date.fromordinal(o).month - 1]} {date.fromordinal(o).day}")
            for o in range(first.toordinal(), last.toordinal() + 1, step)]


def _stacked(x0: float, y0: float, series: list[tuple[str, str, Counter[date]]], axis: _TimeAxis) -> list[str]:
    """One panel at (x0, y0): a bar per time bin, stacked by group, on integer y ticks."""
    stacks: Counter[date] = Counter()
    for _, _, counts in series:
        stacks.update(counts)
    top = max(stacks.values(), default=1)
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10**4, 10**5) if top // s <= 6)
    scale = (PANEL_H - 4) / (top * 1.05)
    out = []
    for tick in range(0, top + 1, step):
        y = y0 + PANEL_H - tick * scale
        out.append(f'<line x1="{x0 - 4:.1f}" y1="{y:.1f}" x2="{x0:.1f}" y2="{y:.1f}" stroke="#000"/>')
        out.append(_text(x0 - 6, y + 3, str(tick), 8, anchor="end"))
    base: Counter[date] = Counter()
    for group, colour, counts in series:
        for start in sorted(counts):
            left, width = axis.bar(start)
            height = counts[start] * scale
            y = y0 + PANEL_H - base[start] * scale - height
            out.append(f'<rect class="bar" x="{x0 + left:.2f}" y="{y:.2f}" width="{width:.2f}" height="{height:.2f}" '
                       f'fill="{colour}"><title>{escape(group)}, {axis.name(start)}: {counts[start]}</title></rect>')
            base[start] += counts[start]
    for day, label in axis.ticks:
        x = x0 + axis.x(day)
        out.append(f'<line x1="{x:.1f}" y1="{y0 + PANEL_H:.1f}" x2="{x:.1f}" y2="{y0 + PANEL_H + 4:.1f}" stroke="#000"/>')
        out.append(_text(x, y0 + PANEL_H + 14, label, 8, anchor="middle"))
    out.append(f'<path d="M{x0:.1f} {y0:.1f}V{y0 + PANEL_H:.1f}H{x0 + PANEL_W:.1f}" fill="none" stroke="#000" '
               f'stroke-width="0.8"/>')
    return out
