"""Output files: checked before any work is done, written atomically, never lost.

Every file is written to a temporary file beside it and renamed over the target, so a killed
run leaves the previous file or the new one, never a truncated one. ``-o`` is checked first: a
path that cannot be written, a directory where a file is wanted (or the reverse), an existing
output without ``--force`` and a symbolic link (which would write through to its target) are
refused with an :class:`~framing.errors.InputError` before articles are read.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from framing.errors import InputError


def _probe(folder: Path, output: str) -> None:
    """Create and remove a temporary file in ``folder``: the one sure test that it is writable."""
    try:
        handle, name = tempfile.mkstemp(prefix=".framing-probe-", dir=folder)
        os.close(handle)
        os.unlink(name)
    except OSError as err:
        raise InputError(output, f"cannot write here ({err.strerror or err})") from None


def _existing_ancestor(path: Path, output: str) -> Path:
    """The nearest existing folder above ``path``, which must be a folder."""
    parent = path.absolute().parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise InputError(output, f"{parent} is a file, not a directory")
    return parent


def check_output_dir(output: str, *, force: bool) -> Path:
    """An output directory that can be written: new, empty, or non-empty with ``force``.

    Raises:
        InputError: the path is a file or a dangling link, is not empty (without ``force``), or
            cannot be written.
    """
    if not output.strip():
        raise InputError(repr(output), "empty output path")
    path = Path(output)
    if path.is_symlink() and not path.exists():
        raise InputError(output, "is a symbolic link to nothing; choose another output directory")
    if path.exists():
        if not path.is_dir():
            raise InputError(output, "exists and is a file, not a directory; choose a directory")
        if any(path.iterdir()) and not force:
            raise InputError(output, "output directory exists and is not empty; pass --force to write into it")
        _probe(path, output)
    else:
        _probe(_existing_ancestor(path, output), output)
    return path


def check_output_file(output: str, *, force: bool) -> Path:
    """An output file that can be written: new, or an existing regular file with ``force``.

    A symbolic link is refused without ``force``; with it the link itself is replaced and its
    target is left alone.

    Raises:
        InputError: the path is a directory or a special file, exists (without ``force``), its
            folder does not exist, or cannot be written.
    """
    if not output.strip():
        raise InputError(repr(output), "empty output path")
    path = Path(output)
    if os.path.lexists(path):
        if path.is_dir():
            raise InputError(output, "is a directory; name a file")
        if path.is_symlink() and not force:
            raise InputError(output, "is a symbolic link; pass --force to replace the link (its target is left alone)")
        if path.exists() and not path.is_file():
            raise InputError(output, "is not a regular file")
        if not force:
            raise InputError(output, "output file exists; pass --force to overwrite it")
    parent = path.absolute().parent
    if not parent.is_dir():
        raise InputError(output, f"folder {parent} does not exist; create it first")
    _probe(parent, output)
    return path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (UTF-8 for text)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def replace_dir(build: Path, target: Path) -> None:
    """Put the finished directory ``build`` at ``target``, removing the old one only after."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(build, target)
    if old.exists():
        shutil.rmtree(old)


GENERATOR = b'<meta name="generator" content="framing report">'


def remove_stale(out: Path, pattern: str, keep: set[str]) -> list[Path]:
    """Remove files matching ``pattern`` in ``out`` that this run did not write (old event pages),
    only those an earlier report wrote: a page without framing's generator mark near its start is
    the user's and stays."""
    stale = [p for p in out.glob(pattern) if p.is_file() and p.name not in keep and _ours(p)]
    for path in stale:
        path.unlink()
    return stale


def _ours(path: Path) -> bool:
    """Whether a page carries framing's generator mark in its first 1 KB."""
    try:
        with path.open("rb") as f:
            return GENERATOR in f.read(1024)
    except OSError:
        return False
