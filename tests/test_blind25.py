"""Golden test: three bulletins in shapes an archive keeps besides .docx/.pdf/.html, written blind with an
answer key (tests/data/blind25/README.md, gold in tests/gold/blind25-*.json), through the whole build: Zhejiang
(遂昌县's issue as a Word 97–2003 .doc that LibreOffice wrote: the masthead in a borderless table, a 本期要目,
a running header from page 2, a page-number field, a table of 20 towns, a footnote, a link, △ briefs), Henan
(南阳市's issue as a four-page OFD: one printed line a TextCode, a running head in a template page, — N —
footers, two articles across a page break, 400 / 余名 split over two lines) and Yunnan (禄丰县's issue as
republished by the province's party-building portal, saved by Internet Explorer as one .mht in gb2312).

First run (nothing tuned to it; the readers were written before the set, from the formats' specifications):
3 of 3 issues read, 25 articles built for 22: under a marked brief's title (△北界镇：“网格连心”…) its paragraph,
led by its town in a column of briefs (北界镇将全镇…), was taken for a brief of its own (3 times). Extraction
at that run (the bench reads each article by the gold's titles, after its own splitter learnt to pass over a
contents list marked like items and to stop at a 【栏目】 line): localities 0.99 / 1.00, codes 1.00 / 1.00,
documents 0.70 / 0.70 (a piece's source, 摘编自《福建组工》, and a book studied, 学习《摆脱贫困》, not read as
publications), targets 0.84 / 0.92, outcomes 0.95 / 0.94 (纠纷42起: 起 was no unit), labels 0.82 / 0.85."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind25")
_DATA = Path(__file__).resolve().parent / "data" / "blind25"
gs = blind_gold.store_fixture("blind25", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 22)
