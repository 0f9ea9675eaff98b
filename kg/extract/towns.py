"""Towns (镇, 乡, 街道, 苏木) of each county, so a town named in an article about its county or city is
found by its name alone (房山区…十渡镇、大石窝镇) and hangs under the county it belongs to.

The list is the National Bureau of Statistics' 2023 statistical division codes (统计用区划代码, towns with
their 9-digit codes), as packaged by modood's china-division (npm, WTFPL). It is cached as a compact TSV in
`kg/resources/` (`python -m kg.extract.towns --rebuild streets.csv`, from the package's dist/). A town is
matched only among the towns of the place the text is about, never across the country: 城关镇 alone names
hundreds of towns.

>>> sorted(towns_of("110111"))[:3]
['东风街道', '佛子庄乡', '十渡镇']
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "resources" / "towns-2023.tsv"
_SUFFIX = re.compile(r"(?:镇|乡|街道|苏木)$")


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    """county code -> {town name: 9-digit town code}."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    if TABLE.exists():
        for line in TABLE.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                code, name = line.split("\t")
                out[code[:6]][name] = code
    return dict(out)


def towns_of(county_code: str) -> dict[str, str]:
    """The towns of a county, by name: {name: 9-digit code}."""
    return _table().get(county_code, {})


def unambiguous(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{name: place} from (name, place) pairs, without a name two places share: it says no one place.

    >>> unambiguous([("新华街道", "a"), ("十渡镇", "a"), ("新华街道", "b")])
    {'十渡镇': 'a'}
    """
    out: dict[str, str] = {}
    shared: set[str] = set()
    for name, place in pairs:
        if out.get(name, place) != place:
            shared.add(name)
        out[name] = place
    for name in shared:
        del out[name]
    return out


@lru_cache(maxsize=4096)
def town_pattern(county_codes: tuple[str, ...]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One regex over the full names of the towns of these counties, longest first, and the county of
    each name; a name two of them share (两个新华街道) is left out: it would say no one place."""
    county_of = unambiguous((name, county) for county in county_codes for name in towns_of(county))
    if not county_of:
        return None, {}
    names = sorted(county_of, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))), county_of


def write_table(streets_csv: Path, path: Path = TABLE) -> Path:
    """The compact table from china-division's dist/streets.csv (code, name, areaCode, …)."""
    rows = []
    with open(streets_csv, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if _SUFFIX.search(r["name"]) and len(r["code"]) == 9:
                rows.append((r["code"], r["name"]))
    lines = [
        "# towns (镇 乡 街道 苏木) from the NBS 2023 statistical division codes via china-division (WTFPL)"
    ]
    lines += [f"{code}\t{name}" for code, name in sorted(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":  # python -m kg.extract.towns --rebuild path/to/streets.csv
    if len(sys.argv) == 3 and sys.argv[1] == "--rebuild":
        print(write_table(Path(sys.argv[2])))
    else:
        sys.exit("usage: python -m kg.extract.towns --rebuild path/to/china-division/dist/streets.csv")
