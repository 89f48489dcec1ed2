"""The rescue step: two sentences that are each other's clear best counterpart are linked even
when their score is below the threshold (a paraphrase in other words), and nothing else is.
Texts written for these tests (no corpus sentences): sport, strike, court, disaster."""

from __future__ import annotations

import numpy as np

from framing.align import RESCUE_FLOOR, RESCUE_GAP, THRESHOLD, align, match, rescue
from framing.compare import embed_documents
from framing.segment import segment
from framing.types import Article


def test_a_clear_mutual_best_below_the_threshold_is_rescued() -> None:
    scores = np.array([[0.42, 0.10, 0.12], [0.15, 0.20, 0.18], [0.05, 0.19, 0.21]])
    assert match(scores) == []
    assert rescue(scores, []) == [(0, 0)]  # (2, 2) is best both ways but not by RESCUE_GAP


def test_rescue_needs_a_gap_in_the_row_and_in_the_column() -> None:
    row_rival = np.array([[0.42, 0.35], [0.10, 0.05]])
    column_rival = np.array([[0.42, 0.10], [0.35, 0.05]])
    assert rescue(row_rival, []) == [] and rescue(column_rival, []) == []
    low = np.array([[RESCUE_FLOOR - 0.01, 0.0], [0.0, 0.0]])
    assert rescue(low, []) == []
    just = np.array([[RESCUE_FLOOR + RESCUE_GAP, 0.0], [0.0, 0.0]])
    assert rescue(just + 0.001, []) == [(0, 0)]


def test_rescue_leaves_linked_sentences_and_one_sentence_articles_alone() -> None:
    scores = np.array([[0.8, 0.1, 0.1], [0.1, 0.45, 0.1], [0.1, 0.1, 0.1]])
    links = match(scores)
    assert links == [(0, 0)]
    assert rescue(scores, links) == [(1, 1)]
    assert rescue(scores, [(0, 0), (1, 2)]) == []  # row 1 already has its alignment
    assert rescue(np.array([[0.45, 0.05, 0.05]]), []) == []  # no rival to stand out from
    assert THRESHOLD > RESCUE_FLOOR


def test_rescue_is_symmetric() -> None:
    rng = np.random.default_rng(7)
    for _ in range(50):
        scores = rng.uniform(0.0, 0.6, size=(int(rng.integers(2, 7)), int(rng.integers(2, 7))))
        links = match(scores)
        mirrored = rescue(scores.T.copy(), [(j, i) for i, j in links])
        assert {(j, i) for i, j in mirrored} == set(rescue(scores, links))


def links(encoder, a_text: str, b_text: str) -> set[tuple[int, int]]:  # noqa: ANN001
    a, b = (segment(Article(id=k, source=k, text=t)) for k, t in (("a", a_text), ("b", b_text)))
    result = align(a, b, *embed_documents([a, b], encoder))
    return {(i, j) for al in result.alignments for i in al.a for j in al.b}


SACKED_A = """Blackmoor Rovers sack Hutton after Eastfield defeat
Blackmoor Rovers dismissed manager Dale Hutton on Sunday, a day after a 3-0 home loss to Eastfield.
The club said in a statement that assistant coach Marta Quill would take charge of the team for Wednesday's cup tie against Northam.
Hutton, 52, joined the club in June 2024 on a three-year contract.
Rovers have won two of their last twelve league matches and sit second from bottom of the table.
Supporters had chanted against the board during the second half."""
SACKED_B = """Rovers part company with Hutton
Saturday's 3-1 defeat by Eastfield, watched by a crowd of 14,000, proved the final straw for the owners.
Dale Hutton has left Blackmoor Rovers after little more than a year in charge.
Quill, his assistant, steps up on an interim basis and will lead the side at Northam in midweek.
The former defender arrived in the summer of 2024 with a brief to win promotion.
A run of ten defeats in twelve games has left the club in the relegation zone.
Ticket prices for next season will rise by five per cent, the club also announced."""


def test_a_caretaker_named_in_other_words_is_rescued_and_the_crowd_is_not(encoder) -> None:  # noqa: ANN001
    found = links(encoder, SACKED_A, SACKED_B)
    assert (2, 3) in found  # the assistant takes charge for the Northam tie
    assert (1, 2) in found  # the sacking itself, above the threshold as before
    assert not {(5, j) for j in range(7)} & found  # the chanting has no counterpart
    assert not {(i, 6) for i in range(6)} & found  # nor have the ticket prices


STRIKE_A = """Nurses strike over pay at city hospitals
About 3,200 nurses began a 48-hour strike on Tuesday at four hospitals run by the Harwick Health Trust.
The union says its members have not had a real-terms pay rise since 2019.
Managers cancelled hundreds of planned operations and asked patients to attend emergency departments only when seriously ill.
The trust said it had offered a 4% rise, which the union rejected last month.
Talks are due to resume at the conciliation service on Friday."""
STRIKE_B = """Walkout hits Harwick hospitals
4,000 militant nurses walked out on Tuesday, leaving wards across Harwick short of staff.
Routine surgery was postponed across the trust, and the public was told to stay away from A&E unless their condition was serious.
Union leaders rejected an offer of four per cent, calling it an insult.
Negotiators will meet again at the end of the week.
Parking charges at the hospitals were cut last year after a campaign by patients."""


def test_a_rejected_offer_and_resumed_talks_in_other_words_are_rescued(encoder) -> None:  # noqa: ANN001
    found = links(encoder, STRIKE_A, STRIKE_B)
    assert {(4, 3), (5, 4)} <= found
    assert not {(i, 5) for i in range(6)} & found  # parking charges: no counterpart
    assert (2, 3) not in found  # the pay freeze is not the rejected offer


COURT_A = """Former mayor jailed for fraud
A judge at Tarrow Crown Court sentenced former mayor Peter Lisle to six years in prison on Thursday for defrauding the town council.
Lisle, 61, was found guilty last month of diverting £2.1 million of public money into companies he secretly controlled.
The council has since tightened its rules on contracts."""
COURT_B = """Lisle gets six years
The disgraced ex-mayor of Tarrow will spend the next six years behind bars.
A jury had convicted him in October of siphoning off more than two million pounds through a web of shell firms.
Lisle's wife wept in the public gallery.
Local elections will be held in the town in May."""


def test_sentences_without_a_counterpart_stay_unlinked_in_a_court_report(encoder) -> None:  # noqa: ANN001
    found = links(encoder, COURT_A, COURT_B)
    assert not {(3, j) for j in range(5)} & found  # the council's new rules
    assert not {(i, j) for i in range(4) for j in (3, 4)} & found  # the wife, the elections


FLOOD_A = """Floods kill 12 in northern valley
At least 12 people died when the Sava river burst its banks after three days of heavy rain, the regional government said on Monday.
More than 5,000 residents were moved to schools and sports halls.
The army sent helicopters to lift people from the roofs of their homes.
Forecasters expect more rain on Wednesday."""
FLOOD_B = """Death toll rises as Sava floods
The swollen Sava has claimed a dozen lives, officials confirmed, after days of torrential downpours.
Thousands of families spent the night in makeshift shelters.
Military crews plucked stranded villagers from rooftops.
Residents accused the authorities of ignoring warnings about the river's levees.
A charity concert for the victims is planned for next month."""


def test_an_airlift_in_other_words_is_rescued_and_the_accusation_is_not(encoder) -> None:  # noqa: ANN001
    found = links(encoder, FLOOD_A, FLOOD_B)
    assert (3, 3) in found  # helicopters lifting people from roofs / crews plucking them from rooftops
    assert not {(i, j) for i in range(5) for j in (4, 5)} & found  # accusation, concert: no counterpart
    assert not {(4, j) for j in range(6)} & found  # the forecast has none either
