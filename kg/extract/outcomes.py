"""Reported figures (成效): 提拔重用优秀干部 420 人, 帮扶困难干部 49 人次 33.7 万元, 增幅达 37.5%.

A figure is a number followed by a measure word (人, 名, 个, 件, 万元, % …). What it counts is the noun phrase
after the measure word when there is one (选派 50 余名[优秀年轻科级干部]到乡镇), else the phrase before the
number, back to the clause boundary (近三年[提拔重用优秀干部] 420 人). Not figures: years (2019 年以来), dates
(4 月 15 日), ordinals (第九届, 第 12 期), durations (3 年, 2 个月), document numbers (〔2021〕12号), numbers in
《》 titles or in quoted slogans (“3+1”, “30%课堂+70%现场”), single Chinese numerals in names (六个必谈).

>>> [(o.value, o.unit, o.counted) for o in find_outcomes("共帮扶困难干部 49 人次 33.7 万元。")]
[(49.0, '人次', '帮扶困难干部'), (33.7, '万元', '帮扶困难干部')]
>>> [(o.value, o.unit, o.qualifier) for o in find_outcomes("2020年，共承诺事项3.6万余件。")]
[(36000.0, '件', '余')]
>>> find_outcomes("2019 年以来，4 月 15 日，第 12 期")
[]
"""

from __future__ import annotations

import re

from kg.extract.outcome_clause import (
    AGE_BEFORE_NOUN,
    FORMED,
    GONG_ADVERB,
    GONG_VERB,
    MEASURE_WORDS,
    MONEY_NOUN,
    NOT_BIRTH,
    NP_END,
    PERSON_HEADS,
    PERSON_UNITS,
    RANK_NEXT,
    RATE,
    RATE_OF,
    RELATIVE,
    segment,
    strip_trail,
)
from kg.model import Outcome
from kg.text.numerals import CN_UNITS, cn_number

_CJK = "\u4e00-\u9fff"
_UNITS = MEASURE_WORDS
_ZH_NUM = "[一二两三四五六七八九十百千]"
_NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|{_ZH_NUM}{{2,}})"
# money per head or per period after its unit (70元/人·天, 500元/月): part of the figure, not of its label
_RATE = r"(?<=元)[/／](?:人|户|村|月|天|年|次|期|场)(?:[·・/／](?:天|日|月|年|次))?"
_SP = r"[ \u3000\xa0]*"  # spaces inside a figure (近 300 人), never a line break (11:26\n本文…)
_FIGURE = re.compile(
    # a range repeats its unit or not (9至13人, 9人至13人, 30%～50%), and its ten thousands (3万至8万元)
    rf"(?P<num>{_NUM})(?:{_SP}(?P<w0>万|亿)?(?P<u0>{'|'.join(map(re.escape, _UNITS))})?(?P<r0>{_RATE})?{_SP}[-—~～至到]{_SP}(?P<up>{_NUM}))?{_SP}(?:(?P<q0>余|多)(?=[千万亿]))?(?P<wan>(?(w0)(?P=w0)|(?:万|亿|(?<=\d)千|(?<=\d余)千|(?<=\d多)千)))?{_SP}(?P<q1>余|多)?{_SP}"
    rf"(?P<unit>(?(u0)(?P=u0)|(?:(?:的)?系数|{'|'.join(map(re.escape, _UNITS))})))"
    rf"(?<!个(?=月|季度|工作日|小时|星期|年度|周))(?<!分(?=钟|别|之))(?<!部(?=分|门|署|长|队))(?P<rate>(?(r0)(?P=r0)|(?:{_RATE})?))(?:{_SP}(?P<q2>以上|以下|左右|余|多|以内|之间))?"
)
_PRE_QUAL = re.compile(
    r"(不少于|不低于|不超过|不高于|不足|不到|超过|高于|低于|逾|近|约|至少|大约|将近|多达|高达|(?<![赶])超)\s*$"
)
_BOUNDARY = "，。；：！？、,;:!?《》【】\n\t"  # a tab parts the cells of a table row
_SPLIT_ADVERB = re.compile(
    r".*(?:共计|合计|总计|累计|先后|已经|其中|目前|" + GONG_ADVERB + r"|已|(?<![村人年户月平日])均|分别|现有)"
)
_LEAD = re.compile(
    r"^(?:.*以来|.*至今|截至\S*?[，,]?|(?:近|这|过去)?[\d一二三两四五六七八九十]+年[来度]?"
    + NOT_BIRTH
    + r"|(?:[至到-])?\d{4}年(?:度|底|初)?"
    + NOT_BIRTH
    + r"|"
    r"今年|去年|当年|全年|每年|每月|近年来?|近期|同期|此外|同时|其中|"
    r"对|为|向|在|从|将|把|有|全县|全市|全区|全省|全镇|全乡|全州|全旗|全盟|该县|该市|该区|我县|我市|我区)+"
)
# words that end the noun phrase after a measure word (verbs, prepositions, adverbs); single characters only
# where they are rarely inside a noun
_NP_STOP = re.compile(
    r"(?:进行|参与|参加|启动|荣获|脱颖而出|担任|挂任|兼任|挂职|严格|全部|作为|纳入|开展|得到|获得|实现|进入|记[一二三]等功|下沉|接受|同步|"
    r"围绕|聚焦|针对|发放|建立|建成|常驻|入选|分获|予以|实行|开设|设立|定期|先后|累计|因为|由于|经过|通过|参照|按照|全面|"
    r"及时|及早|逐一|分批|" + NP_END + "|"
    r"的比例|到|在(?![职岗编任册读校])|与|按|从|向|于|达|占|(?<![村人年户月平日])均|已|赴|由|等|获|都|也|还|并|又|再|将|把)"
)  # (在职党员, 在岗干部: 在 makes an adjective there)
_NP_STOP_LATE = re.compile(
    r"被|优先|" + GONG_VERB + r"|组成(?=的|了)"
)  # end a phrase, but start 被问责干部, 优先晋升的情形
_ANGLE = re.compile(r"《[^《》]*》")
_QUOTE = re.compile(r"“[^“”\n]{1,25}”|\"[^\"\n]{1,25}\"")
_WIDE_DIGITS = {c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)} | {ord("％"): "%", ord("．"): "."}
_WIDE_DIGIT = re.compile("[" + "".join(map(chr, _WIDE_DIGITS)) + "]")
_DIGIT_PCT = re.compile(r"[\d%]")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"  # one character of [{_CJK}]


_DOCNO = re.compile(r"[〔［\[]\s*\d{4}\s*[〕］\]]\s*\d+\s*号")


def find_outcomes(text: str) -> list[Outcome]:
    """Every reported figure in `text`, in order.

    >>> [(o.value, o.upper, o.unit) for o in find_outcomes("由高至低划分为1-5档；按照1.0-1.3的系数确定")]
    [(1.0, 5.0, '档'), (1.0, 1.3, '系数')]
    >>> [(o.counted, o.qualifier) for o in find_outcomes("站内化解率达 80%以上")]
    [('站内化解率', '以上')]
    """
    masked = _masked(text)
    quoted = [q.span() for q in _QUOTE.finditer(masked)] if "“" in masked or '"' in masked else []
    if "《" in masked:  # a title's words too (《…关心关爱基层干部十二条措施》): the document's, not a result
        quoted += [q.span() for q in _ANGLE.finditer(masked)]
    out: list[Outcome] = []
    for m in _FIGURE.finditer(masked):
        s, e = m.start(), m.end()
        if not _is_figure(masked, m):
            continue
        if quoted and not m.group("num")[0].isdigit() and any(a < s < b for a, b in quoted):
            continue  # a Chinese numeral in a quoted name (“三岗十八级”) or a title counts nothing; digits are masked
        value, upper = _number(m.group("num")), _number(m.group("up")) if m.group("up") else None
        if value is None:
            continue
        unit = "系数" if m.group("unit").endswith("系数") else m.group("unit")
        if unit == "小时" and (
            m.group("q2") == "以内"
            or _DEADLINE.match(masked, e)
            or value == 24
            and _ROUND_THE_CLOCK.match(masked, e)
        ):
            continue  # hours that set a deadline or frame a service (24小时内响应, 24小时便民服务热线): a design
        if m.group("wan"):
            factor = {"千": 1000, "万": 10000}.get(m.group("wan"), 100000000)
            if (
                unit == "元" and factor > 1000
            ):  # money is counted in 万元 (1.2亿元 is 12000 万元); 5千元 is 5000 元
                unit = "万元"
                if factor > 10000:
                    value, upper = value * 10000, upper * 10000 if upper is not None else None
            else:
                value, upper = value * factor, upper * factor if upper is not None else None
        negative = _MINUS.search(text, max(0, s - 2), s)
        if negative is not None:  # 由2020年的-3.5%提升至6.8%: a fall below zero
            s, value, upper = s - 1, -value, -upper if upper is not None else None
        pre = _PRE_QUAL.search(text[max(0, s - 4) : s])
        qualifier = m.group("q0") or m.group("q1") or m.group("q2") or (pre.group(1) if pre else None)
        counted = _counted(text, masked, s, e, out)
        out.append(
            Outcome(
                float(value),
                unit,
                counted,
                qualifier,
                s,
                e,
                text[s:e],
                float(upper) if upper is not None else None,
                value_text=("-" if negative else "") + value_text(m, pre.group(1) if pre else None),
            )
        )
    from kg.extract.outcome_labels import label_outcomes  # it reads this module's helpers

    out = label_outcomes(text, masked, out)
    if "\t" in text:
        from kg.extract.outcome_table import table_outcomes

        out = table_outcomes(text, out)
    return out


def value_text(m: re.Match, pre_qualifier: str | None = None) -> str:
    """The figure as a reader should see it: the numbers as written (1.0 stays 1.0), a range joined by an
    en dash, 万/亿, the approximation markers where the source put them, the unit.

    >>> [o.value_text for o in find_outcomes("由高至低划分为1-5档，按照1.0 - 1.3的系数，共3.6万余件")]
    ['1–5档', '1.0–1.3系数', '3.6万余件']
    >>> [o.value_text for o in find_outcomes("近 300 人参加，化解率达80%以上，不少于2次，提高28% 左右")]
    ['近300人', '80%以上', '不少于2次', '28%左右']
    >>> [o.value_text for o in find_outcomes("回引人才超300名，整合资金1800余万元")]
    ['超300名', '1800余万元']
    """
    unit = "系数" if m.group("unit").endswith("系数") else m.group("unit")
    up = f"–{m.group('up')}" if m.group("up") else ""
    return "".join(
        x or ""
        for x in (
            pre_qualifier,
            m.group("num"),
            up,
            m.group("q0"),
            m.group("wan"),
            m.group("q1"),
            unit,
            m.group("rate"),
            m.group("q2"),
        )
    )


def _masked(text: str) -> str:
    """`text` with 《titles》, short quoted slogans and document numbers blanked (same length)."""
    if _WIDE_DIGIT.search(text):  # rare after the read stage; str.translate would walk every character
        text = text.translate(_WIDE_DIGITS)

    def blank(m: re.Match) -> str:
        inner = _DIGIT_PCT.sub("#", m.group(0)[1:-1])
        return m.group(0)[0] + inner + m.group(0)[-1]

    for pat in (_ANGLE, _QUOTE):
        text = pat.sub(blank, text)
    return _DOCNO.sub(lambda m: "#" * len(m.group(0)), text)


def _is_figure(text: str, m: re.Match) -> bool:
    s, e = m.start(), m.end()
    before = text[max(0, s - 3) : s].rstrip()
    if before.endswith(("第", "+", ".", "#")) or (
        before and before[-1].isalnum() and not _is_cjk(before[-1])
    ):
        return False
    if e < len(text) and text[e] in "+#" or re.match(r"\s*\+", text[m.end("num") :]):
        return False
    if m.group("unit") == "对" and re.match(r"\s*[\d一二三四五六七八九十]", text[e:]):
        return False  # 1对1帮带: a ratio, not pairs
    num = m.group("num")
    if re.fullmatch(_ZH_NUM + "+", num) and (len(num) < 2 or before.endswith("第")):
        return False
    if not num[0].isdigit() and m.group("unit") not in _PLACE_COUNTERS and _PLACE_SUFFIX.match(text, e):
        return False  # a place named by a numeral (十八台镇, 三十里铺村): no figure
    return True


_PLACE_SUFFIX = re.compile(r"(?:镇|乡|村|街道|社区|屯|嘎查|苏木|铺)")
# measure words that count places (二十个村, 十二名村干部): the place word after them is what is counted
_PLACE_COUNTERS = frozenset("个名人位座所家户支处批类")


def _number(s: str | None) -> float | None:
    if not s:
        return None
    if s[0].isdigit():
        return float(s.replace(",", ""))
    return _zh_number(s)


def _zh_number(s: str) -> float | None:
    """二十 -> 20, 一百二十 -> 120, 三十五 -> 35; None for digit strings like 三五 (a range, not a count)."""
    if not any(c in CN_UNITS for c in s):
        return None
    n = cn_number(s)
    return None if n is None else float(n)


def _counted(text: str, masked: str, s: int, e: int, previous: list[Outcome]) -> str:
    age_bound = _AGE_BOUND_PEOPLE.match(text, e) and re.search(r"岁\s*(?:以下|以上|以内)$", text[s:e])
    if age_bound and text[max(0, s - 2) : s] == "其中":
        # 储备村级后备干部623名，其中35岁以下的占71.3%: the whole's people, else those within the bound
        whole = next((o for o in reversed(previous) if o.end <= s), None)
        if whole is not None and whole.unit in PERSON_UNITS and len(whole.counted) > 2:
            return whole.counted
        return re.sub(r"\s+", "", text[s:e]) + "的"
    if age_bound and (among := _AMONG.search(text, max(0, s - 24), s)) is not None:
        # 提拔的干部中，40岁以下的占46.1%; 区管干部中35岁以下的有57名: the people the share is taken of
        return re.sub(r"\s+", "", among.group(1))
    rate = RATE.match(masked, e) if _MONEY_UNIT.search(text, s, e) else None
    paid = _noun_after(masked, rate.end()) if rate is not None else ""
    if MONEY_NOUN.search(paid):
        return paid  # 按每人每天80元标准发放驻村生活补助: the allowance paid at that rate
    named = RATE_OF.search(masked, max(0, s - 30), s) if rate is not None else None
    if named and MONEY_NOUN.search(named.group(1)):
        return named.group(1)  # 生活补贴按照每人每月500元的标准发放: named before the rate
    # 农户126户发展…: the noun before ends in the measure word, so it is what is counted, not what follows
    named_before = (
        s >= 2 and masked[s - 1] == text[e - 1] and text[e - 1] in "户人家" and _is_cjk(masked[s - 2])
    )
    after = "" if named_before else _noun_after(masked, e)
    if after and (not _MONEY_UNIT.search(text, s, e) or MONEY_NOUN.search(after)):
        return after  # after money only a sum's own noun (500万元专项资金), not its use (1.2亿元支持嘎查村…)
    prev = next((o for o in reversed(previous) if o.end <= s), None)
    if prev is not None and text[prev.end : s].strip() in ("", "、", "共", "计", "合计", "累计", "总计"):
        return prev.counted  # 49 人次 33.7 万元, 培训12期、320人次, 安排2批次共74人: one thing counted twice
    title = _TITLE_BEFORE.search(text, max(0, s - 60), s)
    if title is not None:
        return title.group(1)  # 编印《…履职应知应会手册》3000册: copies of that publication
    start = s
    while start > 0 and masked[start - 1] not in _BOUNDARY:
        start -= 1
    if prev is not None and prev.end > start:
        start = prev.end
    pre = _PRE_QUAL.search(text[start:s])
    phrase = re.sub(r"\s+", "", text[start : pre.start() + start if pre else s])
    cleaned = _clean(phrase)
    if cleaned in _REACH:
        event = _event_before(text, start)
        return event or cleaned
    if cleaned:
        return cleaned
    part = re.fullmatch(r"[，,、；;]?其中|[，,]", re.sub(r"\s+", "", text[prev.end : s])) if prev else None
    # (never across a clause's end: …32个重点项目攻坚一线，其中14人 / 每村3.5名。从年龄结构看，35岁)
    if prev is not None and prev.end > s - 12 and not part and not _CLAUSE_MARK.search(text, prev.end, s):
        return re.sub(r"\s+", "", text[prev.start : s])
    follow = re.match(rf"[\s{_CJK}]{{1,12}}", masked[e:])  # 近 300 人[参加]: the verb is all there is
    return re.sub(r"\s+", "", follow.group(0)) if follow else phrase


_CLAUSE_MARK = re.compile(r"[，,。；;！？\n]")
# a minus sign before a figure, not a range's dash (1-5档) nor a word's hyphen
_MINUS = re.compile(r"(?<![0-9A-Za-z\-－−~～])[-－−]$")
_MONEY_UNIT = re.compile(r"元")
_DEADLINE = re.compile(r"\s*之?内")
_ROUND_THE_CLOCK = re.compile(r"\s*[\u4e00-\u9fff“]")
_TITLE_BEFORE = re.compile(r"《([^《》]{2,40})》\s*$")
_AGE_BOUND_PEOPLE = re.compile(r"的\s*(?:占|有|达|为|\d)")
_AMONG = re.compile(r"(?:^|(?<=[，,。；;：:\n]))([^，,。；;：:\n]{2,20}?)中[，,]?\s*$")


# a figure that says how many an event reached (组织乡镇干部免费体检，覆盖632人): what is counted is that event
_REACH = frozenset(("覆盖", "惠及", "受益"))


def _event_before(text: str, start: int) -> str:
    """The last word of the clause before `start` in its sentence (…开展政策法规培训，[覆盖]580人次 -> 培训)."""
    end = start
    while end > 0 and text[end - 1] in "，, \t":
        end -= 1
    if end == 0 or text[end - 1] in "。；！？\n":
        return ""
    begin = max(text.rfind(c, 0, end) for c in "，,。；！？\n") + 1
    words = [w for w in segment(text[begin:end]) if re.fullmatch(r"[\u4e00-\u9fff]{2,}", w)]
    return words[-1] if words else ""


def _clean(phrase: str) -> str:
    phrase = re.sub(r"[（(][^（）()]*[)）]$", "", phrase)
    m = _SPLIT_ADVERB.match(phrase)
    if m and m.end() < len(phrase):
        phrase = phrase[m.end() :]
    phrase = _LEAD.sub("", phrase)
    phrase = strip_trail(phrase)
    if "的" in phrase[:-1]:
        tail = phrase.rsplit("的", 1)[1]
        if len(tail) >= 2:
            phrase = tail
    return phrase.strip("“”\"' ").lstrip("的")  # (…10万元以上[的]村: the bound's 的 is no part of it)


_PERSON_END = re.compile(PERSON_HEADS + "$")
_GOING = re.compile(r"(?:到|赴|深入|下沉|进驻|前往)")


def _noun_after(text: str, e: int) -> str:
    """The noun phrase a measure word introduces: 50 余名[优秀年轻科级干部]到乡镇 -> 优秀年轻科级干部."""
    j = e
    while j < len(text) and text[j] == " ":  # never across a tab into the next cell of a table
        j += 1
    m = re.match(r"\d{4}\s*年\s*", text[j:])  # 13名2019年选调生
    if m:
        j += m.end()
    age = AGE_BEFORE_NOUN.match(text, j)  # 28名35岁以下年轻干部: the age qualifies, the noun is counted
    if age:
        j = age.end()
    if j < len(text) and text[j] == "的":
        j += 1
    start = j
    out: list[str] = []
    while j < len(text) and len(out) < 24:
        ch = text[j]
        if ch in "（(":
            close = re.match(r"[（(][^（）()\n]{1,8}[)）]", text[j:])
            if not close or not out:
                break
            out.append(close.group(0))
            j += close.end()
            continue
        if ch in '“"' and len(out) >= 2 and out[0] != "被":  # (3名被评为“优秀党员”: what they became)
            break
        if ch in '“”"' or _is_cjk(ch):
            n = len("".join(out))
            if (_NP_STOP.match(text, j) and n != 1) or (_NP_STOP_LATE.match(text, j) and n >= 2):
                break
            if n and RANK_NEXT.match(text, j):
                break
            out.append(ch)
            j += 1
            continue
        if ch == " ":
            j += 1
            continue
        break
    phrase = "".join(out)
    rel = RELATIVE.match(text, start)
    # (4300余名在职党员到…等镇的社区报到: people whole before a verb of going are counted, not the place)
    gone = _PERSON_END.search(phrase) is not None and _GOING.match(text, j) is not None
    formed = rel is not None and FORMED.search(rel.group(0)) is not None  # 10名干部组成的工作队
    if rel and rel.end() - 1 > j and "《" not in rel.group(0) and not gone and not formed:
        # the scan stopped inside a relative clause (9名履职不[到]位的驻村干部): what is counted is its head
        return _noun_after(text, rel.end() - 1)
    phrase = strip_trail(phrase)
    return phrase if len(phrase.strip("“”")) >= 1 else ""
