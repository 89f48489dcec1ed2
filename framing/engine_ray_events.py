"""The Ray engine's corpus-level stages: events, wire copies and claims, distributed.

Each step calls the local engine's own functions (``framing.events``, ``framing.report``) on
its share of the data, so the answers are the same:

- vocabulary: each article's word bags (whole text; headline + lede) are counted by a Ray Data
  ``groupby`` into document frequencies, each word keeping its first occurrence (article, rank)
  so that its column is the one the local engine gives it;
- event vectors: each batch of articles gets its TF-IDF rows (``events.tfidf_rows``);
- candidate pairs: all pairs of a corpus of up to ``events.EXACT_BELOW`` articles, else blocks
  (shared lead ordinal, shared rare term) grouped by key, each member paired with the next
  ``events.WINDOW`` of its block; similarities scored by an actor pool holding the vectors;
- links: each article's usual similarity (a ``groupby`` over its candidate pairs), then the
  link test of ``events.links`` per batch of pairs;
- events: connected components of the links, then the local engine's greedy join (strongest
  link first, conflicting dates or ordinals refused, two groups joined only when enough links
  tie them) inside each component, which holds every link between its articles, with the
  local engine's cut of events the same outlets reported twice (``event_split``);
- per event (a ``groupby`` by event): wire copies (``wires.syndication``), claims and
  alignments (``report._event``), on an actor pool holding the encoder.
"""

from __future__ import annotations

import json
import pickle
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any, cast

import numpy as np

from framing.engine_ray import _table, article_of, partitions, unpack
from framing.event_evidence import TextEvidence
from framing.event_split import split_siblings
from framing.events import (
    EXACT_BELOW,
    NEIGHBOURS,
    WINDOW,
    Ordinal,
    Signals,
    _top_terms,
    _UnionFind,
    dated_near,
    dense_similarity,
    join_groups,
    links,
    pair_similarity,
    side_by_side,
    tfidf_rows,
)
from framing.sparse import Rows

RANK = 1 << 20  # a word's first occurrence as one number: article position * RANK + rank in its bag
PAIR_COLUMNS = {"i": int, "j": int, "score": float}


def signals_of(lead: str, day: int, text: str = "[null, []]") -> Signals:
    """An article's event signals from their dataset form (``text``: its text evidence, day and tallies)."""
    ordinals = frozenset(Ordinal(n, frozenset(words)) for n, words in json.loads(lead))
    text_day, tallies = json.loads(text)
    evidence = TextEvidence(text_day, frozenset((int(a), int(b)) for a, b in tallies))
    return Signals(ordinals, date.fromordinal(day) if day else None, evidence)


def vocabulary(arts: Any) -> dict[str, Any]:
    """Both vocabularies of the corpus (column and document frequency of each word), in order of
    first occurrence as the local engine numbers them: counted per batch by Ray tasks, the
    per-batch counts merged here (the vocabulary is what the driver sends every worker)."""
    counts = arts.map_batches(_word_counts, batch_format="pyarrow").to_pandas()
    table = counts.groupby(["part", "word"], sort=False).agg(df=("df", "sum"), first=("first", "min"))
    table = table.reset_index().sort_values(["part", "first"], kind="stable")
    parts = {}
    for part in (0, 1):
        rows = table[table["part"] == part]
        words, df = rows["word"].tolist(), rows["df"].tolist()
        parts[part] = ({w: k for k, w in enumerate(words)}, dict(zip(words, df, strict=True)))
    return {"parts": parts, "n": arts.count()}


def _word_counts(batch: Any) -> Any:
    """Ray task: per (part, word) of some articles: how many have it, and its first occurrence."""
    seen: dict[tuple[int, str], list[int]] = {}
    for row in batch.to_pylist():
        for part in (0, 1):
            for rank, (word, _) in enumerate(json.loads(row[("full", "head")[part]])):
                first = row["pos"] * RANK + rank
                entry = seen.setdefault((part, word), [0, first])
                entry[0] += 1
                entry[1] = min(entry[1], first)
    rows = [{"part": p, "word": w, "df": c, "first": f} for (p, w), (c, f) in seen.items()]
    return _table(rows, {"part": int, "word": str, "df": int, "first": int})


def vectors_of(batch: Any, vocab: Any) -> Any:
    """Ray task: the TF-IDF event vectors of some articles."""
    vocab = _get(vocab)
    rows = batch.to_pylist()
    n, parts = vocab["n"], vocab["parts"]
    bags = [[Counter(dict(json.loads(r[name]))) for r in rows] for name in ("full", "head")]
    full, head = (tfidf_rows(bags[p], parts[p][0], parts[p][1], n) for p in (0, 1))
    both = side_by_side(full, head)
    cols = both.indices.astype(np.int32)
    vals = both.data.astype(np.float32)
    out = [{"pos": r["pos"], "cols": cols[both.indptr[k]:both.indptr[k + 1]].tobytes(),
            "vals": vals[both.indptr[k]:both.indptr[k + 1]].tobytes()} for k, r in enumerate(rows)]
    return _table(out, {"pos": int, "cols": bytes, "vals": bytes})


def assemble(vectors: Any, n: int, width: int) -> Any:
    """Ray task: the corpus's event vectors as one sparse-row matrix (kept in the object store)."""
    rows: list[tuple[int, bytes, bytes]] = []
    for batch in vectors.iter_batches(batch_format="pyarrow"):
        rows.extend((r["pos"], r["cols"], r["vals"]) for r in batch.to_pylist())
    rows.sort()
    cols = [np.frombuffer(c, dtype=np.int32) for _, c, _ in rows]
    vals = [np.frombuffer(v, dtype=np.float32) for _, _, v in rows]
    indptr = np.concatenate([[0], np.cumsum([len(c) for c in cols])]).astype(np.int64)
    data = np.concatenate(vals) if vals else np.zeros(0, dtype=np.float32)
    indices = np.concatenate(cols).astype(np.int64) if cols else np.zeros(0, dtype=np.int64)
    return Rows(indptr, indices, data, (n, width))


def candidate_pairs(arts: Any, matrix: Any, sigs: Any, shared: Any, n: int, workers: int) -> Any:
    """The scored candidate pairs (i < j) of the corpus, as a dataset of ``i, j, score``."""
    ids = arts.select_columns(["pos"])
    if n <= EXACT_BELOW:
        return ids.map_batches(_all_pairs, fn_kwargs={"matrix": matrix}, batch_format="pyarrow")
    blocks = ids.map_batches(_block_keys, fn_kwargs={"matrix": matrix, "sigs": sigs, "shared": shared},
                             batch_format="pyarrow").materialize()
    pairs = blocks.groupby("key", num_partitions=partitions(blocks, workers)).map_groups(
        _window_pairs, batch_format="pyarrow").materialize()
    unique = pairs.groupby(["i", "j"], num_partitions=partitions(pairs, workers)).count()
    unique = unique.select_columns(["i", "j"]).materialize()
    return unique.map_batches(_score_pairs, fn_kwargs={"matrix": matrix}, batch_format="pyarrow")


def _all_pairs(batch: Any, matrix: Any) -> Any:
    """Ray task: each article of a batch against every later article (a small corpus)."""
    matrix = _get(matrix)
    rows = np.asarray(batch.column("pos").to_pylist(), dtype=np.int64)
    dense = matrix.gram()[rows] if len(rows) else np.zeros((0, 0))  # as events.group_events scores them
    i, j, score = [], [], []
    for k, row in enumerate(rows.tolist()):
        later = np.arange(row + 1, matrix.shape[0])
        i.append(np.full(len(later), row))
        j.append(later)
        score.append(dense[k, later].astype(np.float32))
    return _pairs_table(i, j, score)


def _block_keys(batch: Any, matrix: Any, sigs: Any, shared: Any) -> Any:
    """Ray task: each article's blocking keys (lead ordinal and series word; rare terms)."""
    matrix, sigs, shared = _get(matrix), _get(sigs), _get(shared)
    out: list[dict[str, Any]] = []
    for i in batch.column("pos").to_pylist():
        sig = sigs[i]
        day = sig.day.toordinal() if sig.day else 0
        out.extend({"key": f"o{o.number} {w}", "order": day, "pos": i} for o in sig.lead for w in o.series)
        out.extend({"key": f"t{c}", "order": 0, "pos": i} for c in _top_terms(matrix, i, shared))
    return _table(out, {"key": str, "order": int, "pos": int})


def _window_pairs(group: Any) -> Any:
    """Ray task: one block's members in order (date, position), each paired with the next
    ``WINDOW``: the pairs ``events.candidate_pairs`` takes from the block."""
    members = sorted(zip(group.column("order").to_pylist(), group.column("pos").to_pylist(), strict=True))
    held = [p for _, p in members]
    out = [{"i": min(a, b), "j": max(a, b)} for k, a in enumerate(held) for b in held[k + 1 : k + 1 + WINDOW]
           if a != b]
    return _table(out, {"i": int, "j": int})


def _score_pairs(batch: Any, matrix: Any) -> Any:
    """Ray task: the similarity of each candidate pair (``events.pair_similarity``)."""
    matrix = _get(matrix)
    i = np.asarray(batch.column("i").to_pylist(), dtype=np.int64)
    j = np.asarray(batch.column("j").to_pylist(), dtype=np.int64)
    return _pairs_table([i], [j], [pair_similarity(matrix, np.column_stack([i, j]))])


def _pairs_table(i: list[np.ndarray], j: list[np.ndarray], score: list[np.ndarray]) -> Any:
    """A pyarrow table of pairs (scores as float32 values in a float64 column)."""
    import pyarrow as pa

    def cat(parts: list[np.ndarray], dtype: Any) -> np.ndarray:
        return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)

    return pa.table({"i": cat(i, np.int64), "j": cat(j, np.int64), "score": cat(score, np.float32).astype(np.float64)})


def usual_similarity(pairs: Any, n: int, days: np.ndarray) -> np.ndarray:
    """Each article's mean similarity to its ``NEIGHBOURS`` most similar candidates: the best
    scores of each article in each batch of pairs (Ray tasks), merged here (a few numbers per
    article and batch), summed as ``events._usual_similarity`` sums them."""
    import ray

    best = pairs.map_batches(_best_scores, fn_kwargs={"days": ray.put(days)}, batch_format="pyarrow").to_pandas()
    who = best["who"].to_numpy(dtype=np.int64)
    score = best["score"].to_numpy().astype(np.float32)
    order = np.lexsort((-score, who))
    who, score = who[order], score[order]
    first = np.searchsorted(who, np.arange(n))
    top = (np.arange(len(who)) - first[who]) < NEIGHBOURS if len(who) else np.zeros(0, dtype=bool)
    total = np.bincount(who[top], weights=score[top], minlength=n)
    count = np.bincount(who[top], minlength=n)
    return np.divide(total, count, out=np.zeros(n), where=count > 0)


def _best_scores(batch: Any, days: Any) -> Any:
    """Ray task: for each article of some pairs, its ``NEIGHBOURS`` best scores among those its
    dates allow to share an event (``events.dated_near``)."""
    import pyarrow as pa

    i, j, s = (batch.column(c).to_numpy() for c in ("i", "j", "score"))
    near = dated_near(i.astype(np.int64), j.astype(np.int64), _get(days))
    i, j, s = i[near], j[near], s[near]
    who, score = np.concatenate([i, j]).astype(np.int64), np.concatenate([s, s])
    order = np.lexsort((-score, who))
    who, score = who[order], score[order]
    starts = np.searchsorted(who, who, side="left")
    keep = (np.arange(len(who)) - starts) < NEIGHBOURS
    return pa.table({"who": who[keep], "score": score[keep]})


def _links_of(batch: Any, usual: Any, sigs: Any) -> Any:
    """Ray task: the candidate pairs that link (``events.links``), with their strength."""
    usual, sigs = _get(usual), _get(sigs)
    i = batch.column("i").to_numpy().astype(np.int64)
    j = batch.column("j").to_numpy().astype(np.int64)
    scores = batch.column("score").to_numpy().astype(np.float32)
    keep, strength = links(i, j, scores, usual, sigs)
    return _pairs_table([i[keep]], [j[keep]], [strength])


def group_events(pairs: Any, usual: np.ndarray, sigs: Sequence[Signals], sigs_ref: Any,
                 workers: int, *, outlets: Sequence[str | None], matrix: Any) -> list[list[int]]:
    """Events as lists of article positions, largest first, as ``events.group_events`` makes them
    (``outlets``: each article's outlet; ``matrix``: the event vectors, for the sibling cut)."""
    import ray
    import ray.data

    linked = pairs.map_batches(_links_of, fn_kwargs={"usual": ray.put(usual), "sigs": sigs_ref},
                               batch_format="pyarrow").materialize()
    parts = ray.get(ray.remote(_components).remote(linked, len(sigs)))
    items = [{"members": m, "pairs": p} for m, p in parts]
    joined = ray.data.from_items(items or [{"members": [], "pairs": b""}]).map(
        _join_component, fn_kwargs={"sigs": sigs_ref, "outlets": ray.put(list(outlets)), "matrix": matrix})
    groups = [json.loads(row["groups"]) for row in joined.iter_rows()]
    found = {k for part in groups for g in part for k in g}
    events = [g for part in groups for g in part] + [[k] for k in range(len(sigs)) if k not in found]
    return sorted(events, key=lambda g: (-len(g), g[0]))


def _components(linked: Any, n: int) -> list[tuple[list[int], bytes]]:
    """Ray task: the connected components of the linked pairs (two or more articles), each with
    its links in the local engine's order (strongest first, then by articles)."""
    parts = [b.to_pandas() for b in linked.iter_batches(batch_format="pyarrow")]
    if not parts or not sum(len(p) for p in parts):
        return []
    i = np.concatenate([p["i"].to_numpy() for p in parts]).astype(np.int64)
    j = np.concatenate([p["j"].to_numpy() for p in parts]).astype(np.int64)
    strength = np.concatenate([p["score"].to_numpy() for p in parts]).astype(np.float32)
    uf = _UnionFind(n)
    for a, b in zip(i.tolist(), j.tolist(), strict=True):
        uf.union(a, b)
    root = np.array([uf.find(a) for a in i.tolist()])
    order = np.lexsort((j, i, -strength))
    out = []
    for r in np.unique(root).tolist():
        mine = order[root[order] == r]
        members = sorted(set(i[mine].tolist()) | set(j[mine].tolist()))
        out.append((members, np.column_stack([i[mine], j[mine]]).astype(np.int64).tobytes()))
    return out


def _join_component(row: dict[str, Any], sigs: Any, outlets: Any, matrix: Any) -> dict[str, Any]:
    """Ray task: the greedy join of one component's links with the sibling cut
    (``events.join_groups``, ``event_split.split_siblings``); the vectors fetched only to cut."""
    sigs, outlets = _get(sigs), _get(outlets)
    members = list(row["members"])
    if not members:
        return {"groups": "[]"}
    local = {m: k for k, m in enumerate(members)}
    pairs = np.frombuffer(row["pairs"], dtype=np.int64).reshape(-1, 2)
    left = np.array([local[a] for a in pairs[:, 0].tolist()], dtype=np.int64)
    right = np.array([local[b] for b in pairs[:, 1].tolist()], dtype=np.int64)
    mine = [sigs[m] for m in members]

    def similarity(ks: Sequence[int]) -> np.ndarray:
        return dense_similarity(_get(matrix), [members[k] for k in ks])

    groups = join_groups(mine, left, right, cut=lambda found: split_siblings(
        found, [outlets[m] for m in members], [s.day for s in mine], similarity, [s.text for s in mine]))
    return {"groups": json.dumps([[members[k] for k in g] for g in groups])}


class EventStage:
    """Ray actor: one event's wire copies, claims and alignments; the encoder loaded once."""

    def __init__(self, encoder: Any, rescorer: Any, numbers: Any) -> None:
        self.encoder, self.rescorer, self.numbers = encoder, rescorer, _get(numbers)

    def __call__(self, batch: Any) -> Any:
        from framing.batch import decode_result
        from framing.compare import embed_documents
        from framing.report import MAX_PARTNERS, _event
        from framing.wires import copied_share, syndication

        (packed,) = batch.column("rows").to_pylist()
        rows = sorted(unpack(packed), key=lambda r: r["pos"])
        members = [r["pos"] for r in rows]
        docs = {r["pos"]: decode_result(article_of(r["article"]), r["result"])[0] for r in rows}
        local = [docs[m] for m in members]
        copies = [[members[k] for k in g] for g in syndication(local, [list(range(len(members)))])]
        copied = {(docs[a].id, docs[b].id): round(copied_share(docs[a], docs[b]), 4)
                  for g in copies if len(g) <= MAX_PARTNERS for k, a in enumerate(g) for b in g[k + 1 :]}
        vectors = dict(zip(members, embed_documents(local, self.encoder), strict=True))
        pairs: dict[tuple[str, str], Any] = {}
        number = self.numbers[members[0]]
        event = _event(number, members, cast(Any, docs), vectors, pairs, self.rescorer)  # indexed by position
        blob = pickle.dumps((event, copies, copied, pairs))
        return _table([{"event": number, "blob": blob}], {"event": int, "blob": bytes})


def _get(value: Any) -> Any:
    """A value passed to an actor: fetched from the object store when it is a reference."""
    import ray

    return ray.get(value) if isinstance(value, ray.ObjectRef) else value
