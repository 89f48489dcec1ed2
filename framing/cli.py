"""The command line: thin commands that parse, call one library function, and render."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from framing import __version__
from framing.cli_options import (
    build_frame_options,
    frame_options,
    load_encoder,
    model_options,
    rescorer_from,
    rescorer_option,
)
from framing.errors import FramingError, InputError

F = TypeVar("F", bound=Callable[..., Any])
# One BLAS thread, set before numpy loads: the products are small (``models.single_threaded_blas``)
# and OpenBLAS starting a thread per core costs about 0.06 CPU-s a process. A user's value wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class CliError(click.ClickException):
    """A library error shown as one ``Error: ...`` line with the error's exit code."""

    def __init__(self, err: FramingError) -> None:
        super().__init__(" ".join(str(err).split("\n")))
        self.exit_code = err.exit_code  # type: ignore[misc]  # click declares it on the class; this error's own code


class InternalError(click.ClickException):
    """A bug: one line with the exception and where its traceback was saved, exit code 1."""

    exit_code = 1

    def __init__(self, err: BaseException) -> None:
        where = _save_traceback(err)
        what = " ".join(f"{type(err).__name__}: {err}".split())[:300]
        super().__init__(f"internal error ({what}); traceback saved to {where}; please report it")


def _save_traceback(err: BaseException) -> str:
    """Write the traceback to a file under the cache directory (or the temp folder); its path."""
    import tempfile
    import time
    import traceback

    text = "".join(traceback.format_exception(err))
    try:
        from framing.cache import default_cache_dir

        folder = default_cache_dir() / "crashes"
        folder.mkdir(parents=True, exist_ok=True)
    except Exception:  # noqa: BLE001 - an unusable cache folder must not hide the original error
        folder = Path(tempfile.gettempdir())
    path = folder / f"traceback-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.txt"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError:
        return "(could not be saved)"
    return str(path)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that flushing it at exit raises no second BrokenPipeError."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests): nothing to flush
        pass


def handles_errors(func: F) -> F:
    """Turn library exceptions into ``Error: ...`` and an exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except FramingError as err:
            raise CliError(err) from None
        except KeyboardInterrupt:
            raise click.Abort() from None
        except BrokenPipeError:  # the reader went away (| head): stop quietly
            _silence_stdout()
            raise click.exceptions.Exit(1) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as err:  # noqa: BLE001 - the last line of defence: a bug, not a traceback
            raise InternalError(err) from None

    return wrapper  # type: ignore[return-value]


def warn_skipped(err: InputError) -> None:
    """Report a bad file inside a directory, which is skipped."""
    click.echo(f"Warning: {err}; skipped", err=True)


def emit(text: str) -> None:
    """Results go to stdout."""
    click.echo(text, nl=not text.endswith("\n"))


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="framing")
@click.option("--limit", "limit_specs", multiple=True, metavar="NAME=N",
              help="Raise a resource limit: bytes (per input), line_chars, html_depth, json_depth, "
              "number_digits, sentences (per article), articles (per run); also FRAMING_LIMIT_NAME=N.")
def cli(limit_specs: tuple[str, ...]) -> None:
    """Show how news outlets covered the same event: aligned claims, coverage gaps, wording and
    framing differences.

    Example: framing compare corpus/000_241931a7261d106c.txt corpus/001_6dab095141be1bf5.txt
    """
    from framing.limits import limits_from_env, on_warning, parse_limit, reset_limits, set_limit

    on_warning(lambda message: click.echo(f"Warning: {message}", err=True))
    reset_limits()
    try:
        limits_from_env()
        for spec in limit_specs:
            set_limit(*parse_limit(spec))
    except FramingError as err:
        raise CliError(err) from None


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: one model a line; json: a list of objects.")
@handles_errors
def models(fmt: str) -> None:
    """List the known models and whether each is available offline.

    Example: framing models --format json
    """
    from framing.models import describe_models

    rows = describe_models()
    if fmt == "json":
        emit(json.dumps(rows, indent=2))
        return
    for row in rows:
        state = "offline" if row["offline"] else "download or local copy needed"
        emit(f"{row['name']:<18} {row['kind']:<8} {state:<30} {row['description']}")


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text",
              show_default=True, help="text: '[start:end] sentence' lines; json / jsonl: each article "
              "with its sentences and their character offsets.")
@handles_errors
def sentences(inputs: tuple[str, ...], fmt: str) -> None:
    """Print the sentences of each article with their character offsets.

    INPUTS are files (.txt .md .html .jsonl .csv), directories, http(s) URLs or - for stdin.

    Example: framing sentences corpus/001_6dab095141be1bf5.txt --format json
    """
    from framing.ingest import load_articles
    from framing.output.json_csv import document_json
    from framing.segment import segment

    docs = [segment(a) for a in load_articles(list(inputs), on_skip=warn_skipped)]
    if fmt == "json":
        emit(json.dumps([document_json(d) for d in docs], indent=2, ensure_ascii=False))
    elif fmt == "jsonl":
        emit("".join(json.dumps(document_json(d), ensure_ascii=False) + "\n" for d in docs))
    else:
        for doc in docs:
            emit(f"# {doc.id} ({doc.article.source})")
            for s in doc.sentences:
                emit(f"{s.index:>3} [{s.start}:{s.end}] {s.text}")


@cli.command()
@click.argument("a")
@click.argument("b")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]),
              default="text", show_default=True,
              help="text: side by side, fitted to $COLUMNS; json: articles, alignments, gaps and "
              "frame differences (see the README); markdown; html: one self-contained page.")
@click.option("-o", "--output", default="-", show_default=True,
              help="Write to this file instead of stdout (an existing file is not overwritten "
              "unless --force).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("--labels", "labels_file", default=None,
              help="TOML file of extra label words for wording differences.")
@click.option("--color/--no-color", default=None, help="Colour in the text view (default: if a terminal).")
@rescorer_option
@frame_options
@model_options
@handles_errors
def compare(a: str, b: str, fmt: str, output: str, force: bool, labels_file: str | None,
            color: bool | None, rescorer: str | None, entities: tuple[str, ...], frames_file: str | None, classifier: str,
            nli_model: str, no_inventory: bool, model: str, allow_download: bool, precision: str) -> None:
    """Compare two articles about one event: aligned claims, gaps, wording and framing differences.

    A and B are files (.txt .md .html .jsonl .csv), http(s) URLs or - (stdin). In a terminal a
    progress bar on stderr shows the stages (reading, embedding, aligning, frames).

    Example: framing compare corpus/000_241931a7261d106c.txt corpus/001_6dab095141be1bf5.txt --entity Pakistan
    """
    from framing.compare import compare_documents
    from framing.ingest import load_article
    from framing.output import render_comparison
    from framing.output.progress import StageProgress
    from framing.output_files import check_output_file
    from framing.segment import segment

    if output != "-":
        check_output_file(output, force=force)
    with StageProgress() as bar:
        bar.stage("reading", total=2)
        art_a, art_b = load_article(a), load_article(b)
        bar.advance(2)
        encoder = load_encoder(model, allow_download, precision)
        options = build_frame_options(encoder, entities, frames_file, classifier, nli_model, no_inventory, allow_download,
                                      texts=[art_a.text, art_b.text])
        comp = compare_documents(segment(art_a), segment(art_b), encoder=encoder, options=options,
                                 labels_file=_checked_file(labels_file), rescorer=rescorer_from(rescorer, allow_download),
                                 progress=bar)
    use_color = sys.stdout.isatty() if color is None else color
    write_output(render_comparison(comp, fmt, color=use_color), output, force=force)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl", "csv"]), default="text",
              show_default=True, help="text: each article's frames with evidence; json / jsonl: per "
              "article, every frame with score and evidence sentences (see the README); csv: a row a frame.")
@click.option("--all", "show_all", is_flag=True, help="In the text view, list absent frames too.")
@frame_options
@model_options
@handles_errors
def frames(inputs: tuple[str, ...], fmt: str, show_all: bool, entities: tuple[str, ...],
           frames_file: str | None, classifier: str, nli_model: str, no_inventory: bool, model: str,
           allow_download: bool, precision: str) -> None:
    """Flag the framing of each article, every flag with the sentences that prove it.

    INPUTS are files, directories, URLs or - (stdin), as in the README.

    Entity frames (--entity) come from a dependency parse: who calls on, blames or leaves
    unnamed whom. Topical and user frames (--frames) come from the zero-shot classifier. The
    default embedding backend scores how close a sentence is to a frame's hypotheses: it cannot
    read negation ("China did not block the listing" scores like "China blocked the listing")
    and confuses a topic with a claim about it; a sentence without any of a frame's cues must fit
    a hypothesis clearly to count. --classifier nli --nli-model DIR_OR_HUB_ID uses an NLI
    cross-encoder instead, which judges entailment and so handles negation (slower; a model you
    have locally, or --allow-download).

    Example: framing frames corpus --entity Pakistan --frames corpus/frames.toml --format jsonl
    """
    from framing.compare import embed_documents
    from framing.frames import detect_frames
    from framing.ingest import load_articles
    from framing.output.json_csv import frames_csv, frames_jsonl, frames_records
    from framing.output.text import frames_text
    from framing.segment import segment

    docs = [segment(a) for a in load_articles(list(inputs), on_skip=warn_skipped)]
    encoder = load_encoder(model, allow_download, precision)
    opts = build_frame_options(encoder, entities, frames_file, classifier, nli_model, no_inventory, allow_download,
                               texts=[d.article.text for d in docs])
    vectors = embed_documents(docs, encoder) if classifier == "embedding" else [None] * len(docs)
    results = [detect_frames(d, classifier=opts.classifier, entities=opts.entities, frames=opts.frames,
                             inventory=opts.inventory, vectors=v) for d, v in zip(docs, vectors, strict=True)]
    if fmt == "json":
        emit(json.dumps(frames_records(docs, results), indent=2, ensure_ascii=False))
    elif fmt == "jsonl":
        emit(frames_jsonl(docs, results))
    elif fmt == "csv":
        emit(frames_csv(docs, results))
    else:
        emit(frames_text(docs, results, show_all=show_all))


def _checked_file(path: str | None) -> str | None:
    """A labels file option's path: it must exist and be a valid labels TOML."""
    from framing.boundary import read_structured, toml_tables

    if path is not None:
        if not Path(path).is_file():
            raise InputError(path, "no such file")
        toml_tables(read_structured(Path(path), utf8_only=True), path, "label", ("words",))  # wording reads it again
    return path


def write_output(text: str, output: str, *, force: bool) -> None:
    """Write to stdout (-) or a file; never overwrite a user's file without --force."""
    from framing.output_files import check_output_file, write_atomic

    if output == "-":
        emit(text)
        return
    path = check_output_file(output, force=force)
    try:
        write_atomic(path, text)
    except OSError as err:
        raise InputError(output, f"cannot write ({err.strerror or err})") from None
    click.echo(f"wrote {output}", err=True)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True,
              help="Directory for the report (html/csv/all), or file for --format json ('-': stdout).")
@click.option("--format", "fmt", type=click.Choice(["all", "html", "json", "csv"]), default="all",
              show_default=True, help="all: HTML, report.json, CSV tables and Parquet/datasets in -o DIR.")
@click.option("--force", is_flag=True, help="Write into an existing non-empty directory / over a file.")
@click.option("--no-cache", is_flag=True,
              help="Recompute every article: neither read nor write the per-article result cache.")
@click.option("--outlets", "outlets_file", default=None, metavar="FILE",
              help="TOML of outlets ([[outlet]] domain, name, country, group, lean) for the coverage bars; "
                   "adds to framing/data/outlets.toml.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="ray: run on a Ray cluster (pip install 'framing[ray]'); same report, plus Parquet shards.")
@click.option("--address", default=None, help="With --engine ray: a running cluster's address (default: a local one).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 4096),
              help="With --engine ray: CPUs of the local cluster and actors per stage.")
@click.option("--top-events", default=None, type=click.IntRange(1), help="With --engine ray: report (HTML, JSON) "
              "only the largest N events; the shards hold every article.")
@rescorer_option
@frame_options
@model_options
@handles_errors
def report(inputs: tuple[str, ...], output: str, fmt: str, force: bool, no_cache: bool, outlets_file: str | None,
           engine: str, address: str | None, workers: int, top_events: int | None, rescorer: str | None,
           entities: tuple[str, ...],
           frames_file: str | None, classifier: str, nli_model: str, no_inventory: bool, model: str,
           allow_download: bool, precision: str) -> None:
    """Analyse a corpus: events, wire copies, who reported what, frames per outlet, plots.

    Articles are processed in batches; each finished batch is cached, so a re-run reuses the
    articles that did not change and an interrupted run resumes where it stopped.

    Example: framing report corpus --entity Pakistan --frames corpus/frames.toml -o out/report
    """
    from pathlib import Path

    from framing.cli_report import report_corpus
    from framing.ingest import load_articles
    from framing.outlets import load_outlets
    from framing.output.progress import StageProgress, resumable
    from framing.output_files import check_output_dir, check_output_file

    out = Path(output)
    if engine == "ray":
        from framing.engine_ray import require_ray

        require_ray()
    if fmt != "json":
        check_output_dir(output, force=force)
    elif output != "-":
        check_output_file(output, force=force)
    outlets = load_outlets(outlets_file)
    kept = "nothing was written" if no_cache or engine == "ray" else \
        "the finished batches are cached; run the same command to resume"
    with StageProgress() as bar, resumable(kept):
        bar.stage("reading")
        articles = [] if engine == "ray" else load_articles(list(inputs), on_skip=warn_skipped)
        encoder = load_encoder(model, allow_download, precision)
        options = build_frame_options(encoder, entities, frames_file, classifier, nli_model, no_inventory, allow_download,
                                      texts=[a.text for a in articles])
        rescore = rescorer_from(rescorer, allow_download)
        bar.pause()  # the batches show their own bar ("articles"), then the events stage starts ours again
        report_corpus(
            engine, list(inputs), articles, encoder=encoder, options=options, rescorer=rescore, bar=bar,
            no_cache=no_cache, ray={"address": address, "workers": workers, "top_events": top_events,
                                    "shards": out / "shards" if fmt != "json" else None, "on_skip": warn_skipped},
            fmt=fmt, output=output, outlets=outlets)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, help="Directory for the worksheet, answer key, quiz and JSON.")
@click.option("--seed", default=0, show_default=True, type=int, help="Same inputs and seed, same files.")
@click.option("--items", "n_items", default=None, type=click.IntRange(1, 100),
              help="At most this many items (default by --grade: middle 6, high 10, university 12); fewer "
              "when the articles settle fewer.")
@click.option("--types", default=",".join(("omission", "disagreement", "word_choice", "name_check", "frame_match", "discussion")),
              show_default=True, help="Comma-separated exercise types.")
@click.option("--grade", type=click.Choice(["middle", "high", "university"]), default="high", show_default=True,
              help="Grade band: sets the wording, the number of items and of choices (middle 3, high 4, "
              "university 5).")
@click.option("--event", "event_id", default=None,
              help="With a corpus: the event to use, e.g. e3 (default: the largest). The ids are those of "
              "'framing report' (its index page, the event column of articles.csv); an unknown id lists them.")
@click.option("--force", is_flag=True, help="Write into an existing non-empty directory.")
@frame_options
@model_options
@handles_errors
def exercises(inputs: tuple[str, ...], output: str, seed: int, n_items: int | None, types: str, grade: str,
              event_id: str | None, force: bool, entities: tuple[str, ...], frames_file: str | None,
              classifier: str, nli_model: str, no_inventory: bool, model: str, allow_download: bool,
              precision: str) -> None:
    """Media-literacy worksheets with answer keys, built from real comparisons.

    INPUTS are two or more articles, or a corpus (one event is chosen, or --event ID; `framing
    report CORPUS -o DIR` lists the events, and an unknown id prints the valid ones).

    Example: framing exercises corpus/000_241931a7261d106c.txt corpus/001_6dab095141be1bf5.txt --entity Pakistan -o out/exercises --seed 7
    """
    from framing.exercises import event_documents, exercise_set, parse_types
    from framing.ingest import load_articles
    from framing.output.progress import StageProgress
    from framing.output.worksheet import write_exercises
    from framing.output_files import check_output_dir
    from framing.segment import segment

    wanted = parse_types(types)
    out = check_output_dir(output, force=force)
    with StageProgress() as bar:
        bar.stage("reading")
        articles = load_articles(list(inputs), on_skip=warn_skipped)
        docs = event_documents([segment(a) for a in articles], event_id)
        if len(docs) < 2:
            raise InputError(", ".join(inputs), "exercises need two or more articles about one event")
        encoder = load_encoder(model, allow_download, precision)
        where = "the inputs" if len(docs) == len(articles) else f"the {len(docs)} articles of the event chosen"
        opts = build_frame_options(encoder, entities, frames_file, classifier, nli_model, no_inventory, allow_download,
                                   texts=[d.article.text for d in docs], where=where)
        ex = exercise_set(docs, encoder=encoder, options=opts, seed=seed, items=n_items, types=wanted, grade=grade,
                          progress=bar)
    write_exercises(ex, out)
    click.echo(f"wrote {out}/ ({len(ex.items)} items from {len(ex.docs)} articles)", err=True)


def _stderr_console() -> Any:
    """A rich console on stderr: progress never mixes with results (kept for the modules that
    still draw their own bars; new code uses :class:`framing.output.progress.StageProgress`)."""
    from rich.console import Console

    return Console(stderr=True)


# The eval commands live in their own module; importing it registers them on `cli`.
from framing import cli_eval  # noqa: E402, F401


def main() -> None:
    """Entry point of the ``framing`` console script."""
    try:
        cli(prog_name="framing")
    except SystemExit as done:
        _exit_now(done.code)
    _exit_now(0)


def _exit_now(code: int | str | None) -> None:
    """Exit with ``code`` as ``sys.exit`` would, without the interpreter's teardown.

    Exit handlers run and the streams are flushed; skipped is freeing every object one by one
    (spaCy's vocabulary, the models): up to 0.15 CPU-s of a first ``compare``. The caches are
    committed as written (they survive ``kill -9``). With other threads running, exit as usual.
    """
    import threading

    if threading.active_count() > 1:
        raise SystemExit(code)
    if code is not None and not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    import atexit

    atexit._run_exitfuncs()  # noqa: SLF001 - the handlers an ordinary exit runs
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be written
            pass
    os._exit(code or 0)


if __name__ == "__main__":  # pragma: no cover
    main()
