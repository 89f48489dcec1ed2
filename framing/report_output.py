"""Write a corpus report: JSON (CONTRACT.md), CSV tables, Parquet / HF datasets, HTML with plots."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from framing.differences import frame_differences
from framing.output_files import remove_stale, replace_dir, write_atomic
from framing.render import csv_row, document_json, frame_json, outlet_name
from framing.report import CorpusReport
from framing.types import Document, Event, FrameResult
from framing.wording import summarize, word_edits


def report_json(report: CorpusReport) -> dict[str, Any]:
    """The ``framing report --format json`` object."""
    events = [{
        "id": e.id, "label": e.label, "articles": list(e.articles),
        "claims": [{"id": c.id, "text": c.text, "reported_by": list(c.reported_by),
                    "sentences": {a: list(s) for a, s in c.sentences}} for c in e.claims],
        "omissions": {a: list(c) for a, c in e.omissions},
        "possibly_cut_off": {a: list(c) for a, c in e.cut_off},
    } for e in report.events]
    articles = []
    for doc, frames in zip(report.docs, report.frames, strict=True):
        art = doc.article
        articles.append({"id": doc.id, "source": art.source, "outlet": art.outlet, "title": art.title,
                         "date": art.date, "url": art.url, "event": report.event_of[doc.id],
                         "syndicated_with": list(report.syndicated.get(doc.id, ())),
                         "copied_share": {o: report.copied.get((doc.id, o), report.copied.get((o, doc.id)))
                                          for o in report.syndicated.get(doc.id, ())},
                         "frames": [frame_json(f) for f in frames]})
    return {"events": events, "articles": articles}


def _csv(rows: list[list[Any]], header: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(csv_row(row) for row in rows)  # no cell a spreadsheet would run as a formula
    return buf.getvalue()


def csv_tables(report: CorpusReport) -> dict[str, str]:
    """articles, claims, alignments and frames as CSV texts, by file name."""
    arts = [[d.id, d.article.source, d.article.outlet or "", d.article.title or "", d.article.date or "",
             report.event_of[d.id], " ".join(report.syndicated.get(d.id, ())), len(d.sentences)] for d in report.docs]
    claims = [[e.id, c.id, a, " ".join(map(str, s)), c.text] for e in report.events for c in e.claims for a, s in c.sentences]
    aligns = [[report.event_of[a], a, b, " ".join(map(str, al.a)), " ".join(map(str, al.b)), al.relation, al.score]
              for (a, b), als in report.pair_alignments.items() for al in als]
    frames = [[d.id, report.event_of[d.id], d.article.outlet or "", f.frame, f.entity or "", f.present, round(f.score, 4),
               " ".join(str(e.sentence) for e in f.evidence), " | ".join(e.text for e in f.evidence)]
              for d, fs in zip(report.docs, report.frames, strict=True) for f in fs]
    return {
        "articles.csv": _csv(arts, ["id", "source", "outlet", "title", "date", "event", "syndicated_with", "sentences"]),
        "claims.csv": _csv(claims, ["event", "claim", "article", "sentences", "claim_text"]),
        "alignments.csv": _csv(aligns, ["event", "a", "b", "a_sentences", "b_sentences", "relation", "score"]),
        "frames.csv": _csv(frames, ["id", "event", "outlet", "frame", "entity", "present", "score", "evidence_sentences", "evidence"]),
    }


def write_dataset(report: CorpusReport, out: Path) -> None:
    """The articles with their frames as Parquet, and as a Hugging Face dataset folder in the
    layout of ``Dataset.save_to_disk`` (``datasets.load_from_disk`` reads it).

    Written with pyarrow alone: importing ``datasets`` costs seconds and is not needed to write
    its format.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{**{k: v for k, v in document_json(d).items() if k != "sentences"},
             "text": d.article.text, "event": report.event_of[d.id],
             "sentences": [s.text for s in d.sentences],
             "syndicated_with": list(report.syndicated.get(d.id, ())),
             "frames_json": json.dumps([frame_json(f) for f in fs], ensure_ascii=False)}
            for d, fs in zip(report.docs, report.frames, strict=True)]
    columns = list(rows[0]) if rows else ["id"]
    schema = pa.schema([(name, _arrow_type(rows[0][name] if rows else "")) for name in columns])
    table = pa.Table.from_pylist(rows, schema=schema)
    handle, tmp = tempfile.mkstemp(prefix=".articles.parquet.", dir=out)
    os.close(handle)
    pq.write_table(table, tmp)
    os.replace(tmp, out / "articles.parquet")  # atomic: a killed run leaves the old file or the new
    folder = Path(tempfile.mkdtemp(prefix=".dataset.", dir=out))
    with pa.OSFile(str(folder / "data-00000-of-00001.arrow"), "wb") as sink, pa.ipc.new_stream(sink, schema) as writer:
        writer.write_table(table)
    state = {"_data_files": [{"filename": "data-00000-of-00001.arrow"}],
             "_fingerprint": hashlib.sha256("\x1f".join(d.id for d in report.docs).encode()).hexdigest()[:16],
             "_format_columns": None, "_format_kwargs": {}, "_format_type": None,
             "_output_all_columns": False, "_split": None}
    (folder / "state.json").write_text(json.dumps(state, indent=2), encoding="utf-8")
    info = {"citation": "", "description": "", "homepage": "", "license": ""}
    (folder / "dataset_info.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    replace_dir(folder, out / "dataset")


def _arrow_type(value: Any) -> Any:
    """The Arrow type of a dataset column from one of its values: bool, list of strings, or string."""
    import pyarrow as pa

    if isinstance(value, bool):
        return pa.bool_()
    return pa.list_(pa.string()) if isinstance(value, list) else pa.string()


def _svg(fig: Any) -> Markup:
    """A matplotlib figure as inline SVG (no external file: the report works offline)."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "framing"}):  # stable element ids: same input, same file
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buf.getvalue()
    return Markup(text[text.index("<svg") :])


def _present_frames(report: CorpusReport) -> list[str]:
    """Frame names (with entity) present in at least one article, in a stable order."""
    names: dict[str, None] = {}
    for fs in report.frames:
        for f in fs:
            if f.present:
                names[_fname(f.frame, f.entity)] = None
    return list(names)


def _fname(frame: str, entity: str | None) -> str:
    return f"{frame}({entity})" if entity else frame


def heatmap_svg(report: CorpusReport) -> Markup | None:
    """Outlet × frame heatmap: the share of each outlet's articles that carry each frame."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    frames = _present_frames(report)
    by_outlet: dict[str, list[set[str]]] = defaultdict(list)
    for d, fs in zip(report.docs, report.frames, strict=True):
        by_outlet[outlet_name(d)].append({_fname(f.frame, f.entity) for f in fs if f.present})
    if not frames:
        return None
    outlets = sorted(by_outlet)
    grid = [[sum(f in arts for arts in by_outlet[o]) / len(by_outlet[o]) for f in frames] for o in outlets]
    fig, ax = plt.subplots(figsize=(1 + 0.45 * len(frames), 1 + 0.32 * len(outlets)))
    image = ax.imshow(grid, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(frames)), frames, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(outlets)), outlets, fontsize=8)
    fig.colorbar(image, ax=ax, label="share of the outlet's articles")
    ax.set_title("Frames by outlet")
    svg = _svg(fig)
    plt.close(fig)
    return svg


def timeline_svg(report: CorpusReport) -> Markup | None:
    """Frames over time per outlet: one mark per dated article and frame it carries."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from framing.events import parse_date

    # One mark per (date, outlet, frame), sized by its number of articles: the figure grows with
    # the distinct days, not with the articles (100k articles would be 100k+ SVG marks).
    counts: Counter[tuple[Any, str, str]] = Counter(
        (day, outlet_name(d), _fname(f.frame, f.entity))
        for d, fs in zip(report.docs, report.frames, strict=True) if (day := parse_date(d.article.date))
        for f in fs if f.present)
    if not counts:
        return None
    frames = sorted({p[2] for p in counts})
    row = {f: i for i, f in enumerate(frames)}
    by_outlet: dict[str, list[tuple[Any, str, int]]] = defaultdict(list)
    for (day, outlet, frame), n in counts.items():
        by_outlet[outlet].append((day, frame, n))
    outlets = sorted(by_outlet)
    fig, ax = plt.subplots(figsize=(9, 1 + 0.3 * len(frames)))
    cmap = plt.get_cmap("tab20")
    for k, outlet in enumerate(outlets):
        mine = by_outlet[outlet]
        ax.scatter([p[0] for p in mine], [row[p[1]] + (k - len(outlets) / 2) * 0.02 for p in mine],
                   s=[18 * p[2] ** 0.5 for p in mine], color=cmap(k % 20), label=outlet)
    ax.set_yticks(range(len(frames)), frames, fontsize=8)
    ax.set_title("Frames over time, by outlet")
    ax.legend(fontsize=6, loc="upper left", bbox_to_anchor=(1.01, 1))
    svg = _svg(fig)
    plt.close(fig)
    return svg


def _copy_edits(a: Document, b: Document) -> dict[str, Any]:
    """What outlet B changed in the shared wire text of A: added, dropped and reworded sentences."""
    from rapidfuzz import fuzz, process

    ta, tb = [s.text for s in a.sentences], [s.text for s in b.sentences]
    added, changed = [], []
    for s in tb:
        match = process.extractOne(s, ta, scorer=fuzz.ratio)
        if match is None or match[1] < 60:
            added.append(s)
        elif match[1] < 100:
            changed.append({"a": match[0], "b": s, "edits": [summarize(e) for e in word_edits(match[0], s)]})
    dropped = [s for s in ta if (m := process.extractOne(s, tb, scorer=fuzz.ratio)) is None or m[1] < 60]
    return {"a": a.id, "b": b.id, "added": added, "dropped": dropped, "changed": changed}


PAGE_ARTICLES = 60  # articles an event page shows in full (its tables grow as articles x claims)
PAGE_CLAIMS = 400  # claims an event page lists


@dataclass(frozen=True)
class _Index:
    """What every event page looks up, computed once per report: documents and frames by id,
    and the frame names present anywhere (scanning the corpus once per event grows as n^2)."""

    docs: dict[str, Document]
    frames: dict[str, tuple[FrameResult, ...]]
    names: list[str]


def _index(report: CorpusReport) -> _Index:
    """The lookup tables of a report."""
    return _Index(docs={d.id: d for d in report.docs},
                  frames={d.id: fs for d, fs in zip(report.docs, report.frames, strict=True)},
                  names=_present_frames(report))


def _wire_groups(articles: Sequence[str], syndicated: dict[str, tuple[str, ...]]) -> list[list[str]]:
    """The wire-copy groups among an event's articles, each sorted by id: its first is the
    original the others' edits are measured against."""
    inside, seen, groups = set(articles), set(), []
    for a in articles:
        if a in seen or not syndicated.get(a):
            continue
        group = sorted({a, *syndicated[a]} & inside)
        seen.update(group)
        if len(group) > 1:
            groups.append(group)
    return groups


def _page_claims(event: Event) -> tuple[Any, ...]:
    """The claims an event page lists: all, or for a very large event the most widely reported
    :data:`PAGE_CLAIMS` of them, in their order (report.json and claims.csv keep every one)."""
    if len(event.claims) <= PAGE_CLAIMS:
        return event.claims
    ranked = sorted(range(len(event.claims)), key=lambda k: (-len(event.claims[k].reported_by), k))
    return tuple(event.claims[k] for k in sorted(ranked[:PAGE_CLAIMS]))


def event_context(report: CorpusReport, event: Event, index: _Index | None = None) -> dict[str, Any]:
    """What an event page shows. A very large event shows its first :data:`PAGE_ARTICLES`
    articles and most reported :data:`PAGE_CLAIMS` claims, so that no page grows as articles x
    claims into tens of MB; the page says what it left out."""
    index = index or _index(report)
    docs = [index.docs[a] for a in event.articles[:PAGE_ARTICLES]]
    claims = _page_claims(event)
    frames = {d.id: index.frames[d.id] for d in docs}
    diffs = []
    for a, b in pairwise(docs):
        diffs.extend(frame_differences(frames[a.id], frames[b.id], f"{outlet_name(a)} ({a.id})", f"{outlet_name(b)} ({b.id})",
                                       report.pair_alignments.get((a.id, b.id), ())))
    # Each copy against its group's original, once: not every pair of a group (g^2 diffs).
    copies = [_copy_edits(index.docs[group[0]], index.docs[b])
              for group in _wire_groups([d.id for d in docs], report.syndicated) for b in group[1:]]
    names = index.names
    table = [(d, {n: next((f for f in frames[d.id] if _fname(f.frame, f.entity) == n), None) for n in names}) for d in docs]
    return {"event": event, "docs": docs, "diffs": diffs, "copies": copies, "frame_names": names, "table": table,
            "omissions": dict(event.omissions), "cut_off": dict(event.cut_off), "claims": claims,
            "hidden_articles": len(event.articles) - len(docs), "hidden_claims": len(event.claims) - len(claims)}


def write_html(report: CorpusReport, out: Path) -> None:
    """index.html plus one page per event; self-contained (inline CSS and SVG), text escaped.

    The event pages are written first and index.html last, each atomically, so the index never
    links a page that is not there; event pages of an older report in ``out`` are removed.
    """
    env = Environment(loader=PackageLoader("framing", "data"), autoescape=select_autoescape(["html"]))
    env.globals["outlet_name"] = outlet_name
    page = env.get_template("report_event.html")
    pages = {f"event-{event.id}.html": event for event in report.events}
    lookup = _index(report)
    for name, event in pages.items():
        write_atomic(out / name, page.render(**event_context(report, event, lookup)))
    index = env.get_template("report_index.html").render(
        report=report, heatmap=heatmap_svg(report), timeline=timeline_svg(report))
    write_atomic(out / "index.html", index)
    remove_stale(out, "event-*.html", set(pages))


def write_report(report: CorpusReport, out: Path, *, dataset: bool = True) -> list[Path]:
    """Write every output into directory ``out`` (created); return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    for name, text in csv_tables(report).items():
        write_atomic(out / name, text)
    if dataset:
        write_dataset(report, out)
    write_html(report, out)
    write_atomic(out / "report.json", json.dumps(report_json(report), indent=2, ensure_ascii=False))
    return sorted(p for p in out.iterdir() if not p.name.startswith("."))
