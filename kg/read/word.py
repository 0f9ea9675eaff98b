"""Text out of a .docx: every paragraph and table of the body in order, as lines.

A paragraph's text is every run it shows, wherever Word put it: inside a hyperlink, a field's result, a
tracked insertion or a content control, not only its direct runs (python-docx's Paragraph.runs), which
silently dropped a pasted link's words. Deleted text (w:del) and a field's code stay out. The first
page's header comes first (a name and issue set there). A text box (a masthead set in a frame) gives its
own lines before the paragraph it is anchored to, once: Word keeps a second copy for old readers
(mc:Fallback). A footnote's text is read where its mark is, as （注：…）. Bold runs become **…** so one
normaliser serves all formats; so does a paragraph set as a title without bold (方正小标宋, or centred in
18 pt and up).
"""

from __future__ import annotations

import io
from contextvars import ContextVar
from dataclasses import dataclass

from kg.errors import InputError
from kg.read.word_numbering import Numbering

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


# the file being read: its lists (Word's automatic numbers) and its heading styles, resolved once
@dataclass
class _File:
    lists: Numbering  # Word's automatic numbers, counted as the paragraphs are read
    headings: frozenset[str]  # the ids of its heading styles


_FILE: ContextVar[_File | None] = ContextVar("word_file", default=None)
_HIDDEN = {_W + "del", _W + "moveFrom", _MC + "Fallback", _W + "txbxContent"}  # (boxes: their own lines)


def docx_text(data: bytes, path: str) -> str:
    import zipfile

    from docx import Document as Docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        _check_inflated(data, path)
        doc = Docx(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"不是可读的 .docx 文件（{exc.__class__.__name__}）") from None
    _footnotes_inline(doc)
    styles = _styles_of(doc)
    token = _FILE.set(_File(_numbering(doc, styles), _heading_styles(styles)))
    try:
        text = "\n".join(_header_lines(doc) + _block_lines(doc.element.body, doc))
    finally:
        _FILE.reset(token)
    if not text.strip():
        raise InputError(path, "空的 .docx 文档")
    return text


def _numbering(doc, styles) -> Numbering:
    """The document's lists (Word's automatic numbers), empty when it has none."""
    from lxml import etree

    part = next((r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/numbering")), None)
    try:
        root = etree.fromstring(part.blob) if part is not None else None
    except etree.XMLSyntaxError:
        root = None
    return Numbering.of(root, styles)


def _footnotes_inline(doc) -> None:
    """Each footnote's text put where its mark is, as （注：…）: a footnote may carry the one mention of
    a document or a figure (…要求¹ with 《…管理办法》 at the page's foot), and its mark alone would read
    as a stray figure. Edits the document in memory only."""
    from lxml import etree

    part = next((r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/footnotes")), None)
    if part is None:
        return
    notes = {}
    for fn in etree.fromstring(part.blob).iter(_W + "footnote"):
        text = "".join(t.text or "" for t in fn.iter(_W + "t")).strip()
        if text:
            notes[fn.get(_W + "id")] = text
    for ref in list(doc.element.body.iter(_W + "footnoteReference")):
        note = notes.get(ref.get(_W + "id"))
        if note is not None:
            t = etree.SubElement(ref.getparent(), _W + "t")
            t.text = f"（注：{note}）"
            ref.getparent().remove(ref)


def _header_lines(doc) -> list[str]:
    """The first page's header over the body, as a printed first page shows it: a bulletin may set its
    name and issue there (宁海组工　第5期). Later pages repeat their header; it is left out."""
    if not doc.sections:
        return []
    first = doc.sections[0]
    header = first.first_page_header if first.different_first_page_header_footer else first.header
    if header.is_linked_to_previous:  # (the first section's: no header at all)
        return []
    lines = [line for line in _block_lines(header._element, header) if line.strip()]
    return lines + [""] if lines else []


def _block_lines(container, parent) -> list[str]:
    """The lines of the paragraphs and tables in a body, cell or content control, in order."""
    from docx.table import Table

    out: list[str] = []
    for el in container.iterchildren():
        if el.tag == _W + "p":
            out += _para_lines(el, parent)
        elif el.tag == _W + "tbl":
            out += _table_lines(Table(el, parent))
        elif el.tag == _W + "sdt":  # a content control around blocks (a cover page, a form)
            content = el.find(_W + "sdtContent")
            if content is not None:
                out += _block_lines(content, parent)
    return out


def _para_lines(p, parent) -> list[str]:
    """A paragraph's text box lines (if any), then its own text as one line."""
    boxes = [
        line
        for box in p.iter(_W + "txbxContent")
        if not _inside(box, p, {_MC + "Fallback", _W + "txbxContent"})
        for line in _block_lines(box, parent)
    ]
    return boxes + [_para_text(p, parent)]


def _para_text(p, parent) -> str:
    from docx.text.run import Run

    runs = [r for r in p.iter(_W + "r") if not _inside(r, p, _HIDDEN)]
    heading = _set_as_title(p, runs)
    file = _FILE.get()
    number = file.lists.prefix(p) if file is not None else ""
    parts = [f"**{number}**" if number and (heading or any(_bold(r) for r in runs[:1])) else number]
    for r in runs:
        t = Run(r, parent).text
        parts.append(f"**{t}**" if t and (heading or _bold(r)) and t.strip() else t)
    return "".join(parts).replace("****", "")


_TITLE_FONT = ("小标宋", "标宋")  # 方正小标宋简体: the face official documents set their titles in
_TITLE_SIZE = 36  # half-points: 18 pt (小二) and up; body text is 16 pt (三号)


def _set_as_title(p, runs) -> bool:
    """A paragraph set as a title although not bold: every run with text in a title face (方正小标宋), or
    the paragraph centred with every run 18 pt or more. It reads as a bold line, as a bold headline does
    (kg.split), so a Word file whose headlines are styled, not bolded, is parted the same."""
    texts = [r for r in runs if "".join(t.text or "" for t in r.iter(_W + "t")).strip()]
    if not texts:
        return False
    if _outline_level(p) is not None:  # Word's own heading (标题 2, or a level set on the paragraph)
        return True
    fonts = [_run_prop(r, "rFonts", "eastAsia") or "" for r in texts]
    if all(any(f in font for f in _TITLE_FONT) for font in fonts):
        return True
    ppr = p.find(_W + "pPr")
    jc = ppr.find(_W + "jc") if ppr is not None else None
    if jc is None or jc.get(_W + "val") != "center":
        return False
    sizes = [_run_prop(r, "sz", "val") for r in texts]
    return all(v is not None and v.isdigit() and int(v) >= _TITLE_SIZE for v in sizes)


def _heading_styles(styles) -> frozenset[str]:
    """The ids of the paragraph styles with an outline level (0-8: a heading in Word's navigation pane),
    their own or one they are based on (标题 2, or a style built on it)."""
    if styles is None:
        return frozenset()
    level, base = {}, {}
    for st in styles.iter(_W + "style"):
        sid = st.get(_W + "styleId")
        lvl, on = st.find(f"{_W}pPr/{_W}outlineLvl"), st.find(_W + "basedOn")
        level[sid] = _level(lvl.get(_W + "val")) if lvl is not None else None
        base[sid] = on.get(_W + "val") if on is not None and lvl is None else None

    def heading(sid: str | None, seen: frozenset[str] = frozenset()) -> bool:
        if sid is None or sid in seen or sid not in level:
            return False
        return level[sid] is not None or heading(base[sid], seen | {sid})

    return frozenset(sid for sid in level if heading(sid))


def _outline_level(p) -> int | None:
    """The paragraph's outline level, its own or its style's (None for body text)."""
    ppr = p.find(_W + "pPr")
    own = ppr.find(_W + "outlineLvl") if ppr is not None else None
    if own is not None:
        return _level(own.get(_W + "val"))
    ref = ppr.find(_W + "pStyle") if ppr is not None else None
    file = _FILE.get()
    headings = file.headings if file is not None else frozenset()
    return 1 if ref is not None and ref.get(_W + "val") in headings else None


def _level(val: str | None) -> int | None:
    return int(val) if val and val.isdigit() and int(val) < 9 else None


def _styles_of(parent):
    """The styles part's XML of the document `parent` (python-docx's document, header or cell) is in."""
    part = getattr(parent, "part", None)
    try:
        return part.package.main_document_part.styles.element if part is not None else None
    except (AttributeError, KeyError, NotImplementedError):
        return None


def _run_prop(r, tag: str, attr: str) -> str | None:
    rpr = r.find(_W + "rPr")
    el = rpr.find(_W + tag) if rpr is not None else None
    return el.get(_W + attr) if el is not None else None


def _bold(r) -> bool:
    rpr = r.find(_W + "rPr")
    b = rpr.find(_W + "b") if rpr is not None else None
    return b is not None and b.get(_W + "val", "true") not in ("0", "false", "off")


def _inside(el, top, tags: set[str]) -> bool:
    """An ancestor of `el` below `top` has one of `tags`."""
    node = el.getparent()
    while node is not None and node is not top:
        if node.tag in tags:
            return True
        node = node.getparent()
    return False


def _table_lines(table) -> list[str]:
    """A table's rows as lines of tab-separated cells (北林区\t392); a row of one cell (a box around the
    领导批示, a layout table holding articles) gives that cell's paragraphs as lines."""
    out: list[str] = []
    for row in table.rows:
        cells = []
        for cell in row.cells:  # a merged cell repeats along its row
            if not cells or cell._tc is not cells[-1]._tc:
                cells.append(cell)
        if len(cells) == 1:
            out += _block_lines(cells[0]._tc, cells[0])
        else:
            out.append("\t".join(" ".join(_para_text(p._p, c) for p in c.paragraphs).strip() for c in cells))
    return out


def _check_inflated(data: bytes, path: str) -> None:
    """Refuse a .docx whose XML parts inflate past the bound before python-docx parses them (a 1.8 MB
    file holding 500 MB of paragraphs took 13.9 GB). The sizes the zip declares are checked first;
    as a zip may understate them, the parts are then inflated in chunks and counted, never held."""
    import zipfile

    from kg.read.gate import max_docx_bytes

    limit = max_docx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [i for i in z.infolist() if i.filename.endswith((".xml", ".rels"))]
        declared = sum(i.file_size for i in parts)
        if declared > limit:
            raise InputError(path, _too_large(declared, limit))
        seen = 0
        for info in parts:
            with z.open(info) as fh:
                while chunk := fh.read(1 << 20):
                    seen += len(chunk)
                    if seen > limit:
                        raise InputError(path, _too_large(seen, limit, at_least=True))


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    more = "超过" if at_least else ""
    return (
        f".docx 解压后{more} {size / 1048576:.0f} MB 文字内容（上限 {limit / 1048576:.0f} MB，"
        "一期公报通常不到 1 MB）；疑为压缩炸弹或非公报文件，如确需导入请设置 KG_MAX_DOCX_MB"
    )
