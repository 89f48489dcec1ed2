"""Write a corpus report: the HTML pages (index and one story page per event, self-contained:
inline CSS and SVG, no script, no CDN) and, with :func:`write_report`, every data file too."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from framing.headlines import headline, shorten
from framing.outlets import OutletBook, load_outlets
from framing.output.plots import heatmap_svg, timeline_svg
from framing.output.report_common import ReportIndex, blindspots, build_index, coverage, safe_url
from framing.output.report_event import event_context
from framing.output.report_tables import csv_tables, report_json, write_dataset
from framing.output_files import remove_stale, write_atomic
from framing.report import CorpusReport

NAMES_SHOWN = 4  # outlets an index row names before "and N more"


def _events(report: CorpusReport, index: ReportIndex, corpus: Counter[str]) -> list[dict[str, Any]]:
    """The index's event rows, the most widely covered first."""
    rows = []
    for e in report.events:
        names = list(dict.fromkeys(index.outlets[a].name for a in e.articles))
        dates = sorted(d for a in e.articles if (d := index.docs[a].article.date))
        rows.append({"event": e, "outlets": len(names), "names": names[:NAMES_SHOWN],
                     "more": max(0, len(names) - NAMES_SHOWN), "dates": (dates[0], dates[-1]) if dates else None,
                     "coverage": coverage(e.articles, index), "blindspots": blindspots(e.articles, index, corpus),
                     "shared": sum(len(c.reported_by) > 1 for c in e.claims)})
    return sorted(rows, key=lambda r: (-r["outlets"], -len(r["event"].articles)))


def _articles(report: CorpusReport, index: ReportIndex) -> list[dict[str, Any]]:
    """The index's article rows: outlet and group, headline, date, event, link to the original,
    and the outlets whose article copies the same wire text."""
    return [{"doc": d, "outlet": index.outlets[d.id], "colour": index.colours[index.outlets[d.id].group],
             "headline": shorten(headline(d) or "", 140), "url": safe_url(d.article.url),
             "event": report.event_of[d.id], "copies": [index.outlets[c].name for c in report.syndicated.get(d.id, ())]}
            for d in report.docs]


def index_context(report: CorpusReport, index: ReportIndex) -> dict[str, Any]:
    """What index.html shows."""
    corpus = Counter(o.group for o in index.outlets.values())
    return {"report": report, "events": _events(report, index, corpus), "articles": _articles(report, index),
            "groups": [{"group": g, "n": corpus[g], "colour": index.colours[g]} for g in index.groups],
            "n_outlets": len({o.name for o in index.outlets.values()}), "labels": {e.id: e.label for e in report.events},
            "heatmap": heatmap_svg(report, index), "timeline": timeline_svg(report, index)}


def write_html(report: CorpusReport, out: Path, *, outlets: OutletBook | None = None) -> None:
    """index.html plus one page per event; self-contained (inline CSS and SVG), text escaped.

    The event pages are written first and index.html last, each atomically, so the index never
    links a page that is not there; event pages of an older report in ``out`` are removed.

    Args:
        report: the corpus report.
        out: the output directory (exists).
        outlets: the outlets' countries and groups (default: the packaged list).
    """
    env = Environment(loader=PackageLoader("framing", "data"), autoescape=select_autoescape(["html"]))
    index = build_index(report, outlets or load_outlets())
    corpus = Counter(o.group for o in index.outlets.values())
    page = env.get_template("report_event.html")
    pages = {f"event-{event.id}.html": event for event in report.events}
    for name, event in pages.items():
        write_atomic(out / name, page.render(**event_context(report, event, index, corpus)))
    write_atomic(out / "index.html", env.get_template("report_index.html").render(**index_context(report, index)))
    remove_stale(out, "event-*.html", set(pages))


def write_report(report: CorpusReport, out: Path, *, dataset: bool = True, outlets: OutletBook | None = None) -> list[Path]:
    """Write every output into directory ``out`` (created); return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    for name, text in csv_tables(report).items():
        write_atomic(out / name, text)
    if dataset:
        write_dataset(report, out)
    write_html(report, out, outlets=outlets)
    write_atomic(out / "report.json", json.dumps(report_json(report), indent=2, ensure_ascii=False))
    return sorted(p for p in out.iterdir() if not p.name.startswith("."))
