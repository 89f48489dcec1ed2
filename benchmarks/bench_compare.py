"""Benchmark `compare`: two ~1,000-word articles with the model loaded, and a cold CLI call.

Run: .venv/bin/python benchmarks/bench_compare.py
Prints seconds measured in this run and their ratios (targets are ratios, not absolute times).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.compare import compare  # noqa: E402
from framing.ingest import load_articles  # noqa: E402
from framing.models import get_encoder  # noqa: E402
from framing.types import Article  # noqa: E402


def thousand_words(articles: list[Article], start: int) -> Article:
    """An article of about 1,000 words made of consecutive corpus articles."""
    words: list[str] = []
    parts = []
    i = start
    while len(words) < 1000:
        text = articles[i % len(articles)].text
        parts.append(text)
        words += text.split()
        i += 1
    return Article(id=f"bench{start}", source="bench", text="\n".join(parts))


def main() -> None:
    dev = ROOT.parent / "shared" / "corpus" / "dev"
    articles = load_articles([str(dev if dev.is_dir() else ROOT / "corpus")])
    a, b = thousand_words(articles, 0), thousand_words(articles, 3)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["FRAMING_CACHE_DIR"] = cache
        encoder = get_encoder(cache=False)
        encoder.encode(["warm up the model"])
        t0 = time.perf_counter()
        comp = compare(a, b, encoder=encoder)
        warm = time.perf_counter() - t0
        n = len(comp.a.sentences) + len(comp.b.sentences)
        with tempfile.TemporaryDirectory() as tmp:
            fa, fb = Path(tmp, "a.txt"), Path(tmp, "b.txt")
            fa.write_text(a.text)
            fb.write_text(b.text)
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "framing", "compare", str(fa), str(fb), "--format", "json"],
                           check=True, capture_output=True)
            cold = time.perf_counter() - t0
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "framing", "compare", str(fa), str(fb), "--format", "json"],
                           check=True, capture_output=True)
            cached = time.perf_counter() - t0
    print(f"articles: {len(a.text.split())} and {len(b.text.split())} words, {n} sentences")
    print(f"compare, model loaded:          {warm:6.2f} s  ({n / warm:.0f} sentences/s)")
    print(f"cold CLI call (new cache):      {cold:6.2f} s  ({cold / warm:.1f}x the warm compare)")
    print(f"CLI call, embeddings cached:    {cached:6.2f} s  ({cached / cold:.2f}x the cold call)")


if __name__ == "__main__":
    main()
