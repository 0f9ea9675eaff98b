"""Golden test: three bulletins written blind with an answer key (tests/data/blind29/README.md, gold in
tests/gold/blind29-*.json), through the whole build: Gansu (宁县's issue as a Word-saved web page: MsoNormal
paragraphs, <o:p>, a masthead table, 本期要目, an 编者按 over its article, （一）（二） measures with bold leads,
a table of figures with a 注：line), Hainan (琼海市's issue as a hand-made two-page PDF: a red masthead,
headlines in a larger bold face, a ——subtitle, a borderless 序号/镇名/做法/成效 table, - 1 - page numbers) and
Inner Mongolia (阿拉善左旗's issue as Markdown: front matter, # masthead, ## titles, > 编者按, - **bold**
measures, a pipe table, links and pictures, the short name 阿左旗, a 他山之石 item led by 额济纳旗：).

First run (nothing tuned to it): 3 of 3 issues read; 13 articles built for 12, 10 of them the gold's: a table's
title in the page (宁县2024年上半年接收预备党员情况统计) was read as an article, the PDF's last article was not
found and the Markdown's second article ran into the first; the page and the PDF had no editor (a tab
between the editor and the date). Fixed since: a line over a table's rows is its caption, not a headline;
a table's last row ends a paragraph, so a headline standing apart under it opens the next article; a line
that only links to the source ([原文](http://…)) is furniture; the masthead's editor before a tab. Now all 12
at their place."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind29")
_DATA = Path(__file__).resolve().parent / "data" / "blind29"
gs = blind_gold.store_fixture("blind29", sorted(p for p in _DATA.iterdir() if p.name != "README.md"))


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_articles_found_at_their_places(gs):
    blind_gold.assert_articles_at_places(gs, GOLD, 12)
