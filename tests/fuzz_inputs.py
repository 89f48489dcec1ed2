"""Hypothesis strategies for hostile and careless inputs, and one checked CLI run.

The texts are made up here (generic news-like sentences plus junk), never copied from a corpus.
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner
from hypothesis import strategies as st

from framing.cli import cli

SENTENCES = [
    "The two governments agreed on Tuesday to expand cooperation against armed groups.",
    "Officials said the talks in the capital lasted three hours.",
    "The ministry did not name any country in its statement.",
    "Critics accused the neighbouring state of sheltering militants.",
    "Both sides called on Pakistan to act against the groups on its soil.",
    "A spokesperson described the meeting as constructive and forward-looking.",
    "The statement stopped short of naming the country, a silence that drew attention.",
    "Analysts said the move could reshape trade between the two nations.",
]
PAYLOADS = [
    "<img src=x onerror=alert(1)>", "<iframe src=javascript:alert(1)></iframe>",
    "<script>alert(1)</script>", "[click](javascript:alert(1))", "=HYPERLINK(\"http://x\")",
    "+1+1", "-2+3", "@SUM(1)", "**bold** _it_ `code`", "| a | b |", "# heading", "\x1b[31mred",
    "\u202e\u200b\ufeff", "http://example.com/x", "(Photo: AP)", "kept private " * 5, " " * 300,
]
TAGS = ["div", "p", "math", "meta", "table", "tr", "td", "svg", "script", "style", "a", "span",
        "article", "h1", "title", "template", "iframe", "br", "noscript", "select", "option", "head"]


def _prose() -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(PAYLOADS), st.text(max_size=40))
    line = st.lists(piece, min_size=1, max_size=6).map(" ".join)
    return st.lists(line, min_size=1, max_size=12).map("\n".join)


PROSE = _prose()
JSON_SCALAR = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
    st.text(max_size=30), PROSE, st.integers(min_value=10**20, max_value=10**60),
)
JSON_VALUE = st.recursive(JSON_SCALAR, lambda kids: st.one_of(
    st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=8), kids, max_size=4)), max_leaves=12)
FIELDS = ["text", "id", "title", "outlet", "date", "url", "event", "file", "syndication_group"]


def _article_row() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {"text": st.one_of(PROSE, JSON_VALUE)},
        optional={k: st.one_of(JSON_SCALAR, JSON_VALUE) for k in FIELDS[1:]})


def _json_line() -> st.SearchStrategy[str]:
    raw = st.one_of(
        JSON_VALUE.map(json.dumps), _article_row().map(json.dumps),
        st.sampled_from(["[" * 5000 + "]" * 5000, '{"text": "x", "id": ' + "9" * 5000 + "}", "{bad", "\x00"]),
    )
    return raw


JSONL = st.lists(_json_line(), max_size=6).map("\n".join)


def _csv_text(rows: list[list[str]], header: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


CSV = st.builds(_csv_text, st.lists(st.lists(st.one_of(PROSE, st.text(max_size=20)), max_size=5), max_size=5),
                st.lists(st.sampled_from([*FIELDS, "x", ""]), min_size=1, max_size=5))
HTML = st.recursive(
    st.one_of(PROSE, st.sampled_from(PAYLOADS)),
    lambda kids: st.builds(lambda tag, inner, close: f"<{tag}>{''.join(inner)}" + (f"</{tag}>" if close else ""),
                           st.sampled_from(TAGS), st.lists(kids, max_size=4), st.booleans()),
    max_leaves=20,
)


def _toml_value() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers().map(str), st.booleans().map(lambda b: str(b).lower()), st.floats(allow_nan=False,
        allow_infinity=False).map(repr), st.text(max_size=20).map(json.dumps),
        st.lists(st.text(max_size=15).map(json.dumps), max_size=3).map(lambda v: f"[{', '.join(v)}]"),
        st.lists(st.integers().map(str), max_size=3).map(lambda v: f"[{', '.join(v)}]"),
        st.just("{ a = 1 }"), st.just("[[]]"),
    )


def _toml_table(name: str, keys: list[str]) -> st.SearchStrategy[str]:
    entry = st.dictionaries(st.sampled_from(keys), _toml_value(), max_size=len(keys)).map(
        lambda d: f"[[{name}]]\n" + "".join(f"{k} = {v}\n" for k, v in d.items()))
    return st.lists(entry, max_size=3).map("".join)


FRAMES_TOML = st.one_of(_toml_table("frame", ["id", "label", "hypotheses", "cues", "examples", "threshold"]),
                        st.text(max_size=80), st.just("frame = 5\n"), st.just("[frame]\nid = 1\n"))
ENTITIES_TOML = st.one_of(_toml_table("entity", ["id", "kind", "aliases"]), st.text(max_size=60),
                          st.just("entity = 1\n"))
LABELS_TOML = st.one_of(_toml_table("label", ["name", "words"]), st.text(max_size=60), st.just("label = 3\n"))


def _encode(text: str, codec: str) -> bytes:
    return text.encode(codec, errors="replace") if codec != "junk" else text.encode() + b"\xff\xfe\x80"


def as_bytes(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """Text in a random encoding (or with stray bytes), sometimes replaced by random bytes."""
    codecs = st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1", "junk"])
    return st.one_of(st.builds(_encode, strategy, codecs), st.binary(max_size=300))


ARTICLE_FILE = st.one_of(
    st.tuples(st.sampled_from([".txt", ".md"]), as_bytes(PROSE)),
    st.tuples(st.just(".html"), as_bytes(HTML)),
    st.tuples(st.just(".jsonl"), as_bytes(JSONL)),
    st.tuples(st.just(".csv"), as_bytes(CSV)),
    st.tuples(st.sampled_from([".pdf", "", ".TXT"]), st.binary(max_size=50)),
)
GOOD_ARTICLE = st.tuples(st.just(".txt"), st.lists(st.sampled_from(SENTENCES + PAYLOADS[:5]), min_size=3,
                                                   max_size=9).map(lambda s: "\n".join(s).encode()))


@dataclass
class Tally:
    """What a fuzz session saw: runs, exit codes, bad outcomes (kept as regression material)."""

    runs: int = 0
    codes: dict[int, int] = field(default_factory=dict)
    slowest: float = 0.0
    over_30s: int = 0
    failures: list[str] = field(default_factory=list)
    slow_runs: list[str] = field(default_factory=list)
    collect: bool = False  # the long run records every failure instead of stopping at the first


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def check_run(root: Path, args: list[str], tally: Tally, *, output: str | None = None,
              stdin: bytes | None = None) -> None:
    """Run ``framing ARGS`` in ``root`` and assert the promises of issue 13.

    Exit 0 or 2; at most one ``Error:`` line, exactly one on exit 2; no traceback; no file
    written outside ``in/`` and the output path.
    """
    before = _tree(root)
    cwd = os.getcwd()
    os.chdir(root)
    start = time.perf_counter()
    try:
        result = CliRunner().invoke(cli, args, input=stdin)
    finally:
        os.chdir(cwd)
    took = time.perf_counter() - start
    tally.runs += 1
    tally.codes[result.exit_code] = tally.codes.get(result.exit_code, 0) + 1
    tally.slowest = max(tally.slowest, took)
    tally.over_30s += took > 30
    if took > 10:
        tally.slow_runs.append(f"{took:.1f}s framing {' '.join(a[:60] for a in args)}")
    err = result.stderr
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    allowed = ["in", *([output] if output else [])]
    new = {p for p in _tree(root) - before if not any(p == a or p.startswith(a + os.sep) for a in allowed)}
    problem = None
    if result.exit_code not in (0, 2):
        problem = f"exit {result.exit_code}: {err.strip()[-300:]} {result.exception!r}"
    elif "Traceback" in err or "Traceback" in result.stdout:
        problem = "traceback printed"
    elif len(errors) > 1 or (result.exit_code == 2 and len(errors) != 1):
        problem = f"{len(errors)} Error: lines: {err[-300:]}"
    elif new:
        problem = f"wrote outside -o: {sorted(new)[:5]}"
    if problem:
        tally.failures.append(f"framing {' '.join(args)}: {problem}")
    assert problem is None or tally.collect, f"framing {' '.join(args)}: {problem}"
