"""Notices: what a reader must know before trusting a comparison of two articles.

``different_events``: the two look like reports of different happenings (dated far apart, by
their dates or their own texts, leading with different ordinals of one series or different
results, or sharing few claims); ``same_text``: they are the same
or nearly the same text; ``cut_off``: an article ends mid-text, so what it lacks may be past its end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from framing.event_evidence import MAX_DAYS_APART, days_apart, text_evidence
from framing.events import ordinal_conflict, signals
from framing.types import Alignment, Document, Notice
from framing.wires import near_identical_share

SAME_TEXT_SHARE = 0.9  # share of the shorter article's sentences found near-identically in the other
MIN_SENTENCES = 5  # articles shorter than this say too little for a claim-overlap judgement
LOW_OVERLAP = 0.2  # share of the shorter article's sentences aligned below which events differ


def comparison_notices(a: Document, b: Document, alignments: Sequence[Alignment],
                       name_a: str = "A", name_b: str = "B") -> tuple[Notice, ...]:
    """The notices of one comparison, most important first (empty when there is nothing to say)."""
    out: list[Notice] = []
    same = _same_text(a, b)
    if same:
        out.append(Notice("same_text", same))
    else:
        reasons = _event_reasons(a, b, alignments, name_a, name_b)
        if reasons:
            out.append(Notice("different_events", "The two articles look like reports of different events: "
                              + "; ".join(reasons) + ". Aligned claims may be similar statements, not one report."))
    for doc, name in ((a, name_a), (b, name_b)):
        if doc.cut_off:
            out.append(Notice("cut_off", f"{name} ends mid-text (its last sentence is unfinished): what it lacks "
                              "may be past where it stops, not left out."))
    return tuple(out)


def _same_text(a: Document, b: Document) -> str | None:
    """A message when the two articles are the same or nearly the same text."""
    if _normal(a.article.text) == _normal(b.article.text):
        return "The two articles are the same text."
    shorter, longer = sorted((len(a.sentences), len(b.sentences)))
    if shorter and shorter >= 0.8 * longer and near_identical_share(a, b) >= SAME_TEXT_SHARE:
        return "The two articles are nearly the same text (copies of one source, lightly edited)."
    return None


def _text_reasons(a: Document, b: Document, name_a: str, name_b: str) -> list[str]:
    """What the articles' own texts say when they carry no dates of their own: days far apart
    (datelines "Feb 3" and "July 14", or a dated lede; the year unknown, so the shorter way round
    the calendar) or lead tallies that share nothing ("3-1" and "2-0": two contests), as events read them."""
    ev_a, ev_b = text_evidence(a), text_evidence(b)
    reasons = []
    if ev_a.day is not None and ev_b.day is not None and days_apart(ev_a.day, ev_b.day) > MAX_DAYS_APART:
        days = [date(2001, 1, 1) + timedelta(days=d - 1) for d in (ev_a.day, ev_b.day)]
        shown = [f"{d:%B} {d.day}" for d in days]  # "April 13" ("%-d" is not portable)
        reasons.append(f"{name_a}'s text dates it {shown[0]}, {name_b}'s {shown[1]}")
    if ev_a.tallies and ev_b.tallies and not ev_a.tallies & ev_b.tallies:
        shown = [", ".join(f"{hi}-{lo}" for lo, hi in sorted(ev.tallies)) for ev in (ev_a, ev_b)]
        reasons.append(f"{name_a} leads with the result {shown[0]}, {name_b} with {shown[1]}")
    return reasons


def _normal(text: str) -> str:
    """Text compared case-, space- and punctuation-blind."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _event_reasons(a: Document, b: Document, alignments: Sequence[Alignment], name_a: str, name_b: str) -> list[str]:
    """Why two articles look like different events, in words (empty when they look like one)."""
    reasons = []
    sig_a, sig_b = signals(a), signals(b)
    if sig_a.day and sig_b.day and abs((sig_a.day - sig_b.day).days) > MAX_DAYS_APART:
        reasons.append(f"{name_a} is dated {a.article.date}, {name_b} {b.article.date}")
    elif not (sig_a.day and sig_b.day):
        reasons.extend(_text_reasons(a, b, name_a, name_b))
    if ordinal_conflict(sig_a.lead, sig_b.lead):
        first_a, first_b = (sorted(s.lead, key=lambda o: o.number) for s in (sig_a, sig_b))
        pairs = [(x, y) for x in first_a for y in first_b if x.same_series(y)]
        x, y = pairs[0]
        reasons.append(f"{name_a} leads with number {x.number} of a series, {name_b} with number {y.number}")
    shorter = min(len(a.sentences), len(b.sentences))
    if shorter >= MIN_SENTENCES:
        side = 0 if len(a.sentences) <= len(b.sentences) else 1
        covered = {i for al in alignments for i in (al.a if side == 0 else al.b)}
        if len(covered) < LOW_OVERLAP * shorter:
            reasons.append(f"only {len(covered)} of the shorter article's {shorter} sentences have a counterpart")
    return reasons

