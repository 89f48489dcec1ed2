"""Sentence-level evaluation of the entity frames against labelled sentences.

A gold file is JSONL, one sentence per row: ``sentence``, ``entity`` and the booleans
``names_entity``, ``calls_on_entity``, ``attributes_to_entity``, ``highlights_omission`` (any
subset). The detectors judge each sentence alone, as the labels do.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from framing import detectors
from framing.entities import in_document, mentions, resolve_entity
from framing.errors import InputError
from framing.syntax import parse

FRAMES = ("names_entity", "calls_on_entity", "attributes_to_entity", "highlights_omission")


def predict(sentence: str, entity_name: str) -> dict[str, bool]:
    """The four entity frames of one sentence about one entity."""
    entity = in_document(resolve_entity(entity_name), sentence)
    return {
        "names_entity": bool(mentions(entity, sentence)),
        "calls_on_entity": detectors.calls_on(sentence, entity) is not None,
        "attributes_to_entity": detectors.attributes_to(sentence, entity) is not None,
        "highlights_omission": detectors.highlights_omission(sentence, entity) is not None,
    }


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The labelled rows of one gold file.

    Raises:
        InputError: the file is missing, not JSONL, or a row lacks ``sentence`` / ``entity``.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot read the gold file ({err.__class__.__name__})") from None
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (json.JSONDecodeError, RecursionError, ValueError):
            raise InputError(str(path), f"line {n} is not JSON") from None
        if not isinstance(row, dict) or not isinstance(row.get("sentence"), str) or not isinstance(row.get("entity"), str) \
                or not row["entity"].strip():
            raise InputError(str(path), f"line {n} needs string fields 'sentence' and 'entity'")
        rows.append(row)
    if not rows:
        raise InputError(str(path), "no labelled sentences")
    return rows


def evaluate(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Precision, recall and F1 per frame, and every disagreement, over labelled rows."""
    rows = list(rows)
    parse([r["sentence"] for r in rows])  # one batch
    counts = {f: {"tp": 0, "fp": 0, "fn": 0, "tn": 0} for f in FRAMES}
    errors = []
    for row in rows:
        got = predict(row["sentence"], row["entity"])
        for frame in FRAMES:
            if not isinstance(row.get(frame), bool):
                continue
            gold, pred = row[frame], got[frame]
            counts[frame]["tp" if gold and pred else "fp" if pred else "fn" if gold else "tn"] += 1
            if gold != pred:
                errors.append({"id": row.get("id"), "frame": frame, "entity": row["entity"], "gold": gold,
                               "predicted": pred, "sentence": row["sentence"]})
    return {"sentences": len(rows), "frames": {f: _scores(c) for f, c in counts.items()}, "errors": errors}


def _scores(c: dict[str, int]) -> dict[str, float | int]:
    """Precision, recall, F1 and the counts."""
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), **c}


def evaluate_files(paths: Iterable[Path]) -> dict[str, Any]:
    """:func:`evaluate` over the rows of every gold file."""
    return evaluate(row for path in paths for row in read_gold(Path(path)))
