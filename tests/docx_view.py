"""A .docx drawn as HTML for a screenshot (no LibreOffice here, nothing downloaded): python-docx reads
the body in order; Title and Heading n become <h1>…<h4>, Quote a block quote, tables tables, runs keep
bold and alignment. Enough to see a document's layout, not a full Word renderer."""

from __future__ import annotations

import io
from html import escape

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

_TAGS = {"Title": "h1", "Heading 1": "h2", "Heading 2": "h3", "Heading 3": "h4"}
_ALIGN = {1: "center", 2: "right"}
CSS = """body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;width:794px;margin:0 auto;
padding:40px 60px;background:#fff;color:#000;line-height:1.6;font-size:15px}
h1{text-align:center;font-size:26px}h2{font-size:19px}h3{font-size:17px}h4{font-size:16px}
blockquote{margin:.3em 2em;font-style:normal;color:#222}
table{border-collapse:collapse}td{border:1px solid #000;padding:2px 6px;font-size:13px}
.page{border-top:2px dashed #999;margin:1.5em 0}"""


def _paragraph(p: Paragraph) -> str:
    style = p.style.name if p.style is not None else ""
    text = "".join(f"<b>{escape(r.text)}</b>" if r.bold else escape(r.text) for r in p.runs)
    breaks = sum(1 for r in p.runs for br in r._r.findall(".//{*}br") if br.get("{*}type") == "page")
    if not text and breaks:
        return '<div class="page"></div>'
    align = _ALIGN.get(int(p.alignment) if p.alignment is not None else 0)
    css = f' style="text-align:{align}"' if align else ""
    if style in _TAGS:
        return f"<{_TAGS[style]}{css}>{text}</{_TAGS[style]}>"
    if style == "Quote":
        return f"<blockquote>{text}</blockquote>"
    return f"<p{css}>{text}</p>"


def docx_html(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    body = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            body.append(_paragraph(Paragraph(block, doc)))
        elif tag == "tbl":
            t = Table(block, doc)
            rows = ["<tr>" + "".join(f"<td>{escape(c.text)}</td>" for c in r.cells) + "</tr>" for r in t.rows]
            body.append("<table>" + "".join(rows) + "</table>")
    return f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{CSS}</style></head><body>{"".join(body)}</body></html>'
