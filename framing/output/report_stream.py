"""Write a corpus report event by event, as :func:`framing.report.build_report` finishes each.

The writer holds open files, not the corpus's outputs: each event's claims and alignments go to
report.json, claims.csv and alignments.csv and its page is written as soon as the event is done,
then dropped; the per-article tables are written row by row. Each file is written to a temporary
file beside it and renamed over the target when the report is complete (a failed run leaves the
previous file), and the index page comes last, so it never links a page that is not there. The
files are the same, byte for byte, as those built whole in memory (``report_tables``,
``report_html``); Parquet and the dataset folder hold the same rows, in chunks.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator, MutableMapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

from framing.outlets import OutletBook, load_outlets
from framing.output import report_event
from framing.output.json_csv import csv_row
from framing.output.report_tables import (
    HEADERS,
    Pairs,
    alignment_rows,
    article_json,
    article_rows,
    claim_rows,
    event_json,
    frame_rows,
    write_dataset,
)
from framing.report import CorpusReport
from framing.types import Alignment, Event


class AtomicFile:
    """A text file written bit by bit to a temporary file, renamed over ``path`` by :meth:`commit`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        handle, self.tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        self.file: IO[str] = os.fdopen(handle, "w", encoding="utf-8", newline="")

    def commit(self) -> None:
        """Put the finished file in place."""
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.chmod(self.tmp, 0o644)
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        """Remove the unfinished file (the previous one at ``path``, if any, stays)."""
        self.file.close()
        Path(self.tmp).unlink(missing_ok=True)


class JsonArrays:
    """A JSON object of arrays written item by item, exactly as ``json.dumps(obj, indent=2,
    ensure_ascii=False)`` writes the whole object (an item's text holds no raw newline, so
    indenting its lines is safe)."""

    def __init__(self, file: IO[str]) -> None:
        self.file, self.keys, self.items = file, 0, 0

    def array(self, key: str) -> None:
        """Close the array being written, if any, and open the next one."""
        self._close_array()
        self.file.write(("{" if not self.keys else ",") + f"\n  {json.dumps(key)}: [")
        self.keys, self.items = self.keys + 1, 0

    def item(self, value: Any) -> None:
        """One item of the open array."""
        text = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        self.file.write(("," if self.items else "") + "\n    " + text)
        self.items += 1

    def close(self) -> None:
        """Close the last array and the object."""
        self._close_array()
        self.file.write("\n}" if self.keys else "{}")

    def _close_array(self) -> None:
        if self.keys:
            self.file.write("\n  ]" if self.items else "]")


class CsvTable:
    """One CSV table written row by row (cells made safe as in ``report_tables``)."""

    def __init__(self, path: Path) -> None:
        self.target = AtomicFile(path)
        self.writer = csv.writer(self.target.file)
        self.writer.writerow(HEADERS[path.name])

    def rows(self, rows: Any) -> None:
        """Append rows."""
        self.writer.writerows(csv_row(row) for row in rows)


class PairSink(MutableMapping[tuple[str, str], tuple[Alignment, ...]]):
    """Where one event's pairwise alignments go as ``build_report`` makes them: each pair's rows
    to alignments.csv at once; kept only when it touches an article its page shows."""

    def __init__(self, event: str, shown: set[str], table: CsvTable | None) -> None:
        self.event, self.shown, self.table = event, shown, table
        self.kept: dict[tuple[str, str], tuple[Alignment, ...]] = {}

    def __setitem__(self, key: tuple[str, str], value: tuple[Alignment, ...]) -> None:
        if self.table is not None:
            self.table.rows(alignment_rows(self.event, {key: value}))
        if key[0] in self.shown or key[1] in self.shown:
            self.kept[key] = value

    def __getitem__(self, key: tuple[str, str]) -> tuple[Alignment, ...]:
        return self.kept[key]

    def __delitem__(self, key: tuple[str, str]) -> None:
        del self.kept[key]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.kept)

    def __len__(self) -> int:
        return len(self.kept)


class ReportWriter:
    """Takes a report as it is built (the ``sink`` of ``build_report``) and writes its files.

    Use as a context manager: :meth:`start` with the report before its events, :meth:`event`
    per finished event, :meth:`finish` with the whole report; leaving the block without
    :meth:`finish` (an error, Ctrl-C) removes the unfinished files.

    Args:
        out: the output directory (created), or None for the JSON alone.
        parts: what to write: any of "html", "csv", "json", "dataset".
        outlets: the outlets' countries and groups (default: the packaged list).
        json_file: where the JSON goes when ``out`` is None (a file committed at the end, or a
            stream such as stdout); report.json in ``out`` otherwise.
    """

    def __init__(self, out: Path | None, parts: set[str], *, outlets: OutletBook | None = None,
                 json_file: AtomicFile | IO[str] | None = None) -> None:
        self.out, self.parts, self.book = out, parts, outlets
        self.json_file = json_file
        self.files: list[AtomicFile] = []
        self.csv: dict[str, CsvTable] = {}
        self.json: JsonArrays | None = None
        self.html: Any = None
        self.report: CorpusReport | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None) -> None:
        for file in self.files:
            if not file.file.closed:
                file.discard()

    def start(self, report: CorpusReport) -> None:
        """Open the files; write the per-article CSV tables."""
        if self.out is not None:
            self.out.mkdir(parents=True, exist_ok=True)
        if "csv" in self.parts and self.out is not None:
            for name in HEADERS:
                self.csv[name] = CsvTable(self.out / name)
                self.files.append(self.csv[name].target)
            self.csv["articles.csv"].rows(article_rows(report))
            self.csv["frames.csv"].rows(frame_rows(report))
            self.report = report  # claims.csv quotes each article's own sentences
        if "json" in self.parts:
            self._open_json()
        if "html" in self.parts and self.out is not None:
            from framing.output.report_html import HtmlPages

            self.html = HtmlPages(report, self.out, self.book or load_outlets())

    def _open_json(self) -> None:
        target = self.json_file
        if target is None and self.out is not None:
            target = AtomicFile(self.out / "report.json")
        if isinstance(target, AtomicFile):
            self.files.append(target)
            target = target.file
        if target is not None:
            self.json = JsonArrays(target)
            self.json.array("events")

    def alignments(self, event: str, articles: Sequence[str]) -> PairSink:
        """Where ``build_report`` puts an event's pairwise alignments as it makes them."""
        return PairSink(event, set(articles[: report_event.PAGE_ARTICLES]), self.csv.get("alignments.csv"))

    def event(self, event: Event, pairs: Pairs) -> None:
        """Write one finished event: its JSON, CSV rows and page (``pairs``: its alignments, from
        :meth:`alignments` or all of them)."""
        if self.json is not None:
            self.json.item(event_json(event))
        if self.csv and self.report is not None:
            self.csv["claims.csv"].rows(claim_rows(event, self.report))
        if isinstance(pairs, PairSink):
            pairs = pairs.kept  # their rows are written
        elif self.csv:
            self.csv["alignments.csv"].rows(alignment_rows(event.id, pairs))
        if self.html is not None:
            self.html.event(event, pairs)

    def finish(self, report: CorpusReport) -> None:
        """Write what needs every event (the articles of report.json, the index page, the
        dataset) and put every file in place."""
        if self.json is not None:
            self.json.array("articles")
            for doc, frames in zip(report.docs, report.frames, strict=True):
                self.json.item(article_json(report, doc, frames))
            self.json.close()
            if self.out is None:
                self.json.file.write("\n")  # the JSON alone, to a file or stdout, ends its line
        if "dataset" in self.parts and self.out is not None:
            write_dataset(report, self.out)
        for file in self.files:
            file.commit()
        if self.html is not None:
            self.html.finish(report)


def write_all(report: CorpusReport, writer: ReportWriter) -> None:
    """Write a report built whole in memory (the Ray engine's, a test's) through ``writer``."""
    with writer:
        writer.start(report)
        for event in report.events:
            writer.event(event, report.event_pairs(event))
        writer.finish(report)

