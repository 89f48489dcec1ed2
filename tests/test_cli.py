"""The CLI's surface: help with examples, version, python -m framing."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from framing import __version__
from framing.cli import cli


def walk(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found.extend(walk(command, f"{prefix}{name} "))
    return found


def test_every_command_has_an_example() -> None:
    commands = walk(cli)
    assert len(commands) >= 2
    for name, command in commands:
        assert "Example:" in (command.help or ""), f"'framing {name}' help has no example"
        result = CliRunner().invoke(cli, [*name.split(), "--help"])
        assert result.exit_code == 0 and "Example:" in result.output


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.output.strip() == f"framing, version {__version__}"


def test_python_dash_m() -> None:
    out = subprocess.run([sys.executable, "-m", "framing", "-h"], capture_output=True, text=True)
    assert out.returncode == 0 and "Commands:" in out.stdout


def test_every_option_has_a_description() -> None:
    for name, command in walk(cli):
        for param in command.params:
            if isinstance(param, click.Option) and param.name not in ("help", "version"):
                assert (param.help or "").strip(), f"'framing {name}' option {param.opts[0]} has no description"


def test_help_points_only_to_files_in_the_repository() -> None:
    for name, _ in walk(cli):
        text = CliRunner().invoke(cli, [*name.split(), "--help"]).output
        assert "CONTRACT.md" not in text, name
