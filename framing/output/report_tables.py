"""The report's data files: JSON (CONTRACT.md), CSV tables, Parquet and a Hugging Face dataset."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from framing.output.json_csv import csv_row, document_json, evidence_cells, frame_json
from framing.output_files import replace_dir
from framing.report import CorpusReport
from framing.types import Alignment, Document, Event, FrameResult

HEADERS = {
    "articles.csv": ["id", "source", "outlet", "title", "date", "event", "syndicated_with", "sentences", "url"],
    "claims.csv": ["event", "claim", "article", "sentences", "claim_text", "article_text"],
    "alignments.csv": ["event", "a", "b", "a_sentences", "b_sentences", "relation", "score"],
    "frames.csv": ["id", "event", "outlet", "frame", "entity", "present", "score", "evidence_sentences", "evidence",
                   "voice"],
}
Pairs = Mapping[tuple[str, str], tuple[Alignment, ...]]


def event_json(e: Event) -> dict[str, Any]:
    """One event of ``report.json``: its articles, claims, omissions and possibly cut-off claims."""
    return {
        "id": e.id, "label": e.label, "articles": list(e.articles),
        "claims": [{"id": c.id, "text": c.text, "reported_by": list(c.reported_by),
                    "sentences": {a: list(s) for a, s in c.sentences}} for c in e.claims],
        "omissions": {a: list(c) for a, c in e.omissions},
        "possibly_cut_off": {a: list(c) for a, c in e.cut_off},
    }


def article_json(report: CorpusReport, doc: Document, frames: Sequence[FrameResult]) -> dict[str, Any]:
    """One article of ``report.json``: its metadata, event, wire copies and frames."""
    art = doc.article
    return {"id": doc.id, "source": art.source, "outlet": art.outlet, "title": art.title,
            "date": art.date, "url": art.url, "event": report.event_of[doc.id],
            "syndicated_with": list(report.syndicated.get(doc.id, ())),
            "copied_share": {o: report.copied.get((doc.id, o), report.copied.get((o, doc.id)))
                             for o in report.syndicated.get(doc.id, ())},
            "frames": [frame_json(f) for f in frames]}


def report_json(report: CorpusReport) -> dict[str, Any]:
    """The ``framing report --format json`` object."""
    return {"events": [event_json(e) for e in report.events],
            "articles": [article_json(report, d, fs) for d, fs in zip(report.docs, report.frames, strict=True)]}


def article_rows(report: CorpusReport) -> Iterator[list[Any]]:
    """The rows of articles.csv."""
    for d in report.docs:
        yield [d.id, d.article.source, d.article.outlet or "", d.article.title or "", d.article.date or "",
               report.event_of[d.id], " ".join(report.syndicated.get(d.id, ())), len(d.sentences), d.article.url or ""]


def frame_rows(report: CorpusReport) -> Iterator[list[Any]]:
    """The rows of frames.csv."""
    for d, fs in zip(report.docs, report.frames, strict=True):
        for f in fs:
            yield [d.id, report.event_of[d.id], d.article.outlet or "", f.frame, f.entity or "", f.present,
                   round(f.score, 4), *evidence_cells(f)]


def claim_rows(e: Event, report: CorpusReport) -> Iterator[list[Any]]:
    """The rows of claims.csv for one event: per claim and article, the claim's text (its longest
    wording) and the article's own words for it."""
    for c in e.claims:
        for a, s in c.sentences:
            sentences = report.doc(a).sentences
            yield [e.id, c.id, a, " ".join(map(str, s)), c.text, " ".join(sentences[i].text for i in s)]


def alignment_rows(event_id: str, pairs: Pairs) -> Iterator[list[Any]]:
    """The rows of alignments.csv for one event's pairwise alignments."""
    for (a, b), als in pairs.items():
        for al in als:
            yield [event_id, a, b, " ".join(map(str, al.a)), " ".join(map(str, al.b)), al.relation, al.score]


def _csv(rows: Iterable[list[Any]], header: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(csv_row(row) for row in rows)  # no cell a spreadsheet would run as a formula
    return buf.getvalue()


def csv_tables(report: CorpusReport) -> dict[str, str]:
    """articles, claims, alignments and frames as CSV texts, by file name (in memory: the
    report writer, ``framing.output.report_stream``, writes the same files row by row)."""
    claims = (row for e in report.events for row in claim_rows(e, report))
    aligns = (row for (a, b), als in report.pair_alignments.items()
              for row in alignment_rows(report.event_of[a], {(a, b): als}))
    tables = {"articles.csv": article_rows(report), "claims.csv": claims, "alignments.csv": aligns,
              "frames.csv": frame_rows(report)}
    return {name: _csv(rows, HEADERS[name]) for name, rows in tables.items()}


DATASET_CHUNK = 1000  # articles per Parquet row group / Arrow record batch: the dataset is written in chunks


def _dataset_rows(report: CorpusReport, start: int) -> list[dict[str, Any]]:
    """The dataset rows of one chunk of articles."""
    chunk = zip(report.docs[start : start + DATASET_CHUNK], report.frames[start : start + DATASET_CHUNK], strict=True)
    return [{**{k: v for k, v in document_json(d).items() if k != "sentences"},
             "text": d.article.text, "event": report.event_of[d.id],
             "sentences": [s.text for s in d.sentences],
             "syndicated_with": list(report.syndicated.get(d.id, ())),
             "frames_json": json.dumps([frame_json(f) for f in fs], ensure_ascii=False)} for d, fs in chunk]


def write_dataset(report: CorpusReport, out: Path) -> None:
    """The articles with their frames as Parquet, and as a Hugging Face dataset folder in the
    layout of ``Dataset.save_to_disk`` (``datasets.load_from_disk`` reads it).

    Written with pyarrow alone (importing ``datasets`` costs seconds and is not needed to write
    its format), :data:`DATASET_CHUNK` articles at a time, so memory does not grow with the corpus.
    The columns are built from their buffers (:func:`arrow_column`): converting Python lists,
    pyarrow imports pandas (about 0.3 CPU-s) to ask whether they are pandas objects.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    first = _dataset_rows(report, 0)
    columns = list(first[0]) if first else ["id"]
    schema = pa.schema([(name, _arrow_type(first[0][name] if first else "")) for name in columns])
    handle, tmp = tempfile.mkstemp(prefix=".articles.parquet.", dir=out)
    os.close(handle)
    folder = Path(tempfile.mkdtemp(prefix=".dataset.", dir=out))
    with (pq.ParquetWriter(tmp, schema) as parquet,
          pa.OSFile(str(folder / "data-00000-of-00001.arrow"), "wb") as sink, pa.ipc.new_stream(sink, schema) as arrow):
        for start in range(0, max(1, len(report.docs)), DATASET_CHUNK):
            rows = first if start == 0 else _dataset_rows(report, start)
            table = pa.Table.from_arrays([arrow_column([r[f.name] for r in rows], f.type) for f in schema], schema=schema)
            parquet.write_table(table)
            arrow.write_table(table)
    os.replace(tmp, out / "articles.parquet")  # atomic: a killed run leaves the old file or the new
    ids = hashlib.sha256()
    for k, d in enumerate(report.docs):
        ids.update(("\x1f" if k else "").encode() + d.id.encode())
    state: dict[str, Any] = {"_data_files": [{"filename": "data-00000-of-00001.arrow"}],
             "_fingerprint": ids.hexdigest()[:16],
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


def arrow_column(values: Sequence[Any], kind: Any) -> Any:
    """An Arrow array of strings (None for null), lists of strings or booleans, the same as
    ``pyarrow.array(values, kind)``, made from its buffers without importing pandas."""
    import numpy as np
    import pyarrow as pa

    if kind == pa.bool_():
        bits = np.packbits(np.array(values, dtype=bool), bitorder="little")
        return pa.Array.from_buffers(kind, len(values), [None, pa.py_buffer(bits.tobytes())])
    if kind == pa.list_(pa.string()):
        flat = [v for vs in values for v in vs]
        offsets = np.zeros(len(values) + 1, dtype=np.int32)
        np.cumsum([len(vs) for vs in values], out=offsets[1:])
        return pa.Array.from_buffers(kind, len(values), [None, pa.py_buffer(offsets.tobytes())],
                                     children=[arrow_column(flat, pa.string())])
    data = [b"" if v is None else v.encode("utf-8") for v in values]
    offsets = np.zeros(len(values) + 1, dtype=np.int32)
    np.cumsum([len(b) for b in data], out=offsets[1:])
    nulls = sum(v is None for v in values)
    valid = None if not nulls else pa.py_buffer(
        np.packbits(np.array([v is not None for v in values], dtype=bool), bitorder="little").tobytes())
    return pa.Array.from_buffers(kind, len(values), [valid, pa.py_buffer(offsets.tobytes()), pa.py_buffer(b"".join(data))],
                                 null_count=nulls)
