"""One child process measured by its own resource usage (shared by the benchmarks)."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Mapping, Sequence


def measure(args: Sequence[str], env: Mapping[str, str], *, cwd: str | None = None) -> tuple[float, float, str]:
    """CPU seconds and max RSS (MB) of one child process (its own rusage, from wait4), and its
    stdout; raises ``CalledProcessError`` when it fails. ``env`` is added to this process's
    environment; modules are compiled as for an installed package."""
    full = {**os.environ, **env}
    full.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen(list(args), env=full, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code:
            raise subprocess.CalledProcessError(code, list(args))
        out.seek(0)
        return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read()
