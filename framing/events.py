"""Events: group articles by the event they cover, and find wire copies.

An event is a connected group of articles linked pairwise. Two articles are linked when their
words are close (TF-IDF of content words) and the signals news carries agree: the meeting
ordinals they lead with ("the 21st meeting of the Joint Working Group", "7th Designations
Dialogue"), and their dates. Articles that lead with different ordinals of the same kind of
meeting, or whose dates lie far apart, are never linked, however similar their words.

In a large corpus candidate pairs come from blocking (a shared lead ordinal, a shared rare term,
a shared run of words for wire copies), and a large block is chained rather than compared all
against all: events and wire groups are connected sets, so a chain joins them. Time grows about
linearly with the corpus (``benchmarks/bench_events.py``).

Wire copies (``syndicated_with``) are articles whose sentences are mostly the same text,
verbatim or lightly edited: the share of one article's sentences that have a near-identical
sentence (character similarity) in the other.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from framing.align import content_words

from framing.types import Document

WORD_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), 1)}
_ORDINAL = re.compile(
    r"\b(\d{1,3})(?:st|nd|rd|th)\b|\b(" + "|".join(WORD_ORDINALS) + r")\b", re.IGNORECASE)
# What an ordinal counts: the kind of meeting named in the words after it.
KINDS = (
    ("quad", re.compile(r"\bquad\b", re.I)),
    ("2+2", re.compile(r"2\s*\+\s*2", re.I)),
    ("designations", re.compile(r"designation|nomination", re.I)),
    ("working_group", re.compile(r"working\s+group|\bc?t?jwg\b", re.I)),
    ("dialogue", re.compile(r"dialogue", re.I)),
    ("summit", re.compile(r"summit", re.I)),
)
LEAD_SENTENCES = 4  # ordinals in the headline and first sentences say which meeting it is
LINK_SIMILARITY = 0.25  # TF-IDF similarity that links two articles with no shared ordinal
ATTACH_SIMILARITY = 0.12  # mean similarity to an anchored event that an article needs to join it
BLOCK_TERMS = 8  # an article's rarest terms used as blocking keys in a large corpus
MAX_BLOCK = 200  # holders of one term sampled when attaching an article in a large corpus
ATTACH_ROUNDS = 3
EXACT_BELOW = 2000  # corpora (or subsets) smaller than this are compared all against all
WINDOW = 20  # in a large corpus, an article is compared with the next this many of each block
IDF_PRIOR = 10  # pseudo-articles that share no word: keeps IDF sane in a corpus of two
MAX_DAYS_APART = 45
SYNDICATION_EXACT = 50  # events this large compare only articles that share a run of words
SHINGLE = 6  # a shared run of this many words suggests a common source
SAMPLE = 4  # one run in this many is kept as a blocking key
SYNDICATION_SHARE = 0.5  # share of sentences that must be near-identical for a wire copy
NEAR_IDENTICAL = 85  # character similarity (0-100) of two sentences of the same wire text


@dataclass(frozen=True)
class Signals:
    """What an article says about which event it covers."""

    lead: frozenset[tuple[str, int]]
    day: date | None


def ordinals(text: str) -> set[tuple[str, int]]:
    """(kind, number) of every meeting ordinal in ``text``: "the 21st meeting of the JWG"."""
    found = set()
    for match in _ORDINAL.finditer(text):
        number = int(match.group(1)) if match.group(1) else WORD_ORDINALS[match.group(2).lower()]
        window = text[match.end() : match.end() + 140]
        window = re.split(r"[.;]\s|\band\b|\bheld\b|\d(?:st|nd|rd|th)\b", window)[0]
        hits = [(m.start(), kind) for kind, pattern in KINDS for m in [pattern.search(window)] if m]
        if hits:
            found.add((min(hits)[1], number))
    return found


def parse_date(value: str | None) -> date | None:
    """An article date (YYYY-MM-DD or YYYY-MM) as a date, else None."""
    if not value:
        return None
    match = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    if not match:
        return None
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 15)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def signals(doc: Document) -> Signals:
    """The event signals of one article."""
    lead = " ".join(s.text for s in doc.sentences[:LEAD_SENTENCES])
    return Signals(frozenset(ordinals(lead)), parse_date(doc.article.date))


def candidate_pairs(sims: sparse.csr_matrix, sigs: Sequence[Signals], *, subset: Sequence[int], exact_below: int = EXACT_BELOW) -> set[tuple[int, int]]:
    """Pairs of ``subset`` worth comparing: all of a small set, blocked pairs of a large one.

    Blocks: a shared lead ordinal (ordered by date), or a shared rare word (one of each
    article's highest-weighted terms); each member is paired with the next ``WINDOW`` of its
    block, so that a large corpus is not compared all against all.
    """
    members = list(subset)
    if len(members) <= exact_below:
        return {(a, b) for k, a in enumerate(members) for b in members[k + 1 :]}
    blocks: dict[object, list[int]] = defaultdict(list)
    ordinal_blocks: dict[object, list[int]] = defaultdict(list)
    for i in members:
        for key in sigs[i].lead:
            ordinal_blocks[key].append(i)
        for col in _top_terms(sims, i):
            blocks[("term", col)].append(i)
    pairs: set[tuple[int, int]] = set()
    for block in blocks.values():
        pairs.update(_window_pairs(block))
    for block in ordinal_blocks.values():
        block.sort(key=lambda i: (sigs[i].day or date.min, i))
        pairs.update(_window_pairs(block))
    return pairs


def _window_pairs(block: Sequence[int]) -> set[tuple[int, int]]:
    """Each member of a block paired with the ``WINDOW`` members after it: linear in its size.

    Events are connected sets, so a large block of one event is joined by the chain of these
    pairs without comparing all its members with each other.
    """
    return {(min(a, b), max(a, b)) for k, a in enumerate(block) for b in block[k + 1 : k + 1 + WINDOW]}


def tfidf_matrix(docs: Sequence[Document]) -> sparse.csr_matrix:
    """Unit-norm TF-IDF rows of content words (names, numbers, places weigh most: they are rare)."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    bags = [Counter(content_words(d.article.text)) for d in docs]
    df = Counter(w for bag in bags for w in bag)
    n = len(docs)
    for r, bag in enumerate(bags):
        for word, count in bag.items():
            rows.append(r)
            cols.append(vocab.setdefault(word, len(vocab)))
            vals.append((1 + math.log(count)) * math.log((n + 1 + IDF_PRIOR) / (df[word] + 0.5)))
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(n, max(len(vocab), 1)), dtype=np.float32)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1))).ravel()
    return sparse.csr_matrix(sparse.diags(1 / np.where(norms == 0, 1, norms)) @ matrix)


def _date_conflict(a: Signals, b: Signals) -> bool:
    """Whether two articles are dated too far apart to cover one event."""
    return bool(a.day and b.day and abs((a.day - b.day).days) > MAX_DAYS_APART)


def _joins(a: Signals, b: Signals) -> bool:
    """Whether two anchored articles lead with the same meeting (and are dated close)."""
    return bool(a.lead & b.lead) and not _date_conflict(a, b)


def group_events(docs: Sequence[Document], *, exact_below: int = EXACT_BELOW) -> list[list[int]]:
    """Events as lists of article positions, each article in exactly one event.

    Articles that lead with a meeting ordinal anchor the events (shared ordinal, dates close);
    every other article joins the event holding its most similar article, if similar enough
    and not dated far from it, else groups with other unanchored articles it is close to.
    """
    sigs = [signals(d) for d in docs]
    sims = tfidf_matrix(docs)
    uf = _UnionFind(len(docs))
    anchored = [i for i, s in enumerate(sigs) if s.lead]
    for i, j in sorted(candidate_pairs(sims, sigs, subset=anchored, exact_below=exact_below)):
        if _joins(sigs[i], sigs[j]):
            uf.union(i, j)
    placed = list(anchored)
    loose = [i for i, s in enumerate(sigs) if not s.lead]
    for _ in range(ATTACH_ROUNDS):  # a reaction may resemble another reaction before the report
        joined = _attach_all(loose, placed, sims, sigs, uf, exact_below=exact_below)
        if not joined:
            break
        placed += joined
        loose = sorted(set(loose) - set(joined))
    pairs = sorted(candidate_pairs(sims, sigs, subset=loose, exact_below=exact_below))
    for (i, j), sim in zip(pairs, pair_similarity(sims, pairs), strict=True):
        if sim >= LINK_SIMILARITY and not _date_conflict(sigs[i], sigs[j]):
            uf.union(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        groups[uf.find(i)].append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def pair_similarity(sims: sparse.csr_matrix, pairs: Sequence[tuple[int, int]] | np.ndarray) -> np.ndarray:
    """Cosine similarity of many (i, j) pairs of TF-IDF rows."""
    arr = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    return _row_dots(sims, arr[:, 0], sims, arr[:, 1])


def _row_dots(a: sparse.csr_matrix, rows_a: np.ndarray, b: sparse.csr_matrix, rows_b: np.ndarray,
              chunk: int = 50_000) -> np.ndarray:
    """Dot products of row ``rows_a[k]`` of ``a`` with row ``rows_b[k]`` of ``b``, in chunks."""
    out = np.zeros(len(rows_a), dtype=np.float32)
    for start in range(0, len(rows_a), chunk):
        ia, ib = rows_a[start : start + chunk], rows_b[start : start + chunk]
        if len(ia):
            out[start : start + len(ia)] = np.asarray(a[ia].multiply(b[ib]).sum(axis=1)).ravel()
    return out


def _attach_all(loose: Sequence[int], placed: Sequence[int], sims: sparse.csr_matrix,
                sigs: Sequence[Signals], uf: _UnionFind, *, exact_below: int) -> list[int]:
    """Join each unanchored article to the event holding its most similar placed article.

    The event must be close on average too (the article's similarity to the event's centroid is
    its mean similarity to the event's articles), and no article of it dated far from this one.
    Placed articles are candidates if they share one of the loose article's rarest terms, or
    all of them in a small corpus.
    """
    if not placed or not loose:
        return []
    roots = np.array([uf.find(m) for m in placed])
    keys, label = np.unique(roots, return_inverse=True)
    counts = np.bincount(label)
    member = sparse.csr_matrix((1 / counts[label], (label, np.arange(len(placed)))), shape=(len(keys), len(placed)))
    centroids = sparse.csr_matrix(member @ sims[list(placed)])
    days: dict[int, list[date]] = defaultdict(list)
    for pos, m in enumerate(placed):
        if sigs[m].day:
            days[int(label[pos])].append(sigs[m].day)
    span = {k: (min(d), max(d)) for k, d in days.items()}
    i_arr, p_arr = _attach_candidates(loose, placed, sims, exact_below=exact_below)
    if not len(i_arr):
        return []
    top_sim = pair_similarity(sims, np.column_stack([i_arr, np.asarray(placed)[p_arr]]))
    # the best similarity of each (loose article, event) pair
    ev = label[p_arr]
    order = np.lexsort((-top_sim, ev, i_arr))
    i_arr, ev, top_sim = i_arr[order], ev[order], top_sim[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (i_arr[1:] != i_arr[:-1]) | (ev[1:] != ev[:-1])
    i_arr, ev, top_sim = i_arr[first], ev[first], top_sim[first]
    keep = top_sim >= LINK_SIMILARITY
    i_arr, ev, top_sim = i_arr[keep], ev[keep], top_sim[keep]
    mean = _row_dots(sims, i_arr, centroids, ev)
    best: dict[int, tuple[float, int]] = {}
    for i, k, top, avg in zip(i_arr.tolist(), ev.tolist(), top_sim.tolist(), mean.tolist(), strict=True):
        day = sigs[i].day
        if avg < ATTACH_SIMILARITY or (day and k in span and (
                (day - span[k][0]).days > MAX_DAYS_APART or (span[k][1] - day).days > MAX_DAYS_APART)):
            continue
        if i not in best or top > best[i][0]:
            best[i] = (top, k)
    for i, (_, k) in best.items():
        uf.union(i, int(keys[k]))
    return sorted(best)


def _attach_candidates(loose: Sequence[int], placed: Sequence[int], sims: sparse.csr_matrix,
                       *, exact_below: int) -> tuple[np.ndarray, np.ndarray]:
    """(loose article, position in ``placed``) pairs worth comparing, as two arrays.

    Every pair in a small corpus; in a large one, the placed articles that contain one of the
    loose article's ``BLOCK_TERMS`` highest-weighted terms that placed articles have (at most
    ``MAX_BLOCK`` of them per term, evenly sampled).
    """
    if len(loose) * len(placed) <= exact_below**2:
        grid = np.indices((len(loose), len(placed))).reshape(2, -1)
        return np.asarray(loose)[grid[0]], grid[1]
    postings = sims[list(placed)].tocsc()
    sizes = np.diff(postings.indptr)
    out_i, out_p = [], []
    for i in loose:
        start, end = sims.indptr[i], sims.indptr[i + 1]
        cols, vals = sims.indices[start:end], sims.data[start:end]
        usable = sizes[cols] > 0
        keys = cols[usable][np.argsort(-vals[usable])[:BLOCK_TERMS]]
        held = [postings.indices[postings.indptr[c] : postings.indptr[c + 1]] for c in keys]
        held = [h[:: -(-len(h) // MAX_BLOCK)] for h in held]  # an even sample of a common term's holders
        found = np.unique(np.concatenate(held or [np.zeros(0, dtype=np.int32)]))
        out_i.append(np.full(len(found), i, dtype=np.int64))
        out_p.append(found.astype(np.int64))
    return np.concatenate(out_i), np.concatenate(out_p)


def _top_terms(sims: sparse.csr_matrix, i: int) -> list[int]:
    """The ``BLOCK_TERMS`` highest-weighted terms of article ``i``: its blocking keys."""
    start, end = sims.indptr[i], sims.indptr[i + 1]
    cols, vals = sims.indices[start:end], sims.data[start:end]
    return cols[np.argsort(-vals)[:BLOCK_TERMS]].tolist()


class _UnionFind:
    """Disjoint sets over 0..n-1."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)

def copied_share(a: Document, b: Document) -> float:
    """Share of the shorter article's sentences that stand near-identically in the other."""
    ta, tb = [s.text for s in a.sentences], [s.text for s in b.sentences]
    if not ta or not tb:
        return 0.0
    short, other = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    best = process.cdist(short, other, scorer=fuzz.ratio, workers=1).max(axis=1)
    return float((best >= NEAR_IDENTICAL).mean())


def syndication(docs: Sequence[Document], events: Sequence[Sequence[int]], *,
                exact_below: int = SYNDICATION_EXACT) -> list[list[int]]:
    """Wire groups: sets of two or more articles of one event that copy the same wire text.

    Copies of copies count: the groups are the connected sets of pairwise copy links, so a pair
    already in one group is not compared again. An event of ``exact_below`` articles or more
    compares only articles that share a run of words.
    """
    uf = _UnionFind(len(docs))
    for event in events:
        pairs = ((a, b) for k, a in enumerate(event) for b in event[k + 1 :]) if len(event) < exact_below \
            else _shared_text_pairs(docs, event)
        for i, j in pairs:
            if uf.find(i) != uf.find(j) and copied_share(docs[i], docs[j]) >= SYNDICATION_SHARE:
                uf.union(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        groups[uf.find(i)].append(i)
    return sorted(g for g in groups.values() if len(g) > 1)


def _shared_text_pairs(docs: Sequence[Document], event: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs of the event's articles that share a run of ``SHINGLE`` words.

    Only runs whose hash falls in one bucket of ``SAMPLE`` are kept (the same runs in every
    article, so shared text still shares kept runs). Each article is paired with the next
    ``WINDOW`` articles holding the same run, which is enough to join a wire group however many
    outlets copied it: groups are connected sets.
    """
    holders: dict[str, list[int]] = defaultdict(list)
    for d in event:
        words = re.findall(r"\w+", doc_text(docs[d]).lower())
        runs = {" ".join(words[k : k + SHINGLE]) for k in range(len(words) - SHINGLE + 1)}
        for run in runs:
            if zlib.crc32(run.encode()) % SAMPLE == 0:
                holders[run].append(d)
    pairs = set()
    for held in {tuple(h) for h in holders.values() if len(h) > 1}:  # runs of one text share holders
        pairs.update(_window_pairs(held))
    return sorted(pairs)


def doc_text(doc: Document) -> str:
    """The article's sentences joined: the text the wire-copy check compares."""
    return " ".join(s.text for s in doc.sentences)
