"""What a reported figure counts, in words a reader understands: the label beside the number in a memo.

The genre reports a result as a clause around a figure (number + measure word). The label is rebuilt from
that clause's grammar, never from the sample's strings:
- the figure before its noun phrase: [verb] N MW [noun phrase] [predicate]
    选派 50余名 优秀年轻科级干部 到乡镇挂任…     -> 选派到乡镇挂任…的优秀年轻科级干部  (where they were sent;
                                                   a list of places before 等 gives way to its kind)
    对 96个 村级党组织 进行整顿转化               -> 进行整顿转化的村级党组织  (after a preposition the predicate
                                                                             says what happened to them)
    选调 12名 干部 担任非公党建指导员              -> 选调担任非公党建指导员的干部  (a bare noun needs it too)
    将 101名 任职一年以上的村书记 纳入管理范围     -> 任职一年以上的村书记  (a relative clause already says it)
- the figure after its phrase: [verb + object] N MW
    提拔重用优秀干部 420人                         -> 提拔重用优秀干部
    目前入库 312人   (a bare verb)                 -> 入库的农村产业发展带头人  (the group named before it)
    占比 10.97%      (a share)                     -> 35岁以下年轻科干占比  (of the figure before it)
- coordinated figures share their verb and predicate: 建成7个街道大党工委、14个社区大党委;
  为7个单位、13名个人记二等功; a 其中 clause is a part of the figure before it (其中正科级56名).

An outcome is marked not for display (displayable=False) when no such label exists: a scope rather than a
result (聚焦6种情形, 以…等6个方面为主, 细化12条标准), an age threshold inside a noun phrase (35岁以下年轻科干:
its words go into the next figure's label), a verb without an object (举办38期), a share of nothing, a rule
(每年开展集中培训1次, 每名导师结对不超过3人).

>>> from kg.extract.outcomes import find_outcomes
>>> [(o.label, o.displayable) for o in find_outcomes("先后对96个村级党组织进行整顿转化。")]
[('进行整顿转化的村级党组织', True)]
>>> [o.label for o in find_outcomes("选派30名年轻干部到征地拆迁、信访维稳等一线岗位墩苗历练。")]
['选派到一线岗位墩苗历练的年轻干部']
>>> [(o.label, o.displayable) for o in find_outcomes("聚焦6种情形，全覆盖调研摸底。")]
[('聚焦情形', False)]
>>> [o.label for o in find_outcomes("目前，我县35岁以下年轻科干107人，占比10.97%。")][1:]
['35岁以下年轻科干', '35岁以下年轻科干占比']
"""

from __future__ import annotations

import re

from kg.extract.outcome_clause import (
    AGE_UNITS,
    CJK,
    EVENT_UNITS,
    GENERIC,
    GONG_VERB,
    LEAD,
    MAX_LABEL,
    MONEY_NOUN,
    ORG_END,
    PERIODS,
    PERSON_HEAD,
    PERSON_HEADS,
    PERSON_UNITS,
    POOL_GAP,
    RANK_NEXT,
    RANKED,
    RATE,
    RATE_OF,
    RATIO,
    ROLE,
    SCOPE_VERBS,
    SENTENCE_END,
    SPENT_ON,
    VERBS,
    Frame,
    clause_start,
    is_modifier,
    is_verb,
    leading_verb,
    noun_phrase,
    previous_frame,
    read_after,
    read_before,
    same_sentence,
    segment,
    share_heads,
    wide_commas,
    without_verb,
)
from kg.model import Outcome


def label_outcomes(text: str, masked: str, outcomes: list[Outcome]) -> list[Outcome]:
    """The outcomes with `label` and `displayable` filled in (positions index `text`)."""
    if not outcomes:
        return outcomes
    text = wide_commas(text)
    masked = wide_commas(masked)
    frames = [Frame(o) for o in outcomes]
    for f in frames:
        f.np, f.np_end, f.de, f.rest = noun_phrase(masked, f.o.end, f.o.unit)
        f.modifier = is_modifier(masked, f)
    share_heads(masked, frames)
    for i in range(len(frames)):
        read_before(text, frames, i)
    for i in range(len(frames) - 1, -1, -1):
        read_after(masked, frames, i)
    for i, f in enumerate(frames):
        f.label = _build(text, frames, i)
    _from_to(text, frames)
    for i, f in enumerate(frames):
        _relate(text, frames, i)
        f.label = _tidy(f.label)
        if f.prep and f.np and RANKED.match(masked[f.np_end : f.np_end + 3]) or f.enumerated:
            f.ok = False
        if f.prep and f.np == "比例":
            f.ok = False  # 按不超过20%的比例确定: a rate the measure sets, not a result
        f.ok = f.ok and not f.modifier and _meaningful(f.label, f.o.unit) and not _rule(text, f.o)
    # Outcome(**…) rather than dataclasses.replace, which costs ten times as much per object
    return [
        Outcome(
            **{
                **f.o.__dict__,
                "counted": f.counted or f.o.counted,
                "label": f.label or f.o.counted,
                "displayable": f.ok,
            }
        )
        for f in frames
    ]


# a change between two figures: [subject]由[2021年的]14.6%提高到22.3%, 平均年龄由43.2岁下降到38.6岁; the
# earlier figure's time may be relative (由去年的9个减少到3个), the figure qualified (由不足5万元增加到)
_FROM = re.compile(
    r"(?:由|从)\s*(?:((?:19|20)\d{2}\s*年(?:底|初|末)?|去年(?:同期|底|初)?|上年(?:度|同期)?|上一年度?|前年|年初|"
    r"原来|原先|原|现在|现行|目前|以前|过去)\s*的?)?\s*(平均|人均|村均|户均)?\s*"
    r"(每人每月|每人每年|每月|每年|每人)?\s*(?:不足|不到|不超过|仅|约|近|超过)?\s*$"
)
# the earlier figure's time said as "before" (从原来每人每月450元提高到1200元): it is the level before the change
_BEFORE_NOW = ("原来", "原先", "原", "现在", "现行", "目前", "以前", "过去")
_TO = re.compile(
    r"^\s*(?:提高|提升|下降|降低|增加|减少|增长|上升|扩大|缩小|缩短|延长|精简|压缩|压减|缩减|降|升|增|减)(?:了)?(?:到|至|为)"
    r"\s*(?:(?:(?:19|20)\d{2}\s*年(?:底|末)?|今年|目前|当年)\s*的?)?\s*$"  # (增长到2023年的65万元)
)


def _from_to(text: str, frames: list[Frame]) -> None:
    """Both figures of a change are what its subject measures: the first at its year, when written
    (2021年红色书记占比 19.5%, 红色书记占比 28.3%)."""
    for f, g in zip(frames, frames[1:], strict=False):
        if f.o.unit != g.o.unit or not _TO.match(text[f.o.end : g.o.start]):
            continue
        start = clause_start(text, f.o.start)
        m = _FROM.search(text, start, f.o.start)
        if m is None:
            continue
        subject = LEAD.sub("", text[start : m.start()].strip())
        if len(re.findall(f"[{CJK}]", subject)) < 2 or len(subject) > MAX_LABEL:
            continue
        year = re.sub(r"\s+", "", m.group(1) or "")
        subject += f"{m.group(2)}数" if m.group(2) else ""  # 社区挂牌由平均17块减少到4块: 社区挂牌平均数
        subject += f"（{m.group(3)}）" if m.group(3) else ""  # 生活补贴从每人每月450元提高到1200元
        if year in _BEFORE_NOW:
            f.label, g.label = subject + "（调整前）", subject
        else:
            f.label, g.label = year + subject, subject
        f.counted = g.counted = subject
        f.post = g.post = ""
        f.modifier = g.modifier = False  # 平均年龄由43.2岁…: an age that changed, not a threshold


# A rule, not a result: how often something is to be done (每年开展集中培训1次, 乡镇党委每季度开展1次评议)
# or how much per head (每名导师结对不超过3人, 每人包联1个村) is the design of a measure, which a memo does not
# list among results (tests/gold/extraction-README.md). A yearly volume of people (每年遴选100名人才进修) and
# money per head (每人每月补贴600元, the measure's substance) stay.
_EVERY_PERIOD = re.compile(rf"每(?:一)?(?:个)?{PERIODS}")
_EVERY_HEAD = re.compile(
    rf"每(?:一)?(?:名|人|位|户|村|社区|乡镇|镇|乡|名[\u4e00-\u9fff]{{1,8}}?"
    rf"|个(?!{PERIODS})[\u4e00-\u9fff]{{1,8}}?)"  # 每个村, 每个整顿对象 (每个月 is a period)
)
# the field a measure is fitted to (根据全省11733个建制村实际, 结合全县236个村实际): its setting, no result
_FITTED_TO = re.compile(r"(?:根据|结合|立足|针对|基于|从)[^，。；：\n]{0,10}$")
_ITS_SETTING = re.compile(r"[^，。；：\n]{0,10}?(?:实际|实情|特点|现状)(?:情况)?(?=[，。；：\n]|$)")
# (things handed out per head are a design too: 为每名流动党员发放1张“联系卡”, 每人1本手册)
_HEAD_UNITS = PERSON_UNITS | EVENT_UNITS | frozenset("个 项 件 篇 条 村 家 户 门 种 张 本 份 套 册".split())
_DISTANCE = re.compile(r"(?:相距|距离|相隔|距)(?:约|近|超过)?$")  # 相距400多公里: where things lie


# a share that ranks (前20%的村上台讲、后10%的约谈, 排名靠前5%): a cut-off the measure sets, not a result
_RANK_SHARE = re.compile(r"(?:(?<!提)前|(?<![之以今然])后|末|中间|靠前|靠后|排名前|排名后)$")


# the field a rank is taken in (在10个县（市、区）排名靠前, 在全省21个市中位列第3): how many compete, no result
_RANK_FIELD = re.compile(r"[^，。；：\n]{0,12}?(?:中|里|之中)?(?:排名|名列|位列|位居|排在|排位)")


_RANKED_IN = re.compile(r"(?:排名|名列|位列|位居|排在|排位)(?:全国|全省|全市|全州|全区|全盟|全县)?$")
_RANK_AFTER = re.compile(r"[^，。；：\n\d]{1,12}?(?=第)" + RANK_NEXT.pattern)


def _rule(text: str, o: Outcome) -> bool:
    if o.unit == "%" and _RANK_SHARE.search(text, max(0, o.start - 4), o.start):
        return True
    if text[max(0, o.start - 3) : o.start].endswith(("在", "在全省", "在全市")) and _RANK_FIELD.match(
        text, o.end
    ):
        return True
    if _RANKED_IN.search(text, max(0, o.start - 8), o.start) and _RANK_AFTER.match(text, o.end):
        return True  # 位列全市14个县（市、区）第3名: how many compete, no result
    if _DISTANCE.search(text, max(0, o.start - 4), o.start):
        return True
    if _FITTED_TO.search(text, max(0, o.start - 12), o.start) and _ITS_SETTING.match(text, o.end):
        return True
    if o.unit not in _HEAD_UNITS:
        return False
    start = clause_start(text, o.start)
    if o.unit in EVENT_UNITS and _EVERY_PERIOD.search(text, start, o.start):
        return True
    every = _EVERY_HEAD.search(text, start, o.start)
    # posts added per unit (每个街道增加行政编制5名) are, like money per head, the measure's substance
    if every and text[max(0, every.start() - 2) : every.start()] == "平均":
        return False  # 平均每村储备3.2名: an average reported, not a quota set
    return bool(every) and "编制" not in text[every.end() : o.end + 6]


def _build(text: str, frames: list[Frame], i: int) -> str:
    f = frames[i]
    if f.label == "=":
        return frames[i - 1].label if i else f.pre
    pre, np, post = f.pre, f.np, f.post
    rate = RATE.match(text, f.o.end) if f.o.unit.endswith("元") else None
    if rate is not None and f.o.counted:
        # 按每人每天80元标准发放驻村生活补助 -> 每人每天发放的驻村生活补助, 生活补贴按照每人每月500元的标准
        # 发放 -> 每人每月发放的生活补贴: the sum paid, not the rate's name nor those it is paid to
        named = RATE_OF.search(pre)
        each = named.group(2) if named else re.sub(r"^(?:按照|按)", "", pre)
        if text.startswith(f.o.counted, rate.end()) or (named and named.group(1) == f.o.counted):
            return f"{each}{rate.group(1)}的{f.o.counted}"
    if f.o.unit.endswith("元") and _INVESTED.fullmatch(pre):
        use = _use_of_money(text, f)
        if use:  # 投入资金860万元，为14个乡镇建设“五小”设施 -> 建设“五小”设施投入的资金
            return f"{use}投入的资金"
    if np:
        rel = "的" in np[:-1]
        owner = re.match(r"(.+?)的(.+)$", np)
        if owner and ORG_END.search(owner.group(1)):
            np, rel = owner.group(1) + owner.group(2), False  # 村（社区）的财务 -> 村（社区）财务
        generic = np in GENERIC or bool(
            re.fullmatch(r"“[^”]+”", np)
        )  # a nickname (“老基层”) explains nothing
        if post and ROLE.match(post) and f.o.unit in PERSON_UNITS:
            return f"{post}的{np.rsplit('的', 1)[-1]}"  # 遴选86名…干部担任社区调研员 -> 担任社区调研员的干部
        if f.o.unit in EVENT_UNITS and PERSON_HEAD.search(np) and post:
            return f"{pre}{np}{post}"  # 组织1-2次领导干部[到…学习]: the count is of the trips
        if f.rest and post.startswith(f.rest) and not leading_verb(f.rest) and not pre.endswith("的"):
            return f"{pre}{post}的{np}"  # 按时完成773名公务员职级套转 -> 完成职级套转的公务员
        if rel:
            return pre + np if pre and not f.prep else np
        if not pre:
            direct = post and not f.post_shared
            return f"{post}的{np}" if post and (f.prep or generic or direct) else np
        if post and pre.endswith(_GOES_INTO) and leading_verb(post):
            return f"{pre}{post}的{np}"  # 考核组深入8个乡镇开展实地考核 -> 考核组深入开展实地考核的乡镇
        if post and _acts(post):
            if f.prep and pre.endswith("的") and len(pre) <= _MAX_MODIFIER:
                return f"{post}的{pre[:-1]}{np}"  # 对实绩突出的15名干部给予嘉奖 -> 给予嘉奖的实绩突出干部
            if pre in _CAUSATIVE:
                return f"{post}的{np}"  # 组织1200名基层干部开展健康体检 -> 开展健康体检的基层干部
        if generic and post:
            return f"{pre}{post}的{np}"
        if post and pre.startswith("实现") and re.match(r"全?覆盖", post):
            return f"实现{post}的{np}"  # 实现全县100个行政村全覆盖 -> 实现全覆盖的行政村
        trip = _trip(post)
        if trip and len(trip) <= _MAX_DESTINATION and not f.prep:
            return f"{pre}{trip}的{np}"  # 选派152名年轻干部到一线岗位墩苗历练 -> 选派到一线岗位墩苗历练的年轻干部
        every = _ALL_OF_THEM.match(text, f.np_end)  # (21个组成部门全部建立党组织: the count is of the whole)
        if post and without_verb(pre) and leading_verb(post) and not every and not _MANNER_FIRST.match(post):
            if not pre.endswith("的"):  # (来自全县20个书记[围绕…谈思路]: where they come from, no place)
                return pre + np if pre.startswith("来自") else f"{pre}{post}的{np}"  # 还与歙县6个村开展联建
            # 受诫勉影响的11名党员干部[推荐提名为…]: pre qualifies them; a long one is left to the citation
            return f"{post}的{pre[:-1]}{np}" if len(pre) <= _MAX_MODIFIER else f"{post}的{np}"
        return pre + ("的" if f.de and not pre.endswith("的") else "") + np
    taken_in = _people_of_sessions_before(text, frames, i)
    if taken_in:
        return taken_in
    if not pre:
        return post
    people = _people_of_clause_before(text, frames, i) if post and _is_verb(pre) else ""
    if people:
        f.counted = f.counted or pre + post  # (what was done to them: the verb alone says little)
        return f"{pre}{post}的{people}"  # 选派45名年轻干部…，推荐12名到市直部门跟班学习: 年轻干部 too
    if not without_verb(pre) and post:
        return pre + post  # 选派10人[到沪苏浙地区体悟实训], 投资3000万元[建成智慧城市联动中心]
    trip = _trip(post)
    if trip and f.o.unit in PERSON_UNITS and len(trip) <= _MAX_DESTINATION and _ends_in_verb(pre):
        return pre + trip  # 择优选择45人[到县委党校开展专题集训]: the manner and the verb, then where to
    if post and f.o.unit in EVENT_UNITS and _DESTINATION.match(post) and len(post) <= _MAX_DESTINATION:
        # 组织专家学者3次[到三江乡进行干部培训]: the count is of the trips
        return pre.rstrip("也都还又") + post
    if post and f.o.unit in PERSON_UNITS and len(post) <= _MAX_MODIFIER and _acts(post):
        return f"{post}的{pre}"  # 各单位组工干部120余人参加 -> 参加的各单位组工干部
    if not without_verb(pre) and f.o.unit in PERSON_UNITS:
        group = _group_before(text, f.o.start) or (
            _pool_before(text, f.o.start) if _INTO_POOL.search(pre) else ""
        )
        if group:
            return f"{pre}的{group}"  # 建立农村产业发展带头人培育对象库，目前入库312人
    kind = _kind_of_money_before(text, frames, i)
    if kind:
        return kind  # 博士给予安家补贴20万元、硕士8万元 -> 硕士安家补贴
    if not post and len(pre) <= 4:
        obj = _elided_object(text, f.o.start, pre)
        if obj:
            return f"{pre}的{obj}"  # 排查软弱涣散村党组织，今年共排查确定14个 -> 排查确定的软弱涣散村党组织
        obj = _object_of_figure_before(text, frames, i, pre)
        if obj:
            if not same_sentence(text, frames[i - 1].o.end, f.o.start):
                f.counted = f.counted or obj  # (the verb alone, a sentence away from its object, says little)
            return f"{pre}的{obj}"  # 收集意见建议320条，已办结296条 -> 办结的意见建议
    return pre


_INVESTED = re.compile(r"(?:累计|共|先后|共计|同时)?(?:投入|投资|筹措|筹集)(?:各类|专项)?资金")
_MARKER = re.compile(
    r"^[\s*]*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])?[\s*]*"
)


def _use_of_money(text: str, f: Frame) -> str:
    """What money put in was for: the verb phrase right after the sum (投入资金180万元改造乡镇干部周转房), the
    heading of its part (二是改善工作生活条件。投入资金860万元…), or the clause after it (，为14个乡镇建设“五小”
    设施), whichever comes first."""
    if f.np and (leading_verb(f.np) or SPENT_ON.match(f.np)):
        return f.np
    s0 = _sentence_start(text, f.o.start)
    if s0 > 1 and not re.search(r"[，,；]", text[s0 : f.o.start]):
        heading = _MARKER.sub("", text[_sentence_start(text, s0 - 1) : s0 - 1]).strip("* ")
        heading = re.sub(r"^(\w{1,2}?)(?:一批|一个)", r"\1", heading)  # 办好一批暖心实事 -> 办好暖心实事
        if 2 <= len(heading) <= 14 and not re.search(r"[“”\"\d，,：:]", heading):
            return heading  # (a part's heading says what its measures are for)
    after = re.match(r"\s*[，,]\s*(?:主要|专门)?(?:用于)?([^，。；]{2,40})", text[f.o.end :])
    use = SPENT_ON.search(after.group(1)) if after is not None else None  # (为14个乡镇[建设]…)
    return re.split(r"\s*\d", after.group(1)[use.start() :])[0].strip(" 、") if use is not None else ""


def _people_of_clause_before(text: str, frames: list[Frame], i: int) -> str:
    """The people the figure before counted, in the clause before this one of the same sentence, when
    this figure has a verb and no noun (选派45名年轻干部到一线跟岗锻炼，推荐12名到市直部门跟班学习)."""
    f = frames[i]
    if i == 0 or f.o.unit not in PERSON_UNITS:
        return ""
    g = frames[i - 1]
    between = text[g.o.end : f.o.start]
    if g.o.unit != f.o.unit or not g.np or not same_sentence(text, g.o.end, f.o.start) or "，" not in between:
        return ""
    people = g.np.rsplit("的", 1)[-1]
    return people if PERSON_HEAD.search(people) and "其中" not in between else ""


_PEOPLE_IN = re.compile(PERSON_HEADS + "|户")  # (经营户, 脱贫户: households as people)


def _people_of_sessions_before(text: str, frames: list[Frame], i: int) -> str:
    """A bare count of people right after a count of sessions or groups, a 、 between (组织民宿经营户培训
    12期、320人次; 接待党员干部培训团队126批次、5800余人次): the people those took in, with what was done
    to them (培训的民宿经营户, 接待的党员干部), not the list's verb alone."""
    f = frames[i]
    if i == 0 or f.np or f.o.unit not in PERSON_UNITS:
        return ""
    g = frames[i - 1]
    if g.o.unit not in EVENT_UNITS or text[g.o.end : f.o.start].strip() != "、" or g.np:
        return ""
    words = segment(g.pre)
    verb = leading_verb(g.pre) or (words[0] if words else "")
    rest = g.pre[len(verb) :]
    ends = [m.end() for m in _PEOPLE_IN.finditer(rest)]
    if not verb or not ends:
        return ""
    people, after = rest[: ends[-1]], rest[ends[-1] :]
    done = segment(after)
    if done and done[0] in _JOINING:  # 工坊负责人和乡村工匠参加技能培训: both are taken in
        k = next((k for k, w in enumerate(done) if w in VERBS), len(done))
        people, done = people + "".join(done[:k]), done[k:]
        after = "".join(done)
    doing = after if done and done[0] in VERBS and done[-1] in VERBS else verb
    return f"{doing}的{people}"


# a sum handed out: 给予安家补贴 / 一次性发放生活补贴 / 奖励 -> what kind of money it is
_HANDED_OUT = re.compile(r"(?:给予|发放|增发|补发|奖励|提供)(?:一次性)?([\u4e00-\u9fff]{1,8})$")


def _kind_of_money_before(text: str, frames: list[Frame], i: int) -> str:
    """The label of a sum that is the next item of its list and says only whom it is for, with the kind
    of money the first item names (博士研究生给予安家补贴20万元、硕士研究生8万元 -> 硕士研究生安家补贴)."""
    whom, kind = _list_item_of_money(text, frames, i)
    return whom + kind if kind else ""


def _list_item_of_money(text: str, frames: list[Frame], i: int) -> tuple[str, str]:
    """(whom the sum is for as written, the kind of money of the list's first item) or ('', '')."""
    f = frames[i]
    if not i or not f.o.unit.endswith("元") or f.np or f.post or not PERSON_HEAD.search(f.pre):
        return "", ""
    prev = frames[i - 1]
    between = re.fullmatch(r"\s*[、，,和及]\s*([\u4e00-\u9fff]{1,12})", text[prev.o.end : f.o.start])
    if not prev.o.unit.endswith("元") or not between or not f.pre.endswith(between.group(1)):
        return "", ""
    kind = _HANDED_OUT.search(prev.counted or prev.pre)
    if kind and MONEY_NOUN.search(kind.group(1)):
        return between.group(1), kind.group(1)
    return between.group(1), _list_item_of_money(text, frames, i - 1)[1]


def _is_verb(pre: str) -> bool:
    """A short phrase ending in a verb (推荐, 择优选派)."""
    words = segment(pre)
    return len(pre) <= _MAX_MODIFIER and bool(words) and words[-1] in VERBS


def _ends_in_verb(pre: str) -> bool:
    """A short phrase ending in a verb with nothing it takes as object (择优选择, 从严遴选)."""
    words = segment(pre)
    return len(pre) <= _MAX_MODIFIER and len(words) > 1 and words[-1] in VERBS


def _object_of_figure_before(text: str, frames: list[Frame], i: int, pre: str) -> str:
    """What the figure just before, of the same unit and sentence, counted after its own verb, when this
    figure has a verb alone (收集困难诉求73条，已协调解决58条: the 58 are 困难诉求 too)."""
    f = frames[i]
    words = segment(pre)
    if i == 0 or not words or not is_verb(words[-1]) or f.o.unit in ("%", "‰"):
        return ""
    g = frames[i - 1]
    if g.o.unit != f.o.unit or not g.label:
        return ""
    # the same verb in the sentence before also names it (计划举办“组工讲堂”12期。…目前已举办4期)
    k = g.label.find(words[-1]) if len(words[-1]) >= 2 else -1
    if not same_sentence(text, g.o.end, f.o.start) and k < 0:
        return ""
    obj = g.label[k + len(words[-1]) :] if k >= 0 else _after_verb(g.label)
    if obj.count("“") != obj.count("”"):
        obj = re.sub(r"[“”]", "", obj)  # (a quotation the figure cut open: 举办“组工讲堂)
    if f.o.unit in PERSON_UNITS and not (PERSON_HEAD.search(obj) or _head(obj)):
        return ""  # 调整出库9名，补充入库17名: what a count of people borrows must name people (not 出库)
    return obj if obj != g.label and len(obj) >= 2 and without_verb(obj) == obj else ""


def _after_verb(label: str) -> str:
    """The label without the verb it opens with, one of the list or of jieba's dictionary (招募网格员 -> 网格员)."""
    words = segment(label)
    return label[len(words[0]) :] if words and is_verb(words[0]) else label


def _elided_object(text: str, s: int, pre: str) -> str:
    """What the verb before a bare figure took as its object earlier in the sentence, when the figure
    leaves it out (储备村级后备力量，…全县共储备610名)."""
    words = segment(pre)
    if not words or words[0] not in VERBS:
        return ""
    start = _sentence_start(text, s)
    clause = clause_start(text, s)
    found = [
        m.group(1)
        for m in re.finditer(
            re.escape(words[0]) + rf"(“?[{CJK}][{CJK}“”]{{1,15}}?)(?=[，。；、]|$)", text[start:clause]
        )
    ]
    obj = re.sub(r"[“”\"]", "", found[-1]) if found else ""
    if len(obj) < 2 or without_verb(obj) != obj:
        return ""
    from kg.extract.concepts import find_targets

    # only a group or body the vocabulary knows, and all of it: 软弱涣散村党组织, not 职级时同等条件下…
    hits = find_targets(obj, actors=True)
    return obj if hits and hits[-1].end == len(obj) else ""


_GOES_INTO = ("深入", "深入到", "走进", "下沉到")  # the places gone into are counted for what was done there
_MAX_MODIFIER = 8  # a longer modifier or predicate is a clause of its own, not part of the label
# verbs that have the people counted do what follows: the label is what they did
_CAUSATIVE = frozenset("组织 动员 安排 带领 引导 号召 鼓励 组织引导 推动".split())
# verbs that lay down the terms of a measure: what they count with a general noun is its design
_DESIGN_VERBS = frozenset("细化 明确 聚焦 涵盖 列出 规定 界定".split())
_FRAME_VERBS = frozenset("下设 细分".split())  # an evaluation's parts: what they count is its frame
_FRAME_NOUNS = frozenset(
    "大项 小项 子项 分项 细项 一级指标 二级指标 三级指标 考核指标 量化指标 细化指标".split()
)
_LIGHT_VERBS = frozenset("进行 实行 予以 给予 作出 加以".split())  # a verb whose object says what was done


def _acts(phrase: str) -> bool:
    """Does the phrase start with what someone did (开展健康体检, 进行提醒谈话)?"""
    words = segment(phrase)
    return bool(words) and (words[0] in VERBS or words[0] in _LIGHT_VERBS)


_DESTINATION = re.compile(
    r"(?:被?(?:派往|派驻|派到)|到|赴|前往|奔赴)(?!位|期|岗)"
)  # where the counted people were sent
# places listed before their kind say less than the kind: 到征地拆迁、项目建设等一线岗位 -> 到一线岗位
_LISTED = re.compile(r"^(到|赴|前往|奔赴)[^，。；：]*?等(?=[\u4e00-\u9fff])")
_MAX_DESTINATION = 20  # a longer trip buries the people counted
# the places of a long list said by the kind the last one ends in (到信访维稳、项目建设、乡村振兴一线蹲苗锻炼)
_LISTED_KIND = re.compile(r"^(到|赴|前往|奔赴)[^，。；：]*[、和及][^，。；：、和及]{0,6}?(一线|岗位|基层)")


def _trip(post: str) -> str:
    """Where the counted people were sent and what they did there, its list of places said by their kind
    (到征地拆迁、项目建设等一线岗位 -> 到一线岗位; 到信访维稳、项目建设、乡村振兴一线 -> 到一线)."""
    if not post or not _DESTINATION.match(post):
        return ""
    trip = _LISTED.sub(r"\1", post)
    return _LISTED_KIND.sub(r"\1\2", trip) if len(trip) > _MAX_DESTINATION else trip


# people counted into a pool (目前入库635名) are the pool's people, named where the pool was set up,
# often a sentence or two before (二是建立优秀年轻干部人才库。…目前入库635名)
_INTO_POOL = re.compile(r"(?:入库|入选)$")
_POOL = re.compile(
    r"(?:建立|组建|建成|设立|完善)([^，。；：、\n]{2,16}?)(?:人才|信息|后备|储备|资源|人选)?库"
)
_POOL_REACH = 120  # characters back within the paragraph


def _pool_before(text: str, s: int) -> str:
    """The people of the last pool set up before `s` in its paragraph: 建立在外博士信息库 -> 在外博士."""
    start = max(text.rfind("\n", 0, s) + 1, s - _POOL_REACH)
    pools = list(_POOL.finditer(text, start, s))
    return re.sub(r"[“”\"]", "", pools[-1].group(1)) if pools else ""


def _group_before(text: str, s: int) -> str:
    """The last group of people named earlier in the sentence (target-group vocabulary)."""
    from kg.extract.concepts import find_targets

    start = s
    while start > 0 and text[start - 1] not in SENTENCE_END and s - start < 80:
        start -= 1
    hits = find_targets(text[start:s], actors=True)
    group = re.sub(r"[“”\"]", "", hits[-1].label) if hits else ""
    # people, not a body they make up (13个领导班子共配备153人: the 153 are not 班子)
    return "" if ORG_END.search(group) or group.endswith(("党委", "党支部")) else group


def _relate(text: str, frames: list[Frame], i: int) -> None:
    """Shares (占比) name the figure they are a share of; 其中 parts name the whole's people."""
    f = frames[i]
    parent = previous_frame(frames, i)
    if parent is not None and not same_sentence(text, parent.o.end, f.o.start):
        parent = None
    share = _SHARE_OF.fullmatch(f.label or "") if f.o.unit == "%" else None
    if share and parent is not None:
        # 发展农村党员52名，其中35岁以下的占78.8%: a share of the whole's people with that property
        whole = next(
            (g for g in reversed(frames[:i]) if g.o.unit != "%" and g.o.unit not in AGE_UNITS), parent
        )
        head = _head(whole.label) if same_sentence(text, whole.o.end, f.o.start) else ""
        if head:
            f.label = f"{share.group(1)}的{head}占比"
            return
    if share:
        # 领导班子成员中，40岁以下的只占1.8%: the whole is the pool the sentence names, else unnamed
        pool = _AMONG.search(text, _sentence_start(text, f.o.start), f.o.start)
        head = _head(pool.group(1)) if pool else ""
        f.label = f"{share.group(1)}的{head}占比" if head else f"{share.group(1)}的占比"
        return
    if RATIO.match(f.label or ""):
        if (
            parent is not None
            and parent.o.unit == f.o.unit
            and _SAME_LIST.fullmatch(text, parent.o.end, f.o.start)
        ):
            # 三者分别占40%、50%、10%: shares listed after one another are one series, not a share of a share
            f.label, f.ok = parent.label, parent.ok
            return
        if parent is None or not parent.label:
            f.ok = False
            return
        base = _tidy(parent.label)
        f.label = base + ("占比" if f.label in ("占比", "比例", "比重") else f.label)
        if f.label.endswith("的"):
            f.label += "比例"
        return
    if _BARE_RATE.fullmatch(f.label or "") and parent is not None:
        subject = _subject_of_rate(text, frames, i)
        if subject:  # 收集群众诉求2360件，办结率97.1% -> 群众诉求办结率: the rate of what was counted before
            f.label = subject + f.label
            return
    if _CHANGE.match(f.label) and parent is not None and parent.label:
        # 村均收入为35.6万元，较上一年度增幅达37.5%; 占比达到18.6%，同比提高4.2个百分点: the change of the
        # figure before it
        f.label = _tidy(parent.label) + f.label
        return
    passive = not f.np and f.label.startswith("被")  # 54名第一书记…，24名被评为“好”等次
    names_people = PERSON_HEAD.search(f.label) and not _BECOMES.match(f.label)
    if (f.subset or passive) and f.o.unit in PERSON_UNITS and not names_people:
        while parent is not None and parent.subset:
            parent = previous_frame(frames, frames.index(parent))
        head = _head(parent.label) if parent is not None else ""
        if head:  # 其中30余人通过竞争性选拔脱颖而出: 通过竞争性选拔脱颖而出的年轻干部
            f.label += head if "的" in f.label else "的" + head
        return
    pooled = "中" in f.pre  # (乡镇党政正职中40岁以下的21名: the people are the pool's, not named before)
    if (
        f.o.unit in PERSON_UNITS
        and f.pre.endswith("的")
        and not f.np
        and f.label.endswith("的")
        and not pooled
    ):
        # 提拔重用年轻干部39名…；对考核不称职的4名予以出库: the people named before, with what was done
        whole = next((g for g in reversed(frames[:i]) if g.o.unit in PERSON_UNITS and g.label), None)
        head = _head(whole.label) if whole is not None and "\n" not in text[whole.o.end : f.o.start] else ""
        if head:
            f.label = f"{f.pre[:-1]}{f.post}的{head}"
            return
    if not f.np and parent is not None and parent.np and POOL_GAP.fullmatch(text, parent.np_end, f.o.start):
        # 全市545个行政村中，已有402个由村党组织领办…: those of the pool named before
        f.counted = parent.np
        own = (
            f.post or f.label[POOL_GAP.match(f.label).end() :]
        )  # (…干部中有[6名]得到重新使用: 中有 no event)
        if own and not own.endswith(parent.np):
            f.label = f"{own}的{parent.np}"
        else:
            f.label = parent.np
        return
    bare = _BARE_PEOPLE.fullmatch(f.label) and not leading_verb(f.label)
    if f.subset and f.o.unit in PERSON_UNITS and bare and parent is not None:
        while parent is not None and parent.subset:
            parent = previous_frame(frames, frames.index(parent))
        event = _event_of(parent.label) if parent is not None and parent.o.unit in PERSON_UNITS else ""
        if event:  # 选派46名年轻干部到一线蹲苗锻炼，其中女干部12名: 选派到一线蹲苗锻炼的女干部
            f.label = f"{event}的{f.label}"


# a label that opens with what people became: the people it then names are the post, not who was counted
# (其中2名提拔为乡镇领导班子成员, 3名被评为“先进个人”)
_BECOMES = re.compile(
    r"被?(?:提拔|提任|晋升|任命|评为|评选为|选为|当选|担任|进入|转任|调任|录用为|聘任为|聘为|确定为|列为|推选为)"
)
_MANNER_FIRST = re.compile("围绕|聚焦|按照|通过|结合|依托|根据|对照|针对|立足|坚持")
_ALL_OF_THEM = re.compile(r"\s*(?:全部|全都|均|都|全)")
_BARE_PEOPLE = re.compile(rf"(?:(?!的)[{CJK}]){{1,6}}")  # 女干部, 选调生: people and no event


def _event_of(label: str) -> str:
    """What happened to the people of a label (选派到一线蹲苗锻炼的年轻干部 -> 选派到一线蹲苗锻炼; 提拔年轻干部 ->
    提拔), or nothing when it names no event."""
    if "的" in label:
        event = label.rsplit("的", 1)[0]
        return event if leading_verb(event) and not re.search(r"[\d的]", event) else ""
    return leading_verb(label)


_SAME_LIST = re.compile(r"\s*[、，,和及]\s*")  # between two figures of one list
_BARE_RATE = re.compile(
    rf"(?:按时|按期|及时)?[{CJK}]{{1,3}}率|平均(?:年龄|成绩|得分|分)"
)  # 办结率, 按时办结率: a rate naming no subject


def _subject_of_rate(text: str, frames: list[Frame], i: int) -> str:
    """The thing the nearest figure before, in the same sentence, counted: the nouns its label ends in,
    after its last verb (收集群众意见建议 -> 群众意见建议; 办结的群众意见建议 -> 群众意见建议)."""
    for g in reversed(frames[:i]):
        if not same_sentence(text, g.o.end, frames[i].o.start):
            return ""
        if g.o.unit in ("%", "‰") or not g.label or _BARE_RATE.fullmatch(g.label):
            continue
        subject, stop = _trailing_nouns(g.label.rsplit("的", 1)[-1])
        if stop in _JOINING:
            continue  # 解决或答复: two verbs, the second not known as one
        if len(subject) >= 2 and subject not in GENERIC and not _MEASURE_END.search(subject):
            return subject
    return ""


def _trailing_nouns(phrase: str) -> tuple[str, str]:
    """The words `phrase` ends in after its last verb, time word or joiner, and the word that stopped them
    ("" when none did): 收集群众意见建议 -> (群众意见建议, 收集)."""
    nouns: list[str] = []
    for w in reversed(segment(phrase)):
        if w in VERBS or w in _NOT_A_NOUN or w in _JOINING or not re.fullmatch(rf"[{CJK}“”]+", w):
            return "".join(reversed(nouns)), w
        nouns.append(w)
    return "".join(reversed(nouns)), ""


_NOT_A_NOUN = frozenset("月 年 日 季度 以来".split())
_JOINING = frozenset("或 和 及 与 并 且 、".split())  # words that join two phrases
_MEASURE_END = re.compile(r"(?:[数率比额]|数量|总量)$")  # (持证人数: a measure, not what a rate is of)


_CHANGE = re.compile(r"较|(?:同比|环比|比上年|比去年)(?:提高|提升|增长|增加|上升|下降|降低|减少)?$")
_SHARE_OF = re.compile(r"(.{1,12}?)的?(?:只|仅|才|约|均)?占")
_AMONG = re.compile(r"([^，。；：、]{2,24}?)中[，,]")  # the whole a share is of: 领导班子成员中，


def _sentence_start(text: str, i: int) -> int:
    return max(text.rfind(c, 0, i) for c in "。！？\n") + 1  # (a pool named before ； holds after it)


def _head(label: str) -> str:
    from kg.extract.concepts import find_targets

    hits = find_targets(label, actors=True)
    return re.sub(r"[“”\"]", "", hits[-1].label) if hits else ""


def _tidy(label: str) -> str:
    """Balanced quotes and brackets, no stray joiners at either end, no 中 left of 从…中 (从144名报名者
    中选出30名 -> 选出年轻干部), no place before what was counted (the citation names it)."""
    label = label.lstrip("，、和及与等 ")
    if re.match(GONG_VERB, label):
        label = label[1:]  # 共储备后备干部的村: the adverb that opened the predicate
    while label[-1:] in ("，", "、", "和", "及", "与", "等", " ") and label and not _VERB_JI.search(label):
        label = label[:-1]
    words = segment(label)
    if len(words) > 1 and words[0] in ("中", "里") and words[1] != "的":
        label = label[1:]
    if label.endswith("中") and (ORG_END.search(label[:-1]) or PERSON_HEAD.search(label[:-1])):
        label = label[:-1]  # (在)12个县区党政领导班子中: where they are counted, the 中 is no part of it
    label = _without_place(label)
    label = _without_examples(label)
    label = _without_members(label)
    label = _without_cut_change(label)  # 平均年龄降至45.5岁 -> 平均年龄 (not 平均年龄降)
    for a, b in (("“", "”"), ("（", "）")):
        if label.count(a) != label.count(b):
            label = label.replace(a, "").replace(b, "")
    if label.count('"') % 2:
        label = label.replace('"', "")
    return label


# who a body is made of (由镇村干部、驻村工作队员组成的), between the verb and the body counted
_MADE_OF = re.compile(r"由[^，。；由]{2,24}?(?:组成|构成|参加|参与)的(?=[“\u4e00-\u9fff]{2})")


def _without_members(label: str) -> str:
    """组建由镇村干部、驻村工作队员组成的马背宣讲队 -> 组建的马背宣讲队: the body counted, not its members."""
    m = _MADE_OF.search(label)
    if m is None or m.start() == 0:
        return label
    return label[: m.start()] + "的" + label[m.end() :]


def _without_place(label: str) -> str:
    """The label without the place that opens it (某市某县[30名年轻干部被派往…]): not when the place is
    what was counted or all there is (a village's 20户)."""
    from kg.extract.localities import find_localities

    party = _PARTY_UNIT.match(label)  # a party committee's department opens it, its place known or not
    if party and len(label) - party.end() >= 2:
        return label[party.end() :]
    first = next(iter(find_localities(label[:12])), None)
    if first is None or first.start != 0 or first.locality is None or len(label) - first.end < 2:
        return label
    rest = label[first.end :]
    if rest.startswith(("的", "和", "、")):
        return label
    unit = _UNIT_AFTER_PLACE.match(rest)  # 某县委组织部成立3个考核组: the unit goes with its place
    return rest[unit.end() :] if unit and len(rest) - unit.end() >= 2 else rest


_PARTY_UNIT = re.compile(
    r"^(?:中共)?(?![对按依据根由经向在从为把将与和同])[\u4e00-\u9fff]{1,8}?(?:省|市|县|区|州|旗|盟)委(?:组织部|宣传部|统战部)"
)
_UNIT_AFTER_PLACE = re.compile(
    r"(?:委|人民政府|政府)?(?:组织部|宣传部|统战部|政法委|编办|党校|直机关工委|人社局|人力资源和社会保障局|财政局)?"
    r"(?<=[委府部办校局])"
)


# the examples a verb lists before its noun (发展香菇、蚕茧等特色产业项目, 认定“土专家”“田秀才”等乡村人才, 在
# 东莞市、深圳市等地建立…, 围绕政策法规、群众工作等内容开展培训): the noun is what was counted, the examples
# only make the label long. Not before a noun too general to name anything alone (等岗位, 等活动, 等乡镇).
_EXAMPLES = re.compile(
    r"(发展|建立|建成|新建|设置|开设|梳理出|梳理|认定|围绕|依托|在|到|赴|组建|培育|打造|引进|开展|举办|评选出|"
    r"选树|推出|聚焦|涵盖|包括|吸纳|物色|招引|回引|选聘|选派|储备|设立)"
    r"((?:[^，。；、“”]{1,14}、)+[^，。；、“”]{1,14}|(?:“[^“”]{1,10}”[、]?){2,})等"
    r"(地|处|内容|方面|领域|主题|平台|岗位|活动|问题|工作|形式|方式|渠道|课程|项目|产业|服务|乡镇|镇|村|社区|街道|县|区|"
    r"市|省|高校|单位|部门|企业)?(?=[\u4e00-\u9fff“]|$)"
)
_PLACES_FIRST = re.compile(r"(?:[^，。；、“”]{1,14}、)+[^，。；、“”]{1,14}等地(?=[\u4e00-\u9fff])")
_PLACES = ("地", "处")
_TOPICS = ("内容", "方面", "领域", "主题", "平台")
_TOPIC_VERBS = ("围绕", "聚焦", "依托", "涵盖", "包括")
_PREPOSITIONS = ("在", "到", "赴")


def _without_examples(label: str) -> str:
    """The label without the examples listed before its noun (see _EXAMPLES)."""
    first = _PLACES_FIRST.match(label)  # (the label lost its 在: 东莞市、深圳市等地建立…)
    if first:
        return label[first.end() :]
    m = _EXAMPLES.search(label)
    if m is None:
        return label
    verb, noun = m.group(1), m.group(3)
    first = m.group(2).split("、", 1)[0]
    verbs = ((k, leading_verb(first[k:])) for k in range(1, len(first) - 2))
    if any(v and k + len(v) <= len(first) - 2 for k, v in verbs):
        # 为引进人才兑现安家补贴、购房补贴等资金: a verb and its object inside the first item, so the list
        # belongs to that later verb; the label is kept whole (政策宣讲、环境整治 are activities' names)
        return label
    if noun in _PLACES or noun in _TOPICS and verb in _TOPIC_VERBS or not noun and verb in _TOPIC_VERBS:
        # 在…等地建立 / 围绕…等内容开展: the place or the topics go with their preposition or verb
        keep = "" if verb in _PREPOSITIONS + _TOPIC_VERBS else verb
        return label[: m.start()] + keep + label[m.end() :]
    if noun:
        return label  # 到信访、应急等岗位: the general noun names nothing without its examples
    return label[: m.end(1)] + label[m.end() :]


_CHANGE_CHARS = frozenset("降升增减")


def _without_cut_change(label: str) -> str:
    """Without a change verb cut from its 至/为 (降至, 升至, 增至): the figure is the level reached, named
    by what changed. Only a one-character word of its own (not 晋升), before any 较/比 comparison."""
    if not _CHANGE_CHARS & set(label):
        return label  # (most labels: no second segmentation on the hot path)
    words = segment(label)
    for k, w in enumerate(words):
        if w in ("较", "比"):
            return label
        if k >= 1 and w in ("降", "升", "增", "减") and (k + 1 == len(words) or words[k + 1] in ("较", "比")):
            return "".join(words[:k] + words[k + 1 :])
    return label


_VERB_JI = re.compile(r"[涉普危]及$")  # a verb (涉及750户), not 及 "and"
_WHERE_FROM = re.compile(rf"^(?:{'|'.join(sorted(GENERIC, key=len, reverse=True))})(?:入手|着手|发力|着力)$")


def _meaningful(label: str, unit: str) -> bool:
    """Does the label say what was counted? Not a generic noun alone or after a scope verb (聚焦情形),
    not a verb alone unless people were counted (提拔使用 2人次), not a fragment."""
    if len(re.findall(f"[{CJK}]", label)) < 2 or len(label) > MAX_LABEL:
        return False
    if (
        label[0] in "的之和及与、等"
        or (label[0] == "其" and not label.startswith(("其他", "其它")))
        or (label.endswith(("的", "和", "及", "与")) and not _VERB_JI.search(label))
    ):
        return False
    if re.search(r"\d\s*[人名个项件次条户%]", label):
        return False
    if label in GENERIC or LEAD.fullmatch(label) or _WHERE_FROM.match(label):
        return False  # (从7个方面入手: the ways a measure is taken, not a result)
    words = segment(label)
    verb = words[0] if words and words[0] in VERBS else ""
    bare = label[len(verb) :]
    head = bare.rsplit("的", 1)[-1].removeprefix("具体").strip('“”"')
    if verb in SCOPE_VERBS and bare in GENERIC:
        return False  # 聚焦6种情形, 细化12条标准: the design of a measure
    frame = any(w in _FRAME_VERBS for w in words) and unit not in PERSON_UNITS
    if frame and (words[-1] in GENERIC or words[-1] in _FRAME_VERBS):
        return False  # 下设18项量化指标, 考评内容细分为30项指标: the frame of an evaluation
    if unit not in PERSON_UNITS and head in _FRAME_NOUNS:
        return False  # 共6大项65个小项: an evaluation's items
    if verb in _DESIGN_VERBS and unit not in PERSON_UNITS and head in GENERIC:
        return False  # 明确可予容错的8种情形 (but 对照省委巡视反馈的12个问题: what was found)
    return bool(bare) or unit in PERSON_UNITS
