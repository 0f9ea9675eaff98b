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
