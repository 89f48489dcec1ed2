"""Sibling events: a found event that the same outlets reported twice is cut in two."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest

import framing.events as events
from framing.event_split import outlet_of, sibling_cut, split_siblings
from framing.events import group_events
from framing.segment import segment
from framing.types import Article

# Two happenings with the same people and place, months apart: a bridge closed over cracked
# girders, and the same bridge reopened after repairs. Three outlets report each.
CLOSED = [
    ("Esterby Gazette", "Arlen Bridge shut after engineers find cracks in main span",
     "The Arlen Bridge between Esterby and Colmouth was closed to all traffic on Tuesday after county engineers "
     "found cracks in two steel girders of its main span. Chief engineer Priya Nandakumar said the crossing, "
     "which carries about 18,000 vehicles a day, would stay shut until the girders were braced. Buses between "
     "the two towns will take the ferry road, adding forty minutes to each trip. The county roads board called "
     "an emergency meeting for Thursday."),
    ("Colmouth Herald", "Commuters face long detours as Arlen Bridge closes",
     "Drivers who cross the Arlen Bridge every morning found barriers across both lanes on Tuesday. The county "
     "closed the bridge when an inspection turned up cracked girders under the main span, said Priya "
     "Nandakumar, the county's chief engineer. Shop owners in Colmouth fear the closure will keep Esterby "
     "shoppers away. The roads board will meet on Thursday to decide on repairs."),
    ("Valley Radio", "Cracked girders close Arlen Bridge indefinitely",
     "Inspectors have closed the Arlen Bridge after discovering cracks in the steel girders of its central "
     "span. Priya Nandakumar, who leads the county engineering office, told Valley Radio that no date could be "
     "given for reopening. The bridge links Esterby and Colmouth and is used by 18,000 vehicles daily. The "
     "roads board meets on Thursday."),
]
REOPENED = [
    ("Esterby Gazette", "Arlen Bridge reopens to traffic after girder repairs",
     "Traffic returned to the Arlen Bridge on Saturday, five months after cracked girders forced its closure. "
     "The county roads board spent 2.3 million on new steel braces fitted beneath the main span, chief "
     "engineer Priya Nandakumar said at a ribbon-cutting on the Esterby side. A weight limit of 26 tonnes "
     "will apply until a final load test in the spring. Buses between Esterby and Colmouth resumed their old "
     "route the same afternoon."),
    ("Colmouth Herald", "Relief in Colmouth as Arlen Bridge opens again",
     "Colmouth traders cheered on Saturday as the first cars rolled across the Arlen Bridge since it was shut "
     "in the autumn. Priya Nandakumar, the county's chief engineer, said the 2.3 million repair had braced every "
     "cracked girder. Lorries over 26 tonnes must still use the ferry road until a load test is done. One cafe "
     "owner said takings had halved during the closure."),
    ("Valley Radio", "Arlen Bridge back in use with weight limit",
     "The Arlen Bridge reopened on Saturday with a 26-tonne weight limit after a 2.3 million repair of its main "
     "span. County chief engineer Priya Nandakumar told Valley Radio the new braces would carry the girders "
     "for decades. Heavier lorries will keep using the ferry road between Esterby and Colmouth until a load "
     "test next spring."),
]


def _docs(stories: list[tuple[str, str, str]], dates: Sequence[str | None] | None = None) -> list:
    dates = list(dates or [None] * len(stories))
    return [segment(Article(id=f"a{k}", source="test", outlet=outlet, title=title, text=text, date=day))
            for k, ((outlet, title, text), day) in enumerate(zip(stories, dates, strict=True))]


def _sorted(groups: list[list[int]]) -> list[list[int]]:
    return sorted(map(sorted, groups))


def test_siblings_reported_by_the_same_outlets_are_two_events(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs(CLOSED + REOPENED)
    assert _sorted(group_events(docs)) == [[0, 1, 2], [3, 4, 5]]
    monkeypatch.setattr(events, "split_siblings", lambda groups, *_: groups)  # without the cut: one event
    assert _sorted(group_events(docs)) == [[0, 1, 2, 3, 4, 5]]


def test_without_outlets_or_with_dates_on_both_sides_nothing_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    anonymous = [replace(d, article=replace(d.article, outlet=None)) for d in _docs(CLOSED + REOPENED)]
    assert _sorted(group_events(anonymous)) == [[0, 1, 2, 3, 4, 5]]  # no outlet, no evidence of two reports
    # an outlet address stands for its name
    assert outlet_of(Article(id="x", source="x", text="t", url="https://www.valley.example/a")) == "valley.example"
    # dated days apart: the dates decide, and outlets often write twice within days
    days = ["2024-03-05"] * 3 + ["2024-03-09"] * 3
    assert _sorted(group_events(_docs(CLOSED + REOPENED, days))) == [[0, 1, 2, 3, 4, 5]]


def _blocks(sizes: tuple[int, int], within: float = 0.4, across: float = 0.2) -> np.ndarray:
    n = sum(sizes)
    sims = np.full((n, n), across)
    sims[: sizes[0], : sizes[0]] = within
    sims[sizes[0] :, sizes[0] :] = within
    np.fill_diagonal(sims, 1.0)
    return sims


def test_the_cut_follows_the_outlets_and_the_text() -> None:
    sims = _blocks((3, 3))
    cut = sibling_cut(range(6), list("abcabc"), [None] * 6, lambda m: sims[np.ix_(m, m)])
    assert cut is not None and sorted(cut) == [[0, 1, 2], [3, 4, 5]]
    # an outlet with one article joins the side its text is closest to
    sims = _blocks((3, 2))
    cut = sibling_cut(range(5), ["a", "b", "c", "a", "b"], [None] * 5, lambda m: sims[np.ix_(m, m)])
    assert cut is not None and sorted(cut) == [[0, 1, 2], [3, 4]]
    # one outlet writing twice about one happening is common: no cut
    assert sibling_cut(range(4), ["a", "b", "c", "a"], [None] * 4, lambda m: np.eye(len(m))) is None
    # nor two outlets' second pieces in a big story of many outlets
    sims = _blocks((5, 5))
    outlets = ["a", "b", "c", "d", "e", "a", "b", "f", "g", "h"]
    assert sibling_cut(range(10), outlets, [None] * 10, lambda m: sims[np.ix_(m, m)]) is None
    outlets = ["a", "b", "c", "d", "e", "a", "b", "c", "d", "h"]
    assert sibling_cut(range(10), outlets, [None] * 10, lambda m: sims[np.ix_(m, m)]) is not None
    # an outlet's two articles that are one text run twice: no cut
    copies = _blocks((3, 3))
    copies[0, 3] = copies[3, 0] = 0.95
    assert sibling_cut(range(6), list("abcabc"), [None] * 6, lambda m: copies[np.ix_(m, m)]) is None
    # each outlet's two articles far more alike than anything across outlets: the sides would be
    # more alike across than within, so no cut
    own = np.full((4, 4), 0.05)
    own[0, 2] = own[2, 0] = own[1, 3] = own[3, 1] = 0.5
    np.fill_diagonal(own, 1.0)
    assert sibling_cut(range(4), list("abab"), [None] * 4, lambda m: own[np.ix_(m, m)]) is None


def test_a_group_of_three_outlets_is_never_cut_and_only_one_side_may_be_dated() -> None:
    """Three outlets writing very different articles about one event: no side could have two outlets."""
    sims = np.eye(3)
    assert split_siblings([[0, 1, 2]], list("abc"), [None] * 3, lambda m: sims[np.ix_(m, m)]) == [[0, 1, 2]]
    sims = _blocks((3, 3))
    day = date(2024, 3, 5)
    one_side = [day] * 3 + [None] * 3
    both = [day] * 6
    assert len(split_siblings([list(range(6))], list("abcabc"), one_side, lambda m: sims[np.ix_(m, m)])) == 2
    assert split_siblings([list(range(6))], list("abcabc"), both, lambda m: sims[np.ix_(m, m)]) == [list(range(6))]


def test_one_event_by_three_outlets_in_very_different_words_stays_whole() -> None:
    """A news report, a local reaction and a commentary on one closure, and the first outlet's
    follow-up the same day: one event (one outlet writing twice is no sign of two happenings)."""
    stories = [CLOSED[0],
               ("Colmouth Herald", "Traders count the cost of the Arlen Bridge closure",
                "For the cafes on Colmouth's quay, Tuesday's closure of the Arlen Bridge could not have come at a "
                "worse time. Regulars from Esterby now face a forty-minute drive round by the ferry road. Priya "
                "Nandakumar, the county's chief engineer, ordered the barriers up after finding cracked girders "
                "in the main span, and says safety had to come first."),
               ("Valley Radio", "Opinion: the Arlen Bridge warning we all ignored",
                "Nobody should be surprised that the Arlen Bridge is shut. Engineers have been asking the county "
                "roads board for girder money for a decade. Now Priya Nandakumar has had to close the span between "
                "Esterby and Colmouth, and 18,000 drivers a day will pay for the board's delay."),
               ("Esterby Gazette", "Arlen Bridge: what drivers need to know",
                "The Arlen Bridge closed on Tuesday after cracks were found in its girders. Buses between Esterby "
                "and Colmouth use the ferry road. Chief engineer Priya Nandakumar said updates would follow the "
                "roads board meeting on Thursday.")]
    assert _sorted(group_events(_docs(stories))) == [[0, 1, 2, 3]]


@pytest.mark.parametrize("name", ["dev", "basil-dev"])
def test_sibling_cuts_on_the_shared_corpora_without_dates(dev_dir: Path, name: str) -> None:
    """Dates stripped, outlets as ingest reads them from the manifest: measured ARI 0.995 on dev
    (no group cut: its repeated outlet is one) and 1.000 on basil-dev (0.970 before the cut: one
    pair of triplets by the same three outlets was one event)."""
    from framing.evaluate import eval_events
    from framing.ingest import load_articles

    corpus = dev_dir.parent / name
    if not corpus.is_dir():
        pytest.skip(f"../shared/corpus/{name} is not there")
    arts = load_articles(sorted(str(p) for p in corpus.glob("*.txt")))
    docs = [segment(replace(a, date=None)) for a in arts]
    report = eval_events(docs, corpus / "manifest.jsonl")
    assert report["ari"] >= 0.99 and report["events_merged"] <= (2 if name == "dev" else 0)
    assert report["events_split"] == 0


def test_usual_similarity_counts_only_reports_the_dates_allow(monkeypatch: pytest.MonkeyPatch) -> None:
    """An article's most similar report of a sibling happening months away does not set how alike
    it must be to the reports of its own event (they are always less alike than that one)."""
    from framing.events import dated_near

    days = np.array([738950, 738952, 739100, 0])  # two days apart, five months later, undated
    left, right = np.array([0, 0, 1, 2]), np.array([1, 2, 2, 3])
    assert dated_near(left, right, days).tolist() == [True, False, False, True]
    seen: list[int] = []
    real = events._usual_similarity

    def spy(n: int, left: np.ndarray, right: np.ndarray, scores: np.ndarray) -> np.ndarray:
        seen.append(len(left))
        return real(n, left, right, scores)

    monkeypatch.setattr(events, "_usual_similarity", spy)
    group_events(_docs(CLOSED + REOPENED, ["2024-03-05"] * 3 + ["2024-08-10"] * 3))
    assert seen == [6]  # the 6 pairs inside each happening, not the 9 across


def test_after_a_cut_an_article_refused_by_the_whole_joins_the_side_it_fits() -> None:
    """Article 6 leads with the 15th round, the second happening's article 3 with the 16th: it was
    refused by the merged group, and joins the first happening once the group is cut."""
    from framing.events import Ordinal, Signals, join_groups

    plain = Signals(frozenset(), None)
    sigs = [plain] * 7
    sigs[3] = Signals(frozenset({Ordinal(16, frozenset({"round", "talks"}))}), None)
    sigs[6] = Signals(frozenset({Ordinal(15, frozenset({"round", "talks"}))}), None)
    links = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3), (1, 4), (0, 6)]
    left, right = (np.array(side, dtype=np.int64) for side in zip(*links, strict=True))
    assert _sorted(join_groups(sigs, left, right)) == [[0, 1, 2, 3, 4, 5], [6]]

    def cut(groups: list[list[int]]) -> list[list[int]]:
        return [part for g in groups for part in ([[0, 1, 2], [3, 4, 5]] if len(g) == 6 else [g])]

    assert _sorted(join_groups(sigs, left, right, cut=cut)) == [[0, 1, 2, 6], [3, 4, 5]]
