"""The data structures that keep event grouping and wire-copy detection linear in memory: they
give what the plain constructions give, and candidate pairs inside one large event stay bounded."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np

import framing.events as events
import framing.wires as wires
from framing.segment import segment
from framing.sparse import Rows
from framing.types import Article
from framing.wires import Shingles, WireGroups, syndication

WORDS = [f"w{k}" for k in range(400)]


def _text(rng: random.Random, n: int) -> str:
    """Sentences of made-up words (no real text)."""
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(" ".join(words[k : k + 12]).capitalize() + "." for k in range(0, n, 12))


def _edited(rng: random.Random, text: str) -> str:
    """A light edit: an intro sentence of its own and a few words changed."""
    words = text.split(" ")
    for k in rng.sample(range(len(words)), 3):
        words[k] = rng.choice(WORDS) + ("." if words[k].endswith(".") else "")
    return _text(rng, 12) + " " + " ".join(words)


def _corpus(seed: int) -> list:
    """Three wire texts each run by 20 outlets, lightly edited, and 15 articles of their own."""
    rng = random.Random(seed)
    wires_ = [_text(rng, 180) for _ in range(3)]
    texts = [_edited(rng, w) for w in wires_ for _ in range(20)] + [_text(rng, 150) for _ in range(15)]
    rng.shuffle(texts)
    return [segment(Article(id=f"a{k}", source="test", text=t)) for k, t in enumerate(texts)]


def test_the_blocked_wire_search_in_a_large_event_finds_what_all_pairs_find() -> None:
    docs = _corpus(3)
    event = [list(range(len(docs)))]  # 75 articles: at least SYNDICATION_EXACT, so blocked
    assert len(docs) >= wires.SYNDICATION_EXACT
    blocked = syndication(docs, event)
    exact = syndication(docs, event, exact_below=10**9)
    assert blocked == exact
    assert sorted(map(len, blocked)) == [20, 20, 20]


def test_candidate_pairs_inside_one_event_of_a_thousand_copies_are_bounded() -> None:
    same = np.arange(0, 4000, 4, dtype=np.int64)  # one text: every run kept as a blocking key
    held = Shingles(same, np.ones(len(same), dtype=bool), len(same))
    event = list(range(1000))
    pairs = wires._shared_text_pairs(event, lambda d: held)
    assert len(pairs) <= len(event) * wires.WINDOW  # not 1000 * 999 / 2
    parent = list(range(1000))  # and the pairs still join the event's articles into one group

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for a, b in pairs:
        parent[find(a)] = find(b)
    assert len({find(i) for i in event}) == 1


def test_wire_partners_on_access_are_the_partners_of_each_group() -> None:
    ids = ["x", "a", "b", "c", "d", "e"]
    groups = [[1, 2, 4], [3, 5]]
    partners = WireGroups(ids, groups)
    expected = {ids[i]: tuple(ids[j] for j in g if j != i) for g in groups for i in g}
    assert partners == expected and list(partners) == list(expected) and len(partners) == 5
    assert partners.get("x") is None and partners["d"] == ("a", "b")


def test_tfidf_rows_built_in_place_equal_those_built_from_triples() -> None:
    docs = _corpus(5)[:30]
    bags = [events.event_bags(d) for d in docs]
    whole = events.tfidf_matrix(docs)
    parts = []
    for part in (0, 1):
        columns: dict[str, int] = {}
        df: Counter[str] = Counter()
        for bag in bags:
            for word in bag[part]:
                columns.setdefault(word, len(columns))
                df[word] += 1
        parts.append(events.tfidf_rows([b[part] for b in bags], columns, df, len(docs)))
    expected = events.side_by_side(*parts)
    assert whole.shape == expected.shape
    assert np.array_equal(whole.indptr, expected.indptr) and np.array_equal(whole.indices, expected.indices)
    assert np.array_equal(whole.data, expected.data)  # bit for bit: the same float64 products


def test_beside_puts_each_rows_values_in_column_order() -> None:
    a = Rows.from_triples([0, 0, 2], [3, 1, 0], [1.0, 2.0, 3.0], (3, 4))
    b = Rows.from_triples([0, 1, 1], [1, 0, 2], [4.0, 5.0, 6.0], (3, 3))
    both = a.beside(b)
    assert both.indptr.tolist() == [0, 3, 5, 6]
    assert both.indices.tolist() == [1, 3, 5, 4, 6, 0]
    assert both.data.tolist() == [2.0, 1.0, 4.0, 5.0, 6.0, 3.0]
    np.testing.assert_array_equal(both.toarray(), np.hstack([a.toarray(), b.toarray()]))


def test_block_pairs_are_each_member_with_the_next_window_of_its_blocks() -> None:
    rng = np.random.default_rng(0)
    rows = np.column_stack([rng.integers(0, 6, 300), rng.integers(0, 3, 300), rng.integers(0, 80, 300)])
    got = {tuple(p) for p in events._block_pairs(rows.copy(), 80).tolist()}
    ordered = rows[np.lexsort((rows[:, 2], rows[:, 1], rows[:, 0]))]
    expected: set[tuple[int, int]] = set()
    for key in np.unique(ordered[:, 0]):
        members = ordered[ordered[:, 0] == key, 2].tolist()
        for k, a in enumerate(members):
            expected.update((min(a, b), max(a, b)) for b in members[k + 1 : k + 1 + events.WINDOW] if a != b)
    assert got == expected
