"""Wire copies: articles that run the same wire (or press-agency) text, lightly edited.

Two articles are copies when a long passage of the same words, in the same order, makes up a
large part of the shorter one's own text. Words inside quotation marks (in either article) are
quoted, not copied: outlets that quote one long statement are two reports, not one text. An
article that says it gives the text of a statement ("The following is the text of ...", "Begin
text:") is that statement, quoted in full, so outlets reprinting or building a report on it are
not wire copies of each other. The measure is word runs of at least ``RUN`` words (shingles); a
copy must also hold one passage of at least ``LONG_PASSAGE`` words, so that scattered stock
phrases never add up to a copy.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from framing.types import Document

RUN = 6  # words in a row that count as a shared passage (shorter runs are stock phrases)
LONG_PASSAGE = 10  # a copy holds at least one shared passage this long (a clause or more)
COPY_SHARE = 0.33  # share of the shorter article's own (unquoted) words in shared passages, in order
SYNDICATION_EXACT = 50  # events this large compare only articles that share a run of words
SAMPLE = 4  # one run in this many is kept as a blocking key
WINDOW = 10  # in a large event, an article is compared with the next this many holding a run
_WORD = re.compile(r"\w+")
_OPEN, _CLOSE, _BOTH = "“«„", "”»", '"'
_STATEMENT_TEXT = re.compile(
    r"\b(?:the\s+following\s+is\s+the\s+(?:full\s+)?text|(?:full\s+)?text\s+of\s+the\s+following|"
    r"begin\s+text\b|text\s+follows\b|full\s+text\s+of\s+[^.:]{1,80}:)", re.IGNORECASE)
NEAR_IDENTICAL = 85  # character similarity (0-100) of two sentences of one text, lightly edited
STATEMENT_SENTENCES = 3  # a statement reprint says so in its first sentences


@dataclass(frozen=True)
class Words:
    """An article's words (lower case) and which of them stand inside quotation marks."""

    words: tuple[str, ...]
    quoted: tuple[bool, ...]


@dataclass(frozen=True)
class Overlap:
    """What two articles share, measured on the one with fewer words of its own (unquoted).

    ``share``: its own words in shared passages; ``in_order``: in passages that stand in the
    same order in both (a copy keeps the wire story's structure; a report written from the same
    material rearranges it); ``longest``: the longest shared passage, in words.
    """

    share: float
    in_order: float
    longest: int

    @property
    def is_copy(self) -> bool:
        """Whether the shared passages make one article a copy of the other's text."""
        return self.in_order >= COPY_SHARE and self.longest >= LONG_PASSAGE


def article_words(doc: Document) -> Words:
    """The words of the article's sentences, each marked quoted or not.

    Quotation marks are followed line by line (a news paragraph that continues a quote opens it
    again). A statement reprint is quoted throughout.
    """
    reprint = is_statement_text(doc)
    words: list[str] = []
    quoted: list[bool] = []
    inside, end = False, 0
    for sentence in doc.sentences:
        if "\n" in doc.article.text[end : sentence.start]:
            inside = False  # a new paragraph
        end = sentence.end
        for piece in re.split(r"([“”«»„\"])", sentence.text):
            if not piece:
                continue
            if piece in _OPEN or (piece == _BOTH and not inside):
                inside = True
            elif piece in _CLOSE or piece == _BOTH:
                inside = False
            else:
                found = _WORD.findall(piece.lower())
                words.extend(found)
                quoted.extend([inside or reprint] * len(found))
    return Words(tuple(words), tuple(quoted))


def is_statement_text(doc: Document) -> bool:
    """Whether the article says that it gives the text of a statement (in its first sentences)."""
    return any(_STATEMENT_TEXT.search(s.text) for s in doc.sentences[:STATEMENT_SENTENCES])


@dataclass(frozen=True)
class Shingles:
    """An article's runs of ``RUN`` words, hashed; which of them hold no quoted word; and how
    many of its words are its own (unquoted)."""

    hashes: np.ndarray
    free: np.ndarray
    own: int

    @cached_property
    def keys(self) -> np.ndarray:
        """The free runs' distinct hashes, sorted (8 bytes each: not a set of Python ints)."""
        return np.unique(self.hashes[self.free])

    @cached_property
    def repeat(self) -> int:
        """How often the most repeated free run occurs."""
        free = self.hashes[self.free]
        return int(np.unique(free, return_counts=True)[1].max()) if len(free) else 0


def could_copy(sa: Shingles, sb: Shingles) -> bool:
    """A cheap bound: whether the runs the two share could make a copy at all (each shared run
    covers at most ``RUN`` words of the shorter article per occurrence)."""
    if sa.own > sb.own:
        sa, sb = sb, sa
    shared = len(np.intersect1d(sa.keys, sb.keys, assume_unique=True))
    return shared >= LONG_PASSAGE - RUN + 1 and RUN * shared * sa.repeat >= COPY_SHARE * sa.own


def shingles(doc: Document) -> Shingles:
    """The runs of ``RUN`` words of an article, hashed (see :class:`Shingles`).

    Each word is hashed once (CRC-32, the same in every process) and a run's hash is a
    polynomial of its words' hashes (arithmetic modulo 2**64).
    """
    w = article_words(doc)
    n = max(len(w.words) - RUN + 1, 0)
    quoted = np.asarray(w.quoted, dtype=np.int64)
    own = int(len(quoted) - quoted.sum())
    if not n:
        return Shingles(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool), own)
    codes = np.fromiter((zlib.crc32(x.encode()) for x in w.words), dtype=np.uint64, count=len(w.words))
    hashes = np.zeros(n, dtype=np.uint64)
    for k in range(RUN):
        hashes = hashes * np.uint64(1_000_003) + codes[k : k + n]
    free = np.convolve(quoted, np.ones(RUN, dtype=np.int64), mode="valid") == 0
    return Shingles(hashes.view(np.int64), free, own)


def overlap(a: Document, b: Document, source: np.ndarray | None = None) -> Overlap:
    """The passages two articles share outside quotations and outside ``source`` (hashed runs of
    ``RUN`` words of a statement both may reproduce: :func:`statement_runs`)."""
    return shingle_overlap(without(shingles(a), source), without(shingles(b), source))


def without(s: Shingles, source: np.ndarray | None) -> Shingles:
    """The shingles with the runs of ``source`` no longer free (the statement's, not the article's)."""
    if source is None or not len(source):
        return s
    return Shingles(s.hashes, s.free & ~np.isin(s.hashes, source), s.own)


def shingle_overlap(sa: Shingles, sb: Shingles) -> Overlap:
    """:func:`overlap` of two articles' shingles, measured on the one with fewer own words."""
    if sa.own > sb.own:
        sa, sb = sb, sa
    fa, fb = sa.free, sb.free
    if sa.own == 0 or not fa.any() or not fb.any():
        return Overlap(0.0, 0.0, 0)
    pb = np.flatnonzero(fb)
    order = np.argsort(sb.hashes[pb], kind="stable")
    sorted_b = sb.hashes[pb][order]
    idx = np.minimum(np.searchsorted(sorted_b, sa.hashes), len(sorted_b) - 1)
    hits = np.flatnonzero(fa & (sorted_b[idx] == sa.hashes))
    if not len(hits):
        return Overlap(0.0, 0.0, 0)
    chosen = pb[order[idx[hits]]]
    for k in np.flatnonzero(np.diff(hits) == 1).tolist():  # prefer the place continuing a passage
        p = chosen[k] + 1
        if p < len(fb) and fb[p] and sb.hashes[p] == sa.hashes[hits[k + 1]]:
            chosen[k + 1] = p
    edge = np.zeros(len(sa.hashes) + RUN + 1, dtype=np.int64)
    np.add.at(edge, hits, 1)
    np.add.at(edge, hits + RUN, -1)
    covered = int((np.cumsum(edge) > 0).sum())
    starts = np.flatnonzero(np.r_[True, (np.diff(hits) != 1) | (np.diff(chosen) != 1)])
    lengths = np.diff(np.r_[starts, len(hits)]) + RUN - 1
    return Overlap(covered / sa.own, _in_order(chosen[starts], lengths) / sa.own, int(lengths.max()))


def _in_order(places: np.ndarray, lengths: np.ndarray) -> int:
    """Words of the heaviest chain of passages (in order in the first article) that also stand
    in order in the second: a weighted longest increasing subsequence of their places there."""
    best = np.zeros(len(places), dtype=np.int64)
    for k in range(len(places)):
        before = best[:k][places[:k] < places[k]]
        best[k] = (before.max() if len(before) else 0) + lengths[k]
    return int(best.max()) if len(best) else 0


def statement_runs(docs: Iterable[Document]) -> np.ndarray:
    """The hashed runs of ``RUN`` words of the statements among ``docs`` (articles that say they
    give a statement's text): other articles reproducing them reproduce the statement, not a wire."""
    runs = [shingles(d).hashes for d in docs if is_statement_text(d)]  # few: computed again
    return np.unique(np.concatenate(runs)) if runs else np.zeros(0, dtype=np.int64)


def near_identical_share(a: Document, b: Document) -> float:
    """Share of the shorter article's sentences that stand near-identically in the other
    (character similarity): whether two articles are, sentence by sentence, the same text."""
    from rapidfuzz import fuzz, process

    ta, tb = [s.text for s in a.sentences], [s.text for s in b.sentences]
    if not ta or not tb:
        return 0.0
    short, other = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    best = process.cdist(short, other, scorer=fuzz.ratio, workers=1).max(axis=1)
    return float((best >= NEAR_IDENTICAL).mean())


def copied_share(a: Document, b: Document) -> float:
    """Share of the shorter article's own (unquoted) words that stand in passages shared with the other."""
    return round(overlap(a, b).share, 4)


def is_copy(a: Document, b: Document) -> bool:
    """Whether the two articles run the same wire text."""
    return overlap(a, b).is_copy


def syndication(docs: Sequence[Document], events: Sequence[Sequence[int]], *,
                exact_below: int = SYNDICATION_EXACT) -> list[list[int]]:
    """Wire groups: sets of two or more articles of one event that copy the same wire text.

    Copies of copies count: the groups are the connected sets of pairwise copy links, so a pair
    already in one group is not compared again. An event of ``exact_below`` articles or more
    compares only articles that share a run of words. Runs of a statement reprinted in the
    event (:func:`statement_runs`) are the statement's, not a wire's.
    """
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for event in events:
        local = _event_shingles(docs, event)  # this event's only: dropped when it is done
        pairs = ((a, b) for k, a in enumerate(event) for b in event[k + 1 :]) if len(event) < exact_below \
            else _shared_text_pairs(event, local.__getitem__)
        for i, j in pairs:
            if find(i) != find(j) and could_copy(local[i], local[j]) and shingle_overlap(local[i], local[j]).is_copy:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        groups[find(i)].append(i)
    return sorted(g for g in groups.values() if len(g) > 1)


class WireGroups(Mapping[str, tuple[str, ...]]):
    """Each wire-copied article's partners: the other articles of its wire group, by id.

    Built on access from the groups, so memory grows with the articles, not with the square of
    a wire group's size (one wire text run by thousands of outlets).

    Args:
        ids: every article's id, by position.
        groups: the wire groups as article positions (:func:`syndication`).
    """

    def __init__(self, ids: Sequence[str], groups: Sequence[Sequence[int]]) -> None:
        self.groups = [tuple(ids[i] for i in group) for group in groups]
        self.group_of = {ident: k for k, group in enumerate(self.groups) for ident in group}

    def __getitem__(self, ident: str) -> tuple[str, ...]:
        return tuple(other for other in self.groups[self.group_of[ident]] if other != ident)

    def __iter__(self) -> Iterator[str]:
        return iter(self.group_of)

    def __len__(self) -> int:
        return len(self.group_of)


def _event_shingles(docs: Sequence[Document], event: Sequence[int]) -> dict[int, Shingles]:
    """The shingles of an event's articles, without the runs of a statement reprinted in it
    (:func:`statement_runs`); each document is rebuilt once."""
    found, statements = {}, []
    for d in event:
        doc = docs[d]
        found[d] = shingles(doc)
        if is_statement_text(doc):
            statements.append(found[d].hashes)
    source = np.unique(np.concatenate(statements)) if statements else None
    return {d: without(s, source) for d, s in found.items()}


def _shared_text_pairs(event: Sequence[int], of: Callable[[int], Shingles]) -> list[tuple[int, int]]:
    """Pairs of the event's articles that share a run of ``RUN`` words.

    Only runs whose hash falls in one bucket of ``SAMPLE`` are kept (the same runs in every
    article, so shared text still shares kept runs). Each article is paired with the next
    ``WINDOW`` articles holding the same run, which is enough to join a wire group however many
    outlets copied it: groups are connected sets.
    """
    holders: dict[int, list[int]] = defaultdict(list)
    for d in event:
        hashes = of(d).hashes
        for run in np.unique(hashes[hashes % SAMPLE == 0]).tolist():
            holders[run].append(d)
    n = max(event, default=0) + 1
    codes = array("q")  # pair (a, b) as a * n + b: 8 bytes a pair, not a tuple
    for held in {tuple(h) for h in holders.values() if len(h) > 1}:  # runs of one text share holders
        codes.extend(min(a, b) * n + max(a, b) for k, a in enumerate(held) for b in held[k + 1 : k + 1 + WINDOW])
    unique = np.unique(np.frombuffer(codes, dtype=np.int64)).tolist()
    return [(c // n, c % n) for c in unique]


def doc_text(doc: Document) -> str:
    """The article's sentences joined: the text the wire-copy check compares."""
    return " ".join(s.text for s in doc.sentences)
