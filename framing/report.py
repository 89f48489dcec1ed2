"""Report: a whole corpus grouped by event, wire copies found, outlets compared.

``build_report`` runs the pipeline: the per-article stages in batches (``framing.batch``), then
events, wire copies and the alignment of each event's articles;
``framing.output.report_html`` writes it as JSON, CSV, Parquet and HTML.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from framing.align import Rescorer, align, content_words, match, score_matrix
from framing.batch import analyse
from framing.cache import ResultCache
from framing.compare import FrameOptions, embed_documents
from framing.events import group_events
from framing.headlines import LABEL_CHARS, headline, is_boilerplate, shorten, strip_furniture
from framing.models import Encoder
from framing.types import Alignment, Article, Claim, Document, Event, FrameResult
from framing.wires import copied_share, syndication

log = logging.getLogger(__name__)

MAX_PARTNERS = 12  # each article is aligned with at most this many others of its event
Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class CorpusReport:
    """Everything ``framing report`` shows."""

    docs: tuple[Document, ...]
    frames: tuple[tuple[FrameResult, ...], ...]
    events: tuple[Event, ...]
    event_of: dict[str, str]
    syndicated: dict[str, tuple[str, ...]]
    pair_alignments: dict[tuple[str, str], tuple[Alignment, ...]] = field(default_factory=dict)
    copied: dict[tuple[str, str], float] = field(default_factory=dict)  # wire copies: share of shared text
    reused: int = 0  # articles whose per-article results came from the cache

    def doc(self, ident: str) -> Document:
        """The document with this id."""
        return next(d for d in self.docs if d.id == ident)

    def frames_of(self, ident: str) -> tuple[FrameResult, ...]:
        """The frames of one article."""
        return self.frames[[d.id for d in self.docs].index(ident)]


def _claims(members: Sequence[int], docs: Sequence[Document], vectors: Mapping[int, np.ndarray],
            pairs_out: dict[tuple[str, str], tuple[Alignment, ...]],
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


def _event(number: int, members: Sequence[int], docs: Sequence[Document], vectors: Mapping[int, np.ndarray],
           pairs_out: dict[tuple[str, str], tuple[Alignment, ...]], rescorer: Rescorer | None = None) -> Event:
    """One event: its claims (most widely reported first) and each article's omissions."""
    clusters = sorted(_claims(members, docs, vectors, pairs_out, rescorer), key=lambda g: (-len({d for d, _ in g}), min(g)))
    claims = []
    for k, group in enumerate(clusters, 1):
        by_doc: dict[int, list[int]] = defaultdict(list)
        for d, s in group:
            by_doc[d].append(s)
        first_doc = min(by_doc, key=lambda d: (-len(docs[d].sentences), d))
        text = strip_furniture(docs[first_doc].sentences[min(by_doc[first_doc])].text)
        claims.append(Claim(id=f"c{k}", text=text, sentences=tuple(
            (docs[d].id, tuple(sorted(s))) for d, s in sorted(by_doc.items()))))
    omissions, cut = [], []
    for d in members:
        missing = [c.id for c in claims if docs[d].id not in c.reported_by and len(c.reported_by) >= min(2, len(members) - 1)]
        (cut if docs[d].cut_off else omissions).append((docs[d].id, tuple(missing)))
    return Event(id=f"e{number}", label=_label(members, docs), articles=tuple(docs[d].id for d in members),
                 claims=tuple(claims), omissions=tuple(omissions), cut_off=tuple(cut))


def _label(members: Sequence[int], docs: Sequence[Document]) -> str:
    """A readable event label: the most representative headline (or lede clause), and the month.

    Each article offers its title, else the first clause of its lede, with datelines, wire
    credits and page furniture removed (:func:`headline`); the label is the offer that shares
    most content words with the others' offers, so one outlet's odd angle does not name the event.
    """
    offers = [h for h in (headline(docs[d]) for d in members) if h]
    if not offers:
        return docs[members[0]].id
    bags = [set(content_words(h)) for h in offers]
    counts = Counter(w for bag in bags for w in bag)
    best = max(range(len(offers)), key=lambda k: (sum(counts[w] - 1 for w in bags[k]) / (1 + len(bags[k])) ** 0.5, -k))
    dates = sorted(docs[d].article.date for d in members if docs[d].article.date)
    return shorten(offers[best], LABEL_CHARS) + (f" ({dates[0][:7]})" if dates else "")


def build_report(articles: Sequence[Article], *, encoder: Encoder, options: FrameOptions,
                 cache: ResultCache | None = None, progress: Progress | None = None,
                 batch_progress: bool = False, rescorer: Rescorer | None = None) -> CorpusReport:
    """Run the whole corpus pipeline.

    Args:
        articles: the corpus.
        encoder: the sentence encoder.
        options: entities, user frames, classifier and inventory for the frame detector.
        cache: the per-article result cache (a re-run reuses unchanged articles; None: none).
        progress: called with (stage, count) as the corpus-level stages advance.
        batch_progress: show the per-article batches' progress bar on stderr.
        rescorer: revises uncertain sentence-pair scores in claims and alignments (a cross-encoder).
    """
    tick = progress or (lambda stage, n: None)
    analysis = analyse(articles, encoder=encoder, options=options, cache=cache, progress=batch_progress)
    docs = analysis.docs
    tick("reused", analysis.reused)
    groups = group_events(docs)
    copies = syndication(docs, groups)
    pairs: dict[tuple[str, str], tuple[Alignment, ...]] = {}
    events = []
    for number, members in enumerate(groups, 1):
        vectors = dict(zip(members, embed_documents([docs[d] for d in members], encoder), strict=True))
        events.append(_event(number, members, docs, vectors, pairs, rescorer))
        tick("events", 1)
    event_of = {a: e.id for e in events for a in e.articles}
    synd = {docs[i].id: tuple(docs[j].id for j in group if j != i) for group in copies for i in group}
    copied = {(docs[i].id, docs[j].id): round(copied_share(docs[i], docs[j]), 4)
              for group in copies if len(group) <= MAX_PARTNERS for k, i in enumerate(group) for j in group[k + 1 :]}
    return CorpusReport(docs=tuple(docs), frames=analysis.frames, events=tuple(events), event_of=event_of,
                        syndicated=synd, pair_alignments=pairs, copied=copied, reused=analysis.reused)
