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

from kg.lazyre import lazy
from kg.link.model import Model
from kg.link.profile import feedback_profile
from kg.model import Reasons


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
    if m.sem is not None:
        _, z = m.sem.pairs(i, j)
        score = m.params.blend(text, m.params.concepts(tg, ty, brand, doc), z)
    else:
        score = m.params.combine(text, tg, ty, brand, doc)
    return np.clip(score, 0.0, 1.0), text


def _top_in_row(data: np.ndarray, cols: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k largest values, best first (ties: lowest column first), deterministic."""
    if len(data) > k:
        kth = np.partition(data, len(data) - k)[len(data) - k]
        pos = np.flatnonzero(data >= kth)
    else:
        pos = np.arange(len(data))
    return pos[np.lexsort((cols[pos], -data[pos]))][:k]


@dataclass
class Tops:
    """Per row: its candidates (`n_candidates` best by the pruned candidate product, best first, ties
    lower index first, -1 padded) and its links (`top_k` best by score, same order). A link of the graph
    is a pair where one end is among the other's top. Kept with the model so that added rows update it."""

    cand: np.ndarray  # (n, n_candidates) int32
    cval: np.ndarray  # (n, n_candidates) float32
    top: np.ndarray  # (n, top_k) int32
    score: np.ndarray  # (n, top_k) float64, rounded to 3 decimals

    @classmethod
    def empty(cls, n: int, p) -> Tops:
        return cls(
            np.full((n, p.n_candidates), -1, np.int32),
            np.zeros((n, p.n_candidates), np.float32),
            np.full((n, p.top_k), -1, np.int32),
            np.zeros((n, p.top_k), np.float64),
        )

    def as_dict(self, rows: Iterable[int] | None = None) -> dict[int, list[tuple[int, float]]]:
        rows = range(len(self.top)) if rows is None else rows
        return {
            int(r): [(int(j), float(s)) for j, s in zip(self.top[r], self.score[r], strict=True) if j >= 0]
            for r in rows
        }

    def remap(self, old_to_new: np.ndarray, n: int) -> Tops:
        """The same lists after `Model.drop` (rows renumbered, dropped ones gone) and room for rows up
        to n; a dropped neighbour leaves a -1 hole (such rows must be recomputed)."""
        keep = old_to_new >= 0
        out = Tops.empty(n, _P(self.cand.shape[1], self.top.shape[1]))
        m = int(keep.sum())
        if m == len(keep):  # nothing dropped (a new bulletin): the same numbers, more room
            out.cand[:m], out.cval[:m], out.top[:m], out.score[:m] = (
                self.cand,
                self.cval,
                self.top,
                self.score,
            )
            return out

        def fix(a: np.ndarray) -> np.ndarray:
            return np.where(a >= 0, old_to_new[np.maximum(a, 0)], -1)

        out.cand[:m], out.cval[:m] = fix(self.cand[keep]), self.cval[keep]
        out.top[:m], out.score[:m] = fix(self.top[keep]), self.score[keep]
        return out


@dataclass(frozen=True)
class _P:
    n_candidates: int
    top_k: int


def candidates(m: Model, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The candidate lists of the given rows: other-group rows sharing some heavy term, the
    `n_candidates` best by the pruned product (best first, ties lower index first, -1 padded)."""
    query, index_t = m.candidate_matrices()
    p = m.params
    rows = np.asarray(rows, dtype=np.int64)
    cand = np.full((len(rows), p.n_candidates), -1, np.int64)
    cval = np.zeros((len(rows), p.n_candidates), np.float32)
    for start in range(0, len(rows), p.chunk):
        chunk = rows[start : start + p.chunk]
        s = sp.csr_matrix(query[chunk] @ index_t)  # unsorted columns: _top_in_row orders ties itself
        ri = np.repeat(chunk, np.diff(s.indptr))
        data = np.where(m.groups[s.indices] != m.groups[ri], s.data, 0.0).astype(np.float32)
        for r in range(len(chunk)):
            a, b = s.indptr[r], s.indptr[r + 1]
            d, c = data[a:b], s.indices[a:b]
            pos = _top_in_row(d, c, p.n_candidates)
            pos = pos[d[pos] > 0]
            cand[start + r, : len(pos)] = c[pos]
            cval[start + r, : len(pos)] = d[pos]
    return cand, cval


def semantic_candidates(m: Model, rows: np.ndarray) -> np.ndarray:
    """Each row's `sem_candidates` nearest other-locality practices by embedding (-1 padded): fusion, not
    a gate -- a practice that shares no heavy word with another can still become its candidate."""
    rows = np.asarray(rows, dtype=np.int64)
    if m.sem is None or m.params.sem_candidates <= 0:
        return np.full((len(rows), 0), -1, np.int64)
    idx, _ = m.sem.nearest(rows, m.params.sem_candidates, m.groups)
    return idx.astype(np.int64)


def best_links(
    m: Model, rows: np.ndarray, cand: np.ndarray, extra: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's `top_k` best candidates scoring at least the link threshold (best first, ties lower
    index); `extra`: more candidates per row (the semantic ones), merged without repeats."""
    p = m.params
    rows = np.asarray(rows, dtype=np.int64)
    top = np.full((len(rows), p.top_k), -1, np.int64)
    score = np.zeros((len(rows), p.top_k), np.float64)
    if extra is not None and extra.shape[1]:
        cand = np.hstack([cand, extra])
    r, k = np.nonzero(cand >= 0)
    cj = cand[r, k].astype(np.int64)
    if extra is not None and extra.shape[1]:
        key = np.unique(r * (m.n + 1) + cj)
        r, cj = key // (m.n + 1), key % (m.n + 1)
    ci = rows[r]
    s, _ = pair_scores(m, ci, cj)
    s = np.round(s.astype(np.float64), 3)
    keep = s >= m.link_threshold
    r, cj, s = r[keep], cj[keep], s[keep]
    order = np.lexsort((cj, -s, r))
    r, cj, s = r[order], cj[order], s[order]
    first = np.searchsorted(r, r)  # r is sorted: rank of each entry within its row
    rank = np.arange(len(r)) - first
    ok = rank < p.top_k
    top[r[ok], rank[ok]] = cj[ok]
    score[r[ok], rank[ok]] = s[ok]
    return top, score


def compute_tops(m: Model, rows: Iterable[int] | None = None) -> Tops:
    """Candidates and links of the given rows (default all; other rows are left empty)."""
    rows = np.arange(m.n) if rows is None else np.asarray(sorted(set(rows)), dtype=np.int64)
    t = Tops.empty(m.n, m.params)
    for start in range(0, len(rows), m.params.chunk * 4):
        part = rows[start : start + m.params.chunk * 4]
        t.cand[part], t.cval[part] = candidates(m, part)
        t.top[part], t.score[part] = best_links(m, part, t.cand[part], semantic_candidates(m, part))
    return t


def top_links(m: Model, rows: Iterable[int]) -> dict[int, list[tuple[int, float]]]:
    """For each row, its best `top_k` other-locality practices scoring at least `threshold`."""
    rows = sorted(set(rows))
    return compute_tops(m, rows).as_dict(rows)


def update_tops(m: Model, t: Tops, new: np.ndarray, redo: np.ndarray) -> tuple[Tops, np.ndarray]:
    """Tops after rows were added (`new`, already in the model and in `t` as empty rows) and others
    dropped (`redo`: the rows whose candidates held a dropped row). Equal to compute_tops(m) when `t` was
    equal to it before (the candidate index of old rows does not change: see Model.extend), but only
    the rows a new row enters are touched. Returns (tops, rows whose links changed)."""
    p = m.params
    new = np.asarray(new, dtype=np.int64)
    if m.sem is not None:
        return _recompute_tops(m, t)
    query, index_t = m.candidate_matrices()
    is_new = np.zeros(m.n, bool)
    is_new[new] = True
    is_new[redo] = True
    # the candidate product of every old row with each new row: query(j) . index(c), as candidates() does
    s = sp.csr_matrix(query @ index_t[:, new]) if len(new) else sp.csr_matrix((m.n, 0), dtype=np.float32)
    j = np.repeat(np.arange(m.n), np.diff(s.indptr))
    c = new[s.indices]
    v = s.data.astype(np.float32)
    ok = (v > 0) & ~is_new[j] & (m.groups[j] != m.groups[c])
    j, c, v = j[ok], c[ok], v[ok]
    # does c beat the last candidate of j (or is there room)?
    last_c, last_v = t.cand[j, -1], t.cval[j, -1]
    enters = (last_c < 0) | (v > last_v) | ((v == last_v) & (c < last_c))
    j, c, v = j[enters], c[enters], v[enters]
    touched = np.unique(j)
    changed = [touched[:0]]
    if len(touched):
        # merge: the old candidates of the touched rows and the entering new rows, best n_candidates kept
        oc, top_old = t.cand[touched], t.top[touched]
        cand, cval, old_pos, (ti, c, v, pos) = _merge_lists(
            oc, t.cval[touched], np.searchsorted(touched, j), c, v
        )
        # a row that lost a candidate it linked to is recomputed; the others merge the new rows' scores
        out = (oc >= 0) & (old_pos >= oc.shape[1])
        lost = (out[:, :, None] & (oc[:, :, None] == top_old[:, None, :])).any(axis=(1, 2))
        t.cand[touched], t.cval[touched] = cand, cval
        rescore = touched[lost]  # their merged candidate lists are right: only the links are rescored
        merge = touched[~lost]
        sel = (pos < oc.shape[1]) & ~lost[ti]
        mj, mc = touched[ti[sel]], c[sel]
        ms, _ = pair_scores(m, mj, mc)
        ms = np.round(ms.astype(np.float64), 3)
        good = ms >= p.threshold
        top, score, _, _ = _merge_lists(
            t.top[merge], t.score[merge], np.searchsorted(merge, mj[good]), mc[good], ms[good]
        )
        moved = (top != t.top[merge]).any(axis=1)
        t.top[merge], t.score[merge] = top, score
        changed = [merge[moved], rescore]
        if len(rescore):
            t.top[rescore], t.score[rescore] = best_links(m, rescore, t.cand[rescore])
    full = np.union1d(new, redo).astype(np.int64)
    if len(full):
        t.cand[full], t.cval[full] = candidates(m, full)
        t.top[full], t.score[full] = best_links(m, full, t.cand[full])
    return t, np.union1d(np.concatenate(changed), full).astype(np.int64)


def _recompute_tops(m: Model, t: Tops) -> tuple[Tops, np.ndarray]:
    """update_tops with the semantic layer on: every row recomputed (a new practice can enter any row's
    semantic candidates, and the lists are cheap next to the links' reasons); the rows whose links
    changed are those whose top list differs."""
    full = compute_tops(m)
    changed = np.flatnonzero((full.top != t.top).any(axis=1) | (full.score != t.score).any(axis=1))
    t.cand[:], t.cval[:], t.top[:], t.score[:] = full.cand, full.cval, full.top, full.score
    return t, changed.astype(np.int64)


def _merge_lists(oc, ov, ti, nc, nv):
    """New entries merged into sorted lists, without sorting the lists again (they are most of the
    entries). Rows of oc/ov: columns and values best first (higher value, then lower column), -1 padded;
    new entry k goes to row ti[k]. Returns the best w of each row (columns, values), each old entry's new
    position, and the new entries in merged order (ti, nc, nv) with their positions (>= w: left out)."""
    r, w = oc.shape
    o = np.lexsort((nc, -nv, ti))
    ti, nc, nv = ti[o], nc[o], nv[o]
    c, v = oc[ti], ov[ti]
    ahead = ((c >= 0) & ((v > nv[:, None]) | ((v == nv[:, None]) & (c < nc[:, None])))).sum(axis=1)
    new_pos = ahead + _rank(ti)  # old entries that beat it, and the new ones before it in its row
    # an old entry moves down by the new entries before it: those that fewer old entries beat
    before = np.zeros((r, w + 1), np.int64)
    np.add.at(before, (ti, ahead), 1)
    old_pos = np.cumsum(oc >= 0, axis=1) - 1 + np.cumsum(before, axis=1)[:, :w]
    cols, vals = np.full((r, w), -1, oc.dtype), np.zeros((r, w), ov.dtype)
    ri, ki = np.nonzero((oc >= 0) & (old_pos < w))
    cols[ri, old_pos[ri, ki]], vals[ri, old_pos[ri, ki]] = oc[ri, ki], ov[ri, ki]
    k = new_pos < w
    cols[ti[k], new_pos[k]], vals[ti[k], new_pos[k]] = nc[k], nv[k]
    return cols, vals, old_pos, (ti, nc, nv, new_pos)


def _rank(sorted_rows: np.ndarray) -> np.ndarray:
    """Position of each entry within its run of equal (sorted) row numbers."""
    return np.arange(len(sorted_rows)) - np.searchsorted(sorted_rows, sorted_rows)


SHORTLIST_MARGIN = 0.002  # > 2 x the estimate's error (~1e-6) + the 0.001 of rounding to 3 decimals


def rank_row(
    m: Model,
    i: int,
    top: int | None = None,
    eligible: np.ndarray | None = None,
    estimate: np.ndarray | None = None,
) -> list[tuple[int, float]]:
    """Every other-locality practice ranked against practice i by the link score (pair_scores of every
    pair (i, j)), best first, ties lower row: what its links are the head of.

    With `top`, the row is first estimated with matrix products (row_estimate: the same score to ~1e-6,
    summed in another order), and only practices within SHORTLIST_MARGIN of the top-th estimate are
    scored exactly: no practice left out could have reached the top, so the answer is that of scoring
    every pair, at a fraction of the cost (pair by pair, a row of 35,000 practices took ~0.2 s).
    `estimate`: row i of row_estimates, when the caller computed several rows at once."""
    j = np.flatnonzero(m.groups != m.groups[i])
    if len(j) == 0:
        return []
    if top is not None and len(j) > 4 * top:
        est = estimate[j] if estimate is not None else row_estimate(m, i, j)
        if est is not None:
            pool = np.flatnonzero(eligible[j]) if eligible is not None else np.arange(len(j))
            if len(pool) > top:
                kth = np.partition(est[pool], len(pool) - top)[len(pool) - top]
                pool = pool[est[pool] >= kth - SHORTLIST_MARGIN]
            j = j[pool]
    s, _ = pair_scores(m, np.full(len(j), i, np.int64), j)
    s = np.round(s.astype(np.float64), 3)
    order = np.lexsort((j, -s))
    keep = s[order] > 0
    if eligible is not None:  # rows a caller would skip (another place's filter), dropped in numpy
        keep &= eligible[j[order]]
    order = order[keep][:top]
    return [(int(j[k]), float(s[k])) for k in order]


def row_estimate(m: Model, i: int, j: np.ndarray) -> np.ndarray | None:
    """pair_scores(m, i, j)'s combined score to ~1e-6, from products with row i (not pair by pair);
    None when a feature has no row form."""
    est = row_estimates(m, np.array([i]))
    return None if est is None else est[0, j]


def row_estimates(m: Model, rows: np.ndarray) -> np.ndarray | None:
    """row_estimate of each of `rows` against every practice (len(rows) x n), as matrix products: a
    place's practices at once cost little more than one of them."""
    rows = np.asarray(rows, np.int64)
    tg = [m.target_row(int(i)) for i in rows]
    if any(t is None for t in tg):
        return None
    tg = np.vstack(tg) if len(rows) else np.zeros((0, m.n), np.float32)
    text = (m.X @ m.X[rows].T.toarray()).T  # one pass over X (a sparse @ sparse costs 30x more)
    ty = m.TP[rows] @ m.TP.T if m.TP.shape[1] else np.zeros((len(rows), m.n), np.float32)
    brand = ((m.brands[None, :] == m.brands[rows, None]) & (m.brands[rows, None] >= 0)).astype(np.float32)
    doc = ((m.D @ m.D[rows].T.toarray()).T > 0).astype(np.float32)
    if m.sem is not None:
        score = m.params.blend(text, m.params.concepts(tg, ty, brand, doc), m.sem.rows(rows))
    else:
        score = m.params.combine(text, tg, ty, brand, doc)
    return np.clip(score, 0.0, 1.0)


def vector_scores(m: Model, vec, targets, profile, emb_z=None) -> np.ndarray:
    """The score of every practice for a free text (rounded to 3 decimals): the calibrated blend with the
    semantic layer, else the lexical x concept product (0 without a shared word)."""
    text = np.asarray((m.X @ vec.T).todense()).ravel()
    tg = np.array([m.tg.similarity(targets, t)[0] for t in m.cols["targets"]], np.float32) if targets else 0.0
    profile = feedback_profile(m.TP, text, profile, vec.nnz, m.params.feedback_docs, m.params.feedback_half)
    ty = m.TP @ profile if m.TP.shape[1] else 0.0
    if m.sem is not None and emb_z is not None:
        score = m.params.text_blend(text, m.params.concepts(tg, ty, 0.0, 0.0), emb_z)
    else:
        score = np.where(text > 0, m.params.combine(text, tg, ty, 0.0, 0.0), 0.0)
    return np.round(np.clip(np.broadcast_to(score, (m.n,)), 0, 1).astype(np.float64), 3)


def diversify(m: Model, ranked: Iterable[int], top: int | None = None) -> list[int]:
    """Keep the first (best) practice of each article: a list of who does something similar names each
    article once, not the three neighbouring practices of one speech."""
    out, seen = [], set()
    for k in ranked:
        art = m.row(k).article
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
    """Terms by their share of a similarity (products per shared column, in column order), heaviest
    first; the reference for _top_terms_many."""
    if len(cols) == 0:
        return ()
    total = float(np.cumsum(prod.astype(np.float64))[-1])  # sequential: the same sum as bincount
    out: list[str] = []
    for k in np.lexsort((cols, -prod)).tolist():
        if prod[k] < np.float32(min_share * total) or len(out) >= n:
            break
        term = m.terms[cols[k]]
        if any(term in t for t in out):  # 书记 after 村党组织书记 adds nothing
            continue
        if _boilerplate(m, cols[k]):  # 干部 is no reason
            continue
        out.append(term)
    return tuple(out)


def _boilerplate(m: Model, col):
    """A word that is no reason: one most practices use (干部), or filler of the genre (see FILLER), or a
    single character (a vocabulary's short label such as 管 or 育: the concept is named by its full
    label among the shared types instead)."""
    col = np.asarray(col)
    common = (m.n_fit >= 20) & (m.df[col] > 0.5 * m.n_fit)
    weak = _weak_terms(m)[col]
    return common | weak if col.ndim else bool(common or weak)


def _weak_terms(m: Model) -> np.ndarray:
    """Per term: filler, one character or what is left of a figure (memoised per vocabulary size)."""
    memo = m.__dict__.get("_weak_memo")
    if memo is None or len(memo) != len(m.terms):
        memo = np.fromiter((is_weak_term(t) for t in m.terms), bool, len(m.terms))
        m.__dict__["_weak_memo"] = memo
    return memo


def is_weak_term(t: str) -> bool:
    """No reason for a match: one character, filler, or the words of a figure whose number the
    segmenter cut off (余人次, 多名, 万元: two reports both counting people is no shared measure)."""
    return len(t) < 2 or t in FILLER or bool(_QUANTITY.match(t))


# an approximation marker and/or a magnitude before one measure word (one only: 条件, 个人 are words)
_QUANTITY = lazy(
    r"^[余多近约逾超]?[十百千万亿]?(?:人次|户次|人|名|个|件|场|期|批|项|户|条|元|套|台|篇|份|天|倍|亩|次|所|家)$"
)

# Words that make a sentence but never a reason: question words, hedges and the all-purpose verbs and
# nouns of official prose (general Chinese, not strings of any bulletin). Scores still use them (IDF
# weighs them); only explanations leave them out.
FILLER = frozenset(
    """
    是否 存在 情况 了解 问题 有没有 有无 怎么 怎样 怎么样 如何 哪些 什么 哪里 哪个 多少 为何 为什么 想要 想看 看看
    希望 需要 这种 那种 这样 那样 这个 那个 一样 类似 办法 做法 方式 方法 措施 举措 工作 开展 进行 实现 提升 提高
    加强 推进 推动 落实 坚持 建立 健全 完善 做好 深入 全面 积极 有效 主要 重点 具体 相应 一定 明显 持续 及时 各种
    有些 地方 起来 出来 一下 不是 没有 还有 可能 方面 有关 相关 其中 情形 状况 现象 事情 时候 部分 整体 全部 一起
    专门 经常 一直 已经 进一步 不断 切实 确保 注重 突出 强化 形成 发挥 作用 结合 围绕 依托 聚焦 用好 抓好 搞好
    做到 达到 得到 取得 组织 单位 有的 大家 人员 对象 内容 方式方法 工作机制 具体情况 实际 实际情况 基本 基本情况
    中共
    """.split()
)


def _top_terms_many(
    m: Model, prod: sp.csr_matrix, n: int = 5, min_share: float = 0.05
) -> list[tuple[str, ...]]:
    """_top_terms of every row of `prod` (the products of pairs, sorted columns), in a few array
    operations: a term is dropped when it is inside a heavier candidate of its row (by transitivity the
    same as inside a heavier *named* one)."""
    p = prod.shape[0]
    rows = np.repeat(np.arange(p), np.diff(prod.indptr))
    cols, vals = prod.indices.astype(np.int64), prod.data.astype(np.float32)
    total = np.bincount(rows, weights=vals.astype(np.float64), minlength=p)
    order = np.lexsort((cols, -vals, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    cand = ~(vals < (min_share * total[rows]).astype(np.float32)) & ~_boilerplate(m, cols)
    rows, cols = rows[cand], cols[cand]
    # each candidate (q) against every earlier candidate (e) of its row: is q's term inside e's?
    pos = _rank(rows)
    q = np.repeat(np.arange(len(rows)), pos)
    e = q - pos[q] + (np.arange(len(q)) - np.repeat(np.cumsum(pos) - pos, pos))
    inside = np.zeros(len(rows), bool)
    terms = m.terms
    if len(q):
        t = len(terms)
        uniq, inv = np.unique(cols[q] * t + cols[e], return_inverse=True)
        hit = np.array([terms[k // t] in terms[k % t] for k in uniq.tolist()], bool)[inv.ravel()]
        inside[q[hit]] = True
    rows, cols = rows[~inside], cols[~inside]
    keep = _rank(rows) < n
    rows, cols = rows[keep], cols[keep]
    out: list[tuple[str, ...]] = [()] * p
    if len(rows):
        for r, seg in _segments(rows, cols):
            out[r] = tuple(terms[c] for c in seg)
    return out


def _segments(rows: np.ndarray, cols: np.ndarray) -> Iterator[tuple[int, list[int]]]:
    """(row, its cols as a list) for each run of equal `rows` (sorted): np.split's way, without a numpy
    view per run (np.split cost ~1.4 s of CPU at 160k links)."""
    bounds = (np.flatnonzero(np.diff(rows)) + 1).tolist()
    heads = rows[[0, *bounds]].tolist()
    values = cols.tolist()
    for r, a, b in zip(heads, [0, *bounds], [*bounds, len(values)], strict=True):
        yield r, values[a:b]


def _shared_types_many(m: Model, a: np.ndarray, b: np.ndarray) -> list[tuple[str, ...]]:
    """m.types.shared() of every row pair of two profile matrices, the ancestor filter memoised."""
    from kg.link.profile import REASON_SHARE

    out: list[tuple[str, ...]] = [()] * len(a)
    if a.shape[1] == 0:
        return out
    prod = a * b
    total = prod.sum(axis=1, keepdims=True)
    big = (prod >= REASON_SHARE * total) & (total > 0)
    rr, kk = np.nonzero(big)
    if not len(rr):
        return out
    memo = m.__dict__.setdefault("_types_memo", {})
    concepts = m.types.concepts
    for r, seg in _segments(rr, kk):
        key = tuple(seg)
        keep = memo.get(key)
        if keep is None:
            keep = memo[key] = [
                k
                for k in key
                if not any(o != k and concepts[k] in m.scheme.ancestors(concepts[o]) for o in key)
            ]
        pr = prod[r]
        out[r] = tuple(concepts[k] for k in sorted(keep, key=lambda k: (-pr[k], concepts[k]))[:3])
    return out


def reasons(m: Model, i: int, j: int) -> Reasons:
    """Why two practices are similar (one pair; reasons_many gives the same for many)."""
    a, b = m.row(i), m.row(j)  # not m.rows: a loaded model would rebuild every row
    bk = m.brands[i]
    return Reasons(
        targets=m.tg.similarity(a.targets, b.targets)[1],
        types=m.types.shared(m.TP[i], m.TP[j]),
        terms=shared_terms(m, _row(m.X, i), _row(m.X, j)),
        brand=a.brand if bk >= 0 and bk == m.brands[j] else None,
        documents=tuple(sorted(set(a.documents) & set(b.documents))) if a.documents and b.documents else (),
    )


def reasons_many(m: Model, pairs: list[tuple[int, int]], chunk: int = 20_000) -> Iterator[Reasons]:
    """reasons() of many pairs, vectorised per chunk."""
    brand_of, docs_of = m.cols["brand"], m.cols["documents"]
    for start in range(0, len(pairs), chunk):
        part = pairs[start : start + chunk]
        i = np.fromiter((a for a, _ in part), np.int64, len(part))
        j = np.fromiter((b for _, b in part), np.int64, len(part))
        terms = _top_terms_many(m, m.X[i].multiply(m.X[j]).tocsr())
        types = _shared_types_many(m, m.TP[i], m.TP[j])
        same_brand = ((m.brands[i] == m.brands[j]) & (m.brands[i] >= 0)).tolist()
        tgi, tgj = m.tg_set[i].tolist(), m.tg_set[j].tolist()
        for k, (a, b) in enumerate(part):
            da, db = docs_of[a], docs_of[b]
            yield Reasons(
                targets=m.target_pair(tgi[k], tgj[k])[1],
                types=types[k],
                terms=terms[k],
                brand=brand_of[a] if same_brand[k] else None,
                documents=tuple(sorted(set(da) & set(db))) if da and db else (),
            )
