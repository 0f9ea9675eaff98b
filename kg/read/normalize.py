"""Undo PDF-conversion artefacts while keeping a map back to the source.

What it does (each step a MappedText rewrite, so offsets compose):
- page markers alone on a line (— 2 —, -2-, 第 2 页, 第2页 共5页) are dropped, so the two halves of a
  paragraph (or a word) broken across a page meet again;
- Markdown debris: heading hashes, list bullets, rules (---); **bold** (within a paragraph) becomes a
  recorded span;
- converter pinyin after a character: 社區(qū) -> 社區; traditional -> simplified (OpenCC t2s);
- full-width letters/digits -> ASCII; half-width Chinese punctuation -> full-width; "…" -> “…”;
- spaces inside Chinese text and between numbers and Chinese removed; a number the conversion broken
  apart between Chinese text (4 86 名) joined again.
Line breaks are kept: the splitter needs line structure; `flatten` joins soft breaks later.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from kg.lazyre import lazy
from kg.read.mapped import MappedText

BOLD_OPEN, BOLD_CLOSE = "\ue000", "\ue001"

CJK = r"\u3400-\u9fff\uf900-\ufaff"
CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014"
_WIDE = f"[{CJK}{CJK_PUNCT}]"

# Patterns are compiled on first use (kg.lazyre): their Chinese ranges make compiling all of them ~25 ms of
# every process that shows a quote, and most quotes need few of them. A rewrite runs only when the text
# holds a character its pattern cannot match without (`_NEEDS`), which leaves the output as it was.
PAGE_MARK = lazy(
    r"(?m)^[ \t\u3000]*(?:[—–―‒─−﹣\-－·•]{1,2}[ \t\u3000]*[0-9０-９]{1,3}[ \t\u3000]*[—–―‒─−﹣\-－·•]{1,2}"
    r"|第[ \t\u3000]*[0-9０-９]{1,3}[ \t\u3000]*页(?:[ \t\u3000]*[，,/／]?[ \t\u3000]*共[ \t\u3000]*[0-9０-９]{1,3}[ \t\u3000]*页)?)"
    r"[ \t\u3000]*$"
)
# a PDF's running header between pages: the bulletin's name and issue alone on a line (常德组工信息　2022 年第 15
# 期, 宁海组工·2023年第5期), below the masthead (the same line at the top of the file is the masthead and stays)
_RUNNING_HEADER = lazy(
    r"(?m)^[ \t\u3000]*[^\n。，；：！？]{2,24}?[ \t\u3000·•・|｜丨]+(?:[0-9]{4}[ \t]*年[ \t]*)?第[ \t]*[0-9]{1,3}[ \t]*期"
    r"[ \t\u3000]*$"
)
# a running header or footer that prints a label beside the page number, before or after it (内部资料　注意保存
# — 2 —, — 2 —　内部资料 注意保存); digits full-width too (－　２　－: a Word export's footer copied as text)
_LABELLED_PAGE_MARK = lazy(
    r"(?m)^[ \t\u3000]*(?:[^\n。，；：！？0-9０-９—–―‒─−﹣\-－]{2,16}?[ \t\u3000]*[—–―‒─−﹣\-－]{1,2}[ \t\u3000]*[0-9０-９]{1,3}"
    r"[ \t\u3000]*[—–―‒─−﹣\-－]{1,2}"
    r"|[—–―‒─−﹣\-－]{1,2}[ \t\u3000]*[0-9０-９]{1,3}[ \t\u3000]*[—–―‒─−﹣\-－]{1,2}[ \t\u3000]+"
    r"[^\n。，；：！？0-9０-９—–―‒─−﹣\-－]{2,16}?)[ \t\u3000]*$"
)
_MASTHEAD_REACH = 300  # characters at the top of a file where such a line is its masthead
_PAGE = "\ue000"  # where a page mark or running header stood, until the page break is closed up
_PAGE_BREAK = lazy(r"\n(?:[ \t\u3000]*\n)*(?:[ \t\u3000]*\ue000[ \t\u3000]*\n(?:[ \t\u3000]*\n)*)+")
_PAGE_LEFT = re.compile(_PAGE)  # a mark no page break took with it
_SENTENCE_ENDS = "。！？；：”」）"


# the line a page opens with (after its page break): a running header when every page repeats it, or when
# it names the bulletin or its editor (组工信息　　仪陇县委组织部编) even on a second page alone
_AFTER_PAGE = lazy("\ue000[ \t\u3000]*\n(?:[ \t\u3000]*\n)*([^\n]{2,40})(?=\n)")
# the line just above a page mark: a header the page printed in its top margin, read out before its page
# number from the bottom margin (内部资料 注意保存 / — 2 — / the page's text): such a line repeats on every page
_BEFORE_PAGE = lazy("(?m)^([^\n\ue000]{2,40})\n(?:[ \t\u3000]*\n)*[ \t\u3000]*\ue000")
_HEADER_WORDS = lazy(r"(?:编|编印|主办)$|组工(?:信息|简报|通讯|动态)")
_SENTENCE_MARK = lazy(r"[。，；！？]")


def _running_headers(m: MappedText, furniture) -> MappedText:
    seen = Counter(x.group(1).strip() for x in _AFTER_PAGE.finditer(m.text))
    above = Counter(x.group(1).strip() for x in _BEFORE_PAGE.finditer(m.text))
    heads = {
        h
        for h, n in seen.items()
        if h and not _SENTENCE_MARK.search(h) and (n >= 2 or _HEADER_WORDS.search(h))
    } | {h for h, n in above.items() if h and not _SENTENCE_MARK.search(h) and n >= 2}
    if not heads:
        return m
    line = re.compile(r"(?m)^[ \t\u3000]*(?:" + "|".join(map(re.escape, heads)) + r")[ \t\u3000]*$")
    return m.rewrite(line, furniture)


def _unless_masthead(x: re.Match[str]) -> str:
    """A running header's line out, unless it is the masthead: near the top of the file and not the first
    line of a later page (not of the first, whose page number a PDF may print first; a short first page puts page 2's header within reach of the top)."""
    if x.start() > _MASTHEAD_REACH:
        return _PAGE
    before = x.string[: x.start()].rstrip(" \t\u3000\n")
    return _PAGE if before.endswith(_PAGE) and before[:-1].strip(" \t\u3000\n" + _PAGE) else x.group(0)


# a picture's caption under its picture (WeChat: ▲ 年轻干部在某镇开展入户走访（资料图）): the marker points up
# at the picture. ▲ also opens an item in some bulletins (▲某县：标题), so a line counts as a caption only when
# it says so (图为, 资料图, 供图, 摄) or sits inside a list whose items around it open with the same mark. The
# caption stays with the article above it (its places are that article's), joined to the paragraph before
# it without its mark, so it opens neither an item nor an article
_CAPTION_LINE = lazy(r"\n(?:[ \t\u3000]*\n)*[ \t\u3000]*[▲↑][ \t\u3000]*([^\n]*)(?=\n|$)")
# a WeChat post's item number alone on its line (01, 02 …) over each headline
_ITEM_NUMBER_LINE = lazy(r"(?m)^[ \t\u3000]*0[1-9][ \t\u3000]*$")
_PICTURE_WORDS = lazy(r"图为|资料图|供图|摄影?[）)]?$|图片")


def _captions(m: MappedText) -> MappedText:
    text = m.text
    numbered = len(_ITEM_NUMBER_LINE.findall(text)) >= 2

    def caption(x: re.Match[str]) -> str:
        line = x.group(1).strip()
        if _PICTURE_WORDS.search(line):
            return line
        before = text[: x.start()].rstrip().rsplit("\n", 1)[-1].strip()
        after = text[x.end() :].lstrip().split("\n", 1)[0].strip()
        mark = before[:1]
        plain = len(line) <= 45 and not re.search(r"[：:。；]", line)
        if plain and mark and not mark.isalnum() and mark not in "“（(《" and after[:1] == mark:
            return line
        if plain and numbered and x.group(0).lstrip(" \t\u3000\n").startswith("▲"):
            return line  # a post whose items are numbered (01, 02 …) marks no item with ▲: a caption
        return x.group(0)

    return m.rewrite(_CAPTION_LINE, caption)


def _always_page(x: re.Match[str]) -> str:
    """A running header's line out (a part of a text, a quote, holds no masthead)."""
    return _PAGE


def _join_pages(m: MappedText, part: bool = False) -> MappedText:
    """Page marks and running headers dropped, and the blank lines of their page break closed up: to one line
    break inside a sentence the break cut (…建立“一名导师帮带、一 / — 1 — / 本手册纪实…), to a paragraph
    break after a sentence's end."""
    furniture = _always_page if part else _unless_masthead
    if _may("page", m.text):
        m = m.rewrite(PAGE_MARK, _PAGE)
    if "期" in m.text:
        m = m.rewrite(_RUNNING_HEADER, furniture)
    if _may("page", m.text):  # (at the top a masthead line keeps its words; its page number goes)
        m = m.rewrite(_LABELLED_PAGE_MARK, furniture)
    if _PAGE in m.text:
        m = _running_headers(m, furniture)
    if _PAGE not in m.text:
        return m

    def close(x: re.Match[str]) -> str:
        i = x.start() - 1  # the last character before the break (spaces aside): no copy of the text before
        while i >= 0 and x.string[i] in " \t\u3000":
            i -= 1
        return "\n\n" if i < 0 or x.string[i] in _SENTENCE_ENDS else "\n"

    m = m.rewrite(_PAGE_BREAK, close)
    return m.rewrite(_PAGE_LEFT, "")


# (a line that is a #topic# is a WeChat-style heading: _HASH_HEADING, not a Markdown one)
_MD_LINE = (
    r"^[ \t\u3000]*(?:#{1,6}(?![^#\n]{2,30}#[ \t\u3000]*$)[ \t]*|[-*+•][ \t]+(?=\S)|>[ \t]*)"  # (multiline)
)
_MD_RULE = r"^[ \t]*(?:-{3,}|\*{3,}|_{3,}|={3,})[ \t]*$"  # (multiline)
_MD_DEBRIS = lazy(f"{_MD_RULE}|{_MD_LINE}", re.M)
# a heading between hashes on a line of its own (#拓宽选人渠道#): its words, a heading on its own line
_HASH_HEADING = lazy(r"^[ \t\u3000]*#([^#\n]{2,30})#[ \t\u3000]*$", re.M)
# a notes system's export: its metadata block (title:, author:, tags:) between --- lines at the top
_FRONT_MATTER = lazy(
    r"\A\ufeff?---[ \t]*\n(?:(?:[A-Za-z_][\w\-]*[ \t]*:[^\n]*|[ \t]+[^\n]*|[ \t]*)\n){1,60}?---[ \t]*(?:\n|\Z)"
)
# a picture (![说明](assets/a.jpg)) goes; a link keeps its words ([沂南县：…](#沂南县) -> 沂南县：…), but a
# line that is only a link to the page's source ([原文](http://…), [阅读原文](…)) is the page's furniture
_MD_IMAGE = lazy(r"!\[[^\]\n]*\]\([^()\n]*\)[ \t]*")
_MD_SOURCE_LINK = lazy(
    r"^[ \t]*\[(?:阅读原文|查看原文|原文链接|原文|原文地址|来源链接|查看详情|点击查看|详情)\]\([^()\n]*\)[ \t]*$",
    re.M,
)
_MD_LINK_OPEN = lazy(r"\[(?=[^\[\]\n]{1,80}\]\((?:#|https?:|/|\.)[^()\n]*\))")
_MD_LINK_CLOSE = lazy(r"\]\((?:#|https?:|/|\.)[^()\n]*\)")
# a pipe table: the alignment row goes, the cells are parted by tabs like a Word or web table's
_MD_TABLE_RULE = lazy(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*(?:\n|\Z)", re.M)
_MD_TABLE_ROW = lazy(r"^[ \t]*\|[^\n]*\|[ \t]*$", re.M)


def _table_row(m: re.Match[str]) -> str:
    """| a | b | -> ' a \t b  ' (the same length, so every cell keeps its offsets)."""
    row = m.group(0)
    first, last = row.index("|"), row.rindex("|")
    inner = row[first + 1 : last].replace("|", "\t")
    return row[:first] + " " + inner + " " + row[last + 1 :]


def _markdown(m: MappedText) -> MappedText:
    """Front matter, pictures, links and pipe tables of a Markdown file (see the patterns above)."""
    if m.text.startswith(("---", "\ufeff---")):
        m = m.rewrite(_FRONT_MATTER, "")
    if "](" in m.text:
        m = m.rewrite(_MD_IMAGE, "")
        m = m.rewrite(_MD_SOURCE_LINK, "")
        m = m.rewrite(_MD_LINK_OPEN, "")
        m = m.rewrite(_MD_LINK_CLOSE, "")
    if "|" in m.text:
        m = m.rewrite(_MD_TABLE_RULE, "")
        m = m.rewrite(_MD_TABLE_ROW, _table_row)
    return m


# a table drawn with box characters (a text copy of a Word table): its borders go, its cells are parted
# by tabs like a Word table's (the row keeps its length, so every cell keeps its offsets)
_BOX_CHARS = "─━┄┅┈┉═┌┍┎┏┐┑┒┓└┕┖┗┘┙┚┛├┝┞┟┠┡┢┣┤┥┦┧┨┩┪┫┬┭┮┯┰┱┲┳┴┵┶┷┸┹┺┻┼┽┾┿╀╁╂╃╄╅╆╇╈╉╊╋╔╗╚╝╠╣╦╩╬│┃║"
# a border line opens with a box character (a line of spaces or dashes alone is no border)
_BOX_BORDER = lazy(rf"^[ \t\u3000]*[{_BOX_CHARS}][{_BOX_CHARS} \t\u3000+\-]*(?:\n|\Z)", re.M)
_BOX_ROW = lazy(r"^[^\n]*[│┃║][^\n]*[│┃║][^\n]*$", re.M)


def _box_row(m: re.Match[str]) -> str:
    """│ a │ b │ -> ' a \t b ' (an edge is no cell boundary)."""
    row = m.group(0)
    inner = row.strip(" \t\u3000")
    lead = len(row) - len(row.lstrip(" \t\u3000"))
    if inner[:1] in "│┃║":
        row = row[:lead] + " " + row[lead + 1 :]
    if inner[-1:] in "│┃║":
        end = lead + len(inner) - 1
        row = row[:end] + " " + row[end + 1 :]
    return row.translate(_BOX_CELL)


_BOX_CELL = str.maketrans({"│": "\t", "┃": "\t", "║": "\t"})


def _box_table(m: MappedText) -> MappedText:
    m = m.rewrite(_BOX_BORDER, "")
    return m.rewrite(_BOX_ROW, _box_row)


# a table laid out with spaces (pdftotext -layout, a text copy of a printed page): three or more lines in a
# row, each with the same number (two or more) of cells parted by runs of three or more spaces; those runs
# become tabs like a Word table's. A paragraph's wrapped lines have no such runs, a centred title only leads.
_SPACE_GAP = lazy(r"(?<=[^ \t\u3000\n])(?: {3,}|\u3000{2,})(?=[^ \t\u3000\n])")
# two spaces part cells only in rows of figures after a name (定城镇  14  30), and in the heading row just
# above such rows (镇  驻村第一书记（名）  驻村工作队员（名）): prose has no such rows
_NARROW_GAP = lazy(r"(?<=[^ \t\u3000\n])(?: {2,}|\u3000{2,})(?=[^ \t\u3000\n])")
_FIGURE_CELL = lazy(r"[ \u3000]*[-—–]?[0-9][0-9.,，]*[ \u3000]*[%‰]?[ \u3000]*|[ \u3000]*[—–\-/／][ \u3000]*")
_MIN_SPACED_ROWS = 3


def _row_shape(line: str) -> tuple[int, bool, bool]:
    """(cells, narrow, figures) of one line: its cells parted by wide gaps, else by two spaces (narrow),
    and whether the cells after the first are all figures; (0, False, False) for a blank line."""
    if not line.strip():
        return 0, False, False
    wide = len(_SPACE_GAP.findall(line)) + 1
    if wide >= 2:
        return wide, False, False
    cells = _NARROW_GAP.split(line.strip(" \t\u3000\r"))
    figures = len(cells) >= 2 and all(_FIGURE_CELL.fullmatch(c) for c in cells[1:])
    return len(cells), len(cells) >= 2, figures


def _spaced_rows(text: str) -> list[tuple[int, int, bool]]:
    """The (start, end, narrow) spans of the blocks of space-aligned table rows in `text`. Blank lines
    inside a block (a page turned between its rows) do not end it."""
    blocks: list[tuple[int, int, bool]] = []
    run: list[tuple[int, int, int]] = []  # (start, end, cells) of the lines in the current run
    narrow_run = False
    heading: tuple[int, int, int] | None = None  # a line of narrow cells that are not all figures
    pos = 0

    def close() -> None:
        if len(run) >= _MIN_SPACED_ROWS:
            blocks.append((run[0][0], run[-1][1], narrow_run))
        run.clear()

    for line in text.split("\n"):
        cells, narrow, figures = _row_shape(line)
        if cells == 0:
            pos += len(line) + 1
            continue  # (a blank line: the run goes on if the next row has its shape)
        row = cells >= 2 and (not narrow or figures)
        if run and (run[-1][2] != cells or narrow != narrow_run or not row):
            close()
        if row:
            if not run:
                narrow_run = narrow
                if narrow and heading is not None and heading[2] == cells:
                    run.append(heading)  # the heading row over the figures
            run.append((pos, pos + len(line), cells))
            heading = None
        else:
            heading = (pos, pos + len(line), cells) if narrow else None
        pos += len(line) + 1
    close()
    return blocks


def _spaced_table(m: MappedText) -> MappedText:
    blocks = _spaced_rows(m.text)
    if not blocks:
        return m

    def gap(x: re.Match[str]) -> str:
        block = next((b for b in blocks if b[0] <= x.start() < b[1]), None)
        wide = len(x.group(0)) >= 3 or x.group(0).startswith("\u3000")
        return "\t" if block is not None and (block[2] or wide) else x.group(0)

    return m.rewrite(_NARROW_GAP, gap)


_BOLD = lazy(r"\*\*(?=\S)((?:[^\n]|\n(?![ \t\u3000]*\n))+?)(?<=\S)\*\*")  # never across a blank line
_PINYIN = rf"(?<=[{CJK}])(?:[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{{1,6}}[)）])+"  # 龙(long)(long)墩村
_STRAY = lazy(r"\*\*|" + _PINYIN)
# a comma left before another mark by a page's converter (提高,。 / 30来,, / 选拔,、): the other mark stands
_COMMA_BEFORE_MARK = lazy("，+(?=[，。、；！？])")
_FULLWIDTH_ALNUM = {c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH_ALNUM.update({c: chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH_ALNUM.update({c: chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH_ALNUM.update({ord("％"): "%", ord("＋"): "+", ord("．"): ".", ord("\u00a0"): " "})
_FULLWIDTH_CHAR = lazy("[" + "".join(map(chr, sorted(_FULLWIDTH_ALNUM))) + "]")
_HALF_PUNCT = lazy(
    r"(?<![0-9]):(?![0-9])|(?<![0-9]),(?![0-9]{3})|[;?!()]"
    # a half-width full stop ending a Chinese sentence (户均增收.对…): never a decimal point or a domain
    r"|(?<=[\u4e00-\u9fff）)”\"])\.(?=[\u4e00-\u9fff“\"（(]|[ \t]*(?:\n|$))"
)
# a "?" inside a Chinese word (甘肃日?报, 关?心) is a character the page's encoding lost (a zero-width or
# other character outside GBK), not a question: dropped, so it neither ends a sentence nor cuts a title.
# Only where the text writes its own punctuation full-width: a page in half-width marks (怎么办?我们…)
# asks questions with "?".
_LOST_CHAR = lazy(r"(?<=[\u4e00-\u9fff])\?(?=[\u4e00-\u9fff])")
_HALF_MARK_IN_CJK = lazy(r"(?<=[\u4e00-\u9fff])[,;!:](?=[\u4e00-\u9fff])")
_TO_FULL = {":": "：", ",": "，", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_SPACE_IN_CJK = (
    rf"(?<={_WIDE})[ \t\u3000]+(?={_WIDE}|[0-9A-Za-z%]|{BOLD_OPEN}|{BOLD_CLOSE})"
    rf"|(?<=[0-9A-Za-z%])[ \t\u3000]+(?={_WIDE})"
    rf"|(?<=[{BOLD_OPEN}{BOLD_CLOSE}])[ \t\u3000]+(?={_WIDE})"
)
# a number broken by the conversion (4 86 名, 2 300 余名) between Chinese text: one number again. Groups of
# up to three digits after the first, so years and lists (2023 2024) never join.
_SPLIT_NUMBER = lazy(rf"(?<={_WIDE})[0-9]+(?:[ ]+[0-9]{{1,3}})+(?={_WIDE})")  # a tab parts cells
_TRAIL_SPACE = r"[ \t\u3000]+$|^[ \t\u3000]+"  # (multiline)
_SPACES = lazy(f"{_TRAIL_SPACE}|{_SPACE_IN_CJK}", re.M)
_CELL_EDGE = frozenset("、，。；：！？,;:!?\n\t")  # a tab after 一、 or before ， is only a space


def _space(m: re.Match[str]) -> str:
    """Spaces between Chinese characters are conversion debris; a tab between two cells of a row
    (北林区<TAB>392, from a Word or web table or a table copied as text) stays, one tab, so a figure keeps
    its column's header and its row's name apart from the next cell's."""
    if "\t" not in m.group(0):
        return ""
    s, e, text = m.start(), m.end(), m.string
    if s == 0 or e == len(text) or text[s - 1] in _CELL_EDGE or text[e] in _CELL_EDGE:
        return ""
    return "\t"


# a forum's anti-copy jammer: runs of one- and two-character ASCII scraps (`+ S/ i$ M7 P2 z0 W$`), on a
# line of their own or at either end of one; a run is debris only when two of its scraps hold a symbol
_JAMMER = lazy(
    rf"(?:^[ \t]*|[ \t]+|(?<=[。！？；”]))(?:[!-~]{{1,2}}[ \t]+){{4,}}[!-~]{{1,2}}(?:[ \t]*$|[ \t]+(?=[{CJK}]))",
    re.M,
)
_SYMBOL = re.compile(r"[^0-9A-Za-z]")


def _jammer(m: re.Match[str]) -> str:
    scraps = m.group(0).split()
    return "" if sum(1 for s in scraps if _SYMBOL.search(s)) >= 2 else m.group(0)


_LINE_BREAKS = lazy(r"\r\n?|\f|\v|\u2028|\u2029")
# every match of a pattern holds one of these characters
_NEEDS = {
    "page": "0123456789０１２３４５６７８９",
    "markdown": "-*_=#+•>[",
    "stray": "*(（",
    "half": ":,;?!().",
    "space": " \t\u3000",
    "breaks": "\r\f\v\u2028\u2029",
}


def _may(kind: str, text: str) -> bool:
    return any(ch in text for ch in _NEEDS[kind])  # a few C scans (a set walk is 10x slower)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


_CJK_CHAR = lazy(r"[\u4e00-\u9fff]")
# standard simplified characters the converter turns into others, kept: place names hold them (乾安县,
# 乾县, 乾佑街道), and a converted name is a place the gazetteer does not know
_KEEP = "乾"
_TRADITIONAL_SHARE = 0.05


@lru_cache(maxsize=4096)
def _simplified_char(ch: str) -> bool:
    """A character of GB 2312, the simplified standard set (乾, 著 are; 縣, 幹, 轉 are not)."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True  # a page in traditional script changes a fifth of its characters or more


def _to_simplified(m: MappedText) -> MappedText:
    """A text in traditional script, in simplified. In a simplified text only traditional characters
    change: the converter also maps characters that simplified writing keeps in names (乾佑街道 -> 干佑,
    乾县 -> 干县)."""
    cc = _t2s()
    conv = cc.convert(m.text)
    if conv == m.text:
        return m
    if len(conv) != len(m.text):  # a phrase conversion changed the length: character by character
        conv = "".join(c if len(c := cc.convert(ch)) == 1 else ch for ch in m.text)
    changed = sum(a != b for a, b in zip(m.text, conv, strict=True))
    if changed >= _TRADITIONAL_SHARE * len(_CJK_CHAR.findall(m.text)):
        keep = _KEEP.__contains__  # a page in traditional script: all of it, but for 乾
    else:
        keep = _simplified_char  # a simplified text with a few traditional words (【轉載】)
    return MappedText(
        "".join(a if a != b and keep(a) else b for a, b in zip(m.text, conv, strict=True)), m.offsets
    )


_QUOTE_EVENTS = lazy(r'["“”]|(?<=[。！？；：…])\n')


def _curly_quotes(m: MappedText) -> MappedText:
    """Straight double quotes alternate open/close; curly ones and finished lines resync the state."""
    if '"' not in m.text:
        return m
    out = list(m.text)
    is_open = True
    for ev in _QUOTE_EVENTS.finditer(m.text):
        ch, i = ev.group(0), ev.start()
        if ch == '"':
            out[i] = "“" if is_open else "”"
            is_open = not is_open
        elif ch == "“":
            is_open = False
        else:  # ” or a line ending a sentence closes any stray quote
            is_open = True
    return MappedText("".join(out), m.offsets)


def normalize(source: str, *, part: bool = False) -> tuple[MappedText, tuple[tuple[int, int], ...]]:
    """Return the normalised text (with offsets into `source`) and the bold spans in it. `part`: the
    source is a part of a document (a practice's quote), whose top is no masthead: a running header
    there is dropped like any other."""
    m = MappedText.identity(source)
    if _may("breaks", m.text):
        m = m.rewrite(_LINE_BREAKS, "\n")
    if _may("space", m.text):
        m = m.rewrite(_JAMMER, _jammer)  # before half-width punctuation turns its scraps into text
    if _may("page", m.text) or "期" in m.text:
        m = _join_pages(m, part)
    if "▲" in m.text or "↑" in m.text:
        m = _captions(m)
    if _may("markdown", m.text):
        m = _markdown(m)
        m = m.rewrite(_MD_DEBRIS, "")
        if "#" in m.text:
            m = m.wrap(_HASH_HEADING, "", "")  # (the words keep their offsets)
    if "│" in m.text or "┃" in m.text or "║" in m.text:
        m = _box_table(m)
    if "  " in m.text:
        m = _spaced_table(m)
    if "**" in m.text:
        m = m.wrap(_BOLD, BOLD_OPEN, BOLD_CLOSE)
    if _may("stray", m.text):
        m = m.rewrite(_STRAY, "")  # unmatched ** markers and converter pinyin are debris
    m = _to_simplified(m)
    if _FULLWIDTH_CHAR.search(m.text):  # str.translate with a dict walks every character in Python
        m = MappedText(_FULLWIDTH_CHAR.sub(lambda x: _FULLWIDTH_ALNUM[ord(x.group(0))], m.text), m.offsets)
    if "?" in m.text and _LOST_CHAR.search(m.text) and not _HALF_MARK_IN_CJK.search(m.text):
        m = m.rewrite(_LOST_CHAR, "")
    if _may("half", m.text):
        m = MappedText(_HALF_PUNCT.sub(lambda x: _TO_FULL[x.group(0)], m.text), m.offsets)  # same length
    m = _curly_quotes(m)
    if "，" in m.text:
        m = m.rewrite(_COMMA_BEFORE_MARK, "")
    if _may("space", m.text):
        m = m.rewrite(_SPACES, _space)
        m = m.rewrite(_SPLIT_NUMBER, lambda x: re.sub(r"[ \t]+", "", x.group(0)))
    return _take_bold(m)


_SENTINEL = re.compile(f"[{BOLD_OPEN}{BOLD_CLOSE}]")


def _take_bold(m: MappedText) -> tuple[MappedText, tuple[tuple[int, int], ...]]:
    if BOLD_OPEN not in m.text:
        return m, ()
    spans: list[tuple[int, int]] = []
    start = None
    for removed, mark in enumerate(_SENTINEL.finditer(m.text)):
        pos = mark.start() - removed  # position once the sentinels before it are gone
        if mark.group(0) == BOLD_OPEN:
            start = pos
        elif start is not None:
            spans.append((start, pos))
            start = None
    return m.rewrite(_SENTINEL, ""), tuple(spans)


_SOFT_BREAK = re.compile(r"[ \t]*\n+[ \t]*")


def flatten(m: MappedText) -> MappedText:
    """Join all line breaks (for analysis text of one article or practice), except those around the rows
    of a table (cells apart by tabs), which stay one line each.

    >>> flatten(MappedText.identity("“剖\\n\\n析”干部")).text
    '“剖析”干部'
    >>> flatten(MappedText.identity("情况\\n如下：\\n县\\t人数\\n北林区\\t392\\n此外")).text
    '情况如下：\\n县\\t人数\\n北林区\\t392\\n此外'
    """
    return m.rewrite(_SOFT_BREAK, _soft_break if _hard_breaks(m.text) else "")


def flat_text(text: str) -> str:
    """`flatten` without the offset map, for when only the text is needed."""
    return _SOFT_BREAK.sub(_soft_break if _hard_breaks(text) else "", text)


def _hard_breaks(text: str) -> bool:
    """Whether some line break of the text may have to stay (a table's, a tag line's)."""
    return "\t" in text or "】\n" in text


# a line that is a bracketed tag alone (【数说】 over its figures): no sentence runs on from it
_TAG_LINE = re.compile(r"[【〖\[][^】〗\]\n]{1,10}[】〗\]]")


def _soft_break(m: re.Match[str]) -> str:
    text, s, e = m.string, m.start(), m.end()
    before = text[text.rfind("\n", 0, s) + 1 : s]
    after = text[e : (text.find("\n", e) + 1 or len(text) + 1) - 1]
    tag = _TAG_LINE.fullmatch(before.strip()) is not None
    return "\n" if tag or "\t" in before or "\t" in after else ""
