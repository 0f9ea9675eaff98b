"""HTML rendering: one self-contained page (inline CSS, no script, no external URL) from the template
kg/resources/templates/report.html, which escapes every value. Quotes are display text; each card holds
the exact source text folded under 查看原文 (one click away)."""

from __future__ import annotations

from kg.catalog.counts import names_shown
from kg.catalog.records import Practice
from kg.report.build import Match, Report, Why
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
from kg.report.markdown import cite_text, cn_number
from kg.report.timeline import Step
from kg.templates import render_page


def why_text(w: Why) -> str:
    parts = []
    if w.targets:
        parts.append("共同对象：" + "、".join(w.targets))
    if w.types:
        parts.append("共同做法类型：" + "、".join(w.types))
    if w.brand:
        parts.append("同一品牌：" + w.brand)
    if w.documents:
        parts.append("同一政策文件：" + "、".join(f"《{d}》" for d in w.documents))
    if w.terms:
        parts.append("共同关键词：" + "、".join(w.terms))
    return "；".join(parts) or "文本相近"


def card(p: Practice, *, heading: str, mine: bool = False, match: Match | None = None, n: int = 0) -> dict:
    """What a card shows of a practice, as plain strings (the template escapes them)."""
    facts = [
        ("地方", place(p) or "不详"),
        ("日期", p.date or "不详"),
        ("公报", f"{source_text(p)}；文章：{article_title(p)}"),
    ]
    tg, ty, docs, works = target_labels(p), type_labels(p), policy_titles(p), work_titles(p)
    if tg:
        facts.append(("对象", "、".join(tg)))
    if ty:
        facts.append(("类型", "、".join(ty)))
    if p.brand:
        facts.append(("品牌", p.brand))
    if docs:
        facts.append(("文中引用", "、".join(f"《{d}》" for d in docs)))
    if works:
        facts.append(("文中提及", "、".join(f"《{d}》" for d in works)))
    source = p.source_text
    q = p.quote
    return {
        "heading": heading,
        "n": n,
        "label": p.label,
        "place": place(p) or "地方不详",
        "score": f"{match.score:.2f}" if match is not None else "",
        "mine": mine,
        "facts": facts,
        "why": why_text(match.why) if match is not None else "",
        "band": match.band if match is not None else "",
        "sentences": "”～“".join(match.why.sentences) if match is not None and match.why.sentences else "",
        "duplicates": "；".join(cite_text(d) for d in match.duplicates) if match is not None else "",
        "outcomes": outcome_texts(p),
        "quote": p.display_text(),
        "source": source if source != p.display_text() else "",
        "span": f"第 {q.start}–{q.end} 字" if q and q.start is not None else "",
        "cite": f"〔{citation(p)}〕",
    }


def timeline_rows(steps: list[Step]) -> list[list[str]]:
    rows = []
    for n, s in enumerate(steps, start=1):
        p = s.practice
        more = f"（另有 {s.others} 条）" if s.others else ""
        rows.append(
            [
                str(n),
                p.date or "不详",
                place(p),
                p.label + more,
                f"{source_text(p)}",
                s.lag,
            ]
        )
    return rows


def render(rep: Report) -> str:
    c = rep.corpus
    title = (
        f"谁在做类似的事：{rep.value}"
        if rep.kind == "locality"
        else "谁在做类似的事：与所述做法相似的各地做法"
    )
    entries, matches, without = [], [], []
    if rep.kind == "text":
        matches = [
            card(mt.practice, heading="", match=mt, n=k) for k, mt in enumerate(rep.entries[0].similar, 1)
        ]
    else:
        with_links = [x for x in rep.entries if x.similar]
        for n, en in enumerate(with_links, start=1):
            p = en.practice
            assert p is not None
            mine = card(p, heading=f"本地做法：{place(p)}", mine=True)
            entries.append(
                {
                    "heading": f"{cn_number(n)}、{p.label}",
                    "pairs": [
                        (mine, card(mt.practice, heading="", match=mt, n=k))
                        for k, mt in enumerate(en.similar, 1)
                    ],
                    "timeline": timeline_rows(en.timeline),
                }
            )
        without = [
            (x.practice.label, f"〔{citation(x.practice)}〕")
            for x in rep.entries
            if not x.similar and x.practice
        ]
    return render_page(
        "report.html",
        title=title,
        kind=rep.kind,
        also=rep.also,
        value=rep.value,
        names=names_shown(c),
        bulletins=c.get("bulletins", 0),
        first=c.get("first") or "日期不详",
        last=c.get("last") or "日期不详",
        practices=c.get("practices", 0),
        total=len(rep.entries),
        linked=sum(1 for x in rep.entries if x.similar),
        entries=entries,
        matches=matches,
        without=without,
    )
