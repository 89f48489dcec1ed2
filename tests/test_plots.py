"""The report's charts: plain SVG drawn without a plotting library, one mark per value."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

from framing.outlets import load_outlets
from framing.output.plots import BLUES, blues, heatmap_svg, timeline_svg
from framing.output.report_common import build_index
from framing.report import CorpusReport
from framing.segment import segment
from framing.types import Article, FrameResult

SVG = "{http://www.w3.org/2000/svg}"


def _report() -> CorpusReport:
    """Five articles of three outlets over two years, with two frames."""
    rows = [("a", "https://www.thehindu.com/a", "2020-03-01", ("economic",)),
            ("b", "https://www.dawn.com/b", "2020-05-02", ("economic", "political")),
            ("c", "https://www.dawn.com/c", "2021-01-09", ()),
            ("d", "https://example.org/d", "2021-02-10", ("political",)),
            ("e", "https://www.thehindu.com/e", None, ("economic",))]
    docs = tuple(segment(Article(id=i, source=i, url=u, date=day, text=f"Article {i} says one thing.")) for i, u, day, _ in rows)
    frames = tuple(tuple(FrameResult(frame=f, entity=None, present=f in on, score=1.0) for f in ("economic", "political"))
                   for *_, on in rows)
    return CorpusReport(docs=docs, frames=frames, events=(), event_of={d.id: "e1" for d in docs}, syndicated={})


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # well-formed XML, or this raises
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and root.get("aria-label")
    assert root.find(f"{SVG}title") is not None
    return root


def test_heatmap_has_one_cell_per_frame_and_group_with_its_count() -> None:
    report = _report()
    index = build_index(report, load_outlets())
    root = _parse(str(heatmap_svg(report, index)))
    cells = root.findall(f".//{SVG}rect[@class='cell']")
    groups = len(index.groups)
    assert len(cells) == 2 * groups  # two frames present
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Economic" in texts and "Political" in texts
    for frame, carried in (("Economic", 3), ("Political", 2)):
        row = [c.find(f"{SVG}title").text.rsplit(": ", 1)[1] for c in cells
               if c.find(f"{SVG}title").text.startswith(frame)]
        assert len(row) == groups
        assert sum(int(cell.split("/")[0]) for cell in row) == carried
        assert sum(int(cell.split("/")[1].split()[0]) for cell in row) == 5  # each group's articles, once


def test_timeline_stacks_one_bar_per_group_and_period() -> None:
    report = _report()
    index = build_index(report, load_outlets())
    root = _parse(str(timeline_svg(report, index)))
    bars = root.findall(f".//{SVG}rect[@class='bar']")
    # panels: all articles, economic, political; each bar is one group in one month with articles
    counts = [int(b.find(f"{SVG}title").text.rsplit(": ", 1)[1]) for b in bars]
    assert sum(counts) == 4 + 2 + 2  # dated articles: all four, two economic, two political
    assert all(n > 0 for n in counts)
    assert "Articles per month, by outlet group" in [t.text for t in root.iter(f"{SVG}text")]


def test_no_chart_without_frames_or_dates() -> None:
    report = _report()
    bare = CorpusReport(docs=report.docs[4:], frames=((),), events=(), event_of={}, syndicated={})
    index = build_index(bare, load_outlets())
    assert heatmap_svg(bare, index) is None and timeline_svg(bare, index) is None


def test_blues_runs_from_the_lightest_to_the_darkest_step() -> None:
    assert blues(0) == BLUES[0] and blues(1) == BLUES[-1] and blues(0.5) == BLUES[4]
    darkness = [sum(int(blues(k / 10)[i : i + 2], 16) for i in (1, 3, 5)) for k in range(11)]
    assert darkness == sorted(darkness, reverse=True)


def test_charts_import_no_plotting_library() -> None:
    code = ("import sys; from tests.test_plots import _report; from framing.outlets import load_outlets\n"
            "from framing.output.report_common import build_index\n"
            "from framing.output.plots import heatmap_svg, timeline_svg\n"
            "r = _report(); i = build_index(r, load_outlets()); assert heatmap_svg(r, i) and timeline_svg(r, i)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'PIL')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
