"""Masthead of a bulletin issue: name, issue number, date, editor.

Bulletins differ in layout; we look for each field by its own shape in the front matter
(the lines before the first article), never by line position.
"""

from __future__ import annotations

import datetime as dt
import re

from kg.model import Masthead

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

_NAME = re.compile(
    r"^[^\s，。：；、]{0,12}(组工|组织工作|党建|干部工作|人才工作)[^\s，。：；、]{0,6}(信息|动态|简报|通讯|专报|快报|参考)$"
)
_NAME_LOOSE = re.compile(r"^[^\s，。：；、]{2,14}(信息|动态|简报|通讯|专报|快报)$")
_ISSUE = re.compile(r"(?<!总)第\s*([0-9]{1,4}|[一二三四五六七八九十〇零两百]{1,6})\s*期")
_TOTAL = re.compile(r"总第\s*([0-9]{1,5})\s*期")
_DATE = re.compile(r"((?:19|20)[0-9]{2})\s*[年.\-/]\s*([0-9]{1,2})\s*[月.\-/]\s*([0-9]{1,2})\s*日?")
_EDITOR = re.compile(r"^(中共)?[^\s，。：；]{2,24}(研究室|办公室|组织部|编辑部|信息科|编印|主办|编)$")


def cn_number(text: str) -> int | None:
    """Arabic or Chinese numerals up to the hundreds.

    >>> cn_number("12"), cn_number("十二"), cn_number("二十"), cn_number("一百零三")
    (12, 12, 20, 103)
    """
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def find_date(text: str) -> dt.date | None:
    """First valid calendar date in `text`.

    >>> find_date("2021 年 5 月 31 日"), find_date("2022年4月20日"), find_date("2月30日 2023.3.1")
    (datetime.date(2021, 5, 31), datetime.date(2022, 4, 20), datetime.date(2023, 3, 1))
    """
    for m in _DATE.finditer(text):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
    return None


def parse_masthead(front: str) -> Masthead:
    """Read the masthead fields out of the front matter text."""
    lines = [ln.strip(" ★☆【】[]") for ln in front.splitlines() if ln.strip()]
    name = next((ln for ln in lines if _NAME.match(ln)), None)
    if name is None:
        name = next((ln for ln in lines[:6] if _NAME_LOOSE.match(ln)), None)
    issue_m = _ISSUE.search(front)
    total_m = _TOTAL.search(front)
    editor = next((ln for ln in lines if _EDITOR.match(ln) and ln != name), None)
    return Masthead(
        name=name,
        issue=cn_number(issue_m.group(1)) if issue_m else None,
        date=find_date(front),
        editor=editor,
        year_issue=total_m.group(0) if total_m else None,
    )
