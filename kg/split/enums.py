"""Enumeration markers of the genre, outer to inner, and the runs they form.

一、 （一） 1. （1）/1） ① 一是 第一，/其一， — each family is a numbering style. A family counts only where it runs
from one (一是 … 二是 …; a new run may start again at one, as 一是 does in each part of a speech), so a
number in the text (1.5万, （一）alone) never cuts an article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kg.text.numerals import cn_number

_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ENDS = "。；：！？\n"
_LAST = -1  # the number of 最后: the end of whatever run is open  # a marker follows the end of a sentence or clause, or a line break


@dataclass(frozen=True)
class Family:
    rank: int  # 0 is outermost
    marker: str  # the label SegmentDraft.marker carries
    after: str  # characters a marker of this family may follow


FAMILIES = (
    Family(0, "一、", "\n。："),
    Family(1, "（一）", _ENDS),
    Family(2, "1.", _ENDS),
    Family(3, "（1）", _ENDS),
    Family(4, "①", _ENDS + "，"),
    Family(5, "一是", _ENDS + "，"),  # …多措并举，一是…；二是… (a speech's 一要…二要… alike)
    Family(6, "第一", _ENDS),
    Family(7, "首先", _ENDS),  # 首先，… 其次，… 再次，… 最后，…
)
_ORDINAL = {"首先": 1, "其次": 2, "再次": 3, "最后": _LAST}
# One pass finds every marker: the character before it is matched too (no look-behind), which lets
# the regex engine skip ahead to those few characters instead of trying every position.
_MARKER = (
    rf"[ \t]*(?:([{_CN}]{{1,3}})、|（([{_CN}]{{1,3}})）|([0-9]{{1,2}})[.、．](?![0-9])"
    rf"|（?([0-9]{{1,2}})）|([{_CIRCLED}])|([{_CN}]{{1,3}})[是要]|[第其]([{_CN}]{{1,2}})[，、]|(首先|其次|再次|最后)[，,])"
)
_SCAN = re.compile(rf"[{_ENDS}，]{_MARKER}")
_FIRST = re.compile(_MARKER)
_ANY = re.compile(
    rf"(?:[{_CN}]{{1,3}}[、是要]|（?[{_CN}0-9]{{1,3}}）|[0-9]{{1,2}}[.、．](?![0-9])|[{_CIRCLED}]|[第其][{_CN}]{{1,2}}[，、]"
    r"|(?:首先|其次|再次|最后)[，,])"
)
_cache: list = [None, ()]  # (text, its markers): the markers of the document being split


def _number(s: str) -> int | None:
    if s in _ORDINAL:
        return _ORDINAL[s]
    if s in _CIRCLED:
        return _CIRCLED.index(s) + 1
    return cn_number(s)


def _marks(text: str) -> tuple[tuple[int, int, int], ...]:
    """(position, family rank, number) of every enumeration marker in the text, in order."""
    if _cache[0] is text:
        return _cache[1]
    found = [(m, text[m.start()]) for m in _SCAN.finditer(text)]
    first = _FIRST.match(text)
    if first is not None:
        found.insert(0, (first, "\n"))  # the start of the text is a line start
    out = []
    for m, before in found:
        rank = m.lastindex - 1
        if before not in FAMILIES[rank].after:
            continue
        pos = m.start(m.lastindex)
        if text[pos - 1 : pos] == "（" or rank == 6:  # the bracket of （一）, the 第 of 第一，
            pos -= 1
        n = _number(m.group(m.lastindex))
        if n is not None:
            out.append((pos, rank, n))
    _cache[0], _cache[1] = text, tuple(out)
    return _cache[1]


def _all_runs(text: str, start: int, end: int, line_start_only: bool) -> dict[int, list[list[int]]]:
    """Runs numbered from one of every family in text[start:end], by family rank."""
    marks = _marks(text)
    lo = bisect.bisect_left(marks, (start, -1, -1))
    done: dict[int, list[list[int]]] = {}
    open_: dict[int, list[int]] = {}
    for i in range(lo, len(marks)):
        pos, rank, n = marks[i]
        if pos >= end:
            break
        if line_start_only and pos != start and text[pos - 1] != "\n":
            continue
        run = open_.setdefault(rank, [])
        if n == _LAST:  # 最后 closes a run of 首先 (… 其次 …) whatever its length
            if run:
                run.append(pos)
                if len(run) >= 2:
                    done.setdefault(rank, []).append(run)
                open_[rank] = []
        elif n == len(run) + 1:
            run.append(pos)
        elif n == 1:
            if len(run) >= 2:
                done.setdefault(rank, []).append(run)
            open_[rank] = [pos]
    for rank, run in open_.items():
        if len(run) >= 2:
            done.setdefault(rank, []).append(run)
    # notes under a table or a figure (注：1.统计时间截至… 2.参训人数含…): explanations, not measures
    kept = {
        rank: [r for r in rs if not _NOTE_LABEL.search(text, max(0, r[0] - 4), r[0])]
        for rank, rs in done.items()
    }
    return {rank: rs for rank, rs in kept.items() if rs}


_NOTE_LABEL = re.compile(r"(?:注|备注|说明)[：:]\s*$")


def runs(text: str, start: int, end: int, fam: Family, line_start_only: bool = False) -> list[list[int]]:
    """Runs of the family's markers in text[start:end] numbered from one (positions of each marker).

    >>> t = "甲：一是选。二是育。三是管。乙：一是用。二是爱。"
    >>> [[t[p : p + 2] for p in r] for r in runs(t, 0, len(t), FAMILIES[5])]
    [['一是', '二是', '三是'], ['一是', '二是']]
    >>> runs("共1.5万人。2.其他", 0, 10, FAMILIES[2])
    []
    """
    return _all_runs(text, start, end, line_start_only).get(fam.rank, [])


def enumeration(text: str, start: int, end: int, fam: Family, line_start_only: bool = False) -> list[int]:
    """Positions of the family's markers that belong to runs numbered from one."""
    return [p for r in runs(text, start, end, fam, line_start_only) for p in r]


def outer_family(
    text: str, start: int, end: int, *, line_start_only: bool = False, below: int | None = None
) -> Family | None:
    """The outermost family (ranked after `below`) that runs in text[start:end], if any."""
    found = _all_runs(text, start, end, line_start_only)
    ranks = [r for r in found if below is None or r > below]
    return FAMILIES[min(ranks)] if ranks else None


def marker_end(text: str, pos: int) -> int:
    """Position just after an enumeration marker at `pos` (or `pos` if there is none)."""
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    m = _ANY.match(text, pos)
    return m.end() if m else pos
