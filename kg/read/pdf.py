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

from dataclasses import dataclass

from kg.errors import InputError
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
    joined = [lines[0]]
    for line in lines[1:]:
        if _continues(joined[-1], line):
            joined[-1] = joined[-1] + line
        else:
            joined.append(line)
    return joined


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
    where its first line was."""
    out: list[str | int] = []  # a line's text, or the number of the table that goes there
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
            out.append(_line_text(rest))
    return [x if isinstance(x, str) else "\n".join(table_rows(grids[x], inside[x])) for x in out]


def _line_text(line: list[Glyph]) -> str:
    late = _drawn_late(line)
    if not late:
        return "".join(g.char for g in line)
    order = sorted(range(len(line)), key=lambda i: line[i].centre)
    kept = []
    for k, i in enumerate(order):
        if not line[i].char.strip() and _beside_late(order, k, line, late):
            continue  # the gap left for a character drawn over it
        kept.append(line[i].char)
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
