"""Golden test: three bulletins from Xinjiang (an autonomous prefecture's issue copied from its WeChat account,
with the follow prompt, picture placeholders, ▶【县市】 headings and reading links), Shanghai (a district's
office document: its towns and 街道 report under 一、/（一）, an 经验交流 piece signed by a 街道工作委员会 under
its headline, a ◆ 工作动态 column) and Hunan (an issue converted from PDF: hard line breaks, a running header
with the bulletin's name and issue between pages), written blind with an answer key (tests/data/blind15/README.md,
gold in tests/gold/blind15-*.json), through the whole build: every issue, article and place as the key has
it."""

from __future__ import annotations

import blind_gold

GOLD = blind_gold.gold_files("blind15")
gs = blind_gold.store_fixture("blind15")


def test_every_issue_with_its_number_and_date(gs):
    blind_gold.assert_issues(gs, GOLD)


def test_every_article_at_its_place(gs):
    """A title over a PDF-wrapped paragraph is no part of the masthead; a running header is no title; a
    街道工作委员会 signing a speech is its 街道; a town opening a brief's title is its place."""
    blind_gold.assert_articles_at_places(gs, GOLD, 19)
