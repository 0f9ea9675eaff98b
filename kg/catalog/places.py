"""Localities: their labels, codes, levels and parent chains; which practices are placed where.

A practice is placed at its own ckg:locality, else at its article's (kg/graph/triples.py writes both
when the extractor found a place for the article).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import Any

from kg.catalog import sparql
from kg.catalog.records import Locality

_EVERY = "SELECT ?s WHERE { ?s a ckg:Locality }"
MAX_LEVELS = 8  # containedInPlace steps followed up from a place (village, town, county, city, province)


def read_localities(gs: Any, iris: Iterable[str] | None = None) -> dict[str, Locality]:
    """Every locality of the store (iris None), or these and every locality they are in, as records
    whose `parent` is the record of the place they are in."""
    if iris is None:
        found = {r[0].value for r in gs.query(_EVERY)}
        parent = sparql.first(gs, "?s schema:containedInPlace ?o")
        found |= set(parent.values())
        props = {k: sparql.first(gs, f"?s a ckg:Locality ; {p} ?o") for k, p in _PROPS.items()}
    else:  # the places, then the places they are in, a level at a time
        found, todo, parent = set(), {i for i in iris if i}, {}
        props = {k: {} for k in _PROPS}
        for _ in range(MAX_LEVELS):
            if not todo:
                break
            found |= todo
            _, cols = sparql.table(gs, "", _BOUND, todo)
            parent.update(cols["parent"])
            for k in _PROPS:
                props[k].update(cols[k])
            todo = set(cols["parent"].values()) - found
    parent = {k: v for k, v in parent.items() if k != v}
    out: dict[str, Locality] = {}

    def make(iri: str, seen: tuple[str, ...] = ()) -> Locality:
        rec = out.get(iri)
        if rec is None:
            up = parent.get(iri)
            rec = Locality(
                iri,
                props["label"].get(iri, ""),
                props["code"].get(iri, ""),
                props["level"].get(iri, ""),
                make(up, (*seen, iri)) if up and up not in seen and up != iri else None,
            )
            out[iri] = rec
        return rec

    for iri in sorted(found):
        make(iri)
    return out


_PROPS = {"label": "rdfs:label", "code": "ckg:adminCode", "level": "ckg:adminLevel"}
_BOUND = {"parent": "?s schema:containedInPlace ?o", **{k: f"?s {p} ?o" for k, p in _PROPS.items()}}

# a practice's own place, else its article's: the few distinct places first, then their ancestors
_NAMED = """SELECT DISTINCT ?loc ?l WHERE {
  { SELECT DISTINCT ?own WHERE {
      { ?p a ckg:Practice ; ckg:locality ?own }
      UNION
      { ?p a ckg:Practice ; ckg:describedIn/ckg:locality ?own FILTER NOT EXISTS { ?p ckg:locality ?any } } } }
  ?own schema:containedInPlace* ?loc . ?loc rdfs:label ?l }"""
_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def locality_names(gs: Any) -> dict[str, str]:
    """Locality IRI -> label, for every locality that has practices or contains one that has.

    Computed once per store opened read-only (a report renders one locality after another and
    resolves each name against this), and kept in the store folder for its generation (`names.json`)."""
    cached = _NAMES.get(gs) if gs.read_only else None
    if cached is not None:
        return cached

    def named() -> dict[str, str]:
        out: dict[str, str] = {}
        for r in gs.query(_NAMED):
            out.setdefault(r["loc"].value, r["l"].value)
        return out

    if gs.read_only:  # kept beside the store for its generation: ~2 s of CPU at 10,000 articles
        from kg.catalog.memo import remembered

        out = _NAMES[gs] = remembered(gs, "names", named)
        return out
    return named()


# Two steps (the places below, then their practices): Oxigraph evaluates a property path joined with the
# rest of a pattern slowly (3 s for one county on a 10k-article store).
_BELOW = "SELECT DISTINCT ?x WHERE { %s ?x schema:containedInPlace* ?s }"
_AT = """SELECT DISTINCT ?p WHERE { %s
  { ?p ckg:locality ?s ; ckg:describedIn ?a0 }
  UNION { ?art ckg:locality ?s . ?p ckg:describedIn ?art FILTER NOT EXISTS { ?p ckg:locality ?y } } }"""


def within(gs: Any, localities: Iterable[str]) -> set[str]:
    """The localities and every locality inside them (transitively)."""
    locs = set(localities)
    return {r["x"].value for r in sparql.select(gs, _BELOW, "s", locs)} | locs


def practices_at(gs: Any, localities: Iterable[str]) -> set[str]:
    """The practices placed at one of these localities (not inside them: see `within`)."""
    return {r["p"].value for r in sparql.select(gs, _AT, "s", localities)}
