"""Plain-text cleaning: drop the page furniture that copied web pages carry.

The rules are general (web interface vocabulary, datelines, bylines, credits, repeated and
contained lines, short unpunctuated navigation items), not lists of any one page's lines.
"""

from __future__ import annotations

import re
import unicodedata

# Words of web interfaces, never of news claims, when they make up a whole short line.
_UI_LINE = re.compile(
    r"""^(?:
        advertisement|advertisements?\s*:?|sponsored|loading\b.*|scanning\b.*|
        read\s+(?:now|more|comments?|next|full\s+story)\b.*|also\s+read\b.*|
        (?:share|print|email|tweet|whatsapp|facebook|twitter|telegram|linkedin|copy\s+link)
            (?:\s+(?:this|on|via|article|story|link))*\s*:?|
        follow\s+us\b.*|subscribe\b.*|sign\s+(?:in|up)\b.*|log\s*in\b.*|
        (?:post|leave|add|view|read|show)\s+(?:a\s+)?(?:comments?|reply)\b.*|comments?\s+are\s+closed\.?|
        please\s+enter\s+your\b.*|you\s+(?:might|may)\s+also\s+like\b.*|related\s+(?:news|stories|articles)\b.*|
        (?:file\s+)?(?:photo|image|picture|representative\s+image|representational\s+image)s?\b.*|
        close(?:_game)?|menu|home|search|trending\b.*|top\s+(?:trends|stories|news)\b.*|
        (?:updated|published|posted|last\s+updated)\s*(?:on|:)?\s*.*\d.*|
        (?:reported|written|edited|compiled)\s+by\b.*|by\s+[\w.\- ]{2,60}|
        by\s+(?-i:[A-Z])[\w.'’\-]*(?:\s+[\w.'’\-]+){0,3}(?:,|\s+and)\s+(?-i:[A-Z])[\w.'’,\- ]{1,60}(?<!\.)|
        \(?(?:additional\s+)?(?:reporting|writing|editing)\s+by\b[^.]*\)?|
        today'?s\s+paper\b.*|begin\s+text\s*:?|end\s+text\s*:?|media\s+note|
        .*\byour\s+(?:fastest|trusted|number\s+one|no\.?\s*1)\s+source\b.*|
        .*\b(?:view\s+source|font\s+replacer|newsroom\s+feed)\b.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
)
# A line that is only a date and/or time (a dateline or timestamp), optionally with a weekday.
_DATE_LINE = re.compile(
    rf"""^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:
        {_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|
        \d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|
        \d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}
    )(?:[,\s]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*(?:am|pm)?(?:\s*[a-z]{{2,4}})?)?\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
# A comment-form notice ("... will be kept private ... shown publicly"); two linear searches,
# since one pattern ".*a.*b.*" backtracks quadratically on a long line.
_PRIVATE = re.compile(r"\bkept\s+private\b", re.IGNORECASE)
_PUBLICLY = re.compile(r"\bpublicly\b", re.IGNORECASE)
# A trailing photo credit in a caption: "(Representational Image/Reuters)", "(Photo: AP)". It
# is matched from the last opening bracket only, so a line costs linear time.
_CREDIT_TAIL = re.compile(r"[\(\[][^()\[\]]*[\)\]]\s*")
_CREDIT_WORD = re.compile(r"\b(?:image|photo|picture|file|credit|courtesy)\b", re.IGNORECASE)
_BREADCRUMB = re.compile(r"^\s*\d{1,2}\.\s+\S.{0,100}$")
_SENTENCE_END = re.compile(r"[.!?…\"”’')\]]\s*$")


# A dateline and/or wire credit opening a paragraph: a place (upper or title case, up to four
# words; optionally ", Region"), optionally a date ("Dec 5", "5 December 2024"), optionally an
# agency in brackets, then a colon or dash ("WASHINGTON (Reuters) -", "NEW DELHI, Dec 5 (PTI):",
# "Cairo, Egypt (AP) —", "BERLIN —"); with an agency the separator may be missing; an agency alone
# ("(AP) -") counts too. The text after it must start a sentence (a capital or a quotation mark).
_PLACE_WORD = r"[A-Z][\w.'’-]*"
_PLACE = rf"{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,3}}(?:,[ ]*{_PLACE_WORD}(?:[ ]{_PLACE_WORD})?)??"
_DAY = rf"(?:,?[ ]*(?:(?i:{_MONTH})[ ]+\d{{1,2}}|\d{{1,2}}[ ]+(?i:{_MONTH}))(?:,?[ ]*\d{{4}})?)?"
_AGENCY = r"\([^()\n]{1,40}\)"
_DATELINE_START = re.compile(
    rf"^(?:{_PLACE}{_DAY}(?:[ ]*{_AGENCY}[ ]*(?::|[–—-]{{1,2}})?|[ ]*(?::|[ ][–—-]{{1,2}}))|{_AGENCY}[ ]*(?::|[–—-]{{1,2}}))"
    r"[ ]+(?=[\"“‘'A-Z])")
MIN_AFTER_DATELINE = 30  # characters a line must still hold after its dateline to be a sentence


def dateline_length(line: str) -> int:
    """Length of a dateline or wire credit opening ``line`` (with the space after it), else 0.

    Examples: "WASHINGTON (Reuters) - ", "NEW DELHI, Dec 5 (PTI): ", "New Delhi, September 11 (IANS) ",
    "BERLIN — ", "(AP) - ". Nothing is taken when too little text would remain.
    """
    match = _DATELINE_START.match(line)
    if not match or len(line) - match.end() < MIN_AFTER_DATELINE:
        return 0
    return match.end()


_DATELINE_DAY = re.compile(rf"(?i:(?P<m1>{_MONTH}))[ ]+(?P<d1>\d{{1,2}})\b|\b(?P<d2>\d{{1,2}})[ ]+(?i:(?P<m2>{_MONTH}))")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def dateline_day(text: str, lines: int = 3) -> tuple[int, int] | None:
    """(month, day) of the dateline that opens one of the text's first ``lines`` lines
    ("CASTLEGATE, Feb 3 (Meridian) -" gives (2, 3)); None when no dateline gives a date."""
    for line in text.split("\n")[:lines]:
        length = dateline_length(line)
        match = _DATELINE_DAY.search(line, 0, length) if length else None
        if match:
            month = _MONTHS.index((match.group("m1") or match.group("m2")).lower()[:3])
            day = int(match.group("d1") or match.group("d2"))
            if 1 <= day <= 31:
                return month + 1, day
    return None


def normalize_text(text: str) -> str:
    """Unicode-normalise (NFC), unify newlines and drop control characters and trailing spaces."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (line if line.isprintable() else _drop_controls(line) for line in text.split("\n"))
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def _drop_controls(line: str) -> str:
    """The line without control and format characters (tabs kept); only lines that have any come here."""
    return "".join(ch for ch in line if ch == "\t" or unicodedata.category(ch)[0] != "C")


def _key(line: str) -> str:
    """Comparison key of a line: lower case, letters and digits only."""
    return re.sub(r"[\W_]+", " ", line.lower()).strip()


def is_furniture(line: str, *, first: bool = False) -> bool:
    """Whether one stripped line is page furniture rather than article text.

    Args:
        line: the line, stripped of surrounding white space.
        first: whether it is the first content line (a headline may lack final punctuation).
    """
    if not re.search(r"[^\W\d_]", line):  # no letter at all: counters, rules, bullets
        return True
    if _UI_LINE.match(line) or _DATE_LINE.match(line) or _BREADCRUMB.match(line):
        return True
    private = _PRIVATE.search(line)
    if private and _PUBLICLY.search(line, private.end()):
        return True
    words = line.split()
    if len(words) <= 2 and len(line) < 25 and not _SENTENCE_END.search(line):
        # a lone navigation item, a section name, an outlet name ("World News", "Daily Clarion");
        # a first line in sentence case is a short headline ("Nurses strike", "Refinery fire")
        return not (first and len(words) == 2 and words[1][:1].islower())
    if not first and len(words) <= 6 and not _SENTENCE_END.search(line):
        return True  # menu entries, subheadings and outlet names between paragraphs
    return False


def split_title(title: str) -> str:
    """Drop an outlet suffix from a page title ("Headline | Latest News - Outlet")."""
    parts = re.split(r"\s+[|]\s+", title)
    return parts[0].strip() if parts else title.strip()


def clean_lines(text: str) -> list[str]:
    """Return the article's content lines, furniture removed, in order."""
    raw = [_drop_credit(ln.strip()) for ln in normalize_text(text).split("\n")]
    lines: list[str] = []
    seen: set[str] = set()
    for line in raw:
        if not lines:
            line = split_title(line)
        key = _key(line)
        if not key or key in seen:
            continue
        if is_furniture(line, first=not lines):
            continue
        seen.add(key)
        lines.append(line)
    return _drop_contained(lines)


def _drop_credit(line: str) -> str:
    """The line without a trailing bracketed photo credit."""
    start = max(line.rfind("("), line.rfind("["))
    if start < 0 or not _CREDIT_TAIL.fullmatch(line, start) or not _CREDIT_WORD.search(line, start):
        return line
    return line[:start].rstrip()


def _drop_contained(lines: list[str]) -> list[str]:
    """Drop a line whose words stand whole inside another, longer line (standfirsts, captions).

    Only lines sharing the candidate's rarest inner word triple are compared, within a budget of
    characters proportional to the text, so the cost stays linear however many lines there are.
    """
    words = [_key(line).split() for line in lines]
    keys = ["".join(w) for w in words]
    index: dict[tuple[str, ...], list[int]] = {}
    for j, ws in enumerate(words):
        for triple in zip(ws, ws[1:], ws[2:]):
            index.setdefault(triple, []).append(j)
    budget = 50 * sum(map(len, keys)) + 100_000
    kept = []
    for i, line in enumerate(lines):
        ws = words[i]
        contained = False
        if len(ws) >= 5 and budget > 0:
            rarest = min(zip(ws[1:], ws[2:], ws[3:-1]), key=lambda t: len(index[t]))
            for j in dict.fromkeys(index.get(rarest, ())):
                if j != i and len(keys[j]) > len(keys[i]):
                    budget -= len(keys[j])
                    if keys[i] in keys[j] or budget <= 0:
                        contained = keys[i] in keys[j]
                        break
        if not contained:
            kept.append(line)
    return kept


def clean_text(text: str) -> tuple[str, str | None]:
    """Clean a plain-text page: return (text, title).

    The title is the first content line when it reads as a headline (short, no final full stop);
    it is kept as the text's first line too, since outlets' headlines are claims of their own.
    """
    lines = clean_lines(text)
    if not lines:
        return "", None
    head = lines[0]
    title = None
    if len(head) <= 200 and not head.rstrip().endswith("."):
        title = head
    return "\n".join(lines), title
