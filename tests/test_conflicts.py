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
        [("number", "300 families", "1300 families")]
    assert kinds("Inflation eased to 2.4% in May.", "Inflation eased to 2.6 percent in May.") == \
        [("number", "2.4 percent", "2.6 percent")]
    # same value written differently, and different things counted: no conflict
    assert kinds("Turnout was 1.5 million voters.", "Turnout was 1,500,000 voters.") == []
    assert kinds("Two ships sank and 14 sailors drowned.", "14 sailors drowned when two ships sank.") == []
    assert kinds("The bridge, built in 1932, closed.", "The bridge closed for 1 week.") == []


def test_dates_names_and_speakers() -> None:
    assert kinds("The strike began on Monday.", "The strike began on Wednesday.") == [("date", "Monday", "Wednesday")]
    assert kinds("Voting ends on October 3.", "Voting ends on Oct. 5.") == [("date", "October 3", "October 5")]
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
