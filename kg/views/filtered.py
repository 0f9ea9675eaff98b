"""`kg viz -o FILE` with filters: one self-contained page of the practices that match."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.catalog.catalog import Catalog, read_catalog
from kg.catalog.records import local_name
from kg.catalog.scheme import PTYPE, TARGET
from kg.errors import KGError
from kg.views import graph as vg
from kg.views import render
from kg.views.facts import concepts_of, place, types_of, year_of


def _match(values: Iterable[str], candidates: dict[str, list[str]], what: str) -> set[str]:
    """IRIs whose names equal (else contain) each value; an unknown value is a user error."""
    found: set[str] = set()
    for v in values:
        v = v.strip()
        hit = {iri for iri, names in candidates.items() if v in names}
        hit = hit or {iri for iri, names in candidates.items() if v and any(v in n for n in names)}
        if not hit:
            sample = "、".join(sorted({names[0] for names in candidates.values()})[:8])
            raise KGError(f"图谱中没有{what}“{v}”；可选的有：{sample or '（无）'}")
        found |= hit
    return found


def concept_kinds(data: Catalog) -> dict[str, str]:
    """Every concept of the vocabularies and every concept a practice uses, with its kind."""
    kinds = dict(data.scheme.kinds)
    for p in data.practices.values():
        for c in p.targets:
            kinds.setdefault(c.iri, TARGET)
        for c in types_of(p):
            kinds.setdefault(c, PTYPE)
    return kinds


def select(data: Catalog, localities=(), target_groups=(), practice_types=(), years=()) -> set[str]:
    """Practices matching every given filter (values within one filter: any of them)."""
    chosen = set(data.practices)
    if localities:
        names = {
            iri: [data.locality_label(iri), loc.code, data.locality_name(iri)]
            for iri, loc in data.localities.items()
        }
        locs = _match(localities, {k: [n for n in v if n] for k, v in names.items()}, "地方")
        chosen &= {p.iri for p in data.practices.values() if locs & set(data.locality_chain(place(p)))}
    kinds = concept_kinds(data) if target_groups or practice_types else {}
    for values, kind, what in ((target_groups, TARGET, "对象"), (practice_types, PTYPE, "做法类型")):
        if values:
            names = {
                c: [data.concept_label(c), *data.scheme.alt.get(c, ()), local_name(c)]
                for c, k in kinds.items()
                if k == kind
            }
            cons = _match(values, names, what)
            chosen &= {
                p.iri
                for p in data.practices.values()
                if any(cons & set(data.concept_chain(c)) for c in concepts_of(p))
            }
    if years:
        held = {year_of(p) for p in data.practices.values()} - {None}
        for y in years:  # a year the graph holds nothing of is named, as an unknown place is
            if int(y) not in held:
                sample = "、".join(map(str, sorted(held))) or "（无）"
                raise KGError(f"图谱中没有{y}年的做法；有做法的年份：{sample}")
        wanted = {int(y) for y in years}
        chosen &= {p.iri for p in data.practices.values() if year_of(p) in wanted}
    return chosen


def render_filtered(
    gs: Any,
    output: str | Path,
    localities=(),
    target_groups=(),
    practice_types=(),
    years=(),
    *,
    notes: list[str] | None = None,
) -> str:
    """One page of the practices matching the filters; returns the path written. Each filter value
    must name something the graph holds (else KGError); when the values exist but no practice matches
    them all, the page is written empty and `notes` says so."""
    data = read_catalog(gs)
    chosen = select(data, localities, target_groups, practice_types, years)
    bits = [
        ("地方", localities),
        ("对象", target_groups),
        ("类型", practice_types),
        ("年份", [str(y) for y in years]),
    ]
    label = "；".join(f"{k}：{'、'.join(map(str, v))}" for k, v in bits if v)
    if not chosen and notes is not None:
        notes.append(f"没有同时符合这些条件的做法（{label or '全部'}），页面为空")
    g = vg.build(data, chosen, f"做法筛选（{label}）" if label else "组工信息做法总览")
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    nav = [("index.html", "← 目录")] if (out.parent / "index.html").exists() else []
    return write_text(out, render.to_html(g, nav))


def write_text(path: Path, text: str) -> str:
    """Write a page as UTF-8 beside its place and move it there (a reader never sees half a page)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return str(path)
