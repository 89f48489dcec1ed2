"""Benchmark event grouping on synthetic corpora made from the dev texts by recombination.

Run: .venv/bin/python benchmarks/bench_events.py 1000 10000 [100000]
     .venv/bin/python benchmarks/bench_events.py --cv   (cross-validated grouping parameters)
     .venv/bin/python benchmarks/bench_events.py --held-out [DIR]   (score once on a held-out
         corpus with a manifest, default ../challenge/events_g; skipped when it is absent)
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
    """n documents recombined from the real corpus (:func:`synthetic_articles`, segmented)."""
    return [segment(a) for a in synthetic_articles(n)]


def synthetic_articles(n: int) -> list[Article]:
    """n articles recombined from the real corpus, not segmented (as `framing report` reads them)."""
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
        docs.append(Article(id=f"s{k}", source="synthetic", text="\n".join(lines), date=a.date))
    return docs


def labelled(name: str, *, dates: bool) -> tuple[list[Document], list[str]]:
    """A shared corpus (dev or basil-dev, or a directory) with its manifest's titles, outlets and
    (optionally) dates, and the true event of each article (each decoy an event of its own)."""
    import json

    base = Path(name) if "/" in name else ROOT.parent / "shared" / "corpus" / name
    rows = {}
    for line in filter(str.strip, (base / "manifest.jsonl").read_text().splitlines()):
        row = json.loads(line)
        rows[str(row.get("id") or Path(row["file"]).stem)] = row
    arts = load_articles(sorted(str(p) for p in base.glob("*.txt")))
    docs = [segment(Article(id=a.id, source=a.source, text=a.text, title=rows[a.id].get("title", a.title),
                            outlet=rows[a.id].get("outlet", a.outlet),
                            date=rows[a.id].get("date") if dates else None)) for a in arts]
    truth = [str(rows[d.id]["event"]) if rows[d.id]["event"] != "decoy" else f"decoy:{d.id}" for d in docs]
    return docs, truth


GRID = {"LINK_SIMILARITY": [0.18, 0.22, 0.26, 0.30],
        "RELATIVE_LINK": [0.8, 2.0],  # 2.0: the relative link never fires
        "MIN_SIMILARITY": [0.15],
        "HEAD_WEIGHT": [0.0, 0.25, 0.5],
        "CORROBORATION": [1, 2, 3]}  # 1: plain single linkage (the grouping before issue 12)


def scores(docs: list[Document], truth: list[str]) -> tuple[float, float, int, int]:
    """ARI, purity, events split and events merged of the grouping with the current parameters."""
    from framing.evaluate import adjusted_rand, purity, split_and_merged

    pred = [""] * len(docs)
    for k, members in enumerate(group_events(docs)):
        for i in members:
            pred[i] = str(k)
    split, merged = split_and_merged(truth, pred)
    return adjusted_rand(truth, pred), purity(truth, pred), split, merged


def cross_validate() -> None:
    """Tune the grouping parameters on one corpus (best mean ARI with and without dates), score
    the other with them: dev -> basil-dev and basil-dev -> dev. Every setting that ties for the
    best on the tuning corpus is scored (no tie is broken by looking at the other corpus), with
    the worst, median and best of them."""
    import itertools

    import framing.events as ev

    sets = {(n, d): labelled(n, dates=d) for n in ("dev", "basil-dev") for d in (True, False)}
    default = {k: getattr(ev, k) for k in GRID}
    table = {}
    for values in itertools.product(*GRID.values()):
        for k, v in zip(GRID, values, strict=True):
            setattr(ev, k, v)
        table[values] = {key: scores(*data) for key, data in sets.items()}
    for k, v in default.items():
        setattr(ev, k, v)
    print("defaults", default, {f"{n} dates={d}": _fmt(s) for (n, d), s in
                                ((key, table[tuple(default.values())][key]) for key in sets)})
    print("all settings, worst ARI first (dev / basil-dev, with / without dates):")
    for values in sorted(table, key=lambda v: -min(s[0] for s in table[v].values())):
        print(f"  {dict(zip(GRID, values, strict=True))}: "
              + " ".join(f"{table[values][key][0]:.3f}" for key in sets))
    for tune, test in (("dev", "basil-dev"), ("basil-dev", "dev")):
        def fit(v: tuple, tune: str = tune) -> float:
            return table[v][(tune, True)][0] + table[v][(tune, False)][0]

        top = max(fit(v) for v in table)
        tied = [v for v in table if fit(v) >= top - 1e-9]
        print(f"tuned on {tune}: {len(tied)} settings tie for the best mean ARI there; each scored on {test}:")
        for v in tied:
            print(f"  {dict(zip(GRID, v, strict=True))}")
            for d in (True, False):
                print(f"    {tune} dates={d} (tuning): {_fmt(table[v][(tune, d)])};  "
                      f"{test} dates={d} (unseen): {_fmt(table[v][(test, d)])}")
        for d in (True, False):
            unseen = sorted(table[v][(test, d)][0] for v in tied)
            print(f"  {test} dates={d} over the tied settings: ARI worst {unseen[0]:.3f}, "
                  f"median {unseen[len(unseen) // 2]:.3f}, best {unseen[-1]:.3f}")


def held_out(path: str) -> None:
    """Score the current setting once on a held-out corpus (a directory of texts with a
    ``manifest.jsonl`` like dev's), with and without dates; nothing is tuned on it."""
    if not (Path(path) / "manifest.jsonl").is_file():
        print(f"skipped: {path} has no manifest.jsonl")
        return
    for dates in (True, False):
        print(f"{path} dates={dates}: {_fmt(scores(*labelled(path, dates=dates)))}")


def _fmt(s: tuple[float, float, int, int]) -> str:
    return f"ARI {s[0]:.3f} purity {s[1]:.3f} split {s[2]} merged {s[3]}"


def main() -> None:
    if sys.argv[1:] == ["--cv"]:
        cross_validate()
        return
    if sys.argv[1:2] == ["--held-out"]:
        held_out(sys.argv[2] if len(sys.argv) > 2 else str(ROOT.parent / "challenge" / "events_g"))
        return
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
