"""Golden test: three bulletins written blind with an answer key (tests/data/blind41/README.md, gold in
tests/gold/blind41-*.json), through the whole build: Shandong (德州's city issue typeset as an A4 page and
printed to PDF by headless Chromium, with a running header from the second page, — N — footers and a 简讯
column of ◆县 briefs), Hunan (醴陵市's issue as a .docx whose headings are automatic （一）/一、 list numbers,
with a table, a header and footer and a text box) and Guangxi (南宁市武鸣区's issue as a WeChat public
account post saved as HTML).

First run (nothing tuned to it): localities 0.91 / 0.96, codes 0.83 / 0.97, documents 0.73 / 0.73, targets
0.73 / 0.97, outcomes 0.90 / 0.87, labels 0.82 / 0.86 (bench/extraction_quality.py, whose own plain
splitter finds every article). The build itself finds 15 of the 21 at their places: the brief columns of
德州 (简 讯 over ◆德城区 / ◆禹城市 / ◆庆云县 lines) and 武鸣 (简讯 and 他山之石 over 锣圩镇 / 府城镇 / 马山县
lines), each brief titled by its lead sentence (“银发先锋”助力基层治理。…), are read into the article before
them, and 武鸣's letter is titled by its column (基层来信). Since (session 38): a place alone on its line in a
column of briefs or of items from elsewhere opens a brief at that place, titled by its lead sentence, and
来信 is a column word: 21 of 21."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind41")
_DATA = Path(__file__).resolve().parent / "data" / "blind41"
gs = blind_gold.store_fixture("blind41", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 21)
