"""Conflicts inside matched claims: numbers, dates, names and speakers that differ."""

from __future__ import annotations

import json

from click.testing import CliRunner

from framing.cli import cli
from framing.conflicts import find_conflicts
from framing.wording import word_edits


def kinds(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.a, c.b) for c in find_conflicts(a, b, word_edits(a, b))]


def test_numbers_that_count_the_same_thing() -> None:
    assert kinds("The flood displaced 300 families, officials said.", "The flood displaced 1,300 families.") == \
        [("number", "300 families", "1,300 families")]
    assert kinds("Inflation eased to 2.4% in May.", "Inflation eased to 2.6 percent in May.") == \
        [("number", "2.4%", "2.6 percent")]
    # same value written differently, and different things counted: no conflict
    assert kinds("Turnout was 1.5 million voters.", "Turnout was 1,500,000 voters.") == []
    assert kinds("Two ships sank and 14 sailors drowned.", "14 sailors drowned when two ships sank.") == []
    assert kinds("The bridge, built in 1932, closed.", "The bridge closed for 1 week.") == []


def test_dates_names_and_speakers() -> None:
    assert kinds("The strike began on Monday.", "The strike began on Wednesday.") == [("date", "Monday", "Wednesday")]
    assert kinds("Voting ends on October 3.", "Voting ends on Oct. 5.") == [("date", "October 3", "Oct. 5")]
    assert kinds("The team is coached by Lena Ortiz.", "The team is coached by Mark Fisher.") == \
        [("name", "Lena Ortiz", "Mark Fisher")]
    assert kinds('"The vote was rigged," Senator Ruth Amos said.', '"The vote was rigged," said party chief Dan Kole.') == \
        [("attribution", "Senator Ruth Amos", "Dan Kole")]
    assert kinds('"The vote was rigged," Senator Ruth Amos said.', '"The vote was rigged," said Amos.') == []


def test_compare_json_carries_conflicts(tmp_path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Police raided a warehouse in the port district on Friday, arresting 21 suspects.\n"
                 "The raid followed a months-long investigation into smuggling.")
    b.write_text("Police raided a warehouse in the port district on Friday, arresting 35 suspects.\n"
                 "The raid followed a months-long investigation into smuggling.")
    result = CliRunner().invoke(cli, ["compare", str(a), str(b), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    conflicts = [c for al in json.loads(result.stdout)["alignments"] for c in al["conflicts"]]
    assert [(c["kind"], c["a"], c["b"]) for c in conflicts] == [("number", "21 suspects", "35 suspects")]
    text = CliRunner().invoke(cli, ["compare", str(a), str(b)]).stdout
    assert text.index("Where the outlets disagree") < text.index("Aligned claims")


def test_a_short_quote_for_a_long_sentence_is_partial_and_shows_the_loaded_word() -> None:
    from framing.compare import with_edits
    from framing.segment import segment
    from framing.types import Alignment, Article
    from framing.wording import load_labels

    a = segment(Article(id="a", source="a", text="“This is not the mayor's strike,” a union official said."))
    b = segment(Article(id="b", source="b", text=(
        "Amid fierce criticism from business owners over the week-long closure of the city's depots, "
        "union officials insisted that this is not the mayor's strike.")))
    al = with_edits(Alignment((0,), (0,), "same", 0.8), a, b, load_labels())
    assert al.relation == "partial"
    assert ("insert", "fierce") in {(e.op, e.b) for e in al.edits}


def test_what_is_not_a_disagreement() -> None:
    # a range meets a value in it; a figure the other outlet also gives; a hedged figure
    assert kinds("The summit ran on September 9-10 in Lisbon.", "The summit ended on September 10 in Lisbon.") == []
    assert kinds("March 2008", "March 2") == []
    assert kinds("Police reported six arrests on Tuesday, compared with 40 the night before.",
                 "Police made 40 arrests overnight.") == []
    assert kinds("The repairs will cost more than $2 million, the council said.",
                 "The repairs will cost $2.4 million, the council said.") == []
    assert kinds("Rain fell for 3-4 days.", "Rain fell for 7 days.") == [("number", "3-4 days", "7 days")]
    # one shared figure does not hide another; a hedged figure is shown as written
    assert kinds("The club paid £12 million to the agent; the fee was £85 million.",
                 "The club paid £12 million to the agent; the fee was £80 million.") == \
        [("number", "£85 million", "£80 million")]
    assert kinds("The fire forced about 12,000 people from their homes.",
                 "The fire forced 4,000 people from their homes.") == [("number", "about 12,000 people", "4,000 people")]
    assert kinds("The bill would cut $882 billion from the program.", "The bill would cut $716 billion from the program.") == \
        [("number", "$882 billion", "$716 billion")]
    # weekdays that date different things
    assert kinds("The ministers met on Friday and agreed to a ceasefire.", "The ceasefire was announced on Monday.") == []
    assert kinds("The storm hit the coast on Sunday.", "The storm hit the coast late Saturday.") == [("date", "Sunday", "Saturday")]


def test_who_said_it_needs_one_statement_and_a_speaker() -> None:
    # "told X" names the listener; "said he ..." and "says Ohio farms ..." start a reported clause
    assert kinds('"It is a sad day," Lisa Gray told host Tom Reyes.', '"It is a sad day," Lisa Gray said.') == []
    assert kinds("The audit says Ohio farms lost money, the minister said.", "The audit found farms lost money, Gov. Ray Dunn said.") == []
    assert kinds('"We will appeal," said Greenpeace campaign director Ana Lopes.', 'Ana Lopes said the group would appeal.') == []
    assert kinds('"It is a sad day," Lisa Gray told reporters.', '"It is a sad day," said Tom Reyes.') == \
        [("attribution", "Lisa Gray", "Tom Reyes")]
    # two different quotes from two people are two statements, not one misattributed
    assert kinds('"Crime is falling across the county," said Sheriff Omar Diaz.',
                 '"We expected the lawsuit and will fight it in court," Attorney General Mia Holt said.') == []


def test_one_quote_given_to_two_speakers_is_aligned_and_flagged(tmp_path) -> None:
    from framing.align import shared_quotes

    quote_a = '"Nobody should wait for the water to reach the door," river authority engineer Kai Brandt told reporters.'
    quote_b = ('"Nobody should wait for the water to reach the door," Mayor Ilse Voss said on the steps of '
               "the town hall as volunteers filled sandbags along the embankment.")
    other = '"We have never seen the river this high in March," said a shop owner, Pia Lenz.'
    assert shared_quotes([quote_a, other], [quote_b]) == [(0, 0)]
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The river Elde burst its banks overnight, flooding 300 homes in Parchim.\n" + quote_a + "\n" + other)
    b.write_text("Floodwater poured into 300 homes in Parchim after the Elde rose overnight.\n" + quote_b)
    result = CliRunner().invoke(cli, ["compare", str(a), str(b), "--format", "json"])
    out = json.loads(result.stdout)
    linked = {(tuple(al["a"]), tuple(al["b"])): al for al in out["alignments"]}
    assert [(c["kind"], c["a"], c["b"]) for c in linked[((1,), (1,))]["conflicts"]] == \
        [("attribution", "Kai Brandt", "Mayor Ilse Voss")]
    assert 2 in out["only_in_a"]


def test_people_are_counted_by_what_happened_to_them() -> None:
    """A number of people is keyed by its role word near it, so the counted noun need not match."""
    deaths = find_conflicts("Landslide buries hillside homes; four dead", "Six people have died after the landslide.")
    assert [(c.a, c.b) for c in deaths] == [("four dead", "Six people")]
    moved = find_conflicts("The floods forced about 3,000 to flee their villages.",
                           "Some 5,500 people were evacuated from the villages.")
    assert [c.b for c in moved] == ["some 5,500 people"]
    # one role each: the deaths do not meet the evacuations, so the toll alone conflicts
    both = find_conflicts("The storm killed nine and forced 2,000 people to evacuate.",
                          "Eleven people died in the storm and 2,000 people were evacuated.")
    assert [(c.a, c.b) for c in both] == [("nine", "Eleven people")]


def test_a_part_of_a_toll_is_no_conflict_with_the_whole() -> None:
    """Sub-groups ("two civilians") are other nouns than the whole ("seven people"): no conflict."""
    assert find_conflicts("Five guards and two visitors were killed in the blast.",
                          "Seven people were killed in the blast, five of them guards.") == ()


def test_every_number_of_a_list_is_read() -> None:
    """"Five guards and two visitors": the second number is not swallowed by the first's words."""
    found = find_conflicts("Five guards and two visitors were hurt.", "Five guards and three visitors were hurt.")
    assert [(c.a, c.b) for c in found] == [("two visitors", "three visitors")]


def test_a_modifier_does_not_hide_the_counted_noun_but_two_modifiers_count_different_things() -> None:
    found = find_conflicts("About 600 scheduled flights were cancelled.", "About 950 flights were cancelled.")
    assert [(c.a, c.b) for c in found] == [("about 600 scheduled flights", "about 950 flights")]
    assert find_conflicts("Four Labour councillors voted against.", "Six Green councillors voted against.") == ()


def test_a_rounding_is_no_disagreement_but_a_hedged_different_figure_is() -> None:
    assert find_conflicts("Prices rose 3.2 percent in May.", "Prices rose 3 percent in May.") == ()
    found = find_conflicts("About 2.4 million pensioners will lose the payment.",
                           "About 2.6 million pensioners will lose the payment.")
    assert [(c.a, c.b) for c in found] == [("about 2.4 million pensioners", "about 2.6 million pensioners")]


def test_others_count_people_and_more_speech_verbs_give_a_speaker() -> None:
    found = find_conflicts("One guard died and 9 others were hurt.", "One guard died and 14 people were hurt.")
    assert [(c.a, c.b) for c in found] == [("9 others", "14 people")]
    quote = '"We will not be bullied into a bad deal,"'
    found = find_conflicts(f"{quote} union leader Sara Quist insisted.", f"{quote} boasted Transport Secretary Ben Ode.")
    assert [(c.kind, c.a, c.b) for c in found] == [("attribution", "Sara Quist", "Transport Secretary Ben Ode")]


def test_a_reported_demand_is_reported_voice() -> None:
    from framing.entities import voice

    assert voice("A local councillor demanded that the operator explain the outage to residents.") == "attributed"
    assert voice("The operator failed to explain the outage to residents.") == "outlet"
