"""Golden test: three bulletins written blind with an answer key (tests/data/blind27/README.md, gold in
tests/gold/blind27-*.json), through the whole build: Jilin (通化市's issue as a .docx left with tracked changes
and a comment, its headlines set centred in 方正小标宋 and not bold, an experience article in 一、/（一）/1.
parts with a 附表 after its credit line), Shandong (莒县's issue as a LibreOffice PDF: a bulleted 本期要目, three
local articles, a 外地经验 compilation of four places in other provinces) and Guizhou (荔波县's issue on the
county government's portal: two articles and a 简讯 column of seven one-sentence briefs under ● bullets).

First run (nothing tuned to it): 3 of 3 issues read, 15 articles for 18. The PDF's bulleted contents entries
were not known as entries (●莒县推行… never matched its headline), so its last entry, 【外地经验】他山之石…,
was taken for a headline over the three local articles (2 for 4). On the portal one brief of a single
clause (●朝阳镇：组织全镇38名村“两委”干部外出考察学习…经验。) ran into the one above it (8 for 9). In the
.docx the last row of the 附表 was read as a headline, and the last item, set as a title only by its face and
size, ran into the one above (5 articles, one of them a table row). Now 18 of 18. The compilation of four
places, first credited to the first of them with its middle paragraphs run into the first practice, now has
no place of its own and four practices, each at its place (its paragraphs are led by place and colon)."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind27")
_DATA = Path(__file__).resolve().parent / "data" / "blind27"
gs = blind_gold.store_fixture("blind27", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    # the 外地经验 compilation (four places in four provinces, gold locality none) has no place of its own
    blind_gold.assert_articles_at_places(gs, GOLD, 18)


def test_tracked_deletions_and_comments_are_no_text():
    from kg.read import read_file

    text = read_file(_DATA / "tonghua-2023-09.docx").text
    assert "118127" not in text and "127名" in text
