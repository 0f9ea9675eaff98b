"""The fitted similarity model: TF-IDF matrix, concept spaces, brands and documents of every practice.

TF-IDF: raw term counts times idf = (ln((N+1)/(df+1)) + 1) tapered to 0 for terms in more than half of the
practices, so a term every practice uses weighs 0 and 干部 / 工作 / 加强 weigh next to nothing; rows are
L2-normalised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from kg.link.concepts import ConceptSpace, Scheme
from kg.link.profile import TypeProfiles
from kg.link.rows import Bags, PracticeRow


@dataclass(frozen=True)
class Params:
    """Every knob of the link stage (tuned on the 'tune' half of tests/gold/similar_pairs.json)."""

    top_k: int = 5  # links kept per practice
    threshold: float = 0.07  # minimum combined score of a link: 90 % of the 'tune' gold pairs graded 0 score below it
    n_candidates: int = 40  # candidates per practice re-scored with all features
    query_terms: int = 24  # candidate query: a practice's heaviest terms only
    index_terms: int = 48  # candidate index: a practice is found through its heaviest terms only ...
    max_postings: int = 600  # ... and a term finds only the practices it weighs most in
    chunk: int = 512  # rows per sparse product
    text_saturation: float = 0.3  # a text cosine at or above this counts fully
    concept_floor: float = 0.1  # share of the text score a pair keeps with no concept in common
    concept_power: float = 0.75  # < 1 softens the concept factor
    w_types: float = 1.0  # weights inside the concept factor (normalised to sum 1)
    w_targets: float = 0.25
    w_brand: float = 0.1
    w_document: float = 0.1
    idf_floor: float = 1.0  # added to ln((N+1)/(df+1)): frequent topical words keep some weight ...
    boilerplate_df: float = 0.2  # ... but above this share of practices the weight falls, linearly ...
    boilerplate_end: float = 0.7  # ... to 0 at this share
    feedback_docs: int = 3  # free text: best text matches whose type profile completes the query's ...
    feedback_half: float = 5.0  # ... weighing as much as the query's own at this many query terms

    def combine(self, text, tg, ty, brand, doc):
        """score = text' * (floor + (1 - floor) * concepts): the same words *and* the same kind of practice.

        text' = min(1, cosine / text_saturation); concepts = weighted mean of type-profile similarity,
        target-group similarity, same brand, same policy document. Multiplying (rather than adding) keeps
        pairs that share only vocabulary, or only a broad type, low; on the gold pairs it ranked best."""
        t = np.minimum(1.0, np.asarray(text, dtype=np.float64) / self.text_saturation)
        total = self.w_types + self.w_targets + self.w_brand + self.w_document
        c = (self.w_types * ty + self.w_targets * tg + self.w_brand * brand + self.w_document * doc) / total
        return t * (self.concept_floor + (1.0 - self.concept_floor) * c) ** self.concept_power


def idf_weights(df: np.ndarray, n: int, p: Params) -> np.ndarray:
    """ln((N+1)/(df+1)) + idf_floor, tapering linearly to 0 between `boilerplate_df` of the practices
    and all of them: a word every practice uses weighs nothing, one in most weighs next to nothing."""
    idf = np.log((n + 1.0) / (df + 1.0)) + p.idf_floor
    share = df / max(n, 1)
    taper = np.clip((p.boilerplate_end - share) / max(1e-9, p.boilerplate_end - p.boilerplate_df), 0.0, 1.0)
    return (idf * taper).astype(np.float32)


def tf(w: np.ndarray) -> np.ndarray:
    """Raw counts: on this genre repetition is topical (a practice about 选调生 names them again and
    again); sublinear tf measured ~0.1 nDCG lower on the gold pairs."""
    return np.asarray(w, dtype=np.float32)


def _normalise(m: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms).astype(np.float32) @ m)


def _intern(values: Sequence, none=None) -> np.ndarray:
    ids: dict = {}
    out = np.empty(len(values), dtype=np.int64)
    for n, v in enumerate(values):
        out[n] = -1 if v == none else ids.setdefault(v, len(ids))
    return out


class Model:
    def __init__(self, rows: Sequence[PracticeRow], bags: Bags, scheme: Scheme, params: Params | None = None):
        self.rows = list(rows)
        self.params = params or Params()
        self.scheme = scheme
        self.index = {r.iri: n for n, r in enumerate(self.rows)}
        self.terms = bags.terms
        self.term_id = bags.term_id
        n, t = len(self.rows), len(bags.terms)
        lens = np.array([len(x) for x in bags.ids], dtype=np.int64)
        indptr = np.concatenate([[0], np.cumsum(lens)]).astype(np.int64)
        ids = np.concatenate(bags.ids) if n else np.zeros(0, np.int32)
        wts = np.concatenate(bags.wts) if n else np.zeros(0, np.float32)
        self.df = np.bincount(ids, minlength=t).astype(np.int64)
        self.n = n
        self.idf = idf_weights(self.df, n, self.params)
        raw = sp.csr_matrix((tf(wts) * self.idf[ids], ids, indptr), shape=(n, t))
        self.X = _normalise(raw)
        self.X.sort_indices()
        self.groups = _intern([r.group for r in self.rows])
        self.brands = _intern([_brand_key(r.brand) for r in self.rows], none="")
        self.tg = ConceptSpace(scheme, [r.targets for r in self.rows])
        self.tg_set = _intern([r.targets for r in self.rows])
        self._tg_sets = _unique_in_order([r.targets for r in self.rows])
        self.types = TypeProfiles(scheme, self.term_id, t)
        self.TP = self.types.profiles(self.X, [r.types for r in self.rows])
        docs = sorted({d for r in self.rows for d in r.documents})
        did = {d: k for k, d in enumerate(docs)}
        self.documents = docs
        di = [did[d] for r in self.rows for d in r.documents]
        dp = np.concatenate([[0], np.cumsum([len(r.documents) for r in self.rows])]).astype(np.int64)
        self.D = sp.csr_matrix(
            (np.ones(len(di), np.float32), np.array(di, np.int64), dp), shape=(n, len(docs))
        )
        self._index_side: tuple[sp.csr_matrix, sp.csr_matrix] | None = None

    # -- vectors ------------------------------------------------------------------------------
    def vector(self, bag: dict[str, float]) -> sp.csr_matrix:
        """A free text's TF-IDF row in this model's space (terms the corpus never uses are dropped)."""
        cols, vals = [], []
        for term, w in sorted(bag.items()):
            j = self.term_id.get(term)
            if j is not None and j < len(self.idf):
                cols.append(j)
                vals.append(float(tf(np.array([w]))[0] * self.idf[j]))
        m = sp.csr_matrix(
            (np.array(vals, np.float32), np.array(cols, np.int64), [0, len(cols)]), shape=(1, len(self.idf))
        )
        out = _normalise(m)
        out.sort_indices()
        return out

    def candidate_matrices(self) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """(query side, index side transposed) for candidate generation, both pruned so the product stays
        sparse: terms of one practice only are dropped (they match nothing); the query side keeps each
        practice's `query_terms` heaviest terms, the index side its `index_terms` heaviest, and each term's
        posting list only its `max_postings` heaviest practices (where the term matters most)."""
        if self._index_side is None:
            p = self.params
            keep = (self.df >= 2).astype(np.float32)
            x = sp.csr_matrix(self.X @ sp.diags(keep))
            x.eliminate_zeros()
            query = _top_per_row(x, p.query_terms)
            index = _top_per_row(x, p.index_terms)
            index_t = _top_per_row(sp.csr_matrix(index.T), p.max_postings)
            self._index_side = (query, index_t)
        return self._index_side

    # -- concept similarity for many pairs -------------------------------------------------------
    def type_scores(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Cosine of the practice-type profiles of the pairs."""
        if self.TP.shape[1] == 0:
            return np.zeros(len(i), np.float32)
        return np.einsum("ij,ij->i", self.TP[i], self.TP[j])

    def target_scores(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Target-group set similarity of the pairs (memoised per distinct pair of sets)."""
        space, setid, sets = self.tg, self.tg_set, self._tg_sets
        a, b = setid[i], setid[j]
        m = len(sets) + 1
        key = a * m + b
        uniq, inv = np.unique(key, return_inverse=True)
        vals = np.array(
            [space.similarity(sets[k // m], sets[k % m])[0] for k in uniq.tolist()], dtype=np.float32
        )
        return vals[inv] if len(uniq) else np.zeros(len(i), np.float32)


def _unique_in_order(values: Sequence) -> list:
    seen: dict = {}
    for v in values:
        seen.setdefault(v, len(seen))
    return list(seen)


def _brand_key(brand: str | None) -> str:
    if not brand:
        return ""
    return "".join(ch for ch in brand if ch not in "“”\"'‘’「」《》 ").lower()


def _top_per_row(m: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """Keep the k largest entries of each row (ties: lower column first)."""
    m = m.tocsr()
    lens = np.diff(m.indptr)
    if lens.size == 0 or lens.max() <= k:
        return m.copy()
    rows = np.repeat(np.arange(m.shape[0]), lens)
    order = np.lexsort((m.indices, -m.data, rows))
    rank = np.arange(order.size) - np.repeat(m.indptr[:-1], lens)
    keep = order[rank < k]
    keep.sort()
    out = sp.csr_matrix(
        (m.data[keep], m.indices[keep], np.concatenate([[0], np.cumsum(np.minimum(lens, k))])), shape=m.shape
    )
    return out
