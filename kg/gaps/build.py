"""Peer gaps: the practice types and brands that peer places reported and this place has not.

Peers are the places (county, city or province: kg/digest/places.py) at the same admin level as the
asked place, in the same province by default (`scope="all"`: the whole collection), that have
practices in the store. A peer *holds* a practice type when one of its practices is of that type, a
brand when one of its practices carries it. The asked place *covers* a type when one of its
practices is of that type or a narrower one (a place doing 谈心谈话 covers 关心关爱), a brand when it
carries it. A gap is a type or brand some peer holds and the place does not cover; gaps are ranked
by how many peers hold them. Each names its peers and the best example: the practice with the most
displayable outcomes (figures a reader can quote), then the latest, then by IRI.

A gap means "not reported in the bulletins held", not "not done". queries/gaps.rq computes the same
gaps and peers in SPARQL (tests/test_gaps.py compares them).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from kg.catalog.catalog import Catalog
from kg.catalog.counts import corpus_summary
from kg.catalog.practices import read_places, read_practices
from kg.catalog.records import Locality, Practice
from kg.catalog.scheme import read_scheme
from kg.digest import places as pl
from kg.digest.build import Item, item
from kg.errors import ReportError

SCOPES = ("province", "all")
_SUFFIXES = "县市区省镇旗"
CAVEAT = (
    "说明：“空白”指所收公报中未见该地报道，不等于该地没有开展这项工作；同级地方的做法也只以所收公报为限。"
)


@dataclass(frozen=True)
class Gap:
    kind: str  # "type" | "brand"
    key: str  # the practice type's IRI, or the brand as written
    label: str
    peers: tuple[Locality, ...]  # the peers that hold it, in place order
    example: Item  # the best example among the peers' practices
    practices: int  # the peers' practices of it


@dataclass(frozen=True)
class Gaps:
    place: Locality
    name: str
    scope: str  # "province" | "all"
    peers: tuple[Locality, ...]  # every peer (with practices), in place order
    own: int  # practices of the place
    gaps: tuple[Gap, ...]  # most-held first
    corpus: dict = field(default_factory=dict)


def _places(cat: Catalog) -> tuple[dict[str, list[Practice]], dict[str, Locality]]:
    """(place IRI -> its practices, place IRI -> its record) for the places with practices."""
    out: dict[str, list[Practice]] = defaultdict(list)
    recs: dict[str, Locality] = {}
    for p in cat.practices.values():
        place = pl.place_of(p.locality)
        if place is not None:
            out[place.iri].append(p)
            recs[place.iri] = place
    return out, recs


def _province(loc: Locality) -> str | None:
    return next((x.iri for x in loc.chain() if x.level == "province"), None)


def resolve(cat: Catalog, name: str) -> Locality:
    """The place (county level or above) a user named; ReportError naming close matches otherwise."""
    import difflib

    name = (name or "").strip()
    at, _ = _places(cat)
    locs = {x.iri: x for ps in at.values() for p in ps for x in (p.locality.chain() if p.locality else ())}
    by_label: dict[str, list[Locality]] = defaultdict(list)
    for loc in locs.values():
        if loc.label:
            by_label[loc.label].append(loc)
    stems: dict[str, list[Locality]] = defaultdict(list)  # 宜秀 -> 宜秀区
    for label, xs in by_label.items():
        if len(label) > 2 and label[-1] in _SUFFIXES:
            stems[label[:-1]].extend(xs)
    for cand in (by_label.get(name), by_label.get(name.rstrip(_SUFFIXES)), stems.get(name)):
        placed = {x.iri: x for x in map(pl.place_of, cand or ()) if x is not None}
        if placed:
            return min(placed.values(), key=pl.order)
    labels = sorted(by_label)
    close = difflib.get_close_matches(name, labels, n=5, cutoff=0.3) if name else []
    if not close:
        close = sorted(labels, key=lambda x: (-len(set(x) & set(name)), x))[:5]
    hint = f"；相近的地方：{'、'.join(close)}" if close else "；库中还没有带地方的做法，请先运行 kg build"
    raise ReportError(f"未找到地方“{name}”{hint}")


def _best(ps: list[Practice]) -> Practice:
    """Most displayable outcomes, then the latest, then by IRI."""
    return min(ps, key=lambda p: (-sum(o.displayable for o in p.outcomes), _neg(p.date), p.iri))


def _neg(date: str | None) -> tuple:
    return tuple(-ord(c) for c in (date or ""))


def _peers(places: dict[str, Locality], me: Locality, scope: str) -> list[Locality]:
    prov = _province(me)
    return sorted(
        (
            x
            for iri, x in places.items()
            if iri != me.iri
            and x.level == me.level
            and (scope == "all" or (prov is not None and _province(x) == prov))
        ),
        key=pl.order,
    )


def compile_gaps(cat: Catalog, name: str, scope: str = "province", *, place: Locality | None = None) -> Gaps:
    """The gaps of the place `name` names (or of `place`, already resolved) over a catalog that holds
    at least its practices and those of its peers."""
    if scope not in SCOPES:
        raise ReportError(f"--peers 只能是 {' 或 '.join(SCOPES)}（收到 {scope}）")
    me = place or resolve(cat, name)
    at, places = _places(cat)
    peers = _peers(places, me, scope)
    mine = at.get(me.iri, [])
    covered_types = {a for p in mine for c in p.types for a in cat.scheme.ancestors(c.iri)}
    covered_brands = {p.brand for p in mine if p.brand}
    held: dict[tuple[str, str], dict[str, list[Practice]]] = defaultdict(lambda: defaultdict(list))
    for peer in peers:
        for p in at[peer.iri]:
            for c in p.types:
                if c.iri not in covered_types:
                    held[("type", c.iri)][peer.iri].append(p)
            if p.brand and p.brand not in covered_brands:
                held[("brand", p.brand)][peer.iri].append(p)
    rank = {x.iri: n for n, x in enumerate(peers)}
    gaps = []
    for (kind, key), by_peer in held.items():
        label = cat.scheme.label(key) if kind == "type" else key
        ps = [p for v in by_peer.values() for p in v]
        holders = tuple(places[i] for i in sorted(by_peer, key=rank.__getitem__))
        gaps.append(Gap(kind, key, label, holders, item(_best(ps)), len({p.iri for p in ps})))
    gaps.sort(key=lambda g: (-len(g.peers), g.kind != "type", -g.practices, g.label, g.key))
    return Gaps(me, pl.name(me), scope, tuple(peers), len(mine), tuple(gaps))


def gaps(gs: Any, name: str, scope: str = "province") -> Gaps:
    """The gaps of a place over an open store: where every practice is is read first (two columns),
    the place and its peers found from that, and only their practices read in full (at 10k articles
    reading every practice in full was nearly all of the ~26 s CPU)."""
    if scope not in SCOPES:
        raise ReportError(f"--peers 只能是 {' 或 '.join(SCOPES)}（收到 {scope}）")
    scheme = read_scheme(gs)
    where = Catalog(read_places(gs), {}, [], scheme)
    me = resolve(where, name)
    at, places = _places(where)
    needed = {p.iri for x in (me, *_peers(places, me, scope)) for p in at.get(x.iri, ())}
    practices, localities = read_practices(gs, needed, scheme=scheme)
    cat = Catalog(practices, localities, [], scheme)
    return replace(compile_gaps(cat, name, scope, place=me), corpus=corpus_summary(gs))
