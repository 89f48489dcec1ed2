"""The report's data files: JSON (CONTRACT.md), CSV tables, Parquet and a Hugging Face dataset."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from framing.output_files import replace_dir
from framing.render import csv_row, document_json, frame_json
from framing.report import CorpusReport


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
             report.event_of[d.id], " ".join(report.syndicated.get(d.id, ())), len(d.sentences), d.article.url or ""]
            for d in report.docs]
    claims = [[e.id, c.id, a, " ".join(map(str, s)), c.text] for e in report.events for c in e.claims for a, s in c.sentences]
    aligns = [[report.event_of[a], a, b, " ".join(map(str, al.a)), " ".join(map(str, al.b)), al.relation, al.score]
              for (a, b), als in report.pair_alignments.items() for al in als]
    frames = [[d.id, report.event_of[d.id], d.article.outlet or "", f.frame, f.entity or "", f.present, round(f.score, 4),
               " ".join(str(e.sentence) for e in f.evidence), " | ".join(e.text for e in f.evidence)]
              for d, fs in zip(report.docs, report.frames, strict=True) for f in fs]
    return {
        "articles.csv": _csv(arts, ["id", "source", "outlet", "title", "date", "event", "syndicated_with", "sentences",
                                    "url"]),
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
