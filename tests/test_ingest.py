"""Ingest: every input form of CONTRACT.md, furniture removal, and bad input."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import cli
from framing.errors import InputError
from framing.ingest import fetch_url, load_articles
from tests.conftest import CORPUS, SEED_A

BODY = (
    "India and the US called for action against terror groups. "
    "The talks were held in New Delhi on Tuesday."
)
HTML = f"""<html><head><title>India, US hold talks | Example News</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>India, US hold talks</h1><p>{BODY}</p>
<p>Both sides condemned cross-border terrorism in all its forms and agreed to meet again next year
in Washington to review progress on designations.</p></article>
<footer>Copyright Example News. All rights reserved.</footer></body></html>"""


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_txt_keeps_title_and_drops_furniture() -> None:
    art = load_articles([str(SEED_A)])[0]
    assert art.title.startswith("India, US Press for Global Sanctions")
    for furniture in ("Loading", "KNOW INDIA", "View Source", "File Photo", "Font Replacer"):
        assert furniture not in art.text
    assert art.text.count(art.title) == 1  # the repeated headline is dropped
    assert "1267 Sanctions Committee" in art.text
    assert art.outlet == "indianrepublic.in"  # from the manifest beside the file


def test_slogans_and_ads_are_dropped() -> None:
    text = (CORPUS / "003_fe4e796e0e8e7b78.txt").read_text()
    assert "fastest source" in text
    art = load_articles([str(CORPUS / "003_fe4e796e0e8e7b78.txt")])[0]
    assert "fastest source" not in art.text
    art2 = load_articles([str(CORPUS / "002_c387223b24257c80.txt")])[0]
    assert "Advertisement" not in art2.text


def test_md_file(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(f"# India, US hold talks\n\n{BODY}\n")
    art = load_articles([str(path)])[0]
    assert art.id == "note" and "New Delhi on Tuesday" in art.text


def test_html_file_uses_extractor(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML)
    art = load_articles([str(path)])[0]
    assert art.title == "India, US hold talks"
    assert "called for action against terror groups" in art.text
    assert "All rights reserved" not in art.text and "Home" not in art.text.split("\n")


def test_jsonl_and_csv_rows(tmp_path: Path) -> None:
    jsonl = tmp_path / "arts.jsonl"
    rows = [{"id": "x1", "text": BODY, "outlet": "a.com"}, {"text": BODY + " More."}]
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    csv_path = tmp_path / "arts.csv"
    csv_path.write_text(f'id,outlet,text\nc1,b.com,"{BODY}"\n')
    arts = load_articles([str(jsonl), str(csv_path)])
    assert [a.id for a in arts][0] == "x1" and arts[0].outlet == "a.com"
    assert len(arts[1].id) == 12  # no id: a stable hash of the text
    assert arts[2].id == "c1" and arts[2].outlet == "b.com"


def test_directory_with_manifest(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "058.txt").write_text(BODY)
    (tmp_path / "sub" / "059.txt").write_text(BODY + " Again.")
    (tmp_path / "manifest.jsonl").write_text(
        json.dumps({"id": "058", "outlet": "x.in", "event": "e1", "date": "2024-03"}) + "\n"
    )
    arts = {a.id: a for a in load_articles([str(tmp_path)])}
    assert set(arts) == {"058", "059"}
    assert arts["058"].outlet == "x.in" and arts["058"].event == "e1"


def test_a_folders_documentation_is_read_as_the_contract_says_and_named(tmp_path: Path,
                                                                        caplog: pytest.LogCaptureFixture) -> None:
    """CONTRACT.md: a directory is every supported file inside it; one that looks like the folder's
    documentation (a README, or a text its manifest leaves out) is named on stderr."""
    listed, unlisted = tmp_path / "listed", tmp_path / "unlisted"
    for folder in (listed, unlisted):
        folder.mkdir()
        (folder / "a1.txt").write_text(BODY)
        (folder / "notes.md").write_text("How this folder was made. " + BODY)
        (folder / "README.md").write_text("# About\n\nThese articles were collected by hand. " + BODY)
    (listed / "manifest.jsonl").write_text(json.dumps({"id": "a1", "outlet": "x.in"}) + "\n")
    with caplog.at_level("WARNING"):
        assert sorted(a.id for a in load_articles([str(listed)])) == ["README", "a1", "notes"]
    named = " ".join(r.getMessage() for r in caplog.records)
    assert "README.md is read as an article" in named and "notes.md is read as an article" in named
    assert "a1.txt" not in named
    caplog.clear()
    with caplog.at_level("WARNING"):
        assert sorted(a.id for a in load_articles([str(unlisted)])) == ["README", "a1", "notes"]
    named = " ".join(r.getMessage() for r in caplog.records)
    assert "README.md" in named and "notes.md" not in named  # no manifest: only the README looks like one


def test_corpus_directory_reads_the_seeds() -> None:
    arts = load_articles([str(CORPUS)])
    assert len(arts) == 5  # gold/manifest tables are not articles


def test_stdin() -> None:
    code, out, _ = run("sentences", "-", input=BODY)
    assert code == 0 and "New Delhi on Tuesday" in out


@pytest.fixture()
def server() -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 serving one page and one huge page."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            body = HTML.encode() if self.path == "/page" else b"x" * 2048
            if self.path == "/missing":
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_url(server: str) -> None:
    art = load_articles([f"{server}/page"])[0]
    assert art.url == f"{server}/page" and "terror groups" in art.text


def test_url_errors(server: str) -> None:
    with pytest.raises(InputError, match="HTTP error 404"):
        fetch_url(f"{server}/missing")
    with pytest.raises(InputError, match="page larger than"):
        fetch_url(f"{server}/big", max_bytes=1024)
    code, _, err = run("sentences", "http://127.0.0.1:9/none")
    assert code == 2 and err.startswith("Error: http://127.0.0.1:9/none: cannot fetch")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"   \n\t\n", "empty article (no text after removing page furniture)"),
        ("bin.txt", b"\x00\x01\x02abc", "binary file, not text"),
        ("doc.pdf", b"%PDF", "unsupported file type '.pdf' (use .txt, .md, .html, .htm, .jsonl or .csv)"),
    ],
)
def test_bad_files_exact_error(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run("sentences", str(path))
    assert code == 2 and out == ""
    assert err == f"Error: {path}: {message}\n"


def test_malformed_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": BODY}) + "\n{not json\n")
    code, _, err = run("sentences", str(path))
    assert code == 2
    assert err == f"Error: {path}:2: malformed JSON line (Expecting property name enclosed in double quotes)\n"


def test_missing_path() -> None:
    code, _, err = run("sentences", "no/such/file.txt")
    assert (code, err) == (2, "Error: no/such/file.txt: no such file or directory\n")


def test_directory_skips_bad_file_and_reads_the_rest(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(BODY)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00")
    code, out, err = run("sentences", str(tmp_path))
    assert code == 0 and "New Delhi on Tuesday" in out
    assert err == f"Warning: {tmp_path / 'bad.txt'}: binary file, not text; skipped\n"


def test_directory_with_nothing_readable(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00")
    code, _, err = run("sentences", str(tmp_path))
    assert code == 2
    assert err.endswith(f"Error: {tmp_path}: no readable article in this directory\n")


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        (BODY.replace("Tuesday", "Tuesday caf\xe9").encode("latin-1"), "read as Windows-1252"),
        (BODY.encode("utf-16"), None),  # a BOM names the encoding
        (BODY.encode("utf-16-le"), None),  # no BOM: the NULs give it away
        (("Caf\u00e9 " + BODY).encode("utf-8").replace(b"Tuesday", b"Tues\xffday"), "invalid bytes replaced"),
    ],
)
def test_text_inputs_are_decoded_robustly(tmp_path: Path, data: bytes, warning: str | None) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    code, out, err = run("sentences", str(path))
    assert code == 0 and "New Delhi on" in out
    assert (warning in err) if warning else err == ""


def test_structured_inputs_are_decoded_strictly(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(json.dumps({"text": "caf\u00e9 " + BODY}, ensure_ascii=False).encode("latin-1"))
    code, _, err = run("sentences", str(path))
    assert code == 2
    assert err == f"Error: {path}:1: not valid UTF-8 (byte 0xe9 at offset 13); save the file as UTF-8\n"


def test_an_article_from_standard_input_is_called_stdin() -> None:
    """Not a hash: "A = el_ledger, B = stdin" reads in every view."""
    import io

    (article,) = load_articles(["-"], stdin=io.StringIO("Dam gates opened\n\nEngineers opened the gates at noon.\n"))
    assert article.id == "stdin" and article.source == "<stdin>"


def test_a_two_word_headline_in_sentence_case_is_kept_a_menu_line_is_not(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Nurses strike\nAbout 3,200 nurses walked out on Tuesday.\n")
    (tmp_path / "b.txt").write_text("World News\nAbout 3,200 nurses walked out on Tuesday.\n")
    a, b = load_articles([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert a.title == "Nurses strike" and a.text.startswith("Nurses strike\n")
    assert b.title is None and b.text.startswith("About")
