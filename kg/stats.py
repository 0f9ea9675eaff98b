"""`kg stats`: what the graph holds, per bulletin and per locality, and what could not be resolved."""

from __future__ import annotations

import json
from typing import Any

from kg.sparql.query import cell, table
from kg.store import GraphStore

_TOTALS = """
SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES (?class ?what) {
    (ckg:Bulletin "公报") (ckg:Article "文章") (ckg:Practice "做法") (ckg:Locality "地方")
    (ckg:Unit "单位") (ckg:Outcome "成效数字") (ckg:PolicyDocument "政策文件") (ckg:NamedWork "其他书名号作品")
    (ckg:SimilarityLink "相似链接")
  }
  OPTIONAL { ?x a ?class }
} GROUP BY ?what ORDER BY DESC(?n)
"""

_PER_LOCALITY = """
SELECT ?locality ?code ?parent (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?p) AS ?practices)
       (COUNT(DISTINCT ?o) AS ?outcomes) (COUNT(DISTINCT ?t) AS ?targets)
WHERE {
  ?a a ckg:Article ; ckg:locality ?l .
  ?l rdfs:label ?locality .
  OPTIONAL { ?l ckg:adminCode ?code }
  OPTIONAL { ?l schema:containedInPlace/rdfs:label ?parent }
  OPTIONAL { ?p ckg:describedIn ?a . OPTIONAL { ?p ckg:outcome ?o } OPTIONAL { ?p ckg:targets ?t } }
} GROUP BY ?locality ?code ?parent ORDER BY DESC(?practices) ?locality
"""

_NO_TARGET = """
SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a ckg:Practice FILTER NOT EXISTS { ?p ckg:targets ?t } }
"""
_NO_TYPE = """
SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a ckg:Practice FILTER NOT EXISTS { ?p ckg:practiceType ?t } }
"""
_NO_LOCALITY = """
SELECT ?title WHERE { ?a a ckg:Article ; dcterms:title ?title FILTER NOT EXISTS { ?a ckg:locality ?l } }
"""


def collect(store: GraphStore) -> dict[str, Any]:
    totals = {cell(s["what"]): int(s["n"].value) for s in store.query(_TOTALS)}
    res = store.query(_PER_LOCALITY)
    names = [v.value for v in res.variables]  # iterating a solution gives values, not variables
    per_loc = [{n: cell(s[n]) for n in names} for s in res]
    bulletins = [
        {
            "key": k,
            **{f: v.get(f) for f in ("name", "issue", "date", "articles", "practices", "source")},
            "unresolved": v.get("unresolved", []),
        }
        for k, v in sorted(store.bulletins.items(), key=lambda kv: str(kv[1].get("date")))
    ]
    gaps = {
        "无对象的做法": _count(store, _NO_TARGET),
        "无类型的做法": _count(store, _NO_TYPE),
        "无地方的文章": [cell(s["title"]) for s in store.query(_NO_LOCALITY)],
    }
    return {"totals": totals, "bulletins": bulletins, "localities": per_loc, "gaps": gaps}


def _rows(store: GraphStore, q: str) -> list[Any]:
    return list(store.query(q))


def _count(store: GraphStore, q: str) -> int:
    return int(next(iter(store.query(q)))["n"].value)


def stats(store: GraphStore, fmt: str = "text") -> str:
    data = collect(store)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    out = ["== 总量 =="]
    out += [f"{k}\t{v}" for k, v in data["totals"].items()]
    out.append("\n== 按公报 ==")
    for b in data["bulletins"]:
        out.append(
            f"{b['name'] or '单篇'}\t第{b['issue']}期\t{b['date']}\t文章 {b['articles']}\t做法 {b['practices']}\t{b['source']}"
        )
        out += [f"    未解析：{u}" for u in b["unresolved"]]
    out.append("\n== 按地方 ==")
    out.append(table(store.query(_PER_LOCALITY)))
    out.append("\n== 盲点 ==")
    for k, v in data["gaps"].items():
        out.append(f"{k}\t{v if isinstance(v, int) else len(v)}")
        if isinstance(v, list):
            out += [f"    {t}" for t in v]
    return "\n".join(out)


def write_coverage_page(store: GraphStore, out_dir) -> str:
    """The coverage report as a self-contained page beside the views (all text escaped)."""
    import html
    from pathlib import Path

    out = Path(out_dir) / "coverage.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    body = html.escape(stats(store, "text"))
    out.write_text(
        "<!doctype html><html lang=zh><meta charset=utf-8><title>图谱覆盖情况</title>"
        "<style>body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em}"
        "pre{font-size:14px;line-height:1.5}</style>"
        f"<h1>图谱覆盖情况（kg stats）</h1><pre>{body}</pre></html>",
        encoding="utf-8",
    )
    return str(out)


STALE_NOTE = '<p class="stale">此页为上次完整生成时的统计；之后新增的公报未计入，运行 kg build 重新生成。</p>'


def mark_coverage_stale(out_dir) -> str | None:
    """Put a note at the top of the coverage page (after `kg add`, whose incremental render does not
    recount the whole store); returns the path when the page changed."""
    from pathlib import Path

    out = Path(out_dir) / "coverage.html"
    if not out.exists():
        return None
    page = out.read_text(encoding="utf-8")
    if STALE_NOTE in page:
        return None
    heading = "<h1>图谱覆盖情况（kg stats）</h1>"
    if heading not in page:
        return None
    out.write_text(page.replace(heading, heading + STALE_NOTE, 1), encoding="utf-8")
    return str(out)
