"""Resource limits on inputs, and the warning channel for what they truncate.

Every input is bounded so that no file, however large or strange, makes a run hang: bytes per
input, characters per line, HTML nesting depth, JSON nesting depth, sentences per article and
articles per run. A limit either refuses the input with an :class:`~framing.errors.InputError`
that says how to raise it, or truncates with a warning. The defaults are far above real news
articles; ``framing --limit NAME=N`` or ``FRAMING_LIMIT_NAME=N`` raise them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, fields

from framing.errors import InputError

log = logging.getLogger("framing")


@dataclass
class Limits:
    """The limits of one process (the CLI sets them from ``--limit``)."""

    bytes: int = 16 * 1024 * 1024  # per input file, URL or stdin: refused above
    line_chars: int = 100_000  # per line of a text article: truncated above
    html_depth: int = 250  # element nesting of an HTML page: refused above (lxml stops at 256)
    json_depth: int = 100  # nesting of one JSON value: refused above
    number_digits: int = 400  # digits of one JSON number: refused above
    sentences: int = 1_000  # per article: the rest is dropped (news articles have < 300)
    articles: int = 100_000  # per run: refused above


LIMITS = Limits()
NAMES = tuple(f.name for f in fields(Limits))
HINT = "raise it with framing --limit {name}=N"

WarningHandler = Callable[[str], None]
_handler: list[WarningHandler] = []


def set_limit(name: str, value: int) -> None:
    """Change one limit of this process.

    Raises:
        InputError: unknown name or a value below 1.
    """
    key = name.strip().lower().replace("-", "_")
    if key not in NAMES:
        raise InputError("--limit", f"unknown limit '{name}' (use {', '.join(NAMES)})")
    if value < 1:
        raise InputError("--limit", f"{name} must be a positive number")
    setattr(LIMITS, key, value)


def parse_limit(spec: str) -> tuple[str, int]:
    """``NAME=N`` (N may end in k, m or g) as (name, value)."""
    name, sep, raw = spec.partition("=")
    scale = {"k": 1_000, "m": 1_000_000, "g": 1_000_000_000}.get(raw.strip()[-1:].lower(), 1)
    digits = raw.strip()[:-1] if scale > 1 else raw.strip()
    if not sep or not digits.isdigit() or len(digits) > 15:
        raise InputError("--limit", f"'{spec}' is not NAME=NUMBER (e.g. bytes=64m)")
    return name, int(digits) * scale


def limits_from_env(environ: dict[str, str] | None = None) -> None:
    """Apply ``FRAMING_LIMIT_<NAME>=N`` variables."""
    env = os.environ if environ is None else environ
    for name in NAMES:
        raw = env.get(f"FRAMING_LIMIT_{name.upper()}")
        if raw:
            set_limit(*parse_limit(f"{name}={raw}"))


def too_large(source: str, name: str, what: str) -> InputError:
    """The error of an input over limit ``name``."""
    value = getattr(LIMITS, name)
    return InputError(source, f"{what} (limit {name}={value}; {HINT.format(name=name)})")


def warn(source: str, problem: str) -> None:
    """Report something read differently from how it was written (truncated, re-decoded)."""
    message = f"{source}: {problem}"
    if _handler:
        _handler[-1](message)
    else:
        log.warning("%s", message)


def on_warning(handler: WarningHandler | None) -> None:
    """Route warnings to ``handler`` (the CLI prints them); None restores logging."""
    _handler.clear()
    if handler is not None:
        _handler.append(handler)


def reset_limits() -> None:
    """Back to the defaults (each CLI run starts from them)."""
    for f in fields(Limits):
        setattr(LIMITS, f.name, f.default)
