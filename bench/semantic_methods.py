"""The rankers bench/semantic_quality.py compares: every one gives, for a query, one score per practice.

Lexical: the system's own score (kg.link: text cosine x concept factor, computed for every pair rather than
through the pruned candidates), plain TF-IDF (bench/similarity_quality.Baseline) and BM25 over jieba tokens.
Semantic: sentence encoders run over the text (kg.semantic.teacher) in several poolings, and static word
tables distilled from them (kg.semantic.static). Fusions of lexical and semantic evidence are made in
bench/semantic_quality.py from these score vectors.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from pathlib import Path

import numpy as np

SENT = re.compile(r"[^。！？；;!?\n]+[。！？；;!?\n]*")
HEADING_MAX = 24  # a first sentence this short is a heading (培养储备先行。): take the next one too


def sentences(text: str) -> list[str]:
    out = [s.strip() for s in SENT.findall(text) if len(s.strip()) >= 2]
    return out or [text]


def head(text: str) -> str:
    """A practice's heading and first sentence."""
    s = sentences(text)
    return "".join(s[:2]) if len(s[0]) <= HEADING_MAX and len(s) > 1 else s[0]


class DiskMemo:
    """Teacher vectors by text, pickled under a folder (so reruns of the bench skip the slow encoders)."""

    def __init__(self, folder: Path, teacher):
        self.teacher = teacher
        self.path = Path(folder) / f"{teacher.model_id}.pkl"
        self.memo: dict[str, np.ndarray] = {}
        if self.path.exists():
            self.memo = pickle.loads(self.path.read_bytes())

    def embed(self, texts: list[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if new:
            for t, v in zip(new, self.teacher.embed(new), strict=True):
                self.memo[t] = v
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(pickle.dumps(self.memo))
        if not texts:
            return np.zeros((0, self.teacher.dim), np.float32)
        return np.stack([self.memo[t] for t in texts])


def unit(x: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(x, axis=-1, keepdims=True)
    n[n == 0] = 1
    return x / n


# -- sentence-encoder rankers ---------------------------------------------------------------------------


class FullText:
    """cosine of the encoder's vectors of the whole texts (or of a part of them: `part`)."""

    def __init__(self, memo: DiskMemo, texts: list[str], part=None):
        self.memo, self.part = memo, part or (lambda t: t)
        self.P = memo.embed([self.part(t) for t in texts])

    def scores_text(self, text: str) -> np.ndarray:
        return self.P @ self.memo.embed([self.part(text)])[0]

    def scores_row(self, i: int) -> np.ndarray:
        return self.P @ self.P[i]


class Sentences:
    """Each text as its sentences: 'max' = best sentence pair, 'mean' = cosine of the mean sentence vectors."""

    def __init__(self, memo: DiskMemo, texts: list[str], pool: str):
        self.memo, self.pool = memo, pool
        self.S = [memo.embed(sentences(t)) for t in texts]
        self.M = unit(np.stack([s.mean(0) for s in self.S]))

    def _score(self, q: np.ndarray) -> np.ndarray:
        if self.pool == "mean":
            return self.M @ unit(q.mean(0))
        return np.array([float((s @ q.T).max()) for s in self.S])

    def scores_text(self, text: str) -> np.ndarray:
        return self._score(self.memo.embed(sentences(text)))

    def scores_row(self, i: int) -> np.ndarray:
        return self._score(self.S[i])


# -- static word tables -----------------------------------------------------------------------------------


class StaticTable:
    """Word vectors from a teacher (raw, teacher dim), reduced and weighted several ways for comparison.

    dim: None = no PCA; weights: 'sif' (jieba dictionary frequency), 'idf' (the store's, from the link
    model), 'uniform'. The variant kg.semantic.static implements is dim=256, 'sif'."""

    def __init__(self, memo: DiskMemo, base: list[str], words: list[str]):
        self.memo = memo
        self.words = sorted(set(base) | set(words))
        self.col = {w: k for k, w in enumerate(self.words)}
        self.raw = memo.embed(self.words)
        b = memo.embed(sorted(set(base)))
        self.mean = b.mean(0)
        _, _, vt = np.linalg.svd(b - self.mean, full_matrices=False)
        self.vt = vt

    def variant(self, dim: int | None, weights: str, idf: dict[str, float] | None = None, center=True):
        from kg.semantic.static import sif_weights

        x = self.raw - self.mean if center else self.raw
        if dim:
            x = x @ self.vt[:dim].T
        if weights == "sif":
            x = x * sif_weights(self.words)[:, None]
        elif weights == "idf":
            w = np.array([idf.get(t, max(idf.values())) for t in self.words], np.float32)
            x = x * w[:, None]
        return StaticVariant(self, x.astype(np.float16).astype(np.float32))


class StaticVariant:
    def __init__(self, table: StaticTable, vecs: np.ndarray):
        self.table, self.vecs = table, vecs

    def embed_bags(self, bags: list[dict[str, float]]) -> np.ndarray:
        out = np.zeros((len(bags), self.vecs.shape[1]), np.float32)
        col = self.table.col
        for i, bag in enumerate(bags):
            for t, c in bag.items():
                k = col.get(t)
                if k is not None:
                    out[i] += c * self.vecs[k]
        return unit(out)


class BagRanker:
    """cosine of bag embeddings (a static variant) of practices and queries."""

    def __init__(self, emb, bags: list[dict[str, float]], analyzer):
        self.emb, self.analyzer = emb, analyzer
        self.P = emb.embed_bags(bags)

    def scores_text(self, text: str) -> np.ndarray:
        return self.P @ self.emb.embed_bags([self.analyzer.terms(text)])[0]

    def scores_row(self, i: int) -> np.ndarray:
        return self.P @ self.P[i]


# -- BM25 ---------------------------------------------------------------------------------------------------


class BM25:
    """Okapi BM25 over the plain TF-IDF baseline's jieba tokens (k1=1.2, b=0.75, idf ln(1+(N-df+.5)/(df+.5))).
    A practice as query: its tokens, each distinct token once."""

    def __init__(self, base, k1: float = 1.2, b: float = 0.75):
        self.base = base
        docs = [base.tokens(r.text) for r in base.rows]
        self.vocab = {t: i for i, t in enumerate(sorted({t for d in docs for t in d}))}
        n = len(docs)
        tf = np.zeros((n, len(self.vocab)), np.float32)
        for i, d in enumerate(docs):
            for t in d:
                tf[i, self.vocab[t]] += 1
        df = (tf > 0).sum(0)
        self.idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
        lens = tf.sum(1)
        norm = k1 * (1 - b + b * lens / lens.mean())
        self.W = tf * (k1 + 1) / (tf + norm[:, None]) * self.idf
        self.docs = docs

    def _q(self, toks: list[str]) -> np.ndarray:
        q = np.zeros(len(self.vocab), np.float32)
        for t in set(toks):
            if t in self.vocab:
                q[self.vocab[t]] = 1
        return q

    def scores_text(self, text: str) -> np.ndarray:
        return self.W @ self._q(self.base.tokens(text))

    def scores_row(self, i: int) -> np.ndarray:
        return self.W @ self._q(self.docs[i])


def key(*parts: str) -> str:
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:12]


class TfidfStatic:
    """The link model's own TF-IDF rows (its idf with boilerplate taper, the article title as context)
    times the word table: unit(X @ W). A query's words the store never used weigh as a rare term; with
    `known` given, words outside it are dropped (no teacher run at query time)."""

    def __init__(self, m, variant: StaticVariant, analyzer, known: set[str] | None = None):
        from kg.link.model import idf_weights

        self.m, self.variant, self.analyzer, self.known = m, variant, analyzer, known
        col = variant.table.col
        self.W = np.zeros((len(m.terms), variant.vecs.shape[1]), np.float32)
        for j, t in enumerate(m.terms):
            if t in col:
                self.W[j] = variant.vecs[col[t]]
        self.P = unit(np.asarray(m.X @ self.W))
        self.rare = float(idf_weights(np.ones(1, np.int64), m.n_fit, m.params)[0])

    def embed_text(self, text: str) -> np.ndarray:
        from kg.link.search import _clean

        col, tid = self.variant.table.col, self.m.term_id
        q = np.zeros(self.W.shape[1], np.float32)
        for t, c in self.analyzer.terms(_clean(text)).items():
            if self.known is not None and t not in self.known:
                continue
            j = tid.get(t)
            w = float(self.m.idf[j]) if j is not None else self.rare
            if t in col:
                q += c * w * self.variant.vecs[col[t]]
        return unit(q)

    def scores_text(self, text: str) -> np.ndarray:
        return self.P @ self.embed_text(text)

    def scores_row(self, i: int) -> np.ndarray:
        return self.P @ self.P[i]
