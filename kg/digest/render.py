"""A digest as Markdown, JSON, HTML or Word (`render(d, fmt)`); every text from a document escaped."""

from __future__ import annotations

import json

from kg.digest import text as tx
from kg.digest.build import Digest, Item
from kg.report import cite
from kg.report.markdown import esc

FORMATS = ("md", "html", "json", "docx")


def render(d: Digest, fmt: str = "md") -> str | bytes:
    if fmt == "md":
        return markdown(d)
    if fmt == "json":
        return json.dumps(to_json(d), ensure_ascii=False, indent=2)
    if fmt == "html":
        from kg.digest.html import render as html

        return html(d)
    if fmt == "docx":
        from kg.digest.word import render as docx

        return docx(d)
    raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")


# ---- Markdown ------------------------------------------------------------------------------------------


def _item_md(n: int, it: Item) -> list[str]:
    score = f"（相近度 {it.score:.2f}）" if it.score is not None else ""
    lines = [f"**{n}. {esc(it.label or '（无标题）')}**{score}", ""]
    quote = [ln.strip() for ln in it.quote.splitlines() if ln.strip()] or ["（原文缺失）"]
    lines += [f"> {esc(ln)}" for ln in quote]
    lines.append("")
    if it.outcomes:
        lines += ["成效：" + "；".join(esc(o) for o in it.outcomes), ""]
    lines += [f"〔{esc(it.citation)}〕", ""]
    return lines


def markdown(d: Digest) -> str:
    out = [f"# {esc(tx.title(d))}", "", f"{esc(tx.theme_line(d))}。{esc(tx.head_line(d))}", ""]
    if d.corpus:
        out += [esc(tx.corpus_line(d)) + tx.SOURCE_NOTE, ""]
    out += ["## 目录", ""]
    for level, line in tx.contents(d):
        out.append(("- " if level == 1 else "  - ") + esc(line))
    out.append("")
    n = 0
    for k, pg in enumerate(d.provinces, start=1):
        out += [f"## {esc(tx.province_heading(k, pg))}", ""]
        for c in pg.cities:
            if c.name:
                out += [f"### {esc(c.name)}", ""]
            for g in c.places:
                out += [f"#### {esc(g.name)}", ""]
                for it in g.items:
                    n += 1
                    out += _item_md(n, it)
    out += [f"## {tx.section_number(len(d.provinces) + 1)}首次报道先后", "", tx.SPREAD_NOTE, ""]
    if d.spread:
        out += [
            "| 次序 | 首次见报 | 地方 | 做法数 | 最早的做法 | 出处 |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for k, s in enumerate(d.spread, start=1):
            cells = [str(k), s.first, s.name, str(s.practices), s.example.label, s.example.citation]
            out.append("| " + " | ".join(esc(x).replace("\n", " ") for x in cells) + " |")
    else:
        out.append("（无注明日期和地方的做法）")
    return "\n".join(out).rstrip() + "\n"


# ---- JSON ------------------------------------------------------------------------------------------------


def item_json(it: Item) -> dict:
    p = it.practice
    out = {
        **cite.practice_json(p),
        "quote": it.quote,
        "outcomes": list(it.outcomes),
        "citation": it.citation,
        "targets": list(cite.target_labels(p)),
        "types": list(cite.type_labels(p)),
    }
    if it.score is not None:
        out["score"] = round(it.score, 3)
    return out


def _loc(loc) -> dict | None:
    return None if loc is None else {"id": loc.iri, "name": loc.label, "code": loc.code or None}


def to_json(d: Digest) -> dict:
    """{"query": {"kind", "value"}, "themes": [...], "summary": {...}, "provinces": [{"province", "name",
    "cities": [{"city", "name", "places": [{"place", "name", "practices": [P + quote, outcomes,
    citation]}]}]}], "spread": [{"place", "name", "first", "practices", "example"}]}"""
    return {
        "query": {"kind": d.kind, "value": d.query},
        "themes": [
            {"kind": t.kind, "key": t.key, "label": t.label, "narrower": list(t.narrower)} for t in d.themes
        ],
        "summary": {
            "places": d.places,
            "practices": d.practices,
            "first": d.first,
            "last": d.last,
            "unplaced": d.unplaced,
            "corpus": d.corpus,
        },
        "provinces": [
            {
                "province": _loc(pg.province),
                "name": pg.name,
                "cities": [
                    {
                        "city": _loc(c.city),
                        "name": c.name,
                        "places": [
                            {
                                "place": _loc(g.place),
                                "name": g.name,
                                "practices": [item_json(i) for i in g.items],
                            }
                            for g in c.places
                        ],
                    }
                    for c in pg.cities
                ],
            }
            for pg in d.provinces
        ],
        "spread": [
            {
                "place": _loc(s.place),
                "name": s.name,
                "first": s.first,
                "practices": s.practices,
                "example": item_json(s.example),
            }
            for s in d.spread
        ],
    }
