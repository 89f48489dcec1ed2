"""Benchmark `frames` on a few hundred articles: 1 frame vs 16 frames with the default backend.

Run: .venv/bin/python benchmarks/bench_frames.py [N_ARTICLES]
The articles are recombined from the dev corpus (or the seeds), each sentence made unique so
that nothing is served from a cache. Sentences are embedded once and shared by every frame, and
each frame's hypotheses are embedded once per run, so 16 frames must cost far less than 16x one.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.classify import EmbeddingClassifier  # noqa: E402
from framing.compare import embed_documents  # noqa: E402
from framing.frames import detect_frames, load_frames, media_frames  # noqa: E402
from framing.ingest import load_articles  # noqa: E402
from framing.models import get_encoder  # noqa: E402
from framing.segment import segment  # noqa: E402
from framing.types import Article  # noqa: E402


def corpus(n: int) -> list[Article]:
    """n articles of 8-16 sentences drawn from the real texts, every sentence unique."""
    dev = ROOT.parent / "shared" / "corpus" / "dev"
    docs = [segment(a) for a in load_articles([str(dev if dev.is_dir() else ROOT / "corpus")])]
    pool = [s.text for d in docs for s in d.sentences]
    rng = random.Random(7)
    return [Article(id=f"b{k}", source="bench", text="\n".join(
        f"{s} ({k}.{j})" for j, s in enumerate(rng.sample(pool, rng.randint(8, 16))))) for k in range(n)]


def run(articles: list[Article], frames: int) -> float:
    """Seconds for frames of all articles, with a fresh (uncached) encoder."""
    encoder = get_encoder(cache=False)
    encoder.encode(["warm up"])
    clf = EmbeddingClassifier(encoder)
    user = load_frames(ROOT / "corpus" / "frames.toml")[:1]
    t0 = time.perf_counter()
    docs = [segment(a) for a in articles]
    vectors = embed_documents(docs, encoder)
    for doc, vec in zip(docs, vectors, strict=True):
        detect_frames(doc, classifier=clf, frames=user, inventory=frames > 1, vectors=vec)
    return time.perf_counter() - t0


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    articles = corpus(n)
    sentences = sum(len(segment(a).sentences) for a in articles)
    one = run(articles, 1)
    sixteen = run(articles, 1 + len(media_frames()))
    print(f"{n} articles, {sentences} sentences")
    print(f" 1 frame : {one:6.2f} s ({sentences / one:.0f} sentences/s)")
    print(f"16 frames: {sixteen:6.2f} s ({sixteen / one:.2f}x the time of 1 frame; 16x would be linear)")


if __name__ == "__main__":
    main()
