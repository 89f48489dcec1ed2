"""Segment: an article's cleaned text becomes sentences with character offsets.

Rule-based, written for news prose: every line is a paragraph (a headline line is a sentence of
its own); a full stop ends a sentence unless it closes an abbreviation or initials, or the next
word starts in lower case. A leading dateline ("NEW DELHI:") is not part of the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from framing.clean import dateline_length
from framing.limits import LIMITS, warn
from framing.types import Article, Document, Sentence

# Abbreviations that are followed by more of the same sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl st mt no nos vs jr sr inc
    ltd co corp bros govt gov sen rep amb hon rev fig art sec dept est approx jan feb mar apr jun
    jul aug sep sept oct nov dec mon tue wed thu fri sat sun pvt ave blvd rd ph cf
    ie eg pp vol ed eds min max""".split()
)
# Capitalised function words that usually start a sentence: after initials such as "D.C." or
# "U.S." they tell a sentence end from a name that goes on ("U.S. State Department").
SENTENCE_STARTERS = frozenset(
    """the this that these those it its they their he she his her we our i in on at a an but and
    however both there meanwhile also according while after before during earlier later since
    as when if what who notably separately further furthermore moreover additionally""".split()
)
_BOUNDARY = re.compile(r"(?:[.!?]+|…)[\"”’')\]]*(?=\s+)")
_NEXT = re.compile(r"\s+([\"“‘'(\[]?)(\S+)")
_FINAL = re.compile(r"[.!?…\"”’')\]]$")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?\.?$")


def segment(article: Article) -> Document:
    """Split an article into sentences with offsets into ``article.text``.

    A last sentence cut off mid-way (an excerpt that stops mid-text) stays a sentence, and the
    document is marked ``cut_off``.
    """
    spans = sentence_spans(article.text, headline=article.title is not None)
    if len(spans) > LIMITS.sentences:
        warn(article.source, f"{len(spans)} sentences; only the first {LIMITS.sentences} are read "
             "(raise with framing --limit sentences=N)")
        spans = spans[: LIMITS.sentences]
    cut_off = len(spans) > 1 and not _FINAL.search(article.text[spans[-1][0] : spans[-1][1]])
    sentences = [
        Sentence(index=i, text=article.text[start:end], start=start, end=end)
        for i, (start, end) in enumerate(spans)
    ]
    return Document(article=article, sentences=tuple(sentences), cut_off=cut_off)


def is_headline(doc: Document, index: int) -> bool:
    """Whether sentence ``index`` is the article's headline: a title, not a claim of the body.

    An article with a title has it as its first line whatever the input format (ingest), and
    :func:`segment` keeps that line whole as sentence 0.
    """
    return index == 0 and doc.article.title is not None


def sentence_spans(text: str, *, headline: bool = False) -> list[tuple[int, int]]:
    """(start, end) character offsets of every sentence in ``text``.

    Args:
        text: cleaned article text, one paragraph a line.
        headline: whether the first line is a headline (kept whole, no dateline stripped).
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for line_no, line in enumerate(text.split("\n")):
        if line_no == 0 and headline:
            spans.extend((offset + s, offset + e) for s, e in _trimmed(line, 0, len(line)))
        else:
            for start, end in _line_spans(line, _dateline_length(line)):
                spans.append((offset + start, offset + end))
        offset += len(line) + 1
    return spans


def _dateline_length(line: str) -> int:
    """Length of a leading dateline or wire credit ("ISLAMABAD: ", "WASHINGTON (Reuters) - "), else 0."""
    return dateline_length(line)


def _line_spans(line: str, start: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside one line, from ``start``."""
    for match in _BOUNDARY.finditer(line, start):
        if match.start() < start or not _ends_sentence(line, match.start(), match.end()):
            continue
        yield from _trimmed(line, start, match.end())
        start = match.end()
    yield from _trimmed(line, start, len(line))


def _trimmed(line: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span without surrounding white space, if anything is left."""
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def _ends_sentence(line: str, punct_start: int, punct_end: int) -> bool:
    """Whether the punctuation at ``punct_start:punct_end`` ends a sentence."""
    following = _NEXT.match(line, punct_end)
    if following is None:
        return True
    next_word = following.group(2)
    if not (next_word[0].isupper() or next_word[0].isdigit() or following.group(1)):
        return False  # "territory. allegations ..." goes on
    if line[punct_start] != ".":
        return True
    # the word before the mark; a bounded look back keeps a long line linear
    token = line[max(0, punct_start - 100) : punct_end].rsplit(None, 1)[-1].rstrip("\"”’')]").lstrip("(\"“‘'[")
    token = token.rsplit("-", 1)[-1]  # "India-U.S." ends in initials
    word = token.rstrip(".").lower()
    if _INITIALS.match(token):  # K.D. Dewal, U.S. officials, Washington D.C. The ...
        starter = re.sub(r"\W+$", "", next_word).lower()
        return len(word.replace(".", "")) > 1 and starter in SENTENCE_STARTERS
    return "." in word or word not in ABBREVIATIONS
