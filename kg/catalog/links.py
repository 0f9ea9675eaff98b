"""Similarity links as the links graph holds them (kg/link/write.py writes them): one explanation node
per pair (ckg:SimilarityLink with ckg:fromPractice, ckg:toPractice, ckg:score, ckg:sharedConcept,
ckg:sharedTerm) and the ckg:similarTo pair both ways."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kg.catalog import sparql
from kg.catalog.records import Link

_NODES = """SELECT ?s ?a ?b ?score WHERE { %s { ?s ckg:fromPractice ?x } UNION { ?s ckg:toPractice ?x }
  ?s ckg:fromPractice ?a ; ckg:toPractice ?b OPTIONAL { ?s ckg:score ?score } }"""
_REASONS = {"concepts": "?s ckg:sharedConcept ?o", "terms": "?s ckg:sharedTerm ?o"}
_LINKED = """SELECT DISTINCT ?o WHERE { %s
  { ?l ckg:fromPractice ?x ; ckg:toPractice ?o } UNION { ?l ckg:toPractice ?x ; ckg:fromPractice ?o }
  ?l a ckg:SimilarityLink }"""


def read_links(gs: Any, ends: Iterable[str] | None = None, among: set[str] | None = None) -> list[Link]:
    """Every link of the store (ends None) or those with an end among `ends`; with `among`, only the
    links whose both ends are in it. One link per pair, sorted by (a, b); a ckg:similarTo pair without
    its explanation node counts too (score nan)."""
    ends = None if ends is None else set(ends)
    if ends is None:
        start = sparql.first(gs, "?s ckg:fromPractice ?o")
        stop = sparql.first(gs, "?s ckg:toPractice ?o")
        score = sparql.first(gs, "?s ckg:score ?o")
        reasons = sparql.lists(gs, _REASONS)
    else:  # the nodes with an end among `ends`, each with both ends and its score, in one question
        start, stop, score = {}, {}, {}
        for r in sparql.select(gs, _NODES, "x", ends):
            node = r["s"].value
            start.setdefault(node, r["a"].value)
            stop.setdefault(node, r["b"].value)
            if r["score"] is not None:
                score.setdefault(node, r["score"].value)
        reasons = sparql.lists(gs, _REASONS, start)
    concepts, terms = reasons["concepts"], reasons["terms"]
    found: dict[tuple[str, str], Link] = {}

    def keep(a: str, b: str) -> bool:
        return a != b and (among is None or (a in among and b in among))

    for node in sorted(start):
        a, b = start[node], stop.get(node)
        if b is None or not keep(a, b):
            continue
        key = (min(a, b), max(a, b))
        s = _float(score.get(node))
        old = found.get(key)
        if old is not None:  # two nodes for one pair (another writer): the best score, every reason
            s = s if old.score != old.score else max(old.score, s)
        found[key] = Link(
            key[0],
            key[1],
            s,
            _merged(old.concepts if old else (), concepts.get(node, ())),
            _merged(old.terms if old else (), terms.get(node, ())),
        )
    for a, b in sparql.pairs(gs, "?s ckg:similarTo ?o", ends):
        if keep(a, b):
            found.setdefault((min(a, b), max(a, b)), Link(min(a, b), max(a, b), float("nan")))
    return [found[k] for k in sorted(found)]


def linked_to(gs: Any, practices: Iterable[str]) -> set[str]:
    """The practices with a link to one of these (the explanation nodes' other ends)."""
    return {r["o"].value for r in sparql.select(gs, _LINKED, "x", practices)}


def scores_of(gs: Any, practice: str) -> list[tuple[str, float]]:
    """The stored links of one practice as (other practice, score), best first."""
    return best_first(practice, read_links(gs, [practice]))


def best_first(practice: str, links: Iterable[Link]) -> list[tuple[str, float]]:
    """(other practice, score) of the links with a score, best first."""
    out = {k.other(practice): k.score for k in links if k.score == k.score}
    return sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))


def _float(value: str | None) -> float:
    try:
        return float(value) if value is not None else float("nan")
    except ValueError:
        return float("nan")


def _merged(old: tuple[str, ...], new: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*old, *new]))
