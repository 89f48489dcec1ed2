"""Issue 13: each reported failure is a clean error or a correct result (kept as regressions)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import cli
from tests.conftest import CORPUS, SEED_A, SEED_B

BODY = "India and the US called for action against terror groups. The talks were held in Delhi on Tuesday.\n"
HINT = "raise it with framing --limit"


def run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, f"JSON nested too deeply (limit json_depth=100; {HINT} json_depth=N)"),
        ('{"text": "x", "id": ' + "9" * 5000 + "}",
         f"JSON number with too many digits (limit number_digits=400; {HINT} number_digits=N)"),
        ("[1, 2]", "a JSON line must be an object {...}, not array"),
        ("5", "a JSON line must be an object {...}, not int"),
        ('"text"', "a JSON line must be an object {...}, not str"),
        ('{"text": "' + BODY.strip() + '", "title": {"a": 1}}', "field 'title' must be string or integer or float, not dict"),
    ],
)
def test_jsonl_rows_of_every_wrong_shape(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(content + "\n")
    assert run("sentences", str(path)) == (2, "", f"Error: {path}:1: {message}\n")


@pytest.mark.parametrize("row", ["[1]", '"x"', '{"id": ["a"]}', '{"id": ' + "1" * 5000 + "}"])
def test_bad_manifest_is_reported_not_raised(tmp_path: Path, row: str) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "manifest.jsonl").write_text(row + "\n")
    code, _, err = run("sentences", str(tmp_path))
    assert code == 2 and err.startswith(f"Warning: {tmp_path / 'manifest.jsonl'}:1: ")
    assert err.endswith(f"Error: {tmp_path}: no readable article in this directory\n")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "'': empty path (name a file or directory)"),
        ("http://[::1", "http://[::1: malformed URL (Invalid IPv6 URL)"),
        ("http://x:99999/", "http://x:99999/: malformed URL (Port out of range 0-65535)"),
        ("https://", "https://: malformed URL (use http://host/path or https://host/path)"),
    ],
)
def test_bad_input_names(spec: str, message: str) -> None:
    assert run("sentences", spec) == (2, "", f"Error: {message}\n")


def test_fifo_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert run("sentences", str(fifo)) == (
        2, "", f"Error: {fifo}: not a regular file (a pipe or device); use - to read standard input\n")


def test_trafilatura_assertion_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "m.html"
    path.write_text("<math><meta><p>")
    code, _, err = run("sentences", str(path))
    assert code == 2 and err.startswith(f"Error: {path}: ") and "\n" not in err[:-1]


def test_limits_refuse_or_truncate_and_can_be_raised(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY + BODY.replace("Delhi", "Mumbai"))
    code, _, err = run("--limit", "bytes=50", "sentences", str(path))
    assert code == 2 and err == (f"Error: {path}: file of {len(BODY) * 2 + 1} bytes is too large "
                                 f"(limit bytes=50; {HINT} bytes=N)\n")
    code, out, err = run("--limit", "sentences=2", "sentences", str(path), "--format", "json")
    assert code == 0 and len(json.loads(out)[0]["sentences"]) == 2
    assert "only the first 2 are read" in err
    assert run("--limit", "size=5", "sentences", str(path))[2].startswith("Error: --limit: unknown limit 'size'")
    assert run("sentences", str(path))[0] == 0  # every run starts from the defaults again


def test_long_lines_are_truncated_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY + "word " * 30_000 + "\n")
    code, _, err = run("--limit", "line_chars=1000", "sentences", str(path))
    assert code == 0 and "lines longer than 1000 characters truncated" in err


def test_cleaning_rules_still_apply_after_the_linear_rewrite() -> None:
    from framing.clean import clean_lines

    lines = clean_lines("Talks held in Delhi on the terror groups today.\n"
                        "   Officials met in Delhi on Tuesday to talk. (Photo: Reuters)\n"
                        "Your email will be kept private and your name shown publicly.\n"
                        "Officials met in Delhi on Tuesday to talk about the terror groups and the way ahead.")
    assert lines == ["Talks held in Delhi on the terror groups today.",
                     "Officials met in Delhi on Tuesday to talk about the terror groups and the way ahead."]


def test_wrong_encodings_in_structured_files(tmp_path: Path) -> None:
    frames = tmp_path / "f.toml"
    frames.write_bytes('[[frame]]\nid = "x"\nlabel = "caf\xe9"\nhypotheses = ["a"]\n'.encode("latin-1"))
    code, _, err = run("frames", str(SEED_A), "--frames", str(frames))
    assert (code, err) == (2, f"Error: {frames}:3: not valid UTF-8 (byte 0xe9 at offset 31); save the file as UTF-8\n")
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(b'{"a": "caf\xe9"}\n')
    code, _, err = run("eval", "align", str(gold))
    assert (code, err) == (2, f"Error: {gold}:1: not valid UTF-8 (byte 0xe9 at offset 10); save the file as UTF-8\n")


def test_frames_toml_field_types_are_named(tmp_path: Path) -> None:
    frames = tmp_path / "f.toml"
    frames.write_text('[[frame]]\nid = "x"\nlabel = "y"\nhypotheses = ["a"]\ncues = 5\n')
    code, _, err = run("frames", str(SEED_A), "--frames", str(frames))
    assert code == 2 and err.startswith(f"Error: {frames}: ") and "cues" in err


def test_eval_gold_files_of_the_wrong_shape(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('["a", "b"]\n')
    assert run("eval", "align", str(gold))[2] == f"Error: {gold}:1: a JSON line must be an object {{...}}, not array\n"
    gold.write_text('{"a": "x", "b": "y", "a_sentences": ["s"], "b_sentences": ["t"], "links": [{"a": 0, "b": 3}]}\n')
    assert run("eval", "align", str(gold))[2] == (
        f"Error: {gold}:1: link (0, 3) points outside a_sentences / b_sentences\n")
    missing = tmp_path / "typo.jsonl"
    assert run("eval", "align", str(missing)) == (2, "", f"Error: {missing}: no such file\n")


def test_eval_events_with_a_manifest_without_ids(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "manifest.jsonl").write_text('{"event": "e1"}\n')
    code, _, err = run("eval", "events", str(tmp_path))
    assert code == 2 and err.endswith(f"Error: {tmp_path / 'manifest.jsonl'}:1: the row needs an 'id' or a 'file'\n")
    (tmp_path / "manifest.jsonl").write_text('{"id": "b", "event": "e1"}\n')
    code, _, err = run("eval", "events", str(tmp_path))
    assert (code, err) == (2, f"Error: {tmp_path / 'manifest.jsonl'}: article 'a' has no row (by 'id' or 'file')\n")


def test_library_api_works_twice() -> None:
    import framing
    import framing.segment

    arts = framing.load_articles([str(SEED_A), str(SEED_B)])
    assert framing.segment(arts[0]).sentences and framing.segment(arts[1]).sentences
    assert callable(framing.compare) and callable(framing.segment)
    assert "framing.segment" in sys.modules and hasattr(sys.modules["framing.segment"], "sentence_spans")


def test_duplicate_ids_are_renamed_with_a_warning(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(BODY)
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"id": "r", "text": BODY}) + "\n" + json.dumps({"id": "r", "text": BODY}) + "\n")
    code, out, err = run("sentences", str(tmp_path / "x"), str(tmp_path / "y"), str(rows), "--format", "json")
    assert code == 0 and [d["id"] for d in json.loads(out)] == ["a", "a-2", "r", "r-2"]
    assert f"Warning: {tmp_path / 'y' / 'a.txt'}: article id 'a' is also the id of {tmp_path / 'x' / 'a.txt'}; renamed 'a-2'" in err


def test_empty_exercise_types_are_refused(tmp_path: Path) -> None:
    code, _, err = run("exercises", str(SEED_A), str(SEED_B), "-o", str(tmp_path / "ex"), "--types", "")
    assert code == 2 and err.startswith("Error: --types: no exercise type given (use omission, ")
    assert not (tmp_path / "ex").exists()


def test_unknown_event_with_a_huge_number(tmp_path: Path) -> None:
    code, _, err = run("exercises", str(CORPUS), "-o", str(tmp_path / "ex"), "--event", "e" + "9" * 5000)
    assert code == 2 and err.startswith("Error: --event: no event 'e999")


def test_a_bug_is_one_line_with_a_saved_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(article: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(sys.modules["framing.segment"], "segment", broken)
    code, _, err = run("sentences", str(SEED_A))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("Error: internal error (ZeroDivisionError: boom); traceback saved to ")
    saved = Path(err.split("traceback saved to ")[1].split("; please report it")[0])
    assert "ZeroDivisionError: boom" in saved.read_text()


def test_metadata_carries_no_terminal_escapes(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"id": "a\x1b[2J", "outlet": "Evil\x1b[31m\u00a0News", "text": BODY}) + "\n")
    code, out, _ = run("sentences", str(rows), "--format", "json")
    assert code == 0 and json.loads(out)[0]["id"] == "a[2J" and "\x1b" not in out


def test_entities_file_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "entities.toml"
    os.mkfifo(fifo)
    code, _, err = run("frames", str(SEED_A), "--entities", str(fifo))
    assert code == 2 and "not a regular file" in err and err.count("Error:") == 1


@pytest.mark.parametrize("option", ["--labels", "--entities"])
def test_utf16_option_files_are_refused_cleanly(tmp_path: Path, option: str) -> None:
    """Found by the long fuzz run: a labels file starting with the bytes FF FE (a UTF-16 mark)."""
    path = tmp_path / "x.toml"
    path.write_bytes(b"\xff\xfe[\x00")
    code, _, err = run("compare", str(SEED_A), str(SEED_B), option, str(path))
    assert code == 2 and err.count("Error:") == 1 and "UTF-16-LE file (by its byte-order mark); save the file as UTF-8" in err


def test_compare_refuses_an_input_of_several_articles(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    for name in ("a", "b"):
        (tmp_path / "dir" / f"{name}.txt").write_text(BODY)
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"id": "r", "text": BODY}) + "\n" + json.dumps({"id": "s", "text": BODY}) + "\n")
    for many in (tmp_path / "dir", rows):
        code, out, err = run("compare", str(many), str(tmp_path / "dir" / "a.txt"))
        assert code == 2 and out == ""
        assert err.strip() == (f"Error: {many}: compare needs one article per input; this holds 2 "
                               "(compare two files, or use `framing report` for a corpus)")
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"id": "r", "text": BODY}) + "\n")
    assert run("compare", str(one), str(tmp_path / "dir" / "a.txt"))[0] == 0


def test_eval_events_says_n_a_for_wire_copies_when_there_are_none() -> None:
    from framing.output.tables import events_table

    report = {"articles": 6, "events": 2, "ari": 1.0, "purity": 1.0, "decoys_merged": [],
              "syndication": {"tp": 0, "fp": 0, "fn": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0},
              "syndication_groups_found": "0/0"}
    assert "wire copies: n/a" in events_table(report) and "P 0.000" not in events_table(report)
    report["syndication"] = {"tp": 1, "fp": 1, "fn": 0, "precision": 0.5, "recall": 1.0, "f1": 0.667}
    assert "wire copies: P 0.500 R 1.000" in events_table(report)
