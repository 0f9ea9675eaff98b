"""Chinese numerals as bulletins write them: 十二, 二〇二三, 一百零三 (one table for every reader)."""

from __future__ import annotations

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
    "o": 0,
    "0": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(text: str) -> int | None:
    """Arabic or Chinese numerals up to the thousands; None when a character is neither.

    >>> cn_number("12"), cn_number("十二"), cn_number("二十"), cn_number("一百零三"), cn_number("1 6")
    (12, 12, 20, 103, 16)
    >>> cn_number("三千五百"), cn_number("十万") is None
    (3500, True)
    """
    text = text.replace(" ", "").replace("\t", "")
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (current or 1) * CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current
