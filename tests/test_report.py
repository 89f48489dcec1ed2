"""Events, wire copies, `framing report` outputs, and the event-grouping gate."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import get_args

import pytest
from click.testing import CliRunner

from framing.cli import cli
from framing.evaluate import adjusted_rand
from framing.events import group_events, ordinal_conflict, ordinals, shared_anchor
from framing.ingest import load_articles
from framing.segment import segment
from framing.types import Article, Voice
from framing.wires import syndication
from tests.conftest import CORPUS


def doc(ident: str, text: str, date: str | None = None):  # noqa: ANN201
    return segment(Article(id=ident, source=ident, text=text, date=date))


def test_ordinals_name_the_series_they_count() -> None:
    text = ("The 20th meeting of the US-India Counter Terrorism Joint Working Group and the "
            "6th Designations Dialogue were held. The third session of the Designations Dialogue.")
    found = {(o.number, tuple(sorted(o.series))) for o in ordinals(text)}
    assert {n for n, _ in found} == {20, 6, 3}
    six, three = (next(o for o in ordinals(text) if o.number == n) for n in (6, 3))
    assert six.same_series(three)  # "Designations Dialogue" counted twice
    # any news: rounds of talks, summits; dates and "for the first time" count nothing
    a, b = ordinals("Negotiators met for the 7th round of climate talks in Bonn on March 5th."), \
        ordinals("The 8th round of climate talks opened in Bonn for the first time.")
    assert [o.number for o in a] == [7] and [o.number for o in b] == [8]
    assert ordinal_conflict(a, b) and not ordinal_conflict(a, a)
    # a repetition in time is no series: a flood and a strike "for the second time this year" share nothing
    flood = ordinals("The river burst its banks for the second time this year, flooding 300 homes.")
    strike = ordinals("Dockers walked out for the second time this year over automation plans.")
    streak = ordinals("Prices rose for a third straight month and a fourth consecutive week.")
    assert not flood and not strike and not streak and not shared_anchor(flood, strike)


def test_event_labels_read_as_headlines() -> None:
    from framing.headlines import headline, shorten

    dated = doc("x", "HOUSTON, Texas (Metro Wire) The port authority released the following statement:\n"
                     "Dock workers ended a nine-day strike at the city's container terminals on Sunday.")
    assert headline(dated) == "Dock workers ended a nine-day strike at the city's container terminals on Sunday."
    titled = segment(Article(id="t", source="t", title="Latest News: Council approves new bus lanes",
                             text="The council voted 7-2 on Monday."))
    assert headline(titled) == "Council approves new bus lanes"
    furniture = segment(Article(id="f", source="f", title="Metro Herald News Service", text="Voters rejected the levy by a wide margin."))
    assert headline(furniture) == "Voters rejected the levy by a wide margin."
    assert shorten("Parliament approves the sweeping overhaul of pension rules", 30) == "Parliament approves the…"
    from framing.headlines import is_boilerplate

    assert is_boilerplate("HOUSTON, Texas (Metro Wire) The port authority released the following statement:")
    assert not is_boilerplate("“It's not our strike,” she said.")


WIRE = ("India and the US called for action against Lashkar-e-Taiba and Jaish-e-Mohammad at the "
        "17th meeting of the Joint Working Group on Counter-Terrorism held virtually. "
        "Both sides denounced the use of terrorist proxies and condemned cross-border terrorism. "
        "They exchanged views on threats posed by UN-sanctioned terrorist entities. "
        "The next meeting will be held in Washington.")


def test_different_meetings_never_merge_and_copies_are_found() -> None:
    docs = [
        doc("a", WIRE, "2020-09-11"),
        doc("b", WIRE.replace("condemned", "strongly condemned") + " In an oblique message to Pakistan, they spoke.", "2020-09-12"),
        doc("c", WIRE.replace("17th", "16th"), "2019-03-30"),
        doc("d", "The cricket board announced the squad for the tour of Australia on Monday. "
                 "Three new players were picked.", "2020-09-11"),
    ]
    events = group_events(docs)
    assert sorted(map(sorted, events)) == [[0, 1], [2], [3]]
    copies = syndication(docs, events)
    assert copies == [[0, 1]]


def test_adjusted_rand() -> None:
    assert adjusted_rand(list("aabb"), list("xxyy")) == 1.0
    assert adjusted_rand(list("aabb"), list("xyxy")) < 0.0


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "out"
    evil = out.parent / "evil"
    evil.mkdir()
    (evil / "x.txt").write_text("Terror talks <script>document.title='pwned'</script> held in Delhi today.\n"
                                "Both sides condemned terrorism.")
    result = CliRunner().invoke(cli, ["report", str(CORPUS), str(evil), "--entity", "Pakistan",
                                      "--frames", str(CORPUS / "frames.toml"), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


def test_report_outputs(report_dir: Path) -> None:
    names = {p.name for p in report_dir.iterdir()}
    assert {"index.html", "report.json", "articles.csv", "claims.csv", "alignments.csv", "frames.csv",
            "articles.parquet", "dataset"} <= names
    data = json.loads((report_dir / "report.json").read_text())
    ids = [a["id"] for a in data["articles"]]
    assert len(ids) == 6
    in_events = [a for e in data["events"] for a in e["articles"]]
    assert sorted(in_events) == sorted(ids)  # every article in exactly one event
    event_of = {a["id"]: a["event"] for a in data["articles"]}
    assert event_of["000_241931a7261d106c"] == event_of["001_6dab095141be1bf5"]
    assert event_of["002_c387223b24257c80"] != event_of["003_fe4e796e0e8e7b78"]
    for e in data["events"]:
        assert (report_dir / f"event-{e['id']}.html").exists()
    rows = list(csv.DictReader((report_dir / "articles.csv").open()))
    assert {r["id"] for r in rows} == set(ids)


def test_report_csv_quotes_each_articles_own_words_and_voices(report_dir: Path) -> None:
    listed = CliRunner().invoke(cli, ["sentences", str(CORPUS), "--format", "json"])
    sentences = {d["id"]: [s["text"] for s in d["sentences"]] for d in json.loads(listed.stdout)}
    rows = list(csv.DictReader((report_dir / "claims.csv").open()))
    shared = [r for r in rows if r["article"] in sentences]
    assert shared and any(r["article_text"] != r["claim_text"] for r in shared)
    for r in shared:  # the article's own sentences, not the claim's longest wording
        own = [sentences[r["article"]][int(i)] for i in r["sentences"].split()]
        assert r["article_text"] == " ".join(own)
    frames = list(csv.DictReader((report_dir / "frames.csv").open()))
    cited = [f for f in frames if f["evidence"]]
    assert cited and all(len(f["voice"].split(" | ")) == len(f["evidence"].split(" | ")) for f in cited)
    assert {v for f in cited for v in f["voice"].split(" | ")} <= set(get_args(Voice))


def test_report_html_escapes_article_text(report_dir: Path) -> None:
    pages = [p.read_text() for p in report_dir.glob("*.html")]
    assert not any("<script>document.title" in p for p in pages)
    assert any("&lt;script&gt;" in p for p in pages)


def test_report_json_to_stdout() -> None:
    result = CliRunner().invoke(cli, ["report", str(CORPUS / "000_241931a7261d106c.txt"),
                                      str(CORPUS / "001_6dab095141be1bf5.txt"), "--format", "json", "-o", "-"])
    data = json.loads(result.stdout)
    assert len(data["events"]) == 1 and data["events"][0]["claims"]


def test_report_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = CliRunner().invoke(cli, ["report", str(CORPUS), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path}: output directory exists and is not empty; pass --force to write into it\n"
    assert (tmp_path / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize("dates", [True, False])
def test_event_gate(dev_dir: Path, dates: bool) -> None:
    """Dev corpus: measured ARI 1.000 / purity 1.000 (dates stripped: 0.995 / 0.975), all 4
    syndication groups (P 1.0 R 1.0), no decoy merged."""
    from dataclasses import replace

    from framing.evaluate import eval_events

    docs = [segment(a if dates else replace(a, date=None)) for a in load_articles([str(dev_dir)])]
    report = eval_events(docs, dev_dir / "manifest.jsonl")
    assert report["ari"] >= 0.95 and report["purity"] >= 0.95
    assert report["decoys_merged"] == []
    assert report["syndication_groups_found"] == "4/4" and report["syndication"]["recall"] == 1.0
    assert report["syndication"]["precision"] >= 0.9


def test_blocking_finds_what_the_exact_comparison_finds(dev_dir: Path) -> None:
    """The large-corpus path (blocked candidates) on seeds + dev gives the exact path's events and copies."""
    docs = [segment(a) for a in load_articles([str(CORPUS), str(dev_dir)])]
    exact = group_events(docs)
    blocked = group_events(docs, exact_below=0)
    assert sorted(map(sorted, blocked)) == sorted(map(sorted, exact))
    everything = [list(range(len(docs)))]  # one big event: copies must still be found by shared runs
    assert syndication(docs, everything, exact_below=0) == syndication(docs, everything)
    assert syndication(docs, blocked, exact_below=0) == syndication(docs, exact)


def _chromium() -> str:
    import shutil

    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("chromium is not installed (scripts/setup.sh installs it where it can)")
    return path


def test_report_in_a_real_browser(report_dir: Path, tmp_path: Path) -> None:
    """Headless Chromium renders the report, runs no article script, and shows the tables."""
    import subprocess

    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom"]
    index = subprocess.run([_chromium(), *flags, (report_dir / "index.html").as_uri()],
                           capture_output=True, text=True, timeout=120).stdout
    assert 'id="events"' in index and "<svg" in index and "indianrepublic.in" in index
    data = json.loads((report_dir / "report.json").read_text())
    evil_event = next(a["event"] for a in data["articles"] if a["id"] == "x")
    page = subprocess.run([_chromium(), *flags, (report_dir / f"event-{evil_event}.html").as_uri()],
                          capture_output=True, text=True, timeout=120).stdout
    assert "<title>pwned</title>" not in page and "<title>" in page
    assert "&lt;script&gt;document.title" in page  # shown as text, not run
    assert '<table id="claims">' in page


@pytest.mark.parametrize("dates", [True, False])
def test_event_gate_on_basil_dev(dev_dir: Path, tmp_path: Path, dates: bool) -> None:
    """150 US articles: measured ARI 1.000 / purity 1.000 with dates, 1.000 / 1.000 without (0.970 /
    0.980 before sibling events by the same outlets were cut in two: one pair of triplets merged;
    0.970 / 0.868 with plain single linkage before the corroborated joins of issue 12). Cross-validated figures (settings tuned on dev only) are in the README
    (``benchmarks/bench_events.py --cv``)."""
    from framing.evaluate import eval_events, read_jsonl

    basil = dev_dir.parent / "basil-dev"
    if not basil.is_dir():
        pytest.skip("../shared/corpus/basil-dev is not there")
    manifest = basil / "manifest.jsonl"
    if not dates:  # the same corpus with the dates stripped from a copy of the manifest
        rows = [{**r, "date": None} for r in read_jsonl(manifest)]
        manifest = tmp_path / "manifest.jsonl"
        manifest.write_text("".join(json.dumps(r) + "\n" for r in rows))
    arts = load_articles(sorted(str(p) for p in basil.glob("b*.txt")))
    meta = {r["id"]: r for r in read_jsonl(manifest)}
    docs = [segment(Article(id=a.id, source=a.source, text=a.text, title=meta[a.id]["title"],
                            outlet=meta[a.id]["outlet"], date=meta[a.id]["date"])) for a in arts]
    report = eval_events(docs, manifest)
    assert report["ari"] >= 0.97 and report["purity"] >= 0.97


def test_report_gives_the_copied_share_of_wire_copies(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(WIRE)
    (tmp_path / "b.txt").write_text(WIRE.replace("condemned", "strongly condemned"))
    result = CliRunner().invoke(cli, ["report", str(tmp_path), "--format", "json", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    arts = {a["id"]: a for a in json.loads(result.stdout)["articles"]}
    assert arts["a"]["syndicated_with"] == ["b"] and arts["a"]["copied_share"] == {"b": 1.0}


def test_the_event_label_is_the_headline_the_other_outlets_bear_out() -> None:
    """A headline with one side's loaded word and a disputed figure ("Fury ... kills four" where
    two of three say three) gives way to one whose words the other articles use."""
    from framing.report import _label

    titles = ("Fury as Halvor paper mill fire kills four", "Halvor paper mill fire kills three, police say",
              "Questions for Halvor paper mill owners after fire")
    bodies = ("A blaze at the Halvor paper mill killed four workers on Friday, the union said. Firefighters fought "
              "it all night.",
              "Three workers were killed when fire broke out at the Halvor paper mill on Friday, police said. "
              "Firefighters fought the fire at the mill all night.",
              "The fire that killed three workers at the Halvor paper mill on Friday started in a dryer, police "
              "said. Firefighters fought the fire through the night.")
    docs = {k: segment(Article(id=f"m{k}", source="m", title=t, text=f"{t}\n{b}"))
            for k, (t, b) in enumerate(zip(titles, bodies, strict=True))}
    assert _label([0, 1, 2], docs) == "Halvor paper mill fire kills three, police say"
