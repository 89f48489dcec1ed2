"""Notices on a comparison: different events, the same text, an article cut off (every format)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from framing.cli import cli
from framing.compare import compare_documents
from framing.segment import segment
from framing.types import Article
from tests.conftest import CORPUS

TALKS = ("Negotiators opened the {n} round of the river-sharing talks in Geneva on Monday. "
         "Delegates from both basin states discussed dam releases during the dry season. "
         "The mediator said the sides agreed to exchange flow data every week. "
         "Farmers' groups protested outside the venue, demanding a larger share of water. "
         "The next session is expected before the monsoon.")
RETOLD = ("The {n} round of talks on sharing the river began in Geneva this week. "
          "Both basin states' delegations weighed how much water dams should release in the dry months. "
          "According to the mediator, weekly exchanges of flow data were agreed. "
          "Outside, farmers rallied for more water for irrigation. "
          "Another session is planned ahead of the monsoon rains.")
OTHER = ("The city's orchestra announced a new principal conductor on Friday. "
         "She will lead twelve concerts in the coming season. "
         "Ticket prices for students will fall by a third. "
         "The concert hall is closed for repairs until October. "
         "A youth programme will tour five schools in the spring.")


def doc(ident: str, text: str, date: str | None = None):
    return segment(Article(id=ident, source=ident, text=text, date=date))


def kinds(comp) -> list[str]:
    return [n.kind for n in comp.notices]


def test_different_ordinals_of_one_series_are_different_events(encoder) -> None:
    comp = compare_documents(doc("a", TALKS.format(n="7th")),
                             doc("b", RETOLD.format(n="8th")), encoder=encoder)
    assert kinds(comp) == ["different_events"]
    assert "number 7" in comp.notices[0].message and "number 8" in comp.notices[0].message
    same_round = compare_documents(doc("a", TALKS.format(n="7th")),
                                   doc("b", RETOLD.format(n="7th")), encoder=encoder)
    assert "different_events" not in kinds(same_round)


def test_dates_far_apart_and_low_overlap_are_different_events(encoder) -> None:
    a, b = doc("a", TALKS.format(n="next"), "2019-05-02"), doc("b", RETOLD.format(n="next"), "2021-06-10")
    dated = compare_documents(a, b, encoder=encoder)
    assert kinds(dated) == ["different_events"] and "2019-05-02" in dated.notices[0].message
    close = compare_documents(a, doc("b", b.article.text, "2019-05-04"), encoder=encoder)
    assert close.notices == ()
    unrelated = compare_documents(doc("a", TALKS.format(n="next")), doc("b", OTHER), encoder=encoder)
    assert kinds(unrelated) == ["different_events"] and "counterpart" in unrelated.notices[0].message


def test_same_text_and_cut_off(encoder) -> None:
    same = compare_documents(doc("a", OTHER), doc("b", OTHER.upper().lower().capitalize()), encoder=encoder)
    assert kinds(same) == ["same_text"]
    cut = compare_documents(doc("a", TALKS.format(n="next")), doc("b", TALKS.format(n="next")[:-40]), encoder=encoder)
    assert "cut_off" in kinds(cut) and "B" in cut.notices[-1].message


@pytest.mark.parametrize("fmt", ["json", "markdown", "html", "text"])
def test_seeds_of_different_meetings_carry_the_notice_in_every_format(fmt: str) -> None:
    args = ["compare", str(CORPUS / "002_c387223b24257c80.txt"), str(CORPUS / "003_fe4e796e0e8e7b78.txt"), "--format", fmt]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        notices = json.loads(result.stdout)["notices"]
        assert notices and notices[0]["kind"] == "different_events"
    else:
        assert "different events" in result.stdout


def test_datelines_far_apart_say_different_events_when_the_articles_carry_no_dates(tmp_path) -> None:  # noqa: ANN001
    from framing.clean import dateline_day

    assert dateline_day("Dam fire\nSELBY, Feb 3 (Northwire) - A fire broke out at the Selby dam on Monday night.") == (2, 3)
    assert dateline_day("SELBY, 14 July - A fire broke out at the Selby dam on Monday night, police said.") == (7, 14)
    assert dateline_day("A fire broke out at the Selby dam on Monday night, police said.") is None
    body = ("A fire broke out at the Selby hydro dam's turbine hall, the operator said. Two workers were hurt. "
            "Firefighters brought it under control within three hours. The dam supplies power to 40,000 homes. "
            "An inquiry into the cause has begun, the operator said.")
    a, b, c = (tmp_path / n for n in ("a.txt", "b.txt", "c.txt"))
    a.write_text(f"Fire at Selby dam\nSELBY, Feb 3 (Northwire) - {body}\n")
    b.write_text("Blast at Selby dam\nSELBY, July 14 (Northwire) - An explosion tore through the Selby hydro dam's "
                 "control room, the operator said. Three engineers were killed. The dam supplies power to 40,000 "
                 "homes. Police sealed off the site overnight. The regional governor visited the families.\n")
    c.write_text(f"Fire at Selby dam\nSELBY, Feb 4 (Northwire) - {body.replace('Two', 'Three')}\n")
    notices = [json.loads(CliRunner().invoke(cli, ["compare", str(a), str(x), "--format", "json"]).stdout)["notices"]
               for x in (b, c)]
    assert any(n["kind"] == "different_events" and "February 3" in n["message"] and "July 14" in n["message"]
               for n in notices[0])
    assert not any(n["kind"] == "different_events" for n in notices[1])


def test_a_dated_lede_or_a_different_result_says_different_events(tmp_path) -> None:  # noqa: ANN001
    """Without dates or datelines, the texts' own evidence (as the event grouping reads it): a lede
    date with how long ago it was, and the results two match reports lead with."""
    rest = ("The two clubs have met 14 times in the cup. Both managers named unchanged sides. "
            "A crowd of 9,000 watched at the Riverside ground. The referee showed four yellow cards.")
    files = {
        "first.txt": f"Harlow edge Denby\nHarlow beat Denby 3-1 in the cup quarter-final on Saturday. {rest}\n",
        "return.txt": f"Denby take revenge\nDenby beat Harlow 2-0 in the league on Saturday. {rest}\n",
        "same.txt": f"Harlow through\nHarlow won 3-1 against Denby in Saturday's quarter-final. {rest}\n",
        "later.txt": ("Dam repaired\nThe crack found in the Selby dam on March 2, six weeks ago, has been sealed, "
                      "engineers said. " + rest + "\n"),
        "early.txt": ("Dam cracked\nEngineers found a crack in the Selby dam, they said on Monday. "
                      + rest + "\n"),
        "dated.txt": ("Dam cracked\nSELBY, March 3 (Northwire) - Engineers found a crack in the Selby dam. " + rest + "\n"),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)

    def notices(x: str, y: str) -> str:
        out = CliRunner().invoke(cli, ["compare", str(tmp_path / x), str(tmp_path / y), "--format", "json"]).stdout
        return " ".join(n["message"] for n in json.loads(out)["notices"] if n["kind"] == "different_events")

    assert "leads with the result 3-1" in notices("first.txt", "return.txt") and "2-0" in notices("first.txt", "return.txt")
    assert "result" not in notices("first.txt", "same.txt")
    assert "April 13" in notices("later.txt", "dated.txt") and "March 3" in notices("later.txt", "dated.txt")
    assert "dates it" not in notices("later.txt", "early.txt")  # one text gives no day: nothing to compare
