"""The shapes of a bulletin's own name (安庆组工信息, 组工简报, 宁波组工): read by the masthead parser, and by
the document extractor, for which a 《》 title of this shape is a periodical that carried a piece. Patterns only,
so that a question's start (kg.extract.concepts, at every `kg similar --text`) does not load the split stage."""

from __future__ import annotations

import re

_KINDS = r"(?:信息|动态|简报|通讯|专报|快报|参考|工作|情况|通报|交流)"
# (组工专刊 is a name of its own; 年轻干部工作专刊 under 盐城组工 is the theme)
NAME = re.compile(
    rf"^[^\s，。：；、]{{0,12}}(?:组工|组织工作|党建|干部工作|人才工作|组织)[^\s，。：；、]{{0,6}}{_KINDS}$"
    r"|^[^\s，。：；、]{0,12}组工(?:专刊|特刊)$"
)
NAME_SHORT = re.compile(r"^[\u4e00-\u9fff×Ｘ]{0,8}组工$")  # 宁波组工: the short form as a name


def is_bulletin_name(s: str) -> bool:
    """A bulletin's name as written (山东组工信息, 组工信息, 宁波组工): a periodical of the genre, so a 《》
    title of this shape is a publication that carried a piece (被省委组织部《组工信息》刊发).

    >>> is_bulletin_name("组工信息"), is_bulletin_name("宁波组工"), is_bulletin_name("组工干部考核办法")
    (True, True, False)
    """
    return bool(NAME.match(s) or NAME_SHORT.match(s))
