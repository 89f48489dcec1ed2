"""Text evidence of two happenings: a report's own day (dateline, dated lede), its lead tally."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

import framing.event_split as event_split
import framing.events as events
from framing.event_evidence import (
    TextEvidence,
    days_apart,
    evidence_conflict,
    lead_tallies,
    report_day,
    text_evidence,
)
from framing.event_split import MAX_EVIDENCE_GROUP, evidence_cut
from framing.events import group_events, signals
from framing.segment import segment
from framing.types import Article

# Two happenings at one dam with the same people, five months apart: the dam cracks and the valley
# is evacuated; the dam is repaired and the residents go home. No outlet reports both; one wire
# report on each side carries a dateline, the others no date at all.
CRACKED = [
    ("Orwen Wire", "Cracks in Tarrow Dam force evacuation of Lissel valley",
     "LISSEL, Feb 9 (Orwen) - Engineers found deep cracks in the Tarrow Dam on Sunday and the regional "
     "council ordered 6,000 people in the Lissel valley to leave their homes, council leader Hanna Brookes "
     "said. The reservoir behind the dam holds 40 million cubic metres of water. Dam engineer Tomasz Vell said "
     "the cracks ran through the spillway wall. Families were taken to sports halls in Carrow."),
    ("Carrow Courier", "Lissel families flee as Tarrow Dam cracks",
     "Thousands of families packed cars and left the Lissel valley after engineers discovered cracks in the "
     "Tarrow Dam. Council leader Hanna Brookes said 6,000 residents had to go while the spillway wall was "
     "checked. Dam engineer Tomasz Vell said water was being released from the reservoir to ease the pressure. "
     "Sports halls in Carrow took in those with nowhere to stay."),
    ("Valley Voice", "Tarrow Dam evacuation: what Lissel residents need to know",
     "The order to evacuate the Lissel valley came after cracks were found in the spillway wall of the Tarrow "
     "Dam, the regional council said. Hanna Brookes, the council leader, asked 6,000 people to leave. Tomasz "
     "Vell, the dam's engineer, said the reservoir level was being lowered. Shelters are open in Carrow."),
]
REPAIRED = [
    ("Northline Agency", "Lissel residents return home as Tarrow Dam repairs end",
     "LISSEL, July 14 (Northline) - Residents of the Lissel valley began returning home on Monday after the "
     "regional council declared the repaired Tarrow Dam safe, council leader Hanna Brookes said. Workers "
     "rebuilt the cracked spillway wall and refilled the reservoir. Dam engineer Tomasz Vell said the repair "
     "cost 18 million. The shelters in Carrow closed."),
    ("Hillside Times", "Back to the valley: Tarrow Dam declared safe",
     "The Tarrow Dam is safe again, the regional council said, and the families of the Lissel valley can go "
     "home. Hanna Brookes, the council leader, thanked the workers who rebuilt the spillway wall. Tomasz Vell, "
     "the dam engineer, said the reservoir would be refilled over the summer. The Carrow shelters have closed."),
    ("Riverside Post", "Tarrow Dam reopens and Lissel comes home",
     "Families from the Lissel valley drove home after the regional council said repairs to the Tarrow Dam "
     "were finished. Council leader Hanna Brookes said the rebuilt spillway wall had passed its tests. Dam "
     "engineer Tomasz Vell said the reservoir was filling again. The shelters in Carrow have shut."),
]
# Two matches between the same clubs months apart, each reported by other outlets; two reports of
# each lead with the score, one does not.
FIRST_MATCH = [
    ("Sport Desk", "Harlow beat Denby 3-1 as Okoro scores twice",
     "Harlow beat Denby 3-1 at Castle Park on Saturday, with striker Femi Okoro scoring twice against the "
     "league leaders. Denby keeper Arno Pihl saved a penalty. Harlow manager Rita Salo praised her defence."),
    ("Harlow Echo", "Okoro double: Harlow 3-1 Denby",
     "Harlow 3-1 Denby was the result at Castle Park as Femi Okoro struck twice. Rita Salo, the Harlow manager, "
     "said her side had earned the win against the league leaders. Arno Pihl saved a penalty for Denby."),
    ("Weekend Ball", "Salo's Harlow stun the leaders",
     "Rita Salo's Harlow stunned the league leaders Denby at Castle Park. Femi Okoro scored twice and Denby's "
     "keeper Arno Pihl saved a penalty. Salo said the win belonged to her defence."),
]
RETURN_MATCH = [
    ("Denby Star", "Denby beat Harlow 2-0 to avenge Castle Park defeat",
     "Denby beat Harlow 2-0 at Mill Lane on Saturday. Denby keeper Arno Pihl kept a clean sheet and Femi "
     "Okoro missed a penalty for Harlow. Harlow manager Rita Salo said the league leaders deserved the win."),
    ("Football Today", "Denby 2-0 Harlow: Pihl keeps Okoro out",
     "Denby 2-0 Harlow at Mill Lane as the league leaders hit back. Arno Pihl saved Femi Okoro's penalty. "
     "Rita Salo, the Harlow manager, said Denby had been better."),
    ("Terrace Talk", "Pihl the hero as Denby see off Harlow",
     "Arno Pihl was Denby's hero at Mill Lane, saving a penalty from Femi Okoro as the league leaders beat "
     "Harlow. Harlow manager Rita Salo said her side had missed their chance."),
]


def _docs(stories: Sequence[tuple[str, str, str]]) -> list:
    return [segment(Article(id=f"a{k}", source="test", outlet=outlet, title=title, text=text))
            for k, (outlet, title, text) in enumerate(stories)]


def _sorted(groups: list[list[int]]) -> list[list[int]]:
    return sorted(map(sorted, groups))


def _without_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    original = event_split.split_siblings
    monkeypatch.setattr(events, "split_siblings", lambda g, o, d, s, _evidence=None: original(g, o, d, s))


@pytest.mark.parametrize("stories", [CRACKED + REPAIRED, FIRST_MATCH + RETURN_MATCH])
def test_two_happenings_by_other_outlets_are_cut_by_their_texts(monkeypatch: pytest.MonkeyPatch,
                                                                stories: list) -> None:
    docs = _docs(stories)
    assert _sorted(group_events(docs)) == [[0, 1, 2], [3, 4, 5]]
    _without_evidence(monkeypatch)  # no outlet reports both, no dates: one event without the evidence
    assert _sorted(group_events(docs)) == [[0, 1, 2, 3, 4, 5]]


def test_one_happening_with_agreeing_evidence_stays_whole() -> None:
    """Datelines a few days apart, one score: nothing says two happenings."""
    later = ("Late Wire", "Tarrow Dam cracks: Lissel valley still empty",
             "LISSEL, Feb 12 (Late) - The Lissel valley was still empty on Wednesday, three days after cracks "
             "were found in the Tarrow Dam, council leader Hanna Brookes said. Dam engineer Tomasz Vell said the "
             "spillway wall was being watched day and night. The 6,000 evacuees remain in Carrow sports halls.")
    assert _sorted(group_events(_docs([*CRACKED, later]))) == [[0, 1, 2, 3]]
    assert _sorted(group_events(_docs(FIRST_MATCH))) == [[0, 1, 2]]


def test_a_report_gives_its_day_by_dateline_or_by_a_dated_lede() -> None:
    assert report_day("SELBY, March 3 (Agency) - The council voted to close the library.", "") == 62
    lede = "The walkout, which began on March 2 - six weeks ago - ended when the deal was signed."
    assert report_day("no dateline here", lede) == 61 + 42
    assert report_day("", "Ten months ago, the first flood of August 2023 reached the square.") == 227 + 300 - 365
    # years say the year, not the day: "in March 1990, thirty years ago" may be written in October
    assert report_day("", "The plant opened in March 1990, thirty years ago.") is None
    assert report_day("", "Two years ago, on March 3, the plant closed.") is None
    # a deadline, a modal "may", a name: no date the report is counted from
    assert report_day("", "Three weeks ago the minister promised a decision by June 30.") is None
    assert report_day("", "Three weeks ago he said the talks may fail.") is None
    assert report_day("", "Two weeks ago Mark Junior said he would resign.") is None
    assert report_day("", "The council met on Tuesday.") is None


def test_lead_tallies_are_scores_and_votes_not_ranges_seasons_or_names() -> None:
    assert lead_tallies("Harlow beat Denby 3-1; a 2-2 draw last time") == {(1, 3), (2, 2)}
    assert lead_tallies("the bill passed by 61 votes to 39, and the motion by 54 to 41") == {(39, 61), (41, 54)}
    for text in ("10-15 cm of snow fell", "the 2023-24 season", "COVID-19 wards", "rates rose 4.5-5 percent",
                 "the toll rose from 9 to 11", "a 1,000-200 split", "a 250-100 majority", "3-1,500 fans"):
        assert lead_tallies(text) == frozenset(), text


def test_conflicts_count_days_round_the_calendar_and_tallies_by_overlap() -> None:
    assert days_apart(355, 10) == 20  # December 21 and January 10: three weeks, not eleven months
    assert not evidence_conflict(TextEvidence(day=355), TextEvidence(day=10))
    assert evidence_conflict(TextEvidence(day=40), TextEvidence(day=195))
    assert evidence_conflict(TextEvidence(tallies=frozenset({(1, 3)})), TextEvidence(tallies=frozenset({(0, 2)})))
    both = frozenset({(1, 3), (0, 1)})  # a half-time score beside the final one
    assert not evidence_conflict(TextEvidence(tallies=both), TextEvidence(tallies=frozenset({(1, 3)})))
    assert not evidence_conflict(TextEvidence(tallies=both), TextEvidence())  # no tally: no evidence


def test_the_signals_carry_the_evidence_and_a_date_sets_the_day() -> None:
    doc = _docs(CRACKED[:1])[0]
    assert text_evidence(doc).day == 40 and signals(doc).text.day == 40
    dated = segment(Article(id="d", source="t", title=CRACKED[0][1], text=CRACKED[0][2], date="2025-03-01"))
    assert signals(dated).text.day == 60  # the article's own date, when it has one, is its day


def test_the_cut_keeps_conflicting_articles_and_an_outlets_two_articles_apart() -> None:
    # 0 and 3 conflict; 1 is most like 0, 2 most like 3; 4 is most like 1 but shares 1's outlet
    sims = np.array([[1.0, 0.5, 0.2, 0.4, 0.3],
                     [0.5, 1.0, 0.2, 0.2, 0.6],
                     [0.2, 0.2, 1.0, 0.5, 0.3],
                     [0.4, 0.2, 0.5, 1.0, 0.3],
                     [0.3, 0.6, 0.3, 0.3, 1.0]])
    evidence = [TextEvidence(day=40), TextEvidence(), TextEvidence(), TextEvidence(day=200), TextEvidence()]
    outlets = ["a", "b", "c", "d", "b"]
    cut = evidence_cut(range(5), evidence, outlets, lambda m: sims[np.ix_(m, m)])
    assert cut is not None and _sorted(cut) == [[0, 1], [2, 3, 4]]
    # without the outlet, 4 goes with the article it is most like
    cut = evidence_cut(range(5), evidence, ["a", "b", "c", "d", "e"], lambda m: sims[np.ix_(m, m)])
    assert cut is not None and _sorted(cut) == [[0, 1, 4], [2, 3]]
    # no conflicting evidence, or a group too large to check: no cut
    assert evidence_cut(range(5), [TextEvidence()] * 5, outlets, lambda m: sims[np.ix_(m, m)]) is None
    big = range(MAX_EVIDENCE_GROUP + 1)
    many = [TextEvidence(day=40 + 100 * (k % 2)) for k in big]
    assert evidence_cut(big, many, [None] * len(big), lambda m: np.eye(len(m))) is None


def test_the_ray_engine_carries_the_evidence_of_each_article() -> None:
    """The Ray engine rebuilds each article's signals from its dataset form: the evidence too."""
    import json

    from framing.engine_ray_events import signals_of

    sig = signals(_docs(FIRST_MATCH[:1])[0])
    text = json.dumps([sig.text.day, sorted(sig.text.tallies)])
    assert signals_of(json.dumps([]), 0, text) == sig
