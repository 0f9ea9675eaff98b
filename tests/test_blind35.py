"""Golden test: three bulletins written blind with an answer key (tests/data/blind35/README.md, gold in
tests/gold/blind35-*.json), through the whole build: Shanxi (临县's issue as an OFD of positioned text runs split
mid-word, 莅临县委党校 across a line, 临 in 面临/临近 and a 临组通 document number), Guizhou (江口县's issue as a legacy
binary .doc saved by LibreOffice, with a table, a page header and footer) and Xinjiang (布尔津县 in 阿勒泰地区, as a
saved .mht page in GBK quoted-printable with soft breaks inside characters, site navigation and a 相关链接 list).

First run (nothing tuned to it): 20 of 20 articles at their places; localities 1.00 / 0.92, codes 1.00 / 0.96,
documents 1.00, targets 0.93 / 0.95, outcomes 0.97, labels 0.78 / 0.85 (bench/extraction_quality.py)."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind35")
_DATA = Path(__file__).resolve().parent / "data" / "blind35"
gs = blind_gold.store_fixture("blind35", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 20)
