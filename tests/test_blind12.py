"""Golden test: three bulletins from Hebei (a county's issue copied out of a PDF by pdftotext, lines
hard-wrapped mid-sentence), Guangdong (a city's issue with a column of one-paragraph briefs) and Tianjin (a
district's 信息专报 of numbered items), written blind with an answer key (tests/data/blind12/README.md,
gold in tests/gold/blind12-*.json), through the whole build: every issue, article and place as the key has
it."""

from __future__ import annotations

import blind_gold

GOLD = blind_gold.gold_files("blind12")
gs = blind_gold.store_fixture("blind12")


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_every_article_at_its_place(gs):
    """Titles found through the contents ((N) page refs, a title wrapped over two lines, a first body line
    without punctuation), items numbered 1. 2. 3., and a column of 地方：正文 briefs."""
    blind_gold.assert_articles_at_places(gs, GOLD, 18)
