"""Golden test: three bulletins from Tibet (林芝's issue republished as a WeChat article: the account's
header and profile box over the masthead, lone ◆ lines between articles, the last article placed only by
its signature), Hubei (恩施州's Word document: tables with a 合计 row, one whose unit is only in the column
header) and Jiangxi (弋阳县's issue copied out of a PDF: hard line breaks, running headers and page
footers, a two-line title under the masthead's date, a 简讯 column of ◆ items), written blind with an answer
key (tests/data/blind18/README.md, gold in tests/gold/blind18-*.json), through the whole build."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind18")
_DATA = Path(__file__).resolve().parent / "data" / "blind18"
gs = blind_gold.store_fixture("blind18", sorted(p for p in _DATA.iterdir() if p.suffix != ".md"))


def test_every_issue_with_its_number_and_date(gs):
    """The page's own date (发表于) is not the issue's; a date alone on its line is the masthead's."""
    blind_gold.assert_issues(gs, GOLD)


def test_every_article_at_its_place_but_a_county_meeting_held_in_a_town(gs):
    """A lone ◆ parts two articles; a title led by 县委组织部 opens one; a town's signature (三县岭镇党委
    供稿) places its brief; 朗县县委组织部 is 朗县's. The key puts 全县驻村第一书记工作推进会在圭峰镇召开 at
    the town where the meeting was held; the build keeps a county-wide meeting at its county."""
    blind_gold.assert_articles_at_places(gs, GOLD, 19, disputed={"全县驻村第一书记工作推进会": "弋阳县"})
