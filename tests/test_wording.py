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
    assert lines("The Anti Corruption Secretary of the ministry resigned.", "The ministry's Anticorruption Secretary resigned.") == []


def test_function_word_fragments_and_moved_words_are_not_differences() -> None:
    assert lines("The mayor and the council met.", "The mayor with the council met.") == []
    # "storm" moved, not removed; an added detail ("near the harbour") is not a choice of words
    assert lines("The storm flooded roads on Tuesday.", "On Tuesday roads near the harbour were flooded by the storm.") == []
    assert lines("The storm flooded roads on Tuesday.", "On Tuesday roads were flooded by the fierce storm.") == ["+ “fierce” [intensity]"]


def test_loaded_words_show_inside_long_additions_and_loose_matches() -> None:
    # a loaded word inside a clause only one outlet has is reported alone
    assert lines("The mayor vetoed the budget.",
                 "The mayor vetoed the budget, a move critics called a reckless and disastrous gamble for the city.") == \
        ["+ “disastrous” [failure and blame]"]
    # a short quote standing for a long sentence: too unlike to diff, but the loaded word shows
    from framing.wording import loaded_words
    edits = loaded_words("“We will not retreat,” she said.",
                         "Facing fierce criticism over the closures, the governor told reporters on Monday that “we will not retreat.”")
    assert [(e.op, e.b, e.labels) for e in edits] == [("insert", "fierce", ("intensity",))]
    # neutral words of a family ("government") are not loaded on their own; a swap for a marked one is
    assert lines("Officials met the press.", "Government officials met the press.") == []
    assert lines("The government jailed him.", "The regime jailed him.") == ["“government” → “regime” [regime vs government]"]


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
    assert content_overlap("The council approved the budget.", "The budget was approved by the council.") == (1.0, 1.0)
    assert content_overlap("The council approved the budget.", "Rain is expected tomorrow.") == (0.0, 0.0)
    assert content_overlap("Budget approved", "The council approved the budget after a long debate.") == (1.0, 0.4)



def test_a_neutral_word_swapped_for_an_unrelated_one_carries_no_label() -> None:
    from framing.wording import word_edits

    # "government" is the unmarked word of "regime vs government": putting it where a date
    # stood is not a framing choice; putting "regime" where "government" stood is
    edits = word_edits("Counting ended late on Tuesday after delays.", "Counting ended late for government staff after delays.")
    assert [e.labels for e in edits] == [()]
    edits = word_edits("The government cut fuel subsidies.", "The regime cut fuel subsidies.")
    assert [e.labels for e in edits] == [("regime vs government",)]


def test_wire_copy_edits_keep_every_added_or_dropped_content_word() -> None:
    from framing.wording import copy_edits, summarize, word_edits

    a = "The club was charged after a former finance officer passed documents to the league."
    b = "The club was charged after a whistleblower, a former finance officer, passed documents to the league."
    assert word_edits(a, b) == ()  # a comparison of outlets skips an unlabelled added word ...
    assert [summarize(e) for e in copy_edits(a, b)] == ["+ “whistleblower”"]  # ... a wire copy's edits do not
    assert copy_edits("Counter Terrorism talks began.", "Counter-terrorism talks began.") == ()
