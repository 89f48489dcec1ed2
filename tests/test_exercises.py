"""`framing exercises`: structure, determinism, evidence that exists, the quiz in a browser."""

from __future__ import annotations

import json
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
    assert {"omission", "word_choice", "name_check", "frame_match", "discussion"} <= types
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
    assert result.stderr == "Error: --types: unknown exercise type 'essay' (use omission, word_choice, name_check, frame_match, discussion)\n"


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
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
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
        wrong = next(b for b in buttons if b.text != item["answer"])
        wrong.click()
        feedback = box.find_element(By.CLASS_NAME, "feedback")
        assert "wrong" in feedback.get_attribute("class") and "Not quite" in feedback.text
        next(b for b in buttons if b.text == item["answer"]).click()
        assert "right" in feedback.get_attribute("class") and feedback.text.startswith("Right.")
        assert item["evidence"][0]["text"] in feedback.text
    finally:
        driver.quit()


def test_one_article_is_bad_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["exercises", str(SEED_A), "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {SEED_A}: exercises need two or more articles about one event\n"
    assert not (tmp_path / "x").exists()
