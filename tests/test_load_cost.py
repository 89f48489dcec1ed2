"""The load-time cuts of a first call give the same parser.

- spaCy loads with pydantic's v1 API hidden: the same parse.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

_PARSE = """
import json, sys
from framing import syntax
if sys.argv[1] == "plain":  # spaCy as it loads without the cuts
    syntax._HIDDEN = ("torch",)
doc = syntax.parse([sys.argv[2]])[0]
print(json.dumps({"v1": "pydantic.v1" in sys.modules,
                  "tokens": [[t.text, t.lemma_, t.tag_, t.pos_, t.dep_, t.head.i] for t in doc]}))
"""


def test_the_parser_loaded_with_the_cuts_parses_as_before() -> None:
    text = "Officials did not name the country, but urged Pakistan's government to act against the groups."
    runs = {side: json.loads(subprocess.run([sys.executable, "-c", _PARSE, side, text], cwd=ROOT, check=True,
                                            capture_output=True, text=True).stdout) for side in ("plain", "cut")}
    assert runs["plain"]["v1"] and not runs["cut"]["v1"]
    assert runs["cut"]["tokens"] == runs["plain"]["tokens"]


def test_parse_ahead_parses_a_batch_of_articles_at_once_and_nothing_remembered(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from framing import frames, syntax
    from framing.segment import segment
    from framing.types import Article

    texts = ["Officials urged Pakistan to act against the groups. The talks resumed on Monday.",
             "Pakistan denied the charge. The statement did not name any country. Rain fell.",
             "The talks resumed on Monday without the envoy."]
    docs = [segment(Article(id=str(k), source=f"{k}.txt", text=t)) for k, t in enumerate(texts)]
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(syntax, "_CACHE", {})
    batches: list[list[str]] = []
    real_pipe = syntax.parser().pipe
    monkeypatch.setattr(syntax, "parser", lambda: type("P", (), {"pipe": lambda self, t, **k: (
        batches.append(list(t)) or real_pipe(t, **k))})())
    frames.parse_ahead(docs, ["Pakistan"])
    assert batches == [["Officials urged Pakistan to act against the groups.", "Pakistan denied the charge.",
                        "The statement did not name any country."]]  # one batch; the third names no one
    found = [frames.detect_frames(d, entities=["Pakistan"]) for d in docs]
    assert len(batches) == 1  # the detectors read the parses made ahead
    monkeypatch.setattr(syntax, "_CACHE", {})
    frames.parse_ahead(docs, ["Pakistan"])  # the findings are stored now: nothing to parse
    assert len(batches) == 1
    assert [frames.detect_frames(d, entities=["Pakistan"]) for d in docs] == found
    calls = {f.frame: f.present for f in found[0] if f.entity}
    assert calls["calls_on_entity"] and found[1][0].present  # names_entity in the second
