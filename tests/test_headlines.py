"""A headline is the article's title whatever the input format, and never a claim "left out"."""

from __future__ import annotations

import json
from pathlib import Path

from framing.align import align
from framing.compare import embed_documents
from framing.ingest import load_articles
from framing.report import _event
from framing.segment import is_headline, segment
from framing.types import Article

TITLE = "Flood cuts off three valley villages as river bursts its banks"
BODY = ("Rising water cut off three villages in the Arlen valley on Sunday. Rescue crews used boats "
        "to reach about 400 residents.\n"
        "The river rose two metres overnight after a week of rain.")


def test_a_table_title_heads_the_text_as_a_text_file_headline_does(tmp_path: Path) -> None:
    (tmp_path / "rows.jsonl").write_text(json.dumps({"id": "r1", "title": TITLE, "text": BODY}) + "\n", encoding="utf-8")
    (tmp_path / "page.txt").write_text(f"{TITLE}\n\n{BODY}\n", encoding="utf-8")
    row, page = (segment(a) for a in load_articles([str(tmp_path / "rows.jsonl"), str(tmp_path / "page.txt")]))
    assert [s.text for s in row.sentences] == [s.text for s in page.sentences]
    assert row.sentences[0].text == TITLE and is_headline(row, 0) and not is_headline(row, 1)
    # the body's first paragraph is split into its sentences, not kept whole as a headline
    assert row.sentences[1].text == "Rising water cut off three villages in the Arlen valley on Sunday."


def test_an_untitled_text_has_no_headline() -> None:
    doc = segment(Article(id="u", source="u", text=BODY))
    assert not any(is_headline(doc, i) for i in range(len(doc.sentences)))


def _doc(ident: str, title: str, body: str):  # noqa: ANN202
    return segment(Article(id=ident, source=ident, text=f"{title}\n{body}", title=title))


def test_an_unmatched_headline_is_not_only_in_one_article(encoder) -> None:  # noqa: ANN001
    a = _doc("a", "Valley villages marooned after record rain", BODY)
    b = _doc("b", "Council chief faces questions over flood defence budget", BODY)
    result = align(a, b, *embed_documents([a, b], encoder))
    linked_a = {i for al in result.alignments for i in al.a}
    assert 0 not in result.only_in_a and 0 not in result.only_in_b
    assert {1, 2, 3} <= linked_a  # the body sentences still align


def test_headlines_shared_by_two_outlets_are_not_left_out_by_the_third(encoder) -> None:  # noqa: ANN001
    shared = "Tram drivers strike over night-shift pay in Corvale"
    docs = {0: _doc("x", shared, "Drivers walked out at dawn. No trams ran all day."),
            1: _doc("y", shared, "Drivers walked out at dawn on Monday. Commuters queued for buses."),
            2: _doc("z", "Commuters stranded as city grinds to a halt",
                    "Drivers walked out at dawn. The union wants a night-shift bonus.")}
    vectors = dict(zip(docs, embed_documents(list(docs.values()), encoder), strict=True))
    event = _event(1, [0, 1, 2], docs, vectors, {}, None)
    titles = [c.id for c in event.claims if all(i == (0,) for _, i in c.sentences)]
    assert titles, "the two identical headlines make one claim"
    missing = dict(event.omissions)["z"]
    assert not set(titles) & set(missing)
