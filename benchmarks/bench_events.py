"""Benchmark event grouping on synthetic corpora made from the dev texts by recombination.

Run: .venv/bin/python benchmarks/bench_events.py 1000 10000 [100000]
Each synthetic article takes the sentences of two real articles of one event (a decoy, alone in
its event, is paired with any other article) in a shuffled order, with the first one's date.
CPU time and peak memory of `group_events` (its large-corpus path, blocked candidates), and the
CPU time of wire-copy detection (`syndication`) on its result, are printed for each size, with the growth factors against the previous size.
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.events import group_events  # noqa: E402
from framing.ingest import load_articles  # noqa: E402
from framing.segment import segment  # noqa: E402
from framing.types import Article, Document  # noqa: E402
from framing.wires import syndication  # noqa: E402


def synthetic(n: int) -> list[Document]:
    """n documents recombined from the real corpus."""
    dev = ROOT.parent / "shared" / "corpus" / "dev"
    arts = load_articles([str(dev if dev.is_dir() else ROOT / "corpus")])
    by_event: dict[str, list] = {}
    for art in arts:
        by_event.setdefault(art.event or art.id, []).append(art)
    rng = random.Random(1)
    docs = []
    for k in range(n):
        pool = rng.choice(list(by_event.values()))
        a, b = rng.sample(pool, 2) if len(pool) > 1 else (pool[0], rng.choice(arts))
        lines = a.text.split("\n") + b.text.split("\n")
        rng.shuffle(lines)
        docs.append(segment(Article(id=f"s{k}", source="synthetic", text="\n".join(lines), date=a.date)))
    return docs


def main() -> None:
    sizes = [int(x) for x in sys.argv[1:]] or [1000, 10000]
    previous = None
    for n in sizes:
        docs = synthetic(n)
        tracemalloc.start()
        t0 = time.process_time()  # CPU seconds: the machine is shared, wall time is noisy
        events = group_events(docs, exact_below=0)  # the large-corpus (blocked) path at every size
        seconds = time.process_time() - t0
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        t1 = time.process_time()
        copies = syndication(docs, events)
        wire = time.process_time() - t1
        growth = (f"; {seconds / previous[0]:.1f}x / {wire / previous[2]:.1f}x the time for {n / previous[1]:.0f}x"
                  " the articles" if previous else "")
        print(f"{n:>7} articles: grouping {seconds:7.1f} CPU s, peak {peak:7.1f} MiB, {len(events)} events; "
              f"wire copies {wire:6.1f} CPU s, {len(copies)} wire groups of {sum(map(len, copies))} articles{growth}", flush=True)
        previous = (seconds, n, wire)


if __name__ == "__main__":
    main()
