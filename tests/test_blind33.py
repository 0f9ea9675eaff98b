"""Golden test: three bulletins written blind with an answer key (tests/data/blind33/README.md, gold in
tests/gold/blind33-*.json), through the whole build: Inner Mongolia (乌审旗's issue as a Word 97-2003 .doc made by
LibreOffice: 苏木, 嘎查, a masthead table, a numbered list, a table of figures), Shanghai (闵行区's issue on the
district site as a GB18030 .shtml declared gb2312: navigation, breadcrumb, 字号/打印/关闭, a table, a 相关链接 list of
other news, scripts and an ICP footer) and Xinjiang (墨玉县's issue as GBK text copied out of a PDF: lines broken
inside numbers and names, page headers in mid-sentence, a dotted contents list).

First run (nothing tuned to it): all 21 articles at their places; see the README's blind33 paragraph."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind33")
_DATA = Path(__file__).resolve().parent / "data" / "blind33"
gs = blind_gold.store_fixture("blind33", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 21)
