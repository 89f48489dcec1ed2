"""The command line: thin commands that parse, call one library function, and render."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from framing import __version__
from framing.errors import FramingError, InputError

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class CliError(click.ClickException):
    """A library error shown as one ``Error: ...`` line with the error's exit code."""

    def __init__(self, err: FramingError) -> None:
        super().__init__(str(err))
        self.exit_code = err.exit_code


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

    return wrapper  # type: ignore[return-value]


def warn_skipped(err: InputError) -> None:
    """Report a bad file inside a directory, which is skipped."""
    click.echo(f"Warning: {err}; skipped", err=True)


def model_options(func: F) -> F:
    """Options shared by every command that embeds sentences."""
    options = [
        click.option("--model", "model", default="minilm", show_default=True,
                     help="Encoder: registry name, local model directory, or hub id."),
        click.option("--allow-download", is_flag=True,
                     help="Allow fetching a hub model (never needed for the default)."),
        click.option("--precision", type=click.Choice(["bf16", "fp32", "int8"]), default="bf16",
                     show_default=True, help="Encoder precision on the CPU."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def emit(text: str) -> None:
    """Results go to stdout."""
    click.echo(text, nl=not text.endswith("\n"))


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="framing")
def cli() -> None:
    """Show how news outlets covered the same event: aligned claims, coverage gaps, wording and
    framing differences.

    Example: framing compare corpus/000_241931a7261d106c.txt corpus/001_6dab095141be1bf5.txt
    """


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
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
              show_default=True)
@handles_errors
def sentences(inputs: tuple[str, ...], fmt: str) -> None:
    """Print the sentences of each article with their character offsets.

    INPUTS are files (.txt .md .html .jsonl .csv), directories, http(s) URLs or - for stdin.

    Example: framing sentences corpus/001_6dab095141be1bf5.txt --format json
    """
    from framing.ingest import load_articles
    from framing.render import document_json
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


def main() -> None:
    """Entry point of the ``framing`` console script."""
    cli(prog_name="framing")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
