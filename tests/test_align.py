"""The aligner, wording differences, `framing compare` and the alignment accuracy gate."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.align import align, group, match
from framing.cli import cli
from framing.compare import compare, embed_documents
from framing.ingest import load_articles
from framing.segment import segment
from framing.types import Article
from framing.wording import changed_spans, word_edits
from tests.conftest import SEED_A, SEED_B


def doc(text: str, ident: str = "x", title: str | None = None):  # noqa: ANN201
    return segment(Article(id=ident, source=ident, text=text, title=title))


A_TEXT = ("India and the US called on Pakistan to act against terror groups. "
          "The talks were held in New Delhi on March 5. "
          "Both sides discussed the use of drones by terrorists. "
          "The bakery on the corner sold out of bread.")
B_TEXT = ("The two countries held talks in New Delhi on March 5. "
          "Washington and New Delhi urged Pakistan to take action against terrorist outfits. "
          "Cricket fans cheered the final match of the season.")


def test_paraphrases_align_and_gaps_remain(encoder) -> None:  # noqa: ANN001
    a, b = doc(A_TEXT, "a"), doc(B_TEXT, "b")
    result = align(a, b, *embed_documents([a, b], encoder))
    pairs = {(i, j) for al in result.alignments for i in al.a for j in al.b}
    assert (0, 1) in pairs and (1, 0) in pairs
    assert 3 in result.only_in_a and 2 in result.only_in_b


def test_symmetric_mirror_image(encoder) -> None:  # noqa: ANN001
    a, b = load_articles([str(SEED_A), str(SEED_B)])
    ab, ba = compare(a, b, encoder=encoder), compare(b, a, encoder=encoder)
    forward = {(i, j, al.relation) for al in ab.alignments for i in al.a for j in al.b}
    mirror = {(i, j, al.relation) for al in ba.alignments for j in al.a for i in al.b}
    assert forward == mirror
    assert ab.only_in_a == ba.only_in_b and ab.only_in_b == ba.only_in_a


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 7), st.integers(1, 7), st.integers(0, 10_000))
def test_match_is_symmetric_and_bounded(n: int, m: int, seed: int) -> None:
    scores = np.random.default_rng(seed).random((n, m)).astype(np.float32)
    links = match(scores)
    assert {(j, i) for i, j in links} == set(match(scores.T.copy()))
    assert all(scores[i, j] >= 0.5 for i, j in links)
    mirrored = group([(j, i) for i, j in links], scores.T.copy())
    assert {(al.a, al.b) for al in group(links, scores)} == {(al.b, al.a) for al in mirrored}


def test_one_to_many_when_an_outlet_merges_claims(encoder) -> None:  # noqa: ANN001
    a = doc("India and the US condemned the Pathankot attack. "
            "They also called for action against Lashkar-e-Taiba and Jaish-e-Mohammad.", "a")
    b = doc("India and the US condemned the Pathankot attack and called for action against "
            "Lashkar-e-Taiba and Jaish-e-Mohammad.", "b")
    result = align(a, b, *embed_documents([a, b], encoder))
    assert any(al.a == (0, 1) and al.b == (0,) for al in result.alignments)


def test_cut_off_claims_are_not_plain_omissions(encoder) -> None:  # noqa: ANN001
    full = doc("India and the US met in New Delhi on Tuesday for counter-terrorism talks. "
               "They condemned the attack in Pahalgam. "
               "They agreed to share information on terrorist travel. "
               "The next meeting will be held in Washington next year.", "full")
    cut = doc("India and the US met in New Delhi on Tuesday for counter-terrorism talks. "
              "They condemned the attack in Pahalgam. The two sides also agr", "cut")
    assert cut.cut_off
    result = align(full, cut, *embed_documents([full, cut], encoder))
    assert set(result.cut_off_a) == {2, 3} and not set(result.only_in_a) & {2, 3}


def test_wording_differences_flag_label_words() -> None:
    edits = word_edits("sanctions against key Pakistan-based terror outfits",
                       "sanctions on South Asia–focused militant outfits")
    swap = [e for e in edits if e.op == "replace"]
    assert swap and swap[-1].a == "against key Pakistan-based terror"
    assert swap[-1].b == "on South Asia–focused militant"
    assert "terror vs militant" in swap[-1].labels
    spans_a, _ = changed_spans("a terror attack", "a militant attack")
    assert spans_a == [(2, 8)]


def test_compare_json_follows_the_contract() -> None:
    result = CliRunner().invoke(cli, ["compare", str(SEED_A), str(SEED_B), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) >= {"articles", "alignments", "only_in_a", "only_in_b", "differences"}
    art = out["articles"][0]
    assert art["id"] == "000_241931a7261d106c" and art["outlet"] == "indianrepublic.in"
    text = load_articles([str(SEED_A)])[0].text
    for s in art["sentences"]:
        assert text[s["start"] : s["end"]] == s["text"]
    for al in out["alignments"]:
        assert al["relation"] in ("same", "partial") and 0 <= al["score"] <= 1 and al["a"] and al["b"]
    covered_a = {i for al in out["alignments"] for i in al["a"]}
    assert covered_a.isdisjoint(out["only_in_a"])
    assert covered_a | set(out["only_in_a"]) | set(out["possibly_cut_off_a"]) == set(range(len(art["sentences"])))


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_compare_views(fmt: str, tmp_path) -> None:  # noqa: ANN001
    evil = tmp_path / "evil.txt"
    evil.write_text("India and the US condemned terror <script>alert(1)</script> attacks in Delhi.")
    result = CliRunner().invoke(cli, ["compare", str(SEED_B), str(evil), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert "southasianupdate.com" in result.stdout
    if fmt == "html":
        assert "<script>" not in result.stdout and "&lt;script&gt;" in result.stdout


def test_output_file_is_never_overwritten(tmp_path) -> None:  # noqa: ANN001
    out = tmp_path / "mine.json"
    out.write_text("precious")
    result = CliRunner().invoke(cli, ["compare", str(SEED_A), str(SEED_B), "-o", str(out)])
    assert result.exit_code == 2 and out.read_text() == "precious"
    assert result.stderr == f"Error: {out}: output file exists; pass --force to overwrite it\n"


def test_alignment_accuracy_gate(dev_dir, encoder) -> None:  # noqa: ANN001
    """Link F1 on the six dev pairs: measured 0.830 (strong links 0.836); gate 0.80."""
    from framing.evaluate import eval_align

    report = eval_align(dev_dir / "gold_alignments_dev.jsonl", encoder=encoder)
    assert report["overall"]["all"]["f1"] >= 0.80
    assert report["overall"]["all"]["precision"] >= 0.90
    for pair in report["pairs"]:  # every error is listed once, with its sentences
        kinds = [d["kind"] for d in pair["disagreements"]]
        assert kinds.count("missed") == pair["all"]["fn"] and kinds.count("extra") == pair["all"]["fp"]


def test_gold_sentences_map_to_the_sentences_they_stand_for() -> None:
    from framing.evaluate import map_sentences
    from framing.segment import segment
    from framing.types import Article

    caption = "India and the US sought concerted action against all terror groups"
    body = caption + ", such as al-Qaeda and LeT, according to a joint statement issued on Wednesday."
    text = f"{caption}\n\nThe meeting was held in Washington. It lasted two days.\n\n{body}"
    doc = segment(Article(id="x", source="x", text=text))
    assert [s.text for s in doc.sentences] == [caption, "The meeting was held in Washington.", "It lasted two days.", body]
    gold = [caption, "The meeting was held in Washington. It lasted two days.", body]
    # the caption is a prefix of the body sentence: each gold sentence still gets its own
    assert map_sentences(gold, doc) == [{0}, {1, 2}, {3}]
    assert map_sentences(["The meeting was held in Washington.", "It lasted two days."],
                         segment(Article(id="y", source="y", text="The meeting was held in Washington; it lasted two days."))) == [{0}, {0}]
