"""Benchmark framing against the naive peer on the same two articles: a cost comparison.

Run: .venv/bin/python benchmarks/bench_peer.py [A B --entity NAME]

The naive peer is what one would write with transformers alone: the zero-shot-classification
pipeline over every sentence x every frame label (one NLI forward pass per pair), plus the cosine
of every pair of sentences across the two articles (torch fp32 embeddings). framing is
``framing compare A B --entity NAME --frames corpus/frames.toml``, which aligns the claims and
reports every frame of both articles. Each side runs in a fresh process with a fresh cache
(imports and model loading included: a user's first call); CPU seconds and max RSS are printed
with the ratio.

No NLI model is available offline, so the peer's classifier is the packaged MiniLM (the default
encoder's weights, 6 layers, 384 wide: the size of the small NLI cross-encoders) with a randomly
initialised 3-way classification head. It is a **cost proxy, not an accuracy baseline**: the
forward passes are those of a real MiniLM NLI model; its scores mean nothing. The labels are
framing's own: the 15 Media Frames, the five entity frames and the user frames.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from child import measure  # benchmarks/child.py: the script's folder is on the path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
FRAMES = ROOT / "corpus" / "frames.toml"
DEFAULT_PAIR = (SHARED / "basil-dev" / "b047.txt", SHARED / "basil-dev" / "b024.txt", "Obama")


def peer(a: str, b: str, entity: str) -> None:
    """The naive peer, in this process."""
    import torch
    import transformers

    from framing.frames import ENTITY_FRAMES, load_frames, media_frames
    from framing.ingest import load_articles
    from framing.models import resolve
    from framing.segment import segment

    transformers.utils.logging.set_verbosity_error()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    location = resolve("minilm").location
    docs = [segment(art) for art in load_articles([a, b])]
    sentences = [[s.text for s in d.sentences] for d in docs]
    labels = [f.label for f in media_frames()] + [f"{f.replace('_', ' ')} {entity}" for f in ENTITY_FRAMES] + \
        [f.label for f in load_frames(FRAMES)]
    config = transformers.AutoConfig.from_pretrained(location, num_labels=3, local_files_only=True,
                                                     label2id={"contradiction": 0, "neutral": 1, "entailment": 2},
                                                     id2label={0: "contradiction", 1: "neutral", 2: "entailment"})
    nli = transformers.AutoModelForSequenceClassification.from_pretrained(location, config=config,
                                                                          local_files_only=True)
    tokenizer = transformers.AutoTokenizer.from_pretrained(location, local_files_only=True)
    classify = transformers.pipeline("zero-shot-classification", model=nli, tokenizer=tokenizer, device=-1)
    for texts in sentences:
        classify(texts, candidate_labels=labels, multi_label=True, batch_size=16)
    encoder = transformers.AutoModel.from_pretrained(location, local_files_only=True).eval()
    vectors = []
    with torch.inference_mode():
        for texts in sentences:
            batch = tokenizer(texts, padding=True, truncation=True, max_length=256, return_tensors="pt")
            hidden = encoder(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).float()
            vectors.append(torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1))
    cosine = vectors[0] @ vectors[1].T
    print(f"peer: {sum(map(len, sentences))} sentences x {len(labels)} labels, cosine {tuple(cosine.shape)}",
          file=sys.stderr)


def _measure(args: list[str]) -> tuple[float, float]:
    """CPU seconds and max RSS (MB) of one child process with a fresh cache (its own rusage)."""
    try:
        cpu, mb, _ = measure(args, {"FRAMING_CACHE_DIR": tempfile.mkdtemp(prefix="framing-peer-"), "HF_HUB_OFFLINE": "1"})
    except subprocess.CalledProcessError:
        sys.exit(f"failed: {' '.join(args)}")
    return cpu, mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=[str(p) for p in DEFAULT_PAIR[:2]])
    parser.add_argument("--entity", default=DEFAULT_PAIR[2])
    parser.add_argument("--peer", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        peer(*args.files, args.entity)
        return
    if not all(Path(f).is_file() for f in args.files):
        sys.exit("benchmarks/bench_peer.py needs two article files (default: ../shared/corpus/basil-dev)")
    subprocess.run([sys.executable, "-c", "import framing.cli, framing.compare"], check=True)  # compile once
    framing_cpu, framing_mb = _measure([sys.executable, "-m", "framing", "compare", *args.files, "--entity",
                                        args.entity, "--frames", str(FRAMES)])
    peer_cpu, peer_mb = _measure([sys.executable, __file__, *args.files, "--entity", args.entity, "--peer"])
    print(f"framing compare (+ frames of both): {framing_cpu:6.2f} CPU-s, max RSS {framing_mb:5.0f} MB")
    print(f"naive peer (zero-shot pipeline + all-pairs cosine, torch): {peer_cpu:6.2f} CPU-s, max RSS {peer_mb:5.0f} MB")
    print(f"framing is {peer_cpu / framing_cpu:.1f}x cheaper in CPU seconds")


if __name__ == "__main__":
    main()
