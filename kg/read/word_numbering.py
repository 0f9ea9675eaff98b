"""Word's automatic numbering, rendered as a reader sees it: 一、 （二） 3. before a paragraph.

A .docx keeps list numbers out of the text: a paragraph names a list (w:numPr, its own or its style's)
and the numbering part says how each level counts (chineseCounting, decimal …) and is written (%1、,
（%1）). Bulletins number their articles and measures this way (四、白马镇：…, （二）年度考核…), and the
splitter reads those numbers as it reads typed ones, so they are counted here in document order.
Counters run per abstract list, as Word runs them; a list that restarts (w:startOverride) starts again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"))
_ROMAN += ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return _DIGITS[0]
    if n >= 1000:  # (no bulletin's list runs this long: digits rather than a wrong numeral)
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    tail = (
        ""
        if rest == 0
        else ("零" + _DIGITS[rest] if rest < 10 else _DIGITS[rest // 10] * (rest < 20) + chinese(rest))
    )
    return _DIGITS[hundreds] + "百" + tail


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def formatted(n: int, fmt: str) -> str:
    """The counter `n` in Word's number format `fmt` (unknown formats as decimal)."""
    if fmt in ("none", "bullet"):
        return ""
    if fmt.startswith(
        ("chineseCounting", "chineseLegal", "japaneseCounting", "ideographDigital", "taiwaneseCounting")
    ):
        return chinese(n)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and n > 0:
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""


@dataclass
class Numbering:
    """The lists of one document and their counters (feed it the paragraphs in document order)."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId → levels
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstract, restarts)
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    restarted: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, numbering, styles) -> Numbering:
        """From the numbering part's and the styles part's XML roots (either may be None)."""
        out = cls()
        if numbering is not None:
            for a in numbering.iter(_W + "abstractNum"):
                levels = {}
                for lvl in a.iter(_W + "lvl"):
                    levels[_int(lvl.get(_W + "ilvl"), 0)] = Level(
                        _int(_val(lvl, "start"), 1),
                        _val(lvl, "numFmt") or "decimal",
                        _val(lvl, "lvlText") or "",
                    )
                out.abstract[a.get(_W + "abstractNumId")] = levels
            for n in numbering.iter(_W + "num"):
                ref = n.find(_W + "abstractNumId")
                restarts = {
                    _int(o.get(_W + "ilvl"), 0): _int(_val(o, "startOverride"), 1)
                    for o in n.iter(_W + "lvlOverride")
                    if o.find(_W + "startOverride") is not None
                }
                if ref is not None:
                    out.nums[n.get(_W + "numId")] = (ref.get(_W + _VAL), restarts)
        if styles is not None:
            for s in styles.iter(_W + "style"):
                pr = s.find(f"{_W}pPr/{_W}numPr")
                if pr is not None:
                    out.style_num[s.get(_W + "styleId")] = (
                        _val(pr, "numId") or "",
                        _int(_val(pr, "ilvl"), 0),
                    )
        return out

    def prefix(self, p) -> str:
        """The number Word shows before paragraph `p` ('' when it has none), counted."""
        ppr = p.find(_W + "pPr")
        pr = ppr.find(_W + "numPr") if ppr is not None else None
        style = ppr.find(_W + "pStyle") if ppr is not None else None
        num_id, ilvl = self.style_num.get(style.get(_W + _VAL) if style is not None else "", ("", 0))
        if pr is not None:
            num_id = _val(pr, "numId") or num_id
            ilvl = _int(_val(pr, "ilvl"), ilvl)
        return self.number(num_id, ilvl)

    def number(self, num_id: str, ilvl: int) -> str:
        """The number of the next paragraph of list `num_id` at level `ilvl` ('' for none), counted (the
        .doc reader, kg/read/word_binary_lists.py, calls this with its own lists)."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, restarts = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counts = self.counters.setdefault(abstract_id, {})
        if num_id not in self.restarted and restarts:  # a list numbered anew from here
            self.restarted.add(num_id)
            for lv, start in restarts.items():
                counts[lv] = start - 1
            for lv in [k for k in counts if k > min(restarts)]:
                del counts[lv]
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        text = levels[ilvl].text
        for lv in range(9):
            if f"%{lv + 1}" in text:
                n = counts.get(lv, levels.get(lv, Level()).start)
                text = text.replace(f"%{lv + 1}", formatted(n, levels.get(lv, Level()).fmt))
        return "" if levels[ilvl].fmt == "bullet" else text


_VAL = "val"


def _val(el, tag: str) -> str | None:
    child = el.find(_W + tag)
    return child.get(_W + _VAL) if child is not None else None


def _int(v: str | None, default: int) -> int:
    return int(v) if v is not None and v.lstrip("-").isdigit() else default
