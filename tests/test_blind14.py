"""Golden test: three bulletins from Jilin (an autonomous prefecture's issue copied from its website, with
breadcrumbs, the publishing line, buttons and the site footer), Qinghai (a 组工专刊 converted from PDF: a
spaced masthead without a place, hard line breaks, page headers and page numbers inside sentences, an
经验交流 piece tagged by its column over a byline) and Fujian (an office document with ①②, 第一，, a table
written as lines and a 简讯 column of paragraphs each led by its county), written blind with an answer key
(tests/data/blind14/README.md, gold in tests/gold/blind14-*.json), through the whole build: every issue,
article and place as the key has it."""

from __future__ import annotations

import blind_gold

GOLD = blind_gold.gold_files("blind14")
gs = blind_gold.store_fixture("blind14")


def test_every_issue_with_its_number_and_date(gs):
    """组　工　专　刊 is a name, though it names no place."""
    blind_gold.assert_issues(gs, GOLD)


def test_every_article_at_its_place(gs):
    """Briefs of a 简讯 column without unit brackets, and a column tag that is no part of the title."""
    blind_gold.assert_articles_at_places(gs, GOLD, 20)
