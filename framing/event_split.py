"""Sibling events: one found event that is really two happenings with the same actors.

Text similarity alone cannot tell a trial's opening from its verdict months later, or a strike's
start from the deal that ends it: the names, places and background are the same. What tells them
apart, when the articles carry no dates, is how news is published: an outlet reports one
happening once. A found event in which two or more outlets each have two articles (together at
least half of it), and which can be cut in two so that no outlet has two articles on one side
(each side two or more articles from two or more outlets), covers two happenings that the same
outlets reported twice. It is cut where its sides hold together best: the cut whose similarity
across the sides is lowest against the similarity within them (an outlet with one article joins
the side it is most like).

A found event is also cut when two of its articles' own texts say they report different
happenings (days far apart by their datelines or dated ledes, different lead scores or votes:
:mod:`framing.event_evidence`), though no outlet reported it twice: its articles are clustered by
average linkage with those two, and an outlet's two articles, kept apart (:func:`evidence_cut`).

Not cut by the outlets: a group with an outlet's two articles that are copies of one text (a
wire story run twice), a cut whose sides both carry dates (the dates have decided: articles far
apart never joined, and an outlet writing twice about one happening within days is common), and
a cut whose sides are more alike across than within by more than ``MAX_CROSS_RATIO``. Only groups
of at most ``MAX_GROUP`` articles are examined, and only the orientations of the repeated
outlets' pairs are enumerated (at most ``2 ** (MAX_REPEATED - 1)``); the text evidence is
compared only inside groups of at most ``MAX_EVIDENCE_GROUP``. The cost is bounded per group and
linear in the corpus.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from urllib.parse import urlsplit

import numpy as np

from framing.event_evidence import TextEvidence, evidence_conflict
from framing.types import Article

MAX_GROUP = 16  # larger found events are left whole (an outlet writes often about a big story)
MAX_REPEATED = 6  # outlets with two articles in one group: orientations enumerated, 2 ** (this - 1)
MIN_REPEATED = 2  # outlets that must each have two articles: one outlet writing twice is common
REPEATED_SHARE = 0.5  # ... and hold this share of the group: a big story draws a few second pieces
COPY_SIMILARITY = 0.8  # an outlet's two articles this similar are one text run twice, not two reports
MAX_CROSS_RATIO = 1.3  # a cut whose sides are more alike across than within by more than this is refused
MAX_EVIDENCE_GROUP = 48  # found events up to this size are checked for text evidence of two happenings

Similarity = Callable[[Sequence[int]], np.ndarray]


def outlet_of(article: Article) -> str | None:
    """Who published an article: its outlet, else its address's host (without ``www.``), else None."""
    if article.outlet:
        return article.outlet.strip().lower()
    host = urlsplit(article.url or "").hostname or ""
    return host.removeprefix("www.") or None


def split_siblings(groups: Sequence[list[int]], outlets: Sequence[str | None],
                   days: Sequence[date | None], similarity: Similarity,
                   evidence: Sequence[TextEvidence] | None = None) -> list[list[int]]:
    """The groups, each one that covers two happenings cut: where the same outlets reported it
    twice (:func:`sibling_cut`), and where its articles' texts give days or tallies that
    conflict (:func:`evidence_cut`, on each side of the first cut).

    Args:
        groups: found events as lists of article positions.
        outlets: each article's outlet (None: unknown, never counted as a repeat).
        days: each article's date, or None.
        similarity: the dense similarity matrix of some articles (by position), in their order.
        evidence: each article's text evidence (:mod:`framing.event_evidence`), or None.

    Returns:
        The groups with every cut group replaced by its sides, largest first.
    """
    out: list[list[int]] = []
    for group in groups:
        sides = sibling_cut(group, outlets, days, similarity) or (group,)
        for side in sides:
            cut = evidence_cut(side, evidence, outlets, similarity) if evidence is not None else None
            out.extend(cut or [list(side)])
    return sorted(out, key=lambda g: (-len(g), g[0]))


def evidence_cut(group: Sequence[int], evidence: Sequence[TextEvidence], outlets: Sequence[str | None],
                 similarity: Similarity) -> list[list[int]] | None:
    """The sides of ``group`` when two of its articles' texts say they report different
    happenings (different days, different tallies), else None.

    The articles are clustered by average linkage (the two most alike clusters join first),
    never joining two clusters that hold a conflicting pair, nor, once the group is known to
    hold two happenings, an outlet's two articles (an outlet reports one happening once; not
    when they are one text run twice): the articles with no evidence of their own go with the
    reports they are most like.
    """
    if not 2 <= len(group) <= MAX_EVIDENCE_GROUP:
        return None
    marked = [k for k, i in enumerate(group) if evidence[i].day is not None or evidence[i].tallies]
    apart = {(a, b) for a in marked for b in marked if evidence_conflict(evidence[group[a]], evidence[group[b]])}
    if not apart:
        return None
    sims = similarity(group)
    apart |= {(a, b) for a, b in itertools.permutations(range(len(group)), 2)
              if outlets[group[a]] and outlets[group[a]] == outlets[group[b]] and sims[a, b] < COPY_SIMILARITY}
    clusters = _average_linkage(sims, apart)
    return [sorted(group[k] for k in c) for c in clusters]


def _average_linkage(sims: np.ndarray, apart: set[tuple[int, int]]) -> list[list[int]]:
    """Clusters of ``range(len(sims))`` by average linkage, never joining a pair in ``apart``.

    The sums of similarities between clusters and which clusters may not join are kept as
    matrices, a join adds the rows of the two clusters: each step costs the square of the
    number of clusters, not of articles.
    """
    n = len(sims)
    total = np.array(sims, dtype=np.float64)
    barred = np.zeros((n, n), dtype=bool)
    for a, b in apart:
        barred[a, b] = barred[b, a] = True
    clusters = {k: [k] for k in range(n)}  # by the row that stands for the cluster
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    while True:
        score = np.where(barred | ~np.outer(alive, alive), -np.inf, total / np.outer(size, size))
        np.fill_diagonal(score, -np.inf)
        x, y = divmod(int(np.argmax(score)), n)  # ties: the first pair in row order
        if not np.isfinite(score[x, y]):
            return list(clusters.values())
        x, y = min(x, y), max(x, y)
        total[x] += total[y]
        total[:, x] += total[:, y]
        barred[x] |= barred[y]
        barred[:, x] |= barred[:, y]
        size[x] += size[y]
        alive[y] = False
        clusters[x] += clusters.pop(y)


def sibling_cut(group: Sequence[int], outlets: Sequence[str | None], days: Sequence[date | None],
                similarity: Similarity) -> tuple[list[int], list[int]] | None:
    """The two sides of ``group`` when it covers two happenings (see the module), else None."""
    if not 4 <= len(group) <= MAX_GROUP:
        return None
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for k, i in enumerate(group):
        if outlets[i]:
            by_outlet[str(outlets[i])].append(k)
    pairs = [ks for ks in by_outlet.values() if len(ks) > 1]
    if not MIN_REPEATED <= len(pairs) <= MAX_REPEATED or any(len(ks) > 2 for ks in pairs) \
            or 2 * len(pairs) < REPEATED_SHARE * len(group):
        return None
    sims = similarity(group)
    if any(sims[a, b] >= COPY_SIMILARITY for a, b in pairs):
        return None
    paired = {k for ks in pairs for k in ks}
    single = [k for k in range(len(group)) if k not in paired]
    best: tuple[float, list[int], list[int]] | None = None
    for flips in itertools.product((0, 1), repeat=len(pairs) - 1):
        left = [pairs[0][0]] + [ks[f] for ks, f in zip(pairs[1:], flips, strict=True)]
        right = [pairs[0][1]] + [ks[1 - f] for ks, f in zip(pairs[1:], flips, strict=True)]
        left, right = _place_singles(sims, left, right, single, [outlets[group[k]] for k in range(len(group))])
        ratio = _cross_ratio(sims, left, right)
        if _acceptable(group, left, right, outlets, days) and (best is None or ratio < best[0]):
            best = (ratio, left, right)
    if best is None or best[0] > MAX_CROSS_RATIO:
        return None
    return sorted(group[k] for k in best[1]), sorted(group[k] for k in best[2])


def _place_singles(sims: np.ndarray, left: list[int], right: list[int], single: Sequence[int],
                   outlets: Sequence[str | None]) -> tuple[list[int], list[int]]:
    """Each article of an outlet that has one article here joins the side it is most like."""
    left, right = list(left), list(right)
    for k in single:
        (left if sims[k, left].mean() >= sims[k, right].mean() else right).append(k)
    return left, right


def _cross_ratio(sims: np.ndarray, left: Sequence[int], right: Sequence[int]) -> float:
    """Mean similarity across the sides over the lower of the sides' mean similarities within."""
    def within(side: Sequence[int]) -> float:
        block = sims[np.ix_(side, side)]
        return float((block.sum() - np.trace(block)) / (len(side) * (len(side) - 1)))

    inner = min(within(left), within(right))
    cross = float(sims[np.ix_(left, right)].mean())
    return cross / inner if inner > 0 else float("inf")


def _acceptable(group: Sequence[int], left: Sequence[int], right: Sequence[int],
                outlets: Sequence[str | None], days: Sequence[date | None]) -> bool:
    """Whether each side has two or more articles from two or more outlets, and not both sides
    carry dates."""
    dated = 0
    for side in (left, right):
        names = {outlets[group[k]] or f"#{group[k]}" for k in side}
        if len(side) < 2 or len(names) < 2:
            return False
        dated += any(days[group[k]] is not None for k in side)
    return dated < 2
