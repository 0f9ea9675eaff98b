"""Text out of .ofd files, saved web pages (.html, .mht) and .rtf (PDF: kg.read.pdf; Word: kg.read.word, word_binary)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.errors import InputError


def ofd_text(data: bytes, path: str) -> str:
    """An OFD (GB/T 33190, the state's fixed-layout format, as 数科 or 福昕 export a printed issue): its
    positioned text runs in reading order, read by ofdkit, lines as a PDF's text layer gives them."""
    import ofdkit

    try:
        text = ofdkit.extract_text(data, page_separator="\n\n")
    except ofdkit.OFDLimitError as exc:
        raise InputError(path, f"OFD 文件超出读取上限（{str(exc)[:80]}）") from None
    except (ofdkit.OFDError, ValueError, KeyError, OSError) as exc:
        raise InputError(path, f"OFD 文件不完整或已损坏（{exc.__class__.__name__}）") from None
    if not text.strip():
        raise InputError(path, "OFD 没有文字（扫描件？）；请先做文字识别（OCR）")
    return text


def mht_text(data: bytes, path: str) -> str:
    """A page saved as one file (.mht/.mhtml: the browser's or Word's web archive): its first HTML part,
    decoded from quoted-printable or base64, read as a saved page."""
    import email
    import email.policy

    from kg.read.decode import decode_bytes

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        # (decoded as a file is: UTF-8, else GB18030, which a gb2312 or gbk declaration under-states)
        return html_text(decode_bytes(part.get_payload(decode=True) or b"", path)[0], path)
    raise InputError(path, "网页存档（.mht）里没有 HTML 正文")


def rtf_text(data: bytes, path: str) -> str:
    """An .rtf (WPS and Word save one; many a site's ".doc" is one): its text by striprtf, in the code page
    the file declares (GBK when it declares none), table cells apart by tabs as from a .docx."""
    from striprtf.striprtf import rtf_to_text

    try:
        text = rtf_to_text(data.decode("latin-1"), encoding="gb18030", errors="replace")
    except (ValueError, LookupError, IndexError) as exc:
        raise InputError(path, f"无法读取的 RTF 文件（{exc.__class__.__name__}）") from None
    lines = [line[:-1].replace("|", "\t") if line.endswith("|") else line for line in text.split("\n")]
    if not "".join(lines).strip():
        raise InputError(path, "RTF 文件里没有文字")
    return "\n".join(lines)


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


_UP_MARKS = "▲△↑"  # a caption's mark pointing up at its picture
_APART = "\x01"  # marks a blank line before a centred bold headline while the page is read
_CENTRED_BLOCKS = frozenset("p div center h1 h2 h3 h4 h5 h6".split())
_CAPTION = "\x00"  # marks a caption's text while the page is read


def _with_captions(lines: Iterable[str]) -> list[str]:
    """The lines with each picture's caption joined to the paragraph before the picture, without its mark:
    a caption belongs to the article it illustrates and opens neither an item nor an article (▲ also
    marks items in some bulletins, so only a line right under a picture, or a <figcaption>, is one)."""
    out: list[str] = []
    for line in lines:
        plain = line.replace(_CAPTION, "")
        if out and line.lstrip().startswith(_CAPTION):
            out[-1] = out[-1].rstrip() + plain.strip().lstrip(_UP_MARKS).strip()
        else:
            out.append(plain)
    return out


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
            self.after_img = False  # no text since the last picture: a caption may come
            self.in_caption = 0  # inside <figcaption>
            # open blocks: tag, centred, the pieces it is written into (the page's or a cell's), where it starts,
            # the largest type inside it so far (points; a one-item list, updated as text comes)
            self.blocks: list[tuple[str, bool, list[str], int, list[float]]] = []
            self.sizes: list[tuple[str, float | None]] = []  # open tags and the type size each sets
            self.chars_by_size: dict[float, int] = {}  # how much text each type size carries
            self.large: list[tuple[list[str], int, int, float]] = []  # centred one-line blocks and their size

        def _target(self) -> list[str]:
            row = self.rows[-1] if self.rows else None
            return row[-1] if row else self.out

        def _put(self, piece: str) -> None:
            self._target().append(piece)

        def handle_starttag(self, tag: str, attrs) -> None:
            if tag in _SKIP and tag not in _VOID:
                self.skip.append(tag)
            elif not self.skip:
                if tag == "img":
                    self.after_img = True
                elif tag == "figcaption":
                    self.in_caption += 1
                if tag == "tr":
                    self.rows.append([])
                elif tag in ("td", "th") and self.rows:
                    self.rows[-1].append([])
                elif tag in _BLOCK:
                    self._put("\n")
                    if tag in _CENTRED_BLOCKS:
                        pieces = self._target()
                        self.blocks.append((tag, _centred(tag, attrs), pieces, len(pieces), [0.0]))
                elif tag in ("b", "strong"):
                    self._put("**")
                if tag not in _VOID:
                    self.sizes.append((tag, _type_size(tag, attrs)))

        def _size(self) -> float | None:
            return next((z for _t, z in reversed(self.sizes) if z is not None), None)

        def _close_block(self, tag: str) -> None:
            """A centred paragraph wholly bold is a headline: a blank line sets it apart from the text above,
            as the page shows it (a portal's article body gives its paragraphs no blank lines between)."""
            while self.blocks:
                open_tag, centred, pieces, at, size = self.blocks.pop()
                if open_tag != tag:
                    continue
                text = "".join(pieces[at:]).strip()
                inner = text[2:-2]
                headline = text.startswith("**") and text.endswith("**") and inner.strip()
                if centred and at > 0 and headline and "**" not in inner and "\n" not in inner:
                    pieces.insert(at, "\n" + _APART + "\n")
                elif (
                    centred
                    and at > 0
                    and size[0]
                    and text
                    and "**" not in text
                    and "\n" not in text
                    and len(text) <= _HEADLINE_MAX
                ):
                    self.large.append((pieces, at, len(pieces), size[0]))  # a headline if its type is large
                return

        def handle_endtag(self, tag: str) -> None:
            if self.skip:
                if tag == self.skip[-1]:
                    self.skip.pop()
                return
            if any(t == tag for t, _z in self.sizes):
                while self.sizes and self.sizes.pop()[0] != tag:
                    pass
            if tag == "figcaption":
                self.in_caption = max(0, self.in_caption - 1)
            if tag == "tr" and self.rows:
                self._end_row()
            elif tag in _BLOCK:
                if tag in _CENTRED_BLOCKS:
                    self._close_block(tag)
                self._put("\n")
            elif tag in ("b", "strong"):
                self._put("**")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                # a line break of the source between two Chinese characters is no space (Word wraps its
                # saved page's source inside words: 隆\n子县)
                data = _WRAP_IN_WORD.sub("", data).replace("\n", " ").replace("\r", " ")
                size = self._size()
                if size is not None and data.strip():
                    self.chars_by_size[size] = self.chars_by_size.get(size, 0) + len(data.strip())
                    for block in self.blocks:
                        block[4][0] = max(block[4][0], size)
                if data.strip() and (self.in_caption or self.after_img and data.lstrip()[:1] in _UP_MARKS):
                    data = _CAPTION + data  # the picture's caption (▲墩苗干部在…走访群众 right under it)
                if data.strip():
                    self.after_img = False
                self._put(data)

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
    _large_as_headlines(parser.large, parser.chars_by_size)
    lines = ("".join(parser.out)).replace("****", "").split("\n")
    text = "\n".join(_cells(line) for line in lines)
    text = "\n".join(_with_captions(x for x in text.split("\n") if x.strip() and x.strip() != "****"))
    text = re.sub(rf"(?:^|\n){_APART}(?=\n)", "\n", text).lstrip("\n").replace(_APART, "")
    if not text.strip():
        raise InputError(path, "HTML 页面里没有正文文字")
    return text


_HEADLINE_MAX = 60  # characters: a longer centred paragraph is text, whatever its type
_LARGER = 1.2  # a headline's type is this much larger than the page's body text (22 pt over 16 pt)
_WRAP_IN_WORD = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[\r\n]+(?=[\u3000-\u9fff\uff00-\uffef])")
_FONT_SIZES = {
    "1": 7.5,
    "2": 10.0,
    "3": 12.0,
    "4": 13.5,
    "5": 18.0,
    "6": 24.0,
    "7": 36.0,
}  # <font size=N>, pt


def _type_size(tag: str, attrs) -> float | None:
    """The type size (points) a tag sets: font-size in its style (pt or px), or <font size=N>."""
    given = {k.lower(): (v or "").lower() for k, v in attrs}
    m = re.search(r"font-size:\s*([\d.]+)\s*(pt|px)", given.get("style", ""))
    if m:
        try:
            return float(m.group(1)) * (0.75 if m.group(2) == "px" else 1.0)
        except ValueError:
            return None
    return _FONT_SIZES.get(given.get("size", "").strip()) if tag == "font" else None


def _large_as_headlines(
    large: list[tuple[list[str], int, int, float]], chars_by_size: dict[float, int]
) -> None:
    """Centred one-line paragraphs set in larger type than the page's body text (the size carrying most of
    its text) are headlines, as a Word-saved issue sets its titles (方正小标宋 22 pt over 仿宋 16 pt): made
    bold and set apart like a centred bold one. Inserted last first, so earlier positions stay true."""
    if not large or not chars_by_size:
        return
    body = max(chars_by_size.items(), key=lambda kv: (kv[1], -kv[0]))[0]
    inner = [
        c
        for c in large
        if not any(o is not c and o[0] is c[0] and c[1] <= o[1] and o[2] <= c[2] for o in large)
    ]  # (a centred block inside another: the inner one only)
    for pieces, at, end, size in sorted(inner, key=lambda x: -x[1]):
        if size >= body * _LARGER:
            pieces.insert(end, "**")
            pieces.insert(at, "\n" + _APART + "\n**")


def _centred(tag: str, attrs) -> bool:
    """A block set centred: <center>, align="center", or text-align:center in its style."""
    given = {k.lower(): (v or "").lower() for k, v in attrs}
    style = given.get("style", "").replace(" ", "")
    return tag == "center" or given.get("align") == "center" or "text-align:center" in style


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
