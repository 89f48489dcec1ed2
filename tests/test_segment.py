"""Sentence segmentation: hard cases, offsets, and exact-match F1 on the dev gold."""

from __future__ import annotations

import json

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.ingest import load_articles
from framing.segment import segment, sentence_spans
from framing.types import Article
from tests.conftest import CORPUS, SEED_B


def split(text: str, title: str | None = None) -> list[str]:
    return [s.text for s in segment(Article(id="t", source="t", text=text, title=title)).sentences]


def test_abbreviations_and_titles() -> None:
    text = "Led by Dr. Vinod Bahade and Ms. Monica Jacobsen, the talks went well. Both sides agreed."
    assert split(text) == [
        "Led by Dr. Vinod Bahade and Ms. Monica Jacobsen, the talks went well.",
        "Both sides agreed.",
    ]


def test_initials_and_country_abbreviations() -> None:
    text = ("Ambassador K.D. Dewal met U.S. officials in Washington D.C. The talks covered "
            "Resolution No. 1267 and the India-U.S. Counter-Terrorism dialogue.")
    assert split(text) == [
        "Ambassador K.D. Dewal met U.S. officials in Washington D.C.",
        "The talks covered Resolution No. 1267 and the India-U.S. Counter-Terrorism dialogue.",
    ]


def test_numbers_do_not_split() -> None:
    text = "The 26/11 attacks killed 166 people. Growth was 2.5 per cent in 2024."
    assert split(text) == ["The 26/11 attacks killed 166 people.", "Growth was 2.5 per cent in 2024."]


def test_quotes_spanning_sentences() -> None:
    text = ('"We condemn terrorism. We will act," the spokesman said. '
            "He added nothing more.")
    assert split(text) == ['"We condemn terrorism.', 'We will act," the spokesman said.',
                           "He added nothing more."]


def test_lowercase_continuation_is_not_a_boundary() -> None:
    text = "India accused the groups of operating from Pakistani territory. allegations Islamabad denied."
    assert split(text) == [text]


def test_headline_line_and_cut_off_end() -> None:
    text = "India, US urge action\nNEW DELHI: India and the US met on Monday. The two sides also commi"
    doc = segment(Article(id="t", source="t", text=text, title="India, US urge action"))
    assert [s.text for s in doc.sentences] == [
        "India, US urge action", "India and the US met on Monday.", "The two sides also commi"]
    assert doc.cut_off


def test_seed_sentences() -> None:
    doc = segment(load_articles([str(SEED_B)])[0])
    texts = [s.text for s in doc.sentences]
    assert texts[0] == "US, India urge UN sanctions on terror groups"
    assert texts[5].startswith("Notably, the joint statement stopped short of naming Pakistan")
    assert len(texts) == 13 and not doc.cut_off


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"”ABC12")), max_size=80))
def test_offsets_point_at_the_sentence_text(text: str) -> None:
    for start, end in sentence_spans(text):
        piece = text[start:end]
        assert piece and piece == piece.strip() and "\n" not in piece


def test_offsets_on_seeds() -> None:
    for art in load_articles([str(CORPUS)]):
        for s in segment(art).sentences:
            assert art.text[s.start : s.end] == s.text


def test_gold_sentence_f1(dev_dir) -> None:  # noqa: ANN001 - fixture
    """Exact-match sentence F1 against the gold sentence lists: measured 0.976, gate 0.95."""
    arts = {a.id: a for a in load_articles([str(dev_dir)])}
    arts.update({f"SEED{a.id[:3]}": a for a in load_articles([str(CORPUS)])})
    tp = fp = fn = 0
    for line in (dev_dir / "gold_alignments_dev.jsonl").read_text().splitlines():
        pair = json.loads(line)
        for side in "ab":
            mine = {s.text for s in segment(arts[pair[side]]).sentences}
            gold = set(pair[f"{side}_sentences"])
            tp, fp, fn = tp + len(mine & gold), fp + len(mine - gold), fn + len(gold - mine)
    assert 2 * tp / (2 * tp + fp + fn) >= 0.95


@pytest.mark.parametrize("line", [
    "WASHINGTON (Reuters) - The port authority closed two piers on Monday after a storm damaged them.",
    "NEW DELHI, Dec 5 (PTI): The port authority closed two piers on Monday after a storm damaged them.",
    "LONDON, March 3 (Meridian Wire) — The port authority closed two piers on Monday after a storm damaged them.",
    "Cairo, Egypt (AP) - The port authority closed two piers on Monday after a storm damaged them.",
    "New Delhi, September 11 (IANS) The port authority closed two piers on Monday after a storm damaged them.",
    "BERLIN — The port authority closed two piers on Monday after a storm damaged them.",
    "FERGUSON, Mo. -- The port authority closed two piers on Monday after a storm damaged them.",
    "(AP) — The port authority closed two piers on Monday after a storm damaged them.",
])
def test_wire_credits_and_datelines_are_not_part_of_the_sentence(line: str) -> None:
    from framing.clean import clean_text

    text, title = clean_text(f"Storm shuts piers\n{line}\nRepairs will take a month, the authority said.")
    sentences = [s.text for s in segment(Article(id="x", source="x", text=text, title=title)).sentences]
    assert sentences == ["Storm shuts piers", "The port authority closed two piers on Monday after a storm damaged them.",
                         "Repairs will take a month, the authority said."]


@pytest.mark.parametrize("line", ["By Jane Doe, Associated Press", "By Jane Doe and John Roe, Metro Wire Writers",
                                  "Tribune News Service", "(Reporting by Jane Doe; Editing by John Roe)"])
def test_bylines_and_credit_lines_are_dropped(line: str) -> None:
    from framing.clean import clean_text

    text, _ = clean_text(f"Storm shuts piers\n{line}\nThe port authority closed two piers on Monday.\n{line}")
    assert line not in text and "closed two piers" in text


@pytest.mark.parametrize("line", ["By the end of the year, prices had risen by a third.",
                                  "The mayor (a Democrat) - who was re-elected - spoke at length on Monday.",
                                  "Officials in Kell (the capital) said the talks would resume on Friday."])
def test_sentences_that_only_look_like_credits_stay_whole(line: str) -> None:
    from framing.clean import clean_text, dateline_length

    text, _ = clean_text(f"Storm shuts piers\n{line}")
    assert line in text.split("\n") and dateline_length(line) == 0
