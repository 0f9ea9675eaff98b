"""A digest as one self-contained HTML page: inline CSS, no script, no external URL, a policy that
forbids both; every text that comes from a document goes through `html.escape`."""

from __future__ import annotations

from html import escape

from kg.digest import text as tx
from kg.digest.build import Digest, Item

CSP = "default-src 'none'; style-src 'unsafe-inline'"
CSS = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun","Songti SC",serif;max-width:980px;margin:2em auto;
padding:0 1em;color:#222;line-height:1.75}
h1{text-align:center;font-family:"Noto Sans CJK SC","Microsoft YaHei","SimHei",sans-serif}
h2,h3,h4{font-family:"Noto Sans CJK SC","Microsoft YaHei","SimHei",sans-serif}
h2{border-bottom:2px solid #b22;padding-bottom:.2em;margin-top:2em}
.lead{color:#444}
nav ul{list-style:none;padding-left:1em}
.item{margin:0 0 1.4em}
.item h5{font-size:1em;margin:.2em 0}
blockquote{margin:.4em 0;padding:.3em .8em;border-left:4px solid #c9a;background:#fcfcfa;white-space:pre-wrap}
.cite{color:#666;font-size:.9em}
.out{background:#fff8e6;padding:.2em .5em;border-radius:4px}
table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f0f0f0}
"""


def e(text: object) -> str:
    return escape(str(text), quote=True)


def _item(n: int, it: Item) -> str:
    score = f"（相近度 {it.score:.2f}）" if it.score is not None else ""
    parts = [
        f'<div class="item" id="i{n}">',
        f"<h5>{n}. {e(it.label or '（无标题）')}{score}</h5>",
        f"<blockquote>{e(it.quote or '（原文缺失）')}</blockquote>",
    ]
    if it.outcomes:
        parts.append(f'<p class="out">成效：{e("；".join(it.outcomes))}</p>')
    parts.append(f'<p class="cite">〔{e(it.citation)}〕</p></div>')
    return "\n".join(parts)


def render(d: Digest) -> str:
    title = tx.title(d)
    body = [
        f"<h1>{e(title)}</h1>",
        f'<p class="lead">{e(tx.theme_line(d))}。{e(tx.head_line(d))}</p>',
    ]
    if d.corpus:
        body.append(f'<p class="lead">{e(tx.corpus_line(d))}{e(tx.SOURCE_NOTE)}</p>')
    toc, sec = ["<nav><h2>目录</h2><ul>"], 0
    for level, line in tx.contents(d):
        if level == 1:
            sec += 1
            toc.append(f'<li><a href="#s{sec}">{e(line)}</a></li>')
        else:
            toc.append(f'<li style="margin-left:1.5em">{e(line)}</li>')
    body.append("\n".join(toc) + "</ul></nav>")
    n = 0
    for k, pg in enumerate(d.provinces, start=1):
        body.append(f'<h2 id="s{k}">{e(tx.province_heading(k, pg))}</h2>')
        for c in pg.cities:
            if c.name:
                body.append(f"<h3>{e(c.name)}</h3>")
            for g in c.places:
                body.append(f"<h4>{e(g.name)}</h4>")
                for it in g.items:
                    n += 1
                    body.append(_item(n, it))
    last = len(d.provinces) + 1
    body.append(f'<h2 id="s{last}">{e(tx.section_number(last))}首次报道先后</h2><p>{e(tx.SPREAD_NOTE)}</p>')
    if d.spread:
        rows = [
            "<table><tr><th>次序</th><th>首次见报</th><th>地方</th><th>做法数</th><th>最早的做法</th><th>出处</th></tr>"
        ]
        for k, s in enumerate(d.spread, start=1):
            cells = (k, s.first, s.name, s.practices, s.example.label, f"〔{s.example.citation}〕")
            rows.append("<tr>" + "".join(f"<td>{e(x)}</td>" for x in cells) + "</tr>")
        body.append("\n".join(rows) + "</table>")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{e(title)}</title>'
        f"<style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
