"""Slogans and programme names that package a practice: “五有”举措, “三进三问三听”, “六个一批”, “2+N”政策体系,
“青蓝接力”计划, “雏雁工程”.

A slogan is built from numbered parts: a numeral (一二三四五六七八九十两双百千 or digits) followed by one to four
other characters, once or several times (三进三问三听, 五优先四不奖, 一馆三基地多特色), or digits joined by
+ (2+N, 6+n, 3+1). It counts when quoted, or unquoted right before a word such as 机制/举措/活动/工程/模式.
Lexicalised words that merely start with a numeral (一线, 一批, 一次, 一把手 …) are not slogans; nor are
measures of time or quantity (两个月, 三年).

>>> find_brands("落实“五有”举措，搭建“六个一批”年轻干部成长快车道，建立“2+N”政策体系")
['五有', '六个一批', '2+N']
>>> find_brands("在一线“一批”干部，两个月内")
[]

A programme's own name counts too when the text says it is one: a quoted name right before a programme word
(“青蓝接力”计划, “银龄助力”行动, “红色网格”品牌) or a quoted name that ends in one (“雏雁工程”, “暖蜂驿站”).
A quoted word alone is not a name (“活”起来, “触角”, “最后一米”: emphasis and metaphor are quoted the same way).

>>> find_brands("实施“青蓝接力”计划，开展“雏雁工程”，让考核“活”起来")
['青蓝接力', '雏雁工程']
"""

from __future__ import annotations

import re

_NUMERAL = "一二三四五六七八九十两双百千"
_SUFFIX = (
    "工作法|机制|举措|活动|工程|模式|制度|体系|标准|行动|法|平台|措施|要求|原则|方式|形式|目标|格局|计划|品牌|"
    "做法|路径|清单|办法|流程|矩阵|服务|导向|理念|思路|工作"
)
_PART = rf"[{_NUMERAL}\d](?:个)?[^{_NUMERAL}\d“”\"，。、；：！？\s（）()《》等]{{1,4}}"
_SLOGAN = re.compile(rf"(?:{_PART}|多[^{_NUMERAL}\d“”\"，。、；：！？\s等]{{1,3}}){{1,4}}[{_NUMERAL}]?")
_PLUS = re.compile(r"\d{1,2}\s*\+\s*(?:\d{1,2}|[NnXx])(?:\s*\+\s*(?:\d{1,2}|[NnXx]))*")
_QUOTED = re.compile(r"[“\"]([^“”\"\n]{2,14})[”\"]")
_PART_LAZY = _PART.replace("{1,4}", "{1,4}?")  # 三访三促|工作法, not 三访三促工作|法
_BARE = re.compile(rf"((?:{_PART_LAZY}){{2,4}}|{_PLUS.pattern})(?=[“”\"]?(?:{_SUFFIX}))")

# programme words: what follows (or ends) a quoted name that is a programme's own name
_PROGRAMME = "工程|计划|行动|品牌|工作法|项目|工作室|驿站|课堂|讲堂|学堂|书屋|夜校|基金|联盟|工坊|擂台|专班"
_NAME = r"[^“”\"\n，。、；：！？（）()《》\s]{2,8}"
_NAMED = re.compile(rf"[“\"]({_NAME})[”\"](?=(?:{_PROGRAMME}))|[“\"]({_NAME}(?:{_PROGRAMME}))[”\"]")
_CJK2 = re.compile(r"[\u4e00-\u9fff].*[\u4e00-\u9fff]")

# words that start with a numeral but are ordinary vocabulary, and durations / plain quantities
_LEXICAL = re.compile(
    r"^(?:一线|一批|一次|一些|一样|一起|一直|一定|一般|一切|一体|一流|一把手|一盘棋|一站式|一对一|一揽子|一系列|一条龙|"
    r"一张网|一张图|一人一档|一年|一季|一月|一天|一周|一名|一个|一项|一支|两年|三年|百姓|千方百计|双向|双重|双方|双赢|"
    rf"[{_NUMERAL}]+(?:个)?(?:年|月|天|日|周|小时|季度|个月|人|名|次|位|项|件|批)(?:内|来|以来|以上|以下)?$)"
)
# standing national formulas: numbered, but not a locality's own brand
NATIONAL = frozenset(
    "两代表一委员 三会一课 两学一做 四个意识 四个自信 两个维护 两个确立 三重一大 四风 四不两直 三严三实 "
    "四下基层 五个好 两新 三农 四个全面 五位一体 两委 村两委 不忘初心 牢记使命 不忘初心牢记使命".split()
)


def _is_slogan(s: str) -> bool:
    s = s.strip()
    if _PLUS.fullmatch(s):
        return True
    if not _SLOGAN.fullmatch(s) or _LEXICAL.match(s):
        return False
    if not re.match(rf"[{_NUMERAL}\d]", s):
        return False
    if re.fullmatch(r"\d+", s) or re.search(r"\d{3,}", s):
        return False  # 5084 (a hotline), 2022
    parts = re.findall(rf"[{_NUMERAL}\d]", s)
    if s[0] == "一" and len(parts) == 1:
        return False  # 一X alone is nearly always an ordinary word
    return True


def find_brands(text: str, *, include_national: bool = False) -> list[str]:
    """Slogans in order of first appearance, without quotes, each once."""
    found: list[tuple[int, str]] = []
    for m in _QUOTED.finditer(text):
        s = re.sub(r"\s+", "", m.group(1))
        if _is_slogan(s):
            found.append((m.start(1), s))
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    for m in _BARE.finditer(text):
        if any(a <= m.start() < b for a, b in quoted):
            continue
        s = re.sub(r"\s+", "", m.group(1))
        if _is_slogan(s):
            found.append((m.start(1), s))
    for m in _NAMED.finditer(text):
        s = re.sub(r"\s+", "", m.group(1) or m.group(2))
        if _CJK2.search(s) and not _LEXICAL.match(s) and s not in NATIONAL:
            found.append((m.start(), s))
    out: list[str] = []
    for _pos, s in sorted(found):
        if s not in out and (include_national or s not in NATIONAL):
            out.append(s)
    return out


_LEADING = re.compile(rf"^(?:[^“”\"：:]{{2,12}}[：:])?\s*[“\"]({_NAME})[”\"]")


def headline_brands(headline: str) -> list[str]:
    """find_brands of an article's headline, and the quoted name a headline opens with (after the place
    and a colon): “银龄助力”让退出领导岗位干部退岗不褪色, 陇西县："精准滴灌"提升培训实效 -- there the
    quoted words are the subject, the programme the article is about.

    >>> headline_brands("桃源县：“银龄助力”让退出领导岗位干部退岗不褪色")
    ['银龄助力']
    >>> headline_brands("数字赋能让干部平时考核“活”起来")
    []
    """
    found = find_brands(headline)
    m = _LEADING.match(headline.strip())
    if m:
        s = re.sub(r"\s+", "", m.group(1))
        if len(s) >= 3 and _CJK2.search(s) and not _LEXICAL.match(s) and s not in NATIONAL and s not in found:
            found.append(s)
    return found
