"""Concept features: SKOS concepts with broader/narrower credit (used for target groups; practice types
are compared as text-weighted profiles, kg.link.profile, over the same Scheme).

A practice's concepts are expanded to their ancestors through skos:broader, an ancestor at distance d
weighing DECAY**d, so 拟提拔干部 meets 干部 half-way and two sibling groups meet at their parent. Each
concept also has a specificity s(c) = 1 - df(c)/N (share of practices whose expanded set holds it): a
shared 干部 says little, a shared 村党组织书记 a lot.

    sim(A, B) = weighted-Jaccard_s(A, B) * max(s(c) for c shared)

is 0 with nothing shared, 1 only for identical, maximally specific sets. Synonyms (altLabels) are already
folded to the concept by the extractor, and in texts by the analyzer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from kg.catalog.scheme import Scheme

DECAY = 0.5
REASON_MIN_SPECIFICITY = 0.35  # shared concepts less specific than this are not given as a reason


def expand(scheme: Scheme, concepts: Iterable[str]) -> dict[str, float]:
    """The concepts and their ancestors, an ancestor at distance d weighing DECAY**d (the best path)."""
    out: dict[str, float] = {}
    for c in concepts:
        for a, d in scheme.ancestors(c).items():
            w = DECAY**d
            if w > out.get(a, 0.0):
                out[a] = w
    return out


MODE = "jaccard"  # "overlap" and "dice" measured no better on the gold pairs


class ConceptSpace:
    """Specificity of concepts over a corpus, and memoised set similarity."""

    def __init__(self, scheme: Scheme, sets: Sequence[tuple[str, ...]], mode: str | None = None):
        self.scheme = scheme
        self.mode = mode or MODE
        n = max(len(sets), 1)
        df: dict[str, int] = {}
        for s in sets:
            for c in expand(self.scheme, s):
                df[c] = df.get(c, 0) + 1
        self.n = n
        self.spec = {c: max(0.0, 1.0 - k / n) for c, k in df.items()}
        self._memo: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[float, tuple[str, ...]]] = {}
        self._rows_key = None  # similarity_row's matrix, for one list of sets
        self._rows = None

    def specificity(self, c: str) -> float:
        return self.spec.get(c, 1.0)  # unseen in the corpus: as specific as can be

    def similarity(self, a: tuple[str, ...], b: tuple[str, ...]) -> tuple[float, tuple[str, ...]]:
        """(similarity in [0,1], the most specific shared concepts worth naming)."""
        if not a or not b:
            return 0.0, ()
        key = (a, b) if a <= b else (b, a)
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        ea, eb = expand(self.scheme, a), expand(self.scheme, b)
        num = den = best = sa = sb = 0.0
        shared = []
        for c in sorted(ea.keys() | eb.keys()):
            s = self.specificity(c)
            wa, wb = ea.get(c, 0.0), eb.get(c, 0.0)
            num += min(wa, wb) * s
            den += max(wa, wb) * s
            sa += wa * s
            sb += wb * s
            if wa and wb:
                shared.append(c)
                best = max(best, s)
        if self.mode == "overlap":
            den = min(sa, sb)
        elif self.mode == "dice":
            den = (sa + sb) / 2
        sim = (num / den) * best if den > 0 else 0.0
        named = self._most_specific(shared)
        out = (min(1.0, sim), named)
        if len(self._memo) < 500_000:
            self._memo[key] = out
        return out

    def similarity_row(self, a: tuple[str, ...], sets: Sequence[tuple[str, ...]]) -> np.ndarray | None:
        """similarity(a, b)[0] for every b of `sets` at once, float64, to ~1e-12 of it (sums in another
        order); None for a mode other than jaccard. For shortlists only: exact scores come from
        `similarity`."""
        if self.mode != "jaccard":
            return None
        out = np.zeros(len(sets), np.float64)
        if not a or not len(sets):
            return out
        key = id(sets), len(sets)  # one model's interned target sets: the list only ever grows
        if (
            getattr(self, "_rows_key", None) != key
        ):  # (a model pickled before has neither attribute)  # the weights of every set, as a (sets x concepts) matrix, once
            cols: dict[str, int] = {}
            ex = [expand(self.scheme, b) for b in sets]
            for e in ex:
                for c in e:
                    cols.setdefault(c, len(cols))
            W = np.zeros((len(sets), len(cols) + 1), np.float64)  # + a column for a's other concepts
            for r, e in enumerate(ex):
                for c, w in e.items():
                    W[r, cols[c]] = w
            spec = np.array([self.specificity(c) for c in cols] + [0.0], np.float64)
            self._rows, self._rows_key = (cols, W, spec, np.array([bool(b) for b in sets])), key
        cols, W, spec, nonempty = self._rows
        ea = expand(self.scheme, a)
        wa = np.zeros(W.shape[1], np.float64)
        extra = 0.0  # a's concepts no set holds: they add to the denominator only
        for c, w in ea.items():
            k = cols.get(c)
            if k is None:
                extra += w * self.specificity(c)
            else:
                wa[k] = w
        num = np.minimum(W, wa) @ spec
        den = np.maximum(W, wa) @ spec + extra
        best = np.where((W > 0) & (wa > 0), spec, 0.0).max(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            sim = np.where(den > 0, num / np.where(den > 0, den, 1.0) * best, 0.0)
        out[:] = np.minimum(1.0, sim)
        out[~nonempty] = 0.0
        return out

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_rows_key"] = state["_rows"] = None  # per process, rebuilt on first use
        return state

    def _most_specific(self, shared: list[str]) -> tuple[str, ...]:
        """Shared concepts with no shared narrower concept, specific enough, most specific first."""
        keep = []
        for c in shared:
            if self.specificity(c) < REASON_MIN_SPECIFICITY:
                continue
            if any(o != c and c in self.scheme.ancestors(o) for o in shared):
                continue
            keep.append(c)
        return tuple(sorted(keep, key=lambda c: (-self.specificity(c), c)))
