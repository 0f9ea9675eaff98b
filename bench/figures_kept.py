#!/usr/bin/env python
"""Figures that reach the graph: of each gold article's figures (tests/gold/*.json, value and unit), how
many the real pipeline (read -> split -> extract) holds in one of that article's practices.

    python bench/figures_kept.py [-v]

extraction_quality.py measures the figure extractor on an article's whole text; a figure it finds is in
the graph only if it lies inside a practice. A lead paragraph kept out of the practices, a sentence taken
for a heading or an article lost to the splitter drops its figures silently; this counts them. `-v`
lists each figure not kept, with its article.
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction_quality import same_amount  # noqa: E402
from kg.extract.stage import extract  # noqa: E402
from kg.read import read_file  # noqa: E402
from kg.split import split  # noqa: E402


def key(text: str) -> str:
    """A title as both sides can agree on: no column tag (【昌吉市】), no opening time (近日，/4月8日，/9月5日至8日，/中秋节前夕，), no
    punctuation, half-width digits."""
    text = re.sub(r"^\s*△?\s*【[^】]{1,12}】", "", unicodedata.normalize("NFKC", text))
    text = re.sub(
        r"^(?:近日|日前|[0-9]{1,2}月[0-9]{1,2}日(?:至[0-9]{1,2}日|上午|下午)?|\w{1,3}节前夕)[，,]", "", text
    )
    return re.sub(r"[^\u4e00-\u9fff0-9A-Za-z]", "", text)


def run(verbose: bool) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = {}
    for path in sorted((ROOT / "tests" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "articles" not in gold or "source" not in gold or not (ROOT / gold["source"]).exists():
            continue
        articles = extract(split(read_file(ROOT / gold["source"]))).articles
        c = counts.setdefault(gold["split"], [0, 0])
        for ga in gold["articles"]:
            head = key(ga["article"])[:10]
            mine = next((a for a in articles if head in key(a.title)[: len(head) + 12]), None)
            kept = [(o.value, o.unit) for p in (mine.practices if mine else ()) for o in p.outcomes]
            for go in ga["outcomes"]:
                c[1] += 1
                hit = next((x for x in kept if same_amount(x[0], x[1], go["value"], go["unit"])), None)
                if hit is not None:
                    kept.remove(hit)
                    c[0] += 1
                elif verbose:
                    where = "article not found" if mine is None else "not in a practice"
                    print(
                        f"[{path.stem} {ga['article']}] {go['value']:g}{go['unit']} {go['counted']}: {where}"
                    )
    return counts


def main(argv: list[str]) -> int:
    t0 = time.perf_counter()
    counts = run("-v" in argv)
    total = [sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())]
    for name, (kept, n) in [*sorted(counts.items()), ("all", total)]:
        print(f"{name:<8} figures in the graph {kept}/{n} = {kept / n:.3f}")
    print(f"({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
