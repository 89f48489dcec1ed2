"""Per-article batches through `datasets`, the result cache, re-runs and resuming."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import framing.batch as batch
from framing.batch import analyse, decode_result, encode_result
from framing.cache import ResultCache
from framing.cli import cli
from framing.compare import FrameOptions
from framing.frames import detect_frames
from framing.ingest import load_articles
from framing.segment import segment
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def articles():  # noqa: ANN201
    return load_articles([str(CORPUS)])


def counting(monkeypatch: pytest.MonkeyPatch, *, fail_after: int | None = None) -> list[str]:
    """Record which articles get their frames detected; raise KeyboardInterrupt after some."""
    seen: list[str] = []

    def detect(doc, **kwargs):  # noqa: ANN001, ANN003, ANN202
        if fail_after is not None and len(seen) == fail_after:
            raise KeyboardInterrupt
        seen.append(doc.id)
        return detect_frames(doc, **kwargs)

    monkeypatch.setattr(batch, "detect_frames", detect)
    return seen


def test_result_round_trips(articles, encoder) -> None:  # noqa: ANN001
    from framing.classify import EmbeddingClassifier

    doc = segment(articles[0])
    frames = detect_frames(doc, classifier=EmbeddingClassifier(encoder), entities=["Pakistan"])
    again, frames_again = decode_result(articles[0], encode_result(doc, frames))
    assert again == doc and frames_again == frames


def test_rerun_reuses_and_interrupted_run_resumes(articles, encoder, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from framing.classify import EmbeddingClassifier

    options = FrameOptions(entities=("Pakistan",), classifier=EmbeddingClassifier(encoder))
    expected = analyse(articles, encoder=encoder, options=options)  # no cache: the reference
    cache = ResultCache(tmp_path / "results.sqlite")

    seen = counting(monkeypatch, fail_after=3)
    with pytest.raises(KeyboardInterrupt):  # interrupted in the second batch of two
        analyse(articles, encoder=encoder, options=options, cache=cache, batch_size=2)
    assert seen == [a.id for a in articles[:3]]

    seen = counting(monkeypatch)
    resumed = analyse(articles, encoder=encoder, options=options, cache=cache, batch_size=2)
    assert seen == [a.id for a in articles[2:]]  # the first batch was stored; the rest is done now
    assert resumed.reused == 2
    assert resumed.docs == expected.docs and resumed.frames == expected.frames

    seen = counting(monkeypatch)
    again = analyse(articles, encoder=encoder, options=options, cache=cache)
    assert seen == [] and again.reused == len(articles) and again.frames == expected.frames

    edited = [articles[0].__class__(**{**articles[0].__dict__, "text": articles[0].text + " A new sentence."}),
              *articles[1:]]
    seen = counting(monkeypatch)
    changed = analyse(edited, encoder=encoder, options=options, cache=cache)
    assert seen == [articles[0].id] and changed.reused == len(articles) - 1

    seen = counting(monkeypatch)
    other = FrameOptions(entities=("China",), classifier=options.classifier)
    analyse(articles, encoder=encoder, options=other, cache=cache)
    assert len(seen) == len(articles)  # other settings, other results


def test_report_rerun_says_what_it_reused_and_writes_the_same(tmp_path: Path) -> None:
    args = ["report", str(CORPUS), "--entity", "Pakistan", "--format", "json"]
    first = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "a.json")])
    second = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "b.json")])
    fresh = CliRunner().invoke(cli, [*args, "--no-cache", "-o", str(tmp_path / "c.json")])
    assert first.exit_code == second.exit_code == fresh.exit_code == 0, first.output + second.output
    assert "articles: 100%" in first.stderr  # the batches' progress bar is on stderr
    assert "reused 5 of 5 articles" in second.stderr and "reused" not in fresh.stderr
    a, b, c = (json.loads((tmp_path / f"{n}.json").read_text()) for n in "abc")
    assert a == b == c


def test_interrupted_report_says_how_to_resume(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "cache"))  # nothing cached: frames are detected
    counting(monkeypatch, fail_after=0)
    result = CliRunner().invoke(cli, ["report", str(CORPUS), "--format", "json", "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 1 and "run the same command to resume" in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "r.json").exists()
