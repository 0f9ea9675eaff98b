"""Golden test: three bulletins from Shanxi (忻州市's issue as a Word file: the masthead in a one-cell table, a
floating text box, a page header and footer with a page-number field, a 本期要目 with dot leaders, 【栏目】 names
run into headlines, footnotes, a table, the 报/送/发 block), Ningxia (西吉县's issue as a five-page PDF: a
running header, 第 X 页 共 Y 页 footers, an article broken mid-sentence across a page, an interview, the closing
block alone on the last page) and Yunnan (腾冲市's issue saved from the city portal's 信息公开 page: menus, the
索引号/发文机关 table, 【字体：大 中 小】, 相关链接, an editor's note over its headline, the bulletin's own masthead
inside the body), written blind with an answer key (tests/data/blind24/README.md, gold in
tests/gold/blind24-*.json), through the whole build, each file named.

First run (nothing tuned to it): 2 of 3 issues: `kg build` refused the portal page (不像一期公报: the
信息公开 record above the bulletin, 索引号：… 标题：…, pushed its masthead out of reach); 16 of 23 articles at their
places: the speech under a speaker line of posts alone (市委常委、组织部部长, the name left out) was titled by that
line, and 在全市…会议上的讲话 was taken for a title led by an unknown county, so it had no place. Extraction at
that run (the bench reads each article by the gold's titles): localities 0.89 / 0.98, codes 0.89 / 0.97,
documents 0.77 / 0.71, targets 0.86 / 0.88, outcomes 0.96 / 0.96, labels 0.87 / 0.89."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind24")
_DATA = Path(__file__).resolve().parent / "data" / "blind24"
gs = blind_gold.store_fixture("blind24", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    """The gold places an article at the most specific division its ref tables code, and they code no town:
    an article headed by a town of 腾冲市 is at 腾冲市 there. The build's town table codes them (界头镇
    530581106), so the article is at its town: disputed, not wrong."""
    towns = {
        "腾冲市界头镇：“积分超市”": "界头镇",
        "中和镇开办“村干部夜校”": "中和镇",
        "清水镇三家村：第一书记": "清水镇",
    }
    blind_gold.assert_articles_at_places(gs, GOLD, 23, disputed=towns)
