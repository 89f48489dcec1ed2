"""Report rendering that stays linear: wire-copy edits once per group, lookups by index."""

from __future__ import annotations

from framing.output.report_event import wire_groups as _wire_groups


def test_a_wire_group_is_diffed_against_its_original_once_per_copy() -> None:
    syndicated = {"a3": ("a1", "a2"), "a1": ("a2", "a3"), "a2": ("a1", "a3"), "b1": ("b2",), "b2": ("b1",)}
    groups = _wire_groups(["a3", "x", "a1", "b2", "a2", "b1"], syndicated)
    assert groups == [["a1", "a2", "a3"], ["b1", "b2"]]
    assert sum(len(g) - 1 for g in groups) == 3  # copies diffed: 2 + 1, not the 3 + 1 pairs


def test_partners_outside_the_event_are_left_out() -> None:
    assert _wire_groups(["a1", "a2"], {"a1": ("a2", "z9"), "a2": ("a1", "z9")}) == [["a1", "a2"]]
    assert _wire_groups(["a1"], {"a1": ("z9",)}) == []


def test_a_large_event_page_is_summarised(tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from framing.cli import cli
    from framing.output import report_event
    from tests.conftest import CORPUS

    monkeypatch.setattr(report_event, "PAGE_ARTICLES", 1)
    monkeypatch.setattr(report_event, "PAGE_CLAIMS", 1)
    result = CliRunner().invoke(cli, ["report", str(CORPUS), "-o", str(tmp_path / "r"), "--format", "html"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "r" / "event-e1.html").read_text()  # the Joint Working Group: 2 articles
    assert "this page shows 1 of its 2 articles and 1 of its" in page
    cells = page.split('<table id="claims">')[1].split("</table>")[0]
    assert cells.count("<td class=") == 1  # one claim x one article
