"""Practice-type profiles: how strongly a text speaks of each kind of practice.

The extractor gives each practice a set of types, often several (a practice that mentions 考核 once and is
about 民调 throughout gets both 考核评价 and 考察识别). A profile weighs them by the evidence in the text:
every label and cue word of a practice-type concept (skos:pref/alt/hiddenLabel) contributes its TF-IDF
weight in the practice's vector; the extractor's own types are added as a floor; the profile is spread to
broader types (a child at distance d adds DECAY**d to its ancestor, so 谈心谈话 and 心理健康 meet under
关心关爱), and L2-normalised. Type similarity of two practices is the cosine of their profiles, and the
types carrying most of it are the reasons given.

Measured on the sample's gold pairs: the profile alone ranks as well as plain TF-IDF does (nDCG@5 0.74),
and added to the text score it lifts the practice ranking by ~0.07 over the extractor's sets.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from kg.catalog.scheme import Scheme
from kg.link.concepts import DECAY

EXTRACTED_WEIGHT = 0.5  # the extractor's types, relative to the text evidence (both unit length)
REASON_SHARE = 0.2  # a type is named as a reason when it carries this share of the similarity


class TypeProfiles:
    def __init__(self, scheme: Scheme, term_id: dict[str, int], n_terms: int):
        concepts = sorted(
            {c for cs in scheme.cues.values() for c in cs} | set(_with_ancestors(scheme, scheme.cues))
        )
        self.scheme = scheme
        self.concepts = concepts
        self.cid = {c: k for k, c in enumerate(concepts)}
        rows, cols = [], []
        for label, cs in scheme.cues.items():
            j = term_id.get(label)
            if j is None or j >= n_terms:
                continue
            for c in cs:
                rows.append(j)
                cols.append(self.cid[c])
        self.cue = sp.csr_matrix(
            (np.ones(len(rows), np.float32), (rows, cols)), shape=(n_terms, len(concepts))
        )
        spread = np.zeros((len(concepts), len(concepts)), np.float32)
        for c, k in self.cid.items():
            for a, d in scheme.ancestors(c).items():
                if a in self.cid:
                    spread[k, self.cid[a]] = max(spread[k, self.cid[a]], DECAY**d)
        self.spread = spread
        # a concept's leaves first: the most specific type sharing a similarity is the one to name
        self.depth = np.array([max(scheme.ancestors(c).values()) for c in concepts], np.int64)

    def profiles(self, x: sp.csr_matrix, extracted: Sequence[tuple[str, ...]] | None = None) -> np.ndarray:
        """Row-normalised profiles (n x concepts) of TF-IDF rows `x` and their extracted type sets."""
        if not self.concepts:
            return np.zeros((x.shape[0], 0), np.float32)
        text = np.asarray((x @ self.cue).todense(), dtype=np.float32)
        text = _unit(text)
        if extracted is not None:
            ext = np.zeros_like(text)
            for i, cs in enumerate(extracted):
                for c in cs:
                    k = self.cid.get(c)
                    if k is not None:
                        ext[i, k] = 1.0
            text = text + EXTRACTED_WEIGHT * _unit(ext)
        return _unit(text @ self.spread)

    def shared(self, a: np.ndarray, b: np.ndarray) -> tuple[str, ...]:
        """The types carrying most of the similarity of two profiles, most specific first."""
        return self.shared_many(a[None, :], b[None, :])[0]

    def shared_many(self, a: np.ndarray, b: np.ndarray) -> list[tuple[str, ...]]:
        """shared() for the rows of two profile matrices."""
        prod = a * b
        total = prod.sum(axis=1, keepdims=True)
        big = (prod >= REASON_SHARE * total) & (total > 0)
        return [self._named(prod[r], np.flatnonzero(big[r]).tolist()) for r in range(len(prod))]

    def _named(self, prod: np.ndarray, keep: list[int]) -> tuple[str, ...]:
        if not keep:
            return ()
        keep = [
            k
            for k in keep
            if not any(o != k and self.concepts[k] in self.scheme.ancestors(self.concepts[o]) for o in keep)
        ]
        keep.sort(key=lambda k: (-prod[k], self.concepts[k]))
        return tuple(self.concepts[k] for k in keep[:3])


def feedback_profile(
    tp: np.ndarray, text: np.ndarray, own: np.ndarray, n_terms: int, docs: int, half: float
) -> np.ndarray:
    """A free-text query's type profile, completed by pseudo-relevance feedback.

    A short query names its kind of practice with one or two cue words, or none (提拔前到干部家里听邻居
    评价 has only 提拔, and is about vetting); the practices its words match best show what kind it is.
    The query's own profile and the mean profile of its `docs` best text matches are mixed with weights
    n/(n+half) and half/(n+half), n = the query's number of distinct terms: a sentence leans on the
    feedback, a whole article on itself."""
    if tp.shape[1] == 0 or docs <= 0 or not len(text):
        return own
    k = min(docs, len(text))
    top = np.argpartition(-text, k - 1)[:k]
    top = top[text[top] > 0]
    if not len(top):
        return own
    a = n_terms / (n_terms + half) if half > 0 else 1.0
    fb = _unit(tp[top].mean(axis=0, keepdims=True))[0]
    return _unit((a * own + (1.0 - a) * fb)[None, :])[0]


def _with_ancestors(scheme: Scheme, cues: dict[str, tuple[str, ...]]) -> list[str]:
    out = set()
    for cs in cues.values():
        for c in cs:
            out.update(scheme.ancestors(c))
    return sorted(out)


def _unit(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (m / norms).astype(np.float32)
