"""The numpy sparse rows of the event grouping against dense numpy arithmetic."""

from __future__ import annotations

import numpy as np
import pytest

from framing import sparse
from framing.sparse import Rows


def _random(n: int, width: int, seed: int, density: float = 0.1) -> tuple[Rows, np.ndarray]:
    """A random sparse matrix and its dense twin; some columns are held by most rows."""
    rng = np.random.default_rng(seed)
    dense = np.where(rng.random((n, width)) < density, rng.random((n, width)), 0.0)
    dense[:, :3] = rng.random((n, 3))  # common columns: the dense block of the all-pairs product
    dense[n // 2] = 0  # an empty row
    r, c = np.nonzero(dense)
    return Rows.from_triples(r.tolist(), c.tolist(), dense[r, c].tolist(), (n, width)), dense


@pytest.mark.parametrize("seed", [0, 1])
def test_gram_pair_dots_and_unit_match_dense(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sparse, "DENSE_DF", 20)  # both halves of the product at this size
    monkeypatch.setattr(sparse, "PAIR_CHUNK", 500)  # and several chunks of column pairs
    rows, dense = _random(60, 90, seed)
    unit = rows.unit()
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    expected = dense / np.where(norms == 0, 1, norms)
    gram = unit.gram()
    np.testing.assert_allclose(gram, expected @ expected.T, atol=1e-5)
    left, right = np.triu_indices(60, 1)
    np.testing.assert_allclose(unit.pair_dots(left, right), (expected @ expected.T)[left, right], atol=1e-5)


def test_beside_scaled_gather_and_repeated_triples() -> None:
    a, da = _random(7, 5, 2, density=0.5)
    b, db = _random(7, 4, 3, density=0.5)
    both = a.scaled(2.0).beside(b.scaled(np.arange(7, dtype=np.float32)))
    expected = np.hstack([2 * da, db * np.arange(7)[:, None]])
    owner, cols, vals = both.gather(np.array([3, 0]))
    got = np.zeros((2, 9))
    got[owner, cols] = vals
    np.testing.assert_allclose(got, expected[[3, 0]], rtol=1e-6)
    summed = Rows.from_triples([0, 0, 1], [2, 2, 0], [1.0, 2.0, 5.0], (2, 3))
    assert summed.indices.tolist() == [2, 0] and summed.data.tolist() == [3.0, 5.0]
