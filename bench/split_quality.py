#!/usr/bin/env python
"""Split-stage quality: masthead, articles, reporting units and practice segments against answer keys.

    python bench/split_quality.py [FOLDER ...] [--sample] [-v] [--json FILE]

For every `X.key.json` beside a bulletin file `X.*` in the given folders (default tests/data/provinces),
the bulletin goes through the real read + split stages (and extract, for the article's locality) and is
compared with its key:

- masthead: name, issue number and date right (three fields);
- articles: key articles matched by title similarity (both titles normalised the way the read stage does,
  punctuation and spaces dropped; ratio >= 0.6); *titles*: the matched title is the key's exactly;
- locality: the extracted article's locality (official name) equals the key's; unit: the split's
  reporting unit equals the key's (`供稿：` dropped; null = null counts as right);
- practices: a key practice is *found* when its `contains` substring (exact in the decoded file) lies
  inside exactly one extracted practice of its article, *alone* when no other key practice shares that
  extracted practice; *merged* counts key practices sharing their practice with another (under-split),
  *cut* those cut across two practices, *extra* the extracted practices holding no key practice
  (over-split, or a lead or closing paragraph kept apart).

`--sample` also scores the bundled sample against its hand gold (tests/gold/*.json: masthead, article
title starts and localities; no practices or units there). A bulletin the split stage refuses scores 0.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.errors import KGError  # noqa: E402
from kg.extract.stage import extract  # noqa: E402
from kg.read import read_file  # noqa: E402
from kg.read.normalize import flat_text, normalize  # noqa: E402
from kg.split import split  # noqa: E402

_PUNCT = re.compile(r"[\s“”\"'‘’「」《》【】()（）:：,，。!！?？、·—\-]")
_FEED = re.compile(r"^(?:供稿|来源|作者单位|作者|稿件来源|信息来源)[：:]\s*")


def norm(s: str | None) -> str:
    """A title or unit as the read stage would make it, without punctuation or spaces."""
    if not s:
        return ""
    return _PUNCT.sub("", flat_text(normalize(s)[0].text))


def similarity(a: str, b: str) -> float:
    a, b = norm(a), norm(b)
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def match(keys: list[str], found: list[str], threshold: float = 0.6) -> dict[int, int]:
    """Key index -> found index, greedily by best similarity."""
    pairs = sorted(
        ((similarity(k, f), i, j) for i, k in enumerate(keys) for j, f in enumerate(found)), reverse=True
    )
    out: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in pairs:
        if score < threshold:
            break
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


@dataclass
class Score:
    name: str
    refused: str | None = None
    masthead: list[bool] = field(default_factory=lambda: [False, False, False])
    articles_key: int = 0
    articles_found: int = 0
    articles_matched: int = 0
    titles_exact: int = 0
    locality_ok: int = 0
    unit_ok: int | None = 0
    practices_key: int | None = 0
    found: int = 0
    alone: int = 0
    merged: int = 0
    cut: int = 0
    extra: int = 0
    notes: list[str] = field(default_factory=list)

    def row(self) -> list[str]:
        m = f"{sum(self.masthead)}/3"
        arts = f"{self.articles_matched}/{self.articles_key} ({self.articles_found})"
        titles = f"{self.titles_exact}/{self.articles_key}"
        loc = f"{self.locality_ok}/{self.articles_key}"
        unit = "–" if self.unit_ok is None else f"{self.unit_ok}/{self.articles_key}"
        if self.practices_key is None:
            prac, split_ = "–", "–"
        else:
            prac = f"{self.found} ({self.alone})/{self.practices_key}"
            split_ = f"{self.merged}/{self.cut}/{self.extra}"
        return [self.name, m, arts, titles, loc, unit, prac, split_, "refused" if self.refused else ""]


HEAD = [
    "bulletin",
    "masthead",
    "articles (found)",
    "titles",
    "locality",
    "unit",
    "practices found (alone)",
    "merged/cut/extra",
    "",
]


def _bulletin(key_path: Path) -> Path | None:
    key = json.loads(key_path.read_text(encoding="utf-8"))
    stem = key_path.name[: -len(".key.json")]
    named = key_path.parent / key.get("file", "")
    if key.get("file") and named.is_file():
        return named
    return next((p for p in sorted(key_path.parent.glob(stem + ".*")) if not p.name.endswith(".json")), None)


def _parse(path: Path):
    doc = read_file(path)
    draft = split(doc)
    return doc, draft, extract(draft)


def score_key(key_path: Path, verbose: bool = False) -> Score:
    key = json.loads(key_path.read_text(encoding="utf-8"))
    path = _bulletin(key_path)
    sc = Score(key_path.name[: -len(".key.json")])
    karts = key["articles"]
    sc.articles_key = len(karts)
    sc.practices_key = sum(len(a["practices"]) for a in karts)
    if path is None:
        sc.refused = "no bulletin file beside the key"
        return sc
    try:
        doc, draft, bulletin = _parse(path)
    except KGError as exc:
        sc.refused = str(exc)
        return sc
    kb, mh = key["bulletin"], draft.masthead
    sc.masthead = [
        norm(mh.name) == norm(kb["name"]),
        mh.issue == kb["issue"],
        (mh.date.isoformat() if mh.date else None) == kb["date"],
    ]
    if verbose and not all(sc.masthead):
        sc.notes.append(
            f"masthead: got {mh.name!r} {mh.issue!r} {mh.date} want {kb['name']} {kb['issue']} {kb['date']}"
        )
    arts = draft.articles
    sc.articles_found = len(arts)
    pairs = match([a["title"] for a in karts], [a.title for a in arts])
    sc.articles_matched = len(pairs)
    for i, ka in enumerate(karts):
        if i not in pairs:
            sc.notes.append(f"article missed: {ka['title']}")
            continue
        a, ext = arts[pairs[i]], bulletin.articles[pairs[i]]
        sc.titles_exact += norm(a.title) == norm(ka["title"])
        if norm(a.title) != norm(ka["title"]):
            sc.notes.append(f"title: got {a.title} want {ka['title']}")
        got_loc = ext.locality.name if ext.locality else None
        sc.locality_ok += got_loc == ka["locality"]
        if got_loc != ka["locality"]:
            sc.notes.append(f"locality of {ka['title'][:16]}: got {got_loc} want {ka['locality']}")
        want_unit = norm(_FEED.sub("", ka["reporting_unit"] or ""))
        sc.unit_ok += norm(a.unit_text) == want_unit
        if norm(a.unit_text) != want_unit:
            sc.notes.append(f"unit of {ka['title'][:16]}: got {a.unit_text} want {ka['reporting_unit']}")
        _score_practices(sc, doc, a, ka)
    for j, a in enumerate(arts):
        if j not in pairs.values():
            sc.notes.append(f"article not in key: {a.title[:30]}")
    return sc


def _score_practices(sc: Score, doc, a, ka: dict) -> None:
    spans = [doc.source_span(s.start, s.end) for s in a.segments]
    holders: list[list[int]] = []
    for p in ka["practices"]:
        at = doc.source.find(p["contains"])
        if at < 0:
            sc.notes.append(f"contains not in file: {p['contains']}")
            holders.append([])
            continue
        end = at + len(p["contains"])
        inside = [j for j, (s, e) in enumerate(spans) if s <= at and end <= e]
        overlap = [j for j, (s, e) in enumerate(spans) if s < end and at < e]
        holders.append(inside)
        if len(inside) == 1:
            sc.found += 1
        elif len(overlap) > 1:
            sc.cut += 1
            sc.notes.append(f"practice cut in {ka['title'][:12]}: {p['contains']}")
        else:
            sc.notes.append(f"practice missed in {ka['title'][:12]}: {p['contains']}")
    per_seg: dict[int, int] = {}
    for h in holders:
        if len(h) == 1:
            per_seg[h[0]] = per_seg.get(h[0], 0) + 1
    for j, n in per_seg.items():
        if n == 1:
            sc.alone += 1
        else:
            sc.merged += n
            sc.notes.append(f"{n} practices in one segment of {ka['title'][:12]}: {a.segments[j].heading}")
    sc.extra += sum(1 for j in range(len(spans)) if j not in per_seg)


def score_sample(gold_path: Path) -> Score:
    """The sample's hand gold: masthead, article title starts and localities (no practices, no units)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    sc = Score(gold_path.stem, unit_ok=None, practices_key=None)
    sc.articles_key = len(gold["articles"])
    try:
        _doc, draft, bulletin = _parse(ROOT / gold["source"])
    except KGError as exc:
        sc.refused = str(exc)
        return sc
    gb, mh = gold["bulletin"], draft.masthead
    sc.masthead = [
        norm(mh.name) == norm(gb["name"]),
        mh.issue == gb["issue"],
        (mh.date.isoformat() if mh.date else None) == gb["date"],
    ]
    sc.articles_found = len(draft.articles)
    used: set[int] = set()
    for ga in gold["articles"]:
        j = next(
            (
                j
                for j, a in enumerate(draft.articles)
                if j not in used and norm(a.title).startswith(norm(ga["article"]))
            ),
            None,
        )
        if j is None:
            sc.notes.append(f"article missed: {ga['article']}")
            continue
        used.add(j)
        sc.articles_matched += 1
        sc.titles_exact += norm(draft.articles[j].title).startswith(norm(ga["article"]))
        ext = bulletin.articles[j]
        got = ext.locality.name if ext.locality else None
        sc.locality_ok += got == ga["locality"]["name"]
        if got != ga["locality"]["name"]:
            sc.notes.append(f"locality of {ga['article']}: got {got} want {ga['locality']['name']}")
    return sc


def _table(rows: list[list[str]]) -> str:
    widths = [max(_w(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, r in enumerate(rows):
        out.append("| " + " | ".join(c + " " * (widths[i] - _w(c)) for i, c in enumerate(r)) + " |")
        if n == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


def _w(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _total(scores: list[Score], name: str) -> Score:
    t = Score(name)
    t.masthead = []  # type: ignore[assignment]
    for s in scores:
        t.masthead += s.masthead
        for f in (
            "articles_key",
            "articles_found",
            "articles_matched",
            "titles_exact",
            "locality_ok",
            "found",
            "alone",
            "merged",
            "cut",
            "extra",
        ):
            setattr(t, f, getattr(t, f) + getattr(s, f))
        t.unit_ok = None if s.unit_ok is None or t.unit_ok is None else t.unit_ok + s.unit_ok
        t.practices_key = (
            None if s.practices_key is None or t.practices_key is None else t.practices_key + s.practices_key
        )
    return t


def _total_row(t: Score) -> list[str]:
    row = t.row()
    row[1] = f"{sum(t.masthead)}/{len(t.masthead)}"
    return row


def run(folders: list[Path], sample: bool, verbose: bool) -> dict[str, list[Score]]:
    groups: dict[str, list[Score]] = {}
    for folder in folders:
        keys = sorted(folder.glob("*.key.json"))
        groups[str(folder)] = [score_key(k, verbose) for k in keys]
    if sample:
        golds = [
            p
            for p in sorted((ROOT / "tests" / "gold").glob("*.json"))
            if "articles" in p.read_text(encoding="utf-8")[:4000]
        ]
        groups["sample (tests/gold)"] = [
            score_sample(p) for p in golds if "source" in json.loads(p.read_text(encoding="utf-8"))
        ]
    return groups


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path, default=[ROOT / "tests" / "data" / "provinces"])
    ap.add_argument("--sample", action="store_true", help="also score the bundled sample against tests/gold")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    groups = run(args.folders, args.sample, args.verbose)
    saved = {}
    for gname, scores in groups.items():
        print(f"\n{gname}")
        rows = [HEAD] + [s.row() for s in scores] + [_total_row(_total(scores, "total"))]
        print(_table(rows))
        for s in scores:
            if s.refused:
                print(f"  {s.name}: refused: {s.refused}")
            if args.verbose:
                for n in s.notes:
                    print(f"  {s.name}: {n}")
        saved[gname] = [s.__dict__ for s in scores]
    print(f"\n({time.perf_counter() - t0:.1f} s)")
    if args.json:
        args.json.write_text(json.dumps(saved, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
