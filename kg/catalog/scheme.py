"""The SKOS vocabularies as one `Scheme`: labels, broader/narrower, and the concepts of each kind.

Target groups and practice types (ontology/vocab/*.ttl) are read from the store's vocab graph. The link
stage weighs concepts along `ancestors`, the views draw `ancestors` as facets, the reports and views
show `label`; the practice-type labels and cue words (`cues`) let the link stage read a text's kind of
practice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.catalog.records import local_name
from kg.graph import iris

TARGET, PTYPE = "target", "ptype"  # the two kinds of concept a practice refers to

_CONCEPTS = """SELECT ?c ?t WHERE { VALUES ?t { ckg:TargetGroup ckg:PracticeType skos:Concept } ?c a ?t }"""
_LABELS = """SELECT ?c ?p ?l WHERE {
  VALUES ?p { skos:prefLabel skos:altLabel skos:hiddenLabel ckg:cueLabel } ?c ?p ?l }"""
_PLAIN_LABELS = """SELECT ?c ?l WHERE {
  VALUES ?t { ckg:TargetGroup ckg:PracticeType skos:Concept } ?c a ?t ; rdfs:label ?l }"""
_BROADER = "SELECT ?c ?b WHERE { ?c skos:broader ?b }"
_NARROWER = "SELECT ?c ?b WHERE { ?b skos:narrower ?c }"
SKOS = "http://www.w3.org/2004/02/skos/core#"
MAX_DEPTH = 8  # broader steps followed (a cycle in a vocabulary must not hang anything)


@dataclass
class Scheme:
    """Preferred labels, broader links and the kind of every concept of the vocabularies."""

    labels: dict[str, str] = field(default_factory=dict)  # concept -> Chinese preferred label
    parents: dict[str, tuple[str, ...]] = field(default_factory=dict)  # concept -> broader concepts
    alt: dict[str, tuple[str, ...]] = field(default_factory=dict)  # concept -> Chinese alternative labels
    kinds: dict[str, str] = field(default_factory=dict)  # concept -> TARGET | PTYPE (typed concepts)
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)  # practice-type label or cue word -> types
    _anc: dict[str, dict[str, int]] = field(default_factory=dict, repr=False, compare=False)
    _kids: dict[str, tuple[str, ...]] | None = field(default=None, repr=False, compare=False)

    def label(self, concept: str) -> str:
        return self.labels.get(concept) or local_name(concept)

    def kind(self, concept: str) -> str:
        return self.kinds.get(concept) or (PTYPE if concept.startswith(iris.PRACTICE_TYPE) else TARGET)

    def ancestors(self, concept: str) -> dict[str, int]:
        """The concept (distance 0) and every broader concept with its shortest distance, nearest first."""
        hit = self._anc.get(concept)
        if hit is not None:
            return hit
        out = {concept: 0}
        frontier = [concept]
        d = 0
        while frontier and d < MAX_DEPTH:
            d += 1
            nxt = []
            for c in frontier:
                for p in self.parents.get(c, ()):
                    if p not in out:
                        out[p] = d
                        nxt.append(p)
            frontier = nxt
        self._anc[concept] = out
        return out

    def narrower(self, concept: str) -> tuple[str, ...]:
        if self._kids is None:
            kids: dict[str, list[str]] = {}
            for c, ps in sorted(self.parents.items()):
                for p in ps:
                    kids.setdefault(p, []).append(c)
            self._kids = {p: tuple(cs) for p, cs in kids.items()}
        return self._kids.get(concept, ())

    def descendants(self, concept: str) -> dict[str, int]:
        """The concept (distance 0) and every narrower concept with its shortest distance, nearest first."""
        out = {concept: 0}
        frontier = [concept]
        d = 0
        while frontier and d < MAX_DEPTH:
            d += 1
            nxt = []
            for c in frontier:
                for k in self.narrower(c):
                    if k not in out:
                        out[k] = d
                        nxt.append(k)
            frontier = nxt
        return out

    def __getstate__(self) -> dict:  # the link state pickles its Scheme; memos are rebuilt
        return {k: v for k, v in self.__dict__.items() if k not in ("_anc", "_kids")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _anc={}, _kids=None)


def _rank(term: Any) -> int:
    """Chinese labels first, then untagged, then other languages."""
    lang = getattr(term, "language", None)
    return 0 if lang and lang.lower().startswith("zh") else (1 if not lang else 2)


def read_scheme(gs: Any) -> Scheme:
    """The vocabularies as the store holds them (a few hundred concepts: read whole)."""
    sch = Scheme()
    for r in gs.query(_CONCEPTS):
        c, t = r["c"].value, r["t"].value
        if t.endswith("#PracticeType"):
            sch.kinds[c] = PTYPE
        elif t.endswith("#TargetGroup"):
            sch.kinds[c] = TARGET
        else:
            sch.kinds.setdefault(c, PTYPE if c.startswith(iris.PRACTICE_TYPE) else TARGET)
    best: dict[str, tuple[int, str]] = {}  # skos:prefLabel beats rdfs:label; Chinese beats the others
    alt: dict[str, list[str]] = {}
    cues: dict[str, set[str]] = {}
    for r in gs.query(_LABELS):
        c, pred, term = r["c"].value, r["p"].value, r["l"]
        if pred == SKOS + "prefLabel":
            cand = (_rank(term), term.value)
            if c not in best or cand < best[c]:
                best[c] = cand
        elif pred == SKOS + "altLabel" and _rank(term) < 2:
            got = alt.setdefault(c, [])
            if term.value not in got:
                got.append(term.value)
        if _rank(term) < 2 and c.startswith(iris.PRACTICE_TYPE) and term.value.strip():
            cues.setdefault(term.value.strip(), set()).add(c)
    for r in gs.query(_PLAIN_LABELS):
        c, term = r["c"].value, r["l"]
        cand = (_rank(term) + 3, term.value)
        if c not in best or cand < best[c]:
            best[c] = cand
    sch.labels = {c: label for c, (_, label) in best.items()}
    sch.alt = {c: tuple(v) for c, v in alt.items()}
    parents: dict[str, list[str]] = {}
    for query in (_BROADER, _NARROWER):
        for r in gs.query(query):
            c, b = r["c"].value, r["b"].value
            got = parents.setdefault(c, [])
            if b != c and b not in got:
                got.append(b)
    sch.parents = {c: tuple(ps) for c, ps in parents.items()}
    sch.cues = {label: tuple(sorted(cs)) for label, cs in sorted(cues.items())}
    return sch
