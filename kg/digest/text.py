"""The words every format of a digest shares: title, the head count, the theme, the contents."""

from __future__ import annotations

from kg.catalog.counts import names_shown
from kg.digest.build import KIND_NAMES, Digest, ProvinceGroup
from kg.report.markdown import cn_number

SOURCE_NOTE = (
    "每条做法注明〔地方，《公报》期号，日期〕；引文为原文，成效数字照录原文写法；日期为公报刊发日期。"
)
SPREAD_NOTE = "按各地首次见报的日期排列（公报刊发日期，反映报道先后，不等于开始实施的时间）。"


def title(d: Digest) -> str:
    return f"经验做法汇编：{d.query}" if d.kind == "theme" else "经验做法汇编：与所述做法相近的各地做法"


def theme_line(d: Digest) -> str:
    """主题：年轻干部（对象，含下位概念：年轻公务员、选调生）."""
    if d.kind == "text":
        return f"按描述检索（取最相近的 {d.practices} 条）：{d.query}"
    parts = []
    for t in d.themes:
        below = f"，含下位概念：{'、'.join(t.narrower)}" if t.narrower else ""
        parts.append(f"{t.label}（{KIND_NAMES.get(t.kind, t.kind)}{below}）")
    return "主题：" + "；".join(parts)


def head_line(d: Digest) -> str:
    if not d.practices:
        return "所收公报中没有这一主题的做法。"
    span = f"最早见报 {d.first}，最近 {d.last}" if d.first else "日期不详"
    extra = f"（另有 {d.unplaced} 条未注明县级以上地方）" if d.unplaced else ""
    return f"共 {d.places} 个地方、{d.practices} 条做法{extra}；{span}。"


def corpus_line(d: Digest) -> str:
    c = d.corpus
    if not c:
        return ""
    names = names_shown(c)
    return (
        f"依据所收{names}共 {c.get('bulletins', 0)} 期（{c.get('first') or '日期不详'} 至 {c.get('last') or '日期不详'}），"
        f"{c.get('practices', 0)} 条做法。"
    )


def section_number(n: int) -> str:
    return f"{cn_number(n)}、"


def contents(d: Digest) -> list[tuple[int, str]]:
    """(level, line) of the contents: 一、安徽省（2 条）, then its places: 安庆市 太湖县（1 条）."""
    out: list[tuple[int, str]] = []
    for n, pg in enumerate(d.provinces, start=1):
        out.append((1, f"{section_number(n)}{pg.name}（{pg.count} 条）"))
        for c in pg.cities:
            for g in c.places:
                city = f"{c.name} " if c.name and not g.name.startswith(c.name) else ""
                out.append((2, f"{city}{g.name}（{len(g.items)} 条）"))
    out.append((1, f"{section_number(len(d.provinces) + 1)}首次报道先后"))
    return out


def province_heading(n: int, pg: ProvinceGroup) -> str:
    return f"{section_number(n)}{pg.name}"
