"""Which paragraph styles of a Word 97–2003 .doc are headings (MS-DOC 2.9.271 STSH, 2.9.260 STD).

The .docx reader shows a paragraph in a heading style as a bold title line (kg/read/word.py); a .doc names
its paragraph's style by index (istd, the PAPX's first two bytes), and the stylesheet says which built-in
style each is (sti 1–9: 标题 1–9) and which style it is based on (istdBase): a style based on a heading
style is a heading too, as Word shows it.
"""

from __future__ import annotations

import struct

_STSHF = 1  # FibRgFcLcb97 pair of the stylesheet
_HEADINGS = range(1, 10)  # sti of 标题 1 … 标题 9
_NO_BASE = 0x0FFF


def heading_styles(table: bytes, pair) -> frozenset[int]:
    """The istd of every paragraph style that is a heading or based on one."""
    fc, lcb = pair(_STSHF)
    if lcb < 4:
        return frozenset()
    cb_stshi = struct.unpack_from("<H", table, fc)[0]
    count = struct.unpack_from("<H", table, fc + 2)[0]
    at, end = fc + 2 + cb_stshi, fc + lcb
    sti: dict[int, int] = {}
    base: dict[int, int] = {}
    for istd in range(count):
        if at + 2 > end:
            break
        cb = struct.unpack_from("<H", table, at)[0]
        if cb >= 4:
            word0, word1 = struct.unpack_from("<HH", table, at + 2)
            sti[istd], base[istd] = word0 & 0x0FFF, word1 >> 4
        at += 2 + cb
    out = set()
    for istd in sti:
        seen, s = 0, istd
        while s in sti and seen < 10:
            if sti[s] in _HEADINGS:
                out.add(istd)
                break
            if base.get(s, _NO_BASE) == _NO_BASE:
                break
            s, seen = base[s], seen + 1
    return frozenset(out)
