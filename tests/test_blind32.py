"""Golden test: three bulletins written blind with an answer key (tests/data/blind32/README.md, gold in
tests/gold/blind32-*.json), through the whole build: Heilongjiang (绥化市's city issue as a LibreOffice PDF whose
【县区动态】 items run in two columns, a range 0.6万至|1.5万元 split by a page break), Hunan (新化县's issue reposted
on the county site and saved as a single-file .mht: navigation, breadcrumb, 来源/发布时间/浏览次数, 上一篇/下一篇, an
ICP footer) and Gansu (甘州区's issue as a .docx: a table masthead, a contents field, a text box, typed item
numbers, a table of figures inside an article and a footnote).

First run (nothing tuned to it): see tests/data/blind32/README.md and the README's blind32 paragraph."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind32")
_DATA = Path(__file__).resolve().parent / "data" / "blind32"
gs = blind_gold.store_fixture("blind32", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 18)
