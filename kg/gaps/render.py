"""Peer gaps as Markdown, JSON or HTML; every text from a document escaped."""

from __future__ import annotations

import json
from html import escape

from kg.digest import places as pl
from kg.digest.render import item_json
from kg.gaps.build import CAVEAT, Gap, Gaps
from kg.report.markdown import esc

FORMATS = ("md", "html", "json")
KINDS = {"type": "做法类型", "brand": "品牌提法"}


def render(g: Gaps, fmt: str = "md") -> str:
    if fmt == "md":
        return markdown(g)
    if fmt == "json":
        return json.dumps(to_json(g), ensure_ascii=False, indent=2)
    if fmt == "html":
        return html(g)
    raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")


def scope_text(g: Gaps) -> str:
    level = pl.LEVEL_NAMES.get(g.place.level, "同级")
    province = next((x.label for x in g.place.chain() if x.level == "province"), "")
    where = f"{province}内" if g.scope == "province" and province else "全库"
    return f"{where}其他{level}地方"


def lead(g: Gaps) -> str:
    if not g.peers:
        hint = "；用 --peers all 与全库同级地方比较" if g.scope == "province" else ""
        return f"{g.name}：所收公报中没有{scope_text(g)}的做法可比{hint}。"
    held = len(g.gaps)
    return (
        f"{g.name}本地做法 {g.own} 条，与{scope_text(g)} {len(g.peers)} 个相比"
        f"（{'、'.join(pl.name(x) for x in g.peers)}）：同级地方报道过、本地未见报道的做法类型和品牌共 {held} 项，"
        "按报道它的同级地方数排列。"
    )


def _peers(gap: Gap) -> str:
    return "、".join(x.label for x in gap.peers)


def markdown(g: Gaps) -> str:
    out = [f"# 同级比较：{esc(g.name)}", "", esc(lead(g)), "", f"> {esc(CAVEAT)}", ""]
    if g.gaps:
        out += [
            "| 次序 | 类别 | 做法类型或品牌 | 同级地方数 | 哪些地方 | 示例 | 出处 |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for k, gap in enumerate(g.gaps, start=1):
            cells = [
                str(k),
                KINDS[gap.kind],
                gap.label,
                str(len(gap.peers)),
                _peers(gap),
                gap.example.label,
                gap.example.citation,
            ]
            out.append("| " + " | ".join(esc(x).replace("\n", " ") for x in cells) + " |")
        out.append("")
        out += ["## 示例原文", ""]
        for k, gap in enumerate(g.gaps, start=1):
            it = gap.example
            out += [f"**{k}. {esc(gap.label)}**：{esc(it.label)}", ""]
            out += [f"> {esc(ln.strip())}" for ln in it.quote.splitlines() if ln.strip()] or [
                "> （原文缺失）"
            ]
            out.append("")
            if it.outcomes:
                out += ["成效：" + "；".join(esc(o) for o in it.outcomes), ""]
            out += [f"〔{esc(it.citation)}〕", ""]
    return "\n".join(out).rstrip() + "\n"


def _loc(x) -> dict:
    return {"id": x.iri, "name": x.label, "code": x.code or None, "level": x.level}


def to_json(g: Gaps) -> dict:
    """{"place", "scope", "peers": [...], "caveat", "gaps": [{"kind", "key", "label", "peers": [...],
    "practices", "example": P + quote, outcomes, citation}]}"""
    return {
        "place": _loc(g.place),
        "scope": g.scope,
        "own": g.own,
        "peers": [_loc(x) for x in g.peers],
        "caveat": CAVEAT,
        "gaps": [
            {
                "kind": gap.kind,
                "key": gap.key,
                "label": gap.label,
                "peers": [_loc(x) for x in gap.peers],
                "practices": gap.practices,
                "example": item_json(gap.example),
            }
            for gap in g.gaps
        ],
        "corpus": g.corpus,
    }


def html(g: Gaps) -> str:
    from kg.digest.html import CSP, CSS

    e = lambda t: escape(str(t), quote=True)  # noqa: E731
    rows = []
    for k, gap in enumerate(g.gaps, start=1):
        it = gap.example
        out = f'<p class="out">成效：{e("；".join(it.outcomes))}</p>' if it.outcomes else ""
        rows.append(
            f"<tr><td>{k}</td><td>{e(KINDS[gap.kind])}</td><td>{e(gap.label)}</td><td>{len(gap.peers)}</td>"
            f"<td>{e(_peers(gap))}</td><td><b>{e(it.label)}</b><blockquote>{e(it.quote)}</blockquote>{out}"
            f'<span class="cite">〔{e(it.citation)}〕</span></td></tr>'
        )
    table = (
        "<table><tr><th>次序</th><th>类别</th><th>做法类型或品牌</th><th>同级地方数</th><th>哪些地方</th><th>示例与出处</th></tr>"
        + "".join(rows)
        + "</table>"
        if rows
        else ""
    )
    title = f"同级比较：{g.name}"
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}"><title>{e(title)}</title>'
        f'<style>{CSS}</style></head><body>\n<h1>{e(title)}</h1><p class="lead">{e(lead(g))}</p>'
        f'<p class="lead"><b>{e(CAVEAT)}</b></p>{table}\n</body></html>\n'
    )
