"""Golden test: three bulletins from Inner Mongolia (a city's issue copied from its WeChat account, with
旗, 苏木 and 嘎查), Yunnan (an autonomous prefecture's issue exported from Word with markdown residue, a
contents list with leader dots, a pipe table, footnote marks) and Shandong (a county-level city's 组工简报
with columns, a speech digest and a column of ▲ briefs), written blind with an answer key
(tests/data/blind13/README.md, gold in tests/gold/blind13-*.json), through the whole build: every issue,
article and place as the key has it."""

from __future__ import annotations

import blind_gold

GOLD = blind_gold.gold_files("blind13")
gs = blind_gold.store_fixture("blind13")


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_every_article_at_its_place(gs):
    """旗 and 自治县 places, a speech digest, and briefs each led by its town."""
    blind_gold.assert_articles_at_places(gs, GOLD, 19)
