#!/usr/bin/env python
"""Practice-type quality against blind article-level gold (tests/gold/types-*.json).

    python bench/type_quality.py [-v]

Each gold file lists, per article of a blind bulletin (tests/data/blindNN/…), the practice types a reader
finds concrete measures of (`types`, the main one first) and the ones it only touches (`marginal`); it was
written by helpers who never saw the classifier or its output, from the scheme's names alone (the cue words
of ontology/vocab/practice-types.ttl were left out). The bulletin is ingested as `kg build` does and each
gold article is matched to a built article by its title; the article's types are the union of its
practices' types (kg.extract.concepts.classify_types).

Scored per split, set per article ('tune': looked at while changing the classifier; 'held-out': not;
'agreement': a second grader's grades of held-out articles, used only for the graders' agreement):
- leaf: a predicted type is right when in `types`, neutral when in `marginal`, wrong otherwise; a `types`
  entry not predicted is missed. A parent predicted where the gold has one of its children is not wrong,
  only vague (the child stays missed), and a child where the gold names only its parent is right.
- area: the same on the top concepts (干部选拔, 干部培养, 干部管理, 干部使用, 关心关爱, 基层组织建设, 容错纠错).
- main: the gold's first type is among the article's predicted types (its area, for `main area`).
Where two helpers graded the same articles, their agreement (leaf F1 of one's `types` judged by the
other's) is printed beside: no ranker is expected to agree with a grader more than graders agree.
"""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.concepts import load_scheme  # noqa: E402
from kg.ingest import ingest_file  # noqa: E402

GOLD = ROOT / "tests" / "gold"


def _scheme():
    return load_scheme("practice-types")  # (cached by load_scheme)


def area(cid: str) -> str:
    """The top concept above a type (itself when it is one)."""
    up = _scheme().ancestors(cid)
    tops = [a for a in up if not _scheme().ancestors(a)]
    return tops[0] if tops else cid


def _key(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    return "".join(ch for ch in s if "\u4e00" <= ch <= "\u9fff" or ch.isalnum())


@cache
def _built(source: str) -> list[tuple[str, str, frozenset[str]]]:
    """(title key, opening key, types of its practices) of each article `kg build` makes of the file."""
    b = ingest_file(ROOT / source)
    return [
        (_key(a.title), _key(a.quote.text[:80]), frozenset(t for p in a.practices for t in p.types))
        for a in b.articles
    ]


def predicted(source: str, title: str) -> frozenset[str] | None:
    want = _key(title)
    built = _built(source)
    for key, _opening, types in built:
        if key == want or key.startswith(want[:12]) or want.startswith(key[:12]) and len(key) >= 6:
            return types
    for _title, opening, types in built:  # a brief whose first sentence is its gold title
        if want[:12] in opening:
            return types
    return None


def score_article(gold: dict, got: frozenset[str]) -> tuple[int, int, int]:
    """(right, wrong, missed) at the leaf level."""
    want, neutral = set(gold["types"]), set(gold.get("marginal", ()))
    anc = _scheme().ancestors
    right = wrong = 0
    for t in got:
        if t in want or anc(t) & want:
            right += 1  # the type, or a child of a type the gold names only by its parent
        elif t in neutral or anc(t) & neutral or any(t in anc(w) for w in want | neutral):
            pass  # touched in passing, or a parent of a gold type: vague, not wrong
        else:
            wrong += 1
    missed = sum(1 for w in want if w not in got and not any(w in anc(t) for t in got))
    return right, wrong, missed


def score_area(gold: dict, got: frozenset[str]) -> tuple[int, int, int]:
    want = {area(t) for t in gold["types"]}
    neutral = {area(t) for t in gold.get("marginal", ())}
    mine = {area(t) for t in got}
    return len(mine & want), len(mine - want - neutral), len(want - mine)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def agreement(a: list[dict], b: list[dict]) -> tuple[int, float, float]:
    """(articles both graded, leaf F1 and area F1 of a's `types` judged by b's gold)."""
    by = {(x["source"], x["title"]): x for x in b}
    leaf, ar, n = [0, 0, 0], [0, 0, 0], 0
    for x in a:
        y = by.get((x["source"], x["title"]))
        if y is None:
            continue
        n += 1
        for acc, part in (
            (leaf, score_article(y, frozenset(x["types"]))),
            (ar, score_area(y, frozenset(x["types"]))),
        ):
            for k in range(3):
                acc[k] += part[k]
    return n, _prf(*leaf)[2], _prf(*ar)[2]


def run(verbose: bool = False) -> dict:
    out: dict[str, dict] = {}
    sets = {}
    for path in sorted(GOLD.glob("types-*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        sets[path.stem] = doc
        for g in doc["articles"]:
            if g["split"] == "agreement":
                continue  # graded twice: the other grader's grades are scored
            acc = out.setdefault(
                g["split"], {"leaf": [0, 0, 0], "area": [0, 0, 0], "main": [0, 0], "main_area": [0, 0]}
            )
            got = predicted(g["source"], g["title"])
            if got is None:
                print(f"!! {path.name}: article not found: {g['title']}", file=sys.stderr)
                got = frozenset()
            for name, part in (("leaf", score_article(g, got)), ("area", score_area(g, got))):
                for k in range(3):
                    acc[name][k] += part[k]
            main = g["types"][0]
            acc["main"][0] += main in got or any(main in _scheme().ancestors(t) for t in got)
            acc["main"][1] += 1
            acc["main_area"][0] += area(main) in {area(t) for t in got}
            acc["main_area"][1] += 1
            if verbose and (set(got) ^ set(g["types"])):
                print(
                    f"[{path.stem}] {g['title']}: gold {g['types']} (marginal {g.get('marginal', [])}) got {sorted(got)}"
                )
    out["_agreement"] = {}
    names = sorted(sets)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            n, leaf, ar = agreement(sets[a]["articles"], sets[b]["articles"])
            if n:
                out["_agreement"][f"{a} vs {b}"] = (n, leaf, ar)
    return out


def main(argv: list[str]) -> int:
    t0 = time.perf_counter()
    res = run("-v" in argv)
    print(f"{'split':10} {'measure':10} {'P':>6} {'R':>6} {'F1':>6}   counts")
    for split, acc in res.items():
        if split.startswith("_"):
            continue
        for name in ("leaf", "area"):
            p, r, f = _prf(*acc[name])
            print(
                f"{split:10} {name:10} {p:6.3f} {r:6.3f} {f:6.3f}   {'/'.join(map(str, acc[name]))} (right/wrong/missed)"
            )
        for name in ("main", "main_area"):
            hit, n = acc[name]
            print(f"{split:10} {name:10} {'':>6} {hit / n if n else 0:6.3f} {'':>6}   {hit}/{n}")
    for pair, (n, leaf, ar) in res["_agreement"].items():
        print(f"graders {pair}: {n} articles, leaf F1 {leaf:.3f}, area F1 {ar:.3f}")
    print(f"({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
