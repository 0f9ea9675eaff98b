"""The text layer of a .pdf, line by line, each line in the order a reader sees its characters.

Read with PDFium (pypdfium2: the PDF engine of Chromium, in the wheel, no service), character by character with
each character's box. Office converters draw a line's text in more than one pass: LibreOffice writes a
Chinese line with a space where each curly quote or fallback-font character goes and draws those characters
afterwards over the gaps. Taken in drawing order (what pypdf gives) the quotes land at the line's start or end,
away from their words (“ ”强化党建引领 锻造 百千万工程…); so a line whose characters go back leftwards is put
in left-to-right order, and a gap space that now stands beside a character drawn late is dropped (it was the
placeholder). Lines in order need nothing: columns, tables and reading order stay as the engine gives them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kg.errors import InputError
from kg.read.normalize import PAGE_MARK
from kg.read.pdf_tables import Grid, page_grids, table_rows

_BACK = 1.0  # points: a character whose centre lies this far left of an earlier one was drawn late


@dataclass(frozen=True)
class Glyph:
    """A character and its box as the font lays it out (PDFium's loose box: the font's ascent to descent)."""

    char: str
    left: float
    right: float
    bottom: float
    top: float

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2

    @property
    def middle(self) -> float:
        return (self.bottom + self.top) / 2


def pdf_text(data: bytes, path: str) -> str:
    """The text of every page (lines joined by newlines, pages by a blank line)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(path, "PDF 已加密，需要密码才能读取；请先另存为未加密的 PDF") from None
        raise InputError(path, f"PDF 文件不完整或已损坏（{str(exc)[:80]}）") from None
    try:
        pages = []
        for page in pdf:
            lines = _lines(page.get_textpage())
            pages.append("\n".join(_with_tables(lines, page_grids(page))))
    except pdfium.PdfiumError as exc:
        raise InputError(path, f"无法读取的 PDF（{str(exc)[:80]}）") from None
    finally:
        pdf.close()
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputError(path, "PDF 没有文字层（扫描件？）；请先做文字识别（OCR）")
    if _unmapped_share(text) > 0.3:
        raise InputError(
            path, "PDF 的字体没有文字映射（取出的是乱码）；请用原文档另存 PDF，或先做文字识别（OCR）"
        )
    return text


def _unmapped_share(text: str) -> float:
    """The share of characters a font gave no Unicode for (private-use code points, U+FFFD, controls): a
    PDF whose embedded fonts lack a ToUnicode map reads as such codes, never as words."""
    chars = [c for c in text if not c.isspace()]
    bad = sum(1 for c in chars if "\ue000" <= c <= "\uf8ff" or c == "\ufffd" or ord(c) < 32)
    return bad / len(chars) if chars else 0.0


def _lines(textpage) -> list[list[Glyph]]:
    """The page's characters, split at the engine's own line breaks, except a break inside one line of type:
    PDFium breaks before a glyph that is set a little lower or tucked under the one before (Chromium squeezes
    the space between full-width punctuation: 库车市：“四抓四促”… came out as two lines)."""
    n = textpage.count_chars()
    text = textpage.get_text_range(0, n) if n else ""
    same = len(text) == n  # one character per index (no surrogate pairs): read the range once
    lines: list[list[Glyph]] = [[]]
    for i in range(n):
        ch = text[i] if same else textpage.get_text_range(i, 1)
        if ch == "\n":
            lines.append([])
        elif ch != "\r":
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            lines[-1].append(Glyph(ch, left, right, bottom, top))
    lines = [part for line in lines for part in _apart(line)]
    joined = [lines[0]]
    for line in lines[1:]:
        if _continues(joined[-1], line):
            joined[-1] = joined[-1] + line
        else:
            joined.append(line)
    return joined


def _apart(line: list[Glyph]) -> list[list[Glyph]]:
    """One engine line cut where a glyph lies wholly below the one before and starts left of it: the next line
    of type, with no break between (Chromium's PDF gives a headline and the subtitle under it as one run;
    read as one line and put in left-to-right order they interleave character by character). A glyph drawn
    late over a gap (see the module's note) stays: it sits on its line's height."""
    parts: list[list[Glyph]] = [[]]
    last: Glyph | None = None
    for g in line:
        if last is not None and g.char.strip() and g.top <= last.bottom and g.centre < last.left:
            parts.append([])
        parts[-1].append(g)
        if g.char.strip():
            last = g
    return parts


def _continues(before: list[Glyph], after: list[Glyph]) -> bool:
    """Whether `after` goes on along the same line of type as `before`: its first character starts where
    the last one ends (within a character's height) and the two overlap vertically by most of their height."""
    a = next((g for g in reversed(before) if g.char.strip()), None)
    b = next((g for g in after if g.char.strip()), None)
    if a is None or b is None:
        return False
    height = min(a.top - a.bottom, b.top - b.bottom)
    overlap = min(a.top, b.top) - max(a.bottom, b.bottom)
    return height > 0 and overlap > 0.6 * height and a.right - 0.5 * height <= b.left <= a.right + height


def _with_tables(lines: list[list[Glyph]], grids: list[Grid]) -> list[str]:
    """The page's lines as text, each ruled table's glyphs taken out of them and given as its rows of cells
    where its first line was; the other lines as the page sets them out (see Layout)."""
    out: list[list[Glyph] | int] = []  # a line's glyphs, or the number of the table that goes there
    inside: dict[int, list[Glyph]] = {}
    for line in lines:
        rest = []
        for g in line:
            grid = next((k for k, t in enumerate(grids) if t.contains(g.centre, g.middle)), None)
            if grid is None:
                rest.append(g)
                continue
            if grid not in inside:
                inside[grid] = []
                out.append(grid)
            inside[grid].append(g)
        if rest or not line:
            out.append(rest)
    layout = Layout.of([x for x in out if not isinstance(x, int)])
    text: list[str] = []
    small: list[bool] = []  # per entry of text: a line set smaller than the body
    low: list[float | None] = []  # per entry of text: the bottom of the line's glyphs
    was_heading = False
    for x in out:
        if isinstance(x, int):
            text.append("\n".join(table_rows(grids[x], inside[x])))
            small.append(False)
            low.append(None)
            was_heading = False
            continue
        heading = layout.heading(x)
        if heading and not was_heading and text and text[-1]:
            text.append("")  # a headline set larger stands apart from the text above, as a blank line sets it
            small.append(False)
            low.append(None)
        text.append(layout.line_text(x, heading))
        small.append(layout.small(x))
        low.append(min((g.bottom for g in x if g.char.strip()), default=None))
        was_heading = heading
    return _notes_home(text, small, low)


def _notes_home(text: list[str], small: list[bool], low: list[float | None]) -> list[str]:
    """The page's lines with its footnotes moved to the end of the article that carries their mark.

    A footnote is set smaller than the body, below every line of it (the page's foot), and starts with its
    mark (① or [1]), which stands inside a line of the page. Where a headline comes between the mark and the
    notes, they belong to the article before it, not to the one that goes on to the foot of the page
    (湄潭's 考核 report: ①考核对象包括15个镇… was read as the next story's first lines, its figures that
    story's); a two-column page may give the notes before its columns (林州: after the article above them).

    >>> lines = ["开展了综合考核①。", "", "“茶书记”的致富经", "走进龙凤村。", "①考核对象包括15个镇。", "— 2 —"]
    >>> _notes_home(lines, [False, False, False, False, True, True], [300, None, 260, 230, 90, 60])
    ['开展了综合考核①。', '①考核对象包括15个镇。', '', '“茶书记”的致富经', '走进龙凤村。', '— 2 —']
    """
    body = [
        b for t, s, b in zip(text, small, low, strict=True) if b is not None and not s and not _page_mark(t)
    ]
    foot = min(body, default=None)
    first = next(
        (
            k
            for k, (t, s, b) in enumerate(zip(text, small, low, strict=True))
            if s and b is not None and (foot is None or b < foot) and _NOTE.match(t)
        ),
        None,
    )
    if first is None:
        return text
    end = first + 1
    while end < len(text) and small[end] and text[end].strip() and not _page_mark(text[end]):
        end += 1
    mark = _NOTE.match(text[first]).group(1)
    notes, rest = text[first:end], text[:first] + text[end:]
    at = next((k for k in range(len(rest) - 1, -1, -1) if mark in rest[k].strip()[1:]), None)
    if at is None:
        return text
    gap = next((k for k in range(at + 1, len(rest)) if not rest[k].strip()), None)
    if gap is None:  # the marked article goes on to the foot: its notes close the page's text
        gap = len(rest)
        while gap > at + 1 and (not rest[gap - 1].strip() or _page_mark(rest[gap - 1])):
            gap -= 1
    return rest[:gap] + notes + rest[gap:]


def _page_mark(line: str) -> bool:
    """A page number alone on its line: the marks the read stage drops (— 2 —, 第2页), or a bare number."""
    return line.strip().isdigit() or bool(PAGE_MARK.match(line))


def _cjk(g: Glyph) -> bool:
    return "\u3400" <= g.char <= "\u9fff"


@dataclass(frozen=True)
class Layout:
    """What a page's body text looks like: the size of its characters (their advance, one em) and the left
    edge its lines start at. Against it a line reads as a headline (set larger: 方正小标宋 22 pt over a
    16 pt body), a paragraph's first line (indented two characters: given as 　　, as a typed text has it),
    or a row whose cells stand apart (a table without rules: cells parted by a tab, as a Word table's)."""

    em: float
    margin: float

    @classmethod
    def of(cls, lines: list[list[Glyph]]) -> Layout:
        widths = Counter(round(g.right - g.left) for line in lines for g in line if _cjk(g))
        if not widths:
            return cls(0.0, 0.0)
        em = float(widths.most_common(1)[0][0])
        starts = Counter(
            round(first.left)
            for line in lines
            for first in [next((g for g in line if g.char.strip()), None)]
            if first is not None and len(line) >= 10 and abs(_size(line) - em) < 0.15 * em
        )
        return cls(em, float(starts.most_common(1)[0][0]) if starts else 0.0)

    def heading(self, line: list[Glyph]) -> bool:
        return self.em > 0 and _size(line) >= _HEADING_SIZE * self.em

    def small(self, line: list[Glyph]) -> bool:
        """Set smaller than the body (a footnote, a distribution list): 9.5 pt under a 12 pt body."""
        size = _size(line)
        return self.em > 0 and 0 < size <= _SMALL_SIZE * self.em

    def line_text(self, line: list[Glyph], heading: bool) -> str:
        """The line's text; `heading`: self.heading(line), known to the caller."""
        text = _line_text(line, gap=_CELL_GAP * self.em if self.em else None)
        first = next((g for g in line if g.char.strip()), None)
        if first is None or not self.margin or text[:1].isspace():
            return text
        indent = (first.left - self.margin) / self.em
        if _INDENT[0] <= indent <= _INDENT[1] and not heading:
            return "\u3000\u3000" + text
        return text


# a line whose characters are this much larger than the body's is a headline (17 pt over 15 is one)
_HEADING_SIZE = 1.1
_INDENT = (1.5, 2.6)  # ems right of the margin: a paragraph's first line
_CELL_GAP = 1.6  # ems of empty space between two characters of a line: apart cells of a table
_SMALL_SIZE = 0.9  # a line whose characters are at most this share of the body's may be a footnote
_NOTE = re.compile(r"\s*(?:注[:：]?)?([\u2460-\u2473]|\[\d{1,2}\]|〔\d{1,2}〕)")  # a footnote's mark, first


def _size(line: list[Glyph]) -> float:
    """The median advance of a line's Chinese characters (its font size), else 0."""
    widths = sorted(g.right - g.left for g in line if _cjk(g))
    return widths[len(widths) // 2] if widths else 0.0


def _line_text(line: list[Glyph], gap: float | None = None) -> str:
    """The line's characters left to right; where `gap` is given, a tab for each empty stretch at least
    that wide between two characters (the spaces in it dropped)."""
    late = _drawn_late(line)
    order = sorted(range(len(line)), key=lambda i: line[i].centre) if late else list(range(len(line)))
    kept: list[str] = []
    last: Glyph | None = None
    spaced = False  # a kept space since the last character (a placeholder beside a late one is no space)
    for k, i in enumerate(order):
        g = line[i]
        if not g.char.strip():
            if late and _beside_late(order, k, line, late):
                continue  # the gap left for a character drawn over it
            if gap is None:
                kept.append(g.char)
            spaced = True
            continue
        if last is not None and gap is not None:
            if g.left - last.right >= gap:
                kept.append("\t")
            elif spaced:
                kept.append(" ")  # a space's own width is short of a cell's gap: one space
        kept.append(g.char)
        last, spaced = g, False
    return "".join(kept)


def _drawn_late(line: list[Glyph]) -> set[int]:
    """Indexes of characters that lie left of one drawn before them (spaces do not count)."""
    late, furthest = set(), float("-inf")
    for i, g in enumerate(line):
        if not g.char.strip():
            continue
        if g.centre < furthest - _BACK:
            late.add(i)
        furthest = max(furthest, g.centre)
    return late


def _beside_late(order: list[int], k: int, line: list[Glyph], late: set[int]) -> bool:
    left = next((j for j in reversed(order[:k]) if line[j].char.strip()), None)
    right = next((j for j in order[k + 1 :] if line[j].char.strip()), None)
    return left in late or right in late
