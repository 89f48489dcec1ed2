"""Who said it: speech verbs from data/speech.toml, pronoun speakers resolved to the person named
before them, and one-to-many claims whose sentences keep their own speakers. Texts written for
these tests (no corpus sentences)."""

from __future__ import annotations

import json
import tomllib
from importlib.resources import files

import pytest
from click.testing import CliRunner

from framing.cli import cli
from framing.conflicts import context_before, find_conflicts
from framing.segment import segment
from framing.types import Article

SPEECH = tomllib.loads(files("framing").joinpath("data/speech.toml").read_text(encoding="utf-8"))
QUOTE = '"We are ready for the storm and the pumps are running,"'


def who(a: str, b: str, context_a: str = "", context_b: str = "") -> list[tuple[str, str]]:
    return [(c.a, c.b) for c in find_conflicts(a, b, context_a=context_a, context_b=context_b)
            if c.kind == "attribution"]


@pytest.mark.parametrize("verb", SPEECH["verbs"])
def test_every_speech_verb_of_the_data_file_gives_a_speaker(verb: str) -> None:
    other = f"{QUOTE} said harbour master Omar Pettersen."
    assert who(f"{QUOTE} Ada Lindqvist {verb}.", other) == [("Ada Lindqvist", "Omar Pettersen")]
    assert who(f"{QUOTE} {verb} Ada Lindqvist.", other) == [("Ada Lindqvist", "Omar Pettersen")]


def test_a_listener_verb_gives_a_speaker_only_before_the_name() -> None:
    other = f"{QUOTE} said harbour master Omar Pettersen."
    assert "told" in SPEECH["before_only"]
    assert who(f"{QUOTE} Ada Lindqvist told reporters.", other) == [("Ada Lindqvist", "Omar Pettersen")]
    assert who(f"{QUOTE} the mayor told Ada Lindqvist.", other) == []


def test_a_pronoun_speaker_is_the_person_named_just_before() -> None:
    context = "Harbour director Lena Voss spoke to reporters at the quay on Monday."
    quote = '"We will reopen the port by Friday,"'
    assert who(f"{quote} she said.", f"{quote} said union official Omar Reyes.", context_a=context) == \
        [("Lena Voss", "Omar Reyes")]
    # the other side's pronoun, and a speaker named in the claim itself before the pronoun
    assert who(f"{quote} union official Omar Reyes insisted.", f"{quote} she warned.", context_b=context) == \
        [("Omar Reyes", "Lena Voss")]
    assert who(f"Lena Voss spoke at the quay. {quote} she added.", f"{quote} said Omar Reyes.") == \
        [("Lena Voss", "Omar Reyes")]
    # an organisation named after the person is not who "she" is
    assert who(f"{quote} she said.", f"{quote} said Omar Reyes.",
               context_a="Anna Berg of the Coastal Shipping Council spoke at the quay.") == [("Anna Berg", "Omar Reyes")]


def test_a_pronoun_speaker_is_not_a_conflict_without_a_person_or_with_the_same_person() -> None:
    quote = '"We will reopen the port by Friday,"'
    context = "Harbour director Lena Voss spoke to reporters at the quay on Monday."
    assert who(f"{quote} she said.", f"{quote} Ms. Voss said.", context_a=context) == []
    assert who(f"{quote} she said.", f"{quote} said Lena Voss, the harbour director.", context_a=context) == []
    assert who(f"{quote} she said.", f"{quote} said Omar Reyes.",
               context_a="The harbour authority spoke to reporters at the quay.") == []
    assert who(f"{quote} he said.", f"{quote} said Omar Reyes.") == []
    assert who("The union said he would reopen the port by Friday.", "Lena Voss said he would reopen the port by Friday.",
               context_a="Union official Omar Reyes spoke at the quay.") == []  # "said he would": "he" is said of, not saying


def test_in_a_one_to_many_claim_each_sentence_keeps_its_speaker() -> None:
    quote = '"The ruling protects every tenant in the city,"'
    merged = f"{quote} Judge Maria Costa said. Tenant leader Ben Ash welcomed the decision."
    assert who(merged, f"{quote} tenant leader Ben Ash boasted.") == [("Judge Maria Costa", "Ben Ash")]
    # the same speaker in both, the other person only in the claim's second sentence
    assert who(f"{quote} Ben Ash said. Judge Maria Costa ruled on Monday.", f"{quote} boasted Ben Ash.") == []
    assert who(f"{quote} Mr. Ash said.", f"{quote} said tenant leader Ben Ash.") == []


def test_context_is_the_sentences_just_before_the_claim() -> None:
    doc = segment(Article(id="x", source="x", text="One. Two named Lena Voss. Three. Four."))
    assert context_before(doc, (3,)) == "Two named Lena Voss. Three."
    assert context_before(doc, (0,)) == ""
    assert context_before(doc, (1, 3)) == "One. Two named Lena Voss. Three."  # what lies between included


def test_a_pronoun_in_a_claim_of_sentences_apart_is_the_person_named_just_before_it_in_the_article() -> None:
    quote = '"If the rules bind nobody, there are no rules,"'
    claim = f"The hearing lasted four hours. {quote} he said."  # the article's sentences 1 and 3
    context = "Lawyers for the firm spoke first. The hearing lasted four hours. Justice Ida Berg was not convinced."
    assert who(claim, f"{quote} said Justice Ida Berg.", context_a=context) == []
    assert who(claim, f"{quote} said lawyer Tom Hale.", context_a=context) == [("Justice Ida Berg", "Tom Hale")]


def test_compare_gives_a_pronoun_speakers_disagreement(tmp_path) -> None:  # noqa: ANN001
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Ferry strike ends\nHarbour director Lena Voss spoke to reporters at the quay.\n"
                 '"We will reopen the port by Friday and pay every crew in full," she said.\n')
    b.write_text("Ferry strike ends\nThe union spoke to reporters.\n"
                 '"We will reopen the port by Friday and pay every crew in full," said union official Omar Reyes.\n')
    result = CliRunner().invoke(cli, ["compare", str(a), str(b), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    found = [(c["kind"], c["a"], c["b"]) for al in json.loads(result.stdout)["alignments"] for c in al["conflicts"]]
    assert found == [("attribution", "Lena Voss", "Omar Reyes")]


def test_a_quote_is_paired_with_its_closest_quotation_only() -> None:
    one = '"We learned a lot since the flood hit the valley," Mayor Ines Hale said.'
    merged = f'{one} "The flood hit the valley hard," said farmer Tom Reyes.'
    assert who(one, merged) == [] and who(merged, one) == []
    assert who(one, '"We learned a lot since the flood hit the valley," said farmer Tom Reyes.') == [("Mayor Ines Hale", "Tom Reyes")]
