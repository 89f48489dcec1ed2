"""A/B of the first and the cached ``framing compare`` between two checkouts, interleaved in one run.

Run: .venv/bin/python benchmarks/bench_ab.py OLD_TREE NEW_TREE [--rounds 16] -- A B [compare options]

Each tree is a folder holding a ``framing`` package (``git worktree add``, or ``git archive REV
framing | tar -x -C DIR``); both run with this interpreter, the tree first on ``PYTHONPATH``
(from a neutral working directory, so neither the current folder nor the editable install
shadows it). A round runs, for each side (the order alternating), a first ``compare`` with a
fresh cache directory and a cached one with the same directory, each in a fresh process
(CPU seconds and max RSS from its own rusage). On a shared machine the load moves more than a
cut of a few percent, so it prints the medians, their ratio and the paired difference per round
(median and quartiles): compare those, not one run's seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from child import measure  # benchmarks/child.py: the script's folder is on the path


def _run(tree: Path, args: list[str], cache: str) -> tuple[float, float]:
    """CPU seconds and max RSS (MB) of one ``python -m framing`` process running ``tree``'s code."""
    try:
        cpu, mb, _ = measure([sys.executable, "-m", "framing", *args], {"FRAMING_CACHE_DIR": cache, "PYTHONPATH": str(tree)},
                             cwd=tempfile.gettempdir())
    except subprocess.CalledProcessError:
        sys.exit(f"failed: framing {' '.join(args)} with {tree}")
    return cpu, mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--rounds", type=int, default=16)
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    args, compare = parser.parse_args(argv[:cut]), argv[cut + 1:]  # after --: the compare arguments
    if not compare:
        parser.error("give the compare arguments after --: A B [options]")
    sides = {"old": args.old.resolve(), "new": args.new.resolve()}
    for tree in sides.values():
        if not (tree / "framing" / "__init__.py").is_file():
            sys.exit(f"{tree}: no framing package there")
        subprocess.run([sys.executable, "-c", "import framing.cli, framing.compare"], check=True,
                       env={**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
                            "PYTHONPATH": str(tree)}, cwd=tempfile.gettempdir())  # compile once
    runs: dict[str, dict[str, list[float]]] = {side: {"first": [], "cached": [], "mb": []} for side in sides}
    for r in range(args.rounds):
        for side in (list(sides) if r % 2 == 0 else list(sides)[::-1]):
            cache = tempfile.mkdtemp(prefix="framing-ab-")
            first, mb = _run(sides[side], ["compare", *compare], cache)
            cached, _ = _run(sides[side], ["compare", *compare], cache)
            runs[side]["first"].append(first)
            runs[side]["cached"].append(cached)
            runs[side]["mb"].append(mb)
    for side, found in runs.items():
        print(f"{side}: " + ", ".join(f"{k} median {statistics.median(v):.3f} (min {min(v):.3f})" for k, v in found.items()))
    for kind in ("first", "cached"):
        diffs = sorted(o - n for o, n in zip(runs["old"][kind], runs["new"][kind], strict=True))
        ratio = statistics.median(runs["new"][kind]) / statistics.median(runs["old"][kind])
        print(f"{kind}: new/old {ratio:.3f}; paired old - new median {statistics.median(diffs):+.3f} CPU-s "
              f"(quartiles {diffs[len(diffs) // 4]:+.3f}, {diffs[3 * len(diffs) // 4]:+.3f}), "
              f"new cheaper in {sum(d > 0 for d in diffs)} of {len(diffs)}")


if __name__ == "__main__":
    main()
