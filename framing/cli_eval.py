"""``framing eval ...``: the evaluation commands, each a thin call into :mod:`framing.evaluate` or
:mod:`framing.entity_eval`. Imported by :mod:`framing.cli`, which registers them on ``cli``."""

from __future__ import annotations

import json

import click

from framing.cli import (
    _encoder,
    _frame_options,
    _rescorer,
    cli,
    emit,
    handles_errors,
    model_options,
    rescorer_option,
    warn_skipped,
)


@cli.group(name="eval")
def eval_group() -> None:
    """Measure framing against gold files.

    Example: framing eval align ../shared/corpus/dev/gold_alignments_dev.jsonl
    """


@eval_group.command(name="align")
@click.argument("gold")
@click.option("--corpus", multiple=True, help="Folder(s) holding the articles the gold file names "
              "(default: the gold file's folder and its siblings).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--show-disagreements", is_flag=True, help="Also list the links missed and the links gold lacks.")
@rescorer_option
@model_options
@handles_errors
def eval_align(gold: str, corpus: tuple[str, ...], fmt: str, show_disagreements: bool, rescorer: str | None,
               model: str, allow_download: bool, precision: str) -> None:
    """Link precision, recall and F1 of the aligner against gold sentence links.

    Example: framing eval align ../shared/corpus/dev/gold_alignments_dev.jsonl --format json
    """
    from pathlib import Path

    from framing.evaluate import eval_align as run

    report = run(Path(gold), encoder=_encoder(model, allow_download, precision), corpus=corpus,
                 rescorer=_rescorer(rescorer, allow_download))
    if fmt == "json":
        emit(json.dumps(report, indent=2))
        return
    emit(f"{'pair':<22} {'P':>6} {'R':>6} {'F1':>6}   {'P*':>6} {'R*':>6} {'F1*':>6}")
    rows = [(f"{p['a']} ~ {p['b']}", p["all"], p["strong"]) for p in report["pairs"]]
    rows.append(("overall", report["overall"]["all"], report["overall"]["strong"]))
    for name, full, strong in rows:
        emit(f"{name:<22} {full['precision']:>6.3f} {full['recall']:>6.3f} {full['f1']:>6.3f}   "
             f"{strong['precision']:>6.3f} {strong['recall']:>6.3f} {strong['f1']:>6.3f}")
    emit("(* without links whose gold note says weak:)")
    for pair in report["pairs"] if show_disagreements else ():
        for d in pair["disagreements"]:
            emit(f"{pair['a']} ~ {pair['b']} {d['kind']:<6} {d['a']:>3} {d['b']:>3}  score {d['score']:.2f}\n"
                 f"    A: {d['text_a']}\n    B: {d['text_b']}")


@eval_group.command(name="events")
@click.argument("corpus")
@click.option("--manifest", default=None, help="Manifest with event and syndication_group (default: CORPUS/manifest.jsonl).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handles_errors
def eval_events(corpus: str, manifest: str | None, fmt: str) -> None:
    """Adjusted Rand index and purity of events, wire-copy precision/recall, decoys merged.

    Example: framing eval events ../shared/corpus/dev
    """
    from pathlib import Path

    from framing.evaluate import eval_events as run
    from framing.ingest import load_articles
    from framing.segment import segment

    docs = [segment(a) for a in load_articles([corpus], on_skip=warn_skipped)]
    report = run(docs, Path(manifest) if manifest else Path(corpus) / "manifest.jsonl")
    if fmt == "json":
        emit(json.dumps(report, indent=2))
        return
    syn = report["syndication"]
    emit(f"articles {report['articles']}, events found {report['events']}")
    emit(f"ARI {report['ari']:.3f}  purity {report['purity']:.3f}")
    emit(f"wire copies: P {syn['precision']:.3f} R {syn['recall']:.3f} F1 {syn['f1']:.3f} "
         f"(groups found {report['syndication_groups_found']})")
    emit(f"decoys merged: {', '.join(report['decoys_merged']) or 'none'}")


@eval_group.command(name="wires")
@click.argument("corpus")
@click.option("--manifest", default=None, help="Manifest with event and syndication_group (default: CORPUS/manifest.jsonl).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handles_errors
def eval_wires(corpus: str, manifest: str | None, fmt: str) -> None:
    """Wire-copy precision and recall (pairs of articles), within the manifest's events and the found ones.

    Example: framing eval wires tests/data/wires
    """
    from pathlib import Path

    from framing.evaluate import eval_wires as run
    from framing.ingest import load_articles
    from framing.segment import segment

    docs = [segment(a) for a in load_articles([corpus], on_skip=warn_skipped)]
    report = run(docs, Path(manifest) if manifest else Path(corpus) / "manifest.jsonl")
    if fmt == "json":
        emit(json.dumps(report, indent=2))
        return
    emit(f"articles {report['articles']}, copy pairs in the manifest {report['gold_pairs']}")
    for name in ("manifest_events", "found_events"):
        m = report[name]
        emit(f"within {name.replace('_', ' ')}: P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f} "
             f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")
        for e in m["errors"]:
            emit(f"  {e['kind']:<6} {e['a']} ~ {e['b']}: in order {e['in_order']:.2f}, shared {e['share']:.2f}, "
                 f"longest passage {e['longest']} words")


@eval_group.command(name="wording")
@click.argument("corpus")
@click.option("--spans", default=None, help="Gold spans JSONL (default: CORPUS/gold_bias_spans.jsonl).")
@handles_errors
def eval_wording(corpus: str, spans: str | None) -> None:
    """Share of annotated loaded wording inside aligned claims that the wording differences show.

    Example: framing eval wording ../shared/corpus/basil-dev
    """
    from pathlib import Path

    from framing.evaluate import eval_wording as run
    from framing.ingest import load_articles
    from framing.models import get_encoder
    from framing.segment import segment

    docs = [segment(a) for a in load_articles([corpus], on_skip=warn_skipped)]
    spans_path = Path(spans) if spans else Path(corpus) / "gold_bias_spans.jsonl"
    emit(json.dumps(run(docs, Path(corpus) / "manifest.jsonl", spans_path, encoder=get_encoder()), indent=2))


@eval_group.command(name="frames")
@click.argument("gold", nargs=-1, required=True)
@click.option("--frames", "frames_file", default=None, metavar="FILE",
              help="User frames for the gold's mentions_* labels (e.g. corpus/frames.toml).")
@click.option("--corpus", multiple=True, help="Folder(s) holding the articles (default: beside each gold file).")
@click.option("--classifier", type=click.Choice(["embedding", "nli"]), default="embedding", show_default=True)
@click.option("--nli-model", default="deberta-zeroshot", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@model_options
@handles_errors
def eval_frames(gold: tuple[str, ...], frames_file: str | None, corpus: tuple[str, ...], classifier: str,
                nli_model: str, fmt: str, model: str, allow_download: bool, precision: str) -> None:
    """Per-frame precision, recall and F1 against gold article labels.

    Example: framing eval frames corpus/gold_articles.jsonl ../shared/corpus/dev/gold_articles.jsonl --frames corpus/frames.toml
    """
    from pathlib import Path

    from framing.evaluate import eval_frames as run
    from framing.frames import detect_frames

    encoder = _encoder(model, allow_download, precision)
    opts = _frame_options(encoder, (), frames_file, classifier, nli_model, True, allow_download)
    report = run([Path(g) for g in gold], corpus=corpus, detect=lambda doc, ents: detect_frames(
        doc, classifier=opts.classifier, entities=ents, frames=opts.frames, inventory=False))
    if fmt == "json":
        emit(json.dumps(report, indent=2))
        return
    emit(f"{'label':<32} {'P':>6} {'R':>6} {'F1':>6}  {'tp':>4} {'fp':>4} {'fn':>4}")
    for label, m in report["frames"].items():
        emit(f"{label:<32} {m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f}  {m['tp']:>4} {m['fp']:>4} {m['fn']:>4}")
    for err in report["errors"]:
        emit(f"  miss: {err['article']} {err['label']} gold={err['gold']} predicted={err['predicted']}")


@eval_group.command(name="entities")
@click.argument("gold", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--show-errors", is_flag=True, help="List every sentence where the detectors disagree with the gold.")
@handles_errors
def eval_entities(gold: tuple[str, ...], fmt: str, show_errors: bool) -> None:
    """Per-frame precision, recall and F1 of the entity frames against labelled sentences (JSONL:
    sentence, entity, names_entity, calls_on_entity, attributes_to_entity, highlights_omission).

    Example: framing eval entities tests/data/entity_challenge_b.jsonl
    """
    from pathlib import Path

    from framing.entity_eval import evaluate_files

    report = evaluate_files(Path(g) for g in gold)
    if fmt == "json":
        emit(json.dumps(report, indent=2))
        return
    emit(f"{report['sentences']} sentences")
    emit(f"{'frame':<24} {'P':>6} {'R':>6} {'F1':>6}  {'tp':>4} {'fp':>4} {'fn':>4}")
    for frame, m in report["frames"].items():
        emit(f"{frame:<24} {m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f}  {m['tp']:>4} {m['fp']:>4} {m['fn']:>4}")
    for err in report["errors"] if show_errors else ():
        kind = "missed" if err["gold"] else "false"
        emit(f"  {kind:<6} {err['frame']:<22} [{err['entity']}] {err['sentence']}")
