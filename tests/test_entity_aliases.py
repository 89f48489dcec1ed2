"""Entity forms and voice found by the session-6 audit (user aliases, reported blame)."""

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


def test_blame_by_someone_and_what_people_say_is_reported_voice() -> None:
    from framing.entities import voice

    assert voice("The utility was blamed by local officials for the outage.") == "attributed"
    assert voice("Insiders say the chairman demanded the side payment.") == "attributed"
    assert voice("The utility declined to say what caused the fire.") == "outlet"
    assert voice("The utility's power line caused the fire.") == "outlet"
