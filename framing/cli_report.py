"""The ``report`` command's work around the library call: progress, cache, and writing."""

from __future__ import annotations

import json
from typing import Any

import click


def local_report(articles: Any, encoder: Any, options: Any, rescorer: Any, no_cache: bool) -> Any:
    """``build_report`` with progress on stderr and the per-article result cache."""
    from rich.progress import Progress

    from framing.cache import ResultCache, default_cache_dir
    from framing.cli import _stderr_console
    from framing.report import build_report

    cache = None if no_cache else ResultCache(default_cache_dir() / "results.sqlite")
    with Progress(transient=True, console=_stderr_console()) as bar:
        events_task = bar.add_task("events", total=None, visible=False)

        def tick(stage: str, n: int) -> None:
            if stage == "reused" and n:
                bar.console.print(f"reused {n} of {len(articles)} articles from the cache")
            elif stage == "events":
                bar.update(events_task, visible=True, advance=n)

        try:
            return build_report(articles, encoder=encoder, options=options, cache=cache, progress=tick,
                                batch_progress=True, rescorer=rescorer)
        except KeyboardInterrupt:
            if cache:
                click.echo("\nInterrupted: the finished batches are cached; run the same command to resume.", err=True)
            raise


def write_corpus_report(result: Any, fmt: str, output: str, out: Any, force: bool, outlets: Any = None) -> None:
    """Write a corpus report in the format asked for."""
    from framing.cli import write_output
    from framing.output.report_html import write_html, write_report
    from framing.output.report_tables import csv_tables, report_json
    from framing.output_files import write_atomic

    if fmt == "json":
        write_output(json.dumps(report_json(result), indent=2, ensure_ascii=False) + "\n", output, force=force)
        return
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        for name, text in csv_tables(result).items():
            write_atomic(out / name, text)
    elif fmt == "html":
        write_html(result, out, outlets=outlets)
    else:
        write_report(result, out, outlets=outlets)
    click.echo(f"wrote {out}/ ({len(result.events)} events, {len(result.docs)} articles)", err=True)
