"""Places: which place of the network a practice belongs to, the groups they are drawn in, the edges.

A practice's *place* is the nearest locality in its chain (its own first, then the places it is in)
whose `ckg:adminLevel` is county, city or province: a town or village counts for its county. The
places network joins two places by the number of `ckg:SimilarityLink`s between their practices
(queries/places-network.rq counts the same in SPARQL; a test compares them).

Above `PLACES_MAX` places the network first draws *groups*: the prefecture city a place is in (a city
or province place is its own group), or the province when even the cities are too many; a click on a
group opens its places.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from kg.model import PLACE_LEVELS
from kg.site.source import Link, Place, Practice, Records

LEVELS = PLACE_LEVELS  # a place of the network is at one of these levels (kg.model.nearest_place)
PLACES_MAX = 400  # above this many places the network opens on groups
GROUPS_MAX = 400  # above this many cities the groups are provinces


def chain(places: Mapping[str, Place], iri: str | None) -> list[str]:
    """The locality and the localities it is in, nearest first (cycle-safe)."""
    out: list[str] = []
    while iri and iri not in out:
        out.append(iri)
        rec = places.get(iri)
        iri = rec.parent if rec else None
    return out


def place_of(places: Mapping[str, Place], locality: str | None) -> str | None:
    """The nearest locality of the chain at county level or above; None when there is none.

    >>> ps = {"t": Place("t", "镇", "town", "", "c"), "c": Place("c", "县", "county", "1", "p"),
    ...       "p": Place("p", "市", "city", "2", None)}
    >>> place_of(ps, "t"), place_of(ps, "p"), place_of(ps, "x")
    ('c', 'p', None)
    """
    for iri in chain(places, locality):
        rec = places.get(iri)
        if rec is not None and rec.level in LEVELS:
            return iri
    return None


def _nearest(places: Mapping[str, Place], iri: str, level: str) -> str | None:
    for i in chain(places, iri):
        rec = places.get(i)
        if rec is not None and rec.level == level:
            return i
    return None


def province_of(places: Mapping[str, Place], iri: str) -> str:
    """The province a place is in (itself when it is one); the top of its chain when none is named."""
    return _nearest(places, iri, "province") or chain(places, iri)[-1]


@dataclass(frozen=True)
class PlaceIndex:
    """Every practice's place, and the places that have practices."""

    of: dict[str, str]  # practice IRI -> place IRI (practices without a place are left out)
    ids: tuple[str, ...]  # the places with practices, in order (by code, then label)
    edges: dict[tuple[str, str], int]  # (place, place) in `ids` order -> number of links
    within: Counter  # place -> links between two practices of that place


def index(records: Records) -> PlaceIndex:
    places = records.places
    memo: dict[str | None, str | None] = {}
    of: dict[str, str] = {}
    for p in records.practices.values():
        if p.locality not in memo:
            memo[p.locality] = place_of(places, p.locality)
        place = memo[p.locality]
        if place is not None:
            of[p.id] = place
    ids = tuple(sorted(set(of.values()), key=lambda i: order(places, i)))
    rank = {iri: n for n, iri in enumerate(ids)}
    edges: Counter = Counter()
    within: Counter = Counter()
    for link in records.links:
        a, b = of.get(link.a), of.get(link.b)
        if a is None or b is None:
            continue
        if a == b:
            within[a] += 1
        else:
            edges[(a, b) if rank[a] < rank[b] else (b, a)] += 1
    return PlaceIndex(of, ids, dict(edges), within)


def order(places: Mapping[str, Place], iri: str) -> tuple:
    """Places are listed by code, then label (then IRI)."""
    rec = places.get(iri)
    return (rec.code or "~", rec.label, iri) if rec else ("~", "", iri)


def display_name(places: Mapping[str, Place], iri: str) -> str:
    """The label, with the place it is in when that tells same-named places apart: 朝阳区（北京市）."""
    rec = places.get(iri)
    if rec is None:
        return iri.rsplit("/", 1)[-1]
    parent = places.get(rec.parent) if rec.parent else None
    if parent is not None and rec.level != "province" and parent.label not in rec.label:
        return f"{rec.label}（{parent.label}）"
    return rec.label


def groups(records: Records, ids: tuple[str, ...]) -> tuple[str, dict[str, str]]:
    """How the network opens: ("places", {place: place}) up to PLACES_MAX places, else ("cities" |
    "provinces", {place: group}) with each place's prefecture city (or province)."""
    places = records.places
    if len(ids) <= PLACES_MAX:
        return "places", {i: i for i in ids}
    city = {i: _nearest(places, i, "city") or province_of(places, i) for i in ids}
    if len(set(city.values())) <= GROUPS_MAX:
        return "cities", city
    return "provinces", {i: province_of(places, i) for i in ids}


def links_by_place(of: Mapping[str, str], links: tuple[Link, ...]) -> dict[str, list[Link]]:
    """The links with an end at each place."""
    out: dict[str, list[Link]] = defaultdict(list)
    for k in links:
        for end in {of.get(k.a), of.get(k.b)} - {None}:
            out[end].append(k)  # type: ignore[index]
    return out


def practices_by_place(of: Mapping[str, str], practices: Mapping[str, Practice]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for p in practices:
        if p in of:
            out[of[p]].append(p)
    return out
