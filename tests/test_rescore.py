"""Cross-encoder rescoring: loading an NLI or similarity model the user brings, symmetry, the
band of pairs it touches, its cache, and the --rescorer option. The models are tiny random ones
the tests build: they test the path, not accuracy (no real cross-encoder ships offline)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from framing.align import THRESHOLD, align
from framing.cli import cli
from framing.compare import embed_documents
from framing.errors import ModelLoadError
from framing.ingest import load_article
from framing.rescore import BAND, CrossEncoderRescorer
from framing.segment import segment
from tests.conftest import SEED_A, SEED_B, build_tiny_classifier

SENTENCES = ["India called on Pakistan to act.", "The statement is not named.", "This is the US statement."]


@pytest.fixture(scope="module")
def tiny_sts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_classifier(tmp_path_factory.mktemp("sts"), ("similarity",))


@pytest.mark.parametrize("kind", ["tiny_nli", "tiny_sts"])
def test_pair_scores_are_symmetric_probabilities(kind: str, request: pytest.FixtureRequest) -> None:
    rescorer = CrossEncoderRescorer(str(request.getfixturevalue(kind)), cache=False)
    pairs = [(a, b) for a in SENTENCES for b in SENTENCES if a != b]
    scores = rescorer.pair_scores(pairs)
    mirrored = rescorer.pair_scores([(b, a) for a, b in pairs])
    assert np.all((scores >= 0) & (scores <= 1))
    assert np.allclose(scores, mirrored, atol=1e-6)
    assert len(set(np.round(scores, 4))) > 1  # the model was run, not a constant


def test_nli_score_is_the_larger_entailment_of_both_directions(tiny_nli: Path) -> None:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_nli)
    model = AutoModelForSequenceClassification.from_pretrained(tiny_nli).eval()

    def entail(x: str, y: str) -> float:
        with torch.inference_mode():
            return float(torch.softmax(model(**tokenizer(x, y, return_tensors="pt")).logits, -1)[0, 0])

    a, b = SENTENCES[0], SENTENCES[1]
    got = CrossEncoderRescorer(str(tiny_nli), cache=False).pair_scores([(a, b)])[0]
    assert got == pytest.approx(max(entail(a, b), entail(b, a)), abs=1e-5)


def test_only_pairs_near_the_threshold_are_rescored(tiny_nli: Path) -> None:
    rescorer = CrossEncoderRescorer(str(tiny_nli), cache=False)
    scores = np.array([[0.1, THRESHOLD - BAND / 2, 0.95], [THRESHOLD + BAND / 2, THRESHOLD, 0.0]], dtype=np.float32)
    a, b = SENTENCES[:2], SENTENCES
    out = rescorer.rescore(scores, a, b, threshold=THRESHOLD)
    band = np.abs(scores - THRESHOLD) <= BAND
    assert np.array_equal(out[~band], scores[~band])
    rows, cols = np.nonzero(band)
    cross = rescorer.pair_scores([(a[i], b[j]) for i, j in zip(rows, cols, strict=True)])
    assert np.allclose(out[rows, cols], (scores[rows, cols] + cross) / 2)


def test_pair_scores_are_cached(tiny_nli: Path) -> None:
    rescorer = CrossEncoderRescorer(str(tiny_nli))
    first = rescorer.pair_scores([(SENTENCES[0], SENTENCES[1])])
    again = CrossEncoderRescorer(str(tiny_nli))
    again._forward = lambda *args: pytest.fail("a cached pair went to the model")  # type: ignore[method-assign]
    assert np.allclose(again.pair_scores([(SENTENCES[1], SENTENCES[0])]), first)


def test_a_model_that_is_neither_nli_nor_similarity_is_refused(tmp_path: Path) -> None:
    path = build_tiny_classifier(tmp_path, ("positive", "negative"))
    with pytest.raises(ModelLoadError, match="neither an NLI model"):
        CrossEncoderRescorer(str(path), cache=False).pair_scores([("a", "b")])
    result = CliRunner().invoke(cli, ["compare", str(SEED_A), str(SEED_B), "--rescorer", str(path), "--format", "json"])
    assert result.exit_code == 2 and result.stderr.startswith("Error: ") and "Traceback" not in result.output


def test_rescored_scores_decide_the_links(encoder) -> None:  # noqa: ANN001
    class Oracle:
        """Stands in for a cross-encoder sure that one uncertain pair is the same claim."""

        def rescore(self, scores: np.ndarray, a, b, *, threshold: float) -> np.ndarray:  # noqa: ANN001
            out = scores.copy()
            near = np.abs(scores - threshold) <= BAND
            out[near] = 0.0
            i, j = np.argwhere(near & (scores < threshold))[0]
            out[i, j] = 1.0
            self.pair = (int(i), int(j))
            return out

    a, b = segment(load_article(str(SEED_A))), segment(load_article(str(SEED_B)))
    emb_a, emb_b = embed_documents([a, b], encoder)
    oracle = Oracle()
    result = align(a, b, emb_a, emb_b, rescorer=oracle)
    links = {(i, j) for al in result.alignments for i in al.a for j in al.b}
    assert oracle.pair in links
    assert all(result.scores[i, j] >= THRESHOLD for i, j in links)


def test_compare_and_eval_take_a_rescorer_and_stay_symmetric(tiny_sts: Path) -> None:
    runner = CliRunner()
    ab = runner.invoke(cli, ["compare", str(SEED_A), str(SEED_B), "--rescorer", str(tiny_sts), "--format", "json"])
    ba = runner.invoke(cli, ["compare", str(SEED_B), str(SEED_A), "--rescorer", str(tiny_sts), "--format", "json"])
    assert ab.exit_code == 0 and ba.exit_code == 0, ab.stderr + ba.stderr
    pairs_ab = {(tuple(al["a"]), tuple(al["b"])) for al in json.loads(ab.stdout)["alignments"]}
    pairs_ba = {(tuple(al["b"]), tuple(al["a"])) for al in json.loads(ba.stdout)["alignments"]}
    assert pairs_ab == pairs_ba


@pytest.mark.parametrize("name, message", [("nope", "unknown model 'nope'"),
                                           ("minilm", "is a encoder model, not cross or nli")])
def test_bad_rescorer_names_are_clear_errors(name: str, message: str) -> None:
    result = CliRunner().invoke(cli, ["compare", str(SEED_A), str(SEED_B), "--rescorer", name])
    assert result.exit_code == 2 and result.stderr.startswith("Error: ") and message in result.stderr


def test_report_takes_a_rescorer(tiny_nli: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["report", str(SEED_A), str(SEED_B), "--rescorer", str(tiny_nli),
                                      "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    report = json.loads(out.read_text())
    assert report["events"] and report["events"][0]["claims"]
