"""SKOS vocabularies (target groups, practice types) and matching them in text.

Both schemes live in `ontology/vocab/*.ttl`; the concept id is the last path segment of its IRI (the slug).
Matching ignores quotes, brackets' width and spaces (村(社区)"两委" = 村（社区）两委), so the labels are written
once in their plain form.

>>> [h.concept for h in find_targets("选派优秀年轻干部和选调生到村任职")]
['young-cadre', 'selected-graduate']
>>> classify_types("开展谈心谈话，帮助疏导负面情绪", "用好谈心谈话")[0]
'heart-to-heart-talk'
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from kg.extract.documents import CITED_TITLE
from kg.graph import iris
from kg.lazyre import lazy
from kg.model import ConceptHit
from kg.paths import VOCAB_DIR

SCHEMES = {"target-groups": "target-group", "practice-types": "practice-type"}
ID_BASE = "https://w3id.org/cadrekg/id/"

_IGNORED = set("“”\"'‘’ \t\n\u3000*")
# a cadre group preceded by one of these is (also) that group: 年轻乡镇党务干部 -> young-cadre
_MODIFIERS = {"年轻": "young-cadre"}


@dataclass(frozen=True)
class Concept:
    id: str
    iri: str
    pref: str
    pref_en: str | None
    alt: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    # ckg:cueLabel: broad wordings that hint at the concept (similarity profiles) and classify nothing
    cues: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.pref, *self.alt)


@dataclass(frozen=True)
class Scheme:
    name: str
    iri: str
    concepts: dict[str, Concept] = field(default_factory=dict)
    top: tuple[str, ...] = ()
    _closure: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def __getitem__(self, cid: str) -> Concept:
        return self.concepts[cid]

    def ancestors(self, cid: str) -> frozenset[str]:
        found = self._closure.get(cid)  # asked thousands of times per bulletin: computed once
        if found is not None:
            return found
        out, todo = set(), [cid]
        while todo:
            for b in self.concepts[todo.pop()].broader:
                if b not in out:
                    out.add(b)
                    todo.append(b)
        found = self._closure[cid] = frozenset(out)
        return found


SKOS = "http://www.w3.org/2004/02/skos/core#"


@cache
def load_scheme(name: str) -> Scheme:
    """Parse `ontology/vocab/{name}.ttl` (name: target-groups | practice-types).

    Read with Oxigraph's Turtle parser rather than rdflib: every worker process loads both schemes, and
    rdflib's import and parse cost most of a second there."""
    from pyoxigraph import Literal, RdfFormat, parse

    if name not in SCHEMES:
        raise KeyError(f"unknown scheme {name!r}; known: {', '.join(SCHEMES)}")
    scheme_iri = ID_BASE + SCHEMES[name]
    members: set[str] = set()
    # a graph is a set: a triple written twice counts once
    labels: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # (concept, predicate, lang) -> labels
    broader: dict[str, set[str]] = defaultdict(set)
    for t in parse(path=VOCAB_DIR / f"{name}.ttl", format=RdfFormat.TURTLE):
        s, p, o = t.subject.value, t.predicate.value, t.object
        if p == SKOS + "inScheme" and o.value == scheme_iri:
            members.add(s)
        elif p == SKOS + "broader":
            broader[s].add(o.value.rsplit("/", 1)[1])
        elif isinstance(o, Literal) and o.language:
            labels[(s, p, o.language)].add(o.value)
    concepts = {}
    for c in sorted(members):
        cid = c.rsplit("/", 1)[1]

        def label(pred: str, lang: str = "zh", c: str = c) -> list[str]:
            return sorted(labels.get((c, SKOS + pred, lang), ()))

        pref = label("prefLabel")
        en = label("prefLabel", "en")
        concepts[cid] = Concept(
            cid,
            c,
            pref[0],
            en[0] if en else None,
            tuple(label("altLabel")),
            tuple(label("hiddenLabel")),
            tuple(sorted(broader.get(c, ()))),
            tuple(sorted(labels.get((c, iris.CUE_LABEL, "zh"), ()))),
        )
    top = tuple(sorted(cid for cid, c in concepts.items() if not c.broader))
    return Scheme(name, scheme_iri, concepts, top)


_IGNORED_RE = lazy("[" + re.escape("".join(sorted(_IGNORED))) + "]")


def _plain(text: str) -> tuple[str, list[int]]:
    """Text without ignored characters (quotes, spaces) and the original index of each kept character."""
    text = text.replace("(", "（").replace(")", "）")
    index = [i for i, ch in enumerate(text) if ch not in _IGNORED]
    return "".join(text[i] for i in index), index


def _plain_fast(text: str) -> tuple[str, list[int]]:
    """`_plain` for running text: the kept text and, for each removed character, its plain position
    (so a plain index maps back with one bisect; removed characters are few)."""
    text = text.replace("(", "（").replace(")", "）")
    removed = [m.start() - k for k, m in enumerate(_IGNORED_RE.finditer(text))]
    return (_IGNORED_RE.sub("", text) if removed else text), removed


@cache
def _matcher(name: str, hidden: bool):
    """An Aho-Corasick automaton over the plain labels (>= 2 chars; 选/育/管/用 name the frame, they are
    not cues); the first concept to claim a label keeps it."""
    import ahocorasick

    table: dict[str, str] = {}
    scheme = load_scheme(name)
    for c in scheme.concepts.values():
        for label in (*c.labels, *(c.hidden if hidden else ())):
            key = _plain(label)[0]
            if len(key) >= 2 and key not in table:
                table[key] = c.id
    auto = ahocorasick.Automaton()
    for key, cid in table.items():
        auto.add_word(key, (len(key), cid))
    auto.make_automaton()
    return auto


_Hit = tuple[int, int, str]  # (start, end, concept id): hits stay plain tuples until they are returned


def _all_matches(text: str, name: str, hidden: bool) -> list[_Hit]:
    """Every label occurrence (overlapping ones included), mapped back to `text`."""
    plain, removed = _plain_fast(text)
    found = _matcher(name, hidden).iter(plain)
    if not removed:
        return [(last - n + 1, last + 1, cid) for last, (n, cid) in found]
    right = bisect.bisect_right
    return [
        (last - n + 1 + right(removed, last - n + 1), last + 1 + right(removed, last), cid)
        for last, (n, cid) in found
    ]


def _scope_apart(text: str, hits: list[_Hit]) -> list[_Hit]:
    """全镇村干部 is all the town's 村干部, not 镇村干部: after 全, a level character belongs to the scope
    when the rest of the label is a label of its own."""
    starts = {(s, e) for s, e, _ in hits}
    return [
        h
        for h in hits
        if not (
            h[0] > 0
            and text[h[0] - 1] == "全"
            and text[h[0]] in "省市县区旗镇乡"
            and (h[0] + 1, h[1]) in starts
        )
    ]


def _outermost(hits: list[_Hit], scheme: Scheme | None = None) -> list[_Hit]:
    """Drop hits inside a longer hit (干部 inside 年轻干部), and hits of a broader concept overlapping
    a narrower one (干部队伍 against 党务干部); other partial overlaps keep both."""

    hits = sorted(set(hits), key=lambda h: (h[0], -h[1]))
    keep: list[_Hit] = []
    reach = -1  # the furthest end of a hit starting at or before the current one
    for h in hits:
        s, e = h[0], h[1]
        if e > reach or not any(o[0] <= s and e <= o[1] and o[1] - o[0] > e - s for o in keep[-8:]):
            keep.append(h)
        if e > reach:
            reach = e
    if scheme is None:
        return keep
    anc = scheme.ancestors
    broader = set().union(*(anc(o[2]) for o in keep))  # only these concepts can lose to a narrower one
    return [
        h
        for h in keep
        if h[2] not in broader or not any(o[0] < h[1] and h[0] < o[1] and h[2] in anc(o[2]) for o in keep)
    ]


def find_targets(text: str, *, actors: bool = False) -> list[ConceptHit]:
    """Target-group mentions, longest match; a generic label only where nothing more specific covers it.

    Groups that only act are left out unless `actors` is true: the subject of 担任/授课/牵头/逐级…, a role
    taken (担任非公党建指导员), a destination (选派到软弱涣散村), someone else's organisation (所在社区党组织),
    people invited to evaluate (邀请社区干部、老党员参与评议).

    >>> [(h.concept, h.label) for h in find_targets("4 个软弱涣散村党组织书记")]
    [('weak-village-party-organisation', '软弱涣散村党组织'), ('village-party-secretary', '村党组织书记')]
    >>> [h.concept for h in find_targets("有经验的老干部定期为选调生讲解基层工作方法")]
    ['selected-graduate']
    >>> [h.concept for h in find_targets("由乡镇党委书记与受处分干部、年龄偏大干部逐一谈心谈话")]
    ['disciplined-cadre', 'older-cadre']
    """
    scheme = load_scheme("target-groups")
    hits = [
        ConceptHit(c, text[s:e], s, e)
        for s, e, c in _outermost(_scope_apart(text, _all_matches(text, "target-groups", True)), scheme)
    ]
    hits = _drop_subsumed(text, hits, scheme)
    hits = _drop_back_references(text, hits, scheme)
    if not actors:
        blocked = [(m.start(), m.end()) for m in _NOT_GROUPS.finditer(text)]
        blocked += [(m.start(), m.end()) for m in _NOT_PRACTICE.finditer(text)]
        blocked += [(m.start(), m.end()) for m in _SPEECH.finditer(text)]
        blocked += [(m.start(), m.end()) for m in _TITLED.finditer(text)]
        blocked += [(m.start(), m.end()) for m in CITED_TITLE.finditer(text)]
        hits = [
            h
            for group in _lists(text, hits)
            if not _acts(text, _span(text, group))
            for h in group
            if not _post(text, h)
            and not _frame(text, h)
            and not any(a < h.end and h.start < b for a, b in blocked)
        ]
    extra = []
    for h in hits:
        if "cadre" not in scheme.ancestors(h.concept) | {h.concept}:
            continue
        for word, cid in _MODIFIERS.items():
            window = text[max(0, h.start - len(word) - 4) : h.start]
            pos = window.rfind(word)
            if (
                pos >= 0
                and re.fullmatch(r"[\u4e00-\u9fff]*", window[pos:])
                and cid != h.concept
                and cid not in scheme.ancestors(h.concept)
            ):
                s = h.start - len(window) + pos
                if not any(o.start <= s < o.end for o in hits + extra):
                    extra.append(ConceptHit(cid, text[s : h.end], s, h.end))
    return sorted(hits + extra, key=lambda h: (h.start, -h.end))


# what joins the members of a list of groups: 老干部、乡土人才和驻村第一书记, 1名县级领导干部和1名乡镇党委书记,
# 机关党员干部和老党员; adjacent or overlapping hits are one group (镇党委班子成员)
_LIST_JOIN = lazy(
    r"(?:(?:干部|代表|骨干)?(?:[、和及与或]|以及)(?:\d+|[一二两三四五六七八九十])?(?:名|位|个)?(?:优秀|资深)?"
    r"(?:乡镇|县直|市直|部门|单位)?(?:（[^（）\n]{1,4}）)?)?"
)


def _lists(text: str, hits: list[ConceptHit]) -> list[list[ConceptHit]]:
    """The hits in order, grouped into the lists they are written in (a lone hit is a list of one)."""
    groups: list[list[ConceptHit]] = []
    for h in hits:
        last = groups[-1][-1] if groups else None
        if last is not None and (h.start < last.end or _LIST_JOIN.fullmatch(text, last.end, h.start)):
            groups[-1].append(h)
        else:
            groups.append([h])
    return [part for g in groups for part in _talk_sides(text, g)]


def _talk_sides(text: str, group: list[ConceptHit]) -> list[list[ConceptHit]]:
    """A list joined by 与/同 before a talk (书记与受处分干部、年龄偏大干部逐一谈心谈话): two sides, the
    one who talks and the ones talked to, judged apart."""
    if len(group) < 2 or not _TALKED_TO.match(text, group[-1].end):
        return [group]
    for i in range(1, len(group)):
        if text[group[i - 1].end : group[i].start] in ("与", "同"):
            return [group[:i], group[i:]]
    return [group]


def _span(text: str, group: list[ConceptHit]) -> ConceptHit:
    """A list judged as one mention: what comes before its first member and after its last decides
    whether they all act (由老干部、乡土人才和…组成; 为全县领导干部和选调生授课)."""
    if len(group) == 1:
        return group[0]
    first, last = group[0], group[-1]
    return ConceptHit(last.concept, text[first.start : last.end], first.start, last.end)


# a counted or "each" top-level label: 对表现较差的11名干部, 为每名入库干部 (after 年轻干部 was named)
_COUNTED = lazy(r"(?:\d+\s*|[每各])(?:名|位|个)[^，。；：！？\n]{0,10}$")
# the base of a share or a rate: 占同期提拔干部总数的31.2%, 党组织覆盖率
_BASE_AFTER = lazy(r"(?:总数|总量|覆盖率|比例|占比)")
# the group at hand, named by what it does in the practice: 入库干部, 锻炼干部, 挂职干部 (after 年轻干部)
_BACK_MODIFIER = lazy(r"(?:入库|锻炼|历练|挂职|参训|结对|墩苗|派驻|选派|下派|识别|互派|该批|这批|这些|上述)$")


def _drop_back_references(text: str, hits: list[ConceptHit], scheme: Scheme) -> list[ConceptHit]:
    """A top-level label that refers back to a narrower group named before it (the 11 cadres of a young
    cadres' pool), or that is only the base of a share, is not a group of its own."""
    keep = []
    for h in hits:
        top = not scheme[h.concept].broader
        earlier = any(o.end <= h.start and h.concept in scheme.ancestors(o.concept) for o in hits)
        counted = _COUNTED.search(text, max(0, h.start - 16), h.start)
        if top and (
            (earlier and (counted or _BACK_MODIFIER.search(text, max(0, h.start - 2), h.start)))
            or _BASE_AFTER.match(text, h.end)
        ):
            continue
        if not top and any(
            o.end <= h.start and o.label != h.label and o.label.endswith(h.label) for o in hits
        ):
            continue  # 村级后备干部 … 后备干部: the short form of a group named before
        keep.append(h)
    return keep


def _drop_subsumed(text: str, hits: list[ConceptHit], scheme: Scheme) -> list[ConceptHit]:
    """A top-level label (干部, 党员, 人才, 基层党组织) in a clause that also names a narrower group refers
    to that group: 村干部分为主职、副职、一般干部 (not cadres in general)."""
    if all(scheme[h.concept].broader for h in hits):
        return list(hits)  # no top-level label: nothing to reassign
    # a 其中 clause names a part of the group before it (…驻村工作队员64名，其中…双语干部21名)
    ends = [m.end() for m in _CLAUSE_END.finditer(text) if not text.startswith("其中", m.end())]
    bounds = [0, *ends, len(text) + 1]

    def clause(pos: int) -> int:
        return bisect.bisect_right(bounds, pos) - 1

    keep = []
    for h in hits:
        c = clause(h.start)
        if scheme[h.concept].broader or not any(
            o is not h and clause(o.start) == c and h.concept in scheme.ancestors(o.concept) for o in hits
        ):
            keep.append(h)
    return keep


_CLAUSE_END = lazy(r"[，。；！？\n]")
# a rule the practice follows names whom that rule governs, not whom this practice is for: 认真贯彻
# 《党政领导干部选拔任用工作条例》《…规定》 (the title of its own measure does: 出台《加强科级领导干部…办法》)
_TITLED = lazy(
    r"(?:贯彻|落实|依据|按照|根据|对照|遵循|执行|学习)(?:落实|执行)?(?:《[^《》\n]{1,80}》[、和及与]?)+"
)
# someone's own words (选调生说：“跟着老支书…”) name people the practice is not for
_SPEECH = lazy(
    r"(?:说|表示|谈到|感慨|坦言|直言)[：:，,]?\s*[“\"][^”\"\n]{1,200}[”\"]"
    r"|[“\"][^”\"\n。]{2,12}，[^”\"\n。]{2,12}[”\"]"  # a motto in quotes: “党员流到哪里，组织就建到哪里”
)
_NOT_GROUPS = lazy(
    r"发展[^，。；、\n]{0,8}?党员(?!干部)|党员群众|党员教育\s*(?:电视片|专题片|微视频|片)|干部群众|干群|党员大会|党员活动|公务员法|干部(?:职工)?(?:周转|休息)?(?:房|宿舍|公寓|食堂|之家)"
    r"|干部(?:学院|学校|档案|选拔任用|选任|选用|人事|教育培训|交流合作|人才交流|心声)|干事创业|(?:^|(?<=[、\s]))(?:干部|人才)工作|(?:干部|人才)类别"
    r"|(?<=[。；])(?:干部|人才)工作(?=$|\s)"  # a column heading run on to the article before
    # the duty and the yearly report of the secretaries (乡镇党委书记抓基层党建述职评议), no practice's group
    r"|(?:乡镇|村|县|市|区|街道)?(?:党委|党组织|党工委|党支部)?书记抓(?:基层)?党建"
)
# where a group is named but no practice aims at it: a distribution footer (报：… 分送：…), a reporting
# unit signing in brackets at a paragraph's end, a quoted formula of parts joined by + or — (“党支部+合作
# 社+农户”模式, “镇党委—村党组织—网格党支部”四级体系, “村党组织书记+后备力量”结对): the shape of a
# system, not people it serves
_NOT_PRACTICE = lazy(
    r"(?:^|(?<=[\n。；）\s*]))(?:报|送|发|抄送|发送|抄报|报送|分送|印发)[：:][^\n]*"
    r"|（[^（）\n，。]{2,40}）(?=[ \t]*(?:\n|$))"
    r"|[“\"][^”\"\n，。；]{0,30}[+＋—－][^”\"\n，。；]{0,30}[”\"]"
    # the title of a film, programme or book (专题片《瑶寨领头雁》) names no one it is for
    r"|(?:片|剧|电影|视频|节目|栏目|歌曲|读本|书籍)\s*《[^《》\n]{1,30}》"
)
# a post someone is appointed, promoted or recruited to, not a group a practice is for:
# 走上科级领导岗位, 担任乡镇（街道）党政正职, 招录为乡镇公务员
_POST_AFTER = lazy(
    r"[”\"]?(?:(?:助理|副职)?(?:岗位|职务|职位|人选|候选人)|职数"
    # an election as the time or the reason of a practice aimed at others (村“两委”换届以来, 为…换届打好底子)
    r"|(?:换届|换届选举)(?:以来|后|中|前|时|之际|期间|工作中|打好|储备|做好准备|[，。；])|补选|出现空缺|空缺"
    # the body's meeting or room, not the body: 列席村“两委”会议, 在乡党委会议室
    r"|会议(?:室)?)"
)
_POST_BEFORE = lazy(
    r"(?:担任|兼任|挂任|走上|提拔为|提拔到|晋升为|招录为|考录为?|录用为|招聘为|选任为|当选为?)"
    r"(?:[\u4e00-\u9fff（）()]{2,12}[或和、])?[\u4e00-\u9fff（）()]{0,6}$"  # 担任党委副书记或村党组织第一书记
)
_QUOTED = r"(?:[“\"][^”\"]{0,12}[”\"])?"
_ACTOR_AFTER = lazy(
    rf"(?:等)?{_QUOTED}[“\"]?(?:讲师|宣讲员|教员|志愿者)?(?:共|均|都)?(?:要|须|必须|应|将)?(?:定期|主动|分别|共同|直接|全程|一对一|点对点|有关|带头)?"
    r"(?:担任|兼任|任副|任站长|共同参与|沉到|作为[“\"]?[^，。；]{0,6}?(?:导师|师傅|联系人|联系领导|帮带人|观察员|调研员|评委|考官)|(?:压实|落实|履行|扛起|扛牢)[^，。；]{0,16}?责任|同考核|同测评|授课|讲课|讲解|牵头|负责|逐级|轮流|联动|参与评议|参加评议|评议|包乡|包村|包片|"
    r"推荐(?=[、，。；和]|等方式)|(?:提议|商议|审议|决议)(?![的书])|带队|督导|坐班|下沉|结对|带头(?:上讲台)?(?:走访|慰问|联系|包|授课|讲课|讲党课|宣讲|入户|下沉|深入|调研|领办)|主抓|挂帅|驻村帮扶|帮扶下|当(?:点评|评委|考官|讲师|教员|导师|师傅|观察员)|帮助(?!其|他们)|协调解决|(?:每人)?(?:包联|分包|包保)|联|[”\"]?(?:双)?导师|[”\"]?传帮带|[^，。；：]{0,12}?(?:双)?导师(?![帮带制结对])|表示|介绍说|指出|强调|说[：:，。]|"
    r"任[^，。；]{0,6}?(?:书记|组长|站长|主任|委员|队长|会长|校长|指导员|联络员)|"
    r"(?:每(?:月|季度|年|周|半年))?(?:至少)?(?:与|同)[^，。；]{1,20}?(?:谈心|谈话|交流|沟通|见面)|"
    r"为[^，。；]{1,8}?(?:讲|授|上课|开展|提供|解决)|"
    r"中(?:选聘|聘请|选派|遴选|选拔)[^。；]{0,24}?(?:担任|作为)[^，。；]{0,10}?(?:导师|师傅|联系人|讲师|教员|评委|观察员))"
)
# a body (党委, 党组织, 支部) opening its clause is who acts there: 乡镇党委每季度开展1次评议, 镇党委把…作为…
# (or its members: 镇党委班子成员分组走访, 乡镇党委委员“一对一”联系)
_BODY_END = lazy(r"(?:党委|党工委|党组织|党支部|党总支|支部|组织部)(?:班子成员|班子|委员)?$")
_BODY_ACTS = lazy(
    r"(?:还|也|都|要|将|已|先后|积极|主动|定期|认真|切实|集中|统一|普遍|广泛|分组|分片|分别|带头|每(?:月|季度|年|周|半年))?(?:对|把|将|在|开展|组织|进行|探索|建立|推行|实行|围绕|负责|审核|推荐|备案|召开|制定|出台|牵头|坚持|依托|聚焦|着力|注重|结合|选派|选聘|组建|成立|实施|推动|指导|督促|统筹|贯彻|落实|要|以[^，。；]{1,16}?为|"
    r"针对|走访|慰问|摸排|排查|研判|日常管理|领办|创办|发展|带领|按照|立足|紧扣|紧盯|采取|打造|搭建|构建|用好|利用|明确|查阅|点评|"
    r"为(?!单位|主体|重点|依托|载体|核心)[^，。；]{1,16}?(?:建立|落实|开展|提供|解决|搭建|配备|发放|办理|协调))"
)
_MEMBERS = lazy(r"(?:班子成员|班子|委员)")
_BODY_MEANS = lazy(
    r"(?:(?:^|[，。；：！？\n、])经|通过|依托)(?:各|全[县市区])?(?:嘎查|乡镇|镇|乡)?$"
)  # 经乡镇党委排查, 通过乡镇党委摸排, 依托村党组织逐户走访
_ACTOR_BEFORE = lazy(
    r"(?:担任|兼任|所在地?|流入地|流出地|驻地|选派到|派到|下派到|到|赴|深入|被定为|吸纳|发挥|组织部"
    # 到叶盛镇、瞿靖镇等镇的村“两委”跟岗: where they go (受到…的干部 are not)
    r"|到[^，。；：！？\n到]{0,16}(?:镇|乡|村|街道|社区|县|区|市|旗|苏木|嘎查|单位|部门|企业)的"
    r"|(?<=[部委局办会府院])(?:联合|会同|协同|携手|统筹)(?:各|全[县市区旗]各?)?(?:苏木|乡)?"  # 组织部联合各乡镇党委
    r"|(?:进入|充实到|补充到)[\u4e00-\u9fff（）()]{0,6}"
    # 由1名镇领导班子成员“一对一”帮带: whoever does it, counted (and its level) or not
    r"|由(?:驻地|派驻|所在地?|各|本)?(?:\d+名[镇乡村县市区]?)?(?:[\u4e00-\u9fff]{1,8}[、和])*)$"
)
_TEAM = r"(?:\d+[人名])?(?:组成|组建)[^，。；]{0,10}?(?:组|团|队|班)"  # (…组成9个考察组)
# one person's title, not a group: 党支部书记、今年52岁的朝鲁; 村党支部书记阿不都热合曼·买买提说; a
# speaker: 镇党委书记在全县组织工作会议上的交流发言
_PERSON_AFTER = lazy(
    r"、(?:今年)?\d+岁的|(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{2,6}·[\u4e00-\u9fff]{2,6})"
    r"(?:说|表示|坦言|感慨|介绍说|作为代表)|在[^，。；！？\n]{2,30}?上的?(?:交流|典型|表态)?(?:发言|讲话)"
)
# the first of a list whose other members the vocabulary lacks, all taking part: 党员、牧民代表和驻村工作队共同参与
_JOINT = lazy(
    r"(?:[、和及与][^，。；：！？\n、和及与]{2,10}?){0,3}?(?:等)?"
    rf"(?:共同(?:参与|参加|商议|议事|研究)|{_TEAM})"
)
# a talk or pairing with someone (与…逐一谈心谈话, 同…结对): who is talked to or paired with receives it
_TALKED_TO = lazy(r"[^，。；：！？\n]{0,8}?(?:谈心谈话|谈心|谈话|结对|结成对子|面对面交流)")
_AUDIENCE = lazy(r"(?:(?<![定作成认视列评改称选])为|给|向)(?:全县|全市|全区|各级|广大)?$")
_CLAUSE_START = lazy(r"(?:^|[，。；：！？\n])(?:邀请|聘请|请|由)[^，。；：！？\n]*$")


# a report made to a body (after 向): 向乡镇党委述职
_TO_WHOM = lazy(r"向(?:[^，。；：！？\n]{1,12}[和、与及])?$")
_REPORTS = lazy(r"(?:定期|每(?:月|季度|年|半年))?(?:述职|汇报|报告|报备|请示)")
# judging, supervising or talking to others: 由镇党委书记约谈, 乡镇党委书记跟进督导 (not after 对/把: they are judged)
_JUDGES = lazy(
    r"(?:等)?(?:定期|直接|分别|负责|共同|联合|逐一|跟进)?(?:到村|下村|入户)?"
    r"(?:约谈|考评|初评|复评|评审|审核|把关|督导|督查|督促|验收|打分|跟进督导|点评|查阅|审阅)"
)
_RECEIVER_BEFORE = lazy(r"(?:对|把|将|被)[^，。；：]{0,16}$")
# people drawn together into a team that acts: 抽调组工干部37人组成9个考察组
_TEAM_AFTER = lazy(rf"(?:等)?{_TEAM}")
_BY_UNIT = lazy(r"为(?:单位|依托|载体|主阵地|阵地|平台|纽带)")
# the whole a share or a placement is taken of
_SHARE_OF = lazy(
    r"(?:[”\"]?(?:班子|队伍)?(?:成员)?)"
    r"(?:(?:占比|比例|总数|总量)"
    r"|中(?!物色|选|挑|遴|推荐|发现|培养|招|引)[^。；]{0,24}?(?:占比|比例|占[^，。；]{0,8}%|\d+(?:\.\d+)?%|[一二两三四五六七八九]成)"
    r"|中(?:均|都)?(?:配备|配齐))"
)
# the body new members are brought into, said as a figure of speech: 为村“两委”队伍注入新鲜血液
_INFUSED = lazy(r"[”\"]?(?:班子|队伍)?(?:注入|输送)")


# what may stand before a body opening its clause: a scope (全县各), or an organ it acts with (组织部和各)
_SCOPE = lazy(
    r"(?:^|[，。；：！？\n]|(?:部|委|局|办)[和、与及])(?:全|[\u4e00-\u9fff]{1,6}[省市县区州旗盟])?各级?$"
)  # (全县各级, 修水县各级)
_PLACE_STEM = lazy(r"(?:^|[，。；：！？\n])[\u4e00-\u9fff]{1,4}$")


def _opens_clause(text: str, h: ConceptHit) -> bool:
    """The mention starts its clause, or only a place's stem comes before it (马鞍 in 马鞍镇党委)."""
    if (
        h.start == 0
        or text[h.start - 1] in "，。；：！？\n"
        or text[max(0, h.start - 2) : h.start] in ("。”", "！”", "？”")  # after someone's words
        or _SCOPE.search(text, max(0, h.start - 8), h.start)
    ):
        return True
    own_level = h.label[0] in "镇乡街村社" and not h.label.startswith("乡镇")  # 乡镇党委 is no one place's
    return own_level and bool(_PLACE_STEM.search(text, max(0, h.start - 5), h.start))


def _post(text: str, h: ConceptHit) -> bool:
    """The mention names a post taken (see _POST_BEFORE), not the people a practice is for."""
    before = text[max(0, h.start - 20) : h.start]
    if before.endswith("的"):  # 不适宜担任现职的领导干部: the people, described by their post
        return bool(_POST_AFTER.match(text, h.end))
    return bool(_POST_AFTER.match(text, h.end) or _POST_BEFORE.search(before))


def _acts(text: str, h: ConceptHit) -> bool:
    """The mention names people or bodies that act, host or evaluate rather than receive the practice."""
    after = text[h.end : h.end + 48]
    before = text[max(0, h.start - 40) : h.start]
    if _TO_WHOM.search(before) and _REPORTS.match(after):
        return True  # 每季度向乡镇党委述职: the body hears the report
    if _AUDIENCE.search(before):
        return False  # 为全县领导干部授课: they are taught
    if before.endswith(("与", "同")) and _TALKED_TO.match(after):
        return False  # 由乡镇党委书记与受处分干部…逐一谈心谈话: the other side of the talk is its aim
    if _ACTOR_AFTER.match(after) or _TEAM_AFTER.match(after) or _PERSON_AFTER.match(after):
        return True
    if _JOINT.match(after):  # after the rest of a list the vocabulary lacks: 、牧民代表和驻村工作队
        return True
    if _JUDGES.match(after) and not _RECEIVER_BEFORE.search(before):
        return True  # 乡镇党委书记跟进督导, but 对2名村书记约谈提醒
    members = _BODY_END.search(h.label) and _MEMBERS.match(after)  # (委员 is no group of its own)
    if members and _ACTOR_AFTER.match(after, members.end()):
        return True  # 乡镇党委委员“一对一”联系培养
    if _BODY_END.search(h.label) and (
        _BODY_ACTS.match(after, members.end() if members else 0)
        and _opens_clause(text, h)
        or _BODY_MEANS.search(before)
    ):
        return True  # 镇党委针对…, 经镇乡党委排查: the body acts
    if _ACTOR_BEFORE.search(before):
        return True
    return bool(_CLAUSE_START.search(before))


def _frame(text: str, h: ConceptHit) -> bool:
    """The mention is the whole a share is taken of, or the body people are placed in: 全县35岁以下科级干部
    占比, 科级领导干部中女干部有103名，占比…, 领导班子中均配备 (not a pool people are drawn from: 从…中物色)."""
    if _BY_UNIT.match(text, h.end) and text[max(0, h.start - 1) : h.start] == "以":
        return True  # 以居民区党组织为单位: how it is organised
    if _INFUSED.match(text, h.end) and text[max(0, h.start - 1) : h.start] == "为":
        return True
    return bool(_SHARE_OF.match(text, h.end))


def _not_inside_people(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Type cues that are not a verb made a name of people by a suffix: 选调 is recruitment, 选调生 (a
    group the vocabulary names) is who it recruited, not a recruitment."""
    if not hits:
        return hits
    people = {(s, e) for s, e, _ in _all_matches(text, "target-groups", True)}
    return [h for h in hits if (h[0], h[1] + 1) not in people or text[h[1]] not in _PERSON_SUFFIX]


_PERSON_SUFFIX = "生员者"  # (选调生, 招录人员 is 招录 + 人员: two words, left alone)


def classify_types(text: str, heading: str | None = None) -> list[str]:
    """Practice-type ids for a practice text, best first; cue words in the heading count three times.

    A type needs two cue hits (or one in the heading), or in a short text be the only one hit; a parent
    scores its children's hits at half weight but is listed only when no child qualified.
    """
    scores: dict[str, float] = defaultdict(float)
    for src, weight in ((text or "", 1.0), (heading or "", 3.0)):
        seen = set()
        for start, _end, cid in _not_inside_people(
            src, _outermost(_all_matches(src, "practice-types", True))
        ):
            if (cid, start) not in seen:
                seen.add((cid, start))
                scores[cid] += weight
    scheme = load_scheme("practice-types")
    for cid, sc in list(scores.items()):
        for b in scheme.ancestors(cid):
            scores[b] += sc / 2
    chosen = [c for c, sc in scores.items() if sc >= 2]
    if not chosen and scores:  # a short text: the single best cue, if it is unambiguous
        best = max(scores.values())
        top = [c for c, sc in scores.items() if sc == best]
        chosen = [c for c in top if not any(c in scheme.ancestors(o) for o in top)]
        chosen = chosen if len(chosen) == 1 else []
    leaves = [c for c in chosen if not any(c in scheme.ancestors(o) for o in chosen)]
    return sorted(leaves, key=lambda c: (-scores[c], c))


def user_dictionary_words() -> list[str]:
    """Every label of both vocabularies (quotes removed), for jieba's user dictionary."""
    words = set()
    for name in SCHEMES:
        for c in load_scheme(name).concepts.values():
            for label in (*c.labels, *c.hidden, *c.cues):
                w = re.sub(r"[“”\"'\s]", "", label)
                if len(w) >= 2:
                    words.add(w)
    return sorted(words)


def broader_closure(cid: str) -> set[str]:
    """The concept and all its broader concepts (in whichever scheme holds it).

    >>> sorted(broader_closure("selected-graduate"))
    ['cadre', 'selected-graduate', 'young-cadre']
    """
    for name in SCHEMES:
        scheme = load_scheme(name)
        if cid in scheme.concepts:
            return {cid} | scheme.ancestors(cid)
    raise KeyError(f"unknown concept {cid!r}")
