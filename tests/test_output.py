"""What people read: terminal text within $COLUMNS, quotes cut between words, Markdown that
renders cleanly, a progress bar in a real terminal and none in a pipe."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from framing.cli import cli
from framing.differences import frame_differences
from framing.types import Evidence, FrameResult
from tests.conftest import ROOT, SEED_A, SEED_B

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def comparison_json() -> dict:
    result = CliRunner().invoke(cli, ["compare", str(SEED_A), str(SEED_B), "--entity", "Pakistan", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("width", [80, 120])
def test_compare_text_fits_columns(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = CliRunner().invoke(cli, ["compare", str(SEED_A), str(SEED_B), "--entity", "Pakistan", "--no-color"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) > 20 and "Aligned claims" in result.stdout
    too_long = [line for line in lines if cell_len(line) > width]
    assert not too_long, too_long[:3]
    assert max(cell_len(line) for line in lines) >= width - 2  # the table uses the width it has


def test_frames_text_fits_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = CliRunner().invoke(cli, ["frames", str(SEED_A), "--entity", "Pakistan"])
    assert result.exit_code == 0, result.stderr
    assert "(outlet)" in result.stdout and max(cell_len(line) for line in result.stdout.splitlines()) <= 80


def test_long_quotes_are_cut_between_words() -> None:
    words = "the minister of external affairs said that the markings of the border were attacked again"
    long = (words + " ") * 3
    ev = (Evidence(sentence=0, text=long.strip(), voice="outlet", score=0.9),)
    fa = FrameResult(frame="attributes_to_entity", entity="Pakistan", present=True, score=0.9, evidence=ev)
    fb = FrameResult(frame="attributes_to_entity", entity="Pakistan", present=False, score=0.1)
    (diff,) = frame_differences([fa], [fb], "A", "B")
    quote = diff.summary.split("“", 1)[1].split("”", 1)[0]
    assert quote.endswith("…") and len(quote) <= 140
    assert quote[:-1].split()[-1] in words.split()  # the last word is whole
    assert "..." not in diff.summary


def test_markdown_renders_cleanly(comparison_json: dict) -> None:
    from markdown_it import MarkdownIt

    result = CliRunner().invoke(cli, ["compare", str(SEED_A), str(SEED_B), "--entity", "Pakistan",
                                      "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(result.stdout)
    visible = re.sub(r"<[^>]+>", "", html)
    assert "**" not in visible and "<strong>" in html
    rows = re.findall(r"<tr>", html.split("<table>", 1)[1].split("</table>", 1)[0])
    assert len(rows) == len(comparison_json["alignments"]) + 1  # header and one row a claim: no broken row
    wording = html.split("Wording differences</h2>", 1)[1].split("<h2>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", wording, re.DOTALL)
    assert items and all(re.match(r"\[[\d, ]+\]↔\[[\d, ]+\] ", item) for item in items)


def test_piped_stderr_has_no_bar() -> None:
    result = CliRunner().invoke(cli, ["compare", str(SEED_A), str(SEED_B), "--format", "json"])
    assert result.exit_code == 0
    assert not ANSI.search(result.stderr) and "elapsed" not in result.stderr
    json.loads(result.stdout)


def _run_in_pty(args: list[str], timeout: float = 120) -> tuple[int, str, str]:
    """Run framing with stderr on a pseudo-terminal and stdout on a pipe; (code, stdout, terminal)."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm-256color"}
    proc = subprocess.Popen([sys.executable, "-m", "framing", *args], stdout=subprocess.PIPE, stderr=slave,
                            stdin=subprocess.DEVNULL, env=env, cwd=ROOT)
    os.close(slave)
    seen, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    stdout = proc.communicate(timeout=timeout)[0].decode()
    os.close(master)
    return proc.returncode, stdout, seen.decode(errors="replace")


def test_progress_bar_in_a_pseudo_terminal() -> None:
    code, stdout, terminal = _run_in_pty(["compare", str(SEED_A), str(SEED_B), "--format", "json"])
    assert code == 0, terminal
    json.loads(stdout)  # results stay clean on stdout
    plain = ANSI.sub("", terminal)
    for stage in ("reading", "embedding", "aligning", "frames"):
        assert stage in plain, plain[-500:]
    assert re.search(r"\d+/\d+", plain) and "ETA" in plain and "elapsed" in plain


@pytest.mark.slow
@pytest.mark.parametrize("command", ["report", "exercises"])
def test_corpus_commands_show_their_stages_in_a_pseudo_terminal(command: str, tmp_path) -> None:  # noqa: ANN001
    code, _, terminal = _run_in_pty([command, "corpus", "--entity", "Pakistan", "-o", str(tmp_path / "out")], timeout=600)
    assert code == 0, terminal
    plain = ANSI.sub("", terminal)
    stages = ("reading", "articles", "events", "writing") if command == "report" else ("reading", "embedding", "frames")
    assert all(stage in plain for stage in stages) and "ETA" in plain, plain[-500:]


def test_eval_tables_show_every_row() -> None:
    from framing.output.tables import align_table, entities_table

    m = {"precision": 0.5, "recall": 0.25, "f1": 1 / 3, "tp": 1, "fp": 1, "fn": 3}
    pair = {"a": "A1", "b": "B1", "all": m, "strong": m,
            "disagreements": [{"kind": "missed", "a": 2, "b": 3, "score": 0.41, "text_a": "x", "text_b": "y"}]}
    text = align_table({"pairs": [pair], "overall": {"all": m, "strong": m}}, disagreements=True)
    assert "A1 ~ B1" in text and "overall" in text and " 0.500  0.250  0.333" in text and "    A: x\n    B: y" in text
    assert "missed" not in align_table({"pairs": [pair], "overall": {"all": m, "strong": m}})
    errors = [{"gold": True, "frame": "names_entity", "entity": "X", "sentence": "X met Y."}]
    text = entities_table({"sentences": 4, "frames": {"names_entity": m}, "errors": errors}, errors=True)
    assert text.startswith("4 sentences\n") and "missed names_entity" in text and "[X] X met Y." in text


def test_the_frames_view_says_when_an_article_carries_no_frame() -> None:
    from framing.output.text import frames_text
    from framing.segment import segment
    from framing.types import Article, FrameResult

    doc = segment(Article(id="w", source="w", text="It rained in the afternoon."))
    absent = [FrameResult(frame="economic", entity=None, present=False, score=0.1)]
    assert "no frame found" in frames_text([doc], [absent], width=80)
    assert "no frame found" not in frames_text([doc], [absent], width=80, show_all=True)
    present = [FrameResult(frame="economic", entity=None, present=True, score=0.9)]
    assert "no frame found" not in frames_text([doc], [present], width=80)
