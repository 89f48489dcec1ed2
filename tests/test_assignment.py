"""The assignment step of alignment: optimal, and the same pairs as scipy's, ties included."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from framing.align import assignment


def _best_total(scores: np.ndarray) -> float:
    """The largest total of a one-to-one assignment, by trying every one (small matrices only)."""
    n, m = scores.shape
    if n <= m:
        return max(sum(scores[i, j] for i, j in enumerate(cols)) for cols in itertools.permutations(range(m), n))
    return _best_total(scores.T)


@pytest.mark.parametrize("seed", range(20))
def test_assignment_is_optimal(seed: int) -> None:
    rng = np.random.default_rng(seed)
    scores = rng.random(tuple(rng.integers(1, 6, size=2))).astype(np.float32)
    pairs = assignment(scores)
    assert len(pairs) == min(scores.shape)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    assert sum(scores[i, j] for i, j in pairs) == pytest.approx(_best_total(scores), abs=1e-5)


def test_assignment_matches_scipy_including_ties() -> None:
    optimize = pytest.importorskip("scipy.optimize")
    rng = np.random.default_rng(0)
    for trial in range(400):
        shape = tuple(rng.integers(1, 30, size=2))
        scores = (rng.random(shape) if trial % 2 else rng.integers(0, 3, size=shape)).astype(np.float32)
        rows, cols = optimize.linear_sum_assignment(-scores)
        assert assignment(scores) == sorted(zip(rows.tolist(), cols.tolist(), strict=True)), trial


def test_assignment_refuses_nan() -> None:
    with pytest.raises(ValueError, match="finite"):
        assignment(np.array([[np.nan, 1.0]]))
