"""What every page of a report looks up, computed once: documents, frames and outlets by id,
frame labels in words, outlet groups and their colours, and which sentences were aligned."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from framing.outlets import UNKNOWN, OutletBook
from framing.output.claims import safe_url  # noqa: F401 - the report pages import it from here
from framing.report import CorpusReport
from framing.types import Alignment, Document, FrameResult, Outlet

# Okabe-Ito: told apart by colour-blind readers too; groups past these share OTHER_COLOUR.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C6D31", "#332288", "#999933")
OTHER_COLOUR = "#7f7f7f"
UNKNOWN_COLOUR = "#c8c8c8"

SHORT = {
    "names_entity": "Names {e}",
    "calls_on_entity": "Reports a call on {e} to act",
    "attributes_to_entity": "Blames {e} or ties harm to {e}",
    "highlights_omission": "Remarks that {e} went unnamed",
    "veiled_reference": "Veiled reference to {e}",
}

# One alignment seen from one sentence: (other article, its sentences, relation, score).
Link = tuple[str, frozenset[int], str, float]


@dataclass(frozen=True)
class ReportIndex:
    """The lookup tables of a report (scanning the corpus once per event grows as n^2)."""

    docs: Mapping[str, Document]
    frames: Mapping[str, tuple[FrameResult, ...]]
    names: list[str]  # frame keys present in some article, in a stable order
    labels: dict[str, str]  # frame key -> label in words
    outlets: dict[str, Outlet]  # article id -> outlet
    groups: list[str]  # outlet groups, most articles first, the unknown group last
    colours: dict[str, str]  # group -> colour
    links: dict[tuple[str, int], list[Link]]  # (article, sentence) -> its alignments


def frame_key(frame: FrameResult) -> str:
    """A frame's key in the report's tables (internal: never shown to readers)."""
    return f"{frame.frame}({frame.entity})" if frame.entity else frame.frame


def frame_label(frame: FrameResult) -> str:
    """A frame's name in words: "Names Pakistan", "Economic", a user frame's label."""
    if frame.frame in SHORT and frame.entity:
        return SHORT[frame.frame].format(e=frame.entity)
    if frame.label:
        return frame.label
    words = frame.frame.replace("_", " ").strip()
    return (words[:1].upper() + words[1:] + (f" ({frame.entity})" if frame.entity else "")) or frame.frame


def build_index(report: CorpusReport, book: OutletBook, *, links: bool = True) -> ReportIndex:
    """The lookup tables of a report, with outlets resolved by ``book`` (and without the links of
    its alignments when ``links`` is False: an event's page then gets its own).

    Documents and frames are looked up by id through the report (which may keep them compact);
    :func:`event_index` gives one event's page its own, rebuilt once."""
    names: dict[str, None] = {}
    labels: dict[str, str] = {}
    for fs in report.frames:
        for f in fs:
            if f.present:
                names[frame_key(f)] = None
                labels.setdefault(frame_key(f), frame_label(f))
    outlets = {d.id: book.outlet(d.article) for d in report.docs}
    counts = Counter(o.group for o in outlets.values())
    groups = sorted(counts, key=lambda g: (g == UNKNOWN, -counts[g], g))
    return ReportIndex(docs=ById(report, "docs"), frames=ById(report, "frames"), names=list(names), labels=labels,
                       outlets=outlets, groups=groups, colours=group_colours(groups),
                       links=links_of(report.pair_alignments) if links else {})


class ById(Mapping[str, Any]):
    """A report's documents or frames by article id (each looked up by position on access)."""

    def __init__(self, report: CorpusReport, part: str) -> None:
        self.report, self.part = report, part

    def __getitem__(self, ident: str) -> Any:
        return self.report.doc(ident) if self.part == "docs" else self.report.frames_of(ident)

    def __iter__(self) -> Iterator[str]:
        return iter(self.report._positions())

    def __len__(self) -> int:
        return len(self.report._positions())


def event_index(index: ReportIndex, ids: Iterable[str], pairs: Mapping[tuple[str, str], tuple[Alignment, ...]]) -> ReportIndex:
    """The lookup tables of one event's page: its articles' documents and frames rebuilt once,
    and the links of its alignments alone."""
    ids = list(dict.fromkeys(ids))
    return replace(index, docs={a: index.docs[a] for a in ids}, frames={a: index.frames[a] for a in ids},
                   links=links_of(pairs))


def group_colours(groups: list[str]) -> dict[str, str]:
    """A colour per group: the first ones distinct, the rest grey; the unknown group light grey."""
    known = [g for g in groups if g != UNKNOWN]
    colours = {g: PALETTE[k] if k < len(PALETTE) else OTHER_COLOUR for k, g in enumerate(known)}
    colours[UNKNOWN] = UNKNOWN_COLOUR
    return colours


def links_of(pairs: Mapping[tuple[str, str], tuple[Alignment, ...]]) -> dict[tuple[str, int], list[Link]]:
    """Some pairwise alignments (an event's, when the report is written event by event),
    each reachable from every sentence it covers."""
    links: dict[tuple[str, int], list[Link]] = defaultdict(list)
    for (a, b), alignments in pairs.items():
        for al in alignments:
            side_a, side_b = frozenset(al.a), frozenset(al.b)
            for i in al.a:
                links[(a, i)].append((b, side_b, al.relation, al.score))
            for j in al.b:
                links[(b, j)].append((a, side_a, al.relation, al.score))
    return links


def outlet_label(index: ReportIndex, doc_id: str) -> str:
    """An outlet's name as readers see it."""
    return index.outlets[doc_id].name


def coverage(ids: list[str] | tuple[str, ...], index: ReportIndex) -> list[dict[str, object]]:
    """The coverage bar of some articles: per outlet group, its count, share and colour."""
    counts = Counter(index.outlets[a].group for a in ids)
    total = max(1, len(ids))
    return [{"group": g, "n": counts[g], "pct": round(100 * counts[g] / total, 1), "colour": index.colours[g]}
            for g in index.groups if counts[g]]


def blindspots(ids: list[str] | tuple[str, ...], index: ReportIndex, corpus: Counter[str]) -> list[str]:
    """Outlet groups that cover the corpus (2+ articles) but not this event of 3+ articles."""
    if len(ids) < 3:
        return []
    here = {index.outlets[a].group for a in ids}
    countries = {o.country for o in index.outlets.values()}
    return [f"No outlet {_of(g, countries)} covered this event ({corpus[g]} articles of this corpus are)."
            for g in index.groups if g != UNKNOWN and g not in here and corpus[g] >= 2]


def _of(group: str, countries: set[str | None]) -> str:
    """"from India" for a country, "in the group “left”" for a user's group."""
    return f"from {group}" if group in countries else f"in the group “{group}”"
