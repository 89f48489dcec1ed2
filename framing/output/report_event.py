"""What an event's story page shows: a card per outlet, coverage by outlet group, the facts the
outlets disagree on, the claims matrix (who carries which claim, how closely, in whose words),
omissions as sentences, framing differences with both sides' evidence, and wire-copy edits."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

from framing.conflicts import context_before, find_conflicts, forget_texts
from framing.differences import frame_differences
from framing.headlines import headline, shorten
from framing.output.report_common import ReportIndex, blindspots, coverage, frame_key, safe_url
from framing.report import CorpusReport
from framing.types import Alignment, Claim, Conflict, Document, Event, FrameResult
from framing.wording import copy_edits, summarize

PAGE_ARTICLES = 60  # articles an event page shows in full (its tables grow as articles x claims)
PAGE_CLAIMS = 400  # claims an event page lists
MAX_CONFLICTS = 40  # disagreements an event page lists
WORDING_CHARS = 240  # an outlet's wording of a claim in a tooltip, and an omitted claim, are cut here

MARKS = {  # css class: (mark, meaning) -- the page's legend is built from this table
    "full": ("●", "reports the claim: aligned as the same claim with another outlet's wording"),
    "partial": ("◐", "reports part of the claim (a partial match: more, less or other detail)"),
    "grouped": ("○", "grouped with the claim, but no one-to-one alignment with another outlet measured it"),
    "only": ("■", "reports it; no other outlet does"),
    "cut": ("?", "not found, but this outlet's excerpt is cut off: it may come after the cut"),
    "no": ("", "not reported"),
}
FRAME_MARKS = {
    "own": ("●", "the outlet carries the frame in its own voice"),
    "via": ("◑", "only through people it quotes or reports"),
    "none": ("", "not found in this outlet's article"),
}
Pairs = Mapping[tuple[str, str], tuple[Alignment, ...]]  # pairwise alignments by (article A, article B)
CONFLICT_KINDS = {"number": "A number differs", "date": "A date differs", "name": "A name differs",
                  "attribution": "Who said it differs"}


def page_claims(event: Event) -> tuple[Claim, ...]:
    """The claims an event page lists: all, or for a very large event the most widely reported
    :data:`PAGE_CLAIMS` of them, in their order (report.json and claims.csv keep every one)."""
    if len(event.claims) <= PAGE_CLAIMS:
        return event.claims
    ranked = sorted(range(len(event.claims)), key=lambda k: (-len(event.claims[k].reported_by), k))
    return tuple(event.claims[k] for k in sorted(ranked[:PAGE_CLAIMS]))


def wire_groups(articles: Sequence[str], syndicated: Mapping[str, tuple[str, ...]],
                index: ReportIndex | None = None) -> list[list[str]]:
    """The wire-copy groups among an event's articles, the original first: the others' edits are
    measured against it. With ``index``, the original is the earliest article, then the one whose
    outlet the texts credit most ("(Meridian) -", "polled by Meridian"), then the first by id."""
    inside, seen, groups = set(articles), set(), []
    for a in articles:
        if a in seen or not syndicated.get(a):
            continue
        group = sorted({a, *syndicated[a]} & inside)
        seen.update(group)
        if len(group) > 1:
            groups.append(sorted(group, key=lambda d: _source_rank(d, group, index)) if index else group)
    return groups


def _source_rank(ident: str, group: Sequence[str], index: ReportIndex) -> tuple[str, int, str]:
    """How likely an article of a wire group is its source: (date, -credits, id), least first.
    A credit is the outlet's name in a member's text, or its first word as a wire credit
    "(Meridian)", its own text included: the agency's copy carries its credit, a reprint may not."""
    name = re.sub(r"^the\s+", "", index.outlets[ident].name.strip(), flags=re.IGNORECASE)
    if not name:
        return (index.docs[ident].article.date or "9999", 0, ident)
    credit = re.compile(rf"\b{re.escape(name)}\b|\(\s*{re.escape(name.split()[0])}\b", re.IGNORECASE)
    credits = sum(1 for member in group if credit.search(index.docs[member].article.text))
    return (index.docs[ident].article.date or "9999", -credits, ident)


def _copy_edits(a: Document, b: Document, index: ReportIndex) -> dict[str, Any]:
    """What outlet B changed in the shared wire text of A: added, dropped and reworded sentences."""
    from rapidfuzz import fuzz, process

    ta, tb = [s.text for s in a.sentences], [s.text for s in b.sentences]
    added, changed = [], []
    for s in tb:
        match = process.extractOne(s, ta, scorer=fuzz.ratio)
        if match is None or match[1] < 60:
            added.append(s)
        elif match[1] < 100:
            changed.append({"a": match[0], "b": s, "edits": [summarize(e) for e in copy_edits(match[0], s)]})
    dropped = [s for s in ta if (m := process.extractOne(s, tb, scorer=fuzz.ratio)) is None or m[1] < 60]
    return {"a": index.outlets[a.id].name, "b": index.outlets[b.id].name, "added": added, "dropped": dropped,
            "changed": changed}


def _ordered(docs: list[Document], index: ReportIndex, carried: Counter[str]) -> list[Document]:
    """The outlets in page order: by group (as everywhere in the report), most claims first."""
    rank = {g: k for k, g in enumerate(index.groups)}
    return sorted(docs, key=lambda d: (rank[index.outlets[d.id].group], -carried[d.id], index.outlets[d.id].name, d.id))


def _cards(event: Event, docs: list[Document], index: ReportIndex, carried: Counter[str]) -> list[dict[str, Any]]:
    """One card per outlet: name, group, headline, date, link, and how much of the event it carries."""
    shared = [c for c in event.claims if len(c.reported_by) > 1]
    cards = []
    for d in docs:
        outlet = index.outlets[d.id]
        mine = sum(d.id in c.reported_by for c in shared)
        cards.append({"doc": d, "outlet": outlet, "colour": index.colours[outlet.group],
                      "headline": shorten(headline(d) or d.id, 110), "url": safe_url(d.article.url),
                      "shared": mine, "of": len(shared), "pct": round(100 * mine / len(shared)) if shared else 0,
                      "only": carried[d.id] - mine, "cut_off": d.cut_off})
    return cards


def _relation(claim: Claim, doc_id: str, index: ReportIndex) -> tuple[str, float | None]:
    """How an outlet's sentences of a claim were aligned with another reporter's: the best of
    "same" (full), "partial", or "grouped" (linked only through the claim grouping)."""
    sents = {a: set(s) for a, s in claim.sentences}
    if len(sents) == 1:
        return "only", None
    found = [(rel, score) for i in sents[doc_id] for x, xs, rel, score in index.links.get((doc_id, i), ())
             if x in sents and xs & sents[x]]
    for wanted, css in (("same", "full"), ("partial", "partial")):
        scores = [score for rel, score in found if rel == wanted]
        if scores:
            return css, max(scores)
    return "grouped", None


def _cell(claim: Claim, doc: Document, index: ReportIndex, cut: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """One cell of the claims matrix: its mark, class, and the outlet's own wording as a tooltip."""
    name = index.outlets[doc.id].name
    sentences = dict(claim.sentences).get(doc.id)
    if sentences is None:
        css = "cut" if claim.id in cut.get(doc.id, ()) else "no"
        return {"css": css, "mark": MARKS[css][0], "title": f"{name}: {MARKS[css][1]}"}
    css, score = _relation(claim, doc.id, index)
    wording = " ".join(doc.sentences[i].text for i in sentences if i < len(doc.sentences))
    how = MARKS[css][1].split(":")[0] + (f", alignment score {score:.2f}" if score is not None else "")
    return {"css": css, "mark": MARKS[css][0], "title": f"{name} ({how}): “{shorten(wording, WORDING_CHARS)}”"}


def _tier(n: int, total: int) -> str:
    """The heading a claim reported by ``n`` of ``total`` outlets sits under."""
    if n >= total:
        return "Both outlets report" if total == 2 else f"Everyone reports (all {total} outlets)"
    if n == 1:
        return "Only one outlet"
    return "Most outlets report" if n > total / 2 else "Some outlets report"


def _matrix(event: Event, claims: Sequence[Claim], docs: list[Document], index: ReportIndex) -> list[dict[str, Any]]:
    """Claims by how many outlets carry them, grouped under "everyone reports" ... "only one outlet"."""
    cut = dict(event.cut_off)
    total = len(event.articles)
    tiers: list[dict[str, Any]] = []
    for claim in sorted(claims, key=lambda c: -len(c.reported_by)):
        n = len(claim.reported_by)
        if not tiers or tiers[-1]["title"] != _tier(n, total):
            tiers.append({"title": _tier(n, total), "rows": []})
        wordings = [(index.outlets[d.id].name, " ".join(d.sentences[i].text for i in dict(claim.sentences)[d.id]
                                                          if i < len(d.sentences)))
                    for d in docs if d.id in claim.reported_by] if n > 1 else []
        tiers[-1]["rows"].append({"claim": claim, "n": n, "wordings": wordings,
                                  "cells": [_cell(claim, d, index, cut) for d in docs]})
    for tier in tiers:
        tier["title"] += f" · {len(tier['rows'])} claim{'s' * (len(tier['rows']) != 1)}"
    return tiers


def _omissions(event: Event, docs: list[Document], index: ReportIndex) -> list[dict[str, Any]]:
    """What each outlet left out, as the claims' sentences, the most widely reported first."""
    by_id = {c.id: c for c in event.claims}
    gaps, cut = dict(event.omissions), dict(event.cut_off)
    out = []
    for d in docs:
        ids = cut.get(d.id) if d.id in cut else gaps.get(d.id, ())
        claims = sorted((by_id[c] for c in ids or () if c in by_id), key=lambda c: -len(c.reported_by))
        out.append({"name": index.outlets[d.id].name, "cut_off": d.id in cut,
                    "claims": [(shorten(c.text, WORDING_CHARS), len(c.reported_by)) for c in claims]})
    return out


def _conflicts(pairs: Pairs, docs: list[Document], index: ReportIndex) -> tuple[list[dict[str, Any]], int]:
    """Facts the outlets disagree on inside one matched claim (numbers, dates, who said it): one
    entry per disagreement, each side with its value, the outlets that give it and a sentence;
    and how many more there are past :data:`MAX_CONFLICTS`.

    The report's alignments carry no word edits, so the name substitutions ``compare`` finds in
    edits are left out here (on the dev corpus most of them were spellings: Qa'ida / Qaida).
    """
    found: dict[tuple[str, frozenset[str]], dict[str, dict[str, Any]]] = {}
    seen: dict[tuple[str, str], tuple[Conflict, ...]] = {}  # wire copies repeat whole pairs of texts
    for x, y in combinations(docs, 2):
        left, right = (x, y) if (x.id, y.id) in pairs else (y, x)
        for al in pairs.get((left.id, right.id), ()):
            text_a, text_b = _join(left, al.a), _join(right, al.b)
            if not al.conflicts and (text_a, text_b) not in seen:
                seen[text_a, text_b] = find_conflicts(text_a, text_b, context_a=context_before(left, al.a),
                                                      context_b=context_before(right, al.b))
            for c in al.conflicts or seen[text_a, text_b]:
                sides = found.setdefault((c.kind, frozenset((c.a, c.b))), {})
                for value, doc, text in ((c.a, left, text_a), (c.b, right, text_b)):
                    side = sides.setdefault(value, {"value": value, "names": [], "text": text})
                    if index.outlets[doc.id].name not in side["names"]:
                        side["names"].append(index.outlets[doc.id].name)
    forget_texts()
    out = [{"kind": CONFLICT_KINDS.get(kind, kind), "sides": list(sides.values())} for (kind, _), sides in found.items()]
    return out[:MAX_CONFLICTS], max(0, len(out) - MAX_CONFLICTS)


def _join(doc: Document, indices: Sequence[int]) -> str:
    """Some sentences of an article as one text."""
    return " ".join(doc.sentences[i].text for i in indices if i < len(doc.sentences))


def _pair_alignments(pairs: Pairs, a: str, b: str) -> tuple[Alignment, ...]:
    """The alignments of A with B, seen from A (the report keeps each pair once, in one order)."""
    if (a, b) in pairs:
        return pairs[(a, b)]
    return tuple(Alignment(a=al.b, b=al.a, relation=al.relation, score=al.score) for al in pairs.get((b, a), ()))


def _entity_first(keys: list[str]) -> list[str]:
    """Frame keys with the entity frames (named, called on, blamed) before the topical ones."""
    return sorted(keys, key=lambda k: "(" not in k)


def _frame(frames: Sequence[FrameResult], key: str) -> FrameResult | None:
    return next((f for f in frames if frame_key(f) == key), None)


def _own_voice(frame: FrameResult | None) -> bool:
    return frame is not None and frame.present and any(e.voice == "outlet" for e in frame.evidence)


def _split(key: str, docs: list[Document], index: ReportIndex) -> tuple[list[Document], list[Document], tuple[str, str]]:
    """The outlets on each side of a frame, and the sides' names: those that carry it and those
    that do not; for attribution carried by all, those that blame in their own voice and those
    that only report someone who does."""
    frames = {d.id: _frame(index.frames[d.id], key) for d in docs}
    have = [d for d in docs if (f := frames[d.id]) is not None and f.present]
    lack = [d for d in docs if (f := frames[d.id]) is not None and not f.present]
    if key.startswith("attributes_to_entity(") and have and not lack:
        return ([d for d in have if _own_voice(frames[d.id])], [d for d in have if not _own_voice(frames[d.id])],
                ("In its own voice", "Only through people it reports"))
    return have, lack, ("Carry it", "Do not")


def _differences(pairs: Pairs, docs: list[Document], index: ReportIndex) -> list[dict[str, Any]]:
    """One entry per frame the outlets split on: which outlets are on each side, and the
    difference between the clearest example of each side, with both outlets' evidence."""
    out = []
    for key in _entity_first(index.names):
        have, lack, (have_label, lack_label) = _split(key, docs, index)
        if not have or not lack:
            continue
        yes = max(have, key=lambda d: (_frame(index.frames[d.id], key).score, -docs.index(d)))  # type: ignore[union-attr]
        no = lack[0]
        fa, fb = _frame(index.frames[yes.id], key), _frame(index.frames[no.id], key)
        diffs = frame_differences([fa], [fb], index.outlets[yes.id].name, index.outlets[no.id].name,  # type: ignore[list-item]
                                  _pair_alignments(pairs, yes.id, no.id))
        if diffs:
            out.append({"label": index.labels.get(key, key), "diff": diffs[0], "yes": index.outlets[yes.id].name,
                        "no": index.outlets[no.id].name, "sides": [(have_label, [index.outlets[d.id].name for d in have]),
                                  (lack_label, [index.outlets[d.id].name for d in lack])]})
    return out


def _frames_matrix(docs: list[Document], index: ReportIndex) -> list[dict[str, Any]]:
    """Frames (in words) by outlet: own voice, only through others, or not found; evidence as tooltips."""
    rows = []
    for key in _entity_first(index.names):
        cells = []
        for d in docs:
            f = _frame(index.frames[d.id], key)
            css = "none" if f is None or not f.present else "own" if _own_voice(f) else "via"
            quote = f" “{shorten(f.evidence[0].text, WORDING_CHARS)}”" if f is not None and f.present and f.evidence else ""
            cells.append({"css": css, "mark": FRAME_MARKS[css][0],
                          "title": f"{index.outlets[d.id].name}: {FRAME_MARKS[css][1]}{quote}"})
        if any(c["css"] != "none" for c in cells):
            rows.append({"label": index.labels.get(key, key), "cells": cells})
    return rows


def event_context(report: CorpusReport, event: Event, index: ReportIndex, corpus: Counter[str],
                  pairs: Pairs | None = None) -> dict[str, Any]:
    """What an event page shows. A very large event shows its first :data:`PAGE_ARTICLES`
    articles and most reported :data:`PAGE_CLAIMS` claims, so that no page grows as articles x
    claims into tens of MB; the page says what it left out.

    Args:
        report: the corpus report.
        event: the event of this page.
        index: the report's lookup tables.
        corpus: articles per outlet group in the whole corpus (for blindspots).
        pairs: the pairwise alignments of this event's articles, when ``index.links`` holds
            this event's alone (the report written event by event); None: the report's.
    """
    pairs = report.pair_alignments if pairs is None else pairs
    carried = Counter(a for c in event.claims for a in c.reported_by)
    docs = _ordered([index.docs[a] for a in event.articles[:PAGE_ARTICLES]], index, carried)
    claims = page_claims(event)
    conflicts, more_conflicts = _conflicts(pairs, docs, index)
    copies = [_copy_edits(index.docs[group[0]], index.docs[b], index)
              for group in wire_groups([d.id for d in docs], report.syndicated, index) for b in group[1:]]
    dates = sorted(d.article.date for d in docs if d.article.date)
    tiers = _matrix(event, claims, docs, index)
    used = {c["css"] for tier in tiers for row in tier["rows"] for c in row["cells"]} | {"no"}
    return {"event": event, "docs": docs, "outlets": index.outlets, "colours": index.colours,
            "cards": _cards(event, docs, index, carried), "coverage": coverage(event.articles, index),
            "blindspots": blindspots(event.articles, index, corpus), "dates": (dates[0], dates[-1]) if dates else None,
            "conflicts": conflicts, "more_conflicts": more_conflicts, "tiers": tiers,
            "omissions": _omissions(event, docs, index), "diffs": _differences(pairs, docs, index),
            "frame_rows": _frames_matrix(docs, index), "copies": copies, "frame_marks": FRAME_MARKS,
            "marks": {css: mark for css, mark in MARKS.items() if css in used},  # the legend: the marks used
            "shared": sum(len(c.reported_by) > 1 for c in event.claims), "safe_url": safe_url,
            "hidden_articles": len(event.articles) - len(docs), "hidden_claims": len(event.claims) - len(claims)}
