"""Markdown rendering: a memo a research office can paste; every claim cites locality, bulletin, issue, date."""

from __future__ import annotations

import re

from kg.catalog.counts import names_shown
from kg.catalog.records import Practice
from kg.lazyre import lazy
from kg.report.build import Entry, Match, Report, Why
from kg.report.cite import (
    article_title,
    citation,
    outcome_texts,
    place,
    policy_titles,
    source_text,
    target_labels,
    type_labels,
    work_titles,
)
from kg.report.timeline import Step

_MD_SPECIAL = lazy(r"([\\`*_\[\]<>#|])")
NUMERALS = "一二三四五六七八九十"


def esc(text: str) -> str:
    """Escape what Markdown would read as markup (document texts are data, not formatting)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def cn_number(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 20:
        return "十" + (NUMERALS[n - 11] if n > 10 else "")
    if n < 100:
        return NUMERALS[n // 10 - 1] + "十" + (NUMERALS[n % 10 - 1] if n % 10 else "")
    return str(n)


def cite(p: Practice) -> str:
    return f"〔{esc(citation(p))}〕"


def score_words(mt: Match) -> str:
    """相似度 0.73，做法相同: the number and its calibrated band."""
    return f"相似度 {mt.score:.2f}" + (f"，{mt.band}" if mt.band else "")


def cite_text(p: Practice) -> str:
    return f"{place(p) or '地方不详'}〔{citation(p)}〕"


def why_lines(w: Why) -> list[str]:
    parts = []
    if w.targets:
        parts.append("共同对象：" + "、".join(map(esc, w.targets)))
    if w.types:
        parts.append("共同做法类型：" + "、".join(map(esc, w.types)))
    if w.brand:
        parts.append("同一品牌：" + esc(w.brand))
    if w.documents:
        parts.append("同一政策文件：" + "、".join(f"《{esc(d)}》" for d in w.documents))
    if w.terms:
        parts.append("共同关键词：" + "、".join(map(esc, w.terms)))
    return parts or ["文本相近"]


def quote_block(p: Practice, source: bool = False) -> list[str]:
    """The practice's text as a reader sees it (display text), cited; `source`: its exact source text
    after it, fenced, as the bulletin file holds it (conversion spaces and Markdown included)."""
    lines = [ln.strip() for ln in p.display_text().splitlines() if ln.strip()] or ["（原文缺失）"]
    out = [f"> {esc(ln)}" for ln in lines] + [">", f"> {cite(p)}"]
    if source and p.source_text:
        fence = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", p.source_text)), default=0))
        span = f"，第 {p.quote.start}–{p.quote.end} 字" if p.quote and p.quote.start is not None else ""
        exact = p.source_text.rstrip("\n")
        out += ["", f"原文（未经整理，与公报文件一致{span}）：", "", fence + "text", exact, fence]
    return out


def facts(p: Practice) -> list[str]:
    out = [
        f"- 地方：{esc(place(p) or '不详')}",
        f"- 日期：{p.date or '不详'}",
        f"- 公报：{esc(source_text(p))}；文章：{esc(article_title(p))}",
    ]
    tg, ty = target_labels(p), type_labels(p)
    if tg or ty:
        bits = []
        if tg:
            bits.append("对象：" + "、".join(map(esc, tg)))
        if ty:
            bits.append("类型：" + "、".join(map(esc, ty)))
        out.append("- " + "；".join(bits))
    if p.brand:
        out.append(f"- 品牌：{esc(p.brand)}")
    docs, works = policy_titles(p), work_titles(p)
    if docs:
        out.append("- 文中引用：" + "、".join(f"《{esc(d)}》" for d in docs))
    if works:
        out.append("- 文中提及：" + "、".join(f"《{esc(d)}》" for d in works))
    return out


def outcome_lines(p: Practice) -> list[str]:
    shown = outcome_texts(p)
    if not shown:
        return [f"- 成效：原文未报告量化成效 {cite(p)}"]
    return ["- 成效："] + [f"  - {esc(o)} {cite(p)}" for o in shown]


def match_block(n: int, mt: Match, level: str = "####", source: bool = False) -> list[str]:
    p = mt.practice
    out = [f"{level} {n}. {esc(place(p) or '地方不详')}：{esc(p.label)}（{score_words(mt)}）", ""]
    out += facts(p)
    out.append("- 关联理由：" + "；".join(why_lines(mt.why)))
    if mt.why.sentences:
        out.append("- 最相近的两句：“" + "”～“".join(map(esc, mt.why.sentences)) + "”")
    if mt.duplicates:
        out.append("- 同一做法另见：" + "；".join(esc(cite_text(d)) for d in mt.duplicates))
    out += outcome_lines(p)
    out += [""] + quote_block(p, source) + [""]
    return out


def timeline_table(steps: list[Step]) -> list[str]:
    out = ["| 次序 | 日期 | 地方 | 做法 | 公报 | 先后 |", "| --- | --- | --- | --- | --- | --- |"]
    for n, s in enumerate(steps, start=1):
        p = s.practice
        lag = s.lag
        more = f"（另有 {s.others} 条）" if s.others else ""
        out.append(
            f"| {n} | {p.date or '不详'} | {esc(place(p))} | {esc(p.label)}{more} | {esc(source_text(p))} | {lag} |"
        )
    return out


def header(rep: Report) -> list[str]:
    c = rep.corpus
    names = esc(names_shown(c))
    span = f"{c.get('first') or '日期不详'} 至 {c.get('last') or '日期不详'}"
    title = (
        f"# 谁在做类似的事：{esc(rep.value)}"
        if rep.kind == "locality"
        else "# 谁在做类似的事：与所述做法相似的各地做法"
    )
    return [
        title,
        "",
        f"依据 {names} {c.get('bulletins', 0)} 期（{span}），共 {c.get('practices', 0)} 条做法。相似度 0–1，综合共同对象、"
        "做法类型、品牌、政策文件和关键词语计算；每条做法、每项成效后以〔地方，公报期号，日期〕注明出处。"
        "引文为整理后的原文（去除转换留下的空格和标记）。"
        "时间线按公报刊发日期排列，反映报道先后，不等于实施先后。",
        "",
    ]


def render(rep: Report) -> str:
    out = header(rep)
    if rep.kind == "text":
        out += ["## 查询描述", ""] + [f"> {esc(ln)}" for ln in rep.value.splitlines() if ln.strip()] + [""]
        if rep.also:
            out += [f"检索时同时按规范用语查找：{esc('、'.join(rep.also))}。", ""]
        entry = rep.entries[0]
        out += ["## 相似做法", ""]
        if not entry.similar:
            out += ["未找到相似做法。", ""]
        for n, mt in enumerate(entry.similar, start=1):
            out += match_block(n, mt, "###", rep.source_text)
        return "\n".join(out).rstrip() + "\n"
    with_links = [e for e in rep.entries if e.similar]
    without = [e for e in rep.entries if not e.similar]
    out += [
        f"{esc(rep.value)}共有 {len(rep.entries)} 条做法，其中 {len(with_links)} 条在其他地方找到相似做法（每条列出至多 {rep.top} 条）。",
        "",
    ]
    for n, e in enumerate(with_links, start=1):
        out += entry_block(n, e, rep.source_text)
    if without:
        out += ["## 未找到相似做法的做法", ""]
        out += [f"- {esc(e.practice.label)} {cite(e.practice)}" for e in without if e.practice]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def entry_block(n: int, e: Entry, source: bool = False) -> list[str]:
    p = e.practice
    assert p is not None
    out = [f"## {cn_number(n)}、{esc(p.label)}", "", "### 本地做法", ""]
    out += facts(p) + outcome_lines(p) + [""] + quote_block(p, source) + [""]
    out += ["### 其他地方的相似做法", ""]
    for k, mt in enumerate(e.similar, start=1):
        out += match_block(k, mt, source=source)
    if e.timeline:
        out += ["### 时间线", ""] + timeline_table(e.timeline) + [""]
    return out
