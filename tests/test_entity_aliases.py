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
