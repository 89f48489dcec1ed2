"""The command line's shared options: the encoder, the rescorer and the frame detector as the
options of every command that needs them ask for (and the warning about an unnamed ``--entity``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from framing.errors import FramingError

F = TypeVar("F", bound=Callable[..., Any])


def model_options(func: F) -> F:
    """Options shared by every command that embeds sentences."""
    options = [
        click.option("--model", "model", default="minilm", show_default=True,
                     help="Encoder: registry name, local model directory, or hub id."),
        click.option("--allow-download", is_flag=True,
                     help="Allow fetching a hub model (never needed for the default)."),
        click.option("--precision", type=click.Choice(["int8", "fp32", "bf16"]), default="int8",
                     show_default=True,
                     help="Encoder backend: int8 (ONNX Runtime, no torch) or fp32/bf16 (torch)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def rescorer_option(func: F) -> F:
    """The option of every command that aligns sentences."""
    return click.option(
        "--rescorer", default=None, metavar="MODEL",
        help="Cross-encoder (NLI or similarity) that rescores the sentence pairs near the alignment "
        "threshold: registry name, local directory, or hub id with --allow-download. Default: none.",
    )(func)


def rescorer_from(name: str | None, allow_download: bool) -> Any:
    """The rescorer ``--rescorer`` names, or None."""
    if name is None:
        return None
    from framing.rescore import CrossEncoderRescorer

    return CrossEncoderRescorer(name, allow_download=allow_download)


def frame_options(func: F) -> F:
    """Options shared by every command that detects frames."""
    options = [
        click.option("--entity", "entities", multiple=True, metavar="NAME",
                     help="An entity whose naming, calls, attribution and omission to flag: a "
                     "country, person, party or organisation (\"Pakistan\", \"Donald Trump\", "
                     "\"Democrats\", \"NRA\"); repeatable. Countries get demonym and capital, people "
                     "their surname and title forms, organisations acronyms the text defines."),
        click.option("--entities", "entities_file", default=None, metavar="FILE", expose_value=False,
                     callback=_remember, help="TOML file of [[entity]] tables (id, kind, aliases) adding "
                     "aliases; without --entity, every entity of the file is used."),
        click.option("--frames", "frames_file", default=None, metavar="FILE",
                     help="TOML file of user frames ([[frame]] id, label, hypotheses, cues)."),
        click.option("--classifier", type=click.Choice(["embedding", "nli"]), default="embedding",
                     show_default=True, help="Zero-shot backend for frames."),
        click.option("--nli-model", default="deberta-zeroshot", show_default=True,
                     help="NLI model for --classifier nli: registry name, local directory or hub id."),
        click.option("--no-inventory", is_flag=True,
                     help="Leave out the 15 built-in Media Frames Corpus frames."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Keep an option that every command reads the same way (``--entities``) in the context.

    The file is checked at the boundary first (a regular file within the byte limit, UTF-8), so
    a pipe or a device never blocks the reader.
    """
    if value:
        from framing.boundary import read_structured

        try:
            read_structured(Path(value), utf8_only=True)  # entities.py reads it again as UTF-8
        except FramingError as err:
            raise click.BadParameter(getattr(err, "problem", str(err))) from None
    ctx.meta[param.name or ""] = value
    return value


def build_frame_options(encoder: Any, entities: tuple[str, ...], frames_file: str | None, classifier: str,
                   nli_model: str, no_inventory: bool, allow_download: bool, texts: Any = (),
                   where: str = "the inputs") -> Any:
    """The FrameOptions the command line asks for; warns about entities none of ``texts`` (called
    ``where`` in the warning) names."""
    from framing.classify import get_classifier
    from framing.compare import FrameOptions
    from framing.entities import resolve_entities

    ctx = click.get_current_context(silent=True)
    resolved = resolve_entities(entities, ctx.meta.get("entities_file") if ctx else None)
    _warn_unnamed(resolved, texts, where)
    user = _user_frames(frames_file) if frames_file else ()
    backend = get_classifier(classifier, encoder=encoder, nli_model=nli_model, allow_download=allow_download)
    return FrameOptions(resolved, tuple(user), backend, not no_inventory)


def _warn_unnamed(entities: Any, texts: Any, where: str = "the inputs") -> None:
    """A warning on stderr for each entity that no input names (a typo shows up here)."""
    from framing.entities import misspelt, suggest, unnamed

    texts = list(texts)
    missing = unnamed(entities, texts) if texts else []
    for entity in missing:
        hint = suggest(entity.name, texts)
        tip = f"did you mean '{hint}'? " if hint and hint != entity.name else ""
        click.echo(f"Warning: --entity '{entity.name}' is named in none of {where}; {tip}"
                   "check the spelling or add aliases with --entities FILE", err=True)
    for name, written in misspelt(entities, texts, missing):
        click.echo(f"Warning: --entity '{name}' is found only through its short forms; the inputs write "
                   f"'{written}': check the spelling", err=True)


def _user_frames(frames_file: str) -> Any:
    """User frames of a TOML file: read at the boundary (a regular file, size, encoding), then
    parsed and validated field by field by :func:`framing.frames.parse_frames`."""
    from framing.boundary import read_structured
    from framing.frames import parse_frames

    return parse_frames(read_structured(Path(frames_file)), frames_file)


def load_encoder(model: str, allow_download: bool, precision: str) -> Any:
    """The encoder the options ask for."""
    from framing.models import get_encoder

    return get_encoder(model, allow_download=allow_download, precision=precision)  # type: ignore[arg-type]
