"""Named documents: titles in 《》 and unbracketed regulations (出台关于……的意见).

Not every 《》 is a policy. The kind comes from the title's own ending and from the words around it:
- form: 介绍信, 登记表, 意见表, 承诺书 … (a sheet to fill in);
- film / media: 专题片, 宣传片, 纪录片 / 电视栏目, 节目, 专栏, 广播 next to the title;
- publication: 案例集, 汇编, 读本, 年鉴, a year in brackets ((2022)), a periodical issue after it (第 6 期);
- policy: the title names a regulation (办法, 意见, 规定, 制度, 通知, 方案, 措施, 细则, 条例 …);
- other: anything else.

>>> [(d.title, d.kind) for d in find_documents("设立《百姓问政》电视栏目和“5084”广播热线节目")]
[('百姓问政', 'media')]
>>> [(d.title, d.kind) for d in find_documents("出台《公务员考核记功奖励有关事宜的通知》《公务员平时考核实施方案》")]
[('公务员考核记功奖励有关事宜的通知', 'policy'), ('公务员平时考核实施方案', 'policy')]
"""

from __future__ import annotations

import re

from kg.model import DocumentRef
from kg.text.bulletin_names import is_bulletin_name

KINDS = ("policy", "media", "film", "publication", "form", "other")

_POLICY_END = (
    "实施办法|管理办法|暂行办法|办法|实施意见|指导意见|若干意见|意见|暂行规定|若干规定|规定|制度|通知|实施方案|工作方案|方案|"
    "若干措施|措施|实施细则|细则|条例|规则|规程|计划|决定|纲要|清单|标准|指引|准则|规划|要点|机制|守则|公约|"
    "办法（试行）|意见（试行）|规定（试行）|细则（试行）"
)
# a policy's title may end in brackets: （试行）, or the years it runs (三年行动计划（2024—2026年）)
_POLICY = re.compile(
    rf"(?:{_POLICY_END})(?:[（(](?:试行|暂行|修订|征求意见稿|(?:19|20)\d{{2}}\s*[—\-–~～至]+\s*(?:19|20)?\d{{2}}\s*年?)[)）])?$"
)
_FORM = re.compile(
    r"(?:介绍信|登记表|意见表|申请表|审批表|考核表|测评表|评议表|推荐表|备案表|统计表|情况表|调查表|征求意见表|信息表|"
    r"[^\s]表|卡|单|证|日志|台账|记录本|纪实本|纪实簿|登记簿|承诺书|责任书|申请书|告知书|通知书|意见书|建议书|保证书|确认书|委托书|提醒函|函)$"
)
_PUBLICATION = re.compile(
    r"(?:案例集|案例选编|汇编|选编|读本|年鉴|文集|文选|丛书|教材|手册|白皮书|画册|论文集|(?<![日杂])志)$"
)
_RECORD_BOOK = re.compile(r"(?:纪实|记实|记录|登记)(?:手册|册|簿|本)$")  # 成长纪实册, 驻村工作纪实手册
_YEAR_IN_BRACKETS = re.compile(r"[（(]\s*(?:19|20)\d{2}\s*(?:年|年版)?[)）]")
_FILM_WORDS = (
    r"专题片|宣传片|纪录片|微电影|电影|影片|短视频|微视频|警示片|教育片|微党课|党课片|拍摄|摄制|拍成"
)
_MEDIA_WORDS = r"电视栏目|栏目|节目|专栏|电视台|广播|频道|直播|报纸|杂志|公众号"
_FILM_END = re.compile(rf"(?:{_FILM_WORDS})$")
_FILM_BEFORE = re.compile(rf"(?:{_FILM_WORDS})(?:片名为?)?$")
_MEDIA_END = re.compile(r"(?:报|日报|晚报|周刊|杂志|栏目|节目)$")

_BRACKETED = re.compile(r"《([^《》]{1,80})》")
_ISSUED = (  # the longer forms first: 制定出台 is one verb, not 制定 before a title 出台…
    r"(?:制定出台|研究出台|研究制定|制定下发|联合印发|联合出台|出台了|制定了|印发了|出台|制定|印发|下发|修订)"
)
# a regulation cited by its issuer (落实区委组织部关于…的若干措施, 落实旗委组织部出台的关于…的若干措施)
_FOLLOWS = r"(?:贯彻落实|落实|贯彻|执行|按照|根据|依据|对照)"  # following someone else's rule
_CITED = (
    rf"{_FOLLOWS}"
    rf"(?:[^，。；：、《》\n关]{{1,12}}?[委部府办厅局院会])?(?:{_ISSUED})?"
)
_ABOUT = (
    r"关于[^，。；：、《》\n]{2,60}?的(?:[一二三四五六七八九十\d]{1,3}[条项])?(?:实施意见|指导意见|若干意见|意见|实施办法|管理办法|暂行办法|办法|"
    r"通知|实施方案|工作方案|方案|若干规定|暂行规定|规定|决定|实施细则|细则|若干措施|措施|制度)"
)
# where a practice follows someone else's rule: the groups in its title are whom that rule governs
CITED_TITLE = re.compile(rf"{_CITED}的?\s*{_ABOUT}")
_UNBRACKETED = re.compile(
    rf"(?:{_ISSUED}|{_CITED})的?\s*({_ABOUT})"
    rf"|{_ISSUED}\s*((?:(?!关于)[^，。；：、《》\n]){{2,30}}?(?:实施办法|管理办法|暂行办法|实施细则|实施意见|实施方案|工作方案|若干措施|若干规定|"
    rf"(?:考核|考评|评价|激励|奖励|扶持|认定|评选|选拔|容错纠错)办法))"
    rf"(?=[，。；：、（(\s]|[和及与]《|$)"
)


# issued by the place reported on: an issuing verb right before the title, no one else's rule followed
# (落实, 根据 …) and no higher body named in the clause (省委印发, 市委组织部出台 in a county's article)
_ISSUED_HERE = re.compile(rf"(?:{_ISSUED})了?$")
_HIGHER_BODY = re.compile(r"中央|中共中央|国务院|国家|全国|省|自治区|[市州盟]委|[市州盟]政府|上级")
_CITING = re.compile(_FOLLOWS)


def issued_here(before: str) -> bool:
    """Whether the words before a title (its clause, up to the title) say the place reported on issued it.

    >>> issued_here("县委组织部制定"), issued_here("认真落实市委组织部印发"), issued_here("省委组织部出台")
    (True, False, False)
    >>> issued_here("研究制定出台了"), issued_here("学习")
    (True, False)
    """
    clause = re.split(r"[，。；：！？\n]", before)[-1]
    return (
        bool(_ISSUED_HERE.search(clause)) and not _CITING.search(clause) and not _HIGHER_BODY.search(clause)
    )


_SHORT_RULES = re.compile(r"党章|宪法|准则|条例")  # a rule book cited by its short name (学习《党章》)


def classify(title: str, before: str = "", after: str = "") -> str:
    """Kind of a titled work from its title and the words just before/after the brackets.

    >>> classify("干部社区民调介绍信"), classify("初心不改为民服务", "制播", "专题宣传片1部")
    ('form', 'film')
    >>> classify("城市大脑案例集(2022)"), classify("组工通讯", "摘自省委组织部", "第6期")
    ('publication', 'publication')
    >>> classify("某县好支书", "事迹汇编成", "一书，在全县")
    'publication'
    >>> classify("警钟长鸣", "组织新提拔年轻干部观看警示教育片"), classify("朱德的扁担", "故事编入乡土读本")
    ('film', 'publication')
    >>> classify("大别山的红色记忆", "拍摄微党课")
    'film'
    >>> classify("某县年轻干部培养三年行动计划（2024—2026年）", "印发"), classify("第一书记驻村工作日志", "统一印制")
    ('policy', 'form')
    >>> classify("驻村工作纪实手册", "第一书记每月填写"), classify("组工信息", "被山东省委组织部", "刊发推广")
    ('form', 'publication')
    >>> classify("某省组工", "（摘编自", "）"), classify("之江新语", "深入学习"), classify("党章", "学习")
    ('publication', 'publication', 'other')

    """
    t = re.sub(r"\s+", "", title)
    after, before = re.sub(r"\s+", "", after), re.sub(r"\s+", "", before)
    if (
        _FILM_END.search(t)
        or re.match(rf"(?:等)?[\u4e00-\u9fff]{{0,3}}?(?:{_FILM_WORDS})", after)
        or _FILM_BEFORE.search(before)  # 观看警示教育片《警钟长鸣》
    ):
        return "film"
    if re.match(rf"(?:等)?[\u4e00-\u9fff]{{0,2}}?(?:{_MEDIA_WORDS})", after) or re.search(
        r"(?:电视|广播|栏目|节目)(?:栏目)?$", before
    ):
        return "media"
    if re.search(r"(?:填写|填报|如实记录|记入|登记)$", before) or _RECORD_BOOK.search(t):
        return "form"  # 每月填写《驻村工作纪实手册》: a booklet to fill in, not a book to read
    if (
        _PUBLICATION.search(t)
        or is_bulletin_name(t)  # (被省委组织部《组工信息》刊发推广)
        or _YEAR_IN_BRACKETS.search(t)
        or _PUBLICATION.search(before)  # 乡土读本《朱德的扁担》
        or re.search(r"(?:编|汇编|结集|印)(?:成|为)$", before)  # 汇编成《…成长记》
        or re.match(r"(?:\d{4}年)?第\s*\d+\s*期|(?:一|这)(?:书|本书|册)|等书", after)
    ):
        return "publication"
    if re.search(
        r"(?:入选|收录|编印|出版|刊登|刊发|编发|发表)(?:[^，。]{0,6})$", before
    ) and not _POLICY.search(t):
        return "publication"
    # where a piece was taken from ((摘编自《福建组工》)), or a work read as such (学习《摆脱贫困》)
    if re.search(r"(?:摘编自|摘自|选自|转自|转载自|引自|学习|研读|精读|通读|阅读)$", before) and not (
        _POLICY.search(t) or _FORM.search(t) or _MEDIA_END.search(t) or _SHORT_RULES.fullmatch(t)
    ):
        return "publication"
    if _POLICY.search(t):
        return "policy"
    if _FORM.search(t) or re.search(r"(?:填写|开具|发放|签订|签署|出具)$", before):
        return "form"
    if _MEDIA_END.search(t):
        return "media"
    return "other"


def find_documents(text: str) -> list[DocumentRef]:
    """Every 《》 title and every unbracketed named regulation in `text`, in order.

    >>> find_documents("出台关于常态化开展软弱涣散基层党组织整顿工作的意见，建立健全")[0].title
    '关于常态化开展软弱涣散基层党组织整顿工作的意见'
    >>> [d.title for d in find_documents("制定出台柔性引进人才实施办法，出台基层干部关爱激励办法，推出")]
    ['柔性引进人才实施办法', '基层干部关爱激励办法']
    """
    out: list[DocumentRef] = []
    for m in _BRACKETED.finditer(text):
        title = re.sub(r"\s+", "", m.group(1))
        if not title:
            continue
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() : m.end() + 8]
        kind = classify(title, before, after)
        here = kind == "policy" and issued_here(text[max(0, m.start() - 30) : m.start()])
        out.append(DocumentRef(title, kind, m.start(), m.end(), here))
    taken = [(d.start, d.end) for d in out]
    for m in _UNBRACKETED.finditer(text):
        g = 1 if m.group(1) else 2
        s, e = m.start(g), m.end(g)
        if any(s < b and e > a for a, b in taken):
            continue
        title = re.sub(r"\s+", "", m.group(g))
        here = issued_here(text[max(0, m.start() - 30) : s])
        out.append(DocumentRef(title, "policy", s, e, here))
    out.sort(key=lambda d: d.start)
    return out
