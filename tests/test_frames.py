"""Framing detection: constructions, voice, gazetteer, classifiers, user frames, the gate."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from framing import detectors
from framing.classify import EmbeddingClassifier, NLIClassifier
from framing.cli import cli
from framing.entities import gazetteer, mentions, resolve_entity, voice
from framing.errors import FrameSpecError
from framing.frames import FrameSpec, detect_frames, load_frames, media_frames
from framing.segment import segment
from framing.types import Article
from tests.conftest import CORPUS, SEED_A, SEED_B

PAK = resolve_entity("Pakistan")


def test_gazetteer_covers_all_countries_with_aliases() -> None:
    names = {e.name for e in gazetteer().values()}
    assert len(names) >= 195
    assert resolve_entity("islamabad").name == "Pakistan"
    assert resolve_entity("Chinese").name == "China"
    assert {"Kabul", "Afghan"} <= set(resolve_entity("Afghanistan").aliases)


@pytest.mark.parametrize("text", ["Pakistan's army", "the Pakistani side", "talks in Islamabad",
                                  "Pak needs to act", "PAKISTAN REJECTS", "Pakistan-based groups"])
def test_names_entity_forms(text: str) -> None:
    assert mentions(PAK, text)


@pytest.mark.parametrize("text", ["Pakistanism is not a word", "a pakora stall", "US officials spoke"])
def test_names_entity_needs_whole_words(text: str) -> None:
    assert not mentions(PAK, text)


@pytest.mark.parametrize("text", [
    "The joint statement stopped short of naming Pakistan.",
    "Without directly referring to Pakistan, the two sides called for action.",
    "The Minister did not take the name of Pakistan in his speech.",
    "The statement didn't name any countries, though Pakistan was clearly on their minds.",
    "Officials refrained from explicitly mentioning Islamabad.",
    "Pakistan was not named in the final communique.",
    "Notably, Pakistan went unnamed in the text.",
    "There was no direct mention of Pakistan in the document.",
    "The leaders avoided singling out Pakistan.",
])
def test_highlights_omission_constructions(text: str) -> None:
    assert detectors.highlights_omission(text, PAK) is not None


@pytest.mark.parametrize("text", [
    "The joint statement named Pakistan as a source of terrorism.",
    "India and the US called on Pakistan to act.",
    "The name of the operation was not disclosed.",
    "An oblique message to Pakistan, officials said.",
])
def test_not_an_omission(text: str) -> None:
    assert detectors.highlights_omission(text, PAK) is None


def test_veiled_reference_is_separate() -> None:
    text = "In an oblique message to Pakistan, the two sides condemned cross-border terrorism."
    assert detectors.veiled_reference(text, PAK) is not None
    assert detectors.highlights_omission(text, PAK) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("The statement condemned terror havens across the border, a clear reference to Pakistan.", True),
    ("Officials warned against states that use proxies — an allusion to Islamabad's support for militants.", True),
    ("The minister's remark was widely seen as a dig at Pakistan.", True),
    ("In what was read as a message to Islamabad, the two sides vowed to act against cross-border terror.", True),
    ("They spoke of 'neighbours who export terror', in a thinly disguised swipe at Pakistani authorities.", True),
    ("The Foreign Office issued a statement in reference to Pakistan's concerns.", False),
    ("He made a reference to Pakistan's economy in his speech.", False),
    ("The meeting ended with a warning to Pakistan to dismantle the camps.", False),
    ("The 26/11 attacks, a reference to the 2008 Mumbai attacks, were discussed in Pakistan.", False),
    ("Pakistan sent a message to India through diplomatic channels.", False),
])
def test_glosses_and_readings_of_oblique_phrases_are_veiled(text: str, expected: bool) -> None:
    assert (detectors.veiled_reference(text, PAK) is not None) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("India and the US called on Pakistan to take action against terror groups.", True),
    ("Both sides urged Islamabad to dismantle terrorist safe havens.", True),
    ("They underlined the urgent need for Pakistan to take irreversible action.", True),
    ("Pakistan must end its support to terror groups, the statement said.", True),
    ("The two countries sought concrete action from Pakistan against the plotters.", True),
    ("India and the US called on all countries to take action.", False),
    ("Pakistan rejected the joint statement.", False),
    ("The leaders did not call on Pakistan to act.", False),
])
def test_calls_on(text: str, expected: bool) -> None:
    assert (detectors.calls_on(text, PAK) is not None) is expected


@pytest.mark.parametrize(("text", "previous", "expected"), [
    ("The attack was carried out by Pakistan-based Jaish-e-Mohammad.", "", True),
    ("India says the groups operate from Pakistani territory.", "", True),
    ("Pakistan should act against terrorists operating from its soil.", "", True),
    ("They act against groups operating from its soil.", "Pakistan was asked to act.", True),
    ("Experts warned of Pakistan's continued use of militant proxies.", "", True),
    ("The group is backed by Pakistan, officials said.", "", True),
    ("Pakistan must ensure that no territory under its control is used for attacks.", "", False),
    ("Pakistan rejected the statement as one-sided.", "", False),
])
def test_attributes_to(text: str, previous: str, expected: bool) -> None:
    assert (detectors.attributes_to(text, PAK, previous) is not None) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("New Delhi blamed Islamabad for the Pahalgam attack.", True),
    ("India accused Pakistan of sponsoring cross-border terrorism.", True),
    ("India holds Pakistan responsible for the attack.", True),
    ("Pakistan was suspected of involvement in the bombing.", True),
    ("Pakistan's army was accused of backing the militants.", True),
    ("The statement referred to Pakistan's alleged role in the Mumbai attacks.", True),
    ("Pakistan blamed India for the attack.", False),
    ("Pakistan accused India of sponsoring terrorism.", False),
    ("The report did not blame Pakistan for the attack.", False),
    ("India accused Pakistan of violating the ceasefire agreement.", True),  # blame for a harmful act
    ("India asked Pakistan about the ceasefire agreement.", False),
    ("Pakistan's role in the peace talks was praised.", False),
])
def test_blame_is_attribution(text: str, expected: bool) -> None:
    assert (detectors.attributes_to(text, PAK) is not None) is expected


@pytest.mark.parametrize(("text", "at", "expected"), [
    ("India has accused the groups of operating from Pakistani territory.", None, "attributed"),
    ("Pakistan-based terror outfits were named in the list.", None, "outlet"),
    ('"Pakistan must act," the statement said.', 2, "quoted"),
    ("The United States and India called for sanctions.", None, "outlet"),
])
def test_voice(text: str, at: int | None, expected: str) -> None:
    assert voice(text, at) == expected


def test_user_frames_toml_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[frame]]\nid = "x"\nlabel = "X"\n')
    with pytest.raises(FrameSpecError) as err:
        load_frames(bad)
    assert str(err.value) == f"{bad}: [[frame]] #1 ('x') needs 'hypotheses', a list of strings"
    broken = tmp_path / "broken.toml"
    broken.write_text("[[frame]\n")
    result = CliRunner().invoke(cli, ["frames", str(SEED_A), "--frames", str(broken)])
    assert result.exit_code == 2 and result.stderr.startswith(f"Error: {broken}: invalid TOML")


def test_user_frame_fields_are_validated(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[frame]]\nid = "x"\nlabel = "X"\nhypotheses = ["h"]\ncues = 5\n')
    result = CliRunner().invoke(cli, ["frames", str(SEED_A), "--frames", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {bad}: [[frame]] #1 ('x'): 'cues' must be a list of non-empty strings"
    bad.write_text('[[frame]]\nid = "x"\nlabel = "X"\nhypotheses = ["h"]\nrequire_cues = true\n')
    with pytest.raises(FrameSpecError, match="true needs 'cues'"):
        load_frames(bad)


def test_cues_are_hints_not_requirements() -> None:
    """A sentence without a cue counts only when it fits clearly; with one, the threshold is enough;
    require_cues makes the cue a gate (keyword frames)."""
    from framing.frames import CLEAR, classified_frames

    doc = segment(Article(id="t", source="t", text="Alpha one is here. Beta two is there. Gamma three is near."))
    hinted = FrameSpec(id="f", label="F", hypotheses=("h",), cues=("beta",))
    gated = FrameSpec(id="g", label="G", hypotheses=("h",), cues=("beta",), require_cues=True)
    scores = np.array([[CLEAR + 0.05] * 2, [0.6] * 2, [CLEAR - 0.1] * 2], dtype=np.float32)
    f, g = classified_frames(doc, [hinted, gated], scores)
    assert [e.sentence for e in f.evidence] == [0, 1]
    assert [e.sentence for e in g.evidence] == [1]


def test_inventory_has_the_15_media_frames() -> None:
    ids = [f.id for f in media_frames()]
    assert len(ids) == 15 and "security_defense" in ids and "legality" in ids


def test_frames_jsonl_contract_and_evidence() -> None:
    result = CliRunner().invoke(cli, ["frames", str(SEED_A), str(SEED_B), "--entity", "Pakistan",
                                      "--frames", str(CORPUS / "frames.toml"), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["000_241931a7261d106c", "001_6dab095141be1bf5"]
    for row in rows:
        got = {(f["frame"], f["entity"]): f for f in row["frames"]}
        for frame in ("names_entity", "calls_on_entity", "attributes_to_entity", "highlights_omission"):
            assert (frame, "Pakistan") in got
        assert ("china_block", None) in got
        for f in row["frames"]:
            assert 0 <= f["score"] <= 1
            assert f["present"] == bool(f["evidence"])
    assert got[("highlights_omission", "Pakistan")]["present"]  # B: "stopped short of naming Pakistan"
    ev = got[("highlights_omission", "Pakistan")]["evidence"][0]
    assert "stopped short of naming Pakistan" in ev["text"]


def test_compare_reports_framing_differences() -> None:
    result = CliRunner().invoke(cli, ["compare", str(SEED_A), str(SEED_B), "--entity", "Pakistan", "--format", "json"])
    out = json.loads(result.stdout)
    diff = {(d["frame"], d["entity"]): d for d in out["differences"]}
    omission = diff[("highlights_omission", "Pakistan")]
    assert (omission["a"], omission["b"]) == (False, True)
    assert "did not" not in omission["summary"] and "names Pakistan itself" in omission["summary"]


def test_few_shot_examples_raise_the_score(encoder) -> None:  # noqa: ANN001
    sentence = ["The committee put a technical hold on the proposal to list the commander."]
    plain = FrameSpec("x", "x", ("A country obstructed a decision at the United Nations.",))
    shot = FrameSpec("x", "x", plain.hypotheses, examples=("Beijing placed a technical hold on the listing of the militant leader.",))
    clf = EmbeddingClassifier(encoder)
    assert clf.scores(sentence, [shot])[0, 0] > clf.scores(sentence, [plain])[0, 0]


def test_sixteen_frames_embed_sentences_once(encoder) -> None:  # noqa: ANN001
    doc = segment(Article(id="t", source="t", text="India and the US met. They condemned terrorism."))
    calls = []
    original, constants = encoder.encode, encoder.encode_constants
    encoder.encode = lambda texts: (calls.append(len(texts)), original(texts))[1]  # type: ignore[method-assign]
    encoder.encode_constants = lambda texts: (calls.append(-len(texts)), constants(texts))[1]  # type: ignore[method-assign]
    try:
        detect_frames(doc, classifier=EmbeddingClassifier(encoder), entities=["Pakistan"])
    finally:
        encoder.encode, encoder.encode_constants = original, constants  # type: ignore[method-assign]
    assert calls[0] == 2 and len(calls) == 2 and calls[1] < 0  # the sentences once, all hypotheses in one call


def test_nli_backend_loads_a_local_model(tiny_nli: Path) -> None:
    clf = NLIClassifier(str(tiny_nli))
    frames = [FrameSpec("a", "a", ("This is about Pakistan.",)), FrameSpec("b", "b", ("This is not named.", "A call to act."))]
    scores = clf.scores(["India called on Pakistan to act.", "The statement is this."], frames)
    assert scores.shape == (2, 2) and np.all((scores >= 0) & (scores <= 1))


def test_nli_backend_from_the_cli(tiny_nli: Path) -> None:
    result = CliRunner().invoke(cli, ["frames", str(SEED_B), "--entity", "Pakistan", "--classifier", "nli",
                                      "--nli-model", str(tiny_nli), "--no-inventory", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    frames = json.loads(result.stdout)[0]["frames"]
    omission = [f for f in frames if f["frame"] == "highlights_omission"][0]
    assert omission["present"]  # the detector decides; the random model only moves scores


def test_unknown_nli_model_is_a_clear_error() -> None:
    result = CliRunner().invoke(cli, ["frames", str(SEED_B), "--classifier", "nli", "--nli-model", "nope"])
    assert result.exit_code == 2 and result.stderr.startswith("Error: unknown model 'nope'")


def test_frame_accuracy_gate(dev_dir) -> None:  # noqa: ANN001
    """Seeds + dev F1, measured: names 1.00, calls_on 1.00, attributes 1.00, omission 1.00,
    veiled reference 0.857 (3 of 4 found, no false flag)."""
    from framing.evaluate import eval_frames
    from framing.models import get_encoder

    clf = EmbeddingClassifier(get_encoder())
    user = load_frames(CORPUS / "frames.toml")
    report = eval_frames([CORPUS / "gold_articles.jsonl", dev_dir / "gold_articles.jsonl"],
                         detect=lambda d, e: detect_frames(d, classifier=clf, entities=e, frames=user, inventory=False))
    f1 = {k: v["f1"] for k, v in report["frames"].items()}
    assert f1["names_pakistan"] >= 0.98
    assert f1["calls_on_pakistan"] >= 0.93
    assert f1["attributes_to_pakistan"] >= 0.95
    assert f1["highlights_omission"] >= 0.95
    assert f1["mentions_china_block"] >= 0.8 and f1["mentions_afghanistan_taliban"] >= 0.9
    assert f1["veiled_reference"] >= 0.8


BASIL_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "basil-dev"


@pytest.mark.slow
@pytest.mark.skipif(not BASIL_DIR.is_dir(), reason="needs ../shared/corpus/basil-dev")
def test_user_frames_on_basil_articles() -> None:
    """Six user frames written before any label (benchmarks/data/us_news_frames.toml) on 150 full
    articles labelled by an independent annotator: the embedding backend flags no frame wrongly."""
    data = Path(__file__).parent / "data"
    result = CliRunner().invoke(cli, ["eval", "frames", str(data / "basil_user_frames.jsonl"), "--corpus", str(BASIL_DIR),
                                      "--frames", str(Path(__file__).parents[1] / "benchmarks" / "data" / "us_news_frames.toml"),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    frames = json.loads(result.stdout)["frames"]
    assert sum(m["fp"] for m in frames.values()) <= 2
    tp = sum(m["tp"] for m in frames.values())
    assert tp / (tp + sum(m["fn"] for m in frames.values())) >= 0.45
