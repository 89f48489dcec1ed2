"""``framing eval ...``: the evaluation commands, each a thin call into :mod:`framing.evaluate` or
:mod:`framing.entity_eval`. Imported by :mod:`framing.cli`, which registers them on ``cli``."""

from __future__ import annotations

import json
from typing import Any

import click

from framing.cli import cli, emit, handles_errors, warn_skipped
from framing.cli_options import (
    build_frame_options,
    load_encoder,
    model_options,
    rescorer_from,
    rescorer_option,
)
from framing.output.tables import (
    align_table,
    entities_table,
    events_table,
    frames_table,
    wires_table,
)

FORMAT_HELP = "text: a table; json: the full report (every count and error)."


@cli.group(name="eval")
def eval_group() -> None:
    """Measure framing against gold files.

    Example: framing eval align ../shared/corpus/dev/gold_alignments_dev.jsonl
    """


@eval_group.command(name="align")
@click.argument("gold")
@click.option("--corpus", multiple=True, help="Folder(s) holding the articles the gold file names "
              "(default: the gold file's folder and its siblings).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=FORMAT_HELP)
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

    report = run(Path(gold), encoder=load_encoder(model, allow_download, precision), corpus=corpus,
                 rescorer=rescorer_from(rescorer, allow_download))
    emit(json.dumps(report, indent=2) if fmt == "json" else align_table(report, disagreements=show_disagreements))


def corpus_options(command: Any) -> Any:
    """The arguments every corpus-level eval command takes: CORPUS, --manifest, --format."""
    command = handles_errors(command)
    command = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                           show_default=True, help=FORMAT_HELP)(command)
    command = click.option("--manifest", default=None,
                           help="Manifest with event and syndication_group (default: CORPUS/manifest.jsonl).")(command)
    return click.argument("corpus")(command)


@eval_group.command(name="events")
@corpus_options
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
    emit(json.dumps(report, indent=2) if fmt == "json" else events_table(report))


@eval_group.command(name="wires")
@corpus_options
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
    emit(json.dumps(report, indent=2) if fmt == "json" else wires_table(report))


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
@click.option("--classifier", type=click.Choice(["embedding", "nli"]), default="embedding", show_default=True,
              help="Zero-shot backend for the user frames: sentence similarity or an NLI cross-encoder.")
@click.option("--nli-model", default="deberta-zeroshot", show_default=True,
              help="NLI model for --classifier nli: registry name, local directory or hub id.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=FORMAT_HELP)
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

    encoder = load_encoder(model, allow_download, precision)
    opts = build_frame_options(encoder, (), frames_file, classifier, nli_model, True, allow_download)
    report = run([Path(g) for g in gold], corpus=corpus, detect=lambda doc, ents: detect_frames(
        doc, classifier=opts.classifier, entities=ents, frames=opts.frames, inventory=False))
    emit(json.dumps(report, indent=2) if fmt == "json" else frames_table(report))


@eval_group.command(name="entities")
@click.argument("gold", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=FORMAT_HELP)
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
    emit(json.dumps(report, indent=2) if fmt == "json" else entities_table(report, errors=show_errors))
