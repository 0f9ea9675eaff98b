"""Step 1: the site model, a plain dict built from the records (no HTML, no store).

`site_model(records) -> dict` is the one seam between reading and drawing: whatever reads the store
(kg.site.source today, the catalogue later) hands over a `Records`, and everything the site shows is
in the dict below. Lists refer to each other by position (`place`, `group`, `province`, concept and
practice numbers), which keeps the data files small and the JSON plain.

    schema        SCHEMA (an int; the data files carry it, the app checks it)
    summary       {practices, places, links, placeLinks, withinLinks, issues, first, last, unplaced,
                   untargeted, untyped, mode}
    mode          "places" | "cities" | "provinces": what the places network draws first
    provinces     [{label, code}]                       colours of the places network
    places        [{id, label, name, level, code, province, group, practices, issues, first, last,
                    within, links, p0, p1, x, y}]       county level and above, with practices;
                                                        practices[p0:p1] are the place's own
    areas         [{id, label, level, code, places: [place]}]   every city and province that holds
                                                        places (or is one), with all of them
    groups        [{id, label, name, level, code, province, places: [place], practices, x, y}]
                                                        what the network opens on (= places in
                                                        "places" mode)
    edges         [[place, place, links]]               place a < place b; links = ckg:SimilarityLinks
                                                        between their practices (places-network.rq)
    concepts      [{id, label, kind: target|type, broader: [concept]}]
    brands        [str]
    fields        {practices: PRACTICE_FIELDS, links: LINK_FIELDS, rows: ROW_FIELDS}: the columns of the
                  three big tables, which are lists of rows (a dict per row would double the files)
    practices     [[id, label, place|None, locality, date, bulletin, issue, article, quote,
                    outcomes: [str], targets: [concept], types: [concept], brand|None, issuer, source]]
                                                        sorted by place, date, IRI (unplaced last)
    links         [[a, b, score|None, concepts: [concept], terms: [str]]]   practice numbers, a < b, in
                                                        the records' order
    themes        [{kind, key, label, places, practices, first, last,
                    rows: [[place, first, practices, example practice]]}]   diffusion, earliest first

`quote` is the practice's source text as a reader sees it (kg.text.display_text: no conversion spaces,
no Markdown); `source` the exact source text when it differs ("" otherwise), shown on request;
`outcomes` only those whose label says what was counted, figures as written; `locality` the label of its
own locality as citations give it (a town or village shows here, its county in `place`). Every
string from a document stays a string here: kg.site.data escapes it for the page and the app shows
it as text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from kg.site import layout
from kg.site import places as pl
from kg.site import themes as df
from kg.site.source import Records, clean_quote

SCHEMA = 1
PRACTICE_FIELDS = (
    "id", "label", "place", "locality", "date", "bulletin", "issue", "article", "quote", "outcomes",
    "targets", "types", "brand", "issuer", "source",
)  # fmt: skip
LINK_FIELDS = ("a", "b", "score", "concepts", "terms")
ROW_FIELDS = ("place", "first", "practices", "example")  # a diffusion row
BRAND_PLACES_MIN = 2  # a brand is a diffusion theme once two places report it


def site_model(records: Records) -> dict:
    """Everything the site shows, as plain data (see the module docstring for the schema)."""
    places = records.places
    idx = pl.index(records)
    mode, group_of = pl.groups(records, idx.ids)

    # practices in place order (then date, IRI); unplaced last
    rank = {iri: n for n, iri in enumerate(idx.ids)}
    order = sorted(
        records.practices.values(),
        key=lambda p: (rank.get(idx.of.get(p.id, ""), len(rank)), p.date or "9999", p.id),
    )
    pnum = {p.id: n for n, p in enumerate(order)}

    concepts = _used_concepts(records)
    cnum = {c: n for n, c in enumerate(concepts)}
    brands = sorted({p.brand for p in order if p.brand})
    bnum = {b: n for n, b in enumerate(brands)}

    # places: counts, dates, ranges
    per: dict[str, dict] = {
        i: {"n": 0, "issues": set(), "first": "", "last": "", "p0": None, "p1": 0} for i in idx.ids
    }
    for n, p in enumerate(order):
        place = idx.of.get(p.id)
        if place is None:
            continue
        rec = per[place]
        rec["n"] += 1
        rec["issues"].add((p.bulletin, p.issue, p.date))
        if p.date:
            rec["first"] = min(rec["first"] or p.date, p.date)
            rec["last"] = max(rec["last"], p.date)
        rec["p0"] = n if rec["p0"] is None else rec["p0"]
        rec["p1"] = n + 1
    degree: Counter = Counter()
    for (a, b), w in idx.edges.items():
        degree[a] += w
        degree[b] += w

    provinces = sorted({pl.province_of(places, i) for i in idx.ids}, key=lambda i: pl.order(places, i))
    prov_num = {iri: n for n, iri in enumerate(provinces)}
    group_ids = list(
        dict.fromkeys(group_of[i] for i in sorted(idx.ids, key=lambda i: pl.order(places, group_of[i])))
    )
    gnum = {g: n for n, g in enumerate(group_ids)}
    spread = sorted(idx.ids, key=lambda i: (-per[i]["n"], rank[i]))  # biggest at a group's centre
    group_size: Counter = Counter()
    for i in idx.ids:
        group_size[group_of[i]] += per[i]["n"]
    pos, gpos = layout.place_positions(
        spread, group_of, idx.edges, {g: pl.province_of(places, g) for g in group_size}, group_size
    )

    place_rows = []
    for i in idx.ids:
        rec, src = per[i], places.get(i)
        place_rows.append(
            {
                "id": i,
                "label": src.label if src else i.rsplit("/", 1)[-1],
                "name": pl.display_name(places, i),
                "level": src.level if src else "",
                "code": src.code if src else "",
                "province": prov_num[pl.province_of(places, i)],
                "group": gnum[group_of[i]],
                "practices": rec["n"],
                "issues": len(rec["issues"]),
                "first": rec["first"],
                "last": rec["last"],
                "within": idx.within.get(i, 0),
                "links": degree.get(i, 0),
                "p0": rec["p0"],
                "p1": rec["p1"],
                "x": pos[i][0],
                "y": pos[i][1],
            }
        )
    group_rows = []
    members: dict[str, list[int]] = {}
    for n, i in enumerate(idx.ids):
        members.setdefault(group_of[i], []).append(n)
    for g in group_ids:
        src = places.get(g)
        group_rows.append(
            {
                "id": g,
                "label": src.label if src else g.rsplit("/", 1)[-1],
                "name": pl.display_name(places, g),
                "level": src.level if src else "",
                "code": src.code if src else "",
                "province": prov_num.get(pl.province_of(places, g), 0),
                "places": members[g],
                "practices": sum(per[idx.ids[m]]["n"] for m in members[g]),
                "x": gpos[g][0],
                "y": gpos[g][1],
            }
        )

    areas = _areas(records, idx.ids)
    practice_rows = _practice_rows(records, order, idx.of, rank, cnum, bnum)
    link_rows = _link_rows(records, pnum, cnum)

    themes = _themes(records, idx.of, rank, pnum, cnum)
    unplaced = len(records.practices) - len(idx.of)
    dates = sorted(p.date for p in order if p.date)
    return {
        "schema": SCHEMA,
        "summary": {
            "practices": len(order),
            "places": len(idx.ids),
            "links": len(link_rows),
            "placeLinks": sum(idx.edges.values()),
            "withinLinks": sum(idx.within.values()),
            "issues": len({(p.bulletin, p.issue, p.date) for p in order}),
            "first": dates[0] if dates else "",
            "last": dates[-1] if dates else "",
            "unplaced": unplaced,
            "untargeted": sum(1 for p in order if not p.targets),
            "untyped": sum(1 for p in order if not p.types),
            "mode": mode,
        },
        "mode": mode,
        "provinces": [
            {
                "label": places[i].label if i in places else i.rsplit("/", 1)[-1],
                "code": places[i].code if i in places else "",
            }
            for i in provinces
        ],
        "places": place_rows,
        "groups": group_rows,
        "areas": areas,
        "edges": sorted([rank[a], rank[b], w] for (a, b), w in idx.edges.items()),
        "concepts": [
            {
                "id": c,
                "label": records.concepts[c].label,
                "kind": records.concepts[c].kind,
                "broader": [cnum[b] for b in records.concepts[c].broader if b in cnum],
            }
            for c in concepts
        ],
        "brands": brands,
        "fields": {"practices": list(PRACTICE_FIELDS), "links": list(LINK_FIELDS), "rows": list(ROW_FIELDS)},
        "practices": practice_rows,
        "links": link_rows,
        "themes": themes,
    }


def _practice_rows(records, order, of, rank, cnum, bnum) -> list[list]:
    places = records.places
    shown = [clean_quote(p.quote) for p in order]
    return [
        [
            p.id,
            p.label,
            rank[of[p.id]] if p.id in of else None,
            places[p.locality].label if p.locality in places else "",
            p.date,
            p.bulletin,
            p.issue,
            p.article,
            shown[n],
            list(p.outcomes),
            [cnum[c] for c in p.targets if c in cnum],
            [cnum[c] for c in p.types if c in cnum],
            bnum[p.brand] if p.brand else None,
            p.issuer,
            p.quote if p.quote.strip() != shown[n] else "",  # last: kg.site.data weighs shards by it
        ]
        for n, p in enumerate(order)
    ]


def _link_rows(records: Records, pnum: Mapping[str, int], cnum: Mapping[str, int]) -> list[list]:
    rows = []
    shared: dict[tuple[str, ...], list[int]] = {}  # many links share the same concepts
    for k in records.links:
        a, b = pnum.get(k.a), pnum.get(k.b)
        if a is None or b is None or a == b:
            continue
        cs = shared.get(k.concepts)
        if cs is None:
            cs = shared[k.concepts] = [cnum[c] for c in k.concepts if c in cnum]
        score = None if k.score != k.score else round(k.score, 3)  # nan: no explanation node
        rows.append([a, b, score, cs, list(k.terms)] if a < b else [b, a, score, cs, list(k.terms)])
    return rows


def _areas(records: Records, ids: tuple[str, ...]) -> list[dict]:
    """The cities and provinces the places are in (or are), each with its places: the filters'
    "地方（含下辖）" when the city itself reports nothing."""
    members: dict[str, list[int]] = {}
    for n, i in enumerate(ids):
        for up in pl.chain(records.places, i):
            rec = records.places.get(up)
            if rec is not None and rec.level in ("city", "province"):
                members.setdefault(up, []).append(n)
    return [
        {
            "id": a,
            "label": pl.display_name(records.places, a),
            "level": records.places[a].level,
            "code": records.places[a].code,
            "places": members[a],
        }
        for a in sorted(members, key=lambda a: pl.order(records.places, a))
    ]


def _used_concepts(records: Records) -> list[str]:
    """The concepts practices use and every broader one, kind then label order."""
    used: set[str] = set()
    todo = [c for p in records.practices.values() for c in p.targets + p.types]
    while todo:
        c = todo.pop()
        if c in used or c not in records.concepts:
            continue
        used.add(c)
        todo.extend(records.concepts[c].broader)
    kinds = {"target": 0, "type": 1}
    return sorted(used, key=lambda c: (kinds.get(records.concepts[c].kind, 2), records.concepts[c].label, c))


def _themes(
    records: Records,
    of: Mapping[str, str],
    rank: Mapping[str, int],
    pnum: Mapping[str, int],
    cnum: Mapping[str, int],
) -> list[dict]:
    themes, per_practice = df.practice_themes(records)
    out = []
    for t, found in df.cells(records, of, per_practice, None).items():
        theme = themes[t]
        if theme.kind == "brand" and len(found) < BRAND_PLACES_MIN:
            continue
        if theme.kind != "brand" and theme.key not in cnum:
            continue
        # earliest first; within a date, in place order (as kg.site.themes.diffusion lists them)
        rows = sorted(
            ([rank[place], date, n, pnum[pid]] for date, place, n, pid in found), key=lambda r: (r[1], r[0])
        )
        out.append(
            {
                "kind": theme.kind,
                "key": cnum[theme.key] if theme.kind != "brand" else theme.key,
                "label": theme.label,
                "places": len(rows),
                "practices": sum(r[2] for r in rows),
                "first": rows[0][1],
                "last": rows[-1][1],
                "rows": rows,
            }
        )
    kinds = {"target": 0, "type": 1, "brand": 2}
    out.sort(key=lambda t: (kinds[t["kind"]], -t["places"], t["label"]))
    return out
