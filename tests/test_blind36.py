"""Golden test: three bulletins written blind with an answer key (tests/data/blind36/README.md, gold in
tests/gold/blind36-*.json), through the whole build: Liaoning (锦州's city issue as a WeChat post saved whole, the
masthead inside the post, account furniture before and after), Chongqing (綦江区's issue as a LibreOffice PDF with a
running header, a table with units in its column heads and a page set in two columns) and Yunnan (会泽县's issue as
a .wps: a binary Word file with 【】 section heads, a text box, a footnote and a 报/送/发 block).

First run (nothing tuned to it): 21 of 21 articles at their places; localities 1.00 / 0.95, codes 1.00, documents
1.00, targets 0.92 / 0.87, outcomes 0.95 / 0.96, labels 0.81 / 0.86 (bench/extraction_quality.py)."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind36")
_DATA = Path(__file__).resolve().parent / "data" / "blind36"
gs = blind_gold.store_fixture("blind36", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 21)
