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


def test_misspelt_names_of_people_and_organisations_get_a_suggestion(tmp_path) -> None:
    from click.testing import CliRunner

    from framing.cli import cli

    art = tmp_path / "a.txt"
    art.write_text("Fire near town\n\nPacific Gas and Electric said its line was not at fault. PG&E crews were at "
                   "the scene, and Helena Marques visited on Monday.\n")
    run = CliRunner().invoke(cli, ["frames", str(art), "--no-inventory", "--entity", "Pacfic Gas and Electric",
                                   "--entity", "Helena Marqes", "--entity", "Pacific Gas and Electric"])
    assert run.exit_code == 0
    assert run.stderr.splitlines() == [
        "Warning: --entity 'Helena Marqes' is named in none of the inputs; did you mean 'Helena Marques'? "
        "check the spelling or add aliases with --entities FILE",
        "Warning: --entity 'Pacfic Gas and Electric' is found only through its short forms; the inputs write "
        "'Pacific Gas and Electric': check the spelling"]


def test_an_article_that_names_an_organisation_in_full_may_then_call_it_by_its_head() -> None:
    from framing.entities import _descriptions, in_document, resolve_entity

    bank = resolve_entity("Reserve Bank of Morvania")
    text = ("The Reserve Bank of Morvania held its main rate at 6 percent. "
            "Exporters urged the reserve bank to cut rates before the harvest.")
    assert _descriptions(bank, text) == ("the reserve bank",)
    assert in_document(bank, text).regex.search("Exporters urged the reserve bank to cut rates")
    # another organisation with the same head: "the bank" could be either, so no description
    assert _descriptions(resolve_entity("Bank of Morvania"),
                         "The Bank of Morvania and the Bank of Tessaly met. The bank said rates would hold.") == ()
    # not named in full: no description (a text about some other ministry)
    assert _descriptions(resolve_entity("Transport Ministry"), "The ministry said trains would run.") == ()


def test_a_call_on_the_description_is_a_call_on_the_organisation() -> None:
    from framing.frames import entity_frames
    from framing.segment import segment
    from framing.types import Article

    text = ("The Morvanian Water Authority raised tariffs by 12 percent on Monday.\n"
            "Farmers' groups urged the authority to reverse the rise before the planting season.")
    doc = segment(Article(id="w", source="w", text=text))
    from framing.entities import resolve_entity

    found = {f.frame: f for f in entity_frames(doc, resolve_entity("Morvanian Water Authority"), {})}
    assert found["calls_on_entity"].present
    assert [e.sentence for e in found["calls_on_entity"].evidence] == [1]
