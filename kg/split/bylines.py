"""Who reported an article: the speaker's byline under a speech headline and the bracket that closes
an item — （岳西县委组织部）, （供稿：莲都区委组织部）, （作者单位：…）, or the unit alone on the last line.
A source bracket (（来源：某某网）, （摘自《组工通讯》）) closes the article without naming a unit.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.split.layout import ITEM_MARKS, ends_sentence, is_credit

_BYLINE = re.compile(
    r"(中共)?[\u4e00-\u9fff]{2,14}?"
    r"(?:(?:省|市|县|区|州|盟|旗)委(?:员会)?(组织部|宣传部|统战部|党校|办公室)?"
    r"|(?:镇|乡|街道)(?:党(?:工)?委|(?:工作)?委员会)()|(?:省|市|县|区|州|旗)纪委监委())"
)
# an office of the department after it (组织二科, 干部一科, 调研组, 研究室): the unit that wrote a report
_OFFICE = re.compile(
    r"(?:组织|干部|人才|研究|调研|办公|宣传|基层|组织员|干部监督|公务员|信息|综合|党员教育)?"
    r"(?:[一二三四五六七八九十]?(?:科|股|处)|室|组)"
)
_SPEAKER = re.compile(r"(?:常务)?副?(?:部长|书记|主任|局长|校长)[\u4e00-\u9fff]{2,3}")
# Common surnames (less 党 and 和, words of unit names): a writer's name after a unit (某县委组织部王磊) starts
# with one. Spaces between the unit and the name, and inside the name, are gone after normalisation, so
# the surname is the cue.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃"
    "武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉"
    "缪简车项连芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑"
    "郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉赖洪"
)
_NAME = rf"[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}"
# 文/王磊, 图：李娜 need their separator (文明办 is an office); 通讯员王磊 does not
_WRITER_ROLE = (
    r"(?:(?:本报|特约)?(?:通讯员|记者|作者|撰稿人?|执笔|摄影)[：:/／]?|(?:文|图|文/图|文／图)[：:/／])"
)
# writers after a unit: 王磊, 王磊、李强, 通讯员王磊李强, 记者张伟通讯员李娜
_WRITERS = re.compile(rf"(?:{_WRITER_ROLE}[\u4e00-\u9fff、，]{{2,12}}?)+|{_NAME}(?:[、，]?{_NAME}){{0,3}}")
_SOURCE_LINE = re.compile(
    r"^(?:稿件来源|信息来源|来源|转自|摘自|选自|原载|出处|发布时间|发布日期)[：:]\s*\S.{0,50}$"
)
_SPEAKER_ORG = re.compile(
    r"^((?:中共)?[\u4e00-\u9fff]{2,10}?(?:省|市|县|区|州|旗|盟)委)(?=常委|副?书记|委员)"
)
_CREDIT_LINE = re.compile(rf"^(?:{_WRITER_ROLE}|供稿人?[：:])\s*\S")  # 作者：王磊　来源：某县委组织部
_META_LINE = re.compile(r"^(?:关键词|关键字|标签|阅读量|字数)[：:]")
_CAPTION_LINE = re.compile(r"^[▲△（(]?\s*(?:图为|上图为?|下图为?|图片为|图：|图片：|图片来源|摄影：)")
_DATE_LINE = re.compile(
    r"^[（(]?[0-9]{4}\s*(?:年|-|\.|/)\s*[0-9]{1,2}\s*(?:月|-|\.|/)\s*[0-9]{1,2}\s*日?[）)]?$"
)
# a speaker alone under a speech's headline: posts, then a name (or ××× where a bulletin leaves it out)
_SPEAKER_LINE = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,8}(?:委|部|局|厅|政府|政协|人大)[\u4e00-\u9fff、]{0,12}|副?)"
    r"(?:书记|部长|主任|县长|市长|省长|区长|局长|常委|主席|委员|厅长|处长)"
    # the name after a space, or glued on where normalisation took the space out (…组织部部长赖文华)
    rf"(?:[ \t\u3000]+(?:[\u4e00-\u9fff][ \t\u3000]?){{2,4}}|{_NAME})$"
    r"|^[\u4e00-\u9fff、]{2,20}[ \t\u3000]*(?:×{2,3}|X{2,3}|某某)$"
    # the posts alone, the name left out (市委常委、组织部部长)
    r"|^(?:中共)?[\u4e00-\u9fff]{0,10}(?:省|市|县|区|州|旗|盟)委(?:常委|副书记)、[\u4e00-\u9fff]{0,10}(?:部长|书记|主任)$"
)
_END_BRACKET = re.compile(r"(?:(?<=[。！？”\n])|^)[ \t]*[（(]([^（）()\n。]{2,60}?)[）)][ \t\n]*$")
_FEED = re.compile(r"^(?:供稿单位|供稿|作者单位|报送单位|通讯员单位|单位)[：:]?\s*")
_SOURCE = re.compile(r"^(?:稿件来源|信息来源|来源|摘自|转自|选自|摘编自|据)[：:]?\s*")
_FEED_TAIL = re.compile(r"\s*(?:供稿|报送|撰稿|来稿)$")
_FEED_IN = re.compile(r"(?:作者单位|供稿单位|单位)[：:]\s*")
_NAMED = re.compile(
    r"^(.{2,30}?(?:组织部|党委|党工委|委员会|办公室|研究室|党校|纪委监委|局|中心|[科室股办]))"
    r"(?:(?:通讯员|信息员|联络员|记者|作者|执笔)[：:]?)?[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4})*$"
)
_WRITER_ONLY = re.compile(r"^(?:通讯员|记者|作者|执笔)[：:]?[\u4e00-\u9fff、]{2,12}$")
_ROLE_TAIL = re.compile(r"(?:信息员|通讯员|联络员)$")
_MARK = re.compile(rf"^[{ITEM_MARKS}]\s*")
_ORG_END = re.compile(
    r"(?:组织部|部|委|党委|党工委|党组|支部|总支|委员会|办公室|研究室|办|室|科|股|处|局|厅|中心|街道|政府|党校|所|站|队|镇|乡)$"
)
_MEDIA_END = re.compile(r"(?:网|报|台|号|刊|杂志|微信|公众号|客户端|新闻|日报|晚报|》)$")


def byline(line: str) -> tuple[int, str] | None:
    """(position, unit) of a party-committee byline ending the line.

    >>> byline("“三向”发力促规范选任质效双提升中共太湖县委组织部")
    (16, '中共太湖县委组织部')
    >>> byline("中共大观区委组织部"), byline("某某镇党委")
    ((0, '中共大观区委组织部'), (0, '某某镇党委'))
    >>> byline("会议由县委") is None, byline("——某某县委组织部"), byline("中共某某县委组织部部长张某")
    (True, (0, '某某县委组织部'), (0, '中共某某县委组织部'))
    >>> byline("某某区委组织部王磊"), byline("某某县委组织部通讯员李娜张伟"), byline("某某县委组织部召开")
    ((0, '某某区委组织部'), (0, '某某县委组织部'), None)
    >>> byline("（某某县委组织部王磊）")
    (0, '某某县委组织部')
    >>> byline("浏阳市委组织部组织二科"), byline("韶关市委组织部调研组"), byline("某县委组织部召开调研组")
    ((0, '浏阳市委组织部'), (0, '韶关市委组织部'), None)
    """
    s = line.rstrip()
    if len(s) > 80 or any(p in s for p in "。，；"):
        return None
    if s[:1] in "—-－（(":  # ——某某县委组织部, （某某县委组织部　王磊） alone on a line
        s = s.strip("—-－ （）()")
    start = s.rfind("中共")  # a byline inside a line starts at 中共; alone it may omit it
    if start < 0:
        start = 0
    m = _BYLINE.fullmatch(s, start)
    if m is None:  # 某县委组织部部长张三 / 某县委组织部王磊: the unit, then a speaker's post or writers
        m = _BYLINE.match(s, start)
        if m is None:
            return None
        office = m.group(2) and _OFFICE.fullmatch(s, m.end())  # 某市委组织部组织二科, 市委组织部调研组
        if not (office or _SPEAKER.fullmatch(s, m.end()) or _WRITERS.fullmatch(s, m.end())):
            return None
    if m.lastindex is None:  # bare 县委 is a word, not a byline
        return None
    return start, s[start : m.end()]


@lru_cache(maxsize=4096)  # the walker asks about a line more than once as it looks ahead
def attribution(line: str) -> tuple[str, str | None] | None:
    """What a line under a headline says about the article, if that is all it says: ("unit", unit)
    for a byline (某县委组织部, 某县委组织部　王　磊), ("writer", None) for 通讯员　刘　洋, ("speaker", committee) for
    中共某县委常委、组织部部长　王　磊 (the committee, when the post names one), ("source", None)
    for 来源：某某网　2025年4月18日 or a date alone.

    >>> attribution("某某区委组织部王磊"), attribution("通讯员刘洋"), attribution("来源：中国新闻网2025年4月18日")
    (('unit', '某某区委组织部'), ('writer', None), ('source', None))
    >>> attribution("（通讯员马晓燕）")
    ('writer', None)
    >>> attribution("建立一张清单") is None, attribution("来源广泛，形式多样。") is None
    (True, True)
    """
    s = line.strip()
    if _CAPTION_LINE.match(s) and len(s) <= 60:
        return "source", None  # a photo's caption under the headline (图为…。)
    if not s or len(s) > 60 or "。" in s or "，" in s:
        return None
    by = byline(s) if "委" in s else None  # (every byline names a 委: 县委, 镇党委, 纪委监委)
    if by is not None and by[0] == 0:
        return "unit", by[1]
    if re.fullmatch(rf"[（(]?(?:{_WRITER_ROLE}[\u4e00-\u9fff、]{{2,12}}?)+[）)]?", s):
        return "writer", None  # （通讯员马晓燕）: the writer in brackets under the body
    if _SOURCE_LINE.match(s) or _DATE_LINE.match(s) or _META_LINE.match(s):
        return "source", None
    if _CREDIT_LINE.match(s):
        return "writer", None  # 作者：王磊　来源：某县委组织部
    if _SPEAKER_LINE.match(s):
        # 中共秭归县委常委、组织部部长谭晓峰: who spoke, and the committee whose place the speech is about
        org = _SPEAKER_ORG.match(s)
        return "speaker", org.group(1) if org else None
    return None


def _unit_shaped(s: str) -> bool:
    return bool(_ORG_END.search(s)) and not _MEDIA_END.search(s) and len(s) <= 40


def reporting_unit(text: str) -> tuple[int, str | None] | None:
    """(position, unit) of the bracket closing an article; unit is None for a source bracket (which
    stays in the article's text) and "" for a bracket naming writers only (（通讯员　王磊）).

    >>> reporting_unit("……热情。\\n\\n（怀宁县委组织部）\\n")
    (7, '怀宁县委组织部')
    >>> reporting_unit("……增收。（供稿：某某区委组织部）"), reporting_unit("……提高。\\n（来源：某某县人民政府网）")
    ((5, '某某区委组织部'), (6, None))
    >>> reporting_unit("……办法（试行）") is None, reporting_unit("……。（作者：张三，单位：某某县委组织部）")
    (True, (3, '某某县委组织部'))
    >>> reporting_unit("……。\\n某某县委组织部\\n")
    (4, '某某县委组织部')
    """
    tail = max(text.rfind("（"), text.rfind("("), 0)
    back = text.rfind("\n", 0, tail) + 1  # search from the line holding the last bracket: it closes the text
    m = _END_BRACKET.search(text, back)
    if not m:
        return _unit_line(text)
    inner = m.group(1).strip()
    if "，" in inner and not _FEED_IN.search(inner):
        return None
    pos = m.start() + (len(m.group(0)) - len(m.group(0).lstrip(" \t")))
    src = _SOURCE.match(inner)
    if src:
        rest = inner[src.end() :]
        return pos, (
            rest if src.group(0).startswith(("来源", "稿件来源", "信息来源")) and _unit_shaped(rest) else None
        )
    feed = _FEED.match(inner) or _FEED_IN.search(inner)
    if not feed and _credits_only(inner):
        return pos, ""  # （撰稿：王磊　审核：李强）: the article's credits, no unit
    unit = inner[feed.end() :] if feed else inner
    unit = re.split(r"供稿|报送|撰稿|来稿", unit, maxsplit=1)[0].strip() or unit
    if " " in unit or "\u3000" in unit:  # 某某县委组织部 张三: the writer after a space
        unit = unit.split()[0]
    unit = _ROLE_TAIL.sub("", unit)  # 某某县委组织部信息员 张三
    if _unit_shaped(unit):
        return pos, unit
    if _WRITER_ONLY.match(unit):  # （通讯员　王磊）: the writers only close the article
        return pos, ""
    named = _NAMED.match(unit)  # 某某县委组织部张三: the writer's name after the unit
    if named and _unit_shaped(named.group(1)):
        return pos, named.group(1)
    return (pos, None) if feed else None


def _credits_only(s: str) -> bool:
    """The article's credits (撰稿：王磊　审核：李强), which name no unit (供稿：… does)."""
    return not _FEED.match(s) and bool(_CREDIT_LINE.match(s) or is_credit(s))


def _unit_line(text: str) -> tuple[int, str] | None:
    """A unit alone on the last line, after a finished sentence (some bulletins print it unbracketed)."""
    body = text.rstrip()
    cut = body.rfind("\n")
    if cut < 0 or not ends_sentence(body[:cut]):
        return None
    line = body[cut + 1 :].strip()
    pos = cut + 1 + len(body[cut + 1 :]) - len(body[cut + 1 :].lstrip())
    if _credits_only(line):
        return pos, ""  # 撰稿：王磊　审核：李强 on the last line: credits, no unit
    line = _MARK.sub("", line)  # ■某某县委组织部
    label = _FEED.match(line) or _SOURCE.match(line)  # 供稿：某某县委组织部 / 来源：某某县委组织部
    found = byline(_FEED_TAIL.sub("", line[label.end() :] if label else line))
    if found is None or found[0] > 0:
        return None
    return pos, found[1]
