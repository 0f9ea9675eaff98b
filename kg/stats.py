"""`kg stats`: what the graph holds, per bulletin and per locality, and what could not be resolved."""

from __future__ import annotations

import json
from typing import Any

from kg.catalog import counts
from kg.sparql.query import text_table
from kg.store import GraphStore


def collect(store: GraphStore) -> dict[str, Any]:
    """What `kg stats --format json` prints: totals, bulletins (from the manifest), localities, gaps."""
    bulletins = [
        {
            "key": k,
            **{f: v.get(f) for f in ("name", "issue", "date", "articles", "practices", "source")},
            "unresolved": v.get("unresolved", []),
        }
        for k, v in sorted(store.bulletins.items(), key=lambda kv: str(kv[1].get("date")))
    ]
    _, per_loc = counts.per_locality(store)
    return {
        "totals": counts.totals(store),
        "bulletins": bulletins,
        "localities": per_loc,
        "gaps": counts.gaps(store),
    }


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
    names, rows = counts.per_locality(store)
    out.append(text_table(names, [[r[n] for n in names] for r in rows]))
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
