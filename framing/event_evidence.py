"""Evidence in an article's text that it reports another happening than a similar article.

Sibling happenings (a strike called, then ended; a match, then the return match months later)
share their people, places and background words, so no text similarity tells them apart. Their
reports do differ in a few facts a reader checks first, and these are what this module reads:

- the day the report gives itself: the date of its dateline ("HARLOW, Feb 3 (Agency) -"), or a
  date in its lede followed by how long ago that was ("the walkout that began on March 2, six
  weeks ago" is a report of about April 13). Two reports whose days are more than
  ``MAX_DAYS_APART`` apart (on the calendar, the year unknown: the shorter way round) are about
  different happenings, as two dated articles are;
- the tally its headline or first sentence leads with, a score or a vote ("Harlow beat Denby 3-1",
  "the bill passed by 61 votes to 39"): a report of one match or one vote gives its result; two
  reports that both lead with a tally and share none are about two contests.

Each article's evidence is read once (linear in the corpus); it is compared only between the
articles of one found event (:func:`framing.event_split.evidence_cut`), never over all pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from framing.clean import dateline_day
from framing.types import Document

MAX_DAYS_APART = 30  # reports of one happening are written within this many days (framing.events too)
YEAR_DAYS = 365
TALLY_SENTENCES = 1  # the tally a report leads with: in its headline or its first sentence
ELAPSED_SENTENCES = 3  # a date with how long ago it was: in the lede
MAX_TALLY = 199  # larger pairs are years, ranges or amounts, not scores or votes

_NUMBER_WORDS = {w: k for k, w in enumerate(
    ["a", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"], 1)}
# Years are not counted: "in March 1990, thirty years ago" says the year, not the day of the report.
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")
# A month by name or abbreviation, with its capital ("May", not "may"; not "Mark" or "Junior").
_MONTH = r"(?-i:(?P<month>" + "|".join(_MONTH_NAMES) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)(?![a-z]))"
_COUNT = rf"(?P<count>\d{{1,2}}|{'|'.join(_NUMBER_WORDS)})[ ]+(?P<unit>day|week|month)s?[ ]+(?:ago|earlier|before)\b"
_DATE = rf"\b{_MONTH}(?:[ ]+(?P<day>\d{{1,2}})(?!\d))?(?:,?[ ]+\d{{4}})?"
# "on March 2, six weeks ago", "in August 2023 - ten months ago": a date, then at once how long
# before the report it was; or "Ten months ago, ... the eruption of August 2023": the time ago
# opening a clause that says what happened in, on or of that date (not "by June 30": a deadline).
_ELAPSED = (
    re.compile(rf"{_DATE}[ ,;:()–—-]{{1,6}}(?:or[ ]+|some[ ]+|about[ ]+|nearly[ ]+)?{_COUNT}", re.IGNORECASE),
    re.compile(rf"(?<![\w-]){_COUNT},?[ ][^.;:!?]{{0,120}}?\b(?:in|on|of)[ ]+{_DATE}", re.IGNORECASE),
)
_MONTHS = [name[:3].lower() for name in _MONTH_NAMES]
# A score: two numbers of at most three digits joined by a dash, the larger first ("3-1", "23-20";
# "10-15" counting up is a range), not part of a longer number, a decimal, a date ("2023-24"), a
# fraction or a percentage; or a vote: "by 61 to 39", "by 54 votes to 41".
_NUMBER_END = r"(?![\w/%:-]|[.,]\d)"  # "3-1," ends a clause; "3-1,000" and "3-1.5" are other numbers
_SCORE = re.compile(rf"(?<![\w.,/%:-])(\d{{1,3}})[ ]?[-–—][ ]?(\d{{1,3}}){_NUMBER_END}")
_VOTE = re.compile(rf"\bby[ ]+(\d{{1,3}})(?:[ ]+[a-z]+)?[ ]+to[ ]+(\d{{1,3}}){_NUMBER_END}")


@dataclass(frozen=True)
class TextEvidence:
    """What an article's own text says about when and which contest it reports."""

    day: int | None = None  # day of the year (1-365) the report gives itself, year unknown
    tallies: frozenset[tuple[int, int]] = field(default_factory=frozenset)


NO_EVIDENCE = TextEvidence()


def text_evidence(doc: Document) -> TextEvidence:
    """The day and the lead tallies of one article (see the module)."""
    title = (doc.article.title or "").strip()
    body = [s.text for s in doc.sentences[: ELAPSED_SENTENCES + 1] if s.text.strip() != title]  # not the title again
    lede = [title] + body[:ELAPSED_SENTENCES]
    return TextEvidence(report_day(doc.article.text, " ".join(lede)),
                        lead_tallies(" ".join(lede[: 1 + TALLY_SENTENCES])))


def report_day(text: str, lede: str) -> int | None:
    """The day of the year a report gives itself: its dateline's, else a lede date plus how long
    ago the lede says it was ("on March 2, six weeks ago"); None when the text gives neither."""
    found = dateline_day(text)
    if found:
        return day_of_year(*found)
    match = _ELAPSED[0].search(lede) or _ELAPSED[1].search(lede)
    if not match:
        return None
    month = _MONTHS.index(match.group("month").lower()[:3]) + 1
    day = int(match.group("day") or 15)  # a month alone: its middle
    count = match.group("count").lower()
    elapsed = (int(count) if count.isdigit() else _NUMBER_WORDS[count]) * _UNIT_DAYS[match.group("unit").lower()]
    return (day_of_year(month, day) - 1 + elapsed) % YEAR_DAYS + 1


def day_of_year(month: int, day: int) -> int:
    """Day of the year (1-365) of a month and day, in a year without 29 February."""
    last = 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
    return date(2001, month, max(1, min(day, last))).timetuple().tm_yday


def days_apart(a: int, b: int) -> int:
    """Days between two days of the year, the shorter way round the calendar."""
    apart = abs(a - b) % YEAR_DAYS
    return min(apart, YEAR_DAYS - apart)


def lead_tallies(lead: str) -> frozenset[tuple[int, int]]:
    """The tallies ("3-1", "by 61 to 39") of a headline and first sentence, each as (low, high)."""
    found = set()
    for match in [*_SCORE.finditer(lead), *_VOTE.finditer(lead)]:
        a, b = int(match.group(1)), int(match.group(2))
        if b <= a <= MAX_TALLY:
            found.add((b, a))
    return frozenset(found)


def evidence_conflict(a: TextEvidence, b: TextEvidence) -> bool:
    """Whether two articles' own texts say they report different happenings."""
    if a.day is not None and b.day is not None and days_apart(a.day, b.day) > MAX_DAYS_APART:
        return True
    return bool(a.tallies) and bool(b.tallies) and not a.tallies & b.tallies
