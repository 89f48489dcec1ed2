"""A synthetic corpus of many outlets covering one event, recombined from real articles about it.

Each article keeps the first paragraphs of one source text, drops some of its other paragraphs and
borrows a few from another source text (seeded, so the same call writes the same files); outlets get
domains under several country TLDs so the report's outlet groups have something to count.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

TLDS = ("in", "com.pk", "co.uk", "us", "com", "de", "com.au", "ca")


def _paragraphs(text: str) -> list[str]:
    """A text's non-empty lines (paragraphs), the units recombined."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def write_corpus(sources: list[str], out: Path, n: int, *, seed: int = 0, day: str = "2025-12") -> list[dict[str, str]]:
    """Write ``n`` recombined articles and their manifest into ``out``; return the manifest rows."""
    rng = random.Random(seed)
    split = [_paragraphs(t) for t in sources]
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for k in range(n):
        base, other = split[k % len(split)], split[(k * 7 + 3) % len(split)]
        kept = base[:3] + [s for s in base[3:] if rng.random() > 0.3]
        borrowed = [s for s in other[3:] if rng.random() > 0.8 and s not in kept]
        body = kept[:3] + borrowed + kept[3:]
        name = f"{k:02d}.txt"
        (out / name).write_text("\n\n".join(body) + "\n", encoding="utf-8")
        tld = TLDS[k % len(TLDS)]
        rows.append({"file": name, "outlet": f"Synthetic Outlet {k:02d}", "date": f"{day}-{1 + k % 9:02d}",
                     "url": f"https://news{k:02d}.example.{tld}/2025/story-{k}"})
    (out / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows
