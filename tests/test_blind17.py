"""Golden test: three bulletins from Beijing (a district's issue published inside its government portal's page:
date line, menu, location line and page title over the masthead), Heilongjiang (a city's Word document: a
领导批示 box, a table counting by county) and Gansu (a prefecture's issue copied from a phone: 1. 2. 3. items, one
of them titled by its county, signature lines in brackets, a 【简讯】 column numbered ①②③), written blind with an
answer key (tests/data/blind17/README.md, gold in tests/gold/blind17-*.json), through the whole build: every
issue, article and place as the key has it."""

from __future__ import annotations

from pathlib import Path

import blind_gold

GOLD = blind_gold.gold_files("blind17")
_DATA = Path(__file__).resolve().parent / "data" / "blind17"
gs = blind_gold.store_fixture("blind17", sorted(p for p in _DATA.iterdir() if p.suffix != ".md"))


def test_every_issue_with_its_number_and_date(gs):
    """The portal's banner and menu stand above its location line, not in the masthead."""
    blind_gold.assert_issues(gs, GOLD)


def test_every_article_at_its_place(gs):
    """A numbered item titled by its county counts in the numbering; a bracketed writer closes an item;
    ① briefs in a 简讯 column; 东乡县 in a 临夏 issue is 东乡族自治县; a town after its county in a title
    (临夏市八坊街道实行…) is the article's place."""
    blind_gold.assert_articles_at_places(gs, GOLD, 19)
