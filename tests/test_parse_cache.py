"""The detectors' findings are stored: an article read again is not parsed again."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing import syntax
from framing.frames import detect_frames
from framing.segment import segment
from framing.types import Article

TEXT = ("Officials urged Pakistan to act against the groups. Pakistan denied the charge. "
        "The talks resumed on Monday.")


def _entity_hits(text: str) -> dict[str, tuple[int, ...]]:
    doc = segment(Article(id="a", source="a.txt", text=text))
    return {f.frame: tuple(e.sentence for e in f.evidence) for f in detect_frames(doc, entities=["Pakistan"])}


def test_a_second_reading_loads_no_parser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(syntax, "_CACHE", {})
    first = _entity_hits(TEXT)
    assert first["calls_on_entity"] == (0,)
    assert (tmp_path / "parses.sqlite").is_file()

    def refuse() -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(syntax, "_CACHE", {})
    monkeypatch.setattr(syntax, "parser", refuse)
    assert _entity_hits(TEXT) == first
    with pytest.raises(AssertionError, match="parsed again"):  # another text is parsed
        _entity_hits(TEXT.replace("Monday", "Tuesday"))


def test_an_unusable_cache_directory_only_means_parsing_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(blocker / "cache"))
    assert _entity_hits(TEXT)["calls_on_entity"] == (0,)
