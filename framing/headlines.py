"""Headlines: what to call an article (and an event) in a label a person can read.

An article's headline is its title, else the first clause of its lede, with the page furniture
that copied pages carry around them removed: datelines ("WASHINGTON, DC (Agency) ", "NEW DELHI: "),
wire credits ("(Reuters) -"), section names ("Press Releases:", "Home Latest News"), and lines
that introduce rather than say ("... released the following statement:"). A label is shortened
at a word boundary, never mid-word.
"""

from __future__ import annotations

import re

from framing.align import content_words
from framing.clean import dateline_length
from framing.types import Document

LABEL_CHARS = 100  # a label longer than this is cut at a word boundary
MIN_WORDS = 3  # a headline needs this many content words to say anything
# Words of page furniture, section names and wire services, never of a headline's claim.
_FURNITURE = (r"(?:home|latest|breaking|top|news|newsroom|service|wire|press|releases?|archives?|"
              r"what'?s\s+new|loading|subscribe|updates?|live|embassy|statements?\s+and\s+releases|"
              r"media\s+notes?|transcripts?|opinion|world|politics|national|tribune|times|post|herald|daily|"
              r"department|state|office|ministry|government|u\.?s\.?)")
_FURNITURE_ONLY = re.compile(rf"^(?:{_FURNITURE}[\s/&|:.,-]*)+$", re.IGNORECASE)
_SECTION_PREFIX = re.compile(rf"^(?:{_FURNITURE}[\s/&|.,-]*)+(?::\s+|\s+[|»›]\s+)", re.IGNORECASE)
_LEADING_FURNITURE = re.compile(
    r"^(?:(?:home|latest\s+news|breaking\s+news|top\s+stories|news)\s+)+(?=[A-Z])", re.IGNORECASE)
# "WASHINGTON, DC (STL.News) ", "Washington (AP) — ", "(Reuters) - ": a place and/or credit.
_DATELINE = re.compile(
    r"^(?:\([^()]{1,40}\)\s*[-–—:]+\s*|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},"
    r"(?:\s*[A-Z0-9][\w.'’-]*){1,3}\s*\([^()]{1,40}\)\s*[-–—:]*\s*"
    r"|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*\([^()]{1,40}\)\s*[-–—:]+\s*)")
# "NEW DELHI: ", "WASHINGTON — ", "NEW YORK, March 5 -": an upper-case place opening the text.
_CAPS_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*[:—–-]+\s+")


def strip_furniture(text: str) -> str:
    """``text`` without a leading dateline, wire credit or section name."""
    text = " ".join(text.split())
    for _ in range(3):  # a section name may precede a dateline and vice versa
        before = text
        text = text[dateline_length(text) :]
        text = _DATELINE.sub("", text, count=1)
        text = _CAPS_DATELINE.sub("", text, count=1)
        text = _SECTION_PREFIX.sub("", text, count=1)
        text = _LEADING_FURNITURE.sub("", text, count=1)
        if text == before:
            break
    return text.strip()


def is_furniture(text: str) -> bool:
    """Whether a would-be headline says nothing: furniture words only, too few words, an intro."""
    text = text.strip()
    if not text or _FURNITURE_ONLY.match(text) or text.endswith(":"):
        return True
    words = set(content_words(text))
    return len({w for w in words if len(w) > 1 and not _FURNITURE_ONLY.match(w)}) < MIN_WORDS


def is_boilerplate(sentence: str) -> bool:
    """Whether a sentence is page furniture, not a claim: a dateline or credit alone, section
    names, or a line introducing what follows ("... released the following statement:")."""
    text = strip_furniture(sentence)
    return not text or bool(_FURNITURE_ONLY.match(text)) or text.endswith(":")


def headline(doc: Document) -> str | None:
    """The article's headline: its title, else its lede's first clause; None when neither reads."""
    title = strip_furniture(doc.article.title or "")
    if title and not is_furniture(title):
        return title
    for sentence in doc.sentences[:3]:
        text = strip_furniture(sentence.text)
        if not is_furniture(text):
            return _first_clause(text)
    return None


def _first_clause(text: str) -> str:
    """A long lede sentence up to its first clause break after a readable start."""
    if len(text) <= LABEL_CHARS:
        return text
    match = re.search(r"[;:–—]\s", text[40:LABEL_CHARS])  # not at commas: they also separate list items
    return text[: 40 + match.start()] if match else text


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` cut at the last word boundary before ``limit`` characters, marked with an ellipsis."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut
    return cut.rstrip(" ,;:–—-") + "…"
