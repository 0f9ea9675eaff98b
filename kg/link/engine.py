"""Candidates, scores, top-k and reasons.

Candidates are not all pairs: a chunked sparse product of each practice's heaviest terms against an index
pruned to each practice's heaviest terms and each term's heaviest practices (Model.candidate_matrices)
gives `n_candidates` other-locality practices per row; those are re-scored with the full text vectors and
the concept features. Every step works row by row, so the links of a practice do not depend on which other
rows were computed with it (incremental relinking relies on this).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from kg.link.model import Model
from kg.link.profile import feedback_profile


@dataclass(frozen=True)
class Reasons:
    targets: tuple[str, ...] = ()  # shared target-group concept IRIs, most specific first
    types: tuple[str, ...] = ()  # shared practice-type concept IRIs
    terms: tuple[str, ...] = ()  # telling shared words, heaviest first
    brand: str | None = None
    documents: tuple[str, ...] = ()  # shared policy document IRIs

    @property
    def concepts(self) -> tuple[str, ...]:
        return self.targets + self.types


def pair_scores(m: Model, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(combined score, text cosine) for the pairs (i[k], j[k])."""
    if len(i) == 0:
        z = np.zeros(0, np.float32)
        return z, z
    text = np.asarray(m.X[i].multiply(m.X[j]).sum(axis=1)).ravel()
    tg = m.target_scores(i, j)
    ty = m.type_scores(i, j)
    brand = ((m.brands[i] == m.brands[j]) & (m.brands[i] >= 0)).astype(np.float32)
    doc = (np.asarray(m.D[i].multiply(m.D[j]).sum(axis=1)).ravel() > 0).astype(np.float32)
    score = m.params.combine(text, tg, ty, brand, doc)
    return np.clip(score, 0.0, 1.0), text


def _top_in_row(data: np.ndarray, cols: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k largest values (ties: lowest column first), deterministic."""
    if len(data) <= k:
        return np.arange(len(data))
    kth = np.partition(data, len(data) - k)[len(data) - k]
    above = np.flatnonzero(data > kth)
    ties = np.flatnonzero(data == kth)
    ties = ties[np.argsort(cols[ties], kind="stable")][: k - len(above)]
    return np.concatenate([above, ties])


def candidates(m: Model, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (i, j) for the given rows: other group, sharing some heavy term."""
    query, index_t = m.candidate_matrices()
    p = m.params
    out_i, out_j = [], []
    for start in range(0, len(rows), p.chunk):
        chunk = rows[start : start + p.chunk]
        s = sp.csr_matrix(query[chunk] @ index_t)  # unsorted columns: _top_in_row orders ties itself
        lens = np.diff(s.indptr)
        ri = np.repeat(chunk, lens)
        data = np.where(m.groups[s.indices] != m.groups[ri], s.data, 0.0)
        for r in range(len(chunk)):
            a, b = s.indptr[r], s.indptr[r + 1]
            d, c = data[a:b], s.indices[a:b]
            pos = _top_in_row(d, c, p.n_candidates)
            pos = pos[d[pos] > 0]
            out_i.append(np.full(len(pos), chunk[r], dtype=np.int64))
            out_j.append(c[pos].astype(np.int64))
    if not out_i:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(out_i), np.concatenate(out_j)


def top_links(m: Model, rows: Iterable[int]) -> dict[int, list[tuple[int, float]]]:
    """For each row, its best `top_k` other-locality practices scoring at least `threshold`."""
    rows = np.asarray(sorted(set(rows)), dtype=np.int64)
    out: dict[int, list[tuple[int, float]]] = {int(r): [] for r in rows}
    p = m.params
    for start in range(0, len(rows), p.chunk):
        ci, cj = candidates(m, rows[start : start + p.chunk])
        score, _ = pair_scores(m, ci, cj)
        score = np.round(score.astype(np.float64), 3)
        keep = score >= p.threshold
        ci, cj, score = ci[keep], cj[keep], score[keep]
        order = np.lexsort((cj, -score, ci))
        for k in order.tolist():
            lst = out[int(ci[k])]
            if len(lst) < p.top_k:
                lst.append((int(cj[k]), float(score[k])))
    return out


def rank_vector(
    m: Model,
    vec: sp.csr_matrix,
    targets: tuple[str, ...],
    profile: np.ndarray,
    top: int,
    exclude_groups: set[int] | None = None,
) -> list[tuple[int, float]]:
    """Rank every practice against a free-text vector, its target groups and its type profile (one row:
    the full product is cheap); the best practice of each article, best first."""
    text = np.asarray((m.X @ vec.T).todense()).ravel()
    tg = np.array([m.tg.similarity(targets, r.targets)[0] for r in m.rows], np.float32) if targets else 0.0
    profile = feedback_profile(m.TP, text, profile, vec.nnz, m.params.feedback_docs, m.params.feedback_half)
    ty = m.TP @ profile if m.TP.shape[1] else 0.0
    score = np.round(np.clip(m.params.combine(text, tg, ty, 0.0, 0.0), 0, 1).astype(np.float64), 3)
    score = np.where(text > 0, score, 0.0)
    if exclude_groups:
        score[np.isin(m.groups, list(exclude_groups))] = 0.0
    order = [k for k in np.lexsort((np.arange(m.n), -score)).tolist() if score[k] > 0]
    return [(k, float(score[k])) for k in diversify(m, order, top)]


def diversify(m: Model, ranked: Iterable[int], top: int | None = None) -> list[int]:
    """Keep the first (best) practice of each article: a list of who does something similar names each
    article once, not the three neighbouring practices of one speech."""
    out, seen = [], set()
    for k in ranked:
        art = m.rows[k].article
        if art in seen:
            continue
        seen.add(art)
        out.append(k)
        if top is not None and len(out) >= top:
            break
    return out


def _row(x: sp.csr_matrix, i: int) -> tuple[np.ndarray, np.ndarray]:
    a, b = x.indptr[i], x.indptr[i + 1]
    return x.indices[a:b], x.data[a:b]


def shared_terms(
    m: Model, a: sp.csr_matrix | tuple, b: sp.csr_matrix | tuple, n: int = 5, min_share: float = 0.05
) -> tuple[str, ...]:
    """The words that carry most of the text similarity of two vectors (1-row matrices or (indices,
    data) with sorted indices), heaviest first; a word inside one already named is skipped."""
    ca, da = _row(a, 0) if isinstance(a, sp.csr_matrix) else a
    cb, db = _row(b, 0) if isinstance(b, sp.csr_matrix) else b
    common, ia, ib = np.intersect1d(ca, cb, assume_unique=True, return_indices=True)
    return _top_terms(m, common, da[ia] * db[ib], n, min_share)


def _top_terms(
    m: Model, cols: np.ndarray, prod: np.ndarray, n: int = 5, min_share: float = 0.05
) -> tuple[str, ...]:
    """Terms by their share of a similarity (products per shared column), heaviest first."""
    if len(cols) == 0:
        return ()
    total = float(prod.sum())
    out: list[str] = []
    for k in np.lexsort((cols, -prod)).tolist():
        if prod[k] < min_share * total or len(out) >= n:
            break
        term = m.terms[cols[k]]
        if any(term in t for t in out):  # 书记 after 村党组织书记 adds nothing
            continue
        if m.n >= 20 and m.df[cols[k]] > 0.5 * m.n:  # boilerplate (干部) is no reason
            continue
        out.append(term)
    return tuple(out)


def reasons(m: Model, i: int, j: int) -> Reasons:
    a, b = m.rows[i], m.rows[j]
    bk = m.brands[i]
    return Reasons(
        targets=m.tg.similarity(a.targets, b.targets)[1],
        types=m.types.shared(m.TP[i], m.TP[j]),
        terms=shared_terms(m, _row(m.X, i), _row(m.X, j)),
        brand=a.brand if bk >= 0 and bk == m.brands[j] else None,
        documents=tuple(sorted(set(a.documents) & set(b.documents))) if a.documents and b.documents else (),
    )


def reasons_many(m: Model, pairs: list[tuple[int, int]], chunk: int = 20_000) -> Iterator[Reasons]:
    """reasons() of many pairs, the heavy parts vectorised per chunk (same results, ~3x faster)."""
    for start in range(0, len(pairs), chunk):
        part = pairs[start : start + chunk]
        i = np.fromiter((a for a, _ in part), np.int64, len(part))
        j = np.fromiter((b for _, b in part), np.int64, len(part))
        prod = m.X[i].multiply(m.X[j]).tocsr()
        shared_types = m.types.shared_many(m.TP[i], m.TP[j])
        for k, (a, b) in enumerate(part):
            ra, rb = m.rows[a], m.rows[b]
            bk = m.brands[a]
            lo, hi = prod.indptr[k], prod.indptr[k + 1]
            yield Reasons(
                targets=m.tg.similarity(ra.targets, rb.targets)[1],
                types=shared_types[k],
                terms=_top_terms(m, prod.indices[lo:hi], prod.data[lo:hi]),
                brand=ra.brand if bk >= 0 and bk == m.brands[b] else None,
                documents=tuple(sorted(set(ra.documents) & set(rb.documents)))
                if ra.documents and rb.documents
                else (),
            )


def reason_labels(m: Model, r: Reasons, doc_titles: dict[str, str] | None = None) -> tuple[str, ...]:
    """Reasons as the plain labels a reader sees: concepts first, then brand, documents, words."""
    out: list[str] = []
    for c in r.concepts:
        out.append(m.scheme.label(c))
    if r.brand:
        out.append(r.brand)
    for d in r.documents:
        out.append(f"《{(doc_titles or {}).get(d, d.rsplit('/', 1)[-1])}》")
    out += list(r.terms)
    return tuple(dict.fromkeys(out))
