"""Whether a citation names the department that issued a bulletin.

组工信息, 组工简报, 组工动态: hundreds of organisation departments give their bulletin one of a few
names, so 《组工简报》2023年第9期 alone does not say whose issue it is. A citation then names the issuer
(琼海市委组织部《组工简报》2023年第9期); a name that carries its own place (安庆组工信息, 白山组工)
is cited as it is. Pure string work on the place's label, so that a report need not load the gazetteer.

>>> issuer_shown("组工简报", "琼海市委组织部", "琼海市")
'琼海市委组织部'
>>> issuer_shown("安庆组工信息", "安庆市委组织部", "安庆市")
''
>>> issuer_shown("肃南组工", "肃南裕固族自治县委组织部", "肃南裕固族自治县")
''
>>> issuer_shown("湘西组工", "湘西州委组织部", "湘西土家族苗族自治州")
''
"""

from __future__ import annotations

import re

# 肃南裕固族自治县 → 肃南, 湘西土家族苗族自治州 → 湘西 (an ethnic name or two before 自治)
# (the stem keeps two characters at least: else the first ethnic name swallowed 肃南 in 肃南裕固族)
_AUTONOMOUS = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:[\u4e00-\u9fff]{1,4}?族)+自治(?:州|县|旗|区)$")
_LEVEL = re.compile(r"(?:特别行政区|自治区|自治州|自治县|自治旗|林区|新区|地区|省|市|县|区|旗|盟|州)$")


def place_stem(label: str) -> str:
    """A place's name without its level (琼海市 → 琼海); the whole label when that leaves one character
    (临县 stays 临县: 临 alone is found in too many words)."""
    stem = _AUTONOMOUS.sub("", label)
    if stem == label:
        stem = _LEVEL.sub("", label)
    return stem if len(stem) >= 2 else label


def issuer_shown(name: str, issuer: str, place: str) -> str:
    """The issuer to put before 《name》 in a citation: `issuer` when the name does not carry the
    issuing place (`place`: its label), else ""."""
    if not issuer or not name:
        return ""
    if place and place_stem(place) in name:
        return ""
    return issuer


def issue_label(name: str | None, year: int | None, issue: int | None, issuer: str = "") -> str:
    """安庆组工信息 2021年第12期; 组工简报 2023年第9期（琼海市委组织部）; 单篇文章 for a one-off article.

    >>> issue_label("组工简报", 2023, 9, "琼海市委组织部")
    '组工简报 2023年第9期（琼海市委组织部）'
    """
    label = f"{name or '单篇文章'}{f' {year}年第{issue}期' if year and issue else ''}"
    return f"{label}（{issuer}）" if issuer else label
