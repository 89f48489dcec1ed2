"""A small sparse-row matrix in numpy: what the event grouping needs of scipy.sparse, without it.

Rows are TF-IDF vectors of articles. The grouping needs the rows built from (row, column,
value) triples, scaled to unit length, set side by side, the dot products of chosen row pairs,
and all pairwise dot products of a small corpus. Importing scipy costs a report about a third of
a second and tens of MB; these few operations are cheap in numpy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

DENSE_DF = 48  # in the all-pairs product, a column held by more rows than this is multiplied densely
PAIR_CHUNK = 4_000_000  # (row, row) products expanded at once in the all-pairs product


@dataclass(frozen=True)
class Rows:
    """Compressed sparse rows: row ``i`` holds ``indices[indptr[i]:indptr[i+1]]`` (sorted,
    distinct columns) with values ``data[...]``."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    shape: tuple[int, int]

    @classmethod
    def from_triples(cls, rows: Sequence[int], cols: Sequence[int], vals: Sequence[float],
                     shape: tuple[int, int]) -> Rows:
        """Rows from (row, column, value) triples; a repeated (row, column) is summed."""
        r = np.asarray(rows, dtype=np.int64)
        c = np.asarray(cols, dtype=np.int64)
        v = np.asarray(vals, dtype=np.float64)
        code, inverse = np.unique(r * shape[1] + c, return_inverse=True)
        summed = np.bincount(inverse, weights=v, minlength=len(code)).astype(np.float32)
        indptr = np.searchsorted(code // max(shape[1], 1), np.arange(shape[0] + 1)) if shape[1] else \
            np.zeros(shape[0] + 1, dtype=np.int64)
        return cls(indptr.astype(np.int64), (code % max(shape[1], 1)).astype(np.int64), summed, shape)

    def row_of(self) -> np.ndarray:
        """The row of every stored value."""
        return np.repeat(np.arange(self.shape[0], dtype=np.int32 if self.shape[0] < 2**31 else np.int64),
                         np.diff(self.indptr))

    def scaled(self, factor: np.ndarray | float) -> Rows:
        """Every row multiplied by its factor (one number, or one per row)."""
        mult = np.asarray(factor, dtype=np.float32)
        data = self.data * (mult[self.row_of()] if mult.ndim else mult)
        return Rows(self.indptr, self.indices, data.astype(np.float32), self.shape)

    def unit(self) -> Rows:
        """Rows scaled to unit length (an empty row stays empty)."""
        norms = np.sqrt(np.bincount(self.row_of(), weights=self.data.astype(np.float64) ** 2,
                                    minlength=self.shape[0]))
        return self.scaled(1 / np.where(norms == 0, 1, norms))

    def beside(self, other: Rows) -> Rows:
        """This matrix and ``other`` (same rows) side by side.

        Each row is its own values followed by ``other``'s (their columns come after), moved into
        place by offsets rather than sorted: no copy of the triples, a fraction of the memory.
        """
        own, theirs = np.diff(self.indptr), np.diff(other.indptr)
        at_own = np.arange(len(self.data)) + np.repeat(other.indptr[:-1], own)
        at_theirs = np.arange(len(other.data)) + np.repeat(self.indptr[1:], theirs)
        indices = np.empty(len(self.data) + len(other.data), dtype=np.result_type(self.indices, other.indices))
        data = np.empty(len(indices), dtype=np.float32)
        indices[at_own], data[at_own] = self.indices, self.data
        indices[at_theirs], data[at_theirs] = other.indices + self.shape[1], other.data
        return Rows((self.indptr + other.indptr).astype(np.int64), indices, data,
                    (self.shape[0], self.shape[1] + other.shape[1]))

    def toarray(self) -> np.ndarray:
        """The rows as a dense array (for small matrices and tests)."""
        out = np.zeros(self.shape, dtype=np.float32)
        out[self.row_of(), self.indices] = self.data
        return out

    def gather(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(position in ``rows``, column, value) of every value of the given rows."""
        rows = np.asarray(rows, dtype=np.int64)
        starts, lengths = self.indptr[rows], np.diff(self.indptr)[rows]
        owner = np.repeat(np.arange(len(rows)), lengths)
        offsets = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        at = np.repeat(starts, lengths) + offsets
        return owner, self.indices[at], self.data[at]

    def pair_dots(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Dot products of row ``left[k]`` with row ``right[k]``, for every k.

        The pairs are taken by their left row: that row is spread into a dense lookup over the
        columns, and the values of all its partners are multiplied with it at once.
        """
        left, right = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
        out = np.zeros(len(left), dtype=np.float32)
        lookup = np.zeros(max(self.shape[1], 1), dtype=np.float32)
        order = np.argsort(left, kind="stable")
        cuts = np.flatnonzero(np.diff(left[order])) + 1
        for group in np.split(order, cuts) if len(order) else []:
            i = int(left[group[0]])
            own = slice(self.indptr[i], self.indptr[i + 1])
            lookup[self.indices[own]] = self.data[own]
            owner, cols, vals = self.gather(right[group])
            out[group] = np.bincount(owner, weights=lookup[cols] * vals, minlength=len(group))
            lookup[self.indices[own]] = 0
        return out

    def gram(self) -> np.ndarray:
        """All pairwise dot products of the rows, dense (n x n; for small n).

        Columns held by many rows are multiplied as a dense block (BLAS); the rest by expanding
        each column's pairs of rows, so the cost follows the pairs that share a column.
        """
        n = self.shape[0]
        out = np.zeros((n, n), dtype=np.float64)
        if n == 0 or not len(self.data):
            return out.astype(np.float32)
        rows = self.row_of().astype(np.int64)
        df = np.bincount(self.indices, minlength=self.shape[1])
        dense_cols = np.flatnonzero(df > DENSE_DF)
        if len(dense_cols):
            where = np.full(self.shape[1], -1)
            where[dense_cols] = np.arange(len(dense_cols))
            keep = where[self.indices] >= 0
            block = np.zeros((n, len(dense_cols)), dtype=np.float32)
            block[rows[keep], where[self.indices[keep]]] = self.data[keep]
            out += block.astype(np.float64) @ block.T.astype(np.float64)
        sparse_part = df[self.indices] <= DENSE_DF
        _add_column_pairs(out, self.indices[sparse_part], rows[sparse_part], self.data[sparse_part])
        return out.astype(np.float32)


def _add_column_pairs(out: np.ndarray, cols: np.ndarray, rows: np.ndarray, vals: np.ndarray) -> None:
    """Add v_i * v_j to out[r_i, r_j] for every two values of one column (and each with itself)."""
    n = out.shape[0]
    order = np.lexsort((rows, cols))
    cols, rows, vals = cols[order], rows[order], vals[order].astype(np.float64)
    first = np.searchsorted(cols, cols)  # where each value's column starts
    last = np.searchsorted(cols, cols, side="right")
    flat = out.reshape(-1)
    start = 0
    while start < len(cols):  # chunks of values whose pairs fit PAIR_CHUNK
        spans = np.cumsum(last[start:] - first[start:])
        stop = start + max(1, int(np.searchsorted(spans, PAIR_CHUNK, side="right")))
        counts = last[start:stop] - first[start:stop]
        mine = np.repeat(np.arange(start, stop), counts)
        partner = np.repeat(first[start:stop] - np.cumsum(counts) + counts, counts) + np.arange(len(mine))
        flat += np.bincount(rows[mine] * n + rows[partner], weights=vals[mine] * vals[partner], minlength=n * n)
        start = stop
