"""Benchmark the limit: the report's cost against the bare int8 encoder's, from 40 to 100k articles.

Run: .venv/bin/python benchmarks/bench_scale.py [--sizes 1000 10000] [--slow] [--no-compare]
(``--slow`` adds the 100k synthetic corpus; ``--only 10000`` runs one corpus.) Each corpus runs in a fresh interpreter with a fresh
cache, so its CPU seconds and peak memory (max RSS) are those of a first, cold run:

- encoder: the bare int8 encoder (ONNX Runtime, one thread) on the corpus's distinct sentences
  (at most 3,000 of them, a fixed sample), model load left out: sentences per CPU-second;
- report: ``build_report`` writing every output file as it goes (HTML, JSON, CSV, Parquet,
  dataset folder; the ``ReportWriter`` of ``framing report``), from the articles in memory: sentences per CPU-second, where a sentence is any sentence of the
  corpus (a synthetic corpus repeats the dev sentences, which the embedding cache then serves);
- the ratio report / encoder, and the growth of the report's CPU time per 10x articles.

The synthetic articles are given to the report unsegmented, as ``framing report`` reads them (it
segments batch by batch). While a corpus runs, its stages (analysis done, events grouped, wire
groups found, every 10th event) are logged on stderr with CPU seconds and peak memory so far.

Corpora: ``../shared/corpus/dev`` (40 articles), ``../shared/corpus/basil-dev`` (150), and
synthetic corpora recombined from the dev texts as in ``bench_events.py``. Before them, the first
and the cached ``framing compare`` of the two longest articles of one basil-dev event, as
separate processes (CPU seconds of the whole process, imports included, and max RSS).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from child import measure  # noqa: E402

ENCODER_SAMPLE = 3000


def _cpu() -> float:
    """CPU seconds (user + system) of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _articles(name: str) -> list:
    """The articles of a corpus name: "dev", "basil-dev" or a synthetic size."""
    from framing.ingest import load_articles

    if name.isdigit():
        from bench_events import synthetic_articles

        return synthetic_articles(int(name))  # not segmented: `framing report` segments batch by batch
    return load_articles([str(SHARED / name)], on_skip=lambda *_: None)  # the gold files are skipped


def _log(t0: float) -> Callable[[str, int], None]:
    """A progress callback that logs each stage (and every 10th event) with CPU seconds and max
    RSS on stderr: how far a long run got."""
    done = [0]

    def tick(stage: str, n: int) -> None:
        done[0] = done[0] + n if stage == "events" else n
        if stage != "events" or done[0] % 10 == 0:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{stage} {done[0]}: {_cpu() - t0:.0f} CPU-s, peak {peak:.0f} MB", file=sys.stderr, flush=True)

    return tick


def _log_stage(module: Any, name: str, stage: str, tick: Callable[[str, int], None]) -> None:
    """Log when ``module.name`` (a stage with no progress of its own) returns, with its result's size."""
    inner = getattr(module, name)

    def logged(*args: Any, **kwargs: Any) -> Any:
        result = inner(*args, **kwargs)
        tick(stage, len(result))
        return result

    setattr(module, name, logged)


def child(name: str) -> dict[str, float]:
    """Measure one corpus in this (fresh) process."""
    import framing.report
    from framing.classify import EmbeddingClassifier
    from framing.compare import FrameOptions
    from framing.frames import load_frames
    from framing.models import get_encoder
    from framing.output.report_stream import ReportWriter
    from framing.report import build_report
    from framing.segment import segment

    articles = _articles(name)
    texts = sorted({s.text for a in articles[:2000] for s in segment(a).sentences})
    sample = texts[:: max(1, len(texts) // ENCODER_SAMPLE)][:ENCODER_SAMPLE]
    bare = get_encoder(cache=False)
    bare._embed(sample[:1])  # load the model: not part of the rate
    t0 = _cpu()
    bare._embed(sample)
    encoder_rate = len(sample) / (_cpu() - t0)
    encoder = get_encoder()
    options = FrameOptions(entities=("Pakistan",), frames=tuple(load_frames(ROOT / "corpus" / "frames.toml")),
                           classifier=EmbeddingClassifier(encoder))
    t0 = _cpu()
    _log_stage(framing.report, "syndication", "wire groups", _log(t0))
    with tempfile.TemporaryDirectory() as out, ReportWriter(Path(out), {"html", "csv", "json", "dataset"}) as writer:
        report = build_report(articles, encoder=encoder, options=options, cache=None, sink=writer,  # as `framing report`
                              progress=_log(t0), batch_progress=True)
        writer.finish(report)
        html = max(p.stat().st_size for p in Path(out).glob("*.html"))
    seconds = _cpu() - t0
    sentences = sum(len(d.sentences) for d in report.docs)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": len(articles), "sentences": sentences, "encoder_rate": encoder_rate,
            "report_cpu": seconds, "report_rate": sentences / seconds, "peak_mb": peak,
            "largest_html_mb": html / 2**20, "events": len(report.events)}


def _run(args: list[str], cache: str) -> tuple[float, float, str]:
    """CPU seconds and max RSS (MB) of one child process, and its stdout."""
    return measure(args, {"FRAMING_CACHE_DIR": cache})


def bench_compare() -> None:
    """First and cached `framing compare` of the two longest articles of one basil-dev event."""

    arts = _articles("basil-dev")
    by_event: dict[str, list] = {}
    for art in arts:
        by_event.setdefault(art.event or art.id, []).append(art)
    pairs = [sorted(g, key=lambda a: -len(a.text.split()))[:2] for g in by_event.values() if len(g) > 1]
    a, b = max(pairs, key=lambda p: min(len(x.text.split()) for x in p))
    files = [str(SHARED / "basil-dev" / f"{x.id}.txt") if (SHARED / "basil-dev" / f"{x.id}.txt").is_file()
             else x.source for x in (a, b)]
    entity = _shared_name(a.text, b.text)
    cmd = [sys.executable, "-m", "framing", "compare", *files, "--entity", entity]
    cache = tempfile.mkdtemp(prefix="framing-bench-")
    words = [len(x.text.split()) for x in (a, b)]
    for label in ("first", "cached"):
        cpu, rss, _ = _run(cmd, cache)
        print(f"compare {label:>6} ({words[0]} and {words[1]} words, --entity {entity}): {cpu:5.2f} CPU-s, "
              f"max RSS {rss:5.0f} MB", flush=True)


def _shared_name(a: str, b: str) -> str:
    """The capitalised word both texts use most inside sentences: an entity both name, so the
    detectors (and the parser) have work to do."""
    import re
    from collections import Counter

    def names(text: str) -> Counter[str]:
        return Counter(re.findall(r"(?<=[A-Za-z,] )[A-Z][a-z]{2,}", text))

    both = names(a) & names(b)
    return max(both, key=lambda w: (both[w], w)) if both else "Pakistan"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--slow", action="store_true", help="add the 100k synthetic corpus")
    parser.add_argument("--no-compare", action="store_true")
    parser.add_argument("--only", nargs="*", help="just these corpora (dev, basil-dev or a size)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    if not SHARED.is_dir():
        sys.exit("benchmarks/bench_scale.py needs ../shared/corpus beside the repository")
    subprocess.run([sys.executable, "-c", "import framing.cli, framing.compare, framing.output.report_html, framing.output.report_stream"],
                   env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, check=True)
    if not args.no_compare:
        bench_compare()
    names = args.only or ["dev", "basil-dev", *map(str, args.sizes), *(["100000"] if args.slow else [])]
    previous = None
    for name in names:
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, __file__, "--child", name], env={
            **os.environ, "FRAMING_CACHE_DIR": tempfile.mkdtemp(prefix="framing-bench-")},
            stdout=subprocess.PIPE, text=True, check=True)  # its stage log goes on to stderr
        r = json.loads(done.stdout.strip().splitlines()[-1])
        growth = ""
        if previous and name.isdigit() and previous["articles"] < r["articles"]:
            per10 = (r["report_cpu"] / previous["report_cpu"]) ** (1 / math.log10(r["articles"] / previous["articles"]))
            growth = f", {per10:.1f}x CPU per 10x articles"
        print(f"{name:>9}: {r['articles']:>6} articles, {r['sentences']:>7} sentences, {r['events']:>5} events | "
              f"encoder {r['encoder_rate']:6.1f} sent/CPU-s | report {r['report_rate']:7.1f} sent/CPU-s = "
              f"{r['report_rate'] / r['encoder_rate']:.2f}x the encoder, {r['report_cpu']:8.1f} CPU-s, peak "
              f"{r['peak_mb']:6.0f} MB, largest page {r['largest_html_mb']:.1f} MB{growth} "
              f"({time.perf_counter() - t0:.0f} s wall)", flush=True)
        if name.isdigit():
            previous = r


if __name__ == "__main__":
    main()
