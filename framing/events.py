"""Events: group articles by the event they cover (wire copies: :mod:`framing.wires`).

An event is a group of articles about one happening, found from the text itself: the words of
the whole article and of its headline and lede (TF-IDF of content words: names, numbers and
places weigh most because they are rare), the ordinals an article leads with ("the 21st round of
talks", "the third summit"), and the dates when the input has them. Pairs of articles are linked
most similar first; two groups are never joined when that would put articles dated far apart in
one event, or articles that lead with different ordinals of one series ("the 19th meeting of X"
and "the 20th meeting of X"). A shared lead ordinal of one series is a strong link. Two groups
that already hold together join only when more than one link ties them: a single link between
them is how plain single linkage chains sibling events (the same people, another happening; a
report that recalls an earlier one) into one. A found event is then cut where the same outlets
reported it twice, or where its articles' own texts give days far apart (datelines, a dated
lede) or lead with different scores or votes (:mod:`framing.event_split`,
:mod:`framing.event_evidence`). Nothing here knows any topic: a series is whatever noun phrase
follows the ordinal.

In a large corpus candidate pairs come from blocking (a shared lead ordinal, a shared rare term,
a shared run of words for wire copies), and a large block is chained rather than compared all
against all: events and wire groups are connected sets, so a chain joins them. Time grows about
linearly with the corpus (``benchmarks/bench_events.py``).
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from framing.align import STOPWORDS, content_words
from framing.event_evidence import (
    MAX_DAYS_APART,
    NO_EVIDENCE,
    TextEvidence,
    day_of_year,
    text_evidence,
)
from framing.event_split import outlet_of, split_siblings
from framing.sparse import Rows
from framing.types import Document

WORD_ORDINALS = {w: i for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"], 1)}
_ORDINAL = re.compile(
    r"\b(\d{1,3})(?:st|nd|rd|th)\b|\b(" + "|".join(WORD_ORDINALS) + r")\b", re.IGNORECASE)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_BEFORE = re.compile(rf"\b{_MONTHS}\s*$", re.IGNORECASE)  # "March 5th": a date, not a count
_DATE_AFTER = re.compile(rf"^\s*(?:of\s+)?{_MONTHS}(?:\s|,|$)", re.IGNORECASE)
# Where the noun phrase an ordinal counts ends: a clause break, a conjunction, a verb of holding.
_SERIES_END = re.compile(r"[.;:,()\[\]]|\s(?:and|held|was|were|is|are|took|on|at|in|which|that)\s", re.IGNORECASE)
SERIES_WINDOW = 80  # characters after an ordinal that may name what it counts
SERIES_OVERLAP = 2  # shared words that make two ordinals count one series
# Words that, right after an ordinal, count occurrences in time, not a series of things: "the
# second time this year", "the third straight day", "a fourth consecutive week" name no series.
OCCURRENCE_WORDS = frozenset({"time", "times", "year", "years", "month", "months", "week", "weeks", "day", "days",
                              "occasion", "straight", "consecutive", "successive", "running", "row"})
LEAD_SENTENCES = 4  # ordinals in the headline and first sentences say which happening it is
HEAD_SENTENCES = 3  # the lede: sentences weighed again (with the title) in event similarity
HEAD_WEIGHT = 0.25  # weight of headline + lede similarity against whole-text similarity
LINK_SIMILARITY = 0.22  # similarity from which two articles (or their groups) join one event
RELATIVE_LINK = 0.8  # or: similarity this close to both articles' usual nearest neighbours ...
MIN_SIMILARITY = 0.15  # ... and at least this similar (full articles of one event by other outlets)
NEIGHBOURS = 2  # an article's usual similarity: the mean of its best this many
ANCHOR_BONUS = 0.3  # added to the similarity of two articles that lead with one ordinal of one series
BLOCK_TERMS = 32  # an article's rarest terms used as blocking keys in a large corpus
EXACT_BELOW = 2000  # corpora (or subsets) smaller than this are compared all against all
WINDOW = 10  # in a large corpus, an article is compared with the next this many of each block
IDF_PRIOR = 10  # pseudo-articles that share no word: keeps IDF sane in a corpus of two
CORROBORATION = 2  # links tying two groups of 2+ articles before they join: a second link confirms the first


@dataclass(frozen=True)
class Ordinal:
    """A count an article gives: "the 20th round of the trade talks" is 20 of that series."""

    number: int
    series: frozenset[str]

    def same_series(self, other: Ordinal) -> bool:
        """Whether both count the same kind of thing (they share enough words)."""
        return len(self.series & other.series) >= SERIES_OVERLAP


@dataclass(frozen=True)
class Signals:
    """What an article says about which event it covers."""

    lead: frozenset[Ordinal]
    day: date | None
    text: TextEvidence = NO_EVIDENCE  # the day and lead tallies the text gives (framing.event_evidence)


def ordinals(text: str) -> set[Ordinal]:
    """Every ordinal of ``text`` that counts a named series ("the 21st meeting of the council").

    Dates ("March 5th", "5th of May") are not counts; an ordinal followed by fewer than
    ``SERIES_OVERLAP`` content words ("for the first time") names no series and is skipped;
    one that counts a repetition in time (:data:`OCCURRENCE_WORDS`: "the second time this year
    over pay") names none either.
    """
    found = set()
    for match in _ORDINAL.finditer(text):
        if _DATE_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        after = text[match.end() : match.end() + SERIES_WINDOW]
        if _DATE_AFTER.match(after):
            continue
        phrase = _SERIES_END.split(" " + after + " ", maxsplit=1)[0]
        phrase = _ORDINAL.split(phrase, maxsplit=1)[0]
        content = [w for w in re.findall(r"[a-z0-9]+", phrase.lower()) if len(w) > 1 and w not in STOPWORDS]
        words = frozenset(w[:6] for w in content)
        if len(words) >= SERIES_OVERLAP and content[0] not in OCCURRENCE_WORDS:
            number = int(match.group(1)) if match.group(1) else WORD_ORDINALS[match.group(2).lower()]
            found.add(Ordinal(number, words))
    return found


def ordinal_conflict(a: Iterable[Ordinal], b: Iterable[Ordinal]) -> bool:
    """Whether two sets of ordinals count one series differently and never the same."""
    a, b = list(a), list(b)
    clash = same = False
    for x in a:
        for y in b:
            if x.same_series(y):
                same = same or x.number == y.number
                clash = clash or x.number != y.number
    return clash and not same


def shared_anchor(a: Iterable[Ordinal], b: Iterable[Ordinal]) -> bool:
    """Whether two sets of ordinals share one number of one series."""
    return any(x.number == y.number and x.same_series(y) for x in a for y in b)


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
    """The event signals of one article: lead ordinals (title and first sentences), date, and the
    text's own evidence of its day and tallies (the date's day of the year when it has a date)."""
    lead = " ".join([doc.article.title or ""] + [s.text for s in doc.sentences[:LEAD_SENTENCES]])
    day, text = parse_date(doc.article.date), text_evidence(doc)
    if day:
        text = replace(text, day=day_of_year(day.month, day.day))
    return Signals(frozenset(ordinals(lead)), day, text)


def candidate_pairs(sims: Rows, sigs: Sequence[Signals], *, subset: Sequence[int],
                    exact_below: int = EXACT_BELOW) -> np.ndarray:
    """Pairs (i < j) of ``subset`` worth comparing, sorted, as an (n, 2) array.

    All pairs of a small set. In a large one, blocks: a shared lead ordinal number and series
    word (ordered by date), or a shared rare word (one of each article's highest-weighted terms
    that another article has too); each member is paired with the next ``WINDOW`` of its block,
    so that a large corpus is not compared all against all.
    """
    members = np.asarray(list(subset), dtype=np.int64)
    if len(members) <= exact_below:
        left, right = np.triu_indices(len(members), 1)
        return np.column_stack([members[left], members[right]]).reshape(-1, 2)
    shared = np.bincount(sims.gather(members)[1], minlength=sims.shape[1]) > 1
    keys: dict[object, int] = {}
    rows = array("q")  # (block key, order within the block, article), flat: 8 bytes a number
    for i in members.tolist():
        day = sigs[i].day.toordinal() if sigs[i].day else 0
        for o in sigs[i].lead:
            for w in o.series:
                rows.extend((keys.setdefault((o.number, w), len(keys)), day, i))
        for c in _top_terms(sims, i, shared):
            rows.extend((keys.setdefault(("term", c), len(keys)), 0, i))
    return _block_pairs(np.frombuffer(rows, dtype=np.int64).reshape(-1, 3), sims.shape[0])


def _block_pairs(rows: np.ndarray, n: int) -> np.ndarray:
    """Each member of a block paired with the ``WINDOW`` members after it (unique pairs, sorted).

    Events are connected sets, so a large block of one event is joined by the chain of these
    pairs without comparing all its members with each other; the cost is linear in the blocks.
    """
    rows = rows[np.lexsort((rows[:, 2], rows[:, 1], rows[:, 0]))]
    unique = np.zeros(0, dtype=np.int64)
    for offset in range(1, WINDOW + 1):  # merged offset by offset: memory of the pairs, not of WINDOW copies
        same = rows[offset:, 0] == rows[:-offset, 0]
        a, b = rows[:-offset, 2][same], rows[offset:, 2][same]
        keep = a != b
        unique = np.union1d(unique, np.minimum(a, b)[keep] * n + np.maximum(a, b)[keep])
    return np.column_stack([unique // n, unique % n]).astype(np.int64).reshape(-1, 2)


def tfidf_rows(bags: Sequence[Counter[str]], columns: Mapping[str, int], df: Mapping[str, int],
               n: int) -> Rows:
    """Unit-norm TF-IDF rows of some of a corpus's word bags.

    Args:
        bags: the word bags (each in the order of its words' first occurrence).
        columns: the corpus vocabulary: each word's column, in order of first occurrence.
        df: each word's document frequency in the corpus.
        n: the number of articles in the corpus.
    """
    rows, cols, vals = array("q"), array("q"), array("d")  # not lists: 8 bytes an entry, not about 40
    for r, bag in enumerate(bags):
        for word, count in bag.items():
            rows.append(r)
            cols.append(columns[word])
            vals.append(_weight(count, df[word], n))
    return Rows.from_triples(rows, cols, vals, (len(bags), max(len(columns), 1))).unit()


def tfidf_matrix(docs: Sequence[Document]) -> Rows:
    """Event vectors: whole-text and headline + lede TF-IDF side by side.

    Each part is unit-norm and scaled by the square root of its weight, so the dot product of
    two rows is the weighted mean of the two cosine similarities.
    """
    parts = (_Columns(), _Columns())  # not a Counter per article: 8 bytes a word
    for doc in docs:
        for part, bag in zip(parts, event_bags(doc), strict=True):
            part.add(bag)
    return side_by_side(parts[0].rows(), parts[1].rows())


class _Columns:
    """Word bags kept as column numbers and counts, with the vocabulary (columns in order of
    first occurrence) and each column's document frequency: TF-IDF rows in little memory."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.df, self.ends = array("q"), array("q", [0])
        self.cols, self.counts = array("i"), array("i")  # 4 bytes a column and a count, not a Python int

    def add(self, bag: Counter[str]) -> None:
        """One article's bag (its columns in order, as a compressed sparse row)."""
        pairs = sorted((self.vocab.setdefault(word, len(self.vocab)), count) for word, count in bag.items())
        self.df.extend([0] * (len(self.vocab) - len(self.df)))
        for col, count in pairs:
            self.df[col] += 1
            self.cols.append(col)
            self.counts.append(count)
        self.ends.append(len(self.cols))

    def rows(self) -> Rows:
        """Unit-norm TF-IDF rows of the bags (the same as :func:`tfidf_rows` gives)."""
        n = len(self.ends) - 1
        cols, counts = np.frombuffer(self.cols, dtype=np.intc), np.frombuffer(self.counts, dtype=np.intc)
        idf = np.array([math.log((n + 1 + IDF_PRIOR) / (df + 0.5)) for df in self.df], dtype=np.float64)
        tf = np.array([1 + math.log(c) for c in range(1, int(counts.max(initial=0)) + 1)], dtype=np.float64)
        data = (tf[counts - 1] * idf[cols]).astype(np.float32)  # as _weight: the same float64 products
        return Rows(np.frombuffer(self.ends, dtype=np.int64).copy(), cols.astype(np.int32), data,
                    (n, max(len(self.vocab), 1))).unit()


def _weight(count: int, df: int, n: int) -> float:
    """The TF-IDF weight of a word ``count`` times in an article, in ``df`` of ``n`` articles."""
    return (1 + math.log(count)) * math.log((n + 1 + IDF_PRIOR) / (df + 0.5))


def event_bags(doc: Document) -> tuple[Counter[str], Counter[str]]:
    """The word bags of one article that its event vector weighs: whole text, headline + lede."""
    return Counter(content_words(doc.article.text)), Counter(content_words(_head(doc)))


def side_by_side(full: Rows, head: Rows) -> Rows:
    """Whole-text and headline + lede TF-IDF rows as one weighted event vector per row."""
    return full.scaled(math.sqrt(1 - HEAD_WEIGHT)).beside(head.scaled(math.sqrt(HEAD_WEIGHT)))


def _head(doc: Document) -> str:
    """The headline (when there is one) and the lede."""
    return " ".join([doc.article.title or ""] + [s.text for s in doc.sentences[:HEAD_SENTENCES]])


def group_events(docs: Sequence[Document], *, exact_below: int = EXACT_BELOW) -> list[list[int]]:
    """Events as lists of article positions, each article in exactly one event.

    Candidate pairs are joined most similar first (a shared lead ordinal adds ``ANCHOR_BONUS``)
    while their similarity reaches ``LINK_SIMILARITY`` (or ``RELATIVE_LINK`` of what both
    articles usually reach), unless joining would put articles dated more than
    ``MAX_DAYS_APART`` apart, or articles leading with different ordinals of one series, into
    one event, or would join two groups of two or more articles that fewer than
    ``CORROBORATION`` links tie (:func:`join_groups`). A found event that the same outlets
    reported twice, or whose articles' texts say they report different happenings, is then cut
    (:func:`framing.event_split.split_siblings`).
    """
    sigs = [signals(d) for d in docs]
    sims = tfidf_matrix(docs)
    left, right, scores = _scored_pairs(sims, sigs, exact_below=exact_below)
    near = dated_near(left, right, day_numbers(sigs))
    usual = _usual_similarity(len(docs), left[near], right[near], scores[near])
    keep, strength = links(left, right, scores, usual, sigs)
    order = keep[np.lexsort((right[keep], left[keep], -strength))]
    outlets, days = [outlet_of(d.article) for d in docs], [s.day for s in sigs]
    return join_groups(sigs, left[order], right[order], cut=lambda groups: split_siblings(
        groups, outlets, days, lambda members: dense_similarity(sims, members), [s.text for s in sigs]))


def dense_similarity(sims: Rows, members: Sequence[int]) -> np.ndarray:
    """The similarity matrix of a few articles (by position), in their order."""
    left, right = np.triu_indices(len(members), 1)
    ids = np.asarray(members, dtype=np.int64)
    out = np.eye(len(members))
    out[left, right] = out[right, left] = sims.pair_dots(ids[left], ids[right])
    return out


def links(left: np.ndarray, right: np.ndarray, scores: np.ndarray, usual: np.ndarray,
          sigs: Sequence[Signals]) -> tuple[np.ndarray, np.ndarray]:
    """Which candidate pairs link (their positions) and how strongly (similarity plus bonus).

    Args:
        left, right: the pairs' articles; scores: their similarities.
        usual: every article's usual similarity (:func:`_usual_similarity`).
        sigs: every article's signals.
    """
    norm = np.sqrt(usual[left] * usual[right])
    relative = np.divide(scores, norm, out=np.zeros_like(scores), where=norm > 0)
    link = (scores >= LINK_SIMILARITY) | ((relative >= RELATIVE_LINK) & (scores >= MIN_SIMILARITY))
    leads = np.array([bool(s.lead) for s in sigs] or [False])
    both = np.flatnonzero(leads[left] & leads[right]) if len(left) else np.zeros(0, dtype=np.int64)
    bonus = np.zeros_like(scores)
    for k in both.tolist():
        if shared_anchor(sigs[left[k]].lead, sigs[right[k]].lead):
            bonus[k], link[k] = ANCHOR_BONUS, True
    keep = np.flatnonzero(link)
    return keep, scores[keep] + bonus[keep]


def join_groups(sigs: Sequence[Signals], left: np.ndarray, right: np.ndarray, *,
                cut: Callable[[list[list[int]]], list[list[int]]] | None = None) -> list[list[int]]:
    """Events from linked pairs taken in order (strongest first), refusing conflicting joins.

    Two groups of two or more articles each join only when at least ``CORROBORATION`` links
    connect them: one link between two groups that already hold together is how single linkage
    chains related but different events (a follow-up months later, a sibling story with the
    same people) into one. An article alone joins a group on its strongest link.

    ``cut`` (:func:`framing.event_split.split_siblings`) may cut the groups found; the links are
    then joined again from the groups after the cut, the two sides of each cut kept apart (as if
    they led with different numbers of one series), so that an article refused by the whole, for
    a conflict with one side, may join the other.
    """
    found = _join(sigs, left, right)
    sides = cut(found) if cut else found
    if len(sides) == len(found):
        return found
    return _join(apart(sigs, sides, found), left, right, start=sides)


def apart(sigs: Sequence[Signals], sides: list[list[int]], found: list[list[int]]) -> list[Signals]:
    """The signals with the two sides of every cut group marked as two numbers of one series
    (named after the group they were cut from), so that no join puts them together again."""
    whole = {tuple(g) for g in found}
    cut = [side for side in sides if tuple(side) not in whole]
    origin = {i: n for n, g in enumerate(found) for i in g if len(g) > 1}
    marked = list(sigs)
    for k, side in enumerate(cut):
        mark = Ordinal(k, frozenset({"#cut", f"#{origin[side[0]]}"}))
        for i in side:
            marked[i] = replace(sigs[i], lead=sigs[i].lead | {mark})
    return marked


def _join(sigs: Sequence[Signals], left: np.ndarray, right: np.ndarray, *,
          start: Sequence[Sequence[int]] = ()) -> list[list[int]]:
    """The greedy join of :func:`join_groups`, once (from the groups ``start`` when given)."""
    groups = _Groups(sigs)
    groups.count_links(left, right)
    for group in start:
        for i in group[1:]:
            groups.join(group[0], i)  # one side a single article: no corroboration needed
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        groups.join(i, j)
    return groups.members()


def _scored_pairs(sims: Rows, sigs: Sequence[Signals], *,
                  exact_below: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate pairs (i < j) as two index arrays, with their similarities.

    A corpus smaller than ``exact_below`` is compared all against all in one matrix product.
    """
    n = sims.shape[0]
    if n <= exact_below:
        left, right = np.triu_indices(n, 1)
        dense = sims.gram()
        return left.astype(np.int64), right.astype(np.int64), dense[left, right].astype(np.float32)
    pairs = candidate_pairs(sims, sigs, subset=range(n), exact_below=exact_below)
    return pairs[:, 0], pairs[:, 1], pair_similarity(sims, pairs)


def day_numbers(sigs: Sequence[Signals]) -> np.ndarray:
    """Each article's date as a day number (0: undated)."""
    return np.array([s.day.toordinal() if s.day else 0 for s in sigs], dtype=np.int64)


def dated_near(left: np.ndarray, right: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Which pairs could share an event by their dates (either undated, or at most
    ``MAX_DAYS_APART`` apart): only these count towards an article's usual similarity, for an
    article's most similar report of a sibling happening months away says nothing of how alike
    the reports of its own event are."""
    a, b = days[left], days[right]
    return (a == 0) | (b == 0) | (np.abs(a - b) <= MAX_DAYS_APART)


def _usual_similarity(n: int, left: np.ndarray, right: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Each article's mean similarity to its ``NEIGHBOURS`` most similar candidates.

    Long articles by different outlets share fewer words than short wire-based ones; measuring
    a pair against what both articles usually reach makes one threshold fit both.
    """
    who = np.concatenate([left, right])
    sim = np.concatenate([scores, scores])
    order = np.lexsort((-sim, who))
    who, sim = who[order], sim[order]
    first = np.searchsorted(who, np.arange(n))
    rank = np.arange(len(who)) - first[who] if len(who) else np.zeros(0, dtype=np.int64)
    top = rank < NEIGHBOURS
    total = np.bincount(who[top], weights=sim[top], minlength=n)
    count = np.bincount(who[top], minlength=n)
    return np.divide(total, count, out=np.zeros(n), where=count > 0)


class _Groups:
    """Disjoint groups of articles that refuse joins putting conflicting articles together.

    A group's lead ordinals are indexed by every pair of words of their series: two ordinals
    count one series exactly when they share such a pair (``SERIES_OVERLAP`` is 2), so checking
    two groups costs the size of the smaller index, not the product of their ordinals.
    """

    def __init__(self, sigs: Sequence[Signals]) -> None:
        self.uf = _UnionFind(len(sigs))
        self.days = {i: (s.day, s.day) for i, s in enumerate(sigs) if s.day}
        self.lead = {i: _series_index(s.lead) for i, s in enumerate(sigs) if s.lead}
        self.refused: set[tuple[int, int]] = set()  # group pairs already found in conflict
        self.size = [1] * len(sigs)
        self.cross: dict[int, dict[int, int]] = {}  # group -> its links to each other group

    def count_links(self, left: np.ndarray, right: np.ndarray) -> None:
        """Count the links between articles (each article its own group at first)."""
        n = len(self.size)
        src = np.concatenate([left, right]).astype(np.int64)
        dst = np.concatenate([right, left]).astype(np.int64)
        codes, counts = np.unique((src * n + dst)[src != dst], return_counts=True)
        src, dst = codes // n, codes % n
        cuts = np.flatnonzero(np.diff(src)) + 1
        for mine, theirs, number in zip(np.split(src, cuts), np.split(dst, cuts), np.split(counts, cuts),
                                        strict=True):
            if len(mine):
                self.cross[int(mine[0])] = dict(zip(theirs.tolist(), number.tolist(), strict=True))

    def _corroborated(self, a: int, b: int) -> bool:
        """Whether groups ``a`` and ``b`` may join: one is a single article, or enough links tie them."""
        if min(self.size[a], self.size[b]) < 2:
            return True
        return self.cross.get(a, {}).get(b, 0) >= CORROBORATION

    def _merge_links(self, gone: int, root: int) -> None:
        """Move the link counts of group ``gone`` (the one linked to fewer groups) to ``root``."""
        mine, theirs = self.cross.pop(gone, {}), self.cross.pop(root, {})
        mine.pop(root, None)
        theirs.pop(gone, None)
        for other, count in mine.items():  # every group linked to ``gone`` now counts them to ``root``
            table = self.cross[other]
            table[root] = table.get(root, 0) + table.pop(gone)
            theirs[other] = theirs.get(other, 0) + count
        if theirs:
            self.cross[root] = theirs

    def join(self, i: int, j: int) -> bool:
        """Join the groups of ``i`` and ``j`` unless their dates or lead ordinals conflict."""
        a, b = self.uf.find(i), self.uf.find(j)
        if a == b:
            return True
        if (a, b) in self.refused:
            return False
        span = [d for k in (a, b) if k in self.days for d in self.days[k]]
        if (span and (max(span) - min(span)).days > MAX_DAYS_APART) or \
                _index_conflict(self.lead.get(a, {}), self.lead.get(b, {})):
            self.refused.update({(a, b), (b, a)})
            return False
        if not self._corroborated(a, b):
            return False  # not remembered: more links may tie the groups once either grows
        if len(self.cross.get(a, ())) > len(self.cross.get(b, ())):
            a, b = b, a  # the group with more linked groups stays the root: its table is not moved
        self.uf.union(a, b)
        root = self.uf.find(a)
        self.size[root] = self.size[a] + self.size[b]
        self._merge_links(a, root)
        if span:
            self.days[root] = (min(span), max(span))
        small, large = sorted((self.lead.pop(a, {}), self.lead.pop(b, {})), key=len)
        for key, numbers in small.items():
            large.setdefault(key, set()).update(numbers)
        if large:
            self.lead[root] = large
        return True

    def members(self) -> list[list[int]]:
        """The groups, largest first."""
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.uf.parent)):
            groups[self.uf.find(i)].append(i)
        return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _series_index(lead: Iterable[Ordinal]) -> dict[tuple[str, str], set[int]]:
    """The numbers of some ordinals by every pair of words of their series."""
    index: dict[tuple[str, str], set[int]] = {}
    for o in lead:
        words = sorted(o.series)
        for k, w in enumerate(words):
            for v in words[k + 1 :]:
                index.setdefault((w, v), set()).add(o.number)
    return index


def _index_conflict(a: dict[tuple[str, str], set[int]], b: dict[tuple[str, str], set[int]]) -> bool:
    """:func:`ordinal_conflict` on two series indexes."""
    small, large = sorted((a, b), key=len)
    clash = same = False
    for key, numbers in small.items():
        other = large.get(key)
        if other:
            same = same or bool(numbers & other)
            clash = clash or len(numbers | other) > 1
    return clash and not same


def pair_similarity(sims: Rows, pairs: Sequence[tuple[int, int]] | np.ndarray) -> np.ndarray:
    """Cosine similarity of many (i, j) pairs of TF-IDF rows."""
    arr = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    return sims.pair_dots(arr[:, 0], arr[:, 1])


def _top_terms(sims: Rows, i: int, shared: np.ndarray) -> list[int]:
    """The ``BLOCK_TERMS`` highest-weighted terms of article ``i`` that another article has too."""
    start, end = sims.indptr[i], sims.indptr[i + 1]
    cols, vals = sims.indices[start:end], sims.data[start:end]
    keep = shared[cols]
    return cols[keep][np.argsort(-vals[keep], kind="stable")[:BLOCK_TERMS]].tolist()  # ties: first-seen word


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

