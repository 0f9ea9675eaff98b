"""A practice's label: a short phrase that names the measure, for a reader comparing places.

In order of preference:
- a heading the article gives it (bold, parallel sentences, 一是/一、 items): 调查摸底先行, 在“选”字上精准发力;
  a short heading next to a numbered slogan of the practice's own text gets the slogan too
  (细化工作重点：“三进三问三听”), since the slogan is what a reader will recognise and search for;
- else its key clause: the first clause that says what is done, past the clauses that only set the scene -
  time (今年以来, 2018年以来), connectives (同时, 此外), purpose (为进一步调动…), scope (聚焦…等领域),
  the actor (山东省济宁市, 县委组织部) and adverbials (在…的基础上, 与…合作);
- cut at a word boundary, lists shortened to their first item (家庭农场、种养大户…等群体 -> 家庭农场等群体).
Never a time phrase or a connective, never a fragment cut mid-word.

>>> practice_label("none", None, "同时，每年遴选10名农业生产经营人才赴省内外农业高校进修培养，提高能力。")
'遴选10名农业生产经营人才赴省内外农业高校进修培养'
>>> practice_label("none", None, "为进一步调动村党组织书记的积极性，近些年来，山东省济宁市不断优化村党组织书记实绩考核机制，明确考核内容。")
'优化村党组织书记实绩考核机制'
>>> practice_label("bold", "细化工作重点", "细化工作重点。随机抽选2名调研员，做到“三进三问三听”。", brand="三进三问三听")
'细化工作重点：“三进三问三听”'
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.split.layout import ITEM_MARKS

MAX_LABEL = 30  # characters: a label, not a sentence
_SHORT_HEADING = 8  # a heading this short gets the practice's own slogan beside it
_CJK = "\u4e00-\u9fff"
_TRUE_HEADINGS = ("bold", "parallel")

_TIME = re.compile(
    r"^(?:(?:19|20)\d{2}年(?:\d{1,2}月)?(?:以来|来|底|初|起)?|近(?:些|几)?年来?|今年(?:以来)?|去年(?:以来)?|"
    r"近期|目前|当前|截至\S*|自\S*以来|\S{0,8}以来|每年|每月|每季度|每半年|年内|同期|日前|近日|前不久|"
    r"(?:(?:19|20)\d{2}年)?\d{1,2}月(?:\d{1,2}日)?(?:至\d{1,2}日)?(?:上午|下午|晚上?|[上中下]旬)?|"
    r"(?:从|自)?(?:现在|即日|今天|本月|下月|明年|\d{1,2}月(?:\d{1,2}日)?)起(?:[到至]\S{1,8})?)$"
)
_TIME_LEAD = re.compile(
    r"^(?:(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?(?:至\d{1,2}[月日](?:\d{1,2}日)?)?)?(?:以来|来)?"
    r"|近(?:些|几)?年来?|今年以来|去年以来|近期|目前|每年|每月|每季度)[，,]?"
)
_CONNECTIVE = re.compile(
    rf"^(?:[{ITEM_MARKS}]|"
    r"[①-⑳]|（[0-9一二三四五六七八九十]{1,3}）|[0-9]{1,2}[.、．](?![0-9])|[一二三四五六七八九十][是要]|第[一二三四五六七八九十][，,、]|其[一二三四五六七八九十][，,、]|同时|此外|另外|另一方面|一方面|首先|其次|再次|最后|因此|对此|为此|与此同时|在此基础上|总之|此后)[，,]?"
)
_GOAL_VERBS = (
    r"(?:进一步|切实|更好地?|有效|深入|全面|着力|加快|持续)?"
    r"(?:调动|激发|提高|提升|促进|推动|破解|解决|加强|激励|营造|发挥|做好|抓好|打造|建设|落实|引导|确保|实现|防止|避免|"
    r"深化|强化|优化|规范|拓宽|选好|用好|管好|育好|培养|帮助|让|使|了解|掌握|摸清|检验|推进|增强|树立|"
    r"贯彻|适应|应对|破除|补齐|缓解|满足|助力|服务|保障)"
)
_PURPOSE = re.compile(r"^(?:为了?|着眼于?|旨在)" + _GOAL_VERBS)
# a further goal after a purpose clause (为贯彻…，实现…总目标，某地…): not a measure
_GOAL = re.compile(
    r"^(?:进一步|切实|更好地?)?(?:实现|确保|满足|服务|助力)|^"
    + _GOAL_VERBS
    + r".*(?:目标|要求|需要|需求|作用|水平|氛围)$"
)
# the instructions a measure follows, however long their titles (按照省委组织部…《…实施意见》的要求)
_MANDATE = re.compile(r"^(?:按照|根据|依据|依照|遵照)[^，。；]*(?:要求|精神|部署|规定|安排)$")
_SCOPE = re.compile(
    r"^(?:聚焦|围绕|紧扣|立足|针对|紧盯|坚持|按照|根据|依据|结合)[^，。；]{0,30}?"
    r"(?:等|领域|工作|方面|要求|目标|需求|原则|思路|实际|情况|特点|重点|问题|短板|难题|瓶颈|痛点|堵点)$"
)
_ADVERBIAL = re.compile(
    r"^(?:在[^，。；]{0,24}(?:基础上|前提下|过程中|背景下|中|下|上)|(?:与|同|联合)[^，。；]{1,14}(?:合作|协作|联动|对接)"
    # the partner a body acts with (县委组织部联合县扶贫开发局，对第一书记进行考核)
    r"|(?:联合|会同|协同)[^，。；]{1,20}(?:局|部|委|办|院|校|会|厅|中心|单位|部门|机构)"
    r"|随着[^，。；]{2,30}|在[^，。；]{0,24}(?:之际|期间)|对于?(?![^，。；]*(?:进行|开展|实行|实施|给予|予以|作出|组织))[^，。；]{2,30})$"
)
# the actor before the verb: 县委组织部, 该市, 全县 (places are found with the gazetteer: 山东省济宁市)
_ACTOR = re.compile(
    r"^(?:(?:[县市区省]委|县|市|区|镇|乡)?(?:组织部|纪委监委|党校|委组织部)|该(?:市|县|区|镇|乡)|全(?:市|县|区|省|镇)|"
    r"我(?:市|县|区)|各(?:县|市|区|地|乡镇))(?=[\u4e00-\u9fff“])"
)
_ADVERB_LEAD = re.compile(r"^(?:不断|积极|先后|大力|着力|认真|切实|持续|进一步|全面|还|也|又)")
_SPAN_LEAD = re.compile(r"^(?:将|拟)?(?:用|利用|花)[^，。；]{1,10}?的?时间")  # 将用1个月左右的时间[组织实施…]
_CLAUSE_BREAK = re.compile(r"[，；,;]")
# (a question whose marks were lost still opens a report when the day follows it: “…困难 ”2月18日)
_SPEECH = re.compile(
    r"^(?:“[^”\n]{1,80}?[！？。!?…]”|(?:“[^”\n]{4,80}”){2,}(?:……|…)|“[^”\n]{4,80}”(?=(?:\d{1,2}月)?\d{1,2}日))+"
)
_SPEAKER = re.compile(r"^[^。！？“”\n]{0,50}?(?:说|表示|介绍|感慨道|坦言|告诉记者)(?:[。：:]|$)")
_BRACKETED = re.compile(r"[（(][^（）()]*[)）]")
_LIST = re.compile(rf"([{_CJK}“”]{{1,12}})(?:、[{_CJK}“”]{{1,12}})+(?=等)")
_END_FUNCTION = re.compile(r"(?:的|和|及|与|或|等|并|、|，|在|对|将|把|为|从|以|向)+$")
_CLAUSE = re.compile(r"[^，。；：！？,;:!?\n]+")
_QUOTED_BRAND = "“{}”"
_BRAND_NOUN = re.compile(
    r"^[”\"]?((?:[\u4e00-\u9fff]{0,4})?(?:工作法|机制|举措|活动|工程|模式|制度|体系|标准|行动|清单|计划|改革|"
    r"方式|平台|品牌|做法|路径|矩阵|理念|要求|原则))"
)


def practice_label(
    marker: str | None,
    heading: str | None,
    text: str,
    headline: str = "",
    brand: str | None = None,
) -> str:
    """The label of a practice from its segment (marker, heading), normalised text and brand.

    `headline` (the article's title without its place) names a practice that is the whole body or
    its lead paragraph (markers none, lead)."""
    head = _clean_heading(heading) if heading and marker != "cluster" else ""
    if _BOX_TAG.fullmatch(head):
        head = ""  # a box's label (【数说】 over figures) names no measure: the text does
    tag = _BOX_TAG.match(text)
    if tag:
        text = text[tag.end() :].lstrip("*：: \n")
    if head and (marker in _TRUE_HEADINGS or len(head) <= 16 and not _scene(head)):
        return _with_brand(head, text, brand)
    if marker in ("none", "lead") and headline:
        if len(headline) > MAX_LABEL and _CLAUSE_BREAK.search(headline):  # a headless report's first sentence
            return _trim(key_clause(headline) or key_clause(text) or headline)
        return _trim(headline)
    key = key_clause(text) or head or headline or text
    if len(key) > MAX_LABEL and brand and f"“{brand}”" in key:
        return _brand_phrase(key, brand)  # 对排查出的10个…严格落实“四个一”整顿举措 -> 落实“四个一”整顿举措
    return _trim(key)


# the label of a box beside an article's text (figures, a case, a comment, a link), not a measure's name
_BOX_TAG = re.compile(
    r"[【〖\[](?:数说|数读|数据|数字|一组数据|链接|相关链接|延伸阅读|点评|短评|评论|案例|典型案例|背景|小贴士|亮点|成效)[】〗\]]"
)


def _clean_heading(heading: str) -> str:
    heading = re.sub(r"\*+|#+|\s+", "", heading)
    return _CONNECTIVE.sub("", heading.strip("。；：:，, ")).strip("。；：:，, ")


def _scene(clause: str) -> bool:
    """A clause that only sets the scene: time, connective, purpose, scope, adverbial."""
    return bool(
        _TIME.match(clause)
        or _CONNECTIVE.fullmatch(clause)
        or _PURPOSE.match(clause)
        or _SCOPE.match(clause)
        or _ADVERBIAL.match(clause)
        or _MANDATE.match(clause)
    )


def key_clause(text: str) -> str:
    """The first clause of `text` that says what is done (see the module docstring); a report that
    opens with quoted speech (“各村的成绩又公布了！”) or a chain of quotes (“某某被派往…”“…”……) is
    read from after it."""
    spoken = _SPEECH.match(text)
    text = text[spoken.end() : 400] if spoken else text[:400]
    if spoken:  # and who said it: 11月26日，刚刚走出考场的某局年轻干部某某说。
        text = _SPEAKER.sub("", text)
    purpose = False
    for m in _CLAUSE.finditer(text):
        clause = re.sub(r"\s+|\*+", "", m.group(0))
        clause = _CONNECTIVE.sub("", clause)
        clause = _TIME_LEAD.sub("", clause)
        if purpose and _GOAL.match(clause) and text[m.end() : m.end() + 1] in ("，", ","):
            continue
        purpose = bool(_PURPOSE.match(clause))
        if not clause or _scene(clause):
            continue
        clause = _without_actor(clause)
        clause = _ADVERB_LEAD.sub("", _TIME_LEAD.sub("", clause))
        if len(clause) < 4 or _scene(clause):
            continue
        rest = _SPAN_LEAD.sub("", clause)
        return rest if len(rest) >= 4 and not _scene(rest) else clause
    return ""


def _without_actor(clause: str) -> str:
    """The clause without the places and bodies that open it: 山东省济宁市[不断优化…], 县委组织部[组成…]."""
    from kg.extract.localities import find_localities

    for _ in range(3):
        m = _ACTOR.match(clause)
        if m:
            clause = clause[m.end() :]
            continue
        places = [x for x in find_localities(clause[:16]) if x.start == 0 and x.locality is not None]
        if not places or places[0].end >= len(clause) - 3:
            break
        clause = clause[places[0].end :]
        if clause.startswith("的"):  # 石景山区的[鲁谷社区…揭牌]: the place owned what follows
            clause = clause[1:]
    return clause


def _brand_phrase(clause: str, brand: str) -> str:
    """The slogan with the verb before it and the kind of measure after it: 落实“四个一”整顿举措."""
    pos = clause.index(f"“{brand}”")
    before = _words(clause[:pos])
    verb = before[-1] if before and re.fullmatch(f"[{_CJK}]{{2}}", before[-1]) else ""
    after = clause[pos + len(brand) + 2 :]
    noun = re.match(rf"[{_CJK}]{{0,6}}", after).group(0)
    return _trim(f"{verb}“{brand}”{noun}")


def _trim(label: str) -> str:
    """At most MAX_LABEL characters, cut between words, lists shortened, no bracketed asides; a document's
    title is not cut (出台关于……的意见 keeps its end)."""
    label = _BRACKETED.sub("", label)
    label = _LIST.sub(r"\1", label)
    if len(label) > MAX_LABEL:
        from kg.extract.documents import find_documents

        doc = next((d for d in find_documents(label) if d.start < MAX_LABEL < d.end), None)
        if doc is not None and doc.end + (label[doc.end : doc.end + 1] == "》") <= MAX_LABEL + 12:
            return label[: doc.end + (label[doc.end : doc.end + 1] == "》")]
    if len(label) > MAX_LABEL:
        out = ""
        for w in _words(label):
            if len(out) + len(w) > MAX_LABEL:
                break
            out += w
        label = out
    label = _END_FUNCTION.sub("", label)
    if label.count("“") != label.count("”"):
        label = label.replace("“", "").replace("”", "")
    if label.count("《") != label.count("》"):
        label = label.replace("《", "").replace("》", "")
    return label


def load_segmenter() -> None:
    """Load rjieba's dictionary now (a worker process pays for it once, up front)."""
    _words("加载分词词典")


@lru_cache(maxsize=1 << 14)
def _words(text: str) -> tuple[str, ...]:
    import rjieba

    return tuple(rjieba.cut(text))


def _with_brand(head: str, text: str, brand: str | None) -> str:
    """A short heading with the practice's own slogan beside it: 细化工作重点：“三进三问三听”."""
    if not brand or brand in head or len(head) > _SHORT_HEADING:
        return head
    body = text[len(head) :] if text.startswith(head) else text
    pos = body.find(brand)
    if pos < 0:
        return head  # the slogan is the enclosing part's, not this practice's
    noun = _BRAND_NOUN.match(body[pos + len(brand) :])
    return f"{head}：{_QUOTED_BRAND.format(brand)}{noun.group(1) if noun else ''}"
