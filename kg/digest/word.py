"""A digest as a Word document laid out like a 经验做法汇编 an office prints: a centred title and a lead
paragraph, a contents page, then one section per province with its cities and places as headings,
each practice numbered with its quote (楷体), outcomes and citation; the diffusion table last; page
numbers in the footer. Chinese fonts are set through w:eastAsia (python-docx)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from kg.digest import text as tx
from kg.digest.build import Digest, Item
from kg.report.word import fonts

BODY_FONT, HEAD_FONT, TITLE_FONT, QUOTE_FONT = "仿宋", "黑体", "方正小标宋简体", "楷体"


def _setup(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)  # 四号: what offices print memos in
    fonts(normal.element, BODY_FONT)
    for name, size in (("Title", 22), ("Heading 1", 16), ("Heading 2", 15), ("Heading 3", 14)):
        st = doc.styles[name]
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.font.size = Pt(size)
        fonts(st.element, TITLE_FONT if name == "Title" else HEAD_FONT)
    fonts(doc.styles["Quote"].element, QUOTE_FONT)
    for s in doc.sections:
        s.top_margin, s.bottom_margin = Cm(3.7), Cm(3.5)
        s.left_margin, s.right_margin = Cm(2.8), Cm(2.6)
        _page_number(s)


def _page_number(section) -> None:
    """－ N － centred in the footer (a PAGE field: Word fills it in)."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("－ ")
    run = p.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    p.add_run(" －")


def _para(doc, text: str, *, bold=False, style=None, align=None, indent=True, size=None):
    p = doc.add_paragraph(style=style) if style else doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    if indent and style is None and align is None:
        p.paragraph_format.first_line_indent = Pt(28)  # two characters
    return p


def _item(doc, n: int, it: Item) -> None:
    score = f"（相近度 {it.score:.2f}）" if it.score is not None else ""
    _para(doc, f"{n}. {it.label or '（无标题）'}{score}", bold=True, indent=False)
    for line in [ln for ln in it.quote.splitlines() if ln.strip()] or ["（原文缺失）"]:
        _para(doc, line, style="Quote")
    if it.outcomes:
        _para(doc, "成效：" + "；".join(it.outcomes))
    _para(doc, f"〔{it.citation}〕", align=WD_ALIGN_PARAGRAPH.RIGHT, size=12)


def _spread(doc, d: Digest) -> None:
    last = len(d.provinces) + 1
    doc.add_heading(f"{tx.section_number(last)}首次报道先后", level=1)
    _para(doc, tx.SPREAD_NOTE)
    if not d.spread:
        _para(doc, "（无注明日期和地方的做法）")
        return
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("次序", "首次见报", "地方", "做法数", "最早的做法"), strict=True
    ):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for k, s in enumerate(d.spread, start=1):
        values = (str(k), s.first, s.name, str(s.practices), f"{s.example.label}〔{s.example.citation}〕")
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text


def render(d: Digest) -> bytes:
    doc = Document()
    _setup(doc)
    doc.core_properties.title = tx.title(d)
    h = doc.add_heading(tx.title(d), level=0)
    h.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, f"{tx.theme_line(d)}。{tx.head_line(d)}")
    if d.corpus:
        _para(doc, tx.corpus_line(d) + tx.SOURCE_NOTE)
    doc.add_heading("目录", level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for level, line in tx.contents(d):
        p = _para(doc, line, indent=False, bold=level == 1)
        p.paragraph_format.left_indent = Pt(0 if level == 1 else 28)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    n = 0
    for k, pg in enumerate(d.provinces, start=1):
        doc.add_heading(tx.province_heading(k, pg), level=1)
        for c in pg.cities:
            if c.name:
                doc.add_heading(c.name, level=2)
            for g in c.places:
                doc.add_heading(g.name, level=3)
                for it in g.items:
                    n += 1
                    _item(doc, n, it)
    _spread(doc, d)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
