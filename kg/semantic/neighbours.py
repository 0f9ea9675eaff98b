"""Nearest practices by embedding: the semantic side of candidate generation ("fusion, not a gate": a
practice that shares no word with another must still be able to become its candidate).

`nearest(E, k, groups)` gives each row its k best other-group rows by cosine (E has unit rows), best
first, ties to the lower index, -1 padded. Exact (blocked dense products) up to `exact_max` rows: the cost
is n^2 x dim (about 20 CPU s at 35k rows of 256 dims, 165 at 100k). Above it an inverted file: spherical
k-means into ~sqrt(n) cells, and each cell's rows compared with the rows of the `probe` cells nearest to
its centroid only (16 by default; a cell's rows share one candidate list, so each cell costs one product); recall against
the exact lists is measured by bench/semantic_speed.py.
"""

from __future__ import annotations

import math

import numpy as np

BLOCK = 512  # rows per dense product: BLOCK x n float32 (200 MB at 100k rows)


def nearest(
    E: np.ndarray,
    k: int,
    groups: np.ndarray | None = None,
    *,
    exact_max: int = 30_000,
    probe: int = 16,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """(indices (n x k) int32, cosines (n x k) float32) of each row's k nearest other-group rows."""
    E = np.ascontiguousarray(E, dtype=np.float32)
    n = len(E)
    groups = np.arange(n) if groups is None else np.asarray(groups)
    if n <= exact_max:
        return _exact(E, k, groups)
    return _ivf(E, k, groups, probe, seed)


def best_per_row(scores: np.ndarray, cols: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row of `scores` (candidates `cols`), the k best: (column ids, scores), -1 / -inf padded."""
    m = scores.shape[1]
    idx = np.full((len(scores), k), -1, np.int32)
    val = np.full((len(scores), k), -np.inf, np.float32)
    if m == 0:
        return idx, val
    kk = min(k, m)
    part = (
        np.argpartition(-scores, kk - 1, axis=1)[:, :kk]
        if m > kk
        else np.tile(np.arange(m), (len(scores), 1))
    )
    s = np.take_along_axis(scores, part, axis=1)
    c = cols[part]
    order = _order(s, c)
    s, c = np.take_along_axis(s, order, axis=1), np.take_along_axis(c, order, axis=1)
    ok = np.isfinite(s)
    idx[:, :kk] = np.where(ok, c, -1)
    val[:, :kk] = s
    return idx, val


def _order(s: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Row-wise order by score descending, then column ascending (two stable sorts)."""
    by_col = np.argsort(c, axis=1, kind="stable")
    by_score = np.argsort(-np.take_along_axis(s, by_col, axis=1), axis=1, kind="stable")
    return np.take_along_axis(by_col, by_score, axis=1)


def _exact(E: np.ndarray, k: int, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(E)
    idx = np.full((n, k), -1, np.int32)
    val = np.full((n, k), -np.inf, np.float32)
    cols = np.arange(n)
    for s in range(0, n, BLOCK):
        rows = slice(s, min(n, s + BLOCK))
        S = E[rows] @ E.T
        S[groups[rows, None] == groups[None, :]] = -np.inf
        idx[rows], val[rows] = best_per_row(S, cols, k)
    return idx, val


def _kmeans(E: np.ndarray, cells: int, seed: int, iters: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """(cell of each row, unit centroids) by spherical k-means (seeded sample start, a few rounds)."""
    rng = np.random.default_rng(seed)
    C = E[rng.choice(len(E), cells, replace=False)].copy()
    for _ in range(iters):
        assign = _assign(E, C)
        sums = np.zeros_like(C)
        np.add.at(sums, assign, E)
        empty = np.linalg.norm(sums, axis=1) == 0
        sums[empty] = C[empty]
        C = sums / np.linalg.norm(sums, axis=1, keepdims=True)
    return _assign(E, C), C


def _assign(E: np.ndarray, C: np.ndarray) -> np.ndarray:
    out = np.empty(len(E), np.int64)
    for s in range(0, len(E), 4 * BLOCK):
        out[s : s + 4 * BLOCK] = np.argmax(E[s : s + 4 * BLOCK] @ C.T, axis=1)
    return out


def _ivf(E: np.ndarray, k: int, groups: np.ndarray, probe: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    n = len(E)
    cells = max(2, int(math.sqrt(n)))
    assign, C = _kmeans(E, cells, seed)
    near = np.argsort(-(C @ C.T), axis=1, kind="stable")[:, : min(probe, cells)]
    members = [np.flatnonzero(assign == c) for c in range(cells)]
    idx = np.full((n, k), -1, np.int32)
    val = np.full((n, k), -np.inf, np.float32)
    for c in range(cells):
        q = members[c]
        if len(q) == 0:
            continue
        cand = np.sort(np.concatenate([members[d] for d in near[c]]))
        for s in range(0, len(q), BLOCK):
            rows = q[s : s + BLOCK]
            S = E[rows] @ E[cand].T
            S[groups[rows, None] == groups[None, cand]] = -np.inf
            idx[rows], val[rows] = best_per_row(S, cand, k)
    return idx, val
