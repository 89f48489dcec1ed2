"""Conflicts: facts two aligned claims disagree on (numbers, dates, names, who said it).

Two outlets that report one claim may still disagree on its facts: "arrested 21 others" and
"arrested 99 others" are one claim with a conflicting number. A number conflicts when both
claims count the same thing (the word after the number: "others", "percent", "people") and
share no value for it; a weekday or a day of one month the same way; a speaker when both claims
name who said it and the names have no word in common; a name when a short changed stretch is a
proper name on both sides ("led by Anna Berg" vs "led by Tom Hale").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from framing.types import Conflict, Edit
from framing.wording import FUNCTION_WORDS

_WORD_NUMBERS = {w: i for i, w in enumerate(re.findall(r"\w+", "zero one two three four five six seven eight nine ten eleven twelve"))}
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
                "trillion": 1_000_000_000_000}
_MONTHS = re.findall(r"\w+", "january february march april may june july august september october november december")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_NUMBER = re.compile(
    rf"(?P<month>\b{_MONTH}\s+)?(?<![\w/.,])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|"
    rf"\b(?:{'|'.join(_WORD_NUMBERS)})\b)(?![\w/]|[.,]\d)(?P<after>\s*%|(?:\s+[\w'’-]+){{1,3}})?",
    re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2}"
_SPEAKER = re.compile(rf"(?:\b(?:said|says|told|according\s+to)\s+(?:[a-z]+\s+){{0,3}}(?P<after>{_NAME}))|"
                      rf"(?:(?P<before>{_NAME})\s+(?:said|says|told)\b)")


def _quantities(text: str, shown: dict[str, str]) -> dict[str, set[float]]:
    """Values by what they count: {"other": {21.0}, "percent": {4.16}, "date:mar": {5.0}}.

    ``shown`` collects how each counted word was written, for messages.
    """
    found: dict[str, set[float]] = defaultdict(set)
    for m in _NUMBER.finditer(text):
        raw = m.group("num").lower().replace(",", "")
        value = float(_WORD_NUMBERS[raw]) if raw in _WORD_NUMBERS else float(raw)
        if m.group("month"):
            found[f"date:{m.group('month').strip().lower()[:3]}"].add(value)
            continue
        after = [w.lower() for w in (m.group("after") or "").split()]
        if after and after[0] in _MULTIPLIERS:
            value *= _MULTIPLIERS[after.pop(0)]
        word = "percent" if after[:1] in (["%"], ["percent"], ["per"]) else next(
            (w.strip("'’-") for w in after if w not in FUNCTION_WORDS), None)
        unit = _unit(word) if word else None
        if unit and not (1900 <= value <= 2100 and not after):
            found[unit].add(value)
            shown.setdefault(unit, word or unit)
    return found


def _unit(word: str) -> str:
    """A counted word's key: lower-case, plural ending dropped."""
    word = word.strip("'’-").lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _fmt(value: float) -> str:
    """A value as written: 21, 4.16, 1200000."""
    return str(int(value)) if value == int(value) else f"{value:g}"


def _speakers(text: str) -> set[str]:
    """Names given as who said something ("Smith said", "said Jane Doe", "according to Lee")."""
    names = {(m.group("after") or m.group("before") or "").rstrip(".") for m in _SPEAKER.finditer(text)}
    return {n for n in names if n and not _proper_stop(n)}


def _proper_stop(name: str) -> bool:
    """Whether a would-be speaker is a pronoun, function word, month or weekday, not a name."""
    first = name.split()[0].lower().rstrip(".")
    return first in FUNCTION_WORDS or first in _MONTHS or bool(_WEEKDAY.fullmatch(first))


def find_conflicts(a: str, b: str, edits: Sequence[Edit] = ()) -> tuple[Conflict, ...]:
    """The facts on which two aligned claims disagree, numbers and dates first.

    Args:
        a: the claim's text in article A (all its aligned sentences).
        b: the claim's text in article B.
        edits: the word edits between them (a substituted proper name is a name conflict).
    """
    out = []
    shown: dict[str, str] = {}
    qa, qb = _quantities(a, shown), _quantities(b, shown)
    for unit in sorted(qa.keys() & qb.keys()):
        if not qa[unit] & qb[unit]:
            if unit.startswith("date:"):
                month = next(m for m in _MONTHS if m.startswith(unit[5:])).title()
                va, vb = (", ".join(f"{month} {_fmt(v)}" for v in sorted(q[unit])) for q in (qa, qb))
                out.append(Conflict("date", va, vb, f"A says {va}, B says {vb}"))
                continue
            va, vb = (", ".join(f"{_fmt(v)} {shown.get(unit, unit)}" for v in sorted(q[unit])) for q in (qa, qb))
            out.append(Conflict("number", va, vb, f"A says {va}, B says {vb}"))
    days_a, days_b = ({d.lower() for d in _WEEKDAY.findall(t)} for t in (a, b))
    if days_a and days_b and not days_a & days_b:
        da, db = ", ".join(sorted(d.title() for d in days_a)), ", ".join(sorted(d.title() for d in days_b))
        out.append(Conflict("date", da, db, f"A says {da}, B says {db}"))
    out.extend(_name_conflicts(a, b, edits))
    return tuple(out)


def _name_conflicts(a: str, b: str, edits: Sequence[Edit]) -> list[Conflict]:
    """Different speakers of one claim, and proper names substituted for one another."""
    out = []
    sa, sb = _speakers(a), _speakers(b)
    if sa and sb and not _words(sa) & _words(sb):
        out.append(Conflict("attribution", "; ".join(sorted(sa)), "; ".join(sorted(sb)),
                            f"A attributes it to {', '.join(sorted(sa))}, B to {', '.join(sorted(sb))}"))
    for e in edits:
        if e.op == "replace" and _proper(e.a) and _proper(e.b) and not _words([e.a]) & _words(sa | sb):
            out.append(Conflict("name", e.a, e.b, f"A names {e.a}, B names {e.b}"))
    return out


def _words(names: Sequence[str] | set[str]) -> set[str]:
    """The lower-cased words of some names."""
    return {w.lower() for n in names for w in n.split()}


def _proper(text: str) -> bool:
    """Whether a stretch is a proper name: every word capitalised, not a month or weekday."""
    parts = text.split()
    return bool(parts) and len(parts) <= 4 and all(p[0].isupper() for p in parts) and not any(
        p.lower().rstrip(".") in _MONTHS or _WEEKDAY.fullmatch(p) for p in parts)
