"""Alignment of rewritten claims: changed figures and loaded verbs still align; sentences that
only share a long organisation name, or a figure the other outlet gives for something else, do
not. Texts written for these tests (no corpus sentences)."""

from __future__ import annotations

import pytest

from framing.align import _terms, align, lexical_overlap
from framing.compare import embed_documents
from framing.conflicts import find_conflicts
from framing.segment import segment
from framing.types import Article


def doc(text: str, ident: str):  # noqa: ANN201
    return segment(Article(id=ident, source=ident, text=text))


def links(encoder, a_text: str, b_text: str) -> set[tuple[int, int]]:  # noqa: ANN001
    a, b = doc(a_text, "a"), doc(b_text, "b")
    result = align(a, b, *embed_documents([a, b], encoder))
    return {(i, j) for al in result.alignments for i in al.a for j in al.b}


def test_numbers_are_whole_terms() -> None:
    assert {"3200", "5.8", "percent"[:6]} <= set(_terms("About 3,200 nurses and 5.8 percent."))
    assert "3" not in _terms("About 3,200 nurses.") and "8" not in _terms("Inflation was 5.8 percent.")


def test_a_figure_the_other_article_gives_nowhere_does_not_count_against_the_pair() -> None:
    same_but_figure = lexical_overlap(["About 3,200 cleaners walked out at Dunmere station on Tuesday."],
                                      ["Some 4,100 cleaners walked out at Dunmere station on Tuesday."])
    assert same_but_figure[0, 0] == pytest.approx(1.0)
    # the other article gives that figure in another sentence: then it is another fact, and counts
    forecast, current = "Officials expect joblessness to reach 5 percent next spring.", "Joblessness was 7 percent in spring."
    given_elsewhere = lexical_overlap([forecast, "A year ago it was 7 percent."], [current])[0, 0]
    given_nowhere = lexical_overlap([forecast, "A year ago it was 9 percent."], [current])[0, 0]
    assert given_elsewhere < given_nowhere


def test_a_shared_name_of_several_words_counts_as_one_word() -> None:
    named = lexical_overlap(["The Coastal Fisheries Protection Agency opened an inquiry."],
                            ["Critics say the Coastal Fisheries Protection Agency protects trawler owners."])[0, 0]
    worded = lexical_overlap(["Coastal fisheries protection agency staff opened an inquiry."],
                             ["Critics say coastal fisheries protection agency staff protect trawler owners."])[0, 0]
    assert named < worded / 2
    headline = _terms("Nurses Walk Out Over Pay At Harlow Hospital")  # title case is no name
    assert set(headline.values()) == {1.0}


MINE_A = """Rescuers have reached the trapped miners at the Kessel copper mine.
About 40 miners were trapped underground after a tunnel collapsed on Monday.
The Kessel Mining Company said all of them were alive.
Rescue teams expect to bring them to the surface within two days."""
MINE_B = """Miracle at Kessel: rescuers reach trapped men.
A horrifying 55 miners were entombed when a tunnel caved in on Monday.
Families say the Kessel Mining Company ignored warnings about the tunnel for months.
Rescuers hope to haul them out within two days."""


def test_a_tabloid_rewrite_with_another_figure_aligns_and_a_shared_company_name_does_not(encoder) -> None:  # noqa: ANN001
    found = links(encoder, MINE_A, MINE_B)
    assert (1, 1) in found  # 40 trapped vs "a horrifying 55 ... entombed": one claim, two figures
    assert not {(2, 2), (2, 1), (1, 2)} & found  # the company's statement vs the families' accusation
    conflicts = find_conflicts(doc(MINE_A, "a").sentences[1].text, doc(MINE_B, "b").sentences[1].text)
    assert [(c.kind, c.a, c.b) for c in conflicts] == [("number", "about 40 miners", "55 miners")]


FARES_A = """Bus and tram fares in Lindholm will go up in January.
The Metropolitan Transport Authority said fares would rise by 4 percent from January 1.
A single ticket will cost 2.60 crowns.
The authority blamed higher energy costs."""
FARES_B = """Lindholm commuters face another fare hike next year.
Passengers say the Metropolitan Transport Authority has let stations fall into disrepair.
Fares will jump by a whopping 6 percent, pushing a single ticket to 2.75 crowns.
Bosses pointed the finger at soaring energy bills."""


def test_a_fare_rise_with_another_figure_aligns_and_a_complaint_naming_the_authority_does_not(encoder) -> None:  # noqa: ANN001
    found = links(encoder, FARES_A, FARES_B)
    assert (1, 2) in found and (2, 2) in found  # B merges the rise and the ticket price
    assert (1, 1) not in found


JOBS_A = """Unemployment in Varnland fell for the third month in a row.
The jobless rate was 6.2 percent in June, down from 6.5 percent in May.
The National Statistics Office expects unemployment to drop to 5 percent next year.
Employment Minister Jonas Ek welcomed the figures."""
JOBS_B = """Varnland's jobless rate kept falling in June.
Unemployment was 6.2 percent in June.
Employment Minister Jonas Ek hailed the figures as proof that his reforms work.
Critics said most new jobs were part-time."""


def test_a_forecast_is_not_the_figure_the_article_gives_elsewhere(encoder) -> None:  # noqa: ANN001
    found = links(encoder, JOBS_A, JOBS_B)
    assert (1, 1) in found and (3, 2) in found
    assert (2, 1) not in found  # "expects ... 5 percent next year" vs "was 6.2 percent in June"
