"""User aliases: a short form led by a lower-case word keeps its capitals (audit, session 6)."""

from __future__ import annotations

from framing.entities import Entity, mentions


def found(entity: Entity, text: str) -> list[str]:
    return [m.group() for m in mentions(entity, text)]


def test_a_short_form_with_an_article_keeps_its_capitals() -> None:
    ec = Entity("European Commission", aliases=("the Commission",), kind="organisation")
    assert found(ec, "The Commission said it would appeal.") == ["The Commission"]
    assert found(ec, "Critics accused the commission of mismanaging the count.") == []
    # a proper name of several words is matched in any case (news writes "tea party", "TEA PARTY")
    assert found(ec, "the European commission and the EUROPEAN COMMISSION") == ["European commission", "EUROPEAN COMMISSION"]
    assert found(Entity("Tea Party", kind="party"), "a tea party candidate") == ["tea party"]
