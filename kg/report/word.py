"""Word (.docx) rendering with python-docx: Chinese fonts set through w:eastAsia, a comparison table per
pair of practices, quotes as their own paragraphs, every claim with its citation."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from kg.catalog.counts import names_shown
from kg.catalog.records import Practice
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
from kg.report.markdown import cn_number
from kg.report.timeline import Step

BODY_FONT = "仿宋"
HEAD_FONT = "黑体"
QUOTE_FONT = "楷体"
WEST_FONT = "Times New Roman"


def fonts(element, east: str, west: str = WEST_FONT) -> None:
    """Set the fonts of a style or run, dropping theme fonts that would override them."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), west)
    rfonts.set(qn("w:hAnsi"), west)
    rfonts.set(qn("w:eastAsia"), east)


def _setup(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12)
    fonts(normal.element, BODY_FONT)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        st = doc.styles[name]
        st.font.color.rgb = RGBColor(0, 0, 0)
        fonts(st.element, HEAD_FONT)
    quote = doc.styles["Quote"]
    fonts(quote.element, QUOTE_FONT)


def _para(doc_or_cell, text: str, *, bold: bool = False, style: str | None = None, east: str | None = None):
    p = doc_or_cell.add_paragraph(style=style) if style else doc_or_cell.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    if east:
        fonts(run._element, east)
    return p


def _why_text(w: Why) -> str:
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


def _outcomes(p: Practice) -> str:
    shown = outcome_texts(p)
    return "；".join(shown) if shown else "原文未报告量化成效"


def _source(p: Practice) -> str:
    """The exact source text with where it is in the bulletin file (`--source-text`)."""
    q = p.quote
    span = f"（第 {q.start}–{q.end} 字）" if q and q.start is not None else ""
    return f"{p.source_text.strip()}{span}"


def _cell_lines(p: Practice, source: bool = False) -> list[tuple[str, str]]:
    tg, ty = target_labels(p), type_labels(p)
    concepts = "；".join(
        x for x in ("对象：" + "、".join(tg) if tg else "", "类型：" + "、".join(ty) if ty else "") if x
    )
    return [
        ("地方", place(p) or "不详"),
        ("日期", p.date or "不详"),
        ("公报", f"{source_text(p)}"),
        ("文章", article_title(p)),
        ("对象与类型", concepts or "—"),
        ("品牌", p.brand or "—"),
        ("文中引用", "、".join(f"《{d}》" for d in policy_titles(p)) or "—"),
        ("文中提及", "、".join(f"《{d}》" for d in work_titles(p)) or "—"),  # rows line up side by side
        ("原文", p.display_text()),
        *([("原文（未经整理）", _source(p))] if source else []),
        ("成效", _outcomes(p)),
        ("出处", f"〔{citation(p)}〕"),
    ]


def _comparison(doc, mine: Practice | None, mt: Match, n: int, source: bool = False) -> None:
    cols = 3 if mine is not None else 2
    table = doc.add_table(rows=1, cols=cols)
    table.style = "Table Grid"
    head = table.rows[0].cells
    head[0].text = "项目"
    if mine is not None:
        head[1].text = f"本地做法：{mine.label}"
    band = f"，{mt.band}" if mt.band else ""
    head[-1].text = f"{n}. {place(mt.practice)}：{mt.practice.label}（相似度 {mt.score:.2f}{band}）"
    left = _cell_lines(mine, source) if mine is not None else None
    for k, (key, value) in enumerate(_cell_lines(mt.practice, source)):
        cells = table.add_row().cells
        cells[0].text = key
        if left is not None:
            cells[1].text = left[k][1]
        cells[-1].text = value
    cells = table.add_row().cells
    cells[0].text = "关联理由"
    merged = cells[1].merge(cells[-1]) if cols == 3 else cells[1]
    merged.text = _why_text(mt.why)
    if mt.why.sentences:
        cells = table.add_row().cells
        cells[0].text = "最相近的两句"
        (cells[1].merge(cells[-1]) if cols == 3 else cells[1]).text = (
            "“" + "”～“".join(mt.why.sentences) + "”"
        )
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    doc.add_paragraph()


def _timeline(doc, steps: list[Step]) -> None:
    doc.add_heading("时间线", level=3)
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("次序", "日期", "地方", "做法", "公报", "先后"), strict=True):
        cell.text = text
    for n, s in enumerate(steps, start=1):
        p = s.practice
        lag = s.lag
        values = (
            str(n),
            p.date or "不详",
            place(p),
            p.label + (f"（另有 {s.others} 条）" if s.others else ""),
            f"{source_text(p)}",
            lag,
        )
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    doc.add_paragraph()


def _entry(doc, n: int, en: Entry, source: bool = False) -> None:
    p = en.practice
    assert p is not None
    doc.add_heading(f"{cn_number(n)}、{p.label}", level=2)
    _para(doc, f"本地做法：{citation(p)}；文章：{article_title(p)}")
    _para(doc, p.display_text(), style="Quote")
    if source:
        _para(doc, "原文（未经整理）：" + _source(p))
    for k, mt in enumerate(en.similar, start=1):
        _comparison(doc, p, mt, k, source)
    if en.timeline:
        _timeline(doc, en.timeline)


def render(rep: Report) -> bytes:
    doc = Document()
    _setup(doc)
    c = rep.corpus
    title = (
        f"谁在做类似的事：{rep.value}"
        if rep.kind == "locality"
        else "谁在做类似的事：与所述做法相似的各地做法"
    )
    h = doc.add_heading(title, level=1)
    h.alignment = WD_ALIGN_PARAGRAPH.CENTER
    names = names_shown(c)
    _para(
        doc,
        f"依据 {names} {c.get('bulletins', 0)} 期（{c.get('first') or '日期不详'} 至 {c.get('last') or '日期不详'}），共 "
        f"{c.get('practices', 0)} 条做法。相似度 0–1，综合共同对象、做法类型、品牌、政策文件和关键词语计算；"
        "每条做法注明〔地方，公报期号，日期〕。引文为整理后的原文（去除转换留下的空格和标记）。时间线按公报刊发日期排列，反映报道先后。",
    )
    if rep.kind == "text":
        doc.add_heading("查询描述", level=2)
        _para(doc, rep.value, style="Quote")
        if rep.also:
            _para(doc, f"检索时同时按规范用语查找：{'、'.join(rep.also)}。")
        doc.add_heading("相似做法", level=2)
        entry = rep.entries[0]
        if not entry.similar:
            _para(doc, "未找到相似做法。")
        for k, mt in enumerate(entry.similar, start=1):
            _comparison(doc, None, mt, k, rep.source_text)
    else:
        with_links = [x for x in rep.entries if x.similar]
        _para(
            doc,
            f"{rep.value}共有 {len(rep.entries)} 条做法，其中 {len(with_links)} 条在其他地方找到相似做法。",
        )
        for n, en in enumerate(with_links, start=1):
            _entry(doc, n, en, rep.source_text)
        without = [x for x in rep.entries if not x.similar and x.practice]
        if without:
            doc.add_heading("未找到相似做法的做法", level=2)
            for x in without:
                _para(doc, f"{x.practice.label}〔{citation(x.practice)}〕")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
