"""Progress on stderr while a run works: a rich bar per stage (stage, count, elapsed, ETA) in a
terminal, nothing in a pipe or a file (where results and logs must stay clean), and what a
Ctrl-C keeps.

A run names its stages as it reaches them (``reading``, ``embedding``, ``aligning``, ...): a
stage with a known total shows a bar with ``done/total`` and an ETA, one without a total a
spinner with the count so far.
"""

from __future__ import annotations

import atexit
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Self

from framing.errors import InterruptedRun


def stderr_is_terminal() -> bool:
    """Whether stderr is an interactive terminal (a bar would be garbage in a pipe or a file)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # closed or replaced by an object without a descriptor
        return False


def bar_columns() -> tuple[Any, ...]:
    """The columns of every framing progress bar: stage, bar, done/total, elapsed, ETA."""
    from rich.progress import (
        BarColumn,
        ProgressColumn,
        SpinnerColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Count(ProgressColumn):
        """``done/total``, or the count so far when the total is unknown."""

        def render(self, task: Task) -> Text:
            done = int(task.completed)
            return Text(f"{done}/{int(task.total)}" if task.total is not None else str(done), style="progress.download")

    return (SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), Count(),
            TextColumn("elapsed"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())


class StageProgress:
    """The stages of one run on stderr, one bar at a time; silent unless stderr is a terminal.

    Use as a context manager; call :meth:`stage` when a stage starts and :meth:`advance` as it
    goes. An instance is also a ``progress(stage, n)`` callback (see :meth:`__call__`).
    """

    def __init__(self, *, enabled: bool | None = None) -> None:
        self.enabled = stderr_is_terminal() if enabled is None else enabled
        self._bar: Any = None
        self._task: Any = None
        self._stage = ""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None) -> None:
        self.pause()

    def stage(self, name: str, total: int | None = None) -> None:
        """Start stage ``name`` (``total`` steps, or None when unknown)."""
        self._stage = name
        if not self.enabled:
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(*bar_columns(), console=Console(stderr=True), transient=True,
                                 redirect_stdout=False)  # results on stdout never go to the bar's stream
            self._bar.start()
            atexit.register(self.pause)  # a run that fails outside the `with` still gives the terminal back
        if self._task is not None:
            self._bar.remove_task(self._task)
        self._task = self._bar.add_task(name, total=total)

    def advance(self, n: int = 1) -> None:
        """``n`` more steps of the current stage done."""
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task, n)

    def note(self, message: str) -> None:
        """A line for the user on stderr (above the bar when one is shown)."""
        if self._bar is not None:
            self._bar.console.print(message, highlight=False)
        else:
            sys.stderr.write(message + "\n")

    def pause(self) -> None:
        """Take the bar off the screen (another bar may run); the next stage shows a new one."""
        if self._bar is not None:
            self._bar.stop()
        self._bar = self._task = None

    def __call__(self, stage: str, n: int, total: int | None = None) -> None:
        """A ``progress(stage, n)`` callback: ``n`` more steps of ``stage`` (started when new, with
        ``total`` steps when the caller knows them)."""
        if stage != self._stage or (self.enabled and self._task is None):
            self.stage(stage, total)
        self.advance(n)


def report_ticks(bar: StageProgress, articles: int) -> Callable[[str, int], None]:
    """The ``progress`` callback :func:`framing.report.build_report` takes, shown on ``bar``:
    ``reused`` says how many of the ``articles`` came from the cache, ``grouped`` (the number of
    events found) starts the ``events`` stage with that total."""

    def tick(stage: str, n: int) -> None:
        if stage == "reused":
            if n:
                bar.note(f"reused {n} of {articles} articles from the cache")
        elif stage == "grouped":
            bar.stage("events", total=n)
        else:
            bar(stage, n)

    return tick


@contextmanager
def resumable(message: str) -> Iterator[None]:
    """Turn a Ctrl-C inside the block into :class:`~framing.errors.InterruptedRun` saying ``message``
    (what was kept and how to go on), so the user reads one line, not a traceback."""
    try:
        yield
    except KeyboardInterrupt:
        raise InterruptedRun(f"interrupted: {message}") from None
