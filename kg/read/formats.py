"""Text out of .docx and .pdf files. Bold runs of a .docx become **…** so one normaliser serves all."""

from __future__ import annotations

import io

from kg.errors import InputError


def docx_text(data: bytes, path: str) -> str:
    import zipfile

    from docx import Document as Docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        _check_inflated(data, path)
        doc = Docx(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"不是可读的 .docx 文件（{exc.__class__.__name__}）") from None
    lines: list[str] = []
    for block in doc.iter_inner_content():  # paragraphs and tables in the order they stand
        if hasattr(block, "rows"):
            lines += _table_lines(block)
        else:
            lines.append(_para_text(block))
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(path, "空的 .docx 文档")
    return text


def _para_text(para) -> str:
    parts = []
    for run in para.runs:
        t = run.text
        parts.append(f"**{t}**" if t and run.bold and t.strip() else t)
    return "".join(parts).replace("****", "")


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
            for block in cells[0].iter_inner_content():
                out += _table_lines(block) if hasattr(block, "rows") else [_para_text(block)]
        else:
            out.append("\t".join(" ".join(_para_text(p) for p in c.paragraphs).strip() for c in cells))
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


def pdf_text(data: bytes, path: str) -> str:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # we report the damage ourselves, on one line
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(
            path, f"PDF 文件不完整或已损坏（{exc.__class__.__name__}：{str(exc)[:80]}）"
        ) from None
    except Exception as exc:  # pypdf raises many internal types on broken files
        raise InputError(path, f"无法读取的 PDF（{exc.__class__.__name__}）") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputError(path, "PDF 没有文字层（扫描件？）；请先做文字识别（OCR）")
    return text


# -- a web page saved from the browser -------------------------------------------------------------------

# elements whose text is never the article: the page's head, scripts, and the site's navigation, header,
# footer, side columns and forms (what is left of the chrome is plain lines: kg.text.webpage)
_SKIP = frozenset(
    "head script style noscript template nav header footer aside form select option button iframe svg "
    "canvas object embed audio video map".split()
)
# elements that start a new line of text
_BLOCK = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article blockquote pre dd dt dl hr main figure "
    "figcaption caption center".split()
)
_VOID = frozenset("br hr img input meta link area base col wbr source track param".split())


def html_text(source: str, path: str) -> str:
    """The text of an HTML page: one line per paragraph or block, the page's own chrome elements left
    out, entities decoded; bold (<b>, <strong>) becomes **…** like a .docx's bold runs. Tags are
    markup, never text: a page's scripts are dropped, not read."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.out: list[str] = []
            self.skip: list[str] = []
            # open table rows, innermost last: each a list of cells, each cell a list of pieces
            self.rows: list[list[list[str]]] = []

        def _put(self, piece: str) -> None:
            row = self.rows[-1] if self.rows else None
            (row[-1] if row else self.out).append(piece)

        def handle_starttag(self, tag: str, attrs) -> None:
            if tag in _SKIP and tag not in _VOID:
                self.skip.append(tag)
            elif not self.skip:
                if tag == "tr":
                    self.rows.append([])
                elif tag in ("td", "th") and self.rows:
                    self.rows[-1].append([])
                elif tag in _BLOCK:
                    self._put("\n")
                elif tag in ("b", "strong"):
                    self._put("**")

        def handle_endtag(self, tag: str) -> None:
            if self.skip:
                if tag == self.skip[-1]:
                    self.skip.pop()
                return
            if tag == "tr" and self.rows:
                self._end_row()
            elif tag in _BLOCK:
                self._put("\n")
            elif tag in ("b", "strong"):
                self._put("**")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self._put(data.replace("\n", " ").replace("\r", " "))

        def close(self) -> None:
            super().close()
            while self.rows:  # a row never closed (</tr> is optional in HTML)
                self._end_row()

        def _end_row(self) -> None:
            """The innermost open row, as text, into what holds it (an outer cell or the page)."""
            self._put("\n" + _row_text(["".join(c) for c in self.rows.pop()]) + "\n")

    parser = _Text()
    try:
        parser.feed(source)
        parser.close()
    except (AssertionError, ValueError) as exc:  # HTMLParser's own complaints about broken markup
        raise InputError(path, f"无法解析的 HTML 页面（{exc.__class__.__name__}）") from None
    lines = ("".join(parser.out)).replace("****", "").split("\n")
    text = "\n".join(_cells(line) for line in lines)
    text = "\n".join(x for x in text.split("\n") if x.strip() and x.strip() != "****")
    if not text.strip():
        raise InputError(path, "HTML 页面里没有正文文字")
    return text


_CELL_MAX = 120  # characters: a longer cell holds paragraphs of text (a layout table), not a figure


def _row_text(cells: list[str]) -> str:
    """A table row as one line of cells apart by tabs (沁河镇<TAB>61<TAB>42), each cell's paragraphs
    (Word puts a <p> in every cell) joined by a space; a row of one cell, or with a cell of running text
    (a page laid out by a table), keeps its paragraphs as lines, as a Word table's reader does."""
    flat = [" ".join(c.split()) for c in cells]
    if len(cells) < 2 or any(len(c) > _CELL_MAX for c in flat):
        return "\n".join(cells)
    return "\t".join(flat)


def _cells(line: str) -> str:
    """One line's runs of white space as one space, its table cells apart by one tab, empty cells out."""
    return "\t".join(c for c in (" ".join(cell.split()) for cell in line.split("\t")) if c)


def looks_like_html(text: str) -> bool:
    """Whether a text given on stdin is an HTML page rather than plain text."""
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)
