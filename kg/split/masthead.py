"""Masthead of a bulletin issue: name, issue number, date, editor.

Bulletins differ in layout; each field is looked for by its own shape in the masthead zone (the short
lines at the top, before the contents, the editor's note or the first article), never by line position:
the date may stand on its own line, share the editor's line, or come before the name.
"""

from __future__ import annotations

import datetime as dt
import re

from kg.model import Masthead
from kg.split.bylines import attribution
from kg.split.layout import (
    SALUTATION,
    Line,
    is_furniture,
    is_leader_slot,
    is_note,
    is_rule,
    is_toc_entry,
    is_toc_head,
)
from kg.text.bulletin_names import NAME as _NAME
from kg.text.bulletin_names import NAME_SHORT as _NAME_SHORT
from kg.text.numerals import CN_DIGITS, cn_number

_NAME_LOOSE = re.compile(r"^[^\s，。：；、>/|｜]{2,14}(?:信息|动态|简报|通讯|专报|快报)$")
_ISSUE = re.compile(
    r"(?<![总])第\s*([0-9](?:[ \t]?[0-9]){0,3}|[一二三四五六七八九十〇零两百]{1,6})\s*期"
    r"|(?<=[0-9]年)\s*([0-9]{1,3})\s*期"  # 2023年5期
    r"|[〔［\[]\s*(?:19|20)[0-9]{2}\s*[〕］\]]\s*第?\s*([0-9]{1,3})\s*号"  # 〔2023〕第15号: numbered as a document
)
# an issue numbered in a series of its own: 增刊第2期, 专刊（第3期）, 第2期（增刊）
_SERIES = re.compile(
    r"(?m)(?:^|(?<=[ \t\u3000年]))(增刊|专刊|特刊|号外)[ \t\u3000]*[（(]?[ \t\u3000]*第[ \t\u3000]*[0-9一二三四五六七八九十〇零两]{1,4}[ \t\u3000]*期"
    r"|第[ \t\u3000]*[0-9一二三四五六七八九十〇零两]{1,4}[ \t\u3000]*期[ \t\u3000]*[（(](增刊|专刊|特刊|号外)[）)]"
)
_TOTAL = re.compile(r"总第?\s*([0-9]{1,5})\s*期")
_DATE = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})\s*[年.．\-/／]\s*([0-9]{1,2})\s*[月.．\-/／]\s*([0-9]{1,2})(?![0-9])\s*日?"
)
_DATE_CN = re.compile(
    r"([〇零○ＯOo0一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"
)
_EDITOR = re.compile(
    r"^(?:中共)?[^\s，。：；]{2,24}?(?:研究室|办公室|组织部|编辑部|信息科|调研科|宣传科|组织科|党建办|综合科|"
    r"研究科|信息中心|党委|党工委)$"
)
_EDITOR_TAIL = re.compile(r"(?:主办|编印|编辑|承办|出版|印发|编)$")
_NOTES = re.compile(r"内部|资料|注意保存|秘密|机密|增刊|专刊|特刊|总第|主办|编印")
_MAX_ZONE = 12  # non-blank lines: a masthead is a handful of short lines


def _cn_year(text: str) -> int | None:
    digits = [CN_DIGITS.get(ch) for ch in text]
    return None if None in digits else int("".join(map(str, digits)))


def _dates(text: str) -> list[tuple[int, dt.date]]:
    found: list[tuple[int, dt.date]] = []
    for m in _DATE.finditer(text):
        try:
            found.append((m.start(), dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
        except ValueError:
            continue
    if "年" in text:
        for m in _DATE_CN.finditer(text):
            y, mo, d = _cn_year(m.group(1)), cn_number(m.group(2)), cn_number(m.group(3))
            try:
                found.append((m.start(), dt.date(y or 0, mo or 0, d or 0)))
            except ValueError:
                continue
    return sorted(found, key=lambda x: x[0])


def find_date(text: str) -> dt.date | None:
    """First valid calendar date in `text`, in any of the forms bulletins print.

    >>> find_date("2021 年 5 月 31 日"), find_date("2022年4月20日"), find_date("2月30日 2023.3.1")
    (datetime.date(2021, 5, 31), datetime.date(2022, 4, 20), datetime.date(2023, 3, 1))
    >>> find_date("2022-06-15"), find_date("二〇二二年六月十五日"), find_date("第12期 2022.6.15")
    (datetime.date(2022, 6, 15), datetime.date(2022, 6, 15), datetime.date(2022, 6, 15))
    """
    found = _dates(text)
    return found[0][1] if found else None


def _without_fields(s: str) -> str:
    """A line with its issue number, total number and date cut out (they share lines with the name)."""
    s = _DATE.sub(" ", s)
    s = _DATE_CN.sub(" ", s)
    s = _TOTAL.sub(" ", s)
    s = re.sub(r"(?:(?:19|20)[0-9]{2}\s*年\s*)?(?:" + _ISSUE.pattern + ")", " ", s)
    s = re.sub(r"[（(]\s*[)）]", " ", s)
    # separators a copied page puts between the fields (仪陇组工信息 | 2024年第11期, a WeChat title)
    return s.strip(_FIELD_EDGE)


_FIELD_EDGE = " \t\u3000★☆【】[]《》「」〖〗|｜丨·•—–-"


def _field_line(s: str) -> bool:
    core = _without_fields(s)
    return core != s.strip(_FIELD_EDGE) or bool(
        _NAME.match(core) or _EDITOR.match(_EDITOR_TAIL.sub("", core))
    )


_EMPTY_SLOT = 8  # characters of a leader-comment slot with nothing written in it (领导批示：, 领导阅示栏)


def masthead_zone(lines: list[Line]) -> list[Line]:
    """The short lines at the top that hold the masthead fields.

    It ends at the contents, a section heading, the editor's note, the 领导批示 slot, a long line
    (text), an item line or a title over its paragraph, and is at most a dozen non-blank lines long.
    """
    zone: list[Line] = []
    filled = [ln for ln in lines[: _MAX_ZONE * 4] if ln.text.strip()]
    from kg.text.webpage import banner_end

    filled = filled[banner_end([ln.text for ln in filled]) :]  # a portal's banner and menu over its location
    filled = [ln for ln in filled if not _chrome(ln.text)]  # a copied page's menu, dateline, buttons
    for i, ln in enumerate(filled):
        s = ln.text.strip()
        nxt, after = (filled[j].text.strip() if j < len(filled) else "" for j in (i + 1, i + 2))
        if (_text(nxt) or (_text(after) and attribution(nxt))) and not _field_line(s):
            break  # a line over a paragraph (or over a byline over one) is a title, not the masthead
        if _over_speaker([x.text.strip() for x in filled[i + 1 : i + 5]]) and not _field_line(s):
            break  # a speech's headline over its speaker (and the day it was given)
        if len(zone) >= _MAX_ZONE or is_toc_entry(s) or is_toc_head(s):
            break
        if zone and not _field_line(s) and not is_rule(s) and find_date(zone[-1].text) and _place_title(s):
            break  # the date closes a masthead: a place's title under it (弋阳县：传承…) is the first article
        wrapped = after + (filled[i + 3].text.strip() if i + 3 < len(filled) else "")  # a PDF's hard wrap
        if zone and _headline_over_text(s, nxt, wrapped) and any(find_date(z.text) for z in zone):
            break  # a headline set on two lines under a finished masthead (库车市坚持…锻造服务 / 南疆…)
        if zone and _headline_over_note(s, nxt) and any(find_date(z.text) for z in zone):
            break  # the first headline over its own editor's note (…工程锻造过硬…队伍 / 编者按：…)
        if is_rule(s):
            zone.append(ln)
            continue
        if not zone and is_leader_slot(s) and len(s) <= _EMPTY_SLOT:
            continue  # an empty 领导批示： box printed over the masthead (a PDF puts it first): not a heading
        if _NAME.match(_without_fields(s)):
            zone.append(ln)  # a name like 定西组工信息 also has the shape of a column heading
            continue
        if is_furniture(s) or s[:1] in "△▲◆▶►【" or len(_without_fields(s)) > 36 or "。" in s:
            break
        zone.append(ln)
    return zone


def _over_speaker(below: list[str]) -> bool:
    """The lines under a line are a speaker's (中共某县委常委、组织部部长　王　明), then maybe a date or
    source, then the speech itself (同志们：… or a paragraph)."""
    if not below or (attribution(below[0]) or ("",))[0] != "speaker":
        return False
    rest = below[1:]
    while rest and attribution(rest[0]) is not None:
        rest = rest[1:]
    return bool(rest) and (_text(rest[0]) or bool(SALUTATION.match(rest[0])))


def _headline_over_text(s: str, nxt: str, after: str) -> bool:
    """Two short lines that are no masthead field, over a paragraph: a headline wrapped in a narrow
    column (a PDF's first title), not the masthead's last line."""
    return (
        _bare_headline(s)
        and not (_field_line(nxt) or any(c in nxt for c in "。；"))
        and 2 <= len(nxt) <= 36  # (培训: the last word of a long headline, wrapped)
        and _text(after)
    )


def _headline_over_note(s: str, nxt: str) -> bool:
    """A headline over an editor's note: the first article's, whose note introduces it (a note under the
    masthead itself follows its date line, a field)."""
    return _bare_headline(s) and is_note(nxt)


def _bare_headline(s: str) -> bool:
    """A line long enough for a headline that is no masthead field, rule, furniture or sentence."""
    return (
        len(s) >= 8
        and not (_field_line(s) or is_rule(s) or is_furniture(s) or _NOTES.search(s))
        and not any(c in s for c in "。；")
    )


def _place_title(line: str) -> bool:
    """A title led by a place and its colon (弋阳县：传承…)."""
    from kg.split.titles import leading_place

    return bool(re.match(r"[\u4e00-\u9fff]{2,12}[：:]", line) and leading_place(line))


def _text(line: str) -> bool:
    # a paragraph's first line, wrapped at a fixed width in a PDF (今年以来，某区聚焦…全面推行村) or whole
    return (len(line) > 40 or (len(line) >= 20 and any(c in line for c in "。，；"))) and not is_furniture(
        line
    )


def _unchromed(text: str) -> str:
    return "\n".join(x for x in text.splitlines() if not _chrome(x)) if text else text


# a date alone on its line is a page's chrome, but in a masthead it is the issue's date (2022年6月28日)
_DATE_ALONE = re.compile(r"[ \t\u3000]*\d{4}[ \t]*年[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}[ \t]*日[ \t\u3000]*$")


def _chrome(line: str) -> bool:
    from kg.text.webpage import is_chrome_line

    return is_chrome_line(line) and not _DATE_ALONE.match(line)


def parse_masthead(zone: list[Line], front: str = "", tail: str = "") -> Masthead:
    """Read the masthead fields out of the zone lines; the rest of the front matter and the footer
    (`tail`, where some bulletins print 2022年6月15日印发) are searched for a date only when the zone
    has none."""
    texts = [ln.text.strip() for ln in zone if ln.text.strip() and not is_rule(ln.text)]
    cores = [_without_fields(s) for s in texts]
    zone_text = "\n".join(texts)
    issue_m = _ISSUE.search(zone_text)
    total_m = _TOTAL.search(zone_text)
    # the full name before a short one: a WeChat copy opens with its account (鄂尔多斯组工) above the
    # bulletin's own masthead (鄂尔多斯组工信息)
    name = next((c for c in cores if _NAME.match(c)), None) or next(
        (c for c in cores if _NAME_SHORT.match(c)), None
    )
    if name is None and issue_m:
        name = next((c for c in cores[:4] if _NAME_LOOSE.match(c) and not _NOTES.search(c)), None)
    editor = None
    for c in cores:
        c = _EDITOR_TAIL.sub("", c).strip()
        if c != name and _EDITOR.match(c):
            editor = c
            break
    # the page's own dates (发布时间, 发表于) are the last resort: a reposted issue keeps its date inside
    date = find_date(zone_text) or find_date(_unchromed(front)) or find_date(front) or find_date(tail)
    series = _SERIES.search(zone_text)
    if name and series:  # 增刊第2期 is not the year's 第2期: a series of its own, named as such
        marker = series.group(1) or series.group(2)
        name = name if marker in name else f"{name}（{marker}）"
    return Masthead(
        name=name,
        issue=cn_number(next(g for g in issue_m.groups() if g)) if issue_m else None,
        date=date,
        editor=editor,
        year_issue=total_m.group(0) if total_m else None,
    )
