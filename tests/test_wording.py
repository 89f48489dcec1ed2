"""Wording differences: only content-word changes that matter, labelled by word family."""

from __future__ import annotations

from framing.wording import content_overlap, summarize, word_edits


def lines(a: str, b: str) -> list[str]:
    return [summarize(e) for e in word_edits(a, b)]


def test_form_only_changes_are_not_differences() -> None:
    # case, hyphenation, punctuation, quote marks, number formatting, word endings
    assert lines("The Anti Corruption unit raided 1,200 homes.", "the anti-corruption Unit raided 1200 homes") == []
    assert lines('She called the deal "fair".', "She called the deal fair.") == []
    assert lines("Prices rose 3 percent.", "Prices rose 3%.") == []
    assert lines("The strikes hit two depots.", "The strike hit two depots.") == []


def test_function_word_fragments_and_moved_words_are_not_differences() -> None:
    assert lines("The mayor and the council met.", "The mayor with the council met.") == []
    # "storm" moved, not removed: the only change is the added place
    assert lines("The storm flooded roads on Tuesday.", "On Tuesday roads near the harbour were flooded by the storm.") == ["+ “harbour”"]


def test_substitutions_keep_content_and_label_by_family() -> None:
    assert lines("Rebels seized the town.", "The rebel seized the town.") == []  # one word, another form
    assert lines("Rebels seized the town.", "Insurgents seized the town.") == ["“Rebels” → “Insurgents” [terror vs militant]"]
    edits = word_edits("Police said the protesters attacked the station.", "Police said the protesters approached the station.")
    assert [(e.op, e.a, e.b) for e in edits] == [("replace", "attacked", "approached")]
    assert edits[0].labels == ("attack vs incident",)
    assert word_edits("Officials said 12 people died.", "Officials said 12 people were killed.")[0].labels == ("killed vs died",)


def test_labelled_and_specific_changes_rank_first() -> None:
    edits = word_edits("The minister visited the flooded valley on Monday with aid workers.",
                       "The regime's minister toured the flooded valley on Friday.")
    assert edits[0].labels == ("regime vs government",)
    assert "Monday" in edits[1].a + edits[1].b


def test_content_overlap() -> None:
    assert content_overlap("The council approved the budget.", "The budget was approved by the council.") == 1.0
    assert content_overlap("The council approved the budget.", "Rain is expected tomorrow.") == 0.0
