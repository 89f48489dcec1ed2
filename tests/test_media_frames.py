"""The built-in Media Frames inventory on ordinary news it was not written from.

``tests/data/media_frames_news.jsonl``: 32 short news articles we wrote ourselves on 32 topics
(courts, strikes, interest rates, waiting lists, guns, elections, drought, ...; none about the
sample story), each labelled by hand with the Media Frames it clearly carries before the tool was
run on it. Set "a" (16) was written first, "b" (8) before the inventory's cues, "c" (8) after
them (held out). Measured with the default encoder: 31 of 81 labelled frames found, 2 found
frames not labelled (precision 0.94, recall 0.38); the previous, story-specific defaults: 8 of
81, 1 unlabelled (0.89 / 0.10).
"""

from __future__ import annotations

import json
from pathlib import Path

from framing.classify import EmbeddingClassifier
from framing.frames import USER_PRESENT, detect_frames, media_frames
from framing.segment import segment
from framing.types import Article

NEWS = Path(__file__).parent / "data" / "media_frames_news.jsonl"


def test_inventory_is_general_and_shaped_like_a_user_frame_file() -> None:
    frames = {f.id: f for f in media_frames()}
    assert len(frames) == 15
    for frame in frames.values():
        if frame.id == "other":
            continue
        assert len(frame.hypotheses) == 3 and len(frame.examples) == 5 and frame.cues
        assert frame.threshold == USER_PRESENT and not frame.require_cues  # the user frames' cue rule
    text = " ".join(p for f in frames.values() for p in (*f.hypotheses, *f.examples, *f.cues)).lower()
    for story in ("pakistan", "india", "166", "extradition", "financial action task force", "cross-border"):
        assert story not in text


def test_media_frames_on_ordinary_news(encoder) -> None:  # noqa: ANN001
    """Precision first: a frame found must be one the article was labelled with."""
    rows = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()]
    clf = EmbeddingClassifier(encoder)
    found_ok = found_wrong = labelled = 0
    for row in rows:
        doc = segment(Article(id=row["id"], source=row["id"], text=row["text"]))
        found = {f.frame for f in detect_frames(doc, classifier=clf) if f.present and f.entity is None}
        gold = set(row["frames"])
        found_ok += len(found & gold)
        found_wrong += len(found - gold)
        labelled += len(gold)
    assert labelled == 81
    assert found_ok / max(found_ok + found_wrong, 1) >= 0.88  # measured 0.94 (31 / 33)
    assert found_ok / labelled >= 0.33  # measured 0.38: an inventory that finds nothing fails


PROTEST_B = ("Police estimated that 80,000 people joined Saturday's march against the plan to raise the "
             "retirement age to 66. Union leaders said the government had ignored millions of workers who do "
             "hard physical jobs. A poll for a national newspaper showed that 65 percent of the public opposes "
             "the reform.")


def test_exercises_ask_a_frame_match_on_ordinary_news(tmp_path: Path) -> None:
    """Two outlets' reports of one protest: a worksheet asks which Media Frame a sentence carries."""
    from click.testing import CliRunner

    from framing.cli import cli

    rows = {r["id"]: r for r in map(json.loads, NEWS.read_text(encoding="utf-8").splitlines())}
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(rows["protest_poll"]["text"], encoding="utf-8")
    b.write_text(PROTEST_B, encoding="utf-8")
    result = CliRunner().invoke(cli, ["exercises", str(a), str(b), "-o", str(tmp_path / "out"), "--seed", "1"])
    assert result.exit_code == 0, result.stderr
    items = json.loads((tmp_path / "out" / "exercises.json").read_text())["items"]
    matches = [i for i in items if i["type"] == "frame_match"]
    assert matches and all(i["answer"] in i["choices"] for i in matches)
