"""Split a normalised bulletin into front matter, sections and articles.

Article starts are recognised by their own shape, not by position:
- an item line beginning with △ (▲ ◆ also seen in other bulletins);
- a speech: a headline followed by (or ending in) a party-committee byline, e.g. 中共太湖县委组织部.
The table of contents, the 领导批示 slot and the 报/送/发 footer are recognised and left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

ITEM_MARK = "△▲◆"

_SECTION_WORDS = r"(信息|参考|动态|经验|交流|之石|传真|视窗|聚焦|专题|摘编|发言|简讯|撷英|采风|声音)"
_SECTION = re.compile(
    rf"^[★☆■◆●◇【\[]*\s*([^\s，。：；△]{{2,30}}?{_SECTION_WORDS}[^\s，。：；]{{0,6}}?)\s*[】\]]*$"
)
_BYLINE = re.compile(r"(中共)?[\u4e00-\u9fff]{2,14}?(省|市|县|区|州|盟|旗)委(组织部|宣传部|党校|办公室)?")
_FOOTER = re.compile(r"^(报|送|发|抄报|抄送|印发|分送)\s*[：:]|^（共印\d+份）|^[（(]?共印")
_LEADER_SLOT = re.compile(r"领导批示\s*[：:]?\s*$")
_TOC_ENTRY = re.compile(r"(\.{3,}|…{2,}|\s)\s*[0-9]{1,3}$|[^0-9][0-9]{1,2}$")
_UNIT_TAIL = re.compile(r"[（(]([^（）()\n]{2,40}?)[）)]\s*$")
_UNIT_WORDS = re.compile(r"(组织部|纪委|监委|党校|党委|党工委|党组|委员会|办公室|研究室|局|中心|街道|政府)$")


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # without the newline
    text: str


def lines_of(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    end = len(text) if end is None else end
    parts = text[start:end].split("\n")
    if parts[-1] == "":
        parts.pop()  # the text ends with a line break (or is empty): no line after it
    out = []
    for raw in parts:
        out.append(Line(start, start + len(raw), raw))
        start += len(raw) + 1
    return out


def section_name(line: str) -> str | None:
    """Canonical section name of a heading line, or None.

    >>> section_name("★ 市内信息"), section_name("【全市一季度组织工作调度会交流发言材料摘编（二）】")
    ('市内信息', '交流发言')
    >>> section_name("市委组织部召开全市一季度组织工作调度会") is None
    True
    """
    s = line.strip()
    if len(s) > 40 or s.endswith(("。", "；", "，")):
        return None
    m = _SECTION.match(s)
    if not m:
        return None
    name = m.group(1)
    if "发言" in name or "经验交流" in name:
        return "交流发言"
    return name


def byline(line: str) -> tuple[int, str] | None:
    """(position, unit) of a party-committee byline ending the line.

    >>> byline("“三向”发力促规范选任质效双提升中共太湖县委组织部")
    (16, '中共太湖县委组织部')
    >>> byline("中共大观区委组织部")
    (0, '中共大观区委组织部')
    >>> byline("会议由县委") is None
    True
    """
    s = line.rstrip()
    if len(s) > 80 or any(p in s for p in "。，；"):
        return None
    start = s.rfind("中共")  # a byline inside a line starts at 中共; alone it may omit it
    if start < 0:
        start = 0
    m = _BYLINE.fullmatch(s, start)
    if not m or (m.group(1) is None and m.group(3) is None):  # bare 县委 is a word, not a byline
        return None
    return start, s[start:]


def is_footer(line: str) -> bool:
    return bool(_FOOTER.match(line.strip()))


def reporting_unit(text: str) -> tuple[int, str] | None:
    """The bracketed reporting unit ending an article: （岳西县委组织部）.

    >>> reporting_unit("……热情。\\n\\n（怀宁县委组织部）\\n")
    (7, '怀宁县委组织部')
    """
    m = _UNIT_TAIL.search(text)
    if not m or not _UNIT_WORDS.search(m.group(1)):
        return None
    return m.start(), m.group(1)


def body_start(text: str, lines: list[Line]) -> int:
    """Where the front matter (masthead, contents, 领导批示, 编者按) ends."""
    first_item = next(
        (ln.start for ln in lines if ln.text.lstrip()[:1] in ITEM_MARK and ln.text.strip()), None
    )
    slot = next((ln for ln in lines if _LEADER_SLOT.search(ln.text)), None)
    if slot is not None and (first_item is None or slot.start < first_item):
        return slot.end
    if first_item is not None:
        # No 领导批示 slot: the contents end at the last section heading before the first item.
        before = [ln for ln in lines if ln.start < first_item and section_name(ln.text)]
        seen: set[str] = set()
        for ln in before:
            name = section_name(ln.text)
            if name in seen:  # a section heading repeated: the body starts at its second use
                return ln.start
            seen.add(name or "")
        return first_item
    return 0


def iter_blocks(lines: list[Line]) -> Iterator[tuple[str, Line]]:
    """Classify body lines: ('section'|'item'|'byline'|'footer'|'text', line)."""
    for ln in lines:
        s = ln.text.strip()
        if not s:
            continue
        if is_footer(s):
            yield "footer", ln
        elif s[0] in ITEM_MARK:
            yield "item", ln
        elif section_name(s):
            yield "section", ln
        elif byline(s):
            yield "byline", ln
        else:
            yield "text", ln
