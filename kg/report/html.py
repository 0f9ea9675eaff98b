"""HTML rendering: one self-contained page (inline CSS, no script, no external URL); every text escaped."""

from __future__ import annotations

from html import escape

from kg.catalog.records import Practice
from kg.report.build import Entry, Match, Report, Why
from kg.report.cite import (
    article_title,
    bulletin_name,
    citation,
    issue_text,
    place,
    target_labels,
    type_labels,
)
from kg.report.markdown import cite_text, cn_number
from kg.report.timeline import Step

CSS = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun","Songti SC",serif;max-width:1100px;margin:2em auto;
padding:0 1em;color:#222;line-height:1.7}
h1{font-family:"Noto Sans CJK SC","Microsoft YaHei","SimHei",sans-serif;border-bottom:2px solid #b22;padding-bottom:.3em}
h2,h3,h4{font-family:"Noto Sans CJK SC","Microsoft YaHei","SimHei",sans-serif}
.note{color:#555;font-size:.92em}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1em;margin:1em 0 2em}
.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;background:#fcfcfa}
.card.mine{background:#f6f8fc}
blockquote{margin:.5em 0;padding:.3em .8em;border-left:4px solid #c9a;background:#fff;white-space:pre-wrap}
.cite{color:#666;font-size:.9em}
.score{font-weight:bold;color:#b22}
.why{background:#fff8e6;padding:.3em .6em;border-radius:4px}
table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}
th{background:#f0f0f0}
@media (max-width:800px){.pair{grid-template-columns:1fr}}
"""


def e(text: object) -> str:
    return escape(str(text), quote=True)


def cite(p: Practice) -> str:
    return f'<span class="cite">〔{e(citation(p))}〕</span>'


def card(p: Practice, *, heading: str, mine: bool = False, match: Match | None = None) -> str:
    rows = [
        f"<h4>{heading}</h4>",
        "<ul>",
        f"<li>地方：{e(place(p) or '不详')}</li>",
        f"<li>日期：{e(p.date or '不详')}</li>",
        f"<li>公报：《{e(bulletin_name(p))}》{e(issue_text(p))}；文章：{e(article_title(p))}</li>",
    ]
    tg, ty = target_labels(p), type_labels(p)
    if tg:
        rows.append(f"<li>对象：{e('、'.join(tg))}</li>")
    if ty:
        rows.append(f"<li>类型：{e('、'.join(ty))}</li>")
    if p.brand:
        rows.append(f"<li>品牌：{e(p.brand)}</li>")
    if match is not None:
        rows.append(f'<li class="why">关联理由：{why_html(match.why)}</li>')
        if match.why.sentences:
            pair = "”～“".join(e(x) for x in match.why.sentences)
            rows.append(f'<li class="why">最相近的两句：“{pair}”</li>')
        if match.duplicates:
            rows.append("<li>同一做法另见：" + "；".join(e(cite_text(d)) for d in match.duplicates) + "</li>")
    if p.outcomes:
        rows.append(
            "<li>成效：<ul>" + "".join(f"<li>{e(o.text())} {cite(p)}</li>" for o in p.outcomes) + "</ul></li>"
        )
    else:
        rows.append(f"<li>成效：原文未报告量化成效 {cite(p)}</li>")
    rows.append("</ul>")
    rows.append(f"<blockquote>{e(p.display_text())}</blockquote>{cite(p)}")
    return f'<div class="card{" mine" if mine else ""}">' + "\n".join(rows) + "</div>"


def why_html(w: Why) -> str:
    parts = []
    if w.targets:
        parts.append("共同对象：" + e("、".join(w.targets)))
    if w.types:
        parts.append("共同做法类型：" + e("、".join(w.types)))
    if w.brand:
        parts.append("同一品牌：" + e(w.brand))
    if w.documents:
        parts.append("同一政策文件：" + "、".join(f"《{e(d)}》" for d in w.documents))
    if w.terms:
        parts.append("共同关键词：" + e("、".join(w.terms)))
    return "；".join(parts) or "文本相近"


def match_heading(n: int, mt: Match) -> str:
    p = mt.practice
    return (
        f'{n}. {e(place(p) or "地方不详")}：{e(p.label)}（相似度 <span class="score">{mt.score:.2f}</span>'
        + (f'，<span class="band">{e(mt.band)}</span>' if mt.band else "")
        + "）"
    )


def timeline_html(steps: list[Step]) -> str:
    rows = ["<table><tr><th>次序</th><th>日期</th><th>地方</th><th>做法</th><th>公报</th><th>先后</th></tr>"]
    for n, s in enumerate(steps, start=1):
        p = s.practice
        lag = s.lag
        more = f"（另有 {s.others} 条）" if s.others else ""
        rows.append(
            f"<tr><td>{n}</td><td>{e(p.date or '不详')}</td><td>{e(place(p))}</td><td>{e(p.label)}{e(more)}</td>"
            f"<td>《{e(bulletin_name(p))}》{e(issue_text(p))}</td><td>{e(lag)}</td></tr>"
        )
    rows.append("</table>")
    return "\n".join(rows)


def entry_html(n: int, en: Entry) -> str:
    p = en.practice
    assert p is not None
    out = [f"<section><h2>{cn_number(n)}、{e(p.label)}</h2>"]
    for k, mt in enumerate(en.similar, start=1):
        out.append('<div class="pair">')
        out.append(card(p, heading=f"本地做法：{e(place(p))}", mine=True))
        out.append(card(mt.practice, heading=match_heading(k, mt), match=mt))
        out.append("</div>")
    if en.timeline:
        out.append("<h3>时间线</h3>" + timeline_html(en.timeline))
    out.append("</section>")
    return "\n".join(out)


def render(rep: Report) -> str:
    c = rep.corpus
    names = "、".join(f"《{e(x)}》" for x in c.get("names", [])) or "公报"
    title = (
        f"谁在做类似的事：{rep.value}"
        if rep.kind == "locality"
        else "谁在做类似的事：与所述做法相似的各地做法"
    )
    body = [
        f"<h1>{e(title)}</h1>",
        f'<p class="note">依据 {names} {e(c.get("bulletins", 0))} 期（{e(c.get("first") or "?")} 至 {e(c.get("last") or "?")}），'
        f"共 {e(c.get('practices', 0))} 条做法。相似度 0–1，综合共同对象、做法类型、品牌、政策文件和关键词语计算；"
        "每条做法、每项成效后注明〔地方，公报期号，日期〕。时间线按公报刊发日期排列，反映报道先后。</p>",
    ]
    if rep.kind == "text":
        body.append(f"<h2>查询描述</h2><blockquote>{e(rep.value)}</blockquote><h2>相似做法</h2>")
        entry = rep.entries[0]
        if not entry.similar:
            body.append("<p>未找到相似做法。</p>")
        for k, mt in enumerate(entry.similar, start=1):
            body.append(card(mt.practice, heading=match_heading(k, mt), match=mt))
    else:
        with_links = [x for x in rep.entries if x.similar]
        body.append(
            f"<p>{e(rep.value)} 共有 {len(rep.entries)} 条做法，其中 {len(with_links)} 条在其他地方找到相似做法。</p>"
        )
        for n, en in enumerate(with_links, start=1):
            body.append(entry_html(n, en))
        without = [x for x in rep.entries if not x.similar and x.practice]
        if without:
            body.append(
                "<h2>未找到相似做法的做法</h2><ul>"
                + "".join(f"<li>{e(x.practice.label)} {cite(x.practice)}</li>" for x in without)
                + "</ul>"
            )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{e(title)}</title>'
        f"<style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
