"""The evaluation reports of ``framing eval`` as plain text tables (``--format text``)."""

from __future__ import annotations

from typing import Any


def _prf(m: dict[str, Any]) -> str:
    """Precision, recall and F1 columns."""
    return f"{m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f}"


def align_table(report: dict[str, Any], *, disagreements: bool = False) -> str:
    """``eval align``: P, R, F1 per pair and overall, with and without weak gold links.

    Args:
        report: what :func:`framing.evaluate.eval_align` returns.
        disagreements: also list the links missed and the links gold lacks, with both texts.
    """
    lines = [f"{'pair':<22} {'P':>6} {'R':>6} {'F1':>6}   {'P*':>6} {'R*':>6} {'F1*':>6}"]
    rows = [(f"{p['a']} ~ {p['b']}", p["all"], p["strong"]) for p in report["pairs"]]
    rows.append(("overall", report["overall"]["all"], report["overall"]["strong"]))
    lines += [f"{name:<22} {_prf(full)}   {_prf(strong)}" for name, full, strong in rows]
    lines.append("(* without links whose gold note says weak:)")
    for pair in report["pairs"] if disagreements else ():
        for d in pair["disagreements"]:
            lines.append(f"{pair['a']} ~ {pair['b']} {d['kind']:<6} {d['a']:>3} {d['b']:>3}  score {d['score']:.2f}\n"
                         f"    A: {d['text_a']}\n    B: {d['text_b']}")
    return "\n".join(lines) + "\n"


def events_table(report: dict[str, Any]) -> str:
    """``eval events``: events found, ARI and purity, wire-copy scores, decoys merged."""
    syn = report["syndication"]
    wires = (f"wire copies: P {syn['precision']:.3f} R {syn['recall']:.3f} F1 {syn['f1']:.3f} "
             f"(groups found {report['syndication_groups_found']})")
    if not syn["tp"] + syn["fp"] + syn["fn"]:
        wires = "wire copies: n/a (none in the manifest, none found)"
    return "\n".join([
        f"articles {report['articles']}, events found {report['events']}",
        f"ARI {report['ari']:.3f}  purity {report['purity']:.3f}",
        wires,
        f"decoys merged: {', '.join(report['decoys_merged']) or 'none'}",
    ]) + "\n"


def wires_table(report: dict[str, Any]) -> str:
    """``eval wires``: wire-copy P, R, F1 within the manifest's events and the found ones, with
    every pair missed or wrongly joined."""
    lines = [f"articles {report['articles']}, copy pairs in the manifest {report['gold_pairs']}"]
    for name in ("manifest_events", "found_events"):
        m = report[name]
        lines.append(f"within {name.replace('_', ' ')}: P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f} "
                     f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")
        lines += [f"  {e['kind']:<6} {e['a']} ~ {e['b']}: in order {e['in_order']:.2f}, shared {e['share']:.2f}, "
                  f"longest passage {e['longest']} words" for e in m["errors"]]
    return "\n".join(lines) + "\n"


def _counts(m: dict[str, Any]) -> str:
    """True positive, false positive and false negative columns."""
    return f"{m['tp']:>4} {m['fp']:>4} {m['fn']:>4}"


def frames_table(report: dict[str, Any]) -> str:
    """``eval frames``: P, R, F1 and counts per frame label, then every miss."""
    lines = [f"{'label':<32} {'P':>6} {'R':>6} {'F1':>6}  {'tp':>4} {'fp':>4} {'fn':>4}"]
    lines += [f"{label:<32} {_prf(m)}  {_counts(m)}" for label, m in report["frames"].items()]
    lines += [f"  miss: {err['article']} {err['label']} gold={err['gold']} predicted={err['predicted']}"
              for err in report["errors"]]
    return "\n".join(lines) + "\n"


def entities_table(report: dict[str, Any], *, errors: bool = False) -> str:
    """``eval entities``: P, R, F1 and counts per entity frame; with ``errors``, every sentence
    where the detectors disagree with the gold."""
    lines = [f"{report['sentences']} sentences",
             f"{'frame':<24} {'P':>6} {'R':>6} {'F1':>6}  {'tp':>4} {'fp':>4} {'fn':>4}"]
    lines += [f"{frame:<24} {_prf(m)}  {_counts(m)}" for frame, m in report["frames"].items()]
    for err in report["errors"] if errors else ():
        kind = "missed" if err["gold"] else "false"
        lines.append(f"  {kind:<6} {err['frame']:<22} [{err['entity']}] {err['sentence']}")
    return "\n".join(lines) + "\n"
