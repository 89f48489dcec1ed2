"""`framing report --engine ray`: the local engine's answers on a local Ray cluster of two CPUs,
a worker killed mid-run, and a clean error where Ray is not installed."""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from framing.cli import cli
from framing.engine_ray import CRASH_ONCE
from framing.events import event_bags, tfidf_matrix, tfidf_rows
from framing.ingest import load_articles
from framing.segment import segment
from tests.conftest import CORPUS, SHARED

SEEDS = [str(p) for p in sorted(CORPUS.glob("*.txt"))]


def test_without_ray_the_ray_engine_is_one_clean_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in [m for m in sys.modules if m == "ray" or m.startswith("ray.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    out = tmp_path / "report"
    result = CliRunner().invoke(cli, ["report", *SEEDS, "--engine", "ray", "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == ("Error: --engine ray: Ray is not installed; install it with: "
                             "pip install 'framing[ray]'\n")
    assert not out.exists()


def test_tfidf_rows_of_some_articles_are_the_corpus_matrix_rows() -> None:
    """The premise of the distributed event vectors: a batch's rows, computed from the corpus
    vocabulary and frequencies, are bit for bit the rows of the whole corpus's matrix."""
    docs = [segment(a) for a in load_articles([str(CORPUS)])]
    whole = tfidf_matrix(docs)
    bags = [event_bags(d) for d in docs]
    parts = []
    for part in (0, 1):
        columns: dict[str, int] = {}
        for bag in (b[part] for b in bags):
            for word in bag:
                columns.setdefault(word, len(columns))
        df = Counter(w for b in bags for w in b[part])
        parts.append(tfidf_rows([b[part] for b in bags[2:4]], columns, df, len(docs)))
    from framing.events import side_by_side

    rows = side_by_side(*parts)
    assert rows.shape[1] == whole.shape[1]
    assert np.array_equal(rows.toarray(), whole.toarray()[2:4])


@pytest.fixture(scope="module")
def ray_cluster(tmp_path_factory: pytest.TempPathFactory):
    """A local Ray cluster of two CPUs for this module; shut down after, leaving no process.

    The crash marker exists (disarmed) from the start, so workers inherit the variable naming it;
    a test arms it by deleting the file."""
    ray = pytest.importorskip("ray")
    marker = tmp_path_factory.mktemp("ray") / "crash-marker"
    marker.write_text("disarmed")
    os.environ[CRASH_ONCE] = str(marker)
    context = ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    session = context.address_info["session_dir"]
    try:
        yield marker
    finally:
        ray.shutdown()
        os.environ.pop(CRASH_ONCE, None)
    assert _processes_of(session) == [], "Ray left processes running"


def _processes_of(session: str, wait: float = 20.0) -> list[int]:
    """Processes whose command line names this Ray session, after up to ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while True:
        found = []
        for proc in Path("/proc").iterdir():
            try:
                if proc.name.isdigit() and session.encode() in (proc / "cmdline").read_bytes():
                    found.append(int(proc.name))
            except OSError:
                continue
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def _encoder():
    from framing.models import get_encoder

    return get_encoder(cache=False)


def _both(inputs: list[str]):
    """The report of the local engine and of the ray engine (two workers), same settings."""
    from framing.classify import get_classifier
    from framing.compare import FrameOptions
    from framing.engine_ray import ray_report
    from framing.report import build_report

    def options(encoder):
        return FrameOptions(classifier=get_classifier("embedding", encoder=encoder))

    local_encoder, ray_encoder = _encoder(), _encoder()
    local = build_report(load_articles(inputs), encoder=local_encoder, options=options(local_encoder))
    remote = ray_report(inputs, encoder=ray_encoder, options=options(ray_encoder), workers=2)
    return local, remote


def _assert_same(local, remote) -> None:
    """Events, wire copies, claims, frames and alignments equal, and the same report.json."""
    from framing.output.report_tables import report_json

    assert [d.id for d in remote.docs] == [d.id for d in local.docs]
    assert [d.sentences for d in remote.docs] == [d.sentences for d in local.docs]
    assert remote.frames == local.frames
    assert remote.events == local.events  # articles, claims, omissions
    assert remote.syndicated == local.syndicated and remote.copied == local.copied
    assert remote.pair_alignments == local.pair_alignments
    assert json.dumps(report_json(remote)) == json.dumps(report_json(local))


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles and a lightly edited copy of one (a wire copy)."""
    folder = tmp_path_factory.mktemp("small")
    for path in SEEDS:
        (folder / Path(path).name).write_text(Path(path).read_text())
    first = Path(SEEDS[0]).read_text()
    (folder / "copy.txt").write_text(first.rstrip() + "\nThe copying outlet added this last sentence.\n")
    return folder


def test_ray_engine_gives_the_local_report_though_a_worker_is_killed(ray_cluster: Path,
                                                                     small_corpus: Path) -> None:
    ray_cluster.unlink()  # armed: the first per-article batch kills its own worker process
    local, remote = _both([str(small_corpus)])
    killed = int(ray_cluster.read_text())  # the batch ran again: Ray retried it
    assert killed != os.getpid() and not _alive_ray_worker(killed)
    assert len(local.events) >= 2 and local.syndicated  # events and wire copies to compare
    _assert_same(local, remote)


def _alive_ray_worker(pid: int) -> bool:
    try:
        return b"ray" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def test_report_command_on_ray_writes_the_local_files_and_shards(ray_cluster: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    runner = CliRunner()
    local = runner.invoke(cli, ["report", *SEEDS, "--format", "json", "-o", "-"])
    result = runner.invoke(cli, ["report", *SEEDS, "--engine", "ray", "-o", str(tmp_path / "r")])
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / "r" / "report.json").read_text()) == json.loads(local.stdout)
    assert (tmp_path / "r" / "index.html").is_file()
    shards = pq.read_table(tmp_path / "r" / "shards")
    assert sorted(shards.column("id").to_pylist()) == sorted(a["id"] for a in json.loads(local.stdout)["articles"])
    top = runner.invoke(cli, ["report", *SEEDS, "--engine", "ray", "--top-events", "1", "--format", "json", "-o", "-"])
    data = json.loads(top.stdout)
    assert [e["id"] for e in data["events"]] == ["e1"]
    assert {a["id"] for a in data["articles"]} == set(data["events"][0]["articles"])


@pytest.mark.parametrize("name", ["dev", "basil-dev"])  # basil-dev: about 2-3 min; run in CI as the issue asks
def test_ray_engine_gives_the_local_report_on_shared_corpora(ray_cluster: Path, name: str) -> None:
    corpus = SHARED / name
    if not corpus.is_dir():
        pytest.skip(f"../shared/corpus/{name} is not present")
    local, remote = _both([str(corpus)])
    _assert_same(local, remote)


@pytest.mark.slow  # 46 to 110 s here: two Ray Data shuffles
def test_ray_engine_blocks_a_large_corpus_as_the_local_engine_does(ray_cluster: Path, small_corpus: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The large-corpus path (candidate pairs from blocks, not all pairs), forced on a small one."""
    import functools

    from framing import engine_ray_events, events, report

    monkeypatch.setattr(engine_ray_events, "EXACT_BELOW", 0)
    monkeypatch.setattr(report, "group_events", functools.partial(events.group_events, exact_below=0))
    local, remote = _both([str(small_corpus)])
    _assert_same(local, remote)


def test_ray_engine_cuts_an_event_the_same_outlets_reported_twice(ray_cluster: Path, tmp_path: Path) -> None:
    """Undated articles of two happenings by the same three outlets (a bridge closed, then
    reopened): both engines cut the one found event in two (``framing.event_split``)."""
    from tests.test_event_split import CLOSED, REOPENED

    rows = []
    for k, (outlet, title, text) in enumerate(CLOSED + REOPENED):
        (tmp_path / f"{k}.txt").write_text(f"{title}\n\n{text}\n")
        rows.append(json.dumps({"file": f"{k}.txt", "outlet": outlet, "title": title}) + "\n")
    (tmp_path / "manifest.jsonl").write_text("".join(rows))
    local, remote = _both([str(tmp_path)])
    _assert_same(local, remote)
    assert sorted(sorted(e.articles) for e in local.events) == [["0", "1", "2"], ["3", "4", "5"]]
