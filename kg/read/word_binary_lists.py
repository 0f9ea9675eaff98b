"""Word 97–2003's automatic numbering (.doc), rendered as Word shows it: 一、 （二） 1. before a paragraph.

The binary file keeps list numbers out of the text, as a .docx does: a paragraph's properties name a list
instance (sprmPIlfo, an index into the PlfLfo) and a level (sprmPIlvl); the instance names its list
(lsid → an LSTF of the PlfLst), whose levels (LVL, after the LSTFs) say where each level starts, how it
counts (nfc: decimal, chineseCounting …) and how it is written (an Xst in which characters 0–8 stand for
the levels' numbers). MS-DOC's LSTF, LVL/LVLF, PlfLst, PlfLfo, LFO and LFOLVL structures. Counting is the .docx reader's (kg/read/word_numbering.Numbering): per list, a
restart of a list instance (LFOLVL.fStartAt) honoured.
"""

from __future__ import annotations

import struct

from kg.read.word_numbering import Level, Numbering

_PLF_LST, _PLF_LFO = 73, 74  # FibRgFcLcb97 pairs by index
SPRM_ILFO, SPRM_ILVL = 0x460B, 0x260A  # paragraph properties: list instance (1-based) and level

# nfc (MS-DOC 2.9.150 → ST_NumberFormat, in the same order) for the formats bulletins use; others count as
# decimal, as kg.read.word_numbering.formatted does with a format it does not know
_NFC = {
    0x00: "decimal",
    0x01: "upperRoman",
    0x02: "lowerRoman",
    0x03: "upperLetter",
    0x04: "lowerLetter",
    0x0A: "ideographDigital",
    0x0B: "japaneseCounting",
    0x0E: "decimalFullWidth",
    0x12: "decimalEnclosedCircle",
    0x13: "decimalFullWidth",
    0x16: "decimalZero",
    0x17: "bullet",
    0x1C: "decimalEnclosedCircleChinese",
    0x1E: "ideographTraditional",
    0x21: "taiwaneseCounting",
    0x23: "taiwaneseCountingThousand",
    0x25: "chineseCounting",
    0x26: "chineseLegalSimplified",
    0x27: "chineseCountingThousand",
    0x2F: "none",
}


def read_lists(table: bytes, pair) -> Numbering | None:
    """The document's lists as a Numbering whose list ids are the ilfo numbers paragraphs give (as
    strings); None when the file has none. `pair(index)` gives a FibRgFcLcb97 (fc, lcb)."""
    lst_fc, lst_lcb = pair(_PLF_LST)
    lfo_fc, lfo_lcb = pair(_PLF_LFO)
    if not lst_lcb or not lfo_lcb:
        return None
    out = Numbering()
    count = struct.unpack_from("<h", table, lst_fc)[0]
    at = lst_fc + 2 + 28 * count  # the LVLs follow the LSTFs, list by list
    lists = []
    for i in range(count):
        lsid = struct.unpack_from("<i", table, lst_fc + 2 + 28 * i)[0]
        simple = table[lst_fc + 2 + 28 * i + 26] & 0x01
        lists.append((lsid, 1 if simple else 9))
    for lsid, n_levels in lists:
        levels = {}
        for lv in range(n_levels):
            level, at = _level(table, at)
            levels[lv] = level
        out.abstract[str(lsid)] = levels
    n_lfo = struct.unpack_from("<I", table, lfo_fc)[0]
    data = lfo_fc + 4 + 16 * n_lfo  # the LFOData, one per LFO, after them
    for i in range(n_lfo):
        lsid = struct.unpack_from("<i", table, lfo_fc + 4 + 16 * i)[0]
        n_over = table[lfo_fc + 4 + 16 * i + 12]
        data += 4  # (cp)
        restarts = {}
        for _ in range(n_over):
            start, flags = struct.unpack_from("<iI", table, data)
            data += 8
            if flags & 0x10:  # fStartAt
                restarts[flags & 0x0F] = start
            if flags & 0x20:  # fFormatting: a whole LVL follows
                _, data = _level(table, data)
        out.nums[str(i + 1)] = (str(lsid), restarts)
    return out


def _level(table: bytes, at: int) -> tuple[Level, int]:
    """One LVL at `at`: (the level, the offset after it)."""
    start, nfc = struct.unpack_from("<iB", table, at)
    cb_chpx, cb_papx = table[at + 24], table[at + 25]
    at += 28 + cb_papx + cb_chpx
    cch = struct.unpack_from("<H", table, at)[0]
    xst = table[at + 2 : at + 2 + 2 * cch].decode("utf-16-le", "replace")
    text = "".join(f"%{ord(c) + 1}" if ord(c) < 9 else c for c in xst)
    return Level(start, _NFC.get(nfc, "decimal"), text), at + 2 + 2 * cch
