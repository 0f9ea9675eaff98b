"""The grammar of the clause around a reported figure: what stands before it, the noun phrase its measure
word introduces, the predicate after it, and how coordinated figures share them.

`kg.extract.outcome_labels` turns these parts into a reader's label. Everything here works on the text the
outcome extractor was given (`text`) and its masked copy (`masked`: 《titles》 and quoted slogans blanked).

>>> noun_phrase("先后对96个村级党组织进行整顿转化。", 6, "个")[0]
'村级党组织'
>>> leading_verb("提拔重用优秀干部"), leading_verb("开发区党工委")
('提拔重用', '')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.model import Outcome

# the measure words a figure ends in (longest first where one starts another: 人次 before 人)
MEASURE_WORDS = (
    "个百分点 人次 户次 场次 批次 轮次 课时 学时 小时 平方米 公里 周岁 元 人 名 位 个 件 期 次 场 项 条 户 岁 份 支 批 档 级 部 轮 处 "
    "种 类 家 所 块 对 座 间 套 张 本 篇 册 卷 封 幅 门 节 亩 吨 台 辆 栋 幢 路 倍 分 起 宗 笔 %"
).split()
PERSON_UNITS = frozenset("人 名 位 人次".split())
AGE_UNITS = frozenset(("岁", "周岁"))
EVENT_UNITS = frozenset("次 场 场次 期 批 批次 轮 轮次".split())
CJK = "\u4e00-\u9fff"
_CLAUSE_END = "，。；：！？\n;\t"  # a tab parts the cells of a table row
SENTENCE_END = "。；！？\n;\t"

# Action verbs of organisation-work reports (what is done to people, bodies and matters). A noun phrase
# stops before one; a label's leading verb is one (checked per word, so 开发区 is not 开发 + 区).
VERBS = frozenset(
    """提拔重用 提拔使用 提拔 重用 任用 使用 选拔 选派 选调 选聘 选树 遴选 选择 挑选 选送 抽调 抽选 调整 调配 交流 轮岗 下派 派驻
    推荐 提名 招录 招聘 录用 引进 回引 吸纳 储备 培养 培育 培训 轮训 调训 入库 挂职 晋升 晋级 套转
    帮扶 救助 慰问 关爱 资助 奖励 表彰 嘉奖 记功 评选 评定 通报 约谈 谈话 问责 处分 处理 免职 降职 撤换
    澄清 容错 化解 解决 排查 摸排 整顿 转化 整改 审计 考察 考核 测评 评议 走访 深入 蹲点 聘请 聘任
    举办 开展 启动 组织 组建 组成 建成 建立 设立 设置 打造 制定 出台 印发 提出 明确 细化 落实 完成 实现
    发放 投入 投资 筹集 拨付 增加 接入 开发 上线 公开 受理 办结 收集 修订 完善 推广 带动 示范 配备
    接受 参加 参与 覆盖 下沉 承诺 兑现 签订 召开 编发 编印 刊发 制播 拍摄 播放 宣讲 征集 梳理
    确定 划分 分为 给予 安排 开设 内设 争取 对接 对照 公示 取消 吸引 服务 联系 结对 包联 享受 颁发 优选
    聚焦 围绕 瞄准 针对 对标 立足 坚持 注重 突出 强化 加强 推行 推动 推进 实施 探索 创新 健全 规范 涵盖""".split()
)
# verbs that set a measure's scope or design rather than report what it achieved: 聚焦6种情形, 细化12条标准
SCOPE_VERBS = frozenset(
    "聚焦 围绕 瞄准 针对 对标 立足 对照 细化 明确 涵盖 包括 分为 划分 覆盖 坚持 注重 突出".split()
)
_VERB_RE = re.compile("|".join(sorted(map(re.escape, VERBS), key=len, reverse=True)))
_PREPS = frozenset("对 将 把 为 给 向 与 同 和 在 从 由 让 使 按 按照 依照 依据 根据 通过 经 以 对于".split())
# 共 as an adverb before a verb or figure (共配备153人, 共15名), not in 公共 or a word (共青团, 共同, 共享,
# 共产党员, 共建单位)
GONG_ADVERB = r"(?<!公)共(?![青同享识产]|建单位)"
GONG_VERB = r"(?<!公)共(?=\d|为|[\u4e00-\u9fff]?[配选派有计培组建发开举吸推储帮联结排摸调整查走收评兑投争引招落完打表创解化提慰])"
_ADVERB_SPLIT = re.compile(
    r".*(?:共计|合计|最终|最后|总计|累计|先后|已经|其中|目前|现有|共有|"
    + GONG_ADVERB
    + r"|已|(?<![村人年户月平日])均|分别)"
)
# the pool a later figure is taken of: 全乡46名村“两委”成员[中]，已有39人…
POOL_WORD = r"(?:之|当)?中"  # the locative that names a pool (…成员[中], …干部[之中])
POOL_END = POOL_WORD + r"(?=[，,：:]|已?有|共有)"
# what ends a noun phrase counted, in both scanners (here and kg.extract.outcomes): a verb of dividing (15个乡镇
# [分为]三个梯队), the pool's 中
NP_END = r"分为|分成|划分为|" + POOL_END
# between a pool and the figure taken of it: …行政村中，已有[402个], …干部中有[6名]
POOL_GAP = re.compile(POOL_WORD + r"[，,]?\s*(?:已有|已经有|有|共有|已|其中)?\s*")
RANK_NEXT = re.compile(
    r"第\s*[\d一二三四五六七八九十]+\s*(?:名|位|[，。；,;]|$)"
)  # a rank after a noun: 14个县（市、区）[第3名]
# a year of birth says who is counted (1986年及以后出生的领导干部): it stays in a label
NOT_BIRTH = r"(?!(?:及|以|之)?(?:以后|以前|后|前)?出生)"
LEAD = re.compile(
    r"^(?:.*以来|.*至今|截至\S*?|(?:近|这|过去)?[\d一二三两四五六七八九十]+年[来度]?"
    + NOT_BIRTH
    + r"|(?:[至到-])?\d{4}年(?:度|底|初)?"
    + NOT_BIRTH
    + r"|"
    r"今年|去年|当年|全年|每年|每半年|每季度|每月|每周|近年来?|近期|同期|此外|同时|另外|一次性|确保|力争|要求|"
    r"(?:今年)?(?:上半年|下半年|[一二三四]季度|前三季度)|"
    r"至少|必须|随机|全县|全市|全区|全省|全镇|全乡|全州|全旗|全盟|全街道|该县|该市|该区|我县|我市|我区|各地|各级|"
    r"[一二三四五六七八九十]是|其[一二三四五六七八九十]|第[一二三四五六七八九十](?!书记)[，,、]?|其中)+"
)
# a reporting body as the subject: 县委组织部[组成]8个调研小组
_SUBJECT = re.compile(
    rf"^[{CJK}]{{0,8}}?(?:组织部|纪委监委|党工委|县委|市委|区委|党委|政府|党校)(?=(?:{_VERB_RE.pattern})(?!部))"
)
_LOCATIVE = re.compile(
    rf"(?:在|从)[^，。；]{{1,20}}?(?:中|上|下|里|期间|方面|之际|领域)(?=(?:{_VERB_RE.pattern}))"
)
# the means before the verb: [依托西柳服装市场、腾鳌经济开发区等平台]建立人才实训基地16个
_MEANS = re.compile(
    rf"^(?:依托|依靠|借助|利用|通过)[^，。；：]{{1,24}}?(?:平台|载体|阵地|资源|方式|形式|渠道|优势)"
    rf"(?=(?:{_VERB_RE.pattern}))"
)
# an adverbial of manner inside the clause: 以“一对一”的形式[访谈], 采取集中授课的方式[培训]
_IN_MANNER = re.compile(
    r"(?:以|采取|采用|运用|按照)[^，。；：]{1,16}?的?(?:形式|方式|办法)(?=[\u4e00-\u9fff])"
)
_MANNER = re.compile(
    rf"^(?:注重|坚持|着力|积极|大力|认真|及时|主动|切实|全力|持续|按时|择优|随机)+(?=(?:{_VERB_RE.pattern}))"
)
# a quantity of the noun phrase, reported by the next figure: 10个软弱涣散村党组织[村均收入]为35.6万元
_QUANTITY = re.compile(
    r"(?:[村人户年月]?均|平均)?(?:收入|增收|收益|金额|资金|经费|报酬|工资|薪酬|待遇|比例|比重|占比|增幅|增长率|年龄|[^和]率)$"
)
_JOINER_END = re.compile(r"(?:和|(?<![涉普危])及|与|、)+$")
# verbs of a state, not an event, that end a modifier: [来自]5个乡镇的20名干部
_STATIVE_END = re.compile(r"(?:来自|来源于|分布在|分布于|位于|所在|隶属于?)$")
_OTHER_FIGURE = re.compile(r"\d+(?:\.\d+)?(?![\d.岁年])")
# copulas and conjunctions that end a phrase before a figure; the 与 of 参与 and the 到 of 得到 are verbs
_TRAIL = re.compile(
    r"(?:(?:提高|提升|增加|增长|上升|降低|下降|减少|缩短|扩大)(?:到|至)|"  # 人均体检标准[提高到]800元
    r"为|达到|达|约|计|了|(?<![拥具持享])有|是|至|(?<![得受收做看听遇])到|超|共|和|(?<![涉普危])及|(?<![参给])与|等|、)+$"
)
_PRE_QUAL = re.compile(
    r"(?:不少于|不低于|不超过|不高于|不足|不到|超过|高于|低于|逾|近|约|至少|大约|将近|多达|高达)$"
)

# a sum that is a rate and the verb that pays it (80元标准发放驻村生活补助, 3000元的标准兑现慰问金): what is
# counted is what it pays (kg.extract.outcomes), the label names it paid (kg.extract.outcome_labels)
RATE = re.compile(
    r"\s*的?\s*标准\s*(?:随工资|按月|按季度?|按年|逐月|一次性|统一)?\s*(发放|落实|给予|兑现|提供|拨付|安排|核发)"
)
# the nouns money is named by (a sum's own noun: 500万元专项资金; what a rate pays: 驻村生活补助)
MONEY_NOUN = re.compile(
    r"(?:资金|经费|补贴|补助|资助|奖金|奖励|基金|款|费|薪酬|报酬|工资|津贴|保额|收入|资产|投资|礼包|慰问金|抚恤金)$"
)
# periods a figure is given per (每月, 每季度, 每学期)
PERIODS = r"(?:年|半年|季度|季|月|周|星期|旬|天|日|学期|届)"
# what a rate pays, named before it: [生活补贴]按照每人每月500元的标准发放; the rate's own words after 按(照)
RATE_OF = re.compile(
    rf"([\u4e00-\u9fff]{{2,10}}?)(?:按照|按)((?:每(?:人|户|村|名|位|个|家|次|期|场|{PERIODS})){{0,3}})[^，。；：\n]{{0,6}}$"
)

# what money is spent on, by the verb opening it (投入资金180万元[改造]乡镇干部周转房)
SPENT_ON = re.compile(
    r"(?:新建|改建|扩建|改造|建设|建成|修缮|维修|购置|配备|配齐|完善|改善|打造|提升|保障|解决|落实|发放|资助|奖励|补助|"
    r"支持|扶持|开展|实施|举办|设立)"
)
# nouns too general to say what was counted on their own (聚焦6种情形, 1个单位, 12条标准)
GENERIC = frozenset(
    """方面 情形 情况 措施 举措 问题 标准 事项 单位 个人 人 人员 干部 同志 比例 占比 比重 数量 总数 人数 项目 工作
    活动 内容 领域 环节 方式 形式 渠道 平台 机制 制度 条款 类别 类型 种类 部分 批次 次数 岗位 档次 等次 级别
    对象 群体 名额 指标""".split()
)
RATIO = re.compile(r"^(?:占比|比例|比重|占.*)$")
_HEADS = (
    r"(?:干部|书记|人才|党员|公务员|选调生|干事|正职|副职|代表|委员|群众|村民|职工|博士|专家|高管|主任|头羊|头雁|同志|达人|"
    r"科干|老基层|个人|人员|人士|负责人|带头人|农民|青年|军人|能人|乡贤|员|生|者|师|长|手|官|匠)"
)
PERSON_HEAD = re.compile(_HEADS + r"[”\"]?$")
_PERSON_ANY = re.compile(_HEADS)
PERSON_HEADS = _HEADS  # the nouns a phrase naming people ends in
ORG_END = re.compile(r"(?:村|社区|乡镇|街道|镇|乡|单位|部门|企业|机关|学校|党组织|支部|班子|县|市|区)[)）]?$")
ROLE = re.compile(r"^(?:担任|兼任|挂任|作为|出任|任)(?!务|期|职)")
# the figure is the size of the field a place was ranked in (在10个县（市、区）排名靠前), not a result
RANKED = re.compile(r"^(?:中)?(?:排名|排序|位列|名列|位居|居)")
# (…成员[中]，已有39人: the pool a later figure is taken of, no predicate)
_WEAK_POST = re.compile(r"^(?:为主|为重点|为核心|为主体|为例|为准|以上|以下|左右|等|" + POOL_WORD + r")?$")
_MAX_POST, MAX_LABEL, _LONG_PRE = 36, 44, 24


# a quoted honour or role given to the people or places counted: “初心书记”, “红色管家”, “五星级党支部”
_QUOTED_TITLE = re.compile(
    r"[“\"][\u4e00-\u9fff·]{0,12}?(?:书记|主任|干部|党员|管家|先锋|标兵|能手|模范|之星|楷模|明星|带头人|工作者|"
    r"党组织|党支部|支部|示范点|工作室|基地|驿站|村|社区|集体|个人|单位|一把手|头雁|领头雁)[”\"]"
    r"(?![\u4e00-\u9fff]{0,2}(?:称号|荣誉))"
)


@dataclass
class Frame:
    o: Outcome
    np: str = ""  # noun phrase after the measure word
    np_end: int = 0
    de: bool = False  # the source joined figure and noun phrase with 的 (10%的村党组织书记)
    rest: str = ""  # words cut off the end of a count of people (773名公务员[职级套转])
    given: str = ""  # the phrase before the figure, when the figure before named it (村均收入为35.6万元)
    list_verb: str = ""  # the verb a list of figures shares (建成7个…、14个…)
    enumerated: bool = False  # a general noun counting the items listed before it (立足A、B、C4个方面)
    modifier: bool = False  # the figure sits inside a noun phrase (35岁以下年轻科干)
    pre: str = ""  # the clause before the figure, cleaned
    prep: bool = False  # a preposition governs the figure (对/将/为 …)
    subset: bool = False  # a 其中 clause
    post: str = ""  # the predicate after the noun phrase
    post_shared: bool = False  # the predicate came from a later coordinated figure
    label: str = ""
    counted: str = (
        ""  # what was counted, when the label's reading corrects the first cut (a change's subject)
    )
    ok: bool = True


def wide_commas(text: str) -> str:
    """A comma the read stage left half-width (before digits: 倾斜,2020年) still ends a clause."""
    return re.sub(r"(?<!\d),|,(?!\d)|(?<=[\u4e00-\u9fff]),", "，", text) if "," in text else text


@lru_cache(maxsize=1 << 16)
def segment(text: str) -> tuple[str, ...]:
    """rjieba's words (the segmenter is loaded by kg.extract.stage.preload in worker processes)."""
    import rjieba

    return tuple(rjieba.cut(text))


@lru_cache(maxsize=1)
def _dictionary_verbs() -> frozenset[str]:
    """The two-character words jieba's dictionary tags as plain verbs (v; not vn, which reads as a noun as
    often): 召回, 补充, 清退, 增补 — verbs the list above does not hold, for the few places that only ask
    whether a clause has a verb of its own."""
    from importlib.util import find_spec

    spec = find_spec("jieba")  # (its dictionary file only: importing jieba itself costs more than reading it)
    path = Path(spec.origin).with_name("dict.txt") if spec and spec.origin else None
    if path is None or not path.is_file():
        return frozenset()
    with path.open(encoding="utf-8") as lines:
        words = (ln.split(" ", 1)[0] for ln in lines if ln.endswith(" v\n"))
        return frozenset(w for w in words if len(w) == 2)  # (longer ones are often nouns: 选调生 v)


def is_verb(word: str) -> bool:
    """An action verb of the list above, or a plain verb of jieba's dictionary (召回 17名)."""
    return word in VERBS or word in _dictionary_verbs()


def leading_verb(phrase: str) -> str:
    """The verbs a phrase starts with, word by word: 提拔重用优秀干部 -> 提拔重用; 开发区… -> ''."""
    if not _VERB_RE.match(phrase):
        return ""  # most phrases: no segmenting needed
    out = []
    for w in segment(phrase)[:3]:
        if w not in VERBS:
            break
        out.append(w)
    return "".join(out)


def _last_verb(phrase: str) -> str:
    """The verb nearest the figure: 明确开发区党工委、各乡镇党委必须[配备]1名."""
    return next((w for w in reversed(segment(phrase)) if w in VERBS), "")


# ---- the noun phrase after the measure word -----------------------------------------------------------

# a relative clause before the head noun; its parts may be listed (不胜任、不尽职的村党组织书记)
RELATIVE = re.compile(
    rf"[^，。；：、！？“”\"\s\d](?:(?:[^，。；：！？“”\"\s\d]|“[^“”，。]{{1,8}}”){{0,15}}?"
    # (a long one lists no parts: 14名在改革发展中出现失误但符合容错情形的干部, not 23名选调生全部安排到
    # 某乡、某镇等乡镇的村任职)
    rf"|[^，。；：、！？“”\"\s\d]{{16,20}}?)的(?=[{CJK}“])"
)
_NP_STOP = re.compile(
    r"(?:进行|参与|参加|启动|围绕|聚焦|荣获|担任|挂任|兼任|挂职|严格|全部|作为|纳入|开展|得到|获得|实现|进入|下沉|接受|同步|发放|建立|建成|做到|"
    r"常驻|入选|分获|予以|实行|开设|设立|定期|先后|累计|因为|由于|经过|通过|参照|按照|全面|深入|实时|成功|蹲点|"
    + NP_END
    + "|"
    r"的比例|到|在(?![职岗编任册读校])|与|按|从|向|于|达|占|(?<![村人年户月平日])均|已|赴|由|等|获|都|也|还|并|又|再|将|把|被|"
    r"(?<!行)为|(?:设|列|定|确定|命名|认定)为|" + GONG_VERB + r"|组成(?=的|了))"
)  # (13个班子共配备153人: 共 starts the predicate; 10名干部组成的工作队: the people form it)
_DONE = re.compile(rf"(?:{_VERB_RE.pattern})了")
_COVERS = re.compile(r"全?覆盖(?![率面])")
_PASSIVE = re.compile(
    r"被(?:评|提拔|推荐|选|授予|表彰|列|确定|纳入|任命|聘|吸收|录|认定|命名|查处|处分|问责|调整|免)"
)
_LISTED = re.compile(rf"(?:、[{CJK}]{{2,8}}){{1,6}}等(?![\d一二三四五六七八九十])")
# people listed without 等 (158名优秀青年农民、大中专毕业生、返乡青年[走进考场]): each item ends in a person noun
_PEOPLE_LISTED = re.compile(rf"(?:、[{CJK}]{{0,6}}?{_HEADS})+")
# where people work, listed before the people (机关、事业单位优秀年轻干部): the list ends in a person noun
_OWNERS_LISTED = re.compile(
    rf"(?:、[{CJK}]{{1,6}}(?:单位|机关|企业|部门|学校|医院|乡镇|街道|村|社区))+[{CJK}]{{0,8}}?{_HEADS}"
)
_PEOPLE = re.compile(rf"[{CJK}]{{0,8}}?{_HEADS}(?:、[{CJK}]{{0,6}}?{_HEADS})*")


# what follows a quoted name when the name is the whole noun: an adverb and a verb, or a verb
_VERB_AFTER_NAME = re.compile(
    rf"(?:持续|不断|积极|有效|逐步|全面|切实|深入|主动|广泛|带动|辐射|引领|助推|推动|服务|帮助|覆盖)"
    rf"|(?:{_VERB_RE.pattern})(?![站点室队所中心团组])"
)


def noun_phrase(masked: str, e: int, unit: str) -> tuple[str, int, bool, str]:
    """(noun phrase, its end, joined by 的, words cut off a count of people) after the figure ending at `e`."""
    j = e
    while j < len(masked) and masked[j] in " \t":
        j += 1
    year = re.match(r"\d{4}\s*年\s*", masked[j:])  # 13名2019年选调生
    if year:
        j += year.end()
    if masked.startswith("的比例", j):  # 按不超过20%的比例[确定]: the figure is a rate, its noun 比例
        return "比例", j + 3, True, ""
    age = AGE_BEFORE_NOUN.match(masked, j)  # 31名35岁左右年轻干部: the age says which people
    if age:
        j = age.end()
    de = j < len(masked) and masked[j] == "的"
    j += de
    start = j
    rel = RELATIVE.match(masked, j) or _HONOURED.match(masked, j)
    if rel and FORMED.search(rel.group(0)):
        rel = None  # 10名下派干部组成的工作队: the people counted form what follows
    head = ""
    if rel:
        head, j = rel.group(0), rel.end()
    elif (verb := leading_verb(masked[j : j + 8])) and not (
        PERSON_HEAD.match(masked[j : j + 3]) or _HEAD_AFTER_VERB.match(masked, j + len(verb))
    ):
        return "", start, de, ""  # 投资3000万元[建成]…: the predicate starts right away
    out: list[str] = []
    while j < len(masked) and len(out) < 24:
        ch = masked[j]
        n = sum(map(len, out)) + len(head)  # characters so far (a quoted title is one piece of many)
        if ch in "（(":
            close = re.match(r"[（(][^（）()\n]{1,8}[)）]", masked[j:])
            if not close or not n:
                break
            out.append(close.group(0))
            j += close.end()
            continue
        if ch in '“"':
            title = _QUOTED_TITLE.match(masked, j)
            if title:  # 12名优秀“初心书记”, 20名“担当作为好干部”: an honour's name is the noun
                out.append(title.group(0))
                j = title.end()
                continue
            if len(out) >= 2 and not (out[-1] in '”"' and out[0] in '“"'):
                break  # (7对“青”“蓝”: quoted words side by side are one noun)
        if ch in '“”"' or "\u4e00" <= ch <= "\u9fff":
            if ch not in '“”"' and _QUOTED_PAIR.fullmatch("".join(out)):
                break  # 46名“土专家”“田秀才”[同台竞技]: the quoted names are the noun
            if n and RANK_NEXT.match(masked, j):
                break  # 14个县（市、区）第3名: a rank follows the noun
            stop = _NP_STOP.match(masked, j)
            # (one character may open a word a stop starts; a two-character verb ends a one-character
            # place noun: 166个村开展…)
            one_place = n == 1 and out[-1] in "村镇乡户校" and len(stop.group(0)) >= 2 if stop else False
            if stop and (n >= 2 if masked[j] in "被为设列定确命认" else n != 1 or one_place):
                break
            if not n and _PASSIVE.match(masked, j):
                break  # 23名被评为“秦岭乡村工匠”: the figure's people are the passive clause's subject
            if n >= 2 and _DONE.match(masked, j):
                break  # 1608个村（社区）完成了换届选举: a verb with 了 is the predicate
            if n and _COVERS.match(masked, j):
                break  # 499个软弱涣散村全覆盖“村村到”, 20万元以上村全覆盖: what covers them follows
            out.append(ch)
            j += 1
            if ch in '”"' and out[0] in '“"' and _VERB_AFTER_NAME.match(masked, j):
                break  # 14家“强村公司”持续发展…: the quoted name is the noun, a verb follows
            continue
        listed = _LISTED.match(masked, j) if ch == "、" and out else None
        if not listed and ch == "、" and unit in PERSON_UNITS and PERSON_HEAD.search(head + "".join(out)):
            listed = _PEOPLE_LISTED.match(masked, j)
        if not listed and ch == "、" and unit in PERSON_UNITS and ORG_END.search(head + "".join(out)):
            listed = _OWNERS_LISTED.match(masked, j)  # 141名机关、事业单位优秀年轻干部: people of both
        if listed:  # 高校教师、党校讲师、…等
            out.append(listed.group(0))
            j = listed.end()
            continue
        break
    phrase = head + "".join(out)
    if age and phrase:
        phrase = re.sub(r"\s+", "", age.group(0)) + phrase
    if (
        phrase.endswith("的")
        and j < len(masked)
        and masked[j].isdigit()
        and not re.search("[和及与或、]", phrase)
    ):
        # 122个行政村新当选的685名…: the villages, not who they elected
        phrase = _before_relative_verb(phrase)
    rest = ""
    named = _QUOTED_PAIR.fullmatch(phrase)  # “土专家”“田秀才”: people by their names
    if unit in PERSON_UNITS and phrase and not named and not PERSON_HEAD.search(phrase.removesuffix("等")):
        skip = len(head) if re.fullmatch(_HONOUR, head) else 0  # not a person named in the honour's name
        heads = [h for h in _PERSON_ANY.finditer(phrase) if h.start() >= skip]
        ends, at = set(), 0
        for w in segment(phrase) if len(heads) > 1 else ():
            at += len(w)
            ends.add(at)
        heads = [h for h in heads if h.end() in ends] or heads  # not 生 in 农业生产经营人才
        if heads:  # 441名科级干部[任职资格条件], 32名单位负责人[上线]
            end = heads[0].end() if heads[0].end() >= 2 else heads[-1].end()
            listed = [
                h.end() for h in heads if "、" in phrase[: h.end()] and _PEOPLE.fullmatch(phrase[: h.end()])
            ]
            end = max(listed, default=end)  # 优秀青年农民、返乡青年[走进考场]: the whole list
            phrase, rest = phrase[:end], phrase[end:]
            j -= len(rest)
    return phrase, j, de, rest


def _before_relative_verb(phrase: str) -> str:
    """A noun phrase ending in a relative clause whose head is another figure's noun, without that clause:
    行政村新当选的 -> 行政村. Unchanged when no verb ends it."""
    words = list(segment(phrase[:-1]))
    cut = False
    while words and (words[-1] in _RELATIVE_VERBS or words[-1] in _RELATIVE_ADVERBS):
        cut = cut or words[-1] in _RELATIVE_VERBS
        words.pop()
    rest = "".join(words)
    return rest if cut and len(rest) >= 2 else phrase


# a verb before a person noun makes a kind of people (10名下派干部, 5名挂职干部), not a predicate
# (21个组成部门, 8个帮扶单位: a kind of body)
_HEAD_AFTER_VERB = re.compile(r"(?:干部|人员|书记|队员|党员|部门|单位)(?![\u4e00-\u9fff]{0,2}[到赴])")
# a subject, then the word that has the figure count it (…干部共有 / 共 / 共计)
_SUBJECT_HAS = re.compile(r"^(.*?[\u4e00-\u9fff）)”])(?:共有|共计|合计|总计|共)$")
AGE_BEFORE_NOUN = re.compile(r"\d{1,2}\s*周?岁(?:及?以下|及?以上|左右)?的?(?=[\u4e00-\u9fff“])")
_QUOTED_PAIR = re.compile(r"(?:“[^“”]{1,8}”){2,}")
# who won an honour, before the people counted (13位荣获“优秀党务工作者”称号的书记)
_HONOUR = r"(?:荣获|获得|获评|被评为|被授予)[“\"][^“”\"\n]{1,30}[”\"](?:荣誉)?(?:称号)?的"
_HONOURED = re.compile(_HONOUR + r"(?=[\u4e00-\u9fff“])")
FORMED = re.compile(rf"[{CJK}]{{2}}(?:组成|组建|构成)的$")
_RELATIVE_ADVERBS = frozenset("新 共 已 先后 累计 分别 同步 共同".split())
_RELATIVE_VERBS = VERBS | {"当选"}  # (当选 is what the people did, no action on them)


_CONDITION_LIST = re.compile(r"、[^，。；：！？]{2,30}?(?:的|干部|人才|人员|党员|书记|大学生|毕业生)")


_MANNER_VERBS = frozenset("围绕 聚焦 瞄准 针对 对标 立足 对照 按照 通过 结合 依托 根据 坚持 注重".split())
_BOUNDS = frozenset("以上 以下 以内 及以上 及以下 低于 高于 不足 不到 超过".split())
_BOUND_OF = re.compile(
    rf"的(?:(?=\s*\d)|([{CJK}（）]{{1,10}}?)(?:(?:达到|达|有|共有|共|为)?\s*(\d)|(?![{CJK}（）])))"
)
_BOUNDED = re.compile(_HEADS + r"|村|社区|乡镇|街道|单位|部门|企业|党组织|支部|班子")


def is_modifier(masked: str, f: Frame) -> bool:
    """An age threshold inside a noun phrase: 35岁以下[的]年轻干部, 50岁以上公务员."""
    if f.o.unit not in AGE_UNITS:
        # 收入10万元以上的村达到318个, 得分90分以上的干部: a bound on whom or what the phrase names, not a
        # result (100万元以上的资金: the sum itself)
        if f.o.qualifier not in _BOUNDS:
            return False
        bound = _BOUND_OF.match(masked, f.o.end)
        return bool(bound and (bound.group(1) is None or bound.group(2) or _BOUNDED.search(bound.group(1))))
    if f.np or masked[f.o.end : f.o.end + 1] == "的":
        return True
    # one of a list of conditions before the people: 35岁以下、全日制本科及以上学历[的]年轻干部
    return bool(f.o.qualifier and _CONDITION_LIST.match(masked, f.o.end))


def share_heads(masked: str, frames: list[Frame]) -> None:
    """Coordinated figures share the head noun written once at the end: 2种优先晋升和4种不得晋升的情形,
    提拔的266名、晋级的441名科级干部, 9个乡镇（街道）和40个村（社区）."""
    for f, nxt in zip(frames, frames[1:], strict=False):
        gap = masked[f.np_end : nxt.o.start]
        if f.np.endswith(("和", "及", "与")) and not gap.strip():
            head = nxt.np.rsplit("的", 1)[1] if "的" in nxt.np else ""
            f.np = f.np[:-1] + (f"的{head}" if head and not f.np[:-1].endswith(head) else "")
        elif not f.np and nxt.np and re.fullmatch(rf"、[{CJK}]{{0,6}}的?", gap):
            f.np = nxt.np.rsplit("的", 1)[1] if "的" in nxt.np else nxt.np
        elif (
            re.fullmatch(r"(?:为|达|达到|是|约|超过|近)?", gap) and _QUANTITY.search(f.np) and not f.modifier
        ):
            nxt.given = f.np
            f.np = f.np[: _QUANTITY.search(f.np).start()] or f.np


# ---- the clause before the figure ---------------------------------------------------------------------


def strip_trail(phrase: str) -> str:
    """The phrase without the copulas and conjunctions that end it before a figure (覆盖率[达], 共[有])."""
    return _TRAIL.sub("", phrase)


def clause_start(text: str, s: int) -> int:
    """Where the clause holding position `s` starts (after its last comma, full stop, colon …)."""
    i = s
    while i > 0 and text[i - 1] not in _CLAUSE_END:
        i -= 1
    return i


# an adverb before an item's own verb (共提拔重用56人、进一步使用23人): the list's verb is not its verb
_ADVERB_LEAD = re.compile(r"^(?:进一步|再|又|另|还|也|新)(?=[\u4e00-\u9fff])")


_NOT_AN_ITEM = ("其余", "其他", "另", "剩余", "每", "平均")
_PREP_CHARS = frozenset(p for p in _PREPS if len(p) == 1)  # 从中筛选68名: led by a preposition


def _next_item(text: str, prev: Frame | None, f: Frame, raw: str) -> bool:
    """Is the figure the next item of a list the figure before began with its verb, after a comma
    (选派第一书记45名，驻村工作队员135名)? Only when the item has no verb of its own, counts in the same
    unit and is no 其中 part."""
    if prev is None or f.subset or not prev.list_verb or not raw or prev.o.unit != f.o.unit:
        return False
    if "的" in raw or raw.startswith(_NOT_AN_ITEM) or raw[0] in _PREP_CHARS:
        return False  # 评为一星级的…37个, 其余2个: a clause of its own, the rest, a rate per unit
    if text[prev.np_end : clause_start(text, f.o.start)].strip() != "，" or not prev.pre.startswith(
        prev.list_verb
    ):
        return False
    if is_verb(segment(raw)[0]):
        return False  # 选派干部9名，召回17名: 召回 is its own verb, not a second thing 选派
    return not _VERB_RE.search(raw) or not any(w in VERBS for w in segment(raw))


def _same_clause(text: str, a: int, b: int) -> bool:
    return not any(ch in _CLAUSE_END for ch in text[a:b])


def same_sentence(text: str, a: int, b: int) -> bool:
    return not any(ch in SENTENCE_END for ch in text[a:b])


# the whole area as the scope of what is counted: [台安县对]全县[185名村党组织书记]
_SCOPE_END = re.compile(r"(?:全|本|该)(?:省|市|州|盟|县|区|旗|镇|乡|街道)(?:各)?$")


def _scope_after_prep(raw: str) -> str:
    """Without a scope word between a preposition and its figure (对全县185名…, 为全镇36名…), so that
    the preposition is seen; a scope after a verb stays (覆盖全县18个乡镇)."""
    m = _SCOPE_END.search(raw)
    if m is None or not m.start():
        return raw
    words = segment(raw[: m.start()])
    return raw[: m.start()] if words and words[-1] in _PREPS else raw


def _strip_prep(raw: str) -> tuple[str, bool]:
    """A preposition at either end of the phrase before a figure: 先后[对]96个, 通过…等方式[与]204名,
    根据档次[按照]1.0-1.3的系数. What stands before a final preposition is context (time, occasion, manner)."""
    words = segment(raw)
    if len(words) > 1 and words[-1] in _PREPS - {"为", "和"}:  # 划分为1-5档: 为 is the copula
        return "", True
    if words and words[0] in _PREPS and not re.match(r"由(?:高|低)[至到]|在[岗职编任册线读校建途]", raw):
        return LEAD.sub("", raw[len(words[0]) :]), True
    return raw, False  # 在岗选调生, 在职党员: 在 makes an adjective there, not a preposition


def read_before(text: str, frames: list[Frame], i: int) -> None:
    f = frames[i]
    s = f.o.start
    cs = clause_start(text, s)
    start = cs
    prev = previous_frame(frames, i)
    in_list = prev is not None and prev.np_end <= s and _same_clause(text, prev.np_end, s)
    if in_list:
        start = max(start, prev.np_end)
    f.subset = "其中" in text[max(0, cs - 4) : s] or (
        # …其中23名担任村党组织书记，9名提拔为副科级干部: the 其中 list goes on, clause by clause
        prev is not None and prev.subset and cs == s and same_sentence(text, prev.o.end, s)
    )
    if f.given:
        f.pre = f.given
        return
    gap = text[prev.o.end : s].strip() if in_list else None
    # 选派10批21万余名干部: batches, then the people with their own noun
    own_noun = (
        in_list
        and text[prev.o.end : s] == ""
        and f.np
        and not prev.np
        and f.o.unit in PERSON_UNITS
        and prev.o.unit not in PERSON_UNITS | {"%"}
    )
    if (gap == "" and not own_noun) or (
        gap == "、" and prev.o.unit == f.o.unit and not prev.pre.startswith("较")
    ):
        # 9批次314人次, 49人次33.7万元: the same thing counted twice; 分别奖励10000元、5000元: one label
        f.pre = prev.pre
        f.prep = prev.prep
        f.label = "="
        return
    # 比1978年 stays, and a year of birth (1986年及以后出生的): it says who is counted
    raw = re.sub(r"\s+|(?<![比较])\d{4}年(?:度|\d{1,2}月)?(?:以来)?" + NOT_BIRTH, "", text[start:s])
    raw = re.sub(
        r"[（(](?:[^（）()]*\d[^（）()]*|其中[^（）()]*)[)）]$", "", raw
    )  # an aside, not 乡镇（街道）
    raw = _PRE_QUAL.sub("", raw)
    raw = raw.lstrip("、和及与并")
    m = _ADVERB_SPLIT.match(raw)
    subject = _SUBJECT_HAS.match(raw) if m and m.end() == len(raw) and not f.np else None
    if subject and len(subject.group(1)) >= 2:
        # 35岁左右年轻干部共有31人: what stands before 共有 is what is counted
        m, raw = None, subject.group(1)
    framed = m is not None  # 目前在岗312名, 累计…: the figure has its own frame
    if m:
        raw = raw[m.end() :]
    # 建成人才公寓120套、已入住人才236名: an item with its own 已 has its own verb, not the list's
    own_verb = m is not None and m.group(0).endswith(("已", "已经"))
    raw = LEAD.sub("", raw)
    raw = _SUBJECT.sub("", raw)
    raw = _LOCATIVE.sub("", raw)
    raw = _MANNER.sub("", _MEANS.sub("", raw))
    manner = _IN_MANNER.search(raw)
    if manner:  # 深入各部门以“一对一”的形式[访谈]: how it was done, not what
        raw = raw[manner.end() :]
    raw = re.sub(r"(?<=[\u4e00-\u9fff])了(?!解)", "", raw)
    raw = _scope_after_prep(raw)
    raw, f.prep = _strip_prep(raw)
    ends_joined = _JOINER_END.search(raw) is not None  # (涉及, 普及: verbs, not 及 "and")
    # 收入低于5万元的68个村: the figure before is a bound on these, its words theirs
    bound = i > 0 and frames[i - 1].modifier and text[frames[i - 1].o.end : s] == "的"
    other_figure = _OTHER_FIGURE.search(raw) is not None and not bound
    if f.np and (ends_joined or raw.endswith("等") or "、" in raw or other_figure):
        # 立足A、B、C、D4个方面: a general noun counting the items just listed is a scope
        f.enumerated = f.np in GENERIC and bool(re.search(r"、[^、，等]{1,12}$", raw))
        joined = ends_joined
        raw = _JOINER_END.sub("", raw)
        # 在梓山镇潭头村等12个村, 建成数据中台和6个基础数据库: what stands before is not what is counted
        if f.prep:
            raw = ""  # 以服务中心、协管业务…等6个方面为主: a prepositional list of examples
        elif joined or raw.endswith("等") or other_figure:  # examples, another figure's words
            raw = _last_verb(raw.split("、")[0] if raw.endswith("等") else raw)
        elif _last_verb(raw) and raw.rstrip("和及与、").endswith(_last_verb(raw)):
            raw = _last_verb(raw)  # 开发区党工委、各乡镇党委必须[配备]1名: the list is the subject
        # else 公开区直部门、乡镇（街道）988项权责事项: the list owns what is counted
    raw = strip_trail(raw)
    f.list_verb = leading_verb(raw)
    if f.list_verb in _MANNER_VERBS:
        f.list_verb = ""  # 围绕…开展专题培训11期、参训1300人次: how, not what the list's items share
    joined = in_list and text[prev.np_end : s].lstrip().startswith(("、", "和", "及"))
    if in_list and (joined or not raw):
        # 建成7个街道大党工委、14个社区大党委 / 接入视频监控3700多路、城市部件10万多个: one verb for the list;
        # 6个方面11个问题: one phrase for both
        verb = f.list_verb = prev.list_verb
        if not raw and not joined and prev.np:
            # 投入资金360万元新建改造乡镇干部周转房96套: what the money built is what is counted next
            spent = re.match(f"(?:{SPENT_ON.pattern})+", prev.np) if prev.o.unit.endswith("元") else None
            raw = prev.np if spent else prev.pre
            if spent:
                f.list_verb = spent.group(0)  # (…、食堂和澡堂15个: built too)
            if prev.np.endswith("的"):  # 来自11个街道的18名书记: where they come from is no event
                raw = _STATIVE_END.sub("", raw)
        elif (
            verb
            and not own_verb
            and not raw.startswith(verb)
            and (not leading_verb(_ADVERB_LEAD.sub("", raw)) or without_verb(raw) in GENERIC)
        ):
            words = list(segment(verb))
            while words and raw.startswith(words[-1]):
                words.pop()  # 制定整顿措施55项、整顿标准65条 -> 制定 + 整顿标准
            raw = "".join(words) + raw
        if not raw or raw == verb:
            f.prep = prev.prep
    elif not framed and not f.prep and _next_item(text, prev, f, raw):
        raw = prev.list_verb + raw  # 提拔80后13人，90后9人: the second item is 提拔 too
    if not f.np and len(raw) > _LONG_PRE and "的" in raw:
        raw = raw.rsplit("的", 1)[1]  # 对在…等领域表现突出的[基层公务员记三等功]
    f.pre = raw.strip("“”\"'")


def previous_frame(frames: list[Frame], i: int) -> Frame | None:
    for k in range(i - 1, -1, -1):
        if not frames[k].modifier:
            return frames[k]
    return None


# ---- the predicate after the noun phrase --------------------------------------------------------------


def read_after(masked: str, frames: list[Frame], i: int) -> None:
    f = frames[i]
    j = f.np_end
    end = j
    while end < len(masked) and masked[end] not in _CLAUSE_END:
        end += 1
    nxt = frames[i + 1] if i + 1 < len(frames) else None
    if nxt is not None and nxt.o.start < end:
        gap = masked[j : nxt.o.start]
        if POOL_GAP.fullmatch(gap):
            return  # 24名干部中有6名得到重新使用: the pool did nothing, the figure taken of it did
        if len(gap) <= 20 and not _VERB_RE.search(gap) and "的" not in gap:
            f.post, f.post_shared = nxt.post, True  # 为7个单位、13名个人[记二等功]
            return
        if gap.lstrip().startswith(("、", "和", "及", "与")):
            return  # 11个问题、省委组织部…反馈的12个方面: the words before the next figure are its own
        end = nxt.o.start
        if _BARE_VERB.sub("", re.sub(r"\s+", "", gap)) in VERBS:
            return  # 13个班子[共配备]153人: the verb takes the next figure; this one is its subject
    f.post = _clean_post(masked[j:end])
    if f.post.startswith(("为", "作为")) and masked[max(0, f.o.start - 2) : f.o.start].rstrip().endswith(
        "以"
    ):
        f.post = ""  # 以2所基层党校为辐射点: what the figure counts is taken as something, no predicate


_BARE_VERB = re.compile(r"^(?:共计|合计|累计|总计|共)")  # the adverb before a verb alone (共配备)


def _clean_post(post: str) -> str:
    post = re.sub(r"\s+", "", post)
    post = re.sub(r"^(?:都|全部|均|已经|已|同步|先后|分别|共同|按程序|随后|再|也|还)+", "", post)
    post = re.sub(r"(?<=[\u4e00-\u9fff])了(?!解)", "", post)
    post = re.sub(r"(?:等|和|及|与|、)+$", "", post)
    while len(post) > _MAX_POST and "、" in post:
        post = post[: post.rindex("、")]  # 挂职锻炼[、跟班学习]
    if len(post) > _MAX_POST:
        return ""
    if re.match(r"(?:组成|组建|构成)的", post):
        return ""  # 10名下派干部[组成的工作队]: what the people form, not what they did
    return "" if _WEAK_POST.match(post) else post


# ---- the label ----------------------------------------------------------------------------------------


def without_verb(phrase: str) -> str:
    """The phrase without its first verb: 聚焦情形 -> 情形, 制定整顿措施 -> 整顿措施."""
    words = segment(phrase)
    return phrase[len(words[0]) :] if words and words[0] in VERBS else phrase
