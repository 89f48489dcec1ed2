"""The ``report`` command's work around the library call: engine, cache, progress and writing.

The local engine writes the report as it is built, event by event (``ReportWriter`` as the
``sink`` of ``build_report``), so memory does not grow with the corpus's alignments and pages; a
Ray report, built whole on the cluster, is written through the same writer afterwards.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click


def report_corpus(engine: str, inputs: list[str], articles: Any, *, encoder: Any, options: Any, rescorer: Any,
                  bar: Any, no_cache: bool, ray: dict[str, Any], fmt: str, output: str, outlets: Any = None) -> Any:
    """Build the corpus report with the local engine (with the per-article result cache) or on
    Ray, and write it in the format asked for (``output``: a directory, or for JSON a file or -)."""
    from framing.output.report_stream import AtomicFile

    json_file = None
    if fmt == "json":
        json_file = sys.stdout if output == "-" else AtomicFile(Path(output))
    writer = corpus_writer(fmt, Path(output), outlets, json_file)
    with writer:
        if engine == "ray":
            from framing.engine_ray import ray_report

            bar.stage("ray")
            result = ray_report(inputs, encoder=encoder, options=options, rescorer=rescorer, **ray)
            writer.start(result)
            for event in result.events:
                writer.event(event, result.event_pairs(event))
        else:
            result = _local(articles, encoder=encoder, options=options, rescorer=rescorer, bar=bar,
                            no_cache=no_cache, writer=writer)
        if fmt != "json":
            bar.stage("writing")
        writer.finish(result)
    bar.pause()
    if fmt != "json":
        click.echo(f"wrote {output}/ ({len(result.events)} events, {len(result.docs)} articles)", err=True)
    elif output != "-":
        click.echo(f"wrote {output}", err=True)
    return result


def _local(articles: Any, *, encoder: Any, options: Any, rescorer: Any, bar: Any, no_cache: bool, writer: Any) -> Any:
    """The local engine's report, handed to ``writer`` event by event."""
    from framing.cache import ResultCache, default_cache_dir
    from framing.output.progress import report_ticks
    from framing.report import build_report

    cache = None if no_cache else ResultCache(default_cache_dir() / "results.sqlite")
    return build_report(articles, encoder=encoder, options=options, cache=cache, sink=writer,
                        progress=report_ticks(bar, len(articles)), batch_progress=True, rescorer=rescorer)


def corpus_writer(fmt: str, out: Path, outlets: Any = None, json_file: Any = None) -> Any:
    """The report writer of one output format: all, html, csv, or json (to ``json_file``)."""
    from framing.output.report_stream import ReportWriter

    parts = {"all": {"html", "csv", "json", "dataset"}, "html": {"html"}, "csv": {"csv"}, "json": {"json"}}[fmt]
    return ReportWriter(None if fmt == "json" else out, parts, outlets=outlets, json_file=json_file)
