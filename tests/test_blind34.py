"""Golden test: three bulletins written blind with an answer key (tests/data/blind34/README.md, gold in
tests/gold/blind34-*.json), through the whole build: Guangxi (融水苗族自治县's issue as a WeChat official-account
page saved as UTF-8 .html: sections and spans that split words, 点击上方蓝字关注 and 来源/编辑/审核 lines), Heilongjiang
(抚远市's issue as an .rtf written as Word and WPS write Chinese: GBK escapes, a table, a page footer) and Zhejiang
(淳安县's issue as a .docx: a title-block table, numbered headings, a footnote and a text box holding a short item).

First run (nothing tuned to it): 16 of 19 articles; the three missed were the .docx's headings led by the issuer
(县委组织部：…) and by a column's name before a bar (短讯｜威坪镇…). See the README's blind34 paragraph."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind34")
_DATA = Path(__file__).resolve().parent / "data" / "blind34"
gs = blind_gold.store_fixture("blind34", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 19)
