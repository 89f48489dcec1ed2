"""Issue 13, outputs: -o checked before any work, atomic writes, escaping in every format."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import cli
from framing.output_files import write_atomic
from tests.conftest import CORPUS, SEED_A, SEED_B


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", ["report", "exercises"])
def test_unusable_output_directories_are_refused_first(tmp_path: Path, command: str) -> None:
    a_file = tmp_path / "a_file"
    a_file.write_text("mine")
    inputs = [str(SEED_A), str(SEED_B)]
    cases = {
        "/proc/framing-test": "cannot write here (No such file or directory)",
        str(a_file): "exists and is a file, not a directory; choose a directory",
        str(a_file / "sub"): f"{a_file} is a file, not a directory",
    }
    for output, message in cases.items():
        assert run(command, *inputs, "-o", output) == (2, "", f"Error: {output}: {message}\n")
    assert a_file.read_text() == "mine"


def test_compare_output_file_checks(tmp_path: Path) -> None:
    target = tmp_path / "target.md"
    link = tmp_path / "link.md"
    link.symlink_to(target)  # dangling: writing through it would create the target
    args = ["compare", str(SEED_A), str(SEED_B), "--format", "markdown", "-o"]
    assert run(*args, str(link)) == (
        2, "", f"Error: {link}: is a symbolic link; pass --force to replace the link (its target is left alone)\n")
    assert run(*args, str(tmp_path)) == (2, "", f"Error: {tmp_path}: is a directory; name a file\n")
    assert run(*args, str(tmp_path / "no" / "x.md"))[2] == (
        f"Error: {tmp_path / 'no' / 'x.md'}: folder {tmp_path / 'no'} does not exist; create it first\n")
    code, _, _ = run(*args, str(link), "--force")
    assert code == 0 and not target.exists() and not link.is_symlink() and link.read_text().startswith("# ")


def test_atomic_write_keeps_the_old_file_when_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.json"
    path.write_text("old")

    def killed(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "new" * 1000)
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_force_into_an_older_report_leaves_no_stale_pages(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("report", str(CORPUS), "-o", str(out), "--format", "html")[0] == 0
    old_pages = {p.name for p in out.glob("event-*.html")}
    assert len(old_pages) > 1
    (out / "event-notes.html").write_text("<p>my own notes</p>")  # the user's file, not a report page
    assert run("report", str(SEED_A), str(SEED_B), "-o", str(out), "--format", "html", "--force")[0] == 0
    assert (out / "event-notes.html").read_text() == "<p>my own notes</p>"
    pages = {p.name for p in out.glob("event-*.html")} - {"event-notes.html"}
    assert len(pages) == 1 and pages < old_pages | pages
    index = (out / "index.html").read_text()
    assert all(f'href="{p}"' in index for p in pages)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    text = (CORPUS / "000_241931a7261d106c.txt").read_text()
    rows.write_text(json.dumps({"id": "=1+2", "outlet": "@SUM(A1)", "title": "+cmd", "text": text}) + "\n")
    out = tmp_path / "out"
    assert run("report", str(rows), "-o", str(out), "--format", "csv")[0] == 0
    cells = [c for row in csv.reader((out / "articles.csv").open()) for c in row]
    assert {"'=1+2", "'@SUM(A1)", "'+cmd"} <= set(cells)
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    code, out_csv, _ = run("frames", str(rows), "--format", "csv")
    assert code == 0 and not any(c.startswith(("=", "+", "@")) for r in csv.reader(out_csv.splitlines()) for c in r)


# Each payload changes the page title if it runs; none may survive as markup.
PAYLOADS = ("<img src=x onerror=\"document.title='pwned-img'\">",
            "<iframe src=\"javascript:parent.document.title='pwned-iframe'\"></iframe>",
            "<script>document.title='pwned-script'</script>",
            "[click me](javascript:document.title='pwned-link')")


def _evil_copy(seed: Path, folder: Path) -> Path:
    lines = seed.read_text().split("\n")
    lines[0] = f"{lines[0]} {PAYLOADS[2]}"  # the headline is quoted in every view
    lines.insert(2, f"Officials said the talks covered terror groups {PAYLOADS[0]} and {PAYLOADS[1]} today.")
    lines.insert(4, f"The spokesperson added a note on the groups {PAYLOADS[3]} on Tuesday.")
    path = folder / seed.name
    path.write_text("\n".join(lines))
    return path


def _chromium_dom(page: Path, profile: Path) -> str:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (scripts/setup.sh installs it where it can)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--dump-dom"]
    return subprocess.run([chromium, *flags, page.as_uri()], capture_output=True, text=True, timeout=120, check=False).stdout


def test_no_article_markup_survives_any_rendered_output(tmp_path: Path) -> None:
    """Markdown (rendered with a Markdown library that passes raw HTML through) and HTML views,
    opened in headless Chromium: no script runs, no element or link from an article exists."""
    from markdown_it import MarkdownIt

    evil = tmp_path / "evil"
    evil.mkdir()
    a, b = _evil_copy(SEED_A, evil), _evil_copy(SEED_B, evil)
    pages = tmp_path / "pages"
    pages.mkdir()
    assert run("compare", str(a), str(b), "--format", "markdown", "-o", str(pages / "compare.md"))[0] == 0
    assert run("compare", str(a), str(b), "--format", "html", "-o", str(pages / "compare.html"))[0] == 0
    assert run("exercises", str(a), str(b), "--entity", "Pakistan", "-o", str(tmp_path / "ex"))[0] == 0
    for name in ("worksheet.md", "answer_key.md", "worksheet.html", "answer_key.html", "quiz.html"):
        shutil.copy(tmp_path / "ex" / name, pages / name)
    renderer = MarkdownIt("commonmark", {"html": True}).enable("table")
    for md in pages.glob("*.md"):
        text = md.read_text()
        assert "&lt;script&gt;" in text and not any(p in text for p in PAYLOADS), md.name
        html = renderer.render(text)
        (pages / f"{md.stem}.md.html").write_text(f"<!doctype html><html><head><title>ok</title></head><body>{html}</body></html>")
    checked = 0
    for page in sorted(pages.glob("*.html")):
        dom = _chromium_dom(page, tmp_path / "profile")
        assert "<title>" in dom and "pwned" not in dom.split("</title>")[0], page.name
        assert "<img" not in dom and "<iframe" not in dom, page.name
        assert 'href="javascript:' not in dom and "document.title='pwned-script'</script>" not in dom, page.name
        checked += "&lt;script&gt;document.title" in dom or "pwned-script" in dom
    assert checked >= 5  # the payload is shown as text in the pages that quote the headline


def test_compare_html_links_to_the_originals_only_by_http(tmp_path) -> None:  # noqa: ANN001
    import json as _json

    from click.testing import CliRunner

    from framing.cli import cli

    body = "The dam gates were opened at noon on Monday, engineers said. Water levels fell by evening."
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"Dam gates opened\n{body}\n")
    rows = [{"id": "a", "url": "https://example.org/dam-gates"}, {"id": "b", "url": "javascript:alert(1)"}]
    (tmp_path / "manifest.jsonl").write_text("\n".join(_json.dumps(r) for r in rows) + "\n")
    result = CliRunner().invoke(cli, ["compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert '<a href="https://example.org/dam-gates">' in result.stdout and "javascript:" not in result.stdout
