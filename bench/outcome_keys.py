#!/usr/bin/env python
"""Outcomes and their labels on bulletins with answer keys (FOLDER/*.key.json), for bulletins not tuned on.

    python bench/outcome_keys.py FOLDER [-v]

A key lists per article its `title` and every quantity (`outcomes`: value, upper, unit, as_written, counted -
a description of what was counted) and every 《》 title (`documents`). Articles are located by their titles in
the read stage's text (the last occurrence, after any table of contents), so the figures measure the
extractors, not the splitter. Prints outcome precision / recall (value, upper end and unit agree) and
document recall; `-v` lists each key figure beside the extractor's label and figure as written, for reading
the labels (label quality needs a reader: the keys describe what was counted in their own words).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.documents import find_documents  # noqa: E402
from kg.extract.outcomes import find_outcomes  # noqa: E402
from kg.read import read_file  # noqa: E402
from kg.read.normalize import _t2s, flat_text  # noqa: E402

_PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")


def _key(s: str) -> str:
    return re.sub(r"[\s“”\"'：:，,。（）()【】△《》]", "", _t2s().convert(_PINYIN.sub("", s or "")))


def _unit_ok(mine: str, theirs: str) -> bool:
    theirs = _t2s().convert(theirs)
    return mine == theirs or theirs.startswith(mine) or theirs.endswith(mine) or mine.endswith(theirs)


def run(folder: Path, verbose: bool = False) -> dict[str, int]:
    c = {"tp": 0, "fp": 0, "fn": 0, "docs": 0, "docs_found": 0}
    for key in sorted(folder.glob("*.key.json")):
        kd = json.loads(key.read_text(encoding="utf-8"))
        text = read_file(folder / kd["file"]).text
        kept = [i for i, ch in enumerate(text) if _key(ch)]
        plain = "".join(text[i] for i in kept)
        starts = []
        for ka in kd["articles"]:
            p = plain.rfind(_key(ka["title"])[:10])
            starts.append(kept[p] if p >= 0 else None)
        for ka, s in zip(kd["articles"], starts, strict=True):
            if s is None:
                print(f"!! {kd['file']}: article not found: {ka['title']}", file=sys.stderr)
                c["fn"] += len(ka["outcomes"])
                continue
            e = min([x for x in starts if x is not None and x > s], default=len(text))
            body = flat_text(text[s:e])
            left = find_outcomes(body)
            for ko in ka["outcomes"]:
                hit = next(
                    (
                        o
                        for o in left
                        if abs(o.value - ko["value"]) < 1e-6
                        and (o.upper or None) == (ko.get("upper") or None)
                        and _unit_ok(o.unit, ko["unit"])
                    ),
                    None,
                )
                c["tp" if hit else "fn"] += 1
                if hit:
                    left.remove(hit)
                if verbose:
                    shown = (
                        f"{'' if hit.displayable else '(hidden) '}{hit.label} {hit.value_text}"
                        if hit
                        else "-"
                    )
                    print(f"{kd['file'][:12]:12} {ko['as_written']:>10} | {ko['counted'][:48]:48} | {shown}")
            c["fp"] += len(left)
            if verbose:
                for o in left:
                    print(f"{kd['file'][:12]:12} {'(extra)':>10} | {'':48} | {o.label} {o.value_text}")
            want = {_key(d["title"]) for d in ka.get("documents", [])}
            c["docs"] += len(want)
            c["docs_found"] += len(want & {_key(d.title) for d in find_documents(body)})
    return c


def main(argv: list[str]) -> int:
    folder = Path(next((a for a in argv if not a.startswith("-")), ""))
    if not folder.is_dir():
        print(__doc__)
        return 1
    c = run(folder, "-v" in argv)
    p = c["tp"] / max(1, c["tp"] + c["fp"])
    r = c["tp"] / max(1, c["tp"] + c["fn"])
    print(f"outcomes P {p:.3f} R {r:.3f} ({c['tp']}/{c['fp']}/{c['fn']} tp/fp/fn)")
    print(f"documents R {c['docs_found'] / max(1, c['docs']):.3f} ({c['docs_found']}/{c['docs']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
