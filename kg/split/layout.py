"""Lines of a normalised bulletin and what each one is by its own shape.

The genre's furniture — section headings (★ 市内信息, 【他山之石】), separator rules (━━━), the table of
contents (its heading, entries ending in page numbers), the 领导批示 slot, the 编者按, the distribution
footer (报/送/发, 责任编辑, 签发, 印发, 共印 N 份) — is recognised here, so that the article walker sees
only what is left: titles and body text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kg.text.webpage import is_tail_widget


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


_SECTION_WORDS = (
    r"(信息|参考|动态|经验|交流|之石|传真|视窗|聚焦|专题|摘编|发言|简讯|撷英|采风|声音|要闻|速递|快讯|探索|"
    r"实践|巡礼|风采|观察|借鉴|亮点|综述|调研|案例|短波|一线|集锦|讲话|推介|视点|关注|纵横|前沿|来信)"
)
# after its column word a name has at most a number or 材料/摘编 (交流发言材料摘编（二）): 推动年轻干部在一线成长
# is a headline
_SECTION = re.compile(
    rf"^([^\s，。：；△]{{0,30}}?{_SECTION_WORDS}"
    r"(?:材料|摘编|选编|专栏|专刊){0,2}(?:[（(][^）)\s]{1,4}[)）]|[一二三四五六七八九十0-9]{1,2}|之[一二三四五六七八九十])?)$"
)
_SECTION_WORD = re.compile(_SECTION_WORDS)
_COLUMN = re.compile(r"^[\u4e00-\u9fff]{2,6}$")  # a starred topic shorter than any headline
_SECTION_MARK = "★☆■□◆◇●○◎▍▌▎▐█"  # (a bar before a WeChat post's column head: ▍干部工作)
_STARRED_MAX = 14  # characters of a marked column heading (■ 换届工作); a longer marked line is a headline
_MEDIA = re.compile(r"图片|视频|音频|动图|图|表格|附图|附件")
# the time an item opens with, before what happened or who acts: 7月9日，/ 28日，/ 近日，/ 今年以来，
OPENING_TIME = re.compile(
    r"(?:(?:[0-9]{1,2}月)?[0-9]{1,2}日(?:[至—-](?:[0-9]{1,2}月)?[0-9]{1,2}日)?|[0-9]{1,2}月(?:上|中|下)旬"
    r"|近日|日前|近期|今年以来|近年来|[\u4e00-\u9fff]{1,3}节(?:前夕|期间|前后))[，,]"
)
# the year a title or a table's caption opens with: 2024年, 2022年度, 2023年上半年, 2024年1—6月
OPENING_YEAR = re.compile(
    r"(?:19|20)\d{2}\s*年(?:度|上半年|下半年|前三季度|第[一二三四]季度|[0-9]{1,2}\s*[—\-至~～]\s*[0-9]{1,2}月)?"
)
SALUTATION = re.compile(
    r"^(?:同志们|各位(?:领导|同志|代表|同事)[^：:]{0,8})[：:，,]"
)  # a speech's first words
LINE_HEADING_MAX = 24  # characters of a measure's heading set on a line of its own (拓宽选人渠道)
ITEM_MARKS = "△▲◆◇▶►●■□★☆○◎※➤"  # open an item line (a short line with one is a section heading)
# a table's or a figure's caption (表1…情况, 图2, 附件3): never a headline, nor a measure's heading
TABLE_CAPTION = re.compile(r"^(?:表|图|附表|附件)\s*[0-9一二三四五六七八九十]")
_BRACKETED = re.compile(r"^[【\[〖〔]\s*([^】\]〗〕]{2,40}?)\s*[】\]〗〕]$")
# who edited or checked: an issue's closing block names them, and so does each article of a web page
_CREDITS = "责任编辑|编辑|责编|编审|审核|初审|复审|终审|审稿|审签|签发|核稿|校对|主编"
_CREDIT = re.compile(rf"^[（(【\[]?(?:{_CREDITS})人?\s*[：:]")
_FOOTER = re.compile(
    rf"^[（(]?(?:本期)?(?:报|送|发|报送|主送|抄报|抄送|分送|发送|呈送|印发|发至|{_CREDITS}|"
    r"联系电话|电话|传真|邮箱|投稿邮箱|电子邮箱|地址)人?\s*[：:]"
    r"|^[（(]?共印\s*[0-9]+\s*份|^.{0,40}[0-9]日\s*印发[）)]?$|^[（(]?(?:此件|本期|本刊)发至"
)
_RULE = re.compile(r"^[━─—=＝_~\-·•*＊#…\s]{3,}$")
_LEADER_SLOT = re.compile(r"领导批示\s*[：:】\]〕]?\s*$")
_TOC_HEAD = re.compile(r"^(?:本期)?(?:目录|要目|导读|提要|内容提要|要览)[：:]?$")
_NOTE = re.compile(
    r"^(?:编者按|编者的话|编前语|按语|编者)[：:]|^[【〔［\[]\s*(?:编者按|编者的话|编前语|按语|编者)\s*[】〕］\]]"
    # a lead under a headline (【导读】宁海县为…): with its text, unlike a contents heading (本期导读)
    r"|^(?:[【〔［\[]\s*(?:导读|导语|内容摘要|摘要)\s*[】〕］\]]|(?:导读|导语|内容摘要|摘要)[：:])\s*[\u4e00-\u9fff“]{4}"
)
_TOC_ENTRY = re.compile(
    r"(?:\.{2,}|…+|·{2,}|-{3,})\s*(?:[0-9]{1,3}|[（(][0-9]{1,3}[）)])$|[^0-9.%．年月日号期\-/／－][0-9]{1,2}$"
)


def _strip_marks(s: str) -> str:
    s = s.strip().strip(_SECTION_MARK + " \u3000").strip()
    while s and _pictograph(s[0]):  # 📖 本期导读, 🔥 往期推荐: a post's emoji before its heading
        s = s[1:].strip()
    return s


def _pictograph(c: str) -> bool:
    """An emoji or a pictographic symbol (and the joiners and selectors that shape one)."""
    return unicodedata.category(c) == "So" or c in "\ufe0f\u200d" or "\U0001f000" <= c <= "\U0001faff"


@lru_cache(maxsize=4096)
def section_name(line: str) -> str | None:
    """Canonical section name of a heading line, or None.

    A heading is a short line alone: bracketed (【他山之石】), starred (★ 市内信息), or a short
    column name ending in one of the genre's column words (州内信息, 县内动态).

    >>> section_name("★ 市内信息"), section_name("【全市一季度组织工作调度会交流发言材料摘编（二）】")
    ('市内信息', '交流发言')
    >>> section_name("【他山之石】"), section_name("【莲都区】“减负十条”让村社干部腾出手来抓服务") is None
    ('他山之石', True)
    >>> section_name("市委组织部召开全市一季度组织工作调度会") is None, section_name("■ 换届工作")
    (True, '换届工作')
    """
    s = line.strip()
    if len(s) > 44 or s.endswith(("。", "；", "，", "：")):
        return None
    starred = s[:1] in _SECTION_MARK
    core = _strip_marks(s)
    m = _BRACKETED.match(core)
    if m:
        name = m.group(1).strip()
        if "：" in name or "。" in name or (len(name) > 12 and not _SECTION_WORD.search(name)):
            return None  # a long bracketed line is a title: 【某县推行“三色预警”让考核长牙齿】
        if _MEDIA.fullmatch(name):
            return None  # [图片]: where a copied page had a picture
    else:
        m = _SECTION.match(core)
        if starred and not m and _COLUMN.match(core):
            return core  # ■ 换届工作, ◆ 基层党建: a column of the bulletin's own topics
        if not m or len(core) > (_STARRED_MAX if starred else 12):
            return None  # ◎ 琼中举办女干部综合能力提升专题培训班 is a headline, not a column
        name = m.group(1)
    if "发言" in name:  # 全市…调度会交流发言材料摘编（二）: the speeches of a meeting
        return "交流发言"
    return "经验交流" if "经验交流" in name else name


_COLUMN_TAG = re.compile(rf"[\u4e00-\u9fff]{{0,6}}{_SECTION_WORDS}")


def is_column_tag(tag: str) -> bool:
    """A column's name as a bracketed tag before a title (【简讯】, 【工作动态】, 【经验交流】): a few characters
    ending in one of the genre's column words."""
    return len(tag) <= 8 and bool(_COLUMN_TAG.fullmatch(tag))


_ELSEWHERE = re.compile(r"外|之石|借鉴|传真|视窗|撷英|参考|他山|各地|转载")


def elsewhere(section: str | None) -> bool:
    """A section of items from other places (市外参考, 州外参考, 他山之石, 外地经验), or 转载."""
    return bool(section and _ELSEWHERE.search(section))


def is_credit(line: str) -> bool:
    """Who edited or checked (（责任编辑：李娜）, 审核：张强): under each article of a web page as well as in
    an issue's closing block, so it ends the issue only when no article follows."""
    return bool(_CREDIT.match(line.strip()))


def is_footer(line: str) -> bool:
    """A footer line (报/送/发, 印发, 共印 N 份), or a web page's links to its previous and next posts (上一篇：):
    the issue has ended."""
    return bool(_FOOTER.match(line.strip())) or is_tail_widget(line)


def is_rule(line: str) -> bool:
    """A separator line (━━━, ────, ---, a lone ◆ between articles) or other debris without a word in it."""
    s = line.strip()
    return bool(
        _RULE.match(s) or s and len(s) <= 5 and not s.strip(ITEM_MARKS + _SECTION_MARK + " \u3000-—·")
    )


def is_leader_slot(line: str) -> bool:
    return bool(_LEADER_SLOT.search(line))


def is_toc_head(line: str) -> bool:
    """目录, 本期要目 … also spaced out as a heading often is (目　录, 目 录).

    >>> is_toc_head("目\u3000录"), is_toc_head("■ 本期导读"), is_toc_head("📖 本期导读"), is_toc_head("目前全县")
    (True, True, True, False)
    """
    return bool(_TOC_HEAD.match(re.sub(r"[ \t\u3000]+", "", _strip_marks(line))))


def is_note(line: str) -> bool:
    """The editor's note opening an issue (编者按：…)."""
    return bool(_NOTE.match(line.strip()))


@lru_cache(maxsize=4096)
def is_toc_entry(line: str) -> bool:
    """A contents line: ends in a page number (…… 2, .....3, or glued: 队伍2).

    >>> is_toc_entry("康定市：“三个一线”墩苗历练 加速年轻干部成长......2"), is_toc_entry("党务干部队伍2")
    (True, True)
    >>> is_toc_entry("全县共培训干部1200人次，覆盖率达到100"), is_toc_entry("2022年6月15日")
    (False, False)
    >>> is_toc_entry("春节前夕，镇党委班子成员分组走访慰问老党员和老干部43")
    False
    """
    s = line.strip()
    m = _TOC_ENTRY.search(s)
    if len(s) > 70 or not m or "。" in s[:-3]:
        return False
    if m.group(0)[:1] not in ".…·- \u3000" and "，" in s:
        return False  # a number glued on after a comma is a wrapped line's (…和老干部43 / 人，送去…)
    return s.count("，") <= 1


@lru_cache(maxsize=4096)  # lines are asked about more than once as the walker looks ahead
def is_furniture(line: str) -> bool:
    """Lines that close an article and are no part of any: headings, rules, slots, contents, footer."""
    s = line.strip()
    return bool(
        is_rule(s)
        or section_name(s)
        or _LATIN_CAPS.fullmatch(s)
        or is_leader_slot(s)
        or is_toc_head(s)
        or is_footer(s)
        or is_note(s)
    )


# a line in Latin capitals alone: a column head's English rendering (CADRE WORK), a page's decoration
_LATIN_CAPS = re.compile(r"[A-Z][A-Z &·'\-]{2,40}")


_WIDE_END = "。！？”）】;；…"


def ends_sentence(s: str) -> bool:
    """The line ends a sentence (so a break after it is a paragraph break, not a page or wrap)."""
    s = s.rstrip()
    return bool(s) and s[-1] in _WIDE_END


def outside_quotes(
    text: str, marks: str, start: int, end: int, opens: str = "“（(《", closes: str = "”）)》"
):
    """Positions of any of `marks` in text[start:end] that no quote or bracket holds, left to right."""
    depth = 0
    for i in range(start, end):
        ch = text[i]
        if ch in opens:
            depth += 1
        elif ch in closes:
            depth = max(0, depth - 1)
        elif ch in marks and not depth:
            yield i


def paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraph spans in text[start:end]: a line break counts only after a finished sentence.

    >>> t = "甲。\\n乙丙\\n\\n丁。\\n戊。"
    >>> [t[s:e] for s, e in paragraphs(t, 0, len(t))]
    ['甲。', '乙丙\\n\\n丁。', '戊。']
    >>> t = "如下：\\n年度\\t人数（名）\\n2021年\\t14\\n同时，建立档案。"
    >>> [t[s:e] for s, e in paragraphs(t, 0, len(t))]
    ['如下：\\n年度\\t人数（名）\\n2021年\\t14', '同时，建立档案。']
    """
    out: list[tuple[int, int]] = []
    para_start: int | None = None
    last_end = start
    last_row = False  # the line before was a table row (cells parted by tabs)
    for ln in lines_of(text, start, end):
        if not ln.text.strip():
            continue
        row = "\t" in ln.text.strip()
        if para_start is None:
            para_start = ln.start
        elif last_row and row:
            pass  # a table's rows are one paragraph (a header ending in （名） ends no sentence there)
        elif last_row or ends_sentence(text[para_start:last_end]):  # (a table's last row ends one)
            out.append((para_start, last_end))
            para_start = ln.start
        last_end, last_row = ln.end, row
    if para_start is not None:
        out.append((para_start, last_end))
    return out
