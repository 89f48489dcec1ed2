"""Event grouping: corroborated joins (no chaining of sibling events), dates a year apart."""

from __future__ import annotations

import numpy as np
import pytest

import framing.events as events
from framing.events import Signals, group_events, join_groups
from framing.segment import segment
from framing.types import Article

# Two happenings with the same people and place: a pilots' strike, and the election, a year on,
# of the strike leader to head the guild (its first report recalls the strike).
STRIKE = [
    ("Harbour pilots walk out at Port Calder over night-shift pay",
     "Harbour pilots at Port Calder walked off the job on Monday, leaving fourteen container ships waiting "
     "outside the breakwater. The Pilots' Guild said the port authority had refused to pay a night-shift "
     "premium promised two years ago. Guild secretary Miriam Osei said members would stay out until the "
     "premium was paid. The authority called the stoppage unlawful and said it would seek an injunction."),
    ("Ships queue off Port Calder as pilots strike",
     "Fourteen container ships were anchored off Port Calder on Monday after the harbour pilots stopped work. "
     "The Pilots' Guild accuses the port authority of breaking a promise of extra pay for night shifts. "
     "Miriam Osei, the guild's secretary, told reporters the walkout had no end date. Port officials said the "
     "strike was illegal and that lawyers were preparing an injunction."),
    ("Port Calder pilots' strike strands container ships",
     "A strike by harbour pilots has stranded fourteen container ships outside Port Calder. The walkout began "
     "on Monday over a night-shift premium the Pilots' Guild says the port authority never paid. Guild "
     "secretary Miriam Osei vowed that pilots would not return without the money. The authority said it would "
     "ask a court to declare the stoppage unlawful."),
]
ELECTION = [
    ("Miriam Osei elected to lead the Pilots' Guild",
     "Miriam Osei was elected president of the Pilots' Guild on Saturday, winning 212 of 340 ballots cast at the "
     "guild's annual congress in Port Calder. Osei led last year's walkout, when ships waited outside the "
     "breakwater while pilots stayed out for a night-shift premium the port authority had promised. She "
     "promised to open talks on pensions and training. Her rival, Tomas Brandt, conceded and pledged his "
     "support. The congress also approved a new dues structure."),
    ("Guild picks Osei as president at annual congress",
     "Delegates at the Pilots' Guild congress chose Miriam Osei as their president on Saturday. She took 212 "
     "votes to 128 for Tomas Brandt. Osei said pensions and pilot training would be her first priorities. "
     "Brandt congratulated her and said the guild would stand united. Members also voted to restructure dues."),
    ("Osei wins Pilots' Guild presidency",
     "Miriam Osei won the presidency of the Pilots' Guild on Saturday with 212 votes, against 128 for Tomas "
     "Brandt, at the guild's congress. She pledged to start negotiations on pensions and to expand training "
     "for new pilots. Brandt accepted the result. The congress agreed a change to members' dues."),
]


def docs(dates: list[str | None] | None = None) -> list:
    stories = STRIKE + ELECTION
    dates = dates or [None] * len(stories)
    return [segment(Article(id=f"a{k}", source=f"outlet{k % 3}", title=title, text=text, date=day))
            for k, ((title, text), day) in enumerate(zip(stories, dates, strict=True))]


def _groups(pairs: list[tuple[int, int]], n: int) -> list[list[int]]:
    sigs = [Signals(frozenset(), None)] * n
    left, right = (np.array(side, dtype=np.int64) for side in zip(*pairs, strict=True))
    return sorted(map(sorted, join_groups(sigs, left, right)))


def test_one_link_does_not_chain_two_groups_and_two_links_do() -> None:
    triangles = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)]
    assert _groups([*triangles, (2, 3)], 6) == [[0, 1, 2], [3, 4, 5]]
    assert _groups([*triangles, (2, 3), (1, 4)], 6) == [[0, 1, 2, 3, 4, 5]]
    assert _groups([*triangles, (2, 3), (2, 4)], 6) == [[0, 1, 2, 3, 4, 5]]  # links counted, not articles
    # a single article joins a group on one link, and the links it brought count for its group
    assert _groups([(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)], 6) == [[0, 1, 2, 3, 4, 5]]
    assert _groups([(0, 1), (2, 3), (1, 2)], 4) == [[0, 1], [2, 3]]


def test_a_sibling_event_is_not_chained_in_by_one_recalling_article(monkeypatch: pytest.MonkeyPatch) -> None:
    assert sorted(map(sorted, group_events(docs()))) == [[0, 1, 2], [3, 4, 5]]
    monkeypatch.setattr(events, "CORROBORATION", 1)  # plain single linkage chains them
    assert sorted(map(sorted, group_events(docs()))) == [[0, 1, 2, 3, 4, 5]]


def test_dates_days_apart_join_and_a_year_apart_never(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events, "CORROBORATION", 1)  # even with chaining allowed
    days = ["2023-03-06", "2023-03-06", "2023-03-08", "2024-04-13", "2024-04-13", "2024-04-14"]
    assert sorted(map(sorted, group_events(docs(days)))) == [[0, 1, 2], [3, 4, 5]]
    # the same strike report dated a year later is another happening (an anniversary, a repeat)
    again = [*docs(days)[:3], segment(Article(id="b", source="b", title=STRIKE[0][0], text=STRIKE[0][1],
                                             date="2024-03-07"))]
    assert sorted(map(sorted, group_events(again))) == [[0, 1, 2], [3]]
    undated = [*docs(days)[:3], segment(Article(id="b", source="b", title=STRIKE[0][0], text=STRIKE[0][1]))]
    assert sorted(map(sorted, group_events(undated))) == [[0, 1, 2, 3]]


def test_the_blocked_path_counts_links_as_the_exact_path() -> None:
    corpus = docs()
    assert sorted(map(sorted, group_events(corpus, exact_below=0))) == sorted(map(sorted, group_events(corpus)))
