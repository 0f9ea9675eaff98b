"""Organisations that act in a bulletin: 岳西县委组织部, 县纪委监委, 县委党校, 乡镇党委, 村党组织, 区直机关 …

A unit name is an optional place (岳西县, or a bare level 县/市/区 meaning "ours") and a body from a fixed list of
Party and state organ types. Relative names (县委组织部) take the place from `within` and are then named in full
(岳西县委组织部), so the same unit written two ways gets one identity.

>>> u = parse_unit("中共太湖县委组织部")
>>> u.name, u.kind, u.parent_name, u.locality.code
('太湖县委组织部', '组织部', '太湖县委', '340825')
"""

from __future__ import annotations

import re

from kg.extract.localities import by_suffix, gazetteer
from kg.model import Locality, Unit

# body -> (kind, how much of the body stays in the parent's name: "委" for X委组织部 -> X委)
_BODIES: list[tuple[str, str, str | None]] = [
    ("委组织部研究室", "研究室", "委组织部"),
    ("委组织部办公室", "办公室", "委组织部"),
    ("委组织部", "组织部", "委"),
    ("纪委监委", "纪委监委", None),
    ("纪委", "纪委", None),
    ("监委", "监委", None),
    ("委党校", "党校", "委"),
    ("委宣传部", "宣传部", "委"),
    ("委统战部", "统战部", "委"),
    ("委政法委", "政法委", "委"),
    ("委办公室", "办公室", "委"),
    ("委编办", "编办", "委"),
    ("委巡察办", "巡察办", "委"),
    ("委老干部局", "老干部局", "委"),
    ("直机关工委", "机关工委", None),
    ("直机关", "直属机关", None),
    ("人民政府", "政府", None),
    ("政府", "政府", None),
    ("街道党工委", "街道党工委", None),
    ("街道大党工委", "街道党工委", None),
    ("党工委", "党工委", None),
    ("乡镇党委", "乡镇党委", None),
    ("镇党委", "乡镇党委", None),
    ("乡党委", "乡镇党委", None),
    ("村党组织", "村党组织", None),
    ("村党支部", "村党组织", None),
    ("村党总支", "村党组织", None),
    ("社区党组织", "社区党组织", None),
    ("党群服务中心", "党群服务中心", None),
    ("党校", "党校", None),
    ("委", "党委", None),
]
# a town's committee by its full name: 中共某某街道工作委员会, 中共某某镇委员会
_FULL_NAME = re.compile(r"(街道|镇|乡)(?:工作)?委员会$")
_BODY_RE = re.compile("|".join(re.escape(b) for b, _, _ in sorted(_BODIES, key=lambda x: -len(x[0]))))
_KIND = {b: (k, p) for b, k, p in _BODIES}
_LEVEL = "省市县区旗州"  # a bare level before a body means "ours": 县委组织部, 旗委组织部, 州委组织部
# an office of an organisation department: 县委组织部人才办, 组织股, 干部监督室, 干部一科, 机关党委
_OFFICE = re.compile(r"^(.*委组织部)([\u4e00-\u9fff]{1,8}?(?:办|室|科|股|处|中心|党委|党支部|支部))$")
# bodies that can stand without a place in running text
_STANDALONE = {
    "乡镇党委",
    "村党组织",
    "村党支部",
    "村党总支",
    "党群服务中心",
    "街道党工委",
    "纪委监委",
    "社区党组织",
    "党校",
}


def parse_unit(text: str, *, within: Locality | None = None) -> Unit | None:
    """Parse a unit name as written (brackets and 中共 dropped); None if it is not one.

    >>> parse_unit("县纪委监委", within=gazetteer().resolve("岳西县").locality).name
    '岳西县纪委监委'
    >>> parse_unit("市委组织部研究室", within=gazetteer().resolve("安庆").locality).parent_name
    '安庆市委组织部'
    >>> u = parse_unit("县委组织部人才办", within=gazetteer().resolve("尤溪县").locality)
    >>> u.name, u.kind, u.parent_name
    ('尤溪县委组织部人才办', '人才办', '尤溪县委组织部')
    """
    s = re.sub(r"[\s（）()【】\[\]]", "", text or "")
    s = re.sub(r"^中共", "", s)
    s = _FULL_NAME.sub(lambda m: m.group(1) + ("党工委" if m.group(1) == "街道" else "党委"), s)
    for body, _kind, _parent in sorted(_BODIES, key=lambda x: -len(x[0])):
        if s.endswith(body):
            unit = _make(s[: len(s) - len(body)], body, within)
            if unit is not None:
                return unit
    office = _OFFICE.match(s)
    if office:  # the department's own office: its place is the department's (the bulletin's for 县委组织部…)
        dept = parse_unit(office.group(1), within=within)
        if dept is not None:
            return Unit(dept.name + office.group(2), office.group(2), dept.locality, dept.name)
    return None


_TOWN_BODIES = frozenset(("镇党委", "乡党委"))


def _make(place: str, body: str, within: Locality | None) -> Unit | None:
    kind, parent_part = _KIND[body]
    loc: Locality | None = None
    if place == "" or place in ("乡镇", "乡", "镇", "村", "街道", "社区"):
        if body == "委" or (place == "" and body not in _STANDALONE and kind not in ("纪委", "监委", "政府")):
            return None
        loc, shown = within, place
    elif place in _LEVEL:
        loc = by_suffix(within, place) if within is not None else None
        shown = loc.name if loc is not None else place
    else:
        if body in _TOWN_BODIES:
            place += body[0]
        loc = gazetteer().resolve(place, within=within).locality
        if loc is None and place[-2:] in ("县县", "区区", "旗旗"):
            place = place[:-1]  # 朗县县委组织部: a one-character county written with its level twice
            loc = gazetteer().resolve(place, within=within).locality
        if loc is None and body in _TOWN_BODIES and within is not None and within.level == "county":
            from kg.extract.localities import town_under

            loc = town_under(within, place)  # 三县岭镇党委 in a county's bulletin: a town of that county
        if loc is None:
            return None
        shown = place
    name = shown + (body[1:] if body in _TOWN_BODIES and place.endswith(body[0]) else body)
    parent = shown + parent_part if parent_part and shown else None
    return Unit(name, kind, loc, parent)


def find_units(text: str, *, within: Locality | None = None) -> list[tuple[int, int, Unit]]:
    """Units named in running text: (start, end, unit), left to right, non-overlapping.

    >>> [u.name for _, _, u in find_units("县委组织部与县纪委监委成立联合督查组", within=gazetteer().resolve("岳西县").locality)]
    ['岳西县委组织部', '岳西县纪委监委']
    """
    g = gazetteer()
    out: list[tuple[int, int, Unit]] = []
    last = 0
    for m in _BODY_RE.finditer(text):
        body, b = m.group(0), m.start()
        if b < last or body == "委":
            continue
        start, place = b, ""
        window = ("…" if b > 16 else "") + text[max(0, b - 16) : b]  # (…: no text start, for 会同县)
        near = [x for x in g.find_localities(window, within=within) if x.end == len(window) and x.locality]
        if near:
            start, place = b - (near[-1].end - near[-1].start), near[-1].text
        elif b > 0 and text[b - 1] in _LEVEL and _free_before(text, b - 1):
            start, place = b - 1, text[b - 1]
        elif text[max(0, b - 2) : b] == "乡镇":
            start, place = b - 2, "乡镇"
        elif body not in _STANDALONE:
            continue
        if text[max(0, start - 2) : start] == "中共":
            start -= 2
        unit = _make(place, body, within)
        if unit is not None:
            out.append((start, m.end(), unit))
            last = m.end()
    return out


def _free_before(text: str, i: int) -> bool:
    """A bare level character (县委组织部) starts a unit name unless it ends a word (开发区, 全县, 社区)."""
    if i == 0:
        return True
    prev = text[i - 1]
    return not "\u4e00" <= prev <= "\u9fff" or prev in "向与和及由经报对在到从为将把请同会联的是给被"
