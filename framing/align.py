"""Align: match the claims (sentences) of two articles.

Every sentence pair is scored by meaning and by wording: the encoder's cosine similarity plus the
IDF-weighted share of content words (numbers, names, quoted words) the two sentences have in
common, a name of several words counting as one word and a figure the other article never gives
counting neither way (see :func:`lexical_overlap`). Matching then runs in two steps:

1. an assignment step (Hungarian algorithm, the same pairs as scipy's ``linear_sum_assignment``
   without importing scipy) pairs each sentence with at most one counterpart,
   keeping pairs whose score reaches ``threshold``;
2. a merge step attaches every further pair above ``threshold`` that scores nearly as well as
   the sentence's best counterpart to the alignment of that sentence, so an outlet that merges two claims into one sentence (or splits one) gives a
   one-to-many (or many-to-one) alignment;
3. a rescue step (:func:`rescue`) links two sentences left unlinked that score below
   ``threshold`` but are each other's clear best counterpart: a paraphrase that shares few words
   ("3,200 nurses began a strike" / "4,000 nurses walked out") scores low in absolute terms yet far
   above anything else either sentence could be paired with.

An optional rescorer (``framing.rescore``: a cross-encoder) first revises the scores of the
pairs near the threshold. Whatever is left is a coverage gap, except where the other article is
cut off before the point where the claim would come (``possibly_cut_off``). Every step is
symmetric: aligning B with A gives the mirror image.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np

from framing.segment import is_headline
from framing.types import Alignment, Document, Relation

# Function words carry no claim; they are left out of the lexical overlap.
STOPWORDS = frozenset(
    """a an the of and or to in on at for by with from as is are was were be been being has have
    had that this these those it its their they them both two sides side also which who whom said
    says say will would shall should can could may might must into under over than such other all
    any not no nor but if so very more most there here he she his her we our us i you your""".split()
)
HEDGES = frozenset("about around roughly nearly almost some approximately least".split())  # a hedge shares no claim
_NOT_TERMS = STOPWORDS | HEDGES
LEXICAL_WEIGHT = 0.6  # how much shared content words add to the cosine similarity
THRESHOLD = 0.5  # score (0..1) from which two sentences report the same claim, at least in part
MERGE_MARGIN = 0.15  # a further counterpart must score within this of the sentence's best
SAME_THRESHOLD = 0.75  # score from which a one-to-one pair is the same claim, not a partial one
QUOTE_SCORE = 0.6  # the least score of two sentences that quote one statement (see shared_quotes)
QUOTE_WORDS = 5  # words a quotation needs to identify a statement
QUOTE_SHARE = 0.6  # share of the shorter quotation's words the other must repeat
RESCUE_FLOOR = 0.3  # least score of a pair the rescue step links (see rescue)
RESCUE_GAP = 0.14  # how far it must stand above every other counterpart of either sentence


class Rescorer(Protocol):
    """Revises a score matrix (see ``framing.rescore.CrossEncoderRescorer``)."""

    def rescore(self, scores: np.ndarray, a: Sequence[str], b: Sequence[str], *, threshold: float) -> np.ndarray: ...


@dataclass(frozen=True)
class AlignmentResult:
    """Alignments plus the sentences left over on each side."""

    alignments: tuple[Alignment, ...]
    only_in_a: tuple[int, ...]
    only_in_b: tuple[int, ...]
    cut_off_a: tuple[int, ...]
    cut_off_b: tuple[int, ...]
    scores: np.ndarray


def content_words(text: str) -> list[str]:
    """Lower-cased content words, crudely stemmed (first six letters), numbers kept whole."""
    words = re.findall(r"[a-z0-9]+(?:[-/][a-z0-9]+)*", text.lower())
    return [w if w[0].isdigit() else w[:6] for w in words if w not in STOPWORDS]


def lexical_overlap(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """IDF-weighted share of content words two sentences have in common, (len(a), len(b)).

    The IDF comes from the two articles' own sentences, so words that every sentence of this
    story repeats ("India", "terrorism") count less than the distinctive ones. A name of several
    words counts as much as one word ("Energy Safety Authority" is one thing named, not three
    things shared). A number the other article gives nowhere does not count against a pair: a
    different figure for one fact is a disagreement inside one claim (``framing.conflicts``),
    not a sign of two claims; a number the other article gives elsewhere counts as a word.
    Computed as products of term-weight matrices (``b`` in blocks), not sentence pair by pair.
    """
    terms_a, terms_b = [_terms(s) for s in a], [_terms(s) for s in b]
    vocab: dict[str, int] = {}
    for terms in terms_a + terms_b:
        for term in terms:
            vocab.setdefault(term, len(vocab))
    numeric = np.array([t[0].isdigit() for t in vocab], dtype=bool)
    w_a = _weights(terms_a, vocab)
    df_a = (w_a > 0).sum(axis=0)
    df_b = sum(((_weights(terms_b[k : k + OVERLAP_BLOCK], vocab) > 0).sum(axis=0)
                for k in range(0, len(terms_b), OVERLAP_BLOCK)), np.zeros(len(vocab)))
    idf = np.log((len(terms_a) + len(terms_b) + 1) / (df_a + df_b + 0.5))
    mass_a = w_a @ np.where(~numeric | (df_b > 0), idf, 0.0)  # a number B never gives: no mass
    root_a = np.sqrt(w_a, out=w_a)
    root_a *= idf
    out = np.zeros((len(a), len(b)), dtype=np.float32)
    for k in range(0, len(terms_b), OVERLAP_BLOCK):
        w_b = _weights(terms_b[k : k + OVERLAP_BLOCK], vocab)
        mass_b = w_b @ np.where(~numeric | (df_a > 0), idf, 0.0)
        floor = np.minimum.outer(mass_a, mass_b)
        out[:, k : k + len(w_b)] = (root_a @ np.sqrt(w_b, out=w_b).T) / np.where(floor == 0, 1.0, floor)
    return out


OVERLAP_BLOCK = 256  # sentences of ``b`` whose term weights are held at once
_NAME_RUN = re.compile(r"[A-Z][\w’'&.-]*(?:\s+(?:(?:of|and|for|the|de|la|van|von)\s+)?[A-Z][\w’'&.-]*)+")
_TERM = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|[a-z0-9]+(?:[-/][a-z0-9]+)*")
TITLE_CASE_SHARE = 0.6  # a capitalised run this share of a sentence's words is a title-case headline, not a name


@lru_cache(maxsize=65_536)
def _terms(text: str) -> dict[str, float]:
    """A sentence's content words (stemmed as :func:`content_words` does) and whole numbers
    ("3,200" -> "3200"), each with its weight: 1, or 1/k for a word of a k-word name."""
    terms: dict[str, float] = {}
    total = max(1, len(text.split()))
    for run in _NAME_RUN.finditer(text):
        words = [t for t in _stems(run.group()) if not t[0].isdigit()]
        if len(words) > 1 and len(run.group().split()) < TITLE_CASE_SHARE * total:
            terms.update({w: min(terms.get(w, 1.0), 1.0 / len(words)) for w in words})
    return {t: terms.get(t, 1.0) for t in _stems(text)}


def _stems(text: str) -> list[str]:
    """Content words of ``text`` stemmed to six letters, numbers whole without their commas."""
    words = _TERM.findall(text.lower())
    return [w.replace(",", "") if w[0].isdigit() else w[:6] for w in words if w not in _NOT_TERMS]


def _weights(terms: Sequence[dict[str, float]], vocab: dict[str, int]) -> np.ndarray:
    """A (len(terms), len(vocab)) matrix of each sentence's term weights (0: absent)."""
    out = np.zeros((len(terms), len(vocab)))
    rows = [r for r, bag in enumerate(terms) for _ in bag]
    out[rows, [vocab[t] for bag in terms for t in bag]] = [w for bag in terms for w in bag.values()]
    return out


def score_matrix(emb_a: np.ndarray, emb_b: np.ndarray, a: Sequence[str], b: Sequence[str], *,
                 rescorer: Rescorer | None = None, threshold: float = THRESHOLD) -> np.ndarray:
    """Pair scores in [0, 1]: cosine similarity plus weighted lexical overlap, rescaled; then, with
    a ``rescorer``, the pairs near ``threshold`` revised by it."""
    cosine = np.clip(emb_a @ emb_b.T, 0.0, 1.0)
    scores = (cosine + LEXICAL_WEIGHT * lexical_overlap(a, b)) / (1.0 + LEXICAL_WEIGHT)
    for i, j in shared_quotes(a, b):
        scores[i, j] = max(scores[i, j], QUOTE_SCORE)
    return rescorer.rescore(scores, a, b, threshold=threshold) if rescorer is not None else scores


_QUOTE = re.compile(r"[“\"]([^”\"]+)[”\"]")


def quoted_words(text: str, least: int = QUOTE_WORDS) -> frozenset[str]:
    """The words a sentence quotes, lower-case (empty when it quotes fewer than ``least``)."""
    words = [w for q in _QUOTE.findall(text) for w in re.findall(r"[\w’']+", q.lower())]
    return frozenset(words) if len(words) >= least else frozenset()


def shared_quotes(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs of sentences that quote one statement: the shorter quotation's words, at least
    QUOTE_SHARE of them, recur in the other's. Outlets that attribute one quote to different
    people, or wrap it in different reporting clauses, still report the same statement (and the
    pair's speakers can then be compared), however little the rest of the two sentences shares."""
    qa = [(i, q) for i, q in enumerate(map(quoted_words, a)) if q]
    qb = [(j, q) for j, q in enumerate(map(quoted_words, b)) if q]
    return [(i, j) for i, x in qa for j, y in qb if len(x & y) >= QUOTE_SHARE * min(len(x), len(y))]


def match(
    scores: np.ndarray, *, threshold: float = THRESHOLD, margin: float = MERGE_MARGIN
) -> list[tuple[int, int]]:
    """The linked (a, b) pairs: the assignment step, then the merge step.

    The merge step adds a pair above ``threshold`` only if it is within ``margin`` of the best
    score of its row or of its column: a second counterpart must be about as good as the first.
    """
    if scores.size == 0:
        return []
    links = {(i, j) for i, j in assignment(scores) if scores[i, j] >= threshold}
    best_a, best_b = scores.max(axis=1), scores.max(axis=0)
    for i, j in zip(*np.nonzero(scores >= threshold), strict=True):
        if scores[i, j] >= min(best_a[i], best_b[j]) - margin:
            links.add((int(i), int(j)))
    return sorted(links)


def rescue(scores: np.ndarray, links: Sequence[tuple[int, int]], *, floor: float = RESCUE_FLOOR,
           gap: float = RESCUE_GAP) -> list[tuple[int, int]]:
    """Further (a, b) pairs of sentences that ``links`` leaves unlinked and that are each other's
    clear best counterpart: the pair scores at least ``floor`` and at least ``gap`` more than any
    other pair of its row and of its column. A relative threshold: it needs competitors, so both
    articles must have two sentences or more. The pairs are one-to-one and between unlinked
    sentences only, so the alignments ``links`` makes are left as they are.
    """
    if min(scores.shape, default=0) < 2:
        return []
    runner_a = np.sort(scores, axis=1)[:, -2]  # each row's second-best score
    runner_b = np.sort(scores, axis=0)[-2, :]
    linked_a, linked_b = {i for i, _ in links}, {j for _, j in links}
    out = []
    for i, j in zip(*np.nonzero(scores >= floor), strict=True):
        if i in linked_a or j in linked_b or scores[i, j] < max(scores[i].max(), scores[:, j].max()):
            continue
        if scores[i, j] - max(runner_a[i], runner_b[j]) >= gap:
            out.append((int(i), int(j)))
    return out


def assignment(scores: np.ndarray) -> list[tuple[int, int]]:
    """The one-to-one (row, column) pairs of largest total score, as many as the shorter side.

    The shortest augmenting path algorithm (Crouse 2016) as scipy's ``linear_sum_assignment``
    implements it, down to the order it visits columns and breaks ties in, so the pairs are
    scipy's; a few small numpy steps per row instead of importing ``scipy.optimize``.

    Raises:
        ValueError: ``scores`` holds NaN or infinite values.
    """
    cost = -np.asarray(scores, dtype=np.float64)
    if not np.isfinite(cost).all():
        raise ValueError("assignment: scores must be finite")
    transpose = cost.shape[1] < cost.shape[0]
    cost = cost.T if transpose else cost
    u, v = np.zeros(cost.shape[0]), np.zeros(cost.shape[1])
    col4row = np.full(cost.shape[0], -1)
    row4col = np.full(cost.shape[1], -1)
    for row in range(cost.shape[0]):
        sink, lowest, path, costs, seen_rows, seen_cols = _augmenting_path(cost, u, v, row4col, row)
        u[row] += lowest
        others = np.nonzero(seen_rows & (np.arange(len(u)) != row))[0]
        u[others] += lowest - costs[col4row[others]]
        v[seen_cols] -= lowest - costs[seen_cols]
        j = sink
        while True:  # augment along the path back to this row
            i = path[j]
            row4col[j] = i
            col4row[i], j = j, col4row[i]
            if i == row:
                break
    pairs = [(i, int(col4row[i])) for i in range(len(col4row))]
    return sorted((j, i) for i, j in pairs) if transpose else pairs


def _augmenting_path(cost: np.ndarray, u: np.ndarray, v: np.ndarray, row4col: np.ndarray,
                     i: int) -> tuple[int, float, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Dijkstra from row ``i`` to a free column over reduced costs (scipy's visiting order)."""
    remaining = np.arange(cost.shape[1] - 1, -1, -1)
    left = len(remaining)
    seen_rows = np.zeros(cost.shape[0], dtype=bool)
    seen_cols = np.zeros(cost.shape[1], dtype=bool)
    costs = np.full(cost.shape[1], np.inf)
    path = np.full(cost.shape[1], -1)
    lowest = 0.0
    while True:
        seen_rows[i] = True
        rem = remaining[:left]
        reduced = lowest + cost[i, rem] - u[i] - v[rem]
        values = costs[rem]
        better = reduced < values
        path[rem[better]] = i
        values = np.where(better, reduced, values)
        costs[rem] = values
        lowest = float(values.min())
        ties = np.flatnonzero(values == lowest)
        free = ties[row4col[rem[ties]] == -1]
        index = int(free[-1] if len(free) else ties[0])  # prefer a free column, as scipy does
        j = int(rem[index])
        seen_cols[j] = True
        left -= 1
        remaining[index] = remaining[left]
        if row4col[j] == -1:
            return j, lowest, path, costs, seen_rows, seen_cols
        i = int(row4col[j])


def group(links: Sequence[tuple[int, int]], scores: np.ndarray) -> list[Alignment]:
    """Links grouped into one-to-one, one-to-many and many-to-one alignments.

    A connected group with one sentence on either side is one alignment. A tangle with several
    on both sides is split into stars: the sentence with the most links (then the strongest)
    takes all its links as one alignment, and so on with the links left. Both rules look at
    the links only, not at which article is A, so aligning B with A gives the mirror image.
    """
    by_a: dict[int, set[int]] = defaultdict(set)
    by_b: dict[int, set[int]] = defaultdict(set)
    for i, j in links:
        by_a[i].add(j)
        by_b[j].add(i)
    out = []
    for comp_a, comp_b in _components(by_a, by_b):
        if len(comp_a) == 1 or len(comp_b) == 1:
            out.append(_alignment(sorted(comp_a), sorted(comp_b), scores))
        else:
            out.extend(_stars({(i, j) for i in comp_a for j in by_a[i]}, scores))
    return sorted(out, key=lambda al: (al.a[0], al.b[0]))


def _stars(tangle: set[tuple[int, int]], scores: np.ndarray) -> list[Alignment]:
    """A tangle's links as one-to-many and many-to-one alignments, the busiest sentence first."""
    out = []
    while tangle:
        stars: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
        for i, j in sorted(tangle):
            stars[(0, i)].append((i, j))
            stars[(1, j)].append((i, j))

        def strength(item: tuple[tuple[int, int], list[tuple[int, int]]]) -> tuple[int, float]:
            return len(item[1]), sum(sorted(float(scores[i, j]) for i, j in item[1]))

        _, star = max(stars.items(), key=strength)
        tangle -= set(star)
        out.append(_alignment(sorted({i for i, _ in star}), sorted({j for _, j in star}), scores))
    return out


def _components(
    by_a: dict[int, set[int]], by_b: dict[int, set[int]]
) -> list[tuple[set[int], set[int]]]:
    """Connected components of the bipartite link graph."""
    seen_a: set[int] = set()
    comps = []
    for start in sorted(by_a):
        if start in seen_a:
            continue
        comp_a, comp_b, todo = {start}, set[int](), [("a", start)]
        while todo:
            side, node = todo.pop()
            for other in (by_a if side == "a" else by_b)[node]:
                target, kind = (comp_b, "b") if side == "a" else (comp_a, "a")
                if other not in target:
                    target.add(other)
                    todo.append((kind, other))
        seen_a |= comp_a
        comps.append((comp_a, comp_b))
    return comps


def _alignment(a: list[int], b: list[int], scores: np.ndarray) -> Alignment:
    """One alignment; ``same`` only for a confident one-to-one pair."""
    score = float(max(scores[i, j] for i in a for j in b))
    one_to_one = len(a) == 1 and len(b) == 1
    relation: Relation = "same" if one_to_one and score >= SAME_THRESHOLD else "partial"
    return Alignment(a=tuple(a), b=tuple(b), relation=relation, score=round(score, 4))


def cut_off_gaps(unmatched: Sequence[int], links: Sequence[tuple[int, int]], other: Document) -> set[int]:
    """Unmatched sentences that the other article, being cut off, may simply not have reached.

    The other article's last part is matched to sentences of this one; this one's unmatched
    sentences after the last of those would have come after the other article's end.
    """
    if not other.cut_off or not other.sentences:
        return set()
    tail_start = len(other.sentences) // 2
    reached = [mine for mine, theirs in links if theirs >= tail_start]
    horizon = max(reached) if reached else max((m for m, _ in links), default=-1)
    return {i for i in unmatched if i > horizon}


def align(a: Document, b: Document, emb_a: np.ndarray, emb_b: np.ndarray, *, threshold: float = THRESHOLD,
          rescorer: Rescorer | None = None) -> AlignmentResult:
    """Align two segmented articles given their sentence embeddings.

    Args:
        a: the first article.
        b: the second article.
        emb_a: unit-norm embeddings of ``a``'s sentences, one row each.
        emb_b: the same for ``b``.
        threshold: the score (0..1) from which two sentences are linked.
        rescorer: revises the scores near ``threshold`` (a cross-encoder), or None.
    """
    texts_a = [s.text for s in a.sentences]
    texts_b = [s.text for s in b.sentences]
    scores = score_matrix(emb_a, emb_b, texts_a, texts_b, rescorer=rescorer, threshold=threshold) if (
        texts_a and texts_b) else np.zeros((len(texts_a), len(texts_b)), dtype=np.float32)
    links = match(scores, threshold=threshold)
    links = sorted(links + rescue(scores, links))
    unmatched_a = sorted(set(range(len(texts_a))) - {i for i, _ in links})
    unmatched_b = sorted(set(range(len(texts_b))) - {j for _, j in links})
    cut_a = cut_off_gaps(unmatched_a, links, b)
    cut_b = cut_off_gaps(unmatched_b, [(j, i) for i, j in links], a)
    return AlignmentResult(  # a headline unmatched is a title, not a claim the other left out
        alignments=tuple(group(links, scores)),
        only_in_a=tuple(i for i in unmatched_a if i not in cut_a and not is_headline(a, i)),
        only_in_b=tuple(j for j in unmatched_b if j not in cut_b and not is_headline(b, j)),
        cut_off_a=tuple(sorted(cut_a)),
        cut_off_b=tuple(sorted(cut_b)),
        scores=scores,
    )
