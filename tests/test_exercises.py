"""`framing exercises`: structure, determinism, evidence that exists, the quiz in a browser."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import cli
from framing.ingest import load_articles
from framing.segment import segment
from tests.conftest import CORPUS, SEED_A, SEED_B

FILES = ("worksheet.md", "worksheet.html", "answer_key.md", "answer_key.html", "quiz.html", "exercises.json")


def make(out: Path, *extra: str) -> dict:
    result = CliRunner().invoke(cli, ["exercises", str(SEED_A), str(SEED_B), "--entity", "Pakistan",
                                      "-o", str(out), *extra])
    assert result.exit_code == 0, result.stderr
    return json.loads((out / "exercises.json").read_text())


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("ex") / "set"
    return out, make(out, "--seed", "7", "--items", "12")


def test_structure(made: tuple[Path, dict]) -> None:
    out, data = made
    assert all((out / f).is_file() for f in FILES)
    assert data["seed"] == 7 and [a["id"] for a in data["articles"]] == ["000_241931a7261d106c", "001_6dab095141be1bf5"]
    types = {it["type"] for it in data["items"]}
    # No frame_match here: the seeds' sentences no longer fit a Media Frame surely (the defaults are
    # general definitions, not this story's phrases); tests/test_media_frames.py checks it on news.
    assert {"omission", "word_choice", "name_check", "discussion"} <= types
    for it in data["items"]:
        assert it["question"] and it["answer"] and it["evidence"]
        if it["choices"]:
            assert it["answer"] in it["choices"] and len(set(it["choices"])) == len(it["choices"])


def test_every_cited_sentence_exists_verbatim(made: tuple[Path, dict]) -> None:
    _, data = made
    docs = {d.id: d for d in (segment(a) for a in load_articles([str(SEED_A), str(SEED_B)]))}
    for it in data["items"]:
        for ev in it["evidence"]:
            doc = docs[ev["article"]]
            assert doc.sentences[ev["sentence"]].text == ev["text"]
            assert ev["text"] in doc.article.text


def test_omission_answers_are_real_gaps(made: tuple[Path, dict]) -> None:
    _, data = made
    result = CliRunner().invoke(cli, ["compare", str(SEED_A), str(SEED_B), "--format", "json", "--no-inventory"])
    comp = json.loads(result.stdout)
    gaps = {(comp["articles"][0]["id"], i) for i in comp["only_in_a"]} | {(comp["articles"][1]["id"], i) for i in comp["only_in_b"]}
    for it in (i for i in data["items"] if i["type"] == "omission"):
        assert (it["evidence"][0]["article"], it["evidence"][0]["sentence"]) in gaps


def test_same_seed_same_bytes_other_seed_other_set(tmp_path: Path, made: tuple[Path, dict]) -> None:
    out, _ = made
    again = tmp_path / "again"
    make(again, "--seed", "7", "--items", "12")
    for name in FILES:
        assert (again / name).read_bytes() == (out / name).read_bytes(), name
    other = tmp_path / "other"
    make(other, "--seed", "8", "--items", "12")
    assert (other / "exercises.json").read_bytes() != (out / "exercises.json").read_bytes()


def test_options_types_and_grade(tmp_path: Path) -> None:
    data = make(tmp_path / "mid", "--types", "omission,frame_match", "--grade", "middle", "--items", "3")
    assert len(data["items"]) <= 3 and {i["type"] for i in data["items"]} <= {"omission", "frame_match"}
    assert all(len(i["choices"]) == 3 for i in data["items"])
    result = CliRunner().invoke(cli, ["exercises", str(SEED_A), str(SEED_B), "-o", str(tmp_path / "x"), "--types", "essay"])
    assert result.exit_code == 2
    assert result.stderr == "Error: --types: unknown exercise type 'essay' (use omission, disagreement, word_choice, name_check, frame_match, discussion)\n"


def test_corpus_input_picks_an_event(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["exercises", str(CORPUS), "-o", str(tmp_path / "c"), "--entity", "Pakistan"])
    assert result.exit_code == 0, result.stderr
    data = json.loads((tmp_path / "c" / "exercises.json").read_text())
    assert {a["id"] for a in data["articles"]} == {"000_241931a7261d106c", "001_6dab095141be1bf5"}


def test_quiz_in_headless_chromium(made: tuple[Path, dict], tmp_path: Path) -> None:
    """Answer a question in the quiz page and see the feedback (offline, no server)."""
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.skip("chromium and chromedriver are not installed (scripts/setup.sh installs them where it can)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.common.by import By

    out, data = made
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless", "--no-sandbox", "--window-size=1400,1000", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    try:
        driver.get((out / "quiz.html").as_uri())
        n = next(k for k, it in enumerate(data["items"]) if it["choices"])
        item = data["items"][n]
        box = driver.find_element(By.ID, f"item-{n}")
        buttons = box.find_elements(By.TAG_NAME, "button")
        label = lambda b: b.find_element(By.CLASS_NAME, "label").text  # noqa: E731
        wrong = next(b for b in buttons if label(b) != item["answer"])
        wrong.click()
        feedback = box.find_element(By.CLASS_NAME, "feedback")
        assert "wrong" in feedback.get_attribute("class") and "Not quite" in feedback.text
        right = next(b for b in buttons if label(b) == item["answer"])
        assert "chosen" in wrong.get_attribute("class") and "✗" in wrong.text  # the chosen answer is marked
        assert "correct" in right.get_attribute("class") and "✓" in right.text  # and so is the right one
        right.click()
        assert "right" in feedback.get_attribute("class") and feedback.text.startswith("Right.")
        assert item["evidence"][0]["text"] in feedback.text
        assert "Score: 0 / 1 answered" in driver.find_element(By.ID, "score").text  # the first answer counts
        others = [k for k, it in enumerate(data["items"]) if it["choices"] and k != n]
        for k in others:
            it = data["items"][k]
            next(b for b in driver.find_elements(By.CSS_SELECTOR, f"#item-{k} button")
                 if label(b) == it["answer"]).click()
        total = sum(1 for it in data["items"] if it["choices"])
        assert driver.find_element(By.ID, "score").text.startswith(f"Score: {len(others)} / {total} answered")
        for page in ("quiz.html", "worksheet.html", "answer_key.html"):
            driver.get((out / page).as_uri())
            assert driver.execute_script(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"), page
    finally:
        driver.quit()


def test_one_article_is_bad_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["exercises", str(SEED_A), "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {SEED_A}: exercises need two or more articles about one event\n"
    assert not (tmp_path / "x").exists()


def _doc(*sentences: str):  # noqa: ANN202 - a Document
    from framing.types import Article, Document, Sentence

    text, spans, at = " ".join(sentences), [], 0
    for k, s in enumerate(sentences):
        spans.append(Sentence(index=k, text=s, start=at, end=at + len(s)))
        at += len(s) + 1
    return Document(article=Article(id="x1", text=text, source="x.txt", outlet="example.org"), sentences=tuple(spans))


def _frame(frame: str, present: bool, score: float, evidence=(), entity=None, label=None):  # noqa: ANN001, ANN202
    from framing.types import FrameResult

    return FrameResult(frame=frame, entity=entity, present=present, score=score, evidence=tuple(evidence), label=label)


def test_reported_blame_is_not_the_outlets_own() -> None:
    """An outlet that reports an accusation ("officials said ...") is not said to make it."""
    import random

    from framing.exercises import GRADES, name_check_items
    from framing.types import Evidence

    doc = _doc("Officials in Delhi said the group operates from Pakistan.", "The talks ended on Friday.")
    names = Evidence(sentence=0, text=doc.sentences[0].text, voice="attributed", score=1.0)
    frames = [_frame("names_entity", True, 1.0, [names], entity="Pakistan"),
              _frame("attributes_to_entity", True, 0.9, [names], entity="Pakistan")]
    (item,) = name_check_items(doc, frames, random.Random(0), GRADES["high"])
    assert item.answer == "names Pakistan and reports others blaming Pakistan or tying harmful acts or groups to it"
    assert "own voice" not in item.answer
    own = Evidence(sentence=1, text=doc.sentences[1].text, voice="outlet", score=1.0)
    frames[1] = _frame("attributes_to_entity", True, 0.9, [names, own], entity="Pakistan")
    (item,) = name_check_items(doc, frames, random.Random(0), GRADES["high"])
    assert item.answer == "names Pakistan and blames Pakistan or ties harmful acts or groups to it, in its own voice"


def test_frame_match_needs_distractors_the_evidence_rules_out() -> None:
    import random

    from framing.exercises import GRADES, frame_match_items
    from framing.types import Evidence

    doc = _doc("The sanctions will cost the economy billions, the minister warned.")
    ev = Evidence(sentence=0, text=doc.sentences[0].text, voice="attributed", score=0.9)
    clear = [_frame("security", False, 0.2, label="Security"), _frame("health", False, 0.1, label="Health"),
             _frame("culture", False, 0.3, label="Culture"), _frame("legal", False, 0.25, label="Legal")]
    frames = [_frame("sanctions", True, 0.9, [ev], label="Sanctions"), *clear]
    (item,) = frame_match_items(doc, frames, random.Random(0), GRADES["high"])
    assert item.answer == "Sanctions" and "score" not in item.explanation.lower()
    close = [_frame("economic", False, 0.85, label="Economic"), *clear[:2]]  # fits the sentence nearly as well
    assert frame_match_items(doc, [frames[0], *close], random.Random(0), GRADES["high"]) == []
    # a frame another article carries is no distractor either
    assert frame_match_items(doc, frames, random.Random(0), GRADES["high"], frozenset({"security", "legal"})) == []
    # nor is an item whose sentence is also evidence of another of the article's frames
    other = _frame("conflict", True, 0.95, [ev], label="Conflict")
    assert frame_match_items(doc, [*frames, other], random.Random(0), GRADES["high"]) == []


def test_grade_sets_items_choices_and_words(tmp_path: Path) -> None:
    middle = make(tmp_path / "m", "--grade", "middle")
    university = make(tmp_path / "u", "--grade", "university")
    assert 0 < len(middle["items"]) <= 6 < len(university["items"]) <= 12
    assert {len(i["choices"]) for i in middle["items"] if i["choices"]} == {3}
    assert {len(i["choices"]) for i in university["items"] if i["choices"]} == {5}
    questions = lambda data, kind: {i["question"].split("\n")[0] for i in data["items"] if i["type"] == kind}  # noqa: E731
    for kind in ("omission", "frame_match", "name_check"):
        if questions(middle, kind) and questions(university, kind):
            assert questions(middle, kind).isdisjoint(questions(university, kind)), kind


def test_students_see_texts_and_no_scores_or_ids(made: tuple[Path, dict]) -> None:
    out, _ = made
    for name in ("worksheet.html", "quiz.html", "worksheet.md"):
        page = (out / name).read_text()
        assert "Classifier" not in page and "score 0." not in page, name
        assert not re.search(r"\b00[01]_[0-9a-f]{16}\b", page), name  # article ids are internal
        assert "_entity" not in page, name  # and so are frame ids
    sheet = (out / "worksheet.html").read_text()
    docs = [segment(a) for a in load_articles([str(SEED_A), str(SEED_B)])]
    for doc in docs:
        line = doc.sentences[3].text
        assert f'<li value="4">{html.escape(line, quote=True)}</li>' in sheet or f'<li value="4">{html.escape(line)}</li>' in sheet
    assert sheet.count('class="text"') == 2 and "Text A" in sheet and "line " in (out / "answer_key.html").read_text()


def test_unknown_event_lists_the_events(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["exercises", str(CORPUS), "--event", "e99", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and not (tmp_path / "x").exists()
    assert re.fullmatch(r"Error: --event: no event 'e99'; the events of these inputs are e1 \(\d+ articles?\)"
                        r"(, e\d+ \(\d+ articles?\))*\n", result.stderr), result.stderr


def test_omission_items_skip_headlines_and_near_matches(encoder) -> None:  # noqa: ANN001
    """A sentence that closely resembles one of the other outlet's (though not aligned) is no
    sure omission, and a headline is not a claim to quiz on."""
    import random
    from dataclasses import replace

    from framing.compare import compare_documents
    from framing.exercises import GRADES, omission_items
    from framing.types import Article

    a = segment(Article(id="a", source="a", title="Hill fire forces hundreds from homes", text=(
        "Hill fire forces hundreds from homes\n\nA wildfire in the hills above Calder forced 800 people from their "
        "homes on Monday. It is too early to draw any conclusions about the cause of the fire, a spokeswoman for "
        "the utility said. Two schools were closed. The fire brigade sent twelve crews to the ridge overnight.")))
    b = segment(Article(id="b", source="b", title="Calder blaze: 800 flee", text=(
        "Calder blaze: 800 flee\n\nAbout 800 residents fled a wildfire in the hills above Calder on Monday. The "
        "utility said it was too early to say what caused the blaze. Volunteers handed out water at the town hall.")))
    comp = compare_documents(a, b, encoder=encoder)
    assert len(comp.nearest_a) == len(a.sentences) and len(comp.nearest_b) == len(b.sentences)
    assert [(al.a, al.b) for al in comp.alignments] == [((1,), (1,)), ((2,), (2,))]
    sure = tuple(replace(al, score=max(al.score, 0.7)) for al in comp.alignments)  # both are distractors
    gaps = replace(comp, alignments=sure, only_in_a=(0, 4), only_in_b=())

    def answers(nearest: tuple[float, ...]) -> list[str]:
        return [it.answer for it in omission_items(replace(gaps, nearest_a=nearest), random.Random(0), GRADES["middle"])]

    assert answers((0.1, 0.7, 0.7, 0.1, 0.1)) == [a.sentences[4].text]
    assert answers((0.1, 0.7, 0.7, 0.1, 0.45)) == []


def test_no_question_about_an_entity_no_article_of_the_set_names(tmp_path: Path) -> None:
    """An --entity from another story gets a warning that says where it was looked for, and no
    "does not name X" item; an entity the articles name still gets its questions."""
    out = tmp_path / "ex"
    result = CliRunner().invoke(cli, ["exercises", str(SEED_A), str(SEED_B), "--entity", "Pakistan",
                                      "--entity", "Orvellan Shipping", "--types", "name_check", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "'Orvellan Shipping' is named in none of the inputs" in result.stderr
    questions = [item["question"] for item in json.loads((out / "exercises.json").read_text())["items"]]
    assert questions and not any("Orvellan" in q for q in questions)
    assert any("Pakistan" in q for q in questions)


def test_a_disagreement_on_a_figure_becomes_a_who_says_what_item(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Ferry capsizes off Tarvo\nThe ferry capsized off Tarvo island on Sunday, and 14 passengers drowned, "
                 "the coast guard said.\nRescue boats searched the bay until dark.\n")
    b.write_text("Tarvo ferry disaster\nThe ferry capsized off Tarvo island on Sunday, and 22 passengers drowned, "
                 "the coast guard said.\nFishermen joined the search for survivors.\n")
    out = tmp_path / "ex"
    result = CliRunner().invoke(cli, ["exercises", str(a), str(b), "--types", "disagreement", "-o", str(out)])
    assert result.exit_code == 0, result.output
    (item,) = json.loads((out / "exercises.json").read_text())["items"]
    assert item["type"] == "disagreement"
    assert item["answer"] == "a says 14 passengers; b says 22 passengers"
    assert "b says 14 passengers; a says 22 passengers" not in item["choices"]  # names, not a swap of sides
    assert "a says 22 passengers; b says 14 passengers" in item["choices"]
    assert {e["sentence"] for e in item["evidence"]} == {1}
