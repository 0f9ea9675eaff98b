"""Article titles: normalised text, keeping the space that separates the two halves of a headline."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from kg.model import Document

_WIDE = re.compile(r"[\u3400-\u9fff“”‘’《》（）]")
_PHRASE_MIN = 3  # a headline half is at least this many characters; shorter = a broken word


def title_text(doc: Document, start: int, end: int) -> str:
    """Title from doc.text[start:end] with line breaks joined and headline separators kept.

    A space in the source between two wide characters is a PDF artefact inside a word
    (党务干部 队伍) unless both sides are phrases of their own (擦亮星级创评品牌 激发基层党组织…).
    """
    text = doc.text
    chars: list[str] = []
    breaks: list[int] = []  # indexes in chars where the source had a space gap
    for i in range(start, end):
        ch = text[i]
        if ch == "\n":
            continue
        if chars and i > start:
            gap = doc.source[doc.offsets[i - 1] + 1 : doc.offsets[i]]
            if gap and not gap.strip() and "\n" not in gap:
                breaks.append(len(chars))
        chars.append(ch)
    out = "".join(chars).strip(" 。")
    if not breaks:
        return out
    pieces, prev = [], 0
    for b in breaks + [len(chars)]:
        pieces.append("".join(chars[prev:b]))
        prev = b
    merged = [pieces[0]]
    for piece in pieces[1:]:
        if len(merged[-1]) >= _PHRASE_MIN and len(piece.rstrip("。")) >= _PHRASE_MIN:
            merged.append(piece)
        else:
            merged[-1] += piece
    return " ".join(merged).strip(" 。")


_PLACE_FALLBACK = re.compile(r"^([\u4e00-\u9fff]{1,8}?(?:省|自治区|市|自治州|地区|盟|县|区|旗))")
_TOWN_HEAD = re.compile(r"^([\u4e00-\u9fff]{1,8}?(?:镇|乡|街道|苏木))(?=[：:]|$)")
# a town's name opening a title as the subject of what it did (颛桥镇开展…, 古美路街道推进…)
_TOWN_DOES = re.compile(
    r"^([\u4e00-\u9fff]{2,6}?)(镇|乡|街道|苏木)(?=开展|推进|实施|实行|推行|推出|建立|健全|完善|探索|创新|打造|举办|召开|"
    r"启动|出台|深化|强化|建强|激活|做实|抓实|织密|构建|坚持|聚焦|用好|念好|以|把|让|为|在)"
)


@lru_cache(maxsize=4096)  # titles and contents lines repeat within a file
def leading_place(title: str) -> str | None:
    """The place name a title starts with, as written (怀宁县, 渭南市合阳县, 山东济宁).

    Towns are not in the division table: a town name (…镇, …乡, …街道) counts when a colon
    follows it (`某某镇：标题`), the genre's way of saying whose article it is, or when what it did
    follows (`某某镇开展…`).
    """
    try:
        from kg.extract.localities import leading_locality, town_name
    except ImportError:  # extraction not installed: a shape-only guess
        m = _PLACE_FALLBACK.match(title) or _TOWN_HEAD.match(title)
        return m.group(1) if m else None
    found = leading_locality(title)
    if found:
        town = _town_after_county(title[found[1] :], town_name)  # 临夏市八坊街道实行…: the town is the place
        return found[0] + town if town else found[0]
    m = _TOWN_HEAD.match(title)
    return m.group(1) if m else _town_doing(title, town_name)


_COLON_HEAD = re.compile(r"\s*([^，。；：！？\s“”]{2,12})[：:]")


def colon_place(text: str) -> str | None:
    """The place `text` opens with when a colon follows it and nothing else (四川丹棱县：… -> 四川丹棱县,
    青山镇：… -> 青山镇): whose item or article it is, in this genre's way of saying so.

    >>> colon_place("四川丹棱县：“一线工作法”锤炼干部。"), colon_place("县委组织部：…")
    ('四川丹棱县', None)
    """
    m = _COLON_HEAD.match(text)
    return m.group(1) if m and leading_place(m.group(0)) == m.group(1) else None


def colon_head(text: str) -> str | None:
    """The words `text` opens with before a colon (县委组织部：… -> 县委组织部), whoever they name.

    >>> colon_head("州委党校：举办培训班"), colon_head("今年以来，全县…：")
    ('州委党校', None)
    """
    m = _COLON_HEAD.match(text)
    return m.group(1) if m else None


def _town_doing(text: str, town_name: Callable[[str, str], bool]) -> str | None:
    """A town opening `text` with what it did (颛桥镇开展…), when its stem reads as a name."""
    m = _TOWN_DOES.match(text)
    return m.group(1) + m.group(2) if m and town_name(m.group(1), m.group(2)) else None


def _town_after_county(rest: str, town_name: Callable[[str, str], bool]) -> str | None:
    """A town named right after a county in a title, before a colon or what it did; a phrase (乡镇：,
    城乡：) is none."""
    m = _TOWN_HEAD.match(rest)
    if m is None:
        return _town_doing(rest, town_name)
    name = m.group(1)
    suffix = "街道" if name.endswith("街道") else name[-1]
    return name if town_name(name[: -len(suffix)], suffix) else None


def short_place_of(name: str | None, editor: str | None) -> Callable[[str], bool]:
    """Whether a bare short name in a 【】 tag (【环江】) is a place, for a bulletin of this name and editor:
    a division of the bulletin's own place (its city's counties), or one place in the country whose
    name is no ordinary word."""
    try:
        from kg.extract.localities import short_place
    except ImportError:  # extraction not installed: tags need an administrative suffix
        return lambda tag: False
    home = _home(name, editor)
    return lambda tag: short_place(tag, home)


@lru_cache(maxsize=256)  # a bulletin series keeps its masthead
def _home(name: str | None, editor: str | None):
    from kg.extract.localities import city_of_bulletin

    return city_of_bulletin(name, editor)
