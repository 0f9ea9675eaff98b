"""The store read into memory once, for the readers that ask many questions (views, reports).

    read_catalog(gs)             every practice, locality, link and the vocabularies (a full render)
    read_around(gs, practices)   these practices, those linked to them and the links with an end among
                                 them (a report of one locality, the pages `kg add` re-renders)

Both read the same records the same way (kg/catalog/practices.py), the second bound to the IRIs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from kg.catalog.links import best_first, read_links
from kg.catalog.practices import read_practices
from kg.catalog.records import Link, Locality, Practice, local_name
from kg.catalog.scheme import Scheme, read_scheme


@dataclass
class Catalog:
    practices: dict[str, Practice]  # by IRI, in IRI order
    localities: dict[str, Locality]  # the practices' places and every place they are in (or: all)
    links: list[Link]  # both ends among the practices, sorted by (a, b)
    scheme: Scheme
    _by_practice: dict[str, list[Link]] = field(default_factory=dict, repr=False)
    _children: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _at: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        by: dict[str, list[Link]] = defaultdict(list)
        for k in self.links:
            by[k.a].append(k)
            by[k.b].append(k)
        self._by_practice = dict(by)
        kids: dict[str, set[str]] = defaultdict(set)
        for loc in self.localities.values():
            if loc.parent is not None:
                kids[loc.parent.iri].add(loc.iri)
        self._children = dict(kids)
        at: dict[str, set[str]] = defaultdict(set)
        for p in self.practices.values():
            if p.locality is not None:
                at[p.locality.iri].add(p.iri)
        self._at = dict(at)

    # -- links ------------------------------------------------------------------------------------
    def links_of(self, practice: str) -> list[Link]:
        """The links of a practice (either end), in (a, b) order."""
        return self._by_practice.get(practice, [])

    def scores_of(self, practice: str) -> list[tuple[str, float]]:
        """(other practice, score) of a practice's links, best first."""
        return best_first(practice, self.links_of(practice))

    # -- places -----------------------------------------------------------------------------------
    def locality_chain(self, iri: str | None) -> list[str]:
        """The locality and those it is in, nearest first ([] for none)."""
        if not iri:
            return []
        rec = self.localities.get(iri)
        return [loc.iri for loc in rec.chain()] if rec else [iri]

    def locality_label(self, iri: str) -> str:
        rec = self.localities.get(iri)
        return (rec.label if rec else "") or local_name(iri)

    def locality_name(self, iri: str | None) -> str:
        """The label, with the place it is in when that tells same-named places apart: 朝阳区（北京市）."""
        if not iri:
            return "未注明地方"
        rec = self.localities.get(iri)
        if rec is None:
            return local_name(iri)
        label = rec.label or local_name(iri)
        parent = rec.parent
        if parent is None:
            return label
        plabel = parent.label or local_name(parent.iri)
        return f"{label}（{plabel}）" if plabel not in label else label

    def within(self, locality: str) -> set[str]:
        """The locality and every locality inside it (among those read)."""
        out, todo = {locality}, [locality]
        while todo:
            for c in self._children.get(todo.pop(), ()):
                if c not in out:
                    out.add(c)
                    todo.append(c)
        return out

    def practices_of(self, localities: Iterable[str]) -> list[str]:
        """The practices placed at one of these localities, sorted."""
        return sorted({p for loc in localities for p in self._at.get(loc, ())})

    # -- concepts ---------------------------------------------------------------------------------
    def concept_chain(self, iri: str) -> list[str]:
        """The concept and every broader one, nearest first."""
        return list(self.scheme.ancestors(iri))

    def concept_label(self, iri: str) -> str:
        return self.scheme.label(iri)


def read_catalog(gs: Any) -> Catalog:
    """Every practice of the store with its places, the links among them and the vocabularies."""
    scheme = read_scheme(gs)
    practices, localities = read_practices(gs, scheme=scheme)
    return Catalog(practices, localities, read_links(gs, among=set(practices)), scheme)


def read_around(gs: Any, practices: Iterable[str], *, scheme: Scheme | None = None) -> Catalog:
    """These practices and those linked to them, with the links that have an end among these
    (`scheme`: the vocabularies when the caller has read them already)."""
    mine = set(practices)
    links = read_links(gs, mine) if mine else []
    wanted = mine | {k.a for k in links} | {k.b for k in links}
    scheme = scheme or read_scheme(gs)
    records, localities = read_practices(gs, wanted, scheme=scheme) if wanted else ({}, {})
    return Catalog(records, localities, [k for k in links if k.a in records and k.b in records], scheme)


@contextmanager
def opened(store: Any) -> Iterator[Any]:
    """An open store as given, or a store folder opened read-only for the block."""
    from kg.store import GraphStore

    if isinstance(store, GraphStore):
        yield store
        return
    with GraphStore(store, read_only=True) as gs:
        yield gs
