"""Benchmark ``framing report`` on the local engine and on Ray with 1 and 2 workers.

Run: nice .venv/bin/python benchmarks/bench_ray.py [--sizes 1000 10000] [--slow]
(``--slow`` adds the 100k corpus.) The corpus is the synthetic one of ``bench_events.py`` (dev
texts recombined), written as JSONL shards of 1,000 articles. Each run is a fresh interpreter
with a fresh cache, and reads the shards itself:

- local: ``load_articles`` + ``build_report`` (no result cache): the CPU seconds of its process;
- ray N: ``ray_report`` on a new local cluster of N CPUs: the CPU seconds of the driver and of
  every process it starts (GCS, raylet, workers), sampled from /proc every 0.5 s while it runs
  (a process that ends between two samples loses at most 0.5 s), cluster start included.

Printed per size: wall seconds, CPU seconds, articles per CPU-second, the overhead of Ray
(its CPU seconds / local's) and the scaling from 1 to 2 workers (wall time of 1 / of 2).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
SHARD = 1000  # articles per JSONL file
TICK = os.sysconf("SC_CLK_TCK")


def write_corpus(n: int, folder: Path) -> None:
    """The synthetic corpus of ``n`` articles as JSONL shards in ``folder``."""
    from bench_events import synthetic

    docs = synthetic(n)
    for start in range(0, n, SHARD):
        rows = [{"id": d.article.id, "text": d.article.text, "date": d.article.date} for d in docs[start : start + SHARD]]
        (folder / f"part-{start // SHARD:05d}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class SessionCpu:
    """CPU seconds of this process's descendants (the Ray session it started: GCS, raylet and
    the workers they start), sampled from /proc in a thread; a worker renames itself, so it is
    found by its parent, not by its command line."""

    def __init__(self) -> None:
        self.seen: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stop.wait(0.5):
            self.sample()

    def sample(self) -> None:
        parent, cpu = {}, {}
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            parent[int(proc.name)] = int(fields[1])
            cpu[int(proc.name)] = (int(fields[11]) + int(fields[12])) / TICK
        mine = {os.getpid()}
        for _ in range(8):  # descendants, a few generations deep
            mine |= {pid for pid, ppid in parent.items() if ppid in mine}
        mine.discard(os.getpid())
        self.seen.update({pid: cpu[pid] for pid in mine})

    def total(self) -> float:
        return sum(self.seen.values())


def child(engine: str, folder: str, workers: int) -> dict[str, float]:
    """One run in this fresh interpreter."""
    from framing.classify import EmbeddingClassifier
    from framing.compare import FrameOptions
    from framing.models import get_encoder

    encoder = get_encoder()
    options = FrameOptions(classifier=EmbeddingClassifier(encoder))
    start, cpu0 = time.perf_counter(), _cpu()
    if engine == "local":
        from framing.ingest import load_articles
        from framing.report import build_report

        report = build_report(load_articles([folder]), encoder=encoder, options=options)
        session = 0.0
    else:
        report, session = _ray_run(folder, encoder, options, workers)
    return {"wall": time.perf_counter() - start, "cpu": _cpu() - cpu0 + session,
            "articles": len(report.docs), "events": len(report.events)}


def _ray_run(folder: str, encoder: object, options: object, workers: int) -> tuple[object, float]:
    """The ray engine on a new local cluster, and the CPU seconds of the session's processes."""
    import ray

    from framing.engine_ray import ray_report

    meter = SessionCpu()
    meter.thread.start()
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    try:
        report = ray_report([folder], encoder=encoder, options=options, workers=workers)
        meter.sample()
    finally:
        meter.stop.set()
        ray.shutdown()
    return report, meter.total()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--slow", action="store_true", help="add the 100k corpus")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], int(args.child[2]))))
        return
    for n in args.sizes + ([100_000] if args.slow else []):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            folder.mkdir()
            write_corpus(n, folder)
            runs = {name: _measure(name, workers, folder, Path(tmp))
                    for name, workers in (("local", 1), ("ray 1", 1), ("ray 2", 2))}
        _print(n, runs)


def _measure(name: str, workers: int, folder: Path, tmp: Path) -> dict[str, float]:
    """One engine on one corpus in a fresh interpreter with a fresh cache."""
    cache = tmp / f"cache-{name.replace(' ', '')}"
    env = {**os.environ, "FRAMING_CACHE_DIR": str(cache)}
    args = [sys.executable, __file__, "--child", name.split()[0], str(folder), str(workers)]
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _print(n: int, runs: dict[str, dict[str, float]]) -> None:
    local = runs["local"]
    print(f"\n{n} articles ({local['events']} events)")
    for name, run in runs.items():
        assert run["articles"] == local["articles"] and run["events"] == local["events"], (name, run, local)
        print(f"  {name:6s} wall {run['wall']:8.1f} s  cpu {run['cpu']:8.1f} s  "
              f"{run['articles'] / run['cpu']:6.2f} articles/cpu-s  cpu vs local {run['cpu'] / local['cpu']:5.2f}x")
    print(f"  scaling 1 -> 2 workers (wall): {runs['ray 1']['wall'] / runs['ray 2']['wall']:.2f}x")


if __name__ == "__main__":
    main()
