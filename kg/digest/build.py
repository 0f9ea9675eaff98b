"""A theme compilation (经验做法汇编) as plain data: every practice on a theme across the collection,
grouped province → city → place, with a head count and the order in which places first reported it.

A theme is a target group or a practice type, named by its preferred or an alternative label, with
every narrower concept (年轻干部 takes in 选调生); a brand (ckg:brand, as written); or, with
`is_text`, a free-text description ranked against every practice. A name that means several themes
(a group and a type, or a concept and a brand) takes the practices of any of them. Everything comes
from the catalog (kg/catalog); queries/digest.rq returns the same practice set in SPARQL.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from kg.catalog.catalog import Catalog
from kg.catalog.counts import corpus_summary
from kg.catalog.practices import read_practices, read_themes
from kg.catalog.records import Locality, Practice
from kg.catalog.scheme import PTYPE, TARGET, read_scheme
from kg.digest import places as pl
from kg.errors import ReportError
from kg.report import cite
from kg.text import display_text

KIND_NAMES = {TARGET: "对象", PTYPE: "做法类型", "brand": "品牌", "text": "描述"}
TEXT_TOP = 30  # practices a free-text theme takes (best first) unless asked otherwise


@dataclass(frozen=True)
class Theme:
    kind: str  # TARGET | PTYPE | "brand"
    key: str  # concept IRI, or the brand as written
    label: str
    narrower: tuple[str, ...] = ()  # labels of the narrower concepts taken in


@dataclass(frozen=True)
class Item:
    practice: Practice
    label: str
    quote: str  # kg.text.display_text of the exact source text
    outcomes: tuple[str, ...]  # displayable outcomes: label + the figure as written
    citation: str  # 地方，《刊名》期号，日期
    score: float | None = None  # free-text themes only


@dataclass(frozen=True)
class PlaceGroup:
    place: Locality | None
    name: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class CityGroup:
    city: Locality | None
    name: str
    places: tuple[PlaceGroup, ...]


@dataclass(frozen=True)
class ProvinceGroup:
    province: Locality | None
    name: str
    cities: tuple[CityGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(g.items) for c in self.cities for g in c.places)


@dataclass(frozen=True)
class Spread:
    """A place on the diffusion table: when it first reported the theme, how often, its first practice."""

    place: Locality
    name: str
    first: str
    practices: int
    example: Item


@dataclass(frozen=True)
class Digest:
    query: str  # the theme as asked
    kind: str  # "theme" | "text"
    themes: tuple[Theme, ...]
    provinces: tuple[ProvinceGroup, ...]
    spread: tuple[Spread, ...]
    places: int  # places (county level or above) that reported it
    practices: int
    first: str | None
    last: str | None
    unplaced: int  # practices with no place at county level or above (listed under 未注明地方)
    corpus: dict = field(default_factory=dict)  # the bulletins held (kg.catalog.counts.corpus_summary)

    @property
    def items(self) -> list[Item]:
        return [i for pg in self.provinces for c in pg.cities for g in c.places for i in g.items]


# ---- themes ------------------------------------------------------------------------------------------


def themes_named(cat: Catalog, name: str) -> list[Theme]:
    """The themes a name can mean: concepts by preferred or alternative label, and a brand."""
    name = name.strip()
    sch = cat.scheme
    out = []
    for c, kind in sorted(sch.kinds.items()):
        if name and (sch.labels.get(c) == name or name in sch.alt.get(c, ())):
            below = [k for k in sch.descendants(c) if k != c]
            out.append(Theme(kind, c, sch.label(c), tuple(sorted({sch.label(k) for k in below}))))
    if name and any(p.brand == name for p in cat.practices.values()):
        out.append(Theme("brand", name, name))
    return out


def on_theme(cat: Catalog, themes: list[Theme]) -> list[str]:
    """The practices on any of the themes (a concept with every narrower one), sorted by IRI."""
    concepts = {k for t in themes if t.kind != "brand" for k in cat.scheme.descendants(t.key)}
    brands = {t.key for t in themes if t.kind == "brand"}
    return sorted(
        p.iri
        for p in cat.practices.values()
        if p.brand in brands or any(c.iri in concepts for c in (*p.targets, *p.types))
    )


def _unknown(cat: Catalog, name: str) -> ReportError:
    sch = cat.scheme
    names = sorted({sch.label(c) for c in sch.kinds} | {a for v in sch.alt.values() for a in v})
    names += sorted({p.brand for p in cat.practices.values() if p.brand})
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.4)
    if not close:
        close = sorted(names, key=lambda x: (-len(set(x) & set(name)), len(x), x))[:5]
    hint = f"；相近的有：{'、'.join(close)}" if close else ""
    return ReportError(
        f"未找到主题“{name}”（既不是对象、做法类型，也不是品牌提法）{hint}；描述性文字请加 --text"
    )


# ---- the digest ----------------------------------------------------------------------------------------


def item(p: Practice, score: float | None = None) -> Item:
    shown = tuple(o.as_written() for o in p.outcomes if o.displayable)
    return Item(p, p.label, display_text(p.source_text), shown, cite.citation(p), score)


def compile_digest(
    cat: Catalog, name: str, *, is_text: bool = False, top: int = TEXT_TOP, model=None
) -> Digest:
    """The digest of a theme over a catalog (for `is_text`, `model`: the link model to rank with)."""
    name = (name or "").strip()
    if not name:
        raise ReportError("没有主题：请给出对象、做法类型或品牌提法，或用 --text 给出一段描述")
    scores: dict[str, float] = {}
    if is_text:
        from kg.link.search import search_model

        hits = search_model(model, name, top)
        scores = {p: s for p, s, _ in hits if s > 0 and p in cat.practices}
        themes: list[Theme] = []
        chosen = sorted(scores)
    else:
        themes = themes_named(cat, name)
        if not themes:
            raise _unknown(cat, name)
        chosen = on_theme(cat, themes)
    return assemble(cat, name, "text" if is_text else "theme", themes, chosen, scores)


def assemble(
    cat: Catalog, name: str, kind: str, themes: list[Theme], chosen: list[str], scores: dict[str, float]
) -> Digest:
    recs = [cat.practices[p] for p in chosen]
    tree: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    locs: dict[str, Locality | None] = {}
    for p in recs:
        w = pl.where(p)
        keys = [x.iri if x is not None else "" for x in (w.province, w.city, w.place)]
        for k, x in zip(keys, (w.province, w.city, w.place), strict=True):
            locs[k] = x
        tree[keys[0]][keys[1]][keys[2]].append(p)

    def by(k: str) -> tuple:
        return pl.order(locs.get(k))

    def items(ps: list[Practice]) -> tuple[Item, ...]:
        ps = sorted(ps, key=lambda p: (p.date or "9999", p.iri))
        return tuple(item(p, scores.get(p.iri)) for p in ps)

    provinces = []
    for pk in sorted(tree, key=by):
        cities = []
        for ck in sorted(tree[pk], key=by):
            groups = []
            for gk in sorted(tree[pk][ck], key=by):
                loc = locs[gk]
                groups.append(PlaceGroup(loc, _group_name(loc), items(tree[pk][ck][gk])))
            city = locs[ck]
            cities.append(CityGroup(city, city.label if city else "", tuple(groups)))
        prov = locs[pk]
        provinces.append(ProvinceGroup(prov, prov.label if prov else "省份不详", tuple(cities)))
    dates = sorted(p.date for p in recs if p.date)
    placed = {pl.place_of(p.locality).iri for p in recs if pl.place_of(p.locality) is not None}
    return Digest(
        query=name,
        kind=kind,
        themes=tuple(themes),
        provinces=tuple(provinces),
        spread=tuple(spread(recs)),
        places=len(placed),
        practices=len(recs),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        unplaced=sum(1 for p in recs if pl.place_of(p.locality) is None),
    )


def _group_name(loc: Locality | None) -> str:
    """宜秀区; a city's or province's own practices: 安庆市（市本级）."""
    if loc is None:
        return pl.name(None)
    own = {"city": "市本级", "province": "省本级"}.get(loc.level)
    return f"{loc.label}（{own}）" if own else (loc.label or pl.name(loc))


def spread(recs: list[Practice]) -> list[Spread]:
    """The places in the order they first reported (by the bulletin's date; then by code): each with its
    first date, how many practices, and the first one (earliest, then by IRI) — as kg.site.diffusion."""
    first: dict[str, list] = {}
    for p in sorted((p for p in recs if p.date), key=lambda p: (p.date, p.iri)):
        place = pl.place_of(p.locality)
        if place is None:
            continue
        cell = first.get(place.iri)
        if cell is None:
            first[place.iri] = [place, p, 1]
        else:
            cell[2] += 1
    rows = [Spread(pc, pl.name(pc), p.date or "", n, item(p)) for pc, p, n in first.values()]
    return sorted(rows, key=lambda r: (r.first, pl.order(r.place)))


def read_without_links(gs: Any) -> Catalog:
    """Every practice with its places and the vocabularies, without the similarity links (a digest and
    gaps need none; at 10k articles the links are a third of what the catalog reads)."""
    scheme = read_scheme(gs)
    practices, localities = read_practices(gs, scheme=scheme)
    return Catalog(practices, localities, [], scheme)


def digest(gs: Any, name: str, *, is_text: bool = False, top: int = TEXT_TOP) -> Digest:
    """The digest of a theme over an open store. For a named theme each practice's themes are read
    first (brand, targets, types), then only the practices on it in full (at 10k articles reading
    every practice in full was nearly all of the ~26 s CPU); for `is_text`, every practice."""
    if not is_text:
        scheme = read_scheme(gs)
        themed = Catalog(read_themes(gs, scheme), {}, [], scheme)
        themes = themes_named(themed, (name or "").strip())
        if not themes:
            return compile_digest(themed, name)  # the one-line error (or the empty name's)
        chosen = on_theme(themed, themes)
        practices, localities = read_practices(gs, chosen, scheme=scheme)
        cat = Catalog(practices, localities, [], scheme)
        out = assemble(cat, (name or "").strip(), "theme", themes, chosen, {})
        return replace(out, corpus=corpus_summary(gs))
    cat = read_without_links(gs)
    model = None
    if is_text:
        from kg.link.state import load_model

        model = load_model(gs)
    out = compile_digest(cat, name, is_text=is_text, top=top, model=model)
    return replace(out, corpus=corpus_summary(gs))
