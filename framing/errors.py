"""Named exceptions. Only the CLI turns them into ``Error: ...`` lines and exit codes."""

from __future__ import annotations


class FramingError(Exception):
    """Base class of every error framing raises on purpose."""

    exit_code = 1


class InputError(FramingError):
    """An input (an article, a file, an option) is unusable: names the input and the problem."""

    exit_code = 2

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class UnknownModelError(FramingError):
    """A model name is neither in the registry nor a readable local directory."""

    exit_code = 2


class ModelLoadError(FramingError):
    """A known model could not be loaded (missing files, checksum mismatch, no network)."""

    exit_code = 2


class FrameSpecError(InputError):
    """A user frame file (TOML) is malformed."""


class EntitySpecError(InputError):
    """An ``--entity`` name or an ``--entities`` file is unusable."""


class InterruptedRun(FramingError):
    """The user stopped a run (Ctrl-C); the message says what was kept and how to go on."""
