"""Golden test: three bulletins written blind with an answer key (tests/data/blind48/README.md, gold in
tests/gold/blind48-*.json), through the whole build: Xinjiang (沙湾's issue as a saved WeChat public-account
page: runs split inside words and numbers, a contents list repeating four titles, the account's chrome),
Tibet (隆子's issue as Word's "single file web page", .mht in code page 936 labelled gb2312: titles centred in
22 pt 方正小标宋 over 16 pt 仿宋 text and never bold, the source wrapped inside words, briefs whose bold title
runs into their first paragraph) and Qinghai (黄南州's issue as a WPS .rtf: GBK escapes and negative \\uN?
escapes, a 编者按, a \\trowd table, a prefecture's bulletin with county and town items).

First run (nothing tuned to it, commit 531d973 plus two label rules that do not touch it): 17 items built,
two of them the WeChat page's 关注该公众号 / 使用完整服务 lines; 14 of the key's 22 articles at its place; figures in the graph 143 of 190; bench/extraction_quality.py localities
0.86 / 0.92, codes 0.90 / 0.88, documents 0.67 / 0.89, targets 0.81 / 0.90, outcomes 0.76 / 0.91, labels
0.70 / 0.87. The .mht's speech took in the four articles after it: their titles are set only by size.

Fixed since, as a rule of the genre (tests/test_read.py, failing before): in a web page, a centred one-line
paragraph set in type larger than the page's body text is a headline (as a centred bold one is), and a line
break of the source between two Chinese characters is no space. Now 21 built (the two chrome lines among them), 18 at the key's place; figures
182 of 190; localities 0.96 / 0.92, codes 0.95 / 0.88, documents 0.89, targets 0.90, outcomes 0.91 / 0.91,
labels 0.85 / 0.87.

Left (still_open below): the .rtf's 编者按 is not an article; 州委党校：举办… is placed at 同仁市, the city the
prefecture's party school stands in, where the key puts it at the prefecture; a brief whose bold title runs
into its paragraph with no punctuation between (县委组织部：开通干部监督举报专线为进一步…) is not cut from the
brief above it; 沙湾's 市委党校：举办第二期… is not found; the WeChat page's two chrome lines are items.
"""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind48")
_DATA = Path(__file__).resolve().parent / "data" / "blind48"
gs = blind_gold.store_fixture("blind48", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))

_OPEN = frozenset({"编者按", "州委党校：举办", "县委组织部：开通", "市委党校：举办第二期"})


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 21, still_open=_OPEN)
