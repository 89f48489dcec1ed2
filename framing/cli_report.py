"""The ``report`` command's work around the library call: engine, cache, progress and writing."""

from __future__ import annotations

import json
from typing import Any

import click


def build_corpus_report(engine: str, inputs: list[str], articles: Any, *, encoder: Any, options: Any,
                        rescorer: Any, bar: Any, no_cache: bool, ray: dict[str, Any]) -> Any:
    """The corpus report from the local engine (with the per-article result cache) or from Ray."""
    if engine == "ray":
        from framing.engine_ray import ray_report

        bar.stage("ray")
        return ray_report(inputs, encoder=encoder, options=options, rescorer=rescorer, **ray)
    from framing.cache import ResultCache, default_cache_dir
    from framing.output.progress import report_ticks
    from framing.report import build_report

    cache = None if no_cache else ResultCache(default_cache_dir() / "results.sqlite")
    return build_report(articles, encoder=encoder, options=options, cache=cache,
                        progress=report_ticks(bar, len(articles)), batch_progress=True, rescorer=rescorer)


def write_corpus_report(result: Any, fmt: str, output: str, out: Any, force: bool, outlets: Any = None,
                        bar: Any = None) -> None:
    """Write a corpus report in the format asked for."""
    from framing.cli import write_output
    from framing.output.report_html import write_html, write_report
    from framing.output.report_tables import csv_tables, report_json
    from framing.output_files import write_atomic

    if fmt == "json":
        write_output(json.dumps(report_json(result), indent=2, ensure_ascii=False) + "\n", output, force=force)
        return
    if bar is not None:
        bar.stage("writing")  # taken off the screen below, or at exit when writing fails
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        for name, text in csv_tables(result).items():
            write_atomic(out / name, text)
    elif fmt == "html":
        write_html(result, out, outlets=outlets)
    else:
        write_report(result, out, outlets=outlets)
    if bar is not None:
        bar.pause()
    click.echo(f"wrote {out}/ ({len(result.events)} events, {len(result.docs)} articles)", err=True)
