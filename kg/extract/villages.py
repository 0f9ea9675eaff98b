"""Villages (村, 社区, 嘎查) of each county and the town each lies in, so a village an article about its
county names without any cue (田家沟村发展的2名青年党员, a table's 东关上村) is found and hangs under its
town.

The list is the National Bureau of Statistics' 2023 statistical division codes (村级, 12-digit codes), as
packaged by modood's china-division (npm, WTFPL), the source of kg.extract.towns. Its names are those of the
village committees (田家沟村委会, 银闸社区居委会); the table keeps the village's own name (田家沟村, 银闸社区),
grouped by town, gzip-compressed in `kg/resources/` (about 2.2 MB for 580,000 villages, read in 0.03 s;
`python -m kg.extract.villages --rebuild villages.csv`, from the package's dist/). It is read once, on the
first article about a county, and only that county's lines are split.

>>> sorted(village_towns("110111"))[:2]
['一街村', '一街社区']
>>> village_towns("110111")["东关上村"]
'110111110'
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from kg.extract.towns import unambiguous

TABLE = Path(__file__).resolve().parent.parent / "resources" / "villages-2023.tsv.gz"

# a committee's name -> the village's: 田家沟村委会 / 田家沟村村民委员会 -> 田家沟村, 银闸社区居委会 -> 银闸社区
_COMMITTEE = (
    (re.compile(r"^(.+?)村?(?:村民委员会|村委会|村民委会|民委会)$"), "村"),
    (re.compile(r"^(.+?)社区(?:居委会|居民委员会)$"), "社区"),
    (re.compile(r"^(.+?)嘎查(?:委员会|村委会)?$"), "嘎查"),
    (re.compile(r"^(.+?)(村|社区)$"), ""),
)
_NAME = re.compile(r"[\u4e00-\u9fff]{2,8}")


def village_name(committee: str) -> str | None:
    """The village's own name from its committee's (None for a farm, a mine's living quarter …).

    >>> village_name("田家沟村村民委员会"), village_name("多福巷社区居委会"), village_name("某某生活区")
    ('田家沟村', '多福巷社区', None)
    """
    for pattern, suffix in _COMMITTEE:
        m = pattern.match(committee)
        if m:
            name = m.group(1) + (suffix or m.group(2))
            return name if _NAME.fullmatch(name) else None
    return None


@lru_cache(maxsize=1)
def _lines() -> dict[str, list[str]]:
    """county code -> its lines (`town code TAB names`), unsplit until asked for."""
    out: dict[str, list[str]] = defaultdict(list)
    if TABLE.exists():
        for line in gzip.decompress(TABLE.read_bytes()).decode("utf-8").splitlines():
            if line and not line.startswith("#"):
                out[line[:6]].append(line)
    return dict(out)


@lru_cache(maxsize=256)
def village_towns(county_code: str) -> dict[str, str]:
    """The villages of a county: {village name: 9-digit code of its town}, without a name two of its towns
    share (两个新村村)."""
    lines = (line.split("\t") for line in _lines().get(county_code, ()))
    return unambiguous((name, town) for town, names in lines for name in names.split(" "))


@lru_cache(maxsize=1024)
def village_index(county_codes: tuple[str, ...]) -> dict[str, str]:
    """The villages of these counties, each with its town, without a name two of them share. Looked up
    at the text's own 村/社区/嘎查 (find_listed): no pattern over thousands of names is compiled."""
    return unambiguous(pair for county in county_codes for pair in village_towns(county).items())


SUFFIX = re.compile(r"村|社区|嘎查")
CHARS = TABLE.with_name("transliteration-chars.txt")
# provinces whose village names are mostly written from Mongolian, Tibetan, Uyghur or Kazakh (内蒙古, 西藏,
# 青海, 新疆): their long names (喀拉苏, 萨尔布拉克) use a small set of characters the rest of China seldom does
_TRANSLITERATING = ("15", "54", "63", "65")


def derive_transliteration_chars() -> str:
    """The characters of transliterated names, from the village table: used in at least 10 village names of
    four or more characters in the provinces above, and at least five times as often there (per name) as in
    the other provinces' village names."""
    from collections import Counter

    there, elsewhere, n_there, n_elsewhere = Counter(), Counter(), 0, 0
    for county, lines in _lines().items():
        for line in lines:
            for name in line.split("\t", 1)[1].split(" "):
                stem = re.sub(r"(?:村|社区|嘎查)$", "", name)
                if county[:2] not in _TRANSLITERATING:
                    elsewhere.update(set(stem))
                    n_elsewhere += 1
                elif len(stem) >= 4:
                    there.update(set(stem))
                    n_there += 1
    keep = [c for c, n in there.items() if n >= 10 and n / n_there >= 5 * (elsewhere[c] + 1) / n_elsewhere]
    return "".join(sorted(keep))


@lru_cache(maxsize=1)
def transliteration_chars() -> frozenset[str]:
    return frozenset(CHARS.read_text(encoding="utf-8").strip()) if CHARS.exists() else frozenset()


def transliterated(stem: str) -> bool:
    """A name of four or more characters written from another language (喀拉乔克, 萨尔布拉克), which a
    Chinese phrase of that length (包联城南, 建设美丽) is not: all its characters but one are of the
    transliteration set.

    >>> transliterated("萨尔布拉克"), transliterated("喀拉乔克"), transliterated("包联城南")
    (True, True, False)
    """
    chars = transliteration_chars()
    return len(stem) >= 4 and "嘎查" not in stem and sum(c not in chars for c in stem) <= 1  # (依托嘎查村)


LONGEST = 8  # characters of the longest village name the table keeps (_NAME: 2–8, its suffix included)


def find_listed(text: str, town_of: dict[str, str], keep: Callable[[str], bool]) -> list[tuple[int, int]]:
    """(start, end) of each listed village name in `text` that `keep` accepts (a name, not a word), the
    longest ending at each suffix."""
    out = []
    for m in SUFFIX.finditer(text) if town_of else ():
        e = m.end()
        for s in range(max(0, e - LONGEST), e - 2):
            if text[s:e] in town_of:
                if keep(text[s:e]):
                    out.append((s, e))
                break
    return out


def write_table(villages_csv: Path, path: Path = TABLE) -> Path:
    """The compact table from china-division's dist/villages.csv (code, name, streetCode, …)."""
    by_town: dict[str, set[str]] = defaultdict(set)
    with open(villages_csv, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            name = village_name(r["name"])
            if name is not None and len(r["streetCode"]) == 9:
                by_town[r["streetCode"]].add(name)
    lines = [
        "# villages (村 社区 嘎查) by town, NBS 2023 statistical division codes via china-division (WTFPL)"
    ]
    lines += [f"{town}\t{' '.join(sorted(names))}" for town, names in sorted(by_town.items())]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0))
    return path


if __name__ == "__main__":  # python -m kg.extract.villages --rebuild path/to/villages.csv
    if len(sys.argv) == 3 and sys.argv[1] == "--rebuild":
        print(write_table(Path(sys.argv[2])))
        _lines.cache_clear()
        CHARS.write_text(derive_transliteration_chars() + "\n", encoding="utf-8")
        print(CHARS)
    else:
        sys.exit("usage: python -m kg.extract.villages --rebuild path/to/china-division/dist/villages.csv")
