"""Figures in a table: rows of cells apart by tabs (a Word or web table, or one copied as text).

A cell's figure is counted by its row and its column: the row's first cell names what (北林区, 参训干部)
and the column's header names the measure or the period (储备人数（名）, 2023年上半年). A column header
may carry the unit the cells leave out (储备人数（名） over 392).

>>> rows = "县（市、区）\\t储备人数（名）\\t占比（%）\\n北林区\\t392\\t12.5\\n合计\\t3126\\t100"
>>> [(o.value, o.unit, o.label) for o in table_outcomes(rows, [])]
[(392.0, '名', '北林区储备人数'), (12.5, '%', '北林区占比'), (3126.0, '名', '合计储备人数'), (100.0, '%', '合计占比')]
>>> rows = "指标\\t2022年上半年\\t同比增幅\\n参训干部\\t860人次\\t30.9%"
>>> [(o.value, o.unit, o.label) for o in table_outcomes(rows, [])]
[(860.0, '人次', '2022年上半年参训干部'), (30.9, '%', '参训干部同比增幅')]
>>> rows = "乡镇\\t一季度村集体经济收入（万元）\\n梨树镇\\t126.4"
>>> [(o.value, o.unit, o.label, o.counted) for o in table_outcomes(rows, [])]
[(126.4, '万元', '梨树镇一季度村集体经济收入', '梨树镇一季度村集体经济收入')]
>>> rows = "类别\\t认定人数（名）\\t其中40岁以下（名）\\n乡村工匠\\t38\\t9\\n合计\\t150\\t55"
>>> [o.label for o in table_outcomes("首批乡土人才认定情况统计表\\n" + rows, [])]
['认定的乡村工匠', '认定的40岁以下乡村工匠', '认定的首批乡土人才合计', '认定的40岁以下首批乡土人才合计']
>>> rows = "类别\\t优秀\\t合计\\n领导班子（个）\\t19\\t62"
>>> [(o.value, o.unit, o.label) for o in table_outcomes(rows, [])]
[(19.0, '个', '领导班子优秀'), (62.0, '个', '领导班子合计')]
"""

from __future__ import annotations

import dataclasses
import re

from kg.extract.outcome_clause import MEASURE_WORDS, PERSON_HEAD
from kg.model import Outcome
from kg.split.layout import OPENING_YEAR

# the measure words the prose reader knows, and money in 万元/亿元 as a header gives it (金额（万元）)
_UNITS = "|".join(map(re.escape, sorted(["万元", "亿元", *MEASURE_WORDS], key=len, reverse=True)))
_VALUE = re.compile(
    rf"(?P<pre>近|约|超|逾)?(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)(?P<wan>万|亿)?(?P<q>余|多)?"
    rf"(?P<unit>{_UNITS})?(?P<q2>以上|左右)?"
)
# the unit a column's header gives its cells: 储备人数（名）, 金额(万元), 占比（%）, 人数/人
_HEADER_UNIT = re.compile(
    rf"\s*(?:[（(]\s*(?:单位[:：]\s*)?(?P<u>{_UNITS})\s*[)）]|[/／](?P<v>{_UNITS}))\s*$"
)
# a header whose own noun is a count and so gives its cells their unit: a measure word of two characters
# (参训人次, 培训场次) or a count of one (入库人数)
_COUNT_WORDS = "|".join(w for w in MEASURE_WORDS if len(w) == 2 and w[-1] in "次时")
_HEADER_NOUN = re.compile(rf"(?:({_COUNT_WORDS})|(人|户|个|件|项|次)数)$")
# a header that names a time or a stage rather than a measure: it reads before the row's name
_PERIOD = re.compile(
    r"(?:\d{4}年|上半年|下半年|季度|\d{1,2}月|[前后今去]年|年度|年初|年底|以前|以来|之前|之后)"
)


_PART_OF = re.compile(r"^其中[：:]?")


def table_outcomes(text: str, found: list[Outcome]) -> list[Outcome]:
    """`found` (the figures read as prose), with every figure inside a table labelled by its row and its
    column, and the bare numbers whose unit only the column's header gives added."""
    by_start = {o.start: o for o in found}
    out: dict[int, Outcome] = dict(by_start)
    for caption, header, rows in _tables(text):
        people = _caption_people(caption, header)
        first = 1 if _serial(header, rows) else 0  # a 序号 column: the row's name is in the next
        for row in rows:
            head = row[first][2] if len(row) > first and not _VALUE.fullmatch(row[first][2]) else ""
            head, row_unit = _header(head) if head else ("", None)  # 领导班子（个）: the row gives the unit
            for col, (s, _e, cell) in enumerate(row):
                m = _VALUE.fullmatch(cell)
                if not m or col < first or col == first and head:
                    continue
                name, header_unit = _header(header[col][2] if col < len(header) else "")
                if col > 0 and _PART_OF.match(name):  # 其中35岁以下: a part of the column before
                    whole = _header(header[col - 1][2])[0] if col - 1 < len(header) else ""
                    name = f"{whole}中{_PART_OF.sub('', name)}" if whole else name
                unit = m.group("unit") or header_unit or row_unit
                if not unit:
                    continue
                label = _label(head, name)
                if not label:
                    continue
                # a period's column counts the row's thing; else the row's kind or place and the column's
                # measure together (传统技艺类 + 入库人数, 唐崖镇 + 下沉干部), as the label reads
                counted = head if head and _period_only(name) else label
                if named := _people_label(head, name, people):
                    label, counted = named
                known = by_start.get(s + m.start("num")) or by_start.get(s)
                if known is not None:
                    out[known.start] = dataclasses.replace(
                        known, label=label, counted=counted, displayable=True
                    )
                    continue
                value = float(m.group("num").replace(",", ""))
                if m.group("wan") and unit not in ("万元", "亿元"):
                    value *= 10000 if m.group("wan") == "万" else 100000000
                out[s] = Outcome(
                    value,
                    unit,
                    counted,
                    m.group("pre") or m.group("q") or m.group("q2"),
                    s,
                    s + len(cell),
                    cell,
                    value_text=cell if m.group("unit") else f"{cell}{unit}",
                    label=label,
                )
    return [out[k] for k in sorted(out)]


def _tables(text: str):
    """Each run of tab-parted lines as (caption, header cells, data rows): the caption is the line right
    above the table (表1：各县（市、区）村级后备干部储备情况), a cell is (start, end, text)."""
    block: list[list[tuple[int, int, str]]] = []
    pos = 0
    above = caption = ""
    for line in text.split("\n") + [""]:
        if "\t" in line:
            if not block:
                caption = above
            block.append(_cells(line, pos))
        elif block:
            for header, rows in _split(block):
                yield caption, header, rows
            block = []
        above = line.strip()
        pos += len(line) + 1


_SERIAL_HEADER = re.compile(r"^(?:序号|编号|序|No\.?)$")


def _serial(header: list[tuple[int, int, str]], rows: list) -> bool:
    """The first column numbers the rows (序号 over 1, 2, 3 …), naming nothing."""
    if header and _SERIAL_HEADER.match(header[0][2]):
        return True
    firsts = [r[0][2] for r in rows if r]
    return len(firsts) >= 2 and firsts == [str(n) for n in range(1, len(firsts) + 1)]


def _split(block):
    header: list[tuple[int, int, str]] = []
    rows = []
    for cells in block:
        if any(_VALUE.fullmatch(c[2]) for c in cells[1:]):
            rows.append(cells)
        elif not rows:
            header = cells  # the last line of names before the figures
    if rows:
        yield header, rows


# a caption naming who the table counts and what was done: 各县（市、区）村级后备干部储备情况（截至…）
_CAPTION = re.compile(r"^(?:[附]?表\s*\d*\s*[：:.．]?\s*)?(?P<body>[^，。：:]+?)(?:情况|统计表|统计|一览表)")
_TABLE_MARK = re.compile(r"附?表\s*\d*\s*[：:]")
_CAPTION_TIME = re.compile(r"^(?:全县|全市|全区|全旗|全州)?" + OPENING_YEAR.pattern)


def _caption_people(caption: str, header: list[tuple[int, int, str]]) -> tuple[str, str] | None:
    """(the people, the verb) a caption names (村级后备干部, 储备), the rows' own dimension left out (各县
    （市、区）, as the first header cell names it); None when it names no people before a verb."""
    marks = list(_TABLE_MARK.finditer(caption))  # a caption run into the paragraph above (…如下：表：…)
    m = _CAPTION.match(caption[marks[-1].start() :] if marks else re.split("[。；：:]", caption)[-1])
    if not m:
        return None
    body = _CAPTION_TIME.sub("", m.group("body"))  # (2022年村级后备干部储备情况: the people, not the year)
    first = header[0][2] if header else ""
    for scope in (f"各{first}", first):
        if first and body.startswith(scope):
            body = body[len(scope) :]
            break
    for cut in range(len(body) - 1, 1, -1):  # the longest people noun before a verb of two characters
        noun, verb = body[:cut], body[cut:]
        if len(verb) == 2 and PERSON_HEAD.search(noun) and len(noun) <= 12:
            return noun, verb
    return None


def _people_label(head: str, name: str, people: tuple[str, str] | None) -> tuple[str, str] | None:
    """(label, counted) of a cell whose column counts the caption's people by its verb (储备人数 under
    村级后备干部储备情况 → 银州区储备的村级后备干部; 其中35岁以下 → …储备的35岁以下村级后备干部)."""
    if not people or not head:
        return None
    noun, verb = people
    part = ""
    if "中" in name and name.startswith(f"{verb}人数"):
        part = name.split("中", 1)[1]
        name = name.split("中", 1)[0]
    if name != f"{verb}人数":
        return None
    if head in ("合计", "总计", "小计"):  # the total row: 储备的村级后备干部合计
        return f"{verb}的{part}{noun}{head}", f"{part}{noun}"
    if PERSON_HEAD.search(head):  # the row names a kind of them (种植养殖能手): 认定的种植养殖能手
        return f"{verb}的{part}{head}", f"{part}{head}"
    return f"{head}{verb}的{part}{noun}", f"{part}{noun}"


def _cells(line: str, pos: int) -> list[tuple[int, int, str]]:
    cells, at = [], 0
    for part in line.split("\t"):
        lead = len(part) - len(part.lstrip())
        cells.append((pos + at + lead, pos + at + len(part.rstrip()), part.strip()))
        at += len(part) + 1
    return cells


def _header(cell: str) -> tuple[str, str | None]:
    m = _HEADER_UNIT.search(cell)
    if not m:
        own = _HEADER_NOUN.search(cell)  # 参训人次, 入库人数: the header's noun says the unit
        return cell, (own.group(1) or own.group(2)) if own else None
    return cell[: m.start()].strip(), m.group("u") or m.group("v")


def _label(head: str, name: str) -> str:
    if not name:
        return head
    if not head:
        return name
    return name + head if _period_only(name) else head + name


def _period_only(name: str) -> bool:
    """A header that is a time alone (2022年上半年, 一季度, 1—6月), not a measure over a time (一季度村集体经济
    收入: its row's town reads before it, 梨树镇一季度村集体经济收入).

    >>> _period_only("2022年上半年"), _period_only("第一季度"), _period_only("一季度村集体经济收入")
    (True, True, False)
    """
    rest = _PERIOD.sub("", name)
    return bool(name) and not re.sub(r"[\s0-9一二三四五六七八九十第—\-~～至到()（）年月日度]", "", rest)
