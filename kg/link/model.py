"""The fitted similarity model: TF-IDF matrix, concept spaces, brands and documents of every practice.

TF-IDF: raw term counts times idf = (ln((N+1)/(df+1)) + 1) tapered to 0 for terms in more than half of the
practices, so a term every practice uses weighs 0 and 干部 / 工作 / 加强 weigh next to nothing; rows are
L2-normalised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from kg.catalog.rows import LinkRow
from kg.catalog.scheme import Scheme
from kg.link.bags import Bags
from kg.link.concepts import ConceptSpace
from kg.link.profile import TypeProfiles

BANDS = ("做法相同", "相关", "较弱")  # gold grades 3 / 2 / 1 and below


@dataclass(frozen=True)
class Params:
    """Every knob of the link stage (tuned on the 'tune' half of tests/gold/similar_pairs.json)."""

    top_k: int = 5  # links kept per practice
    threshold: float = (
        0.07  # minimum combined score of a link: 90 % of the 'tune' gold pairs graded 0 score below it
    )
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
    # ... but above this share of practices the weight falls, linearly, to 0 at boilerplate_end. With the
    # calibrated blend a wider taper (0.2 -> 0.7, as before it) measured lower on the tune halves (practice
    # 0.658 vs 0.670, free text 0.835 vs 0.841, bench/similarity_quality.py --params): only a word (nearly)
    # every practice uses is weighed down now; explanations still leave out words most practices use.
    boilerplate_df: float = 0.99
    boilerplate_end: float = 1.0
    feedback_docs: int = 3  # free text: best text matches whose type profile completes the query's ...
    feedback_half: float = 5.0  # ... weighing as much as the query's own at this many query terms
    # the semantic layer (kg.semantic): a practice's embedding is unit(X @ W), W the static word table
    semantic: bool = True  # off: score = combine() (the lexical x concept product), as before
    sem_candidates: int = 20  # candidates per practice by embedding cosine, beside the lexical ones
    # the calibrated blend p = sigmoid(b0 + b_lex * cosine + b_concept * concepts + b_emb * emb_z),
    # p ~ expected gold grade / 3, fitted on the 'tune' queries only (bench/similarity_quality.py)
    blend_intercept: float = -5.1417
    blend_lex: float = 8.9862
    blend_concept: float = 7.0353
    blend_emb: float = 0.2838
    sem_threshold: float = 0.12  # minimum p of a link with the semantic layer on
    # free-text questions (kg similar --text, a report on a text) get the same blend fitted on the question
    # sets' tune halves only (free text F-tune and tune8: 62 questions; practice pairs are another task, a
    # practice's cosine with another runs differently from a question's): the embedding weighs ~3x more.
    # Measured on the held-out sets against the pair blend: paraphrase 0.756 -> 0.808, blind2 staffer
    # 0.813 -> 0.838, blind2 news 0.839 -> 0.893, blind7 staffer 0.869 -> 0.875, blind6 news 0.931 ->
    # 0.928, blind7 news 0.928 -> 0.911, free text test 0.861 -> 0.844 (bench/similarity_quality.py).
    # Not in repr: links never use it, so a store's saved link state stays current (kg.link.state.stamp).
    text_blend_intercept: float = field(default=-5.9142, repr=False)
    text_blend_lex: float = field(default=10.0544, repr=False)
    text_blend_concept: float = field(default=5.5884, repr=False)
    text_blend_emb: float = field(default=0.8051, repr=False)
    # a long text (a news article of several measures: one per paragraph, or 一是…二是…) is also scored
    # part by part: score = (1 - w) x the whole text's + w x its best part's, so a practice that matches
    # one measure closely is not drowned by the others. w = 0.5 set a priori; on the tuning half (tune8
    # news) w = 0.3 / 0.5 / 0.7 measured 0.950 / 0.948 / 0.939 (nDCG@5, bench/similarity_quality.py).
    # Against scoring the whole text only: tune8 news 0.935 -> 0.948, paraphrase 0.798 -> 0.803, blind2
    # news 0.882 -> 0.905, blind6 news 0.921 -> 0.934, blind7 news 0.916 -> 0.922, blind16 news 0.865 ->
    # 0.899; free text and staffer questions (shorter than part_min_text) unchanged.
    part_min_text: int = field(default=200, repr=False)  # characters of cleaned text
    part_weight: float = field(default=0.5, repr=False)

    def concepts(self, tg, ty, brand, doc):
        """Weighted mean of type-profile, target-group, same-brand and same-document agreement."""
        total = self.w_types + self.w_targets + self.w_brand + self.w_document
        return (
            self.w_types * ty + self.w_targets * tg + self.w_brand * brand + self.w_document * doc
        ) / total

    def blend(self, text, concepts, emb_z):
        """The calibrated fusion: each of lexical, concept and semantic evidence can lift a pair (a sum
        inside the logistic, not a product), so a practice with the same mechanism in other words and no
        concept in common still ranks. `emb_z`: the embedding cosine standardised per practice."""
        return self._blend("blend_", text, concepts, emb_z)

    def text_blend(self, text, concepts, emb_z):
        """blend() of a free-text question against practices, with the question weights."""
        return self._blend("text_blend_", text, concepts, emb_z)

    def _blend(self, prefix: str, text, concepts, emb_z):
        w = lambda name: getattr(self, prefix + name)  # noqa: E731
        x = (
            w("intercept")
            + w("lex") * np.asarray(text, np.float64)
            + w("concept") * np.asarray(concepts, np.float64)
            + w("emb") * np.asarray(emb_z, np.float64)
        )
        return 1.0 / (1.0 + np.exp(-x))

    band_same: float = (
        0.58  # fitted like the blend; p at or above: 做法相同 (gold grade 3: the same mechanism)
    )
    band_related: float = 0.29  # p at or above: 相关 (grade 2); below: 较弱 (grade 1 or none)

    def band(self, score: float) -> str:
        """The calibrated score in words (the same on every question); the lexical product of
        Params.semantic off is not calibrated and gets the same cut-offs only as a rough guide."""
        if score >= self.band_same:
            return BANDS[0]
        return BANDS[1] if score >= self.band_related else BANDS[2]

    def combine(self, text, tg, ty, brand, doc):
        """score = text' * (floor + (1 - floor) * concepts): the same words *and* the same kind of practice.

        text' = min(1, cosine / text_saturation); concepts = weighted mean of type-profile similarity,
        target-group similarity, same brand, same policy document. Multiplying (rather than adding) keeps
        pairs that share only vocabulary, or only a broad type, low; on the gold pairs it ranked best."""
        t = np.minimum(1.0, np.asarray(text, dtype=np.float64) / self.text_saturation)
        c = self.concepts(tg, ty, brand, doc)
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
    """Rows scaled to unit length: each entry times float32(1 / its row's norm), zeros dropped, columns
    sorted -- what diags(1 / norms) @ m gives, without the diagonal matrix (whose construction loads
    numpy.ma, 15 ms of every question's start)."""
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    inv = (1.0 / norms).astype(np.float32)
    out = sp.csr_matrix(
        (m.data.astype(np.float32) * np.repeat(inv, np.diff(m.indptr)), m.indices.copy(), m.indptr.copy()),
        shape=m.shape,
    )
    out.eliminate_zeros()
    out.sort_indices()
    return out


class Interner:
    """Values -> dense ids in order of first appearance (kept so that added rows get the same ids)."""

    def __init__(self, values: Sequence = (), none=None):
        self.none = none
        self.ids: dict = {}
        self.values: list = []
        self.assign(values)

    def assign(self, values: Sequence) -> np.ndarray:
        out = np.empty(len(values), dtype=np.int64)
        for n, v in enumerate(values):
            if v == self.none:
                out[n] = -1
                continue
            k = self.ids.get(v)
            if k is None:
                k = self.ids[v] = len(self.values)
                self.values.append(v)
            out[n] = k
        return out

    def __getstate__(self):
        return {"none": self.none, "values": self.values}

    def __setstate__(self, state):
        self.none, self.values = state["none"], state["values"]
        self.ids = {v: k for k, v in enumerate(self.values)}


ROW_FIELDS = (
    "iri",
    "graph",
    "group",
    "locality",
    "article",
    "date",
    "brand",
    "targets",
    "types",
    "documents",
)


class Model:
    """Everything the link stage knows about the practices: TF-IDF rows, concept features, the candidate
    index, per row. Rows can be added (`extend`) and dropped (`drop`) without refitting: the weights (IDF,
    concept specificity, type profiles) stay those of the last fit, so an added row is exactly what a fit
    would give it only for an unchanged corpus; a full `kg build` refits."""

    def __init__(
        self,
        rows: Sequence[LinkRow],
        bags: Bags,
        scheme: Scheme,
        params: Params | None = None,
        *,
        semantic: str | None = None,
        save_words: bool = True,
    ):
        """`semantic`: the store folder whose word table (kg.semantic, `<store>/semantic/`) embeds the
        practices; None (or Params.semantic off) leaves the semantic layer out. `save_words`: new words
        are kept in that table (a writer) or only computed (a reader)."""
        rows = list(rows)
        self.params = params or Params()
        self.scheme = scheme
        self.terms = bags.terms
        self._term_id: dict[str, int] | None = bags.term_id
        n, t = len(rows), len(bags.terms)
        lens = np.array([len(x) for x in bags.ids], dtype=np.int64)
        indptr = np.concatenate([[0], np.cumsum(lens)]).astype(np.int64)
        ids = np.concatenate(bags.ids) if n else np.zeros(0, np.int32)
        wts = np.concatenate(bags.wts) if n else np.zeros(0, np.float32)
        self.df = np.bincount(ids, minlength=t).astype(np.int64)
        self.n_fit = n  # practices the weights were fitted on
        self.idf = idf_weights(self.df, n, self.params)
        raw = sp.csr_matrix((tf(wts) * self.idf[ids], ids, indptr), shape=(n, t))
        self.X = _normalise(raw)
        self.X.sort_indices()
        self.tg = ConceptSpace(scheme, [r.targets for r in rows])
        self.types = TypeProfiles(scheme, self._term_id, t)
        self._group_ids, self._brand_ids, self._tg_ids = Interner(), Interner(none=""), Interner()
        self._doc_ids = Interner()
        self.cols: dict[str, list] = {f: [] for f in ROW_FIELDS}
        self.groups = self.brands = self.tg_set = np.zeros(0, np.int64)
        self.TP = np.zeros((0, len(self.types.concepts)), np.float32)
        self.D = sp.csr_matrix((0, 0), dtype=np.float32)
        self._append_features(rows, self.X)
        self._rows: list[LinkRow] | None = rows
        self._index: dict[str, int] | None = None
        self._index_side: tuple[sp.csr_matrix, sp.csr_matrix] | None = None
        self._tg_memo: dict[int, tuple[float, tuple[str, ...]]] = {}
        self.sem = None
        if semantic is not None and self.params.semantic:
            from kg.semantic.practice import Embeddings

            self.sem = Embeddings.fit(semantic, self.terms, self.X, save=save_words)

    # -- rows -----------------------------------------------------------------------------------
    @property
    def n(self) -> int:
        return len(self.cols["iri"])

    @property
    def rows(self) -> list[LinkRow]:
        """The practices (a loaded model rebuilds them from its columns, without their texts)."""
        if self._rows is None:
            c = self.cols
            self._rows = [
                LinkRow(iri, g, grp, loc, art, "", "", date, brand, tg, ty, docs)
                for iri, g, grp, loc, art, date, brand, tg, ty, docs in zip(
                    *(c[f] for f in ROW_FIELDS), strict=True
                )
            ]
        return self._rows

    def row(self, k: int) -> LinkRow:
        """rows[k], without rebuilding every row of a loaded model (a reader wants a few of 30k)."""
        if self._rows is not None:
            return self._rows[k]
        iri, g, grp, loc, art, date, brand, tg, ty, docs = (self.cols[f][k] for f in ROW_FIELDS)
        return LinkRow(iri, g, grp, loc, art, "", "", date, brand, tg, ty, docs)

    @property
    def link_threshold(self) -> float:
        """The minimum score of a link: of the calibrated blend with the semantic layer, else of the
        lexical product."""
        return self.params.sem_threshold if self.sem is not None else self.params.threshold

    @property
    def index(self) -> dict[str, int]:
        if self._index is None:
            self._index = {iri: n for n, iri in enumerate(self.cols["iri"])}
        return self._index

    @property
    def term_id(self) -> dict[str, int]:
        if self._term_id is None:
            self._term_id = {t: k for k, t in enumerate(self.terms)}
        return self._term_id

    @property
    def documents(self) -> list[str]:
        return self._doc_ids.values

    def _append_features(self, rows: Sequence[LinkRow], x: sp.csr_matrix) -> None:
        """Append the per-row features of `rows` (their TF-IDF rows `x`) with the current weights."""
        for (
            f
        ) in ROW_FIELDS:  # equal values as one object: pickle writes each once (3x faster state at 35k rows)
            self.cols[f] += _shared([getattr(r, f) for r in rows])
        self.groups = np.concatenate([self.groups, self._group_ids.assign([r.group for r in rows])])
        self.brands = np.concatenate(
            [self.brands, self._brand_ids.assign([_brand_key(r.brand) for r in rows])]
        )
        self.tg_set = np.concatenate([self.tg_set, self._tg_ids.assign([r.targets for r in rows])])
        fitted = self.types.cue.shape[0]  # cue words are the fitted terms' (a new one waits for a fit)
        x_fit = x if x.shape[1] == fitted else sp.csr_matrix(x[:, :fitted])
        self.TP = np.vstack([self.TP, self.types.profiles(x_fit, [r.types for r in rows])]).astype(np.float32)
        for r in rows:
            self._doc_ids.assign(r.documents)
        di = [self._doc_ids.ids[d] for r in rows for d in r.documents]
        dp = np.concatenate([[0], np.cumsum([len(r.documents) for r in rows])]).astype(np.int64)
        new = sp.csr_matrix(
            (np.ones(len(di), np.float32), np.array(di, np.int64), dp), shape=(len(rows), len(self.documents))
        )
        old = self.D
        old = sp.csr_matrix((old.data, old.indices, old.indptr), shape=(old.shape[0], len(self.documents)))
        self.D = sp.csr_matrix(sp.vstack([old, new], format="csr"))

    def extend(self, rows: Sequence[LinkRow], bags: Sequence[dict[str, float]]) -> np.ndarray:
        """Append practices with the fitted weights (terms the fit never saw are dropped, as for a free
        text); their index entries join the candidate index unpruned. Returns the new rows' indices."""
        start = self.n
        self._add_terms(sorted({t for b in bags for t in b if t not in self.term_id}))
        x = self.vectors(bags)
        if self._rows is not None:
            self._rows += list(rows)
        self._append_features(rows, x)
        self.X = sp.csr_matrix(sp.vstack([self.X, x], format="csr"))
        if self.sem is not None:
            self.sem = self.sem.extend(self.terms, x)
        self._index = None
        if self._index_side is not None:
            query, index_t = self._index_side
            q_new, i_new = self._pruned_sides(x)
            self._index_side = (
                sp.csr_matrix(sp.vstack([query, q_new], format="csr")),
                sp.csr_matrix(sp.hstack([index_t, i_new.T.tocsr()], format="csr")),
            )
        return np.arange(start, self.n, dtype=np.int64)

    def _add_terms(self, terms: list[str]) -> None:
        """Terms no fitted practice used weigh as a term of one practice (so an added practice keeps
        what is new in it); they match nothing through the candidate index until the next fit."""
        if not terms:
            return
        t0, t1 = len(self.terms), len(self.terms) + len(terms)
        self.terms = self.terms + terms
        term_id = self.term_id
        for k, t in enumerate(terms, start=t0):
            term_id[t] = k
        self.df = np.concatenate([self.df, np.zeros(len(terms), np.int64)])
        rare = idf_weights(np.ones(len(terms), np.int64), self.n_fit, self.params)
        self.idf = np.concatenate([self.idf, rare]).astype(np.float32)

        def widen(m: sp.csr_matrix, rows: int, cols: int) -> sp.csr_matrix:
            indptr = (
                m.indptr
                if rows == m.shape[0]
                else np.concatenate([m.indptr, np.full(rows - m.shape[0], m.indptr[-1], m.indptr.dtype)])
            )
            return sp.csr_matrix((m.data, m.indices, indptr), shape=(rows, cols))

        self.X = widen(self.X, self.X.shape[0], t1)
        if self._index_side is not None:
            query, index_t = self._index_side
            self._index_side = (widen(query, query.shape[0], t1), widen(index_t, t1, index_t.shape[1]))

    def drop(self, doomed: np.ndarray) -> np.ndarray:
        """Remove rows; returns old index -> new index (-1 for a dropped row). Order is kept."""
        keep = np.ones(self.n, dtype=bool)
        keep[doomed] = False
        remap = np.where(keep, np.cumsum(keep) - 1, -1).astype(np.int64)
        if keep.all():
            return remap
        for f in ROW_FIELDS:
            self.cols[f] = [v for v, k in zip(self.cols[f], keep.tolist(), strict=True) if k]
        if self._rows is not None:
            self._rows = [r for r, k in zip(self._rows, keep.tolist(), strict=True) if k]
        self._index = None
        self.X, self.D = self.X[keep], self.D[keep]
        if self.sem is not None:
            self.sem = self.sem.take(keep)
        self.groups, self.brands, self.tg_set, self.TP = (
            self.groups[keep],
            self.brands[keep],
            self.tg_set[keep],
            self.TP[keep],
        )
        if self._index_side is not None:
            query, index_t = self._index_side
            self._index_side = (query[keep], sp.csr_matrix(index_t[:, np.flatnonzero(keep)]))
        return remap

    # -- vectors ------------------------------------------------------------------------------
    def vector(self, bag: dict[str, float]) -> sp.csr_matrix:
        """A free text's TF-IDF row in this model's space (terms the corpus never uses are dropped)."""
        return self.vectors([bag])

    def vectors(self, bags: Sequence[dict[str, float]]) -> sp.csr_matrix:
        """vector() of many bags, one row each."""
        term_id, n_terms = self.term_id, len(self.idf)
        cols: list[int] = []
        wts: list[float] = []
        indptr = [0]
        for bag in bags:
            for term, w in sorted(bag.items()):
                j = term_id.get(term)
                if j is not None and j < n_terms:
                    cols.append(j)
                    wts.append(w)
            indptr.append(len(cols))
        c = np.array(cols, np.int64)
        m = sp.csr_matrix(
            (tf(np.array(wts, np.float32)) * self.idf[c], c, np.array(indptr, np.int64)),
            shape=(len(bags), n_terms),
        )
        out = _normalise(m)
        out.sort_indices()
        return out

    def _pruned_sides(self, x: sp.csr_matrix) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """(query side, index side) of rows `x`, before the posting lists are pruned."""
        p = self.params
        keep = (self.df >= 2).astype(np.float32)
        x = sp.csr_matrix(x @ sp.diags(keep))
        x.eliminate_zeros()
        return _top_per_row(x, p.query_terms), _top_per_row(x, p.index_terms)

    def candidate_matrices(self) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """(query side, index side transposed) for candidate generation, both pruned so the product stays
        sparse: terms of one practice only are dropped (they match nothing); the query side keeps each
        practice's `query_terms` heaviest terms, the index side its `index_terms` heaviest, and each term's
        posting list only its `max_postings` heaviest practices (where the term matters most). Part of the
        model's state: rows added later join the posting lists unpruned (`extend`)."""
        if self._index_side is None:
            query, index = self._pruned_sides(self.X)
            index_t = _top_per_row(sp.csr_matrix(index.T), self.params.max_postings)
            self._index_side = (query, index_t)
        return self._index_side

    # -- concept similarity for many pairs -------------------------------------------------------
    def type_scores(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Cosine of the practice-type profiles of the pairs."""
        if self.TP.shape[1] == 0:
            return np.zeros(len(i), np.float32)
        return np.einsum("ij,ij->i", self.TP[i], self.TP[j])

    def target_pair(self, a: int, b: int) -> tuple[float, tuple[str, ...]]:
        """ConceptSpace.similarity of two target sets given by id, memoised by id."""
        key = a * 1_000_003 + b
        hit = self._tg_memo.get(key)
        if hit is None:
            sets = self._tg_ids.values
            hit = self._tg_memo[key] = self.tg.similarity(sets[a], sets[b])
        return hit

    def target_scores(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Target-group set similarity of the pairs (memoised per distinct pair of sets)."""
        if len(i) == 0:
            return np.zeros(0, np.float32)
        a, b = self.tg_set[i], self.tg_set[j]
        m = len(self._tg_ids.values) + 1
        uniq, inv = np.unique(a * m + b, return_inverse=True)
        vals = np.array([self.target_pair(k // m, k % m)[0] for k in uniq.tolist()], dtype=np.float32)
        return vals[inv]

    def target_row(self, i: int) -> np.ndarray | None:
        """Target-group similarity of practice i with every practice, to ~1e-12 of target_scores (for
        shortlists: ConceptSpace.similarity_row); None when only the exact path can give it."""
        sets = self._tg_ids.values
        row = self.tg.similarity_row(sets[int(self.tg_set[i])], sets)
        return None if row is None else row[self.tg_set].astype(np.float32)

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_rows"] = state["_index"] = state["_term_id"] = None
        state["_tg_memo"] = {}
        return state


def _shared(values: list) -> list:
    """The values with equal ones replaced by the first of them."""
    first: dict = {}
    return [first.setdefault(v, v) for v in values]


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
