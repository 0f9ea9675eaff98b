"""Diffusion: for a theme, the order in which places first reported it.

A theme is a target group or a practice type (each with every narrower concept: 年轻干部 takes in
选调生) or a brand (ckg:brand, compared as written). A place reports a theme on the date of the first
bulletin issue (dcterms:issued) that carries one of its practices on the theme; places are those of
the places network (kg.site.places.place_of). queries/diffusion.rq answers the same in SPARQL.

Dates are those of the reports: when a place's practice appeared in the bulletins held, not when the
place began it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kg.site import places as pl
from kg.site.source import Concept, Records

KINDS = {"target": "对象", "type": "做法类型", "brand": "品牌"}


@dataclass(frozen=True, order=True)
class Theme:
    kind: str  # "target" | "type" | "brand"
    key: str  # the concept's IRI, or the brand as written
    label: str  # what a reader sees: the concept's preferred label, or the brand


@dataclass(frozen=True)
class DiffusionRow:
    place: str  # IRI of the place (county level or above)
    label: str  # its name: 宜秀区（安庆市）
    code: str  # GB/T 2260
    first: str  # YYYY-MM-DD of the first report
    practices: int  # practices on the theme reported there
    example: str  # IRI of the practice first reported (the earliest, then by IRI)


def themes_named(records: Records, name: str) -> list[Theme]:
    """The themes a name can mean: a concept's preferred or alternative label, or a brand."""
    name = name.strip()
    out = [
        Theme(c.kind, c.id, c.label)
        for c in records.concepts.values()
        if name and (name == c.label or name in c.alt)
    ]
    if any(p.brand == name for p in records.practices.values()):
        out.append(Theme("brand", name, name))
    return sorted(out)


def _closure(concepts: Mapping[str, Concept], iri: str) -> list[str]:
    """The concept and everything broader (cycle-safe)."""
    out, todo = [], [iri]
    while todo:
        c = todo.pop()
        if c in out:
            continue
        out.append(c)
        rec = concepts.get(c)
        todo.extend(rec.broader if rec else ())
    return out


def practice_themes(records: Records) -> tuple[list[Theme], dict[str, list[int]]]:
    """(themes, practice -> numbers of its themes): its target groups and types with every broader
    one, and its brand. Numbers, not Theme objects, per practice: at 10k articles this runs ~10^6 times."""
    concepts = records.concepts
    themes: list[Theme] = []
    number: dict[tuple[str, str], int] = {}

    def num(kind: str, key: str, label: str) -> int:
        n = number.get((kind, key))
        if n is None:
            n = number[(kind, key)] = len(themes)
            themes.append(Theme(kind, key, label))
        return n

    memo: dict[tuple[str, str], list[int]] = {}

    def up(iri: str, kind: str) -> list[int]:
        got = memo.get((kind, iri))
        if got is None:
            got = memo[(kind, iri)] = [
                num(kind, c, concepts[c].label if c in concepts else c.rsplit("/", 1)[-1])
                for c in _closure(concepts, iri)
            ]
        return got

    out = {}
    for p in records.practices.values():
        found: set[int] = set()
        for c in p.targets:
            found.update(up(c, "target"))
        for c in p.types:
            found.update(up(c, "type"))
        if p.brand:
            found.add(num("brand", p.brand, p.brand))
        out[p.id] = list(found)
    return themes, out


def diffusions(
    records: Records, of: Mapping[str, str] | None = None, wanted: Iterable[Theme] | None = None
) -> dict[Theme, list[DiffusionRow]]:
    """Every theme's rows (or only the wanted ones), earliest first; of: practice -> place."""
    of = of if of is not None else pl.index(records).of
    themes, per_practice = practice_themes(records)
    keep = None if wanted is None else {n for n, t in enumerate(themes) if t in set(wanted)}
    return _rows(records, of, themes, per_practice, keep)


def cells(
    records: Records, of: Mapping[str, str], per_practice: Mapping[str, list[int]], keep: set[int] | None
) -> dict[int, list[tuple[str, str, int, str]]]:
    """theme number -> [(first date, place, practices, example practice)], in no particular order.
    Practices are visited by (date, IRI), so a place's first one is its example."""
    first: dict[tuple[int, str], list] = {}
    dated = sorted((p.date, p.id) for p in records.practices.values() if p.date and p.id in of)
    for date, pid in dated:
        place = of[pid]
        found = per_practice.get(pid, ())
        for t in found if keep is None else [t for t in found if t in keep]:
            cell = first.get((t, place))
            if cell is None:
                first[(t, place)] = [date, pid, 1]
            else:
                cell[2] += 1
    out: dict[int, list[tuple[str, str, int, str]]] = {}
    for (t, place), (date, pid, n) in first.items():
        out.setdefault(t, []).append((date, place, n, pid))
    return out


def _rows(
    records: Records,
    of: Mapping[str, str],
    themes: list[Theme],
    per_practice: Mapping[str, list[int]],
    keep: set[int] | None,
) -> dict[Theme, list[DiffusionRow]]:
    names: dict[str, tuple[str, str, tuple]] = {}
    out: dict[Theme, list[DiffusionRow]] = {}
    for t, found in cells(records, of, per_practice, keep).items():
        rows = []
        for date, place, n, pid in found:
            if place not in names:
                rec = records.places.get(place)
                names[place] = (
                    pl.display_name(records.places, place),
                    rec.code if rec else "",
                    pl.order(records.places, place),
                )
            label, code, _ = names[place]
            rows.append(DiffusionRow(place, label, code, date, n, pid))
        # earliest first, then in the places' order (as the site model lists them)
        rows.sort(key=lambda r: (r.first, names[r.place][2]))
        out[themes[t]] = rows
    return dict(sorted(out.items()))


def diffusion(records: Records, theme: str | Theme) -> list[DiffusionRow]:
    """The places that reported a theme, by the date of their first report (earliest first).

    theme: a Theme, or a name (a target group's or practice type's preferred or alternative label, or
    a brand); a name that means several themes (rare) counts a practice on any of them once."""
    wanted = {theme} if isinstance(theme, Theme) else set(themes_named(records, theme))
    if not wanted:
        return []
    if len(wanted) == 1:
        return diffusions(records, wanted=wanted).get(next(iter(wanted)), [])
    themes, per_practice = practice_themes(records)
    hits = {n for n, t in enumerate(themes) if t in wanted}
    union = {pid: [0] for pid, found in per_practice.items() if hits & set(found)}
    any_of = Theme("any", "", "")
    return _rows(records, pl.index(records).of, [any_of], union, None).get(any_of, [])
