"""Benchmark the report pipeline: a first run, a re-run, and a re-run after one article changed.

Run: .venv/bin/python benchmarks/bench_report.py [CORPUS ...]   (default: corpus + ../shared/corpus/dev)
All runs use one fresh cache directory and the model already loaded, so the numbers compare the
work done, not the import of torch: the first run embeds and analyses every article; a re-run
reuses every article's result (sentences, frames) and embedding; after an edit, only the edited
article is analysed again. Corpus-level stages (events, wire copies, alignment) run every time.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["FRAMING_CACHE_DIR"] = tempfile.mkdtemp(prefix="framing-bench-")

from framing.cache import ResultCache, default_cache_dir  # noqa: E402
from framing.classify import EmbeddingClassifier  # noqa: E402
from framing.compare import FrameOptions  # noqa: E402
from framing.frames import load_frames  # noqa: E402
from framing.ingest import load_articles  # noqa: E402
from framing.models import get_encoder  # noqa: E402
from framing.report import build_report  # noqa: E402


def main() -> None:
    dev = ROOT.parent / "shared" / "corpus" / "dev"
    inputs = sys.argv[1:] or [str(ROOT / "corpus"), *([str(dev)] if dev.is_dir() else [])]
    articles = load_articles(inputs)
    encoder = get_encoder()
    encoder._embed(["A warm-up sentence."])  # the model load is the same for every run; leave it out
    options = FrameOptions(entities=("Pakistan",), frames=tuple(load_frames(ROOT / "corpus" / "frames.toml")),
                           classifier=EmbeddingClassifier(encoder))
    cache = ResultCache(default_cache_dir() / "results.sqlite")
    edited = [replace(articles[0], text=articles[0].text + " A sentence added later."), *articles[1:]]
    runs = [("first run", articles), ("re-run", articles), ("one article edited", edited)]
    first = None
    for name, corpus in runs:
        t0 = time.perf_counter()
        report = build_report(corpus, encoder=encoder, options=options, cache=cache)
        seconds = time.perf_counter() - t0
        first = first or seconds
        print(f"{name:>20}: {seconds:6.2f} s ({seconds / first:.2f}x the first run), "
              f"{report.reused}/{len(corpus)} articles reused, {len(report.events)} events")


if __name__ == "__main__":
    main()
