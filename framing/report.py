"""Report: a whole corpus grouped by event, wire copies found, outlets compared.

``build_report`` runs the pipeline: the per-article stages in batches (``framing.batch``), then
events, wire copies and the alignment of each event's articles;
``framing.output.report_html`` writes it as JSON, CSV, Parquet and HTML.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from framing.align import Rescorer, align, content_words, match, score_matrix
from framing.batch import analyse
from framing.cache import ResultCache
from framing.compare import FrameOptions, embed_documents
from framing.events import group_events
from framing.headlines import LABEL_CHARS, headline, is_boilerplate, shorten, strip_furniture
from framing.models import Encoder
from framing.segment import is_headline
from framing.types import Alignment, Article, Claim, Document, Event, FrameResult
from framing.wires import WireGroups, copied_share, syndication

log = logging.getLogger(__name__)

MAX_PARTNERS = 12  # each article is aligned with at most this many others of its event
Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class CorpusReport:
    """Everything ``framing report`` shows."""

    docs: Sequence[Document]  # a tuple, or from the local engine compact (``framing.batch.CompactDocs``)
    frames: Sequence[tuple[FrameResult, ...]]
    events: tuple[Event, ...]
    event_of: dict[str, str]
    syndicated: Mapping[str, tuple[str, ...]]
    pair_alignments: dict[tuple[str, str], tuple[Alignment, ...]] = field(default_factory=dict)
    copied: dict[tuple[str, str], float] = field(default_factory=dict)  # wire copies: share of shared text
    reused: int = 0  # articles whose per-article results came from the cache

    def doc(self, ident: str) -> Document:
        """The document with this id."""
        return self.docs[self._positions()[ident]]

    def frames_of(self, ident: str) -> tuple[FrameResult, ...]:
        """The frames of one article."""
        return self.frames[self._positions()[ident]]

    def event_pairs(self, event: Event) -> dict[tuple[str, str], tuple[Alignment, ...]]:
        """The pairwise alignments of one event's articles (from ``pair_alignments``)."""
        if "_pairs" not in self.__dict__:
            object.__setattr__(self, "_pairs", defaultdict(dict))
            for key, value in self.pair_alignments.items():
                self.__dict__["_pairs"][self.event_of.get(key[0])][key] = value
        return dict(self.__dict__["_pairs"].get(event.id, {}))

    def _positions(self) -> dict[str, int]:
        """Each article's position by id (built on first use: an index, not a scan per call)."""
        if "_at" not in self.__dict__:
            object.__setattr__(self, "_at", {})
            ids = self.docs.ids if hasattr(self.docs, "ids") else [d.id for d in self.docs]
            for k, ident in enumerate(ids):
                self.__dict__["_at"].setdefault(ident, k)
        return self.__dict__["_at"]


def _claims(members: Sequence[int], docs: Mapping[int, Document], vectors: Mapping[int, np.ndarray],
            pairs_out: MutableMapping[tuple[str, str], tuple[Alignment, ...]],
            rescorer: Rescorer | None = None) -> list[list[tuple[int, int]]]:
    """Claim clusters of one event, as (doc position, sentence index) lists.

    Articles are taken longest first; each sentence joins the claim whose first sentence it
    matches (the aligner's assignment and merge steps against the claims' representatives),
    or starts a claim of its own. Matching against representatives, not against every member,
    keeps loose partial links from chaining unrelated claims together. Pairwise alignments
    (for the CSV export) are kept for the first ``MAX_PARTNERS`` partners of each article.
    """
    order = sorted(members, key=lambda d: (-len(docs[d].sentences), d))
    claims: list[list[tuple[int, int]]] = []
    reps: list[tuple[str, np.ndarray]] = []
    for d in order:
        texts = [s.text for s in docs[d].sentences]
        if not texts:
            continue
        if reps:
            scores = score_matrix(vectors[d], np.stack([v for _, v in reps]), texts, [t for t, _ in reps],
                                  rescorer=rescorer)
            links = match(scores)
        else:
            links = []
        linked = {i for i, _ in links}
        for i, k in links:
            claims[k].append((d, i))
        for i, text in enumerate(texts):
            if i not in linked and not is_boilerplate(text):  # datelines, credits: no claim
                claims.append([(d, i)])
                reps.append((text, vectors[d][i]))
    for pos, i in enumerate(members):
        for j in members[pos + 1 : pos + 1 + MAX_PARTNERS]:
            pairs_out[(docs[i].id, docs[j].id)] = align(docs[i], docs[j], vectors[i], vectors[j],
                                                         rescorer=rescorer).alignments
    multi = [c for c in claims if len({d for d, _ in c}) > 1]
    return multi + [c for c in claims if len({d for d, _ in c}) == 1]


def _event(number: int, members: Sequence[int], docs: Mapping[int, Document], vectors: Mapping[int, np.ndarray],
           pairs_out: MutableMapping[tuple[str, str], tuple[Alignment, ...]], rescorer: Rescorer | None = None) -> Event:
    """One event: its claims (most widely reported first) and each article's omissions."""
    clusters = sorted(_claims(members, docs, vectors, pairs_out, rescorer), key=lambda g: (-len({d for d, _ in g}), min(g)))
    claims, titles = [], set()  # titles: claims made of headlines only, which no one "left out"
    for k, group in enumerate(clusters, 1):
        if all(is_headline(docs[d], i) for d, i in group):
            titles.add(f"c{k}")
        by_doc: dict[int, list[int]] = defaultdict(list)
        for d, s in group:
            by_doc[d].append(s)
        first_doc = min(by_doc, key=lambda d: (-len(docs[d].sentences), d))
        text = strip_furniture(docs[first_doc].sentences[min(by_doc[first_doc])].text)
        claims.append(Claim(id=f"c{k}", text=text, sentences=tuple(
            (docs[d].id, tuple(sorted(s))) for d, s in sorted(by_doc.items()))))
    omissions, cut = [], []
    for d in members:
        missing = [c.id for c in claims if docs[d].id not in c.reported_by and c.id not in titles
                   and len(c.reported_by) >= min(2, len(members) - 1)]
        (cut if docs[d].cut_off else omissions).append((docs[d].id, tuple(missing)))
    return Event(id=f"e{number}", label=_label(members, docs), articles=tuple(docs[d].id for d in members),
                 claims=tuple(claims), omissions=tuple(omissions), cut_off=tuple(cut))


def _label(members: Sequence[int], docs: Mapping[int, Document]) -> str:
    """A readable event label: the most representative headline (or lede clause), and the month.

    Each article offers its title, else the first clause of its lede, with datelines, wire
    credits and page furniture removed (:func:`headline`). An offer scores by the words it shares
    with the other offers (one outlet's odd angle does not name the event) times how well the
    other articles' texts corroborate its words (the mean share of them that use each word): a
    headline with one side's loaded words ("fury", "victory") or a disputed figure ("four dead"
    where the others say three) gives way to one whose words every outlet uses.
    """
    offers = [(d, h) for d in members if (h := headline(docs[d]))]
    if not offers:
        return docs[members[0]].id
    texts = {d: set(content_words(docs[d].article.text)) for d in members}
    bags = [set(content_words(h)) for _, h in offers]
    counts = Counter(w for bag in bags for w in bag)

    def score(k: int) -> float:
        others = [texts[o] for o in members if o != offers[k][0]]
        if not bags[k]:
            return 0.0
        shared = sum(counts[w] - 1 for w in bags[k]) / (1 + len(bags[k])) ** 0.5
        told = sum(sum(w in t for t in others) for w in bags[k]) / (len(bags[k]) * len(others)) if others else 1.0
        return (1 + shared) * told

    best = max(range(len(offers)), key=lambda k: (score(k), -k))
    dates = sorted(date for d in members if (date := docs[d].article.date))
    return shorten(offers[best][1], LABEL_CHARS) + (f" ({dates[0][:7]})" if dates else "")


class ReportSink(Protocol):
    """What takes a report as it is built (``framing.output.report_stream.ReportWriter``)."""

    def start(self, report: CorpusReport) -> None:
        """The articles, their frames, events and wire copies, before any event's claims."""

    def alignments(self, event: str, articles: Sequence[str]) -> MutableMapping[tuple[str, str], tuple[Alignment, ...]]:
        """Where an event's pairwise alignments go as they are made (they may be written at
        once and only some kept)."""

    def event(self, event: Event, pairs: MutableMapping[tuple[str, str], tuple[Alignment, ...]]) -> None:
        """One finished event, with what :meth:`alignments` gave for it."""


def build_report(articles: Sequence[Article], *, encoder: Encoder, options: FrameOptions,
                 cache: ResultCache | None = None, progress: Progress | None = None,
                 batch_progress: bool = False, rescorer: Rescorer | None = None,
                 sink: ReportSink | None = None) -> CorpusReport:
    """Run the whole corpus pipeline.

    Args:
        articles: the corpus.
        encoder: the sentence encoder.
        options: entities, user frames, classifier and inventory for the frame detector.
        cache: the per-article result cache (a re-run reuses unchanged articles; None: none).
        progress: called with (stage, count) as the corpus-level stages advance ("reused": articles
            taken from the cache, "grouped": events found, "events": one more event done).
        batch_progress: show the per-article batches' progress bar on stderr.
        rescorer: revises uncertain sentence-pair scores in claims and alignments (a cross-encoder).
        sink: takes each event with its pairwise alignments as soon as it is done (the report is
            written event by event); the alignments are then not kept, so the returned report's
            ``pair_alignments`` is empty and memory does not grow with them. None: all are kept.
    """
    tick = progress or (lambda stage, n: None)
    analysis = analyse(articles, encoder=encoder, options=options, cache=cache, progress=batch_progress)
    docs = analysis.docs
    tick("reused", analysis.reused)
    groups = group_events(docs)
    tick("grouped", len(groups))  # the number of events: the total of the "events" stage
    base = _corpus(docs, analysis.frames, groups, analysis.reused)
    if sink is not None:
        sink.start(base)
    kept: dict[tuple[str, str], tuple[Alignment, ...]] = {}
    events = []
    for number, members in enumerate(groups, 1):
        local = {d: docs[d] for d in members}  # the event's documents, rebuilt once
        vectors = dict(zip(members, embed_documents(list(local.values()), encoder), strict=True))
        pairs: MutableMapping[tuple[str, str], tuple[Alignment, ...]] = {}
        if sink is not None:
            pairs = sink.alignments(f"e{number}", [local[d].id for d in members])
        events.append(_event(number, members, local, vectors, pairs, rescorer))
        del local, vectors  # an event's documents and sentence vectors are not needed past it
        if sink is not None:
            sink.event(events[-1], pairs)
        else:
            kept.update(pairs)
        tick("events", 1)
    return replace(base, events=tuple(events), pair_alignments=kept)


def _corpus(docs: Sequence[Document], frames: Sequence[tuple[FrameResult, ...]], groups: Sequence[Sequence[int]],
            reused: int) -> CorpusReport:
    """The report before its events' claims: articles, frames, each article's event, wire copies."""
    copies = syndication(docs, groups)
    ids = docs.ids if hasattr(docs, "ids") else [d.id for d in docs]  # compact documents: without rebuilding them
    event_of = {ids[d]: f"e{number}" for number, members in enumerate(groups, 1) for d in members}
    synd = WireGroups(ids, copies)  # partners on access: not the square of a large wire group
    copied = {(ids[i], ids[j]): round(copied_share(docs[i], docs[j]), 4)
              for group in copies if len(group) <= MAX_PARTNERS for k, i in enumerate(group) for j in group[k + 1 :]}
    return CorpusReport(docs=docs, frames=frames, events=(), event_of=event_of, syndicated=synd,
                        copied=copied, reused=reused)
