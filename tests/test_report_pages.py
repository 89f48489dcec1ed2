"""What people read of a report: outlet groups, the event story page, the index, articles.csv,
and (in headless Chromium) links, legend and page width with 40 outlets."""

from __future__ import annotations

import csv
import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.cli import cli
from framing.errors import InputError
from framing.outlets import UNKNOWN, load_outlets
from framing.output.report_common import build_index, safe_url
from framing.output.report_event import MARKS, event_context
from framing.report import CorpusReport
from framing.segment import segment
from framing.types import Alignment, Article, Claim, Event
from tests.conftest import CORPUS


def art(ident: str, url: str | None = None, outlet: str | None = None) -> Article:
    return Article(id=ident, source=ident, text="One claim here. Another claim there.", url=url, outlet=outlet)


def test_an_outlet_gets_its_country_from_the_list_or_its_domain() -> None:
    book = load_outlets()
    assert book.outlet(art("a", "https://www.dawn.com/news/1")).country == "Pakistan"
    assert book.outlet(art("b", "https://epaper.dawn.com/x")).name == "Dawn"  # a subdomain of a listed one
    assert book.outlet(art("c", "https://example.co.uk/x")).group == "United Kingdom"  # by its TLD
    assert book.outlet(art("d", "https://example.com/x")).group == UNKNOWN
    assert book.outlet(art("e", outlet="foo.in")).group == "India"  # the outlet field as a domain
    # a link shortener's URL does not hide an outlet field that names a listed outlet
    assert book.outlet(art("f", "https://short.link/x", outlet="dawn.com")).name == "Dawn"
    assert book.outlet(art("g", "javascript:alert(1)")).group == UNKNOWN


def test_a_user_outlets_file_adds_and_overrides(tmp_path: Path) -> None:
    mine = tmp_path / "outlets.toml"
    mine.write_text('[tld]\ncom = "Nowhere"\n\n[[outlet]]\ndomain = "dawn.com"\nname = "Dawn"\n'
                    'country = "Pakistan"\ngroup = "centre"\nlean = "centre"\n')
    book = load_outlets(str(mine))
    assert book.outlet(art("a", "https://dawn.com/x")).group == "centre"
    assert book.outlet(art("b", "https://example.com/x")).group == "Nowhere"
    assert book.outlet(art("c", "https://example.in/x")).group == "India"  # the packaged TLDs stay


@pytest.mark.parametrize(("text", "problem"), [
    ("[[outlet]]\nname = 'x'\n", "[[outlet]] #1: 'domain' must be a domain name such as \"example.com\""),
    ("[[outlet]]\ndomain = 'a.com'\ncolour = 'red'\n",
     "[[outlet]] #1: unknown field 'colour' (use domain, name, country, group, lean)"),
    ("[[outlet]]\ndomain = 'a.com'\ngroup = 3\n", "[[outlet]] #1: 'group' must be a non-empty string"),
    ("[tld]\nin = 1\n", "[tld] must map top-level domains to country names (in = \"India\")"),
    ("outlet = 'x'\n", "'outlet' must be an array of tables ([[outlet]])"),
    ("[source]\nx = 1\n", "unknown table 'source' (use [tld] and [[outlet]])"),
])
def test_a_bad_outlets_file_is_named_with_its_problem(tmp_path: Path, text: str, problem: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    with pytest.raises(InputError) as err:
        load_outlets(str(bad))
    assert str(err.value) == f"{bad}: {problem}"


def test_report_refuses_a_bad_outlets_file_before_any_work(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[outlet]\n")
    out = tmp_path / "r"
    result = CliRunner().invoke(cli, ["report", str(CORPUS), "--outlets", str(bad), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.startswith(f"Error: {bad}: invalid TOML (") and result.stderr.count("\n") == 1
    missing = CliRunner().invoke(cli, ["report", str(CORPUS), "--outlets", str(tmp_path / "no.toml"), "-o", str(out)])
    assert missing.exit_code == 2 and missing.stderr == f"Error: {tmp_path / 'no.toml'}: no such file\n"


def _doc(ident: str, url: str, day: str = "Monday"):
    return segment(Article(id=ident, source=ident, url=url, date="2024-01-0" + ident[-1],
                           text=f"The ministers met in Delhi on {day}. They agreed to meet again. A third claim."))


def _small_report() -> CorpusReport:
    """Three outlets on one event: A and B word a claim alike (but for its day), C only in part;
    C alone has a claim."""
    docs = (_doc("a1", "https://a.example.in/1"), _doc("b2", "https://b.example.com.pk/2", "Tuesday"),
            _doc("c3", "https://c.example.in/3"))
    claims = (Claim("c1", "The ministers met.", (("a1", (0,)), ("b2", (0,)), ("c3", (0,)))),
              Claim("c2", "They agreed to meet again.", (("a1", (1,)), ("b2", (1,)))),
              Claim("c3", "A third claim.", (("c3", (2,)),)))
    event = Event("e1", "Ministers meet", ("a1", "b2", "c3"), claims,
                  omissions=(("a1", ("c3",)), ("b2", ()), ("c3", ("c2",))))
    pairs = {("a1", "b2"): (Alignment((0,), (0,), "same", 0.93), Alignment((1,), (1,), "same", 0.9)),
             ("a1", "c3"): (Alignment((0,), (0,), "partial", 0.61),)}
    return CorpusReport(docs=docs, frames=((), (), ()), events=(event,), event_of=dict.fromkeys(event.articles, "e1"),
                        syndicated={}, pair_alignments=pairs)


def test_the_claims_matrix_tells_full_partial_and_single_outlet_claims() -> None:
    report = _small_report()
    index = build_index(report, load_outlets())
    page = event_context(report, report.events[0], index, Counter())
    rows = {row["claim"].id: row for tier in page["tiers"] for row in tier["rows"]}
    names = [d.id for d in page["docs"]]
    cells = {cid: dict(zip(names, (c["css"] for c in row["cells"]), strict=True)) for cid, row in rows.items()}
    assert cells["c1"] == {"a1": "full", "b2": "full", "c3": "partial"}
    assert cells["c2"]["c3"] == "no" and cells["c3"]["c3"] == "only"
    assert [t["title"].split(" · ")[0] for t in page["tiers"]] == [
        "Everyone reports (all 3 outlets)", "Most outlets report", "Only one outlet"]
    c3_wording = next(c["title"] for c in rows["c1"]["cells"] if "partial" in c["title"])
    assert "“The ministers met in Delhi on Monday.”" in c3_wording
    omitted = {o["name"]: o["claims"] for o in page["omissions"]}
    assert omitted["c.example.in"] == [("They agreed to meet again.", 2)]  # the sentence, not "c2"
    assert {c["group"] for c in page["coverage"]} == {"India", "Pakistan"}
    assert [(c["kind"], [(x["value"], x["names"]) for x in c["sides"]]) for c in page["conflicts"]] == [
        ("A date differs", [("Monday", ["a.example.in"]), ("Tuesday", ["b.example.com.pk"])])]


def test_the_event_page_opens_with_the_disagreements_and_escapes_text(tmp_path: Path) -> None:
    from framing.output.report_html import write_html

    report = _small_report()
    write_html(report, tmp_path)
    page = (tmp_path / "event-e1.html").read_text()
    assert page.index('id="conflicts"') < page.index('id="outlets"') < page.index('id="claims"')
    assert '<a class="orig" href="https://b.example.com.pk/2"' in page


def test_blindspot_when_a_group_of_the_corpus_missed_an_event() -> None:
    report = _small_report()
    extra = tuple(segment(Article(id=f"p{k}", source="x", url=f"https://p{k}.example.pk/", text="Else.")) for k in (1, 2))
    full = CorpusReport(docs=report.docs + extra, frames=((),) * 5, events=report.events,
                        event_of={**report.event_of, "p1": "e2", "p2": "e2"}, syndicated={},
                        pair_alignments=report.pair_alignments)
    index = build_index(full, load_outlets())
    corpus = Counter(o.group for o in index.outlets.values())
    page = event_context(full, full.events[0], index, corpus)
    assert page["blindspots"] == []  # Pakistan covered it (b2)
    only_india = Event("e3", "x", ("a1", "c3", "a1"), ())
    assert event_context(full, only_india, index, corpus)["blindspots"] == [
        "No outlet from Pakistan covered this event (3 articles of this corpus are)."]


def test_only_web_links_become_links() -> None:
    assert safe_url("https://x.org/a") == "https://x.org/a" and safe_url("HTTP://x.org") == "HTTP://x.org"
    assert safe_url("javascript:alert(1)") is None and safe_url("file:///etc/passwd") is None and safe_url(None) is None


@pytest.fixture(scope="module")
def grouped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus reported with a user outlets file that puts one outlet in its own group."""
    root = tmp_path_factory.mktemp("grouped")
    (root / "outlets.toml").write_text('[[outlet]]\ndomain = "southasianupdate.com"\nname = "South Asian Update"\n'
                                       'group = "Regional press"\n')
    result = CliRunner().invoke(cli, ["report", str(CORPUS), "--entity", "Pakistan", "--frames", str(CORPUS / "frames.toml"),
                                      "--outlets", str(root / "outlets.toml"), "-o", str(root / "out")])
    assert result.exit_code == 0, result.stderr
    return root / "out"


def _manifest_urls() -> dict[str, str]:
    rows = [json.loads(line) for line in (CORPUS / "manifest.jsonl").read_text().splitlines() if line]
    return {Path(r["file"]).stem: r["url"] or "" for r in rows}  # one seed has no URL


def test_articles_csv_has_the_manifest_urls(grouped: Path) -> None:
    rows = list(csv.DictReader((grouped / "articles.csv").open()))
    assert list(rows[0])[:8] == ["id", "source", "outlet", "title", "date", "event", "syndicated_with", "sentences"]
    assert {r["id"]: r["url"] for r in rows} == _manifest_urls()


def test_pages_link_the_originals_and_name_no_internal_ids(grouped: Path) -> None:
    urls = _manifest_urls()
    index = (grouped / "index.html").read_text()
    page = (grouped / "event-e1.html").read_text()  # the 21st Joint Working Group: 000 and 001
    assert all(f'href="{u}"' in index for u in urls.values() if u) and sum(map(bool, urls.values())) == 4
    assert f'href="{urls["000_241931a7261d106c"]}"' in page and f'href="{urls["001_6dab095141be1bf5"]}"' in page
    assert "South Asian Update" in page and "Regional press" in page and "Regional press" in index
    text = re.sub(r"<svg.*?</svg>", "", re.sub(r"<[^>]+ ", "<", index + page), flags=re.DOTALL)
    for internal in ("names_entity(", "calls_on_entity", "china_block", "highlights_omission"):
        assert internal not in text
    assert "China blocking UN listings" in index  # the user frame's label, in words
    omissions = page.split('id="omissions"')[1].split("</section>")[0]
    assert not re.search(r"\bc\d+\b", re.sub(r"<[^>]+>", "", omissions))  # sentences, never claim ids
    legend = page.split('id="legend"')[1].split("</dl>")[0]
    used = set(re.findall(r'<td class="(\w+)" title=', page.split('<table id="claims">')[1].split("</table>")[0]))
    assert used and all(f'<dt class="{css}">' in legend for css in used)
    assert all(MARKS[css][1] in html.unescape(legend) for css in used)


@pytest.fixture(scope="module")
def forty(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    """A report of 40 outlets on one event, recombined from the two sample articles of one meeting."""
    from tests.synthetic_outlets import write_corpus

    root = tmp_path_factory.mktemp("forty")
    texts = [(CORPUS / f"{name}.txt").read_text() for name in ("000_241931a7261d106c", "001_6dab095141be1bf5")]
    rows = write_corpus(texts, root / "corpus", 40)
    result = CliRunner().invoke(cli, ["report", str(root / "corpus"), "--entity", "Pakistan", "--format", "html",
                                      "-o", str(root / "out")])
    assert result.exit_code == 0, result.stderr
    return root / "out", rows


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """Headless Chromium at 1,400 px (skips where chromium, chromedriver or selenium is missing)."""
    from tests.browser import chrome

    driver = chrome(tmp_path_factory.mktemp("profile"), 1400)
    if driver is None:
        pytest.skip("chromium, chromedriver or selenium is missing (scripts/setup.sh installs them where it can)")
    yield driver
    driver.quit()


def test_forty_outlets_fit_1400_px_with_links_and_legend(forty: tuple[Path, list[dict[str, str]]], browser) -> None:
    from selenium.webdriver.common.by import By

    from tests.browser import measure

    out, rows = forty
    events = sorted(out.glob("event-*.html"), key=lambda p: -p.stat().st_size)
    size = measure(browser, events[0])
    cards = browser.find_elements(By.CSS_SELECTOR, "article.card")
    assert len(cards) == 40  # every outlet on one page
    assert size["client"] == 1400 and size["scroll"] <= size["client"]  # no sideways page scroll
    matrix = browser.find_element(By.CSS_SELECTOR, "#claims-section .matrix")
    assert browser.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", matrix)
    first = browser.find_element(By.CSS_SELECTOR, "#claims tbody th.claim")
    assert first.value_of_css_property("position") == "sticky"
    assert browser.find_element(By.ID, "legend").is_displayed()
    links = {a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a.orig")}
    assert links == {r["url"] for r in rows}  # each card links its article's URL from the manifest
    size = measure(browser, out / "index.html")
    assert size["scroll"] <= size["client"]
    originals = {a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#articles a[href^=http]")}
    assert originals == {r["url"] for r in rows}



def _outlets_toml() -> st.SearchStrategy[bytes]:
    """Random outlets files: [[outlet]] entries and a [tld] table of random TOML values, or any text."""
    from tests.fuzz_inputs import _toml_table, _toml_value, as_bytes

    tld = st.dictionaries(st.sampled_from(["in", "pk", "co.uk", "x y"]), _toml_value(), max_size=3).map(
        lambda d: "[tld]\n" + "".join(f'"{k}" = {v}\n' for k, v in d.items()))
    shaped = st.builds(lambda a, b: a + b, tld, _toml_table("outlet", ["domain", "name", "country", "group", "lean", "x"]))
    return as_bytes(st.one_of(shaped, st.text(max_size=60), st.just("outlet = 1\n"), st.just("tld = 2\n")))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_outlets_toml())
def test_any_outlets_file_loads_or_is_refused_with_one_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "o.toml"
    path.write_bytes(data)
    try:
        book = load_outlets(str(path))
    except InputError as err:
        assert str(err).startswith(str(path)) and "\n" not in str(err)  # names the file (and line)
    else:
        assert book.outlet(art("a", "https://example.in/x")).name == "example.in"
