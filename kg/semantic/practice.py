"""Practice embeddings for the link stage: unit(X @ W), X the link model's TF-IDF rows, W the static word
table of the store (kg.semantic.static), plus what the calibrated blend needs to standardise a cosine.

Why not a cache of vectors per practice: a practice's vector is a sparse product over rows the link stage
has anyway (~60,000 practices per CPU second), cheaper than reading it back. What is costly is the teacher,
and it runs once per *word*: the word table lives in `<store>/semantic/` (the store folder, kept across
generations), seeded by the base vocabulary shipped in the package; `kg add` sends only words no earlier
practice used to the teacher. The vectors then depend only on the set of practices (the IDF is the fit's),
never on the order they came in.

emb_z: the cosine of two practices standardised by the spread of each one's cosines with every practice
(mean e.mu, variance e^T C e, exact from the mean vector and covariance of E, no all-pairs pass), averaged
over both ends so that a pair's score does not depend on which end asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp

SEMANTIC_DIR = "semantic"
BLOCK = 4096


def static_model(folder: str):
    """The store's StaticModel (kg.semantic.static.store_model), opened afresh each time (its table may
    have grown or been replaced since; opening reads one small key list, the rest is mapped or cached)."""
    from kg.semantic.static import store_model

    return store_model(folder)


def word_matrix(folder: str, terms: Sequence[str], *, save: bool) -> np.ndarray:
    """float32 rows of the word table for `terms` (unknown words computed by the teacher; kept in the
    store's table when `save`)."""
    if not len(terms):
        return np.zeros((0, static_model(folder).dim), np.float32)
    sm = static_model(folder)
    return np.asarray(sm.matrix(list(terms), learn=save, compute=not save), np.float32)


def unit(x: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(x, axis=-1, keepdims=True)
    return (x / np.where(n == 0, 1.0, n)).astype(np.float32)


def embed_rows(x: sp.csr_matrix, W: np.ndarray) -> np.ndarray:
    """unit(x @ W) in blocks of rows, float32."""
    out = np.zeros((x.shape[0], W.shape[1]), np.float32)
    for s in range(0, x.shape[0], BLOCK):
        out[s : s + BLOCK] = unit(np.asarray(x[s : s + BLOCK] @ W, np.float32))
    return out


class Embeddings:
    """The practices' unit vectors (float16 as kept, float32 in use) and the spread of their cosines."""

    def __init__(self, folder: str, E: np.ndarray, mean: np.ndarray, cov: np.ndarray, save: bool):
        self.folder, self.save = folder, save
        self.E = np.asarray(E, np.float16)
        self.mean, self.cov = mean, cov
        self.mu, self.sd = self.spread(self.E32)
        self._nn = None
        self.fit_cpu = 0.0

    @classmethod
    def fit(cls, folder, terms: Sequence[str], X: sp.csr_matrix, *, save: bool) -> Embeddings:
        import time

        c0 = time.process_time()
        folder = str(folder)
        used = np.unique(X.indices)
        Wu = word_matrix(folder, [terms[k] for k in used.tolist()], save=save)
        W = np.zeros((X.shape[1], Wu.shape[1]), np.float32)
        W[used] = Wu
        E = embed_rows(X, W).astype(np.float16)
        E32 = E.astype(np.float32)
        n = max(len(E32), 1)
        mean = E32.sum(axis=0, dtype=np.float64) / n
        cov = (E32.T.astype(np.float64) @ E32.astype(np.float64)) / n - np.outer(mean, mean)
        out = cls(folder, E, mean, cov, save)
        out.fit_cpu = time.process_time() - c0  # CPU seconds (teacher for new words included): for benches
        return out

    @property
    def E32(self) -> np.ndarray:
        e = self.__dict__.get("_E32")
        if e is None or len(e) != len(self.E):
            e = self.__dict__["_E32"] = self.E.astype(np.float32)
        return e

    def use_widened(self, e: np.ndarray) -> None:
        """E as float32 made elsewhere (a reader maps the state's file, kg.link.state): the same values
        as E.astype(float32), read-only."""
        self.__dict__["_E32"] = e

    def spread(self, E: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(mean, standard deviation) of each row's cosines with the fitted practices."""
        mu = (E @ self.mean).astype(np.float32)
        var = np.einsum("ij,ij->i", E @ self.cov.astype(np.float32), E)
        return mu, np.sqrt(np.maximum(var, 1e-8)).astype(np.float32)

    def extend(self, terms: Sequence[str], x: sp.csr_matrix) -> Embeddings:
        """With rows `x` appended (the fitted spread kept, as the IDF is)."""
        used = np.unique(x.indices)
        Wu = word_matrix(self.folder, [terms[k] for k in used.tolist()], save=self.save)
        W = np.zeros((x.shape[1], self.E.shape[1]), np.float32)
        W[used] = Wu
        new = embed_rows(x, W)
        mu, sd = self.spread(new)
        out = Embeddings.__new__(Embeddings)
        out.folder, out.save, out.mean, out.cov, out._nn = self.folder, self.save, self.mean, self.cov, None
        out.fit_cpu = 0.0
        out.E = np.vstack([self.E, new.astype(np.float16)])
        out.mu, out.sd = np.concatenate([self.mu, mu]), np.concatenate([self.sd, sd])
        return out

    def take(self, keep: np.ndarray) -> Embeddings:
        out = Embeddings.__new__(Embeddings)
        out.folder, out.save, out.mean, out.cov, out._nn = self.folder, self.save, self.mean, self.cov, None
        out.fit_cpu = 0.0
        out.E, out.mu, out.sd = self.E[keep], self.mu[keep], self.sd[keep]
        return out

    # -- scores -----------------------------------------------------------------------------------------
    def pairs(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(cosine, emb_z) of the pairs (i[k], j[k]); emb_z averaged over both ends."""
        E = self.E32
        cos = np.zeros(len(i), np.float32)
        for s in range(0, len(i), 65536):
            a, b = i[s : s + 65536], j[s : s + 65536]
            cos[s : s + 65536] = np.einsum("ij,ij->i", E[a], E[b])
        z = 0.5 * ((cos - self.mu[i]) / self.sd[i] + (cos - self.mu[j]) / self.sd[j])
        return cos, z.astype(np.float32)

    def rows(self, rows: np.ndarray) -> np.ndarray:
        """emb_z of each of `rows` against every practice (len(rows) x n; pairs(i, all) of each row, to
        float32 rounding), as one matrix product."""
        rows = np.asarray(rows, np.int64)
        cos = self.E32[rows] @ self.E32.T
        mu, sd = self.mu[rows, None], self.sd[rows, None]
        return (0.5 * ((cos - mu) / sd + (cos - self.mu) / self.sd)).astype(np.float32)

    def query(self, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(cosine, emb_z) of a unit query vector against every practice, standardised by the query's own
        spread (a free text is not a practice: its side is the only one)."""
        cos = self.E32 @ q
        mu, sd = self.spread(q[None, :])
        return cos, ((cos - mu[0]) / sd[0]).astype(np.float32)

    def embed_bags(self, bags: Sequence[dict[str, float]], weight) -> np.ndarray:
        """Unit rows for term bags, each word weighted by count x weight(word); words the table lacks are
        computed by the teacher (not kept: a reader does this)."""
        vocab = sorted({t for b in bags for t in b})
        if not vocab:
            return np.zeros((len(bags), self.E.shape[1]), np.float32)
        vecs = word_matrix(self.folder, vocab, save=False)
        col = {t: k for k, t in enumerate(vocab)}
        w = np.array([weight(t) for t in vocab], np.float32)
        out = np.zeros((len(bags), vecs.shape[1]), np.float32)
        for r, b in enumerate(bags):
            for t, c in b.items():
                out[r] += c * w[col[t]] * vecs[col[t]]
        return unit(out)

    def nearest(self, rows: np.ndarray, k: int, groups: np.ndarray, exact_max: int = 30_000):
        """(indices, cosines) of each row's k best other-group rows by cosine, best first, ties lower
        index, -1 padded: exact row by row up to `exact_max` practices, above that the inverted file of
        kg.semantic.neighbours over all rows (computed once, kept until the rows change)."""
        from kg.semantic.neighbours import best_per_row, nearest

        E, n = self.E32, len(self.E)
        if n > exact_max:
            if self._nn is None or len(self._nn[0]) != n:
                self._nn = nearest(E, k, groups, exact_max=exact_max)
            return self._nn[0][rows], self._nn[1][rows]
        idx = np.full((len(rows), k), -1, np.int32)
        val = np.full((len(rows), k), -np.inf, np.float32)
        cols = np.arange(n)
        for s in range(0, len(rows), 512):
            r = rows[s : s + 512]
            S = E[r] @ E.T
            S[groups[r, None] == groups[None, :]] = -np.inf
            idx[s : s + 512], val[s : s + 512] = best_per_row(S, cols, k)
        return idx, val

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_E32", None)
        state["_nn"] = None
        return state


def semantic_dir(store) -> str:
    """The folder whose `semantic/` holds the word table: the store folder, kept across generations (a
    writer opens a generation folder `STORE/gen-N` itself: its parent is the store folder)."""
    from kg.generations import gen_number

    path = Path(store.path)
    if gen_number(path.name) is not None:
        return str(path.parent)
    return str(Path(getattr(store, "root", None) or path))
