"""Report rendering that stays linear: wire-copy edits once per group, lookups by index."""

from __future__ import annotations

import json
from pathlib import Path

from framing.output.report_event import wire_groups as _wire_groups


def test_a_wire_group_is_diffed_against_its_original_once_per_copy() -> None:
    syndicated = {"a3": ("a1", "a2"), "a1": ("a2", "a3"), "a2": ("a1", "a3"), "b1": ("b2",), "b2": ("b1",)}
    groups = _wire_groups(["a3", "x", "a1", "b2", "a2", "b1"], syndicated)
    assert groups == [["a1", "a2", "a3"], ["b1", "b2"]]
    assert sum(len(g) - 1 for g in groups) == 3  # copies diffed: 2 + 1, not the 3 + 1 pairs


def test_partners_outside_the_event_are_left_out() -> None:
    assert _wire_groups(["a1", "a2"], {"a1": ("a2", "z9"), "a2": ("a1", "z9")}) == [["a1", "a2"]]
    assert _wire_groups(["a1"], {"a1": ("z9",)}) == []


def test_a_large_event_page_is_summarised(tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from framing.cli import cli
    from framing.output import report_event
    from tests.conftest import CORPUS

    monkeypatch.setattr(report_event, "PAGE_ARTICLES", 1)
    monkeypatch.setattr(report_event, "PAGE_CLAIMS", 1)
    result = CliRunner().invoke(cli, ["report", str(CORPUS), "-o", str(tmp_path / "r"), "--format", "html"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "r" / "event-e1.html").read_text()  # the Joint Working Group: 2 articles
    assert "this page shows 1 of its 2 articles and 1 of its" in page
    cells = page.split('<table id="claims">')[1].split("</table>")[0]
    assert cells.count("<td class=") == 1  # one claim x one article


def _corpus_report(events: int, per_event: int):  # noqa: ANN202
    """A report of ``events`` events of ``per_event`` short articles each, before its claims."""
    from framing.report import CorpusReport
    from framing.segment import segment
    from framing.types import Article

    docs = tuple(segment(Article(id=f"a{k}", source="x", url=f"https://o{k % 7}.example.com/{k}",
                                 text=" ".join(f"Sentence {s} of article {k} says what it says." for s in range(12))))
                 for k in range(events * per_event))
    event_of = {d.id: f"e{k // per_event + 1}" for k, d in enumerate(docs)}
    return CorpusReport(docs=docs, frames=((),) * len(docs), events=(), event_of=event_of, syndicated={})


def _event(report, number: int, per_event: int):  # noqa: ANN202
    from framing.types import Claim, Event

    ids = tuple(d.id for d in report.docs[(number - 1) * per_event : number * per_event])
    claims = tuple(Claim(f"c{s}", f"Sentence {s}.", tuple((a, (s,)) for a in ids)) for s in range(12))
    return Event(f"e{number}", f"Event {number}", ids, claims, omissions=tuple((a, ()) for a in ids))


def test_writing_a_report_keeps_nothing_per_event(tmp_path: Path) -> None:
    """The writer's memory stays flat however many events pass through it: each event's
    alignments, JSON, CSV rows and page are written and dropped (tracemalloc, not a timing)."""
    import tracemalloc

    from framing.output.report_stream import ReportWriter
    from framing.report import MAX_PARTNERS
    from framing.types import Alignment

    events, per_event = 30, 6
    report = _corpus_report(events, per_event)
    held = []
    with ReportWriter(tmp_path, {"html", "csv", "json"}) as writer:
        writer.start(report)
        tracemalloc.start()
        for number in range(1, events + 1):
            event = _event(report, number, per_event)
            pairs = writer.alignments(event.id, event.articles)
            for k, a in enumerate(event.articles):
                for b in event.articles[k + 1 : k + 1 + MAX_PARTNERS]:
                    pairs[(a, b)] = tuple(Alignment((s,), (s,), "same", 0.9) for s in range(12))
            writer.event(event, pairs)
            del event, pairs
            held.append(tracemalloc.get_traced_memory()[0])
        tracemalloc.stop()
        writer.finish(report)
    rows = sum(1 for _ in (tmp_path / "alignments.csv").open()) - 1
    assert rows == events * sum(min(MAX_PARTNERS, per_event - 1 - k) for k in range(per_event)) * 12  # 5k alignments (2 MB if kept)
    growth = held[-1] - held[9]  # from the 10th event to the last
    assert growth < 500_000, f"the writer held {growth} more bytes after 20 more events"
    assert len(list(tmp_path.glob("event-*.html"))) == events


def test_the_streamed_report_is_the_report_built_in_memory(tmp_path: Path, encoder) -> None:  # noqa: ANN001
    """`framing report` writes as it goes (and keeps no alignment); the files are those of the
    report built whole, byte for byte."""
    from framing.classify import EmbeddingClassifier
    from framing.compare import FrameOptions
    from framing.ingest import load_articles
    from framing.output.report_html import write_report
    from framing.output.report_stream import ReportWriter
    from framing.report import build_report
    from tests.conftest import CORPUS

    articles = load_articles([str(CORPUS)])
    options = FrameOptions(entities=("Pakistan",), classifier=EmbeddingClassifier(encoder))
    whole = build_report(articles, encoder=encoder, options=options)
    assert whole.pair_alignments
    write_report(whole, tmp_path / "whole")
    with ReportWriter(tmp_path / "streamed", {"html", "csv", "json", "dataset"}) as writer:
        streamed = build_report(articles, encoder=encoder, options=options, sink=writer)
        writer.finish(streamed)
    assert not streamed.pair_alignments and streamed.events == whole.events and streamed.frames == whole.frames
    names = sorted(p.name for p in (tmp_path / "whole").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "streamed").iterdir())
    for name in names:
        if name.endswith((".html", ".json", ".csv")):
            assert (tmp_path / "whole" / name).read_bytes() == (tmp_path / "streamed" / name).read_bytes(), name


def test_json_written_item_by_item_is_json_dumps() -> None:
    import io

    from framing.output.report_stream import JsonArrays

    for value in ({"events": [], "articles": []}, {"events": [{"a": [1, {"b": "x\ny “q”"}], "c": {}}], "articles": [[]]}):
        buf = io.StringIO()
        stream = JsonArrays(buf)
        for key, items in value.items():
            stream.array(key)
            for item in items:
                stream.item(item)
        stream.close()
        assert buf.getvalue() == json.dumps(value, indent=2, ensure_ascii=False)


def test_compact_documents_are_the_documents() -> None:
    from framing.batch import (
        CompactDocs,
        CompactFrames,
        compact_result,
        decode_result,
        encode_result,
    )
    from framing.segment import segment
    from framing.types import Article, Evidence, FrameResult

    arts = [Article(id=f"a{k}", source="x", text=f"First sentence {k}. Second one here.\nThird.") for k in range(3)]
    frames = (FrameResult("names_entity", "X", True, 0.9, (Evidence(0, "First", "outlet", 0.5),)),)
    store = {a.id: compact_result(encode_result(segment(a), frames)) for a in arts}
    docs, found = CompactDocs(arts, [a.id for a in arts], store), CompactFrames(arts, [a.id for a in arts], store)
    expected = [decode_result(a, encode_result(segment(a), frames)) for a in arts]
    assert list(docs) == [d for d, _ in expected] and docs == tuple(d for d, _ in expected)
    assert found[1] == frames and docs[1:] == [d for d, _ in expected[1:]] and docs.ids == ["a0", "a1", "a2"]


def test_dataset_columns_from_buffers_are_pyarrows_own_without_pandas() -> None:
    import subprocess
    import sys

    code = """
import sys
from framing.output.report_tables import arrow_column
import pyarrow as pa
cases = [(["a", None, "h\\u00e9llo", ""], pa.string()), ([], pa.string()), (["x"], pa.string()),
         ([["x"], [], ["y", "z\\u00e9"]], pa.list_(pa.string())), ([], pa.list_(pa.string())),
         ([True, False, True] * 5, pa.bool_()), ([None, None], pa.string())]
built = [arrow_column(values, kind) for values, kind in cases]
assert "pandas" not in sys.modules
for column, (values, kind) in zip(built, cases):
    column.validate(full=True)
    assert column.equals(pa.array(values, kind)) and column.null_count == pa.array(values, kind).null_count, values
print("ok")
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.stdout.strip() == "ok", run.stderr


def test_conflicts_of_an_event_read_each_pair_of_texts_once(monkeypatch) -> None:  # noqa: ANN001
    import framing.output.report_event as page
    from framing.outlets import load_outlets
    from framing.output.report_common import build_index
    from framing.report import CorpusReport
    from framing.segment import segment
    from framing.types import Alignment, Article

    texts = ["Officials said 40 people died on Monday.", "Officials said 40 people died on Monday.",
             "Officials said 45 people died on Monday."]  # two wire copies and a third outlet
    docs = [segment(Article(id=f"d{k}", source=f"d{k}", url=f"https://outlet{k}.example/a", text=t))
            for k, t in enumerate(texts)]
    link = (Alignment(a=(0,), b=(0,), relation="same", score=0.9),)
    pairs = {("d0", "d1"): link, ("d0", "d2"): link, ("d1", "d2"): link}
    report = CorpusReport(docs=tuple(docs), frames=((),) * 3, events=(), event_of={}, syndicated={})
    calls: list[tuple[str, str]] = []
    real = page.find_conflicts
    monkeypatch.setattr(page, "find_conflicts", lambda a, b, **context: calls.append((a, b)) or real(a, b, **context))
    found, more = page._conflicts(pairs, docs, build_index(report, load_outlets()))
    assert len(calls) == 2 and len(set(calls)) == 2  # d0-d2 and d1-d2 are the same two texts
    assert more == 0 and [[s["value"] for s in c["sides"]] for c in found] == [["40 people", "45 people"]]
    assert [s["names"] for s in found[0]["sides"]] == [["outlet0.example", "outlet1.example"], ["outlet2.example"]]


def test_the_original_of_a_wire_group_is_the_earliest_then_the_credited_outlet() -> None:
    from types import SimpleNamespace

    def index(dates: dict[str, str | None]):  # noqa: ANN202 - the two tables wire_groups reads
        texts = {"c1": "LYON, May 2 - Rail fares rise 4 percent, economists said.",  # the reprint drops the credit
                 "w1": "LYON, May 2 (Harbour) - Rail fares rise 5 percent, economists polled by Harbour said."}
        names = {"c1": "The Evening Courier", "w1": "Harbour Wire"}  # credited by its first word
        return SimpleNamespace(
            docs={k: SimpleNamespace(article=SimpleNamespace(text=t, date=dates[k])) for k, t in texts.items()},
            outlets={k: SimpleNamespace(name=n) for k, n in names.items()})

    synd = {"c1": ("w1",), "w1": ("c1",)}
    assert _wire_groups(["c1", "w1"], synd) == [["c1", "w1"]]  # without an index: by id
    assert _wire_groups(["c1", "w1"], synd, index({"c1": None, "w1": None})) == [["w1", "c1"]]  # the credit
    assert _wire_groups(["c1", "w1"], synd, index({"c1": "2025-05-01", "w1": "2025-05-02"})) == [["c1", "w1"]]
