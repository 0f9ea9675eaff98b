"""From the top lists to the links: which pairs are linked, which end was reported first, and the
`SimilarityLink` records (kg/model.py) the stage writes.

A link joins two practices when one is among the other's `top_k` (engine.Tops), so a practice can have
more than `top_k` links. A pair is a key lo * n + hi over the model's row numbers.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from kg.link.engine import Tops, compute_tops, reasons_many
from kg.link.model import Model
from kg.model import SimilarityLink


def pair_keys(t: Tops) -> np.ndarray:
    """Every link as lo * n + hi (sorted, unique)."""
    return links_touching(t, None)


def links_touching(t: Tops, rows: np.ndarray | None) -> np.ndarray:
    """The links (lo * n + hi, sorted, unique) with an end among `rows` (default: all links)."""
    n = len(t.top)
    i = np.repeat(np.arange(n, dtype=np.int64), t.top.shape[1])
    j = t.top.ravel().astype(np.int64)
    ok = j >= 0
    if rows is not None:
        mark = np.zeros(n, bool)
        mark[rows] = True
        ok &= mark[i] | mark[np.maximum(j, 0)]
    i, j = i[ok], j[ok]
    return np.unique(np.minimum(i, j) * n + np.maximum(i, j))


def ordered_pairs(m: Model, t: Tops, keys: np.ndarray) -> list[tuple[int, int, float]]:
    """(first, second, score) of link keys: first = reported first (bulletin date, then IRI)."""
    n = len(t.top)
    lo, hi = keys // n, keys % n
    dates, iri = m.cols["date"], m.cols["iri"]
    if len(keys) > 5000:
        order = sorted(range(n), key=lambda k: ((dates[k] or "9999"), iri[k]))
        rank = np.empty(n, np.int64)
        rank[np.array(order, dtype=np.int64)] = np.arange(n)
        swap = rank[lo] > rank[hi]
    else:
        swap = np.array(
            [
                ((dates[a] or "9999"), iri[a]) > ((dates[b] or "9999"), iri[b])
                for a, b in zip(lo.tolist(), hi.tolist(), strict=True)
            ],
            dtype=bool,
        )
    # the score as listed by either end (a pair's score does not depend on its order)
    sa = np.where(t.top[lo] == hi[:, None], t.score[lo], -1.0).max(axis=1, initial=-1.0)
    sb = np.where(t.top[hi] == lo[:, None], t.score[hi], -1.0).max(axis=1, initial=-1.0)
    score = np.where(sa >= 0, sa, sb)
    first, second = np.where(swap, hi, lo), np.where(swap, lo, hi)
    return list(zip(first.tolist(), second.tolist(), score.tolist(), strict=True))


def link_pairs(m: Model, t: Tops | None = None) -> list[tuple[int, int, float]]:
    """(first, second, score) of every link."""
    t = compute_tops(m) if t is None else t
    return ordered_pairs(m, t, pair_keys(t))


def iter_links(m: Model, pairs: list[tuple[int, int, float]]) -> Iterator[SimilarityLink]:
    """The links with their reasons, computed as they are written (not all held at once)."""
    why = reasons_many(m, [(i, j) for i, j, _ in pairs])
    iri = m.cols["iri"]
    for (i, j, s), r in zip(pairs, why, strict=True):
        yield SimilarityLink(iri[i], iri[j], s, r)
