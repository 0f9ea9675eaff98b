"""Enumeration markers of the genre, outer to inner, and the runs they form.

一、 （一） 1. （1） ① 一是 — each family is a numbering style. A family counts only where it runs
from one (一是 … 二是 …; a new run may start again at one, as 一是 does in each part of a speech), so a
number in the text (1.5万, （一）alone) never cuts an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.split.masthead import cn_number

_AFTER = r"(?:^|(?<=[。；：！？\n]))"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class Family:
    rank: int  # 0 is outermost
    marker: str  # the label SegmentDraft.marker carries
    pattern: re.Pattern[str]  # group(1): the number


FAMILIES = (
    Family(0, "一、", re.compile(r"(?:^|(?<=\n))([一二三四五六七八九十]{1,3})、")),
    Family(1, "（一）", re.compile(_AFTER + r"（([一二三四五六七八九十]{1,3})）")),
    Family(2, "1.", re.compile(_AFTER + r"([0-9]{1,2})[.、．](?![0-9])")),
    Family(3, "（1）", re.compile(_AFTER + r"（([0-9]{1,2})）")),
    Family(4, "①", re.compile(r"(?:^|(?<=[。；：！？\n，]))([" + _CIRCLED + "])")),
    Family(5, "一是", re.compile(_AFTER + r"([一二三四五六七八九十]{1,3})是")),
)
_ANY = re.compile("|".join(f"(?:{f.pattern.pattern.replace(_AFTER, '')})" for f in FAMILIES))


def _number(s: str) -> int | None:
    if s in _CIRCLED:
        return _CIRCLED.index(s) + 1
    return cn_number(s)


def runs(text: str, start: int, end: int, fam: Family, line_start_only: bool = False) -> list[list[int]]:
    """Runs of the family's markers in text[start:end] numbered from one (positions of each marker).

    >>> t = "甲：一是选。二是育。三是管。又一是用。二是爱。"
    >>> [[t[p : p + 2] for p in r] for r in runs(t, 0, len(t), FAMILIES[5])]
    [['一是', '二是', '三是'], ['一是', '二是']]
    >>> runs("共1.5万人。2.其他", 0, 10, FAMILIES[2])
    []
    """
    out: list[list[int]] = []
    run: list[int] = []
    for m in fam.pattern.finditer(text, start, end):
        pos = m.start()
        if line_start_only and pos != start and text[pos - 1] != "\n":
            continue
        n = _number(m.group(1))
        if n == len(run) + 1:
            run.append(pos)
        elif n == 1:
            if len(run) >= 2:
                out.append(run)
            run = [pos]
    if len(run) >= 2:
        out.append(run)
    return out


def enumeration(text: str, start: int, end: int, fam: Family, line_start_only: bool = False) -> list[int]:
    """Positions of the family's markers that belong to runs numbered from one."""
    return [p for r in runs(text, start, end, fam, line_start_only) for p in r]


def outer_family(
    text: str, start: int, end: int, *, line_start_only: bool = False, below: int | None = None
) -> Family | None:
    """The outermost family (ranked after `below`) that runs in text[start:end], if any."""
    for fam in FAMILIES:
        if below is not None and fam.rank <= below:
            continue
        if len(enumeration(text, start, end, fam, line_start_only)) >= 2:
            return fam
    return None


def marker_end(text: str, pos: int) -> int:
    """Position just after an enumeration marker at `pos` (or `pos` if there is none)."""
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    m = _ANY.match(text, pos)
    return m.end() if m else pos
