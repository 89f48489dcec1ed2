"""Write a corpus report: the HTML pages (index and one story page per event, self-contained:
inline CSS and SVG, no script, no CDN) and, with :func:`write_report`, every data file too."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from framing.headlines import headline, shorten
from framing.outlets import OutletBook
from framing.output import report_event
from framing.output.plots import heatmap_svg, timeline_svg
from framing.output.report_common import (
    ReportIndex,
    blindspots,
    build_index,
    coverage,
    event_index,
    safe_url,
)
from framing.output.report_event import event_context
from framing.output.report_tables import Pairs
from framing.output_files import remove_stale, write_atomic
from framing.report import CorpusReport
from framing.types import Event

NAMES_SHOWN = 4  # outlets an index row names before "and N more"
INDEX_ROWS = 1000  # events, and articles, a page of the index lists (index.html the first ones)


def _event_order(report: CorpusReport, index: ReportIndex) -> list[Event]:
    """The events as the index lists them: the most widely covered first."""
    outlets = {e.id: len({index.outlets[a].name for a in e.articles}) for e in report.events}
    return sorted(report.events, key=lambda e: (-outlets[e.id], -len(e.articles)))


def _events(events: Sequence[Event], index: ReportIndex, corpus: Counter[str]) -> list[dict[str, Any]]:
    """The index's rows of some events."""
    rows = []
    for e in events:
        names = list(dict.fromkeys(index.outlets[a].name for a in e.articles))
        dates = sorted(d for a in e.articles if (d := index.docs[a].article.date))
        rows.append({"event": e, "outlets": len(names), "names": names[:NAMES_SHOWN],
                     "more": max(0, len(names) - NAMES_SHOWN), "dates": (dates[0], dates[-1]) if dates else None,
                     "coverage": coverage(e.articles, index), "blindspots": blindspots(e.articles, index, corpus),
                     "shared": sum(len(c.reported_by) > 1 for c in e.claims)})
    return rows


def _articles(report: CorpusReport, index: ReportIndex, start: int = 0) -> list[dict[str, Any]]:
    """The index's rows of :data:`INDEX_ROWS` articles from ``start``: outlet and group, headline,
    date, event, link to the original, and the outlets whose article copies the same wire text."""
    return [{"doc": d, "outlet": index.outlets[d.id], "colour": index.colours[index.outlets[d.id].group],
             "headline": shorten(headline(d) or "", 140), "url": safe_url(d.article.url),
             "event": report.event_of[d.id], "copies": [index.outlets[c].name for c in report.syndicated.get(d.id, ())]}
            for d in report.docs[start : start + INDEX_ROWS]]


def _pages(n: int) -> int:
    """How many pages list ``n`` rows."""
    return max(1, -(-n // INDEX_ROWS))


def index_context(report: CorpusReport, index: ReportIndex) -> dict[str, Any]:
    """What index.html shows: the first :data:`INDEX_ROWS` events and articles (the rest are
    on further pages, :func:`list_pages`), the outlet groups and the plots."""
    corpus = Counter(o.group for o in index.outlets.values())
    return {"report": report, "events": _events(_event_order(report, index)[:INDEX_ROWS], index, corpus),
            "articles": _articles(report, index), "event_pages": _pages(len(report.events)),
            "article_pages": _pages(len(report.docs)),
            "groups": [{"group": g, "n": corpus[g], "colour": index.colours[g]} for g in index.groups],
            "n_outlets": len({o.name for o in index.outlets.values()}), "labels": {e.id: e.label for e in report.events},
            "heatmap": heatmap_svg(report, index), "timeline": timeline_svg(report, index)}


def list_pages(report: CorpusReport, index: ReportIndex) -> Iterator[tuple[str, dict[str, Any]]]:
    """The index's further pages (``events-2.html``, ``articles-2.html``, ...), one at a time:
    each lists :data:`INDEX_ROWS` more events or articles, so no page grows with the corpus."""
    corpus = Counter(o.group for o in index.outlets.values())
    order = _event_order(report, index)
    labels = {e.id: e.label for e in report.events}
    for kind, n in (("events", len(report.events)), ("articles", len(report.docs))):
        for page in range(2, _pages(n) + 1):
            start = (page - 1) * INDEX_ROWS
            rows = _events(order[start : start + INDEX_ROWS], index, corpus) if kind == "events" else \
                _articles(report, index, start)
            yield f"{kind}-{page}.html", {"kind": kind, "page": page, "pages": _pages(n), "labels": labels,
                                          "events": rows, "articles": rows}


class HtmlPages:
    """The HTML pages of a report written as it is built: each event's page as soon as the event
    is done (with the alignments of its articles alone), index.html last."""

    def __init__(self, report: CorpusReport, out: Path, book: OutletBook) -> None:
        self.out = out
        self.env = Environment(loader=PackageLoader("framing", "data"), autoescape=select_autoescape(["html"]))
        self.index = build_index(report, book, links=False)
        self.corpus = Counter(o.group for o in self.index.outlets.values())
        self.page = self.env.get_template("report_event.html")
        self.report = report
        self.written: set[str] = set()

    def event(self, event: Event, pairs: Pairs) -> None:
        """Write one event's page."""
        index = event_index(self.index, event.articles[: report_event.PAGE_ARTICLES], pairs)
        name = f"event-{event.id}.html"
        write_atomic(self.out / name, self.page.render(**event_context(self.report, event, index, self.corpus, pairs)))
        self.written.add(name)

    def finish(self, report: CorpusReport) -> None:
        """Write the index's further pages, then index.html; remove the pages of an older
        report in the directory that this one did not write."""
        listing = self.env.get_template("report_list.html")
        for name, context in list_pages(report, self.index):
            write_atomic(self.out / name, listing.render(**context))
            self.written.add(name)
        page = self.env.get_template("report_index.html").render(**index_context(report, self.index))
        write_atomic(self.out / "index.html", page)
        for pattern in ("event-*.html", "events-*.html", "articles-*.html"):
            remove_stale(self.out, pattern, self.written)


def write_html(report: CorpusReport, out: Path, *, outlets: OutletBook | None = None) -> None:
    """index.html plus one page per event; self-contained (inline CSS and SVG), text escaped.

    The event pages are written first and index.html last, each atomically, so the index never
    links a page that is not there; event pages of an older report in ``out`` are removed.

    Args:
        report: the corpus report.
        out: the output directory (exists).
        outlets: the outlets' countries and groups (default: the packaged list).
    """
    from framing.output.report_stream import ReportWriter, write_all

    write_all(report, ReportWriter(out, {"html"}, outlets=outlets))


def write_report(report: CorpusReport, out: Path, *, dataset: bool = True, outlets: OutletBook | None = None) -> list[Path]:
    """Write every output into directory ``out`` (created); return the files written."""
    from framing.output.report_stream import ReportWriter, write_all

    write_all(report, ReportWriter(out, {"html", "csv", "json", *(["dataset"] if dataset else [])}, outlets=outlets))
    return sorted(p for p in out.iterdir() if not p.name.startswith("."))
