"""Text out of a Word 97–2003 .doc (and a WPS .wps saved in the same binary shape), as lines.

Offices on an internal network keep years of bulletins as .doc; asking for each to be re-saved as .docx
loses most of an archive. The file is an OLE compound file (olefile reads it); its text is the piece
table's pieces in order (MS-DOC 2.4.1), each UTF-16 or, when "compressed", one byte a character.

What the .docx reader gives, this gives too: the first page's header over the body, a text box's lines
where it is anchored, a field's result without its code, table rows as tab-separated cells, bold runs as
**…**, deleted text (tracked changes) left out, a footnote's text where its mark is.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from kg.errors import InputError
from kg.read.word_binary_lists import SPRM_ILFO, SPRM_ILVL, read_lists
from kg.read.word_binary_styles import heading_styles

# FibRgFcLcb97 pairs by index (MS-DOC 2.5.6)
_FND_REF, _FND_TXT = 2, 3
_HDD, _BTE_CHPX, _BTE_PAPX, _CLX, _SPA_MOM, _TXBX = 11, 12, 13, 33, 40, 56
# FibRgLw97: the story lengths, in order (ccpText … ccpHdrTxbx); the third slot is unused
_STORIES = ("text", "ftn", "hdd", "unused", "atn", "edn", "txbx", "hdrtxbx")
_SPRM_BOLD, _SPRM_DELETED, _SPRM_SYMBOL, _SPRM_SIZE = 0x0835, 0x0800, 0x6A09, 0x4A43  # character properties
_SPRM_IN_TABLE, _SPRM_ROW_END, _SPRM_OUTLINE = 0x2416, 0x2417, 0x2640  # paragraph properties
_SPRM_JC = (0x2403, 0x2461)  # a paragraph's alignment (1: centred)
_TITLE_SIZE = 36  # half-points: 18 pt (小二) and up, centred, reads as a title line (as in kg/read/word.py)
_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # by spra; 6 = a length byte first


# a character with what its runs say: (text, bold, inside a table cell, a table row's end mark)
_Char = tuple[str, bool, bool, bool]
_PARA = ("\r", False, False, False)


class _Marks(NamedTuple):
    bold: list[tuple[int, int]]
    deleted: list[tuple[int, int]]
    symbol: list[tuple[int, int]]  # a Wingdings/Symbol character, stored as "(" in the text
    large: list[tuple[int, int]]  # set in 18 pt or more


@dataclass(frozen=True)
class _Piece:
    cp: int  # first character
    end: int
    fc: int  # first byte in WordDocument
    compressed: bool

    def fc_of(self, cp: int) -> int:
        return self.fc + (cp - self.cp) * (1 if self.compressed else 2)


def doc_text(data: bytes, path: str) -> str:
    import olefile

    try:
        ole = olefile.OleFileIO(data)
        word = ole.openstream("WordDocument").read()
        fib = _Fib(word)
        table = ole.openstream("1Table" if fib.table_one else "0Table").read()
    except (OSError, ValueError, struct.error, IndexError) as exc:
        what = "WPS/Word 文件" if path.lower().endswith(".wps") else ".doc 文件"
        raise InputError(path, f"不是可读的 {what}（{exc.__class__.__name__}）") from None
    if fib.encrypted:
        raise InputError(path, "是加密的 Word 文件；请去掉密码后另存为 .docx")
    if fib.n_fib < 0x00C1:
        raise InputError(path, "是 Word 6/95 或更早的格式；请另存为 .docx")
    try:
        text = _Reader(word, table, fib).lines()
    except (struct.error, IndexError, ValueError) as exc:
        raise InputError(path, f".doc 文件结构损坏（{exc.__class__.__name__}）") from None
    if not text.strip():
        raise InputError(path, "空的 Word 文档")
    return text


class _Fib:
    """The file information block's few fields that locate the text."""

    def __init__(self, word: bytes):
        ident, self.n_fib = struct.unpack_from("<HH", word, 0)
        if ident != 0xA5EC:
            raise ValueError("not a Word binary file")
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        self.encrypted = bool(flags & 0x0100)
        self.table_one = bool(flags & 0x0200)
        at = 32
        csw = struct.unpack_from("<H", word, at)[0]
        at += 2 + csw * 2
        cslw = struct.unpack_from("<H", word, at)[0]
        lw = struct.unpack_from(f"<{cslw}i", word, at + 2)
        self.ccp = dict(zip(_STORIES, lw[3 : 3 + len(_STORIES)], strict=True))
        at += 2 + cslw * 4
        count = struct.unpack_from("<H", word, at)[0]
        self._pairs = struct.unpack_from(f"<{count * 2}I", word, at + 2)

    def pair(self, index: int) -> tuple[int, int]:
        if 2 * index + 1 >= len(self._pairs):
            return 0, 0
        return self._pairs[2 * index], self._pairs[2 * index + 1]


class _Reader:
    def __init__(self, word: bytes, table: bytes, fib: _Fib):
        self.word, self.table, self.fib = word, table, fib
        self.pieces = _pieces(table, *fib.pair(_CLX))
        self.bold, self.deleted, self.symbol, self.large = _char_marks(word, table, *fib.pair(_BTE_CHPX))
        marks = _para_marks(
            word, table, *fib.pair(_BTE_PAPX), _or_none(heading_styles, table, fib) or frozenset()
        )
        self.cell, self.row_end, self.listed, self.heading, self.centred = marks
        self.lists = _or_none(read_lists, table, fib) if self.listed else None

    def lines(self) -> str:
        ccp = self.fib.ccp
        main = self._with_notes(self.story(0, ccp["text"], numbered=True))
        boxes = self._boxes(sum(ccp[s] for s in _STORIES[:6]), ccp["txbx"])
        body = _with_boxes(main, boxes)
        return "\n".join(self._first_header() + _lines(body))

    def story(self, start: int, length: int, numbered: bool = False) -> list[_Char]:
        """The characters start … start+length with their marks, deleted ones left out; a paragraph in a
        heading style, or centred with every character 18 pt and up, bold throughout (a title line, as the
        .docx reader reads one). `numbered` (the main text): a paragraph's automatic number with its first
        character, in that character's bold (one item, so later positions stay the text's)."""
        out: list[_Char] = []
        para_start = True
        para_from, title = 0, False  # where the paragraph began in `out`; centred and large so far
        for piece in self.pieces:
            lo, hi = max(start, piece.cp), min(start + length, piece.end)
            if lo >= hi:
                continue
            fc = piece.fc_of(lo)
            if piece.compressed:
                raw = self.word[fc : fc + hi - lo].decode("cp1252", "replace")
            else:
                raw = self.word[fc : fc + 2 * (hi - lo)].decode("utf-16-le", "replace")
            step = 1 if piece.compressed else 2
            for i, ch in enumerate(raw):
                at = fc + i * step
                if _marked(self.deleted, at):
                    continue
                if ch == "(" and _marked(self.symbol, at):
                    ch = "●"  # a bullet or mark from a symbol font (Wingdings' l, n, u): an item mark
                if para_start and ch not in _BREAK:
                    ch = (self._number(at) if numbered else "") + ch
                    para_from, title = len(out), _marked(self.centred, at)
                if title and not ch.isspace() and ch not in _BREAK:
                    title = _marked(self.large, at)
                if ch in _BREAK and title and para_start is False:
                    out[para_from:] = [(c, True, *rest) for c, _, *rest in out[para_from:]]  # a title line
                    title = False
                para_start = ch in _BREAK
                bold = _marked(self.bold, at) or _marked(self.heading, at)  # a heading: a bold line
                out.append((ch, bold, _marked(self.cell, at), _marked(self.row_end, at)))
        return out

    def _number(self, fc: int) -> str:
        """Word's automatic number (一、 （二） 1.) of the paragraph whose first byte is `fc`, counted in
        document order (kg/read/word_binary_lists.py); '' for none."""
        at = bisect_right(self.listed, (fc, 1 << 62)) - 1
        if self.lists is None or at < 0 or not self.listed[at][0] <= fc < self.listed[at][1]:
            return ""
        return self.lists.number(str(self.listed[at][2]), self.listed[at][3])

    def _with_notes(self, main: list[_Char]) -> list[_Char]:
        """Each footnote's text where its mark is, as （注：…）, as the .docx reader gives it (one item in
        place of the mark, so later positions stay the main text's)."""
        ref_fc, ref_lcb = self.fib.pair(_FND_REF)
        txt_fc, txt_lcb = self.fib.pair(_FND_TXT)
        n = (ref_lcb - 4) // 6 if ref_lcb else 0
        if not n or not txt_lcb or not self.fib.ccp["ftn"]:
            return main
        refs = struct.unpack_from(f"<{n}I", self.table, ref_fc)
        starts = struct.unpack_from(f"<{txt_lcb // 4}I", self.table, txt_fc)
        base = self.fib.ccp["text"]
        for i, cp in enumerate(refs):
            if i + 1 >= len(starts) or cp >= len(main):
                break
            chars = self.story(base + starts[i], starts[i + 1] - starts[i])
            note = "".join(c[0] for c in chars if c[0] not in _DROP and c[0] not in _BREAK).strip()
            if note:
                main[cp] = (f"（注：{note}）", False, main[cp][2], False)
        return main

    def _first_header(self) -> list[str]:
        """The first section's first-page header, else its odd-page header (stories 6+4 and 6+1)."""
        fc, lcb = self.fib.pair(_HDD)
        if not lcb or not self.fib.ccp["hdd"]:
            return []
        cps = struct.unpack_from(f"<{lcb // 4}I", self.table, fc)
        base = self.fib.ccp["text"] + self.fib.ccp["ftn"]
        for index in (10, 7):
            if index + 1 < len(cps) and cps[index + 1] > cps[index]:
                lines = [line for line in _lines(self.story(base + cps[index], cps[index + 1] - cps[index]))]
                lines = [line for line in lines if line.strip()]
                if lines:
                    return lines + [""]
        return []

    def _boxes(self, start: int, length: int) -> dict[int, list[_Char]]:
        """Each text box's characters by the main-text position of its anchor."""
        if not length:
            return {}
        spa_fc, spa_lcb = self.fib.pair(_SPA_MOM)
        tx_fc, tx_lcb = self.fib.pair(_TXBX)
        if not spa_lcb or not tx_lcb:
            return {}
        n_spa = (spa_lcb - 4) // 30
        anchors = struct.unpack_from(f"<{n_spa}I", self.table, spa_fc)
        spids = [
            struct.unpack_from("<I", self.table, spa_fc + 4 * (n_spa + 1) + 26 * i)[0] for i in range(n_spa)
        ]
        anchor_of = dict(zip(spids, anchors, strict=True))
        n_tx = (tx_lcb - 4) // 26
        cps = struct.unpack_from(f"<{n_tx + 1}I", self.table, tx_fc)
        out: dict[int, list[_Char]] = {}
        for i in range(n_tx):
            lid = struct.unpack_from("<I", self.table, tx_fc + 4 * (n_tx + 1) + 22 * i + 14)[0]
            chars = self.story(start + cps[i], cps[i + 1] - cps[i]) if cps[i + 1] > cps[i] else []
            if "".join(c[0] for c in chars).strip():
                # a box whose shape is not found is most likely the masthead's: at the top, not lost
                out.setdefault(anchor_of.get(lid, 0), []).extend(chars)
        return out


def _or_none(read, table: bytes, fib: _Fib):
    """What `read` gets from the table stream, or None when that part of the file is damaged: list
    numbers and heading styles are an aid, the text is read without them."""
    try:
        return read(table, fib.pair)
    except (struct.error, IndexError, ValueError):
        return None


def _pieces(table: bytes, fc: int, lcb: int) -> list[_Piece]:
    """The piece table inside the Clx: skip its property runs (0x01), read the PlcPcd (0x02)."""
    at, end = fc, fc + lcb
    while at < end and table[at] == 0x01:
        at += 3 + struct.unpack_from("<h", table, at + 1)[0]
    if at >= end or table[at] != 0x02:
        raise ValueError("no piece table")
    size = struct.unpack_from("<I", table, at + 1)[0]
    n = (size - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", table, at + 5)
    out = []
    for i in range(n):
        raw = struct.unpack_from("<I", table, at + 5 + 4 * (n + 1) + 8 * i + 2)[0]
        compressed = bool(raw & 0x40000000)
        fc_i = (raw & 0x3FFFFFFF) // 2 if compressed else raw & 0x3FFFFFFF
        out.append(_Piece(cps[i], cps[i + 1], fc_i, compressed))
    return out


def _char_marks(word: bytes, table: bytes, fc: int, lcb: int) -> _Marks:
    """Byte ranges of the WordDocument stream set bold, set as deleted, and set as a symbol-font
    character, by the character runs' direct formatting (the CHPX pages, MS-DOC 2.9.44)."""
    marks = _Marks([], [], [], [])
    for lo, hi, page, offset in _fkp_runs(word, table, fc, lcb, entry=1):
        sprms = _sprms(page[offset + 1 : offset + 1 + page[offset]])
        if sprms.get(_SPRM_BOLD) in (1, 0x81):
            marks.bold.append((lo, hi))
        if sprms.get(_SPRM_DELETED) == 1:
            marks.deleted.append((lo, hi))
        if _SPRM_SYMBOL in sprms:
            marks.symbol.append((lo, hi))
        if sprms.get(_SPRM_SIZE, 0) >= _TITLE_SIZE:
            marks.large.append((lo, hi))
    for ranges in marks:
        ranges.sort()
    return marks


class _Paras(NamedTuple):
    cell: list[tuple[int, int]]  # byte ranges of paragraphs inside a table cell
    row_end: list[tuple[int, int]]  # of a table row's end mark
    listed: list[tuple[int, int, int, int]]  # of paragraphs in a list: (lo, hi, list instance, level)
    heading: list[tuple[int, int]]  # of paragraphs in a heading style or with an outline level
    centred: list[tuple[int, int]]  # of centred paragraphs (a title line when set in 18 pt and up)


def _para_marks(word: bytes, table: bytes, fc: int, lcb: int, headings: frozenset[int]) -> _Paras:
    """What the paragraph properties say, by byte range (the PAPX pages, 2.9.175); `headings`: the istd
    of the heading styles."""
    cell: list[tuple[int, int]] = []
    row_end: list[tuple[int, int]] = []
    listed: list[tuple[int, int, int, int]] = []
    heading: list[tuple[int, int]] = []
    centred: list[tuple[int, int]] = []
    for lo, hi, page, offset in _fkp_runs(word, table, fc, lcb, entry=13):
        cb = page[offset]
        start, size = (offset + 1, 2 * cb - 1) if cb else (offset + 2, 2 * page[offset + 1])
        sprms = _sprms(page[start + 2 : start + size])  # (after the style index)
        if sprms.get(_SPRM_IN_TABLE):
            cell.append((lo, hi))
        if sprms.get(_SPRM_ROW_END):
            row_end.append((lo, hi))
        if sprms.get(SPRM_ILFO):
            listed.append((lo, hi, sprms[SPRM_ILFO], sprms.get(SPRM_ILVL, 0)))
        istd = struct.unpack_from("<H", page, start)[0]  # the paragraph's style
        outline = sprms.get(_SPRM_OUTLINE)  # its own outline level (9: body text) outranks its style's
        if outline < 9 if outline is not None else istd in headings:
            heading.append((lo, hi))
        if any(sprms.get(jc) == 1 for jc in _SPRM_JC):
            centred.append((lo, hi))
    return _Paras(sorted(cell), sorted(row_end), sorted(listed), sorted(heading), sorted(centred))


def _fkp_runs(word: bytes, table: bytes, fc: int, lcb: int, entry: int):
    """(first byte, end byte, page, property offset) of each run on the formatted-disk pages a bin
    table points to; `entry` is the page's bytes per run after its FC array (1 CHPX, 13 PAPX)."""
    if not lcb:
        return
    n = (lcb - 4) // 8
    for pn in struct.unpack_from(f"<{n}I", table, fc + 4 * (n + 1)):
        base = (pn & 0x3FFFFF) * 512
        page = word[base : base + 512]
        if len(page) < 512:
            continue
        count = page[511]
        fcs = struct.unpack_from(f"<{count + 1}I", page, 0)
        for i in range(count):
            offset = page[4 * (count + 1) + entry * i] * 2
            if offset:
                yield fcs[i], fcs[i + 1], page, offset


def _sprms(grpprl: bytes) -> dict[int, int]:
    """The fixed-size operands of a property list as numbers, by sprm (variable ones skipped)."""
    out: dict[int, int] = {}
    at = 0
    while at + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, at)[0]
        at += 2
        spra = sprm >> 13
        size = grpprl[at] + 1 if spra == 6 and at < len(grpprl) else _OPERAND.get(spra, 1)
        if spra != 6 and at + size <= len(grpprl):
            out[sprm] = int.from_bytes(grpprl[at : at + size], "little")
        at += size
    return out


def _marked(ranges: list[tuple[int, int]], fc: int) -> bool:
    i = bisect_right(ranges, (fc, 1 << 62)) - 1
    return i >= 0 and ranges[i][0] <= fc < ranges[i][1]


def _with_boxes(main: list[_Char], boxes: dict[int, list[_Char]]) -> list[_Char]:
    """The main text with each text box's lines on their own before the paragraph holding its anchor."""
    if not boxes:
        return main
    out: list[_Char] = []
    para_start = 0
    pending: list[_Char] = []
    for cp, item in enumerate(main):
        if cp in boxes:
            box = boxes[cp]
            pending += box if box[-1][0] == "\r" else [*box, _PARA]
        out.append(item)
        if item[0] == "\r":
            out[para_start:para_start] = pending
            pending = []
            para_start = len(out)
    out[para_start:para_start] = pending
    return out


_DROP = set("\x01\x02\x03\x04\x05\x08\x1f")  # pictures, note marks, drawn-object anchors, optional hyphens
_BREAK = set("\r\x0b\x0c\x0e\x07")  # paragraph, line, page and column breaks; a cell's end


def _lines(chars: list[_Char]) -> list[str]:
    """Lines of text: a field gives its result, a table row its tab-separated cells (a row of one cell,
    a box around a passage, its paragraphs as lines), as from a .docx."""
    lines: list[str] = []
    line: list[str] = []
    cells: list[list[str]] = []  # the row so far: each cell's paragraphs
    paras: list[str] = []  # the current cell's
    fields: list[bool] = []  # per open field: past its separator (showing the result)
    bold = False
    for ch, b, in_cell, row_end in chars:
        if ch == "\x13":
            fields.append(False)
        elif ch == "\x14" and fields:
            fields[-1] = True
        elif ch == "\x15" and fields:
            fields.pop()
        elif (fields and not fields[-1]) or ch in _DROP:
            continue  # a field's code
        elif ch in _BREAK:
            text = "".join(line + ["**"] * bold).replace("****", "")
            line, bold = [], False
            if ch == "\x07" and row_end:
                lines += cells[0] if len(cells) == 1 else ["\t".join(" ".join(c).strip() for c in cells)]
                cells = []
            elif ch == "\x07":
                cells.append(paras + [text])
                paras = []
            elif in_cell:
                paras.append(text)
            else:
                lines.append(text)
        else:
            if b != bold and not ch.isspace():
                at = len(line)
                while not b and at and line[at - 1].isspace():
                    at -= 1  # a bold run's trailing space stays outside its marks
                line.insert(at, "**")
                bold = b
            line.append({"\xa0": " ", "\x1e": "-"}.get(ch, ch))
    if line:
        lines.append("".join(line + ["**"] * bold).replace("****", ""))
    return lines
